"""The news item a cluster sends to the provincial paper and radio after its meeting: ``<cluster>.tin.txt``.

It has the form of the reference bulletin, which the paper printed as an article: the headline, the lead (the
meeting), the paragraphs of figures, then what the meeting discussed, from its notes; plain text, no table, no
chart. Its words are the bulletin's own (``narrative.j2`` and the notes), so the two never say different things.
The notebook displays it at the end of the HTML page, to copy from (never printed), and the run writes its text
beside the bulletin.
"""

from __future__ import annotations

from dataclasses import dataclass

import mistune

from bantin import messages
from bantin.bulletin.narrative import Narrative

BLOCK = "news-item"  # the output's metadata marks it: {"bantin": {"block": BLOCK}}
_markdown_tree = mistune.create_markdown(renderer=None)
_INLINE_BREAKS = ("softbreak", "linebreak")


@dataclass(frozen=True)
class NewsItem:
    """The news item's paragraphs (its headline first), and the HTML section that shows them in the page."""

    paragraphs: tuple[str, ...]
    html: str

    @property
    def text(self) -> str:
        """The file's content: one paragraph a line, a blank line between them."""
        return "\n\n".join(self.paragraphs) + "\n"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.text}, {"bantin": {"block": BLOCK}}


def is_news_item(output: dict) -> bool:
    """A notebook's output that is the news item: its metadata carries the marker ``NewsItem`` gives it."""
    return output.get("metadata", {}).get("bantin", {}).get("block") == BLOCK


def paragraphs(text: Narrative, notes_body: str, reported: bool) -> tuple[str, ...]:
    """Headline, lead, the paragraphs of figures (none of these but the lead when no unit has ``reported``), then
    the notes' paragraphs as plain text; an empty part is left out."""
    figures = [text.headline(), text.lead(), *text.paragraphs()] if reported else [text.lead()]
    return tuple(part for part in (*figures, *plain_paragraphs(notes_body)) if part)


def plain_paragraphs(markdown: str) -> list[str]:
    """The paragraphs of the notes' Markdown as plain text: emphasis and links kept as their words, a list's items
    one a paragraph ("- …", or "1. …" when numbered)."""
    found: list[str] = []
    for block in _markdown_tree(markdown):
        _collect(block, found, "")
    return found


def _collect(block: dict, found: list[str], prefix: str) -> None:
    kind = block["type"]
    if kind in ("paragraph", "block_text", "heading"):
        text = " ".join(_inline(block.get("children", [])).split())
        if text:
            found.append(prefix + text)
    elif kind == "block_code":
        found.extend(line for line in block.get("raw", "").splitlines() if line.strip())
    elif kind == "list":
        ordered = block.get("attrs", {}).get("ordered")
        for number, item in enumerate(block.get("children", []), start=1):
            marker = f"{number}. " if ordered else "- "
            for child in item.get("children", []):
                _collect(child, found, marker)
                marker = "  "  # an item's following paragraphs line up under its first
    else:
        for child in block.get("children", []):
            _collect(child, found, prefix)


def _inline(children: list[dict]) -> str:
    words = []
    for child in children:
        if child["type"] in _INLINE_BREAKS:
            words.append(" ")
        elif child["type"] == "image":  # as the bulletin shows it: its words and address
            alt = _inline(child.get("children", []))
            words.append(messages.NOTES_IMAGE.format(alt=alt, address=child.get("attrs", {}).get("url", "")))
        elif "children" in child:
            words.append(_inline(child["children"]))
        else:
            words.append(child.get("raw", ""))
    return "".join(words)
