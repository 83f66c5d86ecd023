"""nbconvert exporters of the bulletins, registered under the ``nbconvert.exporters`` entry point.

``jupyter nbconvert --to bantin_html notebook.ipynb`` and ``--to bantin_pdf`` render an executed
bulletin exactly as ``make report`` does: the pipeline calls these same classes.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from nbconvert.exporters import Exporter, HTMLExporter
from traitlets import default
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from bantin.render.fonts import FAMILY
from bantin.render.fonts import faces as static_faces

TEMPLATES = Path(__file__).parent / "templates"
_MATPLOTLIB_FONTS = (
    Path(importlib.util.find_spec("matplotlib").origin).parent / "mpl-data" / "fonts" / "ttf"
)  # without importing it
# The PDF embeds the fonts the page asks for from files installed with the packages, never from the
# system: Noto Serif (static instances of its variable fonts: ``fonts``) for the text, matplotlib's DejaVu Sans
# beside it for the charts.
CHART_FONTS = (
    ("DejaVu Sans", "normal", "normal", _MATPLOTLIB_FONTS / "DejaVuSans.ttf"),
    ("DejaVu Sans", "bold", "normal", _MATPLOTLIB_FONTS / "DejaVuSans-Bold.ttf"),
)


class BulletinHTMLExporter(HTMLExporter):
    """One self-contained HTML page: the notebook's displayed blocks, no code, no outside address.

    The notebooks' markdown cells are left out: they tell the analyst in JupyterLab what each block
    shows and where its words come from, and are not part of the bulletin.
    """

    export_from_notebook = "Bản tin (HTML)"

    @default("template_name")
    def _template_name_default(self):
        return "bulletin"

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self):
        return [str(TEMPLATES)]

    @default("exclude_input")
    def _exclude_input_default(self):
        return True

    @default("exclude_markdown")
    def _exclude_markdown_default(self):
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self):
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self):
        return True


class BulletinPDFExporter(Exporter):
    """An A4 PDF of the bulletin HTML, drawn by WeasyPrint with the fonts embedded and pages numbered."""

    export_from_notebook = "Bản tin (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self):
        return ".pdf"

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = BulletinHTMLExporter(parent=self).from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".pdf"
        return html_to_pdf(html), resources


def html_to_pdf(html: str) -> bytes:
    """The PDF of a bulletin page, A4 as its stylesheet says, with the fonts above embedded."""
    fonts = FontConfiguration()
    serif = tuple((FAMILY, weight, style, file) for weight, style, file in static_faces())
    faces = "\n".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{file.as_uri()}"); }}'
        for family, weight, style, file in serif + CHART_FONTS
    )
    stylesheet = CSS(string=faces, font_config=fonts)
    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(stylesheets=[stylesheet], font_config=fonts)
