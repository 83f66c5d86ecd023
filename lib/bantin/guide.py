"""The analysts' guide, ``docs/huong-dan/``: its pictures, made from the sample, and its PDF.

``make guide-images`` (``python -m bantin.guide images``) renders the sample's 2026H1 in a scratch copy of the
project, writes one 2026H2 template, and takes the guide's pictures of them (``PICTURES``): Chromium screenshots
of ``outputs/index.html`` and the period's ``validation.html``, ``pdftoppm`` of page 1 of a cluster's bulletin
and of the printable set, and the template through LibreOffice (to PDF, then ``pdftoppm``). It writes them into
``docs/huong-dan/hinh/``, where they are committed, with ``nguon.json``: for each picture, its source and the
hash of what the picture shows (``shown``: the visible text of the page, the PDF page or the workbook's cells,
whitespace collapsed), so that a test can tell when the pictures no longer show what the sample renders.

``make guide`` (``python -m bantin.guide pdf``) writes ``docs/huong-dan/huong-dan.pdf``: the chapters, in the order
the guide's README lists them, converted by mistune (the Markdown library of the meeting notes) into one page,
styled by the bulletin's stylesheet and the guide's own, and rendered by the bulletins' WeasyPrint path
(``render.exporters.html_to_pdf``: the project's fonts). Every word of it is in ``docs/huong-dan/``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from bantin import messages
from bantin.build.project import Project
from bantin.model.periods import Period

GUIDE = Path("docs") / "huong-dan"
IMAGES = GUIDE / "hinh"
RECORD = IMAGES / "nguon.json"
PDF = GUIDE / "huong-dan.pdf"
STYLESHEET = Path(__file__).parent / "render" / "templates" / "guide" / "guide.css"

SAMPLE = Period.parse("2026H1")  # the latest half-year of the sample: the merged city
TEMPLATE_PERIOD = Period.parse("2026H2")  # the chapters' example period
TEMPLATE_UNIT = "x-da-ban"
# Each picture: its source, relative to the rendered copy, how it is taken, and the page shown (a screenshot: the
# height of its window, in pixels).
PICTURES = {
    "muc-luc.png": ("outputs/index.html", "screenshot", 480),
    "kiem-tra.png": (f"outputs/{SAMPLE}/validation.html", "screenshot", 900),
    "ban-tin-trang-1.png": (f"outputs/{SAMPLE}/trung-tam.pdf", "page", 1),
    "tap-ban-tin-bia.png": (f"outputs/{SAMPLE}/tap-ban-tin.pdf", "page", 1),
    "mau-bao-cao.png": (f"data/templates/{TEMPLATE_PERIOD}/{TEMPLATE_UNIT}.xlsx", "workbook", 1),
}
TOOLS = {"screenshot": "chromium", "page": "pdftoppm", "workbook": "soffice"}
WIDTH = 1280  # the screenshots' window, in pixels
RESOLUTION = 80  # a PDF page's pixels per inch: an A4 page 662 pixels wide


def render_sample(destination: Path) -> Project:
    """A copy of the project's data and notebooks at ``destination``, with the sample's 2026H1 rendered and the
    example unit's 2026H2 template written: the sources of the pictures."""
    from bantin.intake.template import template_bytes, template_path
    from bantin.render.pipeline import run_report

    root = Project.find(None).root
    # The sample up to 2026H1: an analyst's later half-years (data/raw/2026H2/, its notes) are no part of it.
    later = [path.name for path in (root / "data" / "raw").iterdir() if path.name > str(SAMPLE)]
    for folder in ("data/reference", "data/raw", "data/notes", "notebooks"):
        shutil.copytree(
            root / folder, destination / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints", *later)
        )
    (destination / "data" / "processed").mkdir()
    (destination / "outputs").mkdir()
    project = Project(destination)
    run_report(project, SAMPLE, project.reference.scopes(SAMPLE), jobs=2, log=lambda line: None)
    [unit] = [unit for unit in project.reference.units(TEMPLATE_PERIOD) if unit.code == TEMPLATE_UNIT]
    path = template_path(project, TEMPLATE_PERIOD, TEMPLATE_UNIT)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template_bytes(project.reference, TEMPLATE_PERIOD, unit))
    return project


class _Text(HTMLParser):
    """The text a browser shows of a page: everything outside <style>, <script> and <head>."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("style", "script", "head")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("style", "script", "head")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def shown(path: Path, page: int | None = None) -> str:
    """What a picture of ``path`` shows, as text with its whitespace collapsed: a page's visible text, a PDF page's
    text, a workbook's cells (sheet by sheet)."""
    if path.suffix == ".html":
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        text = " ".join(parser.parts)
    elif path.suffix == ".pdf":
        from pypdf import PdfReader

        text = PdfReader(path).pages[page - 1].extract_text()
    else:
        import openpyxl

        workbook = openpyxl.load_workbook(path)
        text = " ".join(
            f"{sheet.title}: " + " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
            for sheet in workbook.worksheets
        )
    return " ".join(text.split())


