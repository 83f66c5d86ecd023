"""The bulletin as a Word file (.docx), made from the executed notebook's displayed blocks, as the HTML and PDF are.

``notebook_to_docx`` walks the code cells' outputs in order: a block's JSON (``bulletin.document.MIMETYPE``)
becomes Word paragraphs and tables (``blocks``, ``tables``, ``writer``), a chart its PNG at print resolution.
The provenance line (which data, code and environment made it) goes into the document's properties (comments),
never on the page. The HTML is never read. The look is
``styles``' (Hướng dẫn 36-HD/VPTW: A4, Times New Roman, page numbers from page 2). ``jupyter nbconvert --to
bantin_docx notebook.ipynb`` runs the same code (``BulletinWordExporter``). The same notebook gives the same bytes:
fixed document properties, no dates, fixed zip dates and compression (``archives``).
"""

from __future__ import annotations

import base64
import io
import json
import zipfile

import nbformat
from docx import Document
from docx.oxml.ns import qn
from nbconvert.exporters import Exporter
from traitlets import default

from bantin.bulletin.document import MIMETYPE as BLOCK
from bantin.model.text import nfc
from bantin.render.archives import deterministic_zip
from bantin.render.word import blocks
from bantin.render.word.styles import empty_document
from bantin.render.word.writer import Writer

MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DISPLAYED = ("display_data", "execute_result")


def notebook_to_docx(notebook: nbformat.NotebookNode) -> bytes:
    """The Word file of an executed bulletin notebook: what its code cells display, in order (a block's JSON, else a
    PNG); titled ``metadata.title``, its provenance line (``metadata.bantin.footer``) in its comments. An output
    with neither (HTML alone, as the news item, which is on screen only; plain text, streams, errors) and the
    markdown cells are left out. Equal notebooks give equal bytes."""
    document = Document(io.BytesIO(empty_document()))
    writer = Writer(document)
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else ():
            data = output.get("data", {}) if output.get("output_type") in DISPLAYED else {}
            found = json.loads(data[BLOCK]) if isinstance(data.get(BLOCK), str) else data.get(BLOCK)
            if found and found.get("kind") != "chart":
                blocks.block(writer, found)
            elif "image/png" in data:
                png = data["image/png"]
                writer.picture(base64.b64decode("".join(png) if isinstance(png, list) else png))
    footer = nfc(notebook.metadata.get("bantin", {}).get("footer") or "")
    _properties(document, nfc(notebook.metadata.get("title", "")), writer.issuer, footer)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return deterministic_zip([(member.filename, package.read(member)) for member in package.infolist()])


def _properties(document, title: str, author: str, provenance: str) -> None:
    """The document's properties: its title, the issuing body as author, the provenance line as comments, and
    nothing that changes run to run."""
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, author, author
    properties.subject = properties.keywords = properties.category = ""
    properties.comments = provenance
    properties.language, properties.revision = "vi-VN", 1
    for stamp in ("dcterms:created", "dcterms:modified"):  # no date: the file is the same whenever it is made
        for element in properties._element.findall(qn(stamp)):
            properties._element.remove(element)


class BulletinWordExporter(Exporter):
    """The bulletin as a Word file (``notebook_to_docx``): ``jupyter nbconvert --to bantin_docx notebook.ipynb``."""

    export_from_notebook = "Bản tin (Word)"
    output_mimetype = MIMETYPE

    @default("file_extension")
    def _file_extension_default(self):
        return ".docx"

    def from_notebook_node(self, nb, resources=None, **kw):
        nb, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".docx"
        return notebook_to_docx(nb), resources
