"""No output of a period loads anything from outside itself, whatever the notes say.

A period is rendered whose notes carry every hostile form (a Markdown image, raw <img>, <link rel=stylesheet>,
<iframe>, <script src>, a style="background:url(…)", an @import, a file:/// image) and every output is scanned:
each HTML with an HTML parser (src, srcset, the href of <link>, url() in a style, @import), the PDFs' link
annotations with pypdf, the Word files' relationships. Plain links are allowed: in a PDF only to an address the
notes wrote as a link, in a Word file only as a hyperlink, never an image.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from bantin.model.periods import Period
from bantin.render.pipeline import run_report
from helpers import small_project

pytestmark = pytest.mark.slow  # it renders bulletins

OUTSIDE = "http://203.0.113.7"
LINK = "https://example.org/bien-ban"
HOSTILE_NOTES = f"""---
meeting_date: 2024-06-21
meeting_time_of_day: chiều
organiser: Ban Dân vận Tỉnh ủy
---

Xem ![ảnh theo dõi]({OUTSIDE}/theo-doi.png) và [biên bản]({LINK}).

<img src="{OUTSIDE}/a.png" srcset="{OUTSIDE}/b.png 2x" onerror="alert(1)">

<link rel="stylesheet" href="{OUTSIDE}/s.css">

<iframe src="{OUTSIDE}/f.html"></iframe>

<script src="{OUTSIDE}/s.js"></script>

<p style="background:url({OUTSIDE}/nen.png)">nền</p>

<style>@import url({OUTSIDE}/i.css);</style>

![tệp](file:///etc/passwd) [mở](javascript:alert(1))
"""
_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)", re.I)


class _Loads(HTMLParser):
    """What an HTML page would load: (tag, attribute, address), data: addresses aside."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name in ("src", "poster", "data", "background") or (name == "href" and tag == "link"):
                self._add(tag, name, value)
            elif name == "srcset":
                for part in value.split(","):
                    self._add(tag, name, part.strip().split(" ")[0])
            elif name == "style":
                for address in _URL.findall(value):
                    self._add(tag, name, address)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            if "@import" in data:
                self.found.append(("style", "@import", data))
            for address in _URL.findall(data):
                self._add("style", "url()", address)

    def _add(self, tag, name, address):
        if address and not address.startswith("data:") and not address.startswith("#"):
            self.found.append((tag, name, address))


def test_no_output_of_a_period_loads_anything_from_outside_itself(tmp_path):
    project = small_project(tmp_path / "project")
    project.notes_file(Period.parse("2024H1"), "dong-bang").write_text(HOSTILE_NOTES, encoding="utf-8")
    run_report(project, Period.parse("2024H1"), ["dong-bang"], jobs=1, log=lambda line: None)
    outputs = sorted(path for path in project.outputs_dir.rglob("*") if path.is_file())
    assert any(path.name == "dong-bang.pdf" for path in outputs)

    for page in (path for path in outputs if path.suffix == ".html"):
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], page.name
    for pdf in (path for path in outputs if path.suffix == ".pdf"):
        for number, page in enumerate(PdfReader(pdf).pages, start=1):
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                action = annotation.get("/A")
                action = action.get_object() if action is not None else {}
                assert action.get("/S") in (None, "/URI", "/GoTo"), (pdf.name, number, action)
                assert "/F" not in action and "/Launch" not in action, (pdf.name, number, action)
                if action.get("/S") == "/URI":
                    assert action["/URI"] == LINK, (pdf.name, number, action)
    for document in (path for path in outputs if path.suffix == ".docx"):
        with zipfile.ZipFile(document) as archive:
            for name in (name for name in archive.namelist() if name.endswith(".rels")):
                for relationship in re.findall(r"<Relationship [^>]*>", archive.read(name).decode("utf-8")):
                    if 'TargetMode="External"' in relationship:
                        assert relationship.count("/relationships/hyperlink") == 1, (document.name, relationship)
                        assert f'Target="{LINK}"' in relationship, (document.name, relationship)
