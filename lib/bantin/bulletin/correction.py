"""What a correction says: a bulletin's sentences, those whose wording changed since its issue, and the blocks of
the "Đính chính" notice that lists them with the changed figures.

When a period already issued is issued again (``make issue`` after figures changed), the new issue corrects the
one before it. Its notice is built as the bulletins are: typed blocks (``document``), each with its HTML fragment
(``templates/``), every word from ``data/reference/narrative.j2``'s ``correction``; ``render.correction`` displays
them in a notebook and renders the notice's HTML, PDF and Word file with the bulletins' exporters.

``sentences`` reads a rendered bulletin's sentences from its blocks' JSON (what an issue keeps, ``noi-dung.json``);
``sentence_changes`` aligns an issued bulletin's sentences with the current ones.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, replace

import nbformat

from bantin import formatting
from bantin.build.issues import FigureChange
from bantin.bulletin import narrative
from bantin.bulletin.blocks import FRAGMENTS, closing_of, head_of
from bantin.bulletin.document import MIMETYPE, Block, Cell, Heading, Paragraph, Row, Run, Table, runs
from bantin.bulletin.heading import head_lines, issuer
from bantin.model import site_wording
from bantin.model.periods import Period
from bantin.model.reference import Reference
from bantin.model.register import Issue
from bantin.model.text import nfc

LEFT_OUT = ("head", "closing", "chart")  # the head's number and date always differ; the end is the same each time
# A sentence ends at ". ", "? " or "! " (its closing quotes and brackets kept with it), or at its paragraph's end;
# "4.819" and "57,7%" end nothing.
_SENTENCE_END = re.compile(r"([.?!]+[”’\"'»)\]]*)\s+")
_SPACE = re.compile(r"\s+")


# -- a bulletin's sentences -----------------------------------------------------------------------------------------
def sentences(notebook: nbformat.NotebookNode) -> list[str]:
    """The sentences of a rendered bulletin, in reading order, NFC: the text of its displayed blocks' paragraphs,
    headings, list items, quotations and notes (``document.MIMETYPE``), split at each sentence's end. The head (its
    number and date differ between issues), the end ("Nơi nhận", signer) and the charts are left out, and so are
    the tables: they are figures, compared as figures."""
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else ():
            block = output.get("data", {}).get(MIMETYPE)
            block = json.loads(block) if isinstance(block, str) else block
            if block and block.get("kind") not in LEFT_OUT:
                for text in _texts(block.get("content", [])):
                    found += split(text)
    return found


def _texts(content: list[dict]):
    """The text of each paragraph of ``content`` (a block's elements), in order."""
    for element in content:
        kind = element["kind"]
        if kind in ("paragraph", "heading"):
            yield "".join(run.get("text", " ") for run in element.get("runs", ()))  # a line break reads as a space
        elif kind == "list":
            for item in element["items"]:
                yield from _texts(item)
        elif kind == "quote":
            yield from _texts(element["content"])
        elif kind == "code":
            yield element["text"]


def split(text: str) -> list[str]:
    """The sentences of one paragraph's text (white space collapsed as the page shows it), NFC."""
    text = _SPACE.sub(" ", nfc(text)).strip()
    return [part for part in _SENTENCE_END.sub("\\1\n", text).split("\n") if part]


def sentence_changes(issued: list[str], current: list[str]) -> list[tuple[str, str]]:
    """(old, new) for each sentence whose wording changed, aligned by difflib's ``SequenceMatcher`` on the two
    lists of sentences: ("", new) for a sentence added, (old, "") for one removed; nothing where they are equal."""
    changes = []
    matcher = difflib.SequenceMatcher(None, issued, current, autojunk=False)
    for operation, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if operation == "equal":
            continue
        old, new = issued[old_from:old_to], current[new_from:new_to]
        paired = min(len(old), len(new))
        changes += list(zip(old[:paired], new[:paired], strict=True))
        changes += [(sentence, "") for sentence in old[paired:]]
        changes += [("", sentence) for sentence in new[paired:]]
    return changes


# -- the notice ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FigureRow:
    """A row of the notice's table: where the figure is, and what the issue printed and what it is now."""

    unit: str
    indicator: str
    half: str  # the half-year's label, for a year's notice; "" otherwise
    issued: str
    current: str


@dataclass
class Notice:
    """The "Đính chính" of ``issue``, which corrects ``replaced``, the period's previous issue."""

    reference: Reference
    period: Period
    issue: Issue
    replaced: Issue
    figures: list[FigureChange]
    sentences: dict[str, list[tuple[str, str]]]  # by scope, in the period's scope order

    @property
    def words(self) -> narrative.Entries:
        return narrative.wording_of(self.reference).plain.correction

    @property
    def organisation(self) -> dict:
        """The issuing body on the correction's date."""
        return issuer(self.reference, self.period, self.issue)

    @property
    def subject(self) -> str:
        """ "Bản tin công tác dân vận số 07-BT/BTGDVTU ngày 02/01/2027 (6 tháng đầu năm 2026)"."""
        return self._fill("subject", reference=self.replaced.reference, date=self.replaced.date_numeric)

    @property
    def title(self) -> str:
        """The document's title (its properties, the page's title)."""
        return self._fill("document_title", reference=self.issue.reference, subject=self.subject)

    def blocks(self) -> list[Block]:
        """The notice's blocks, in the page's order."""
        opening = self._fill("opening", body=self.organisation["issuing_body_title"], subject=self.subject)
        found = [self.head(), self._paragraph(opening)]
        if self.figures:
            found.append(self.figures_table())
        if any(self.sentences.values()):
            found.append(self.sentence_list())
        closing = self._fill(
            "closing",
            reference=self.issue.reference,
            replaced=self.replaced.reference,
            date=self.replaced.date_numeric,
        )
        return [*found, self._paragraph(closing), self.closing()]

    def head(self) -> Block:
        """The head of Hướng dẫn 36-HD/VPTW with the correction's number and date, its title and subject."""
        words = narrative.wording_of(self.reference).plain.words  # the bulletins' head words
        head = head_lines(self.reference, self.period, words, self.issue)
        titled = replace(head, organisation=head.organisation | {"bulletin_title": self.words["title"]})
        return head_of(titled, self.subject, self._render)

    def rows(self) -> list[FigureRow]:
        """The changed figures as the table shows them: names and labels of the period, numbers as bulletins write
        them, "–" where there was or is no figure."""
        reference = self.reference
        labels = {code: indicator.label for code, indicator in reference.indicators_in(self.period).items()}
        names: dict[str, dict[str, str]] = {}  # by half-year: each unit's name then
        found = []
        for change in self.figures:
            half = Period.parse(change.period)
            if change.period not in names:
                names[change.period] = {
                    unit.code: unit.name for unit in reference.units(half, predecessors=True, silent=True)
                }
            name = names[change.period].get(change.unit) or reference.unit_names.get(change.unit, change.unit)
            label = labels.get(change.indicator) or reference.indicators[change.indicator].label  # else its latest
            found.append(
                FigureRow(
                    name,
                    label,
                    half.label if self.period.is_year else "",
                    self._figure(change.issued),
                    self._figure(change.current),
                )
            )
        return found

    def figures_table(self) -> Block:
        words, year = self.words, self.period.is_year
        headings = [words["unit"], words["indicator"], *([words["half"]] if year else []), words["issued"]]
        headings.append(words["current"])
        labels = 3 if year else 2  # the columns of words; the others are figures
        header = Row(tuple(Cell(runs(text), label=index < labels) for index, text in enumerate(headings)), header=True)
        rows = self.rows()
        body = [
            Row(
                (
                    Cell(runs(row.unit), label=True),
                    Cell(runs(row.indicator), label=True),
                    *([Cell(runs(row.half), label=True)] if year else []),
                    Cell(runs(row.issued)),
                    Cell(runs(row.current)),
                )
            )
            for row in rows
        ]
        title = words["figures_heading"]
        html = self._render("correction_figures.html.j2", title=title, headings=headings, labels=labels, rows=rows)
        return Block("figures", (Heading(runs(title)), Table((header, *body))), html)

    def sentence_list(self) -> Block:
        """Each bulletin whose wording changed, by name, then each change: what was printed, what it now reads."""
        words = self.words
        scopes = []
        content: list = [Heading(runs(words["sentences_heading"]))]
        for scope, changes in self.sentences.items():
            if not changes:
                continue
            name = narrative.scope_name(self.reference, scope, self.period)
            lines = [
                (words[key], site_wording.fill(words["quoted"], sentence=sentence))
                for old, new in changes
                for key, sentence in (("printed", old), ("now", new))
                if sentence
            ]
            scopes.append((name, lines))
            content.append(Heading(runs(name), "subsection"))
            content += [Paragraph((Run(label, italic=True), Run(f" {text}"))) for label, text in lines]
        html = self._render("correction_sentences.html.j2", title=words["sentences_heading"], scopes=scopes)
        return Block("paragraphs", tuple(content), html)

    def closing(self) -> Block:
        """ "Nơi nhận" and the signer, as the bulletins' end (``blocks.Bulletin.closing``), of the body in force."""
        recipients = narrative.wording_of(self.reference).plain.words["recipients"]
        return closing_of(self.organisation, recipients, self._render)

    def _paragraph(self, text: str) -> Block:
        return Block(
            "paragraphs",
            (Paragraph(runs(text)),),
            self._render("paragraphs.html.j2", paragraphs=[text], css="correction"),
        )

    def _figure(self, value: str) -> str:
        return formatting.count(float(value)) if value.strip() else self.words["no_figure"]

    def _fill(self, key: str, **parts: str) -> str:
        """The words of ``key`` with their ``{reference}``, ``{date}``, ``{period}``, … filled in."""
        return site_wording.fill(self.words[key], period=self.period.label, **parts)

    def _render(self, template: str, **context) -> str:
        return FRAGMENTS.get_template(template).render(words=self.words, **context)