def fingerprints(project_root: Path) -> dict[str, dict[str, str]]:
    """For each picture, its source and the sha256 of what it shows, from the files under ``project_root``."""
    return {
        name: {
            "source": source,
            "shown_sha256": hashlib.sha256(shown(project_root / source, page).encode("utf-8")).hexdigest(),
        }
        for name, (source, _, page) in PICTURES.items()
    }


def make_images(root: Path) -> list[Path]:
    """The pictures and ``nguon.json``, written into ``root``'s ``docs/huong-dan/hinh/``."""
    missing = sorted({tool for tool in TOOLS.values() if shutil.which(tool) is None})
    if missing:
        raise SystemExit(messages.GUIDE_TOOLS_MISSING.format(tools=", ".join(missing)))
    folder = root / IMAGES
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bantin-guide-") as scratch:
        scratch = Path(scratch)
        project = render_sample(scratch / "project")
        for name, (source, how, page) in PICTURES.items():
            _take(how, project.root / source, page, folder / name, scratch)
        record = fingerprints(project.root)
    (root / RECORD).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [folder / name for name in PICTURES] + [root / RECORD]


def _take(how: str, source: Path, page: int | None, target: Path, scratch: Path) -> None:
    if how == "screenshot":
        _run(
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            f"--user-data-dir={scratch / 'chromium'}", f"--window-size={WIDTH},{page}",
            f"--screenshot={target}", source.as_uri(),
        )  # fmt: skip
        return
    if how == "workbook":
        _run(
            "soffice", f"-env:UserInstallation={(scratch / 'libreoffice').as_uri()}", "--headless",
            "--convert-to", "pdf", "--outdir", str(scratch), str(source),
        )  # fmt: skip
        source = scratch / f"{source.stem}.pdf"
        if not source.is_file():  # soffice without Calc says so on its stderr only, and exits 0
            raise SystemExit(messages.GUIDE_TOOLS_MISSING.format(tools="LibreOffice Calc"))
    _run("pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page), "-l", str(page), "-singlefile",
         str(source), str(target.with_suffix("")))  # fmt: skip


def _run(*command: str) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# -- the PDF of the guide ------------------------------------------------------------------------------------------

_CHAPTER_LINK = re.compile(r'href="(\d\d-[a-z-]+)\.md(#[^"]*)?"')
_IMAGE = re.compile(r'src="(hinh/[^"]+\.png)"')


def chapters(root: Path) -> list[Path]:
    """The guide's README, then its chapters in the order the README links them."""
    readme = root / GUIDE / "README.md"
    listed = dict.fromkeys(re.findall(r"\]\((\d\d-[a-z-]+\.md)\)", readme.read_text(encoding="utf-8")))
    return [readme] + [root / GUIDE / name for name in listed]


def guide_html(root: Path) -> str:
    """The whole guide as one page: each chapter a section, the links between chapters within the page, the
    pictures inline."""
    import mistune

    markdown = mistune.create_markdown(plugins=["table"])
    sections = []
    for path in chapters(root):
        body = markdown(path.read_text(encoding="utf-8"))
        body = _CHAPTER_LINK.sub(lambda found: f'href="#{found.group(1)}"', body)
        body = _IMAGE.sub(lambda found: f'src="{_data_uri(root / GUIDE / found.group(1))}"', body)
        sections.append(f'<section class="chapter" id="{path.stem}">\n{body}</section>')
    title = (root / GUIDE / "README.md").read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    bulletin_css = (Path(__file__).parent / "render" / "templates" / "bulletin" / "bulletin.css").read_text()
    return (
        f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
        f"<style>\n{bulletin_css}\n{STYLESHEET.read_text()}\n</style>\n</head>\n"
        f'<body>\n<main class="guide">\n{"".join(sections)}\n</main>\n</body>\n</html>\n'
    )


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def make_pdf(root: Path) -> Path:
    """``docs/huong-dan/huong-dan.pdf``, through the bulletins' WeasyPrint path and fonts."""
    from bantin.render.exporters import html_to_pdf

    target = root / PDF
    target.write_bytes(html_to_pdf(guide_html(root)))
    return target


def main(argv: list[str] | None = None) -> int:
    [what] = argv if argv is not None else sys.argv[1:] or ["pdf"]
    root = Project.find(None).root
    written = make_images(root) if what == "images" else [make_pdf(root)]
    for path in written:
        print(messages.GUIDE_WRITTEN.format(path=path.relative_to(root)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
