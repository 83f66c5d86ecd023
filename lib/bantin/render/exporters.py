"""nbconvert exporters of the bulletins, registered under the ``nbconvert.exporters`` entry point.

``jupyter nbconvert --to bantin_html notebook.ipynb`` and ``--to bantin_pdf`` render an executed
bulletin exactly as ``make report`` does: the pipeline calls these same classes.
"""

from __future__ import annotations

import logging
import warnings
from functools import cache
from pathlib import Path

from nbconvert.exporters import Exporter, HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from traitlets import default

from bantin.render import fonts, native_libraries

# Before WeasyPrint loads fontconfig: the project's fonts and font settings only, never the machine's.
fonts.use_own_configuration()
native_libraries.import_weasyprint()  # its system libraries by their sonames, without a program run per name
# WeasyPrint subsets the fonts it embeds with the system's HarfBuzz-Subset where that library is installed, and
# with fontTools (pinned in the lock) where it is not: the two give different bytes, and so do HarfBuzz's
# versions. fontTools does it on every machine. (WeasyPrint warns that it will one day require HarfBuzz-Subset:
# the day the lock brings such a WeasyPrint, this choice is to be made again.)
warnings.filterwarnings("ignore", message="HarfBuzz-Subset will be required", category=DeprecationWarning)
import weasyprint.pdf.fonts  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

weasyprint.pdf.fonts.harfbuzz_subset = None
logging.getLogger("weasyprint").addFilter(lambda record: "instead of HarfBuzz-Subset" not in record.getMessage())

TEMPLATES = Path(__file__).parent / "templates"


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

    @default("optimistic_validation")
    def _optimistic_validation_default(self):
        return True  # the notebook is validated once, after the preprocessors, not after each of the eleven

    def from_notebook_node(self, nb, resources=None, **kw):
        """The page, as ``HTMLExporter`` makes it but for its last pass, which parses the page again with
        BeautifulSoup to give an image without alternative text an English one and make JupyterLab's cells
        focusable, and writes it out in its own spelling (attributes sorted, ``<meta/>``): a bulletin has neither
        (its charts are SVG, its blocks no JupyterLab cells), and the pass cost half the page's time. The page is
        the template's output, as the template writes it."""
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name"))
        highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        self.register_filter("highlight_code", highlight_code)
        # The outputs' mime types, in the exporter's order of preference: what the filter reads of the notebook's
        # metadata is the widgets' state, and a bulletin has no widget.
        data_type = WidgetsDataTypeFilter(notebook_metadata={}, parent=self, resources=resources)
        self.register_filter("filter_data_type", data_type)
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


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


def notebook_to_html(notebook) -> str:
    """The bulletin page of an executed notebook, by this process's one exporter (its templates loaded once)."""
    return _html_exporter().from_notebook_node(notebook)[0]


@cache
def _html_exporter() -> BulletinHTMLExporter:
    return BulletinHTMLExporter()


def html_to_pdf(html: str) -> bytes:
    """The PDF of a bulletin page, A4 as its stylesheet says, with the fonts above embedded."""
    configuration = FontConfiguration()
    serif = tuple((fonts.FAMILY, weight, style, file) for weight, style, file in fonts.faces())
    faces = "\n".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{file.as_uri()}"); }}'
        for family, weight, style, file in serif + fonts.CHART_FONTS
    )
    stylesheet = CSS(string=faces, font_config=configuration)
    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(stylesheets=[stylesheet], font_config=configuration)
