"""The fonts the renders see, and only these: the machine's own fonts and font settings change no byte.

The bulletins' serif is Liberation Serif, metrically compatible with Times New Roman (each glyph as wide as Times
New Roman's), which the Word file names: a PDF and its Word file break their lines and pages alike. Its four faces
(regular, bold, italic, bold italic) are files of this package (``font_files/liberation-serif/``, from Debian's
fonts-liberation2 2.1.5, SIL Open Font License 1.1, its text in ``COPYRIGHT`` beside them): static fonts, nothing
to make. The charts' sans is the DejaVu Sans that matplotlib ships, which lays them out. The PDFs embed the serif
from its files, through ``@font-face`` (``exporters``), and the charts' DejaVu Sans as fontconfig finds it
(WeasyPrint draws an inline SVG's text by its family's name: the ``@font-face`` rules of ``CHART_FONTS`` change no
byte of a bulletin, measured by giving them another font's file): first a copy of it cut to the letters a bulletin
writes ("DejaVu Sans VN", ``cut_fonts``: the same glyphs, subset by WeasyPrint in a fifth of the time), then
matplotlib's own for any other letter.

**The fontconfig configuration.** WeasyPrint finds fonts through fontconfig, which by default reads the
machine's configuration: its fonts (a system "Liberation Serif" or "DejaVu Sans" of another version can take the
place of ours, and fills in any glyph ours lack) and its settings. ``configuration`` writes a ``fonts.conf`` of
the project's (in the environment, ``<prefix>/share/bantin/fonts/``) that sees the cut DejaVu Sans's folder beside
it and matplotlib's fonts folder only (the fallback for a glyph Liberation Serif lacks; the serif itself comes
through ``@font-face``, and its folder, in the package, is never given to fontconfig, which may write a cache or
``.uuid`` file into the folders it scans), names the generic families after our fonts ("serif" is Liberation Serif),
puts the cut DejaVu Sans first wherever DejaVu Sans is asked for, and fixes the font settings;
``use_own_configuration`` points ``FONTCONFIG_FILE`` at it, for the process and the processes it starts.

``make`` writes it, and cuts the DejaVu Sans, while it sets the environment up (``python -m bantin.render.fonts``);
a process that finds either missing or different makes it itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import os
import sys
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from bantin.render import cut_fonts

FAMILY = "Liberation Serif"
SERIF = Path(__file__).parent / "font_files" / "liberation-serif"  # package data (pyproject.toml)
# (CSS weight, CSS style, file) of each face the pages use.
FACES = (
    ("normal", "normal", SERIF / "LiberationSerif-Regular.ttf"),
    ("bold", "normal", SERIF / "LiberationSerif-Bold.ttf"),
    ("normal", "italic", SERIF / "LiberationSerif-Italic.ttf"),
    ("bold", "italic", SERIF / "LiberationSerif-BoldItalic.ttf"),
)
FOLDER = Path(sys.prefix) / "share" / "bantin" / "fonts"
MATPLOTLIB_FONTS = (
    Path(importlib.util.find_spec("matplotlib").origin).parent / "mpl-data" / "fonts" / "ttf"
)  # without importing it
# The charts' font in the PDF: (family, CSS weight, CSS style, file), from matplotlib's copy, as the charts draw it.
CHART_FONTS = (
    ("DejaVu Sans", "normal", "normal", MATPLOTLIB_FONTS / "DejaVuSans.ttf"),
    ("DejaVu Sans", "bold", "normal", MATPLOTLIB_FONTS / "DejaVuSans-Bold.ttf"),
)
CONFIGURATION = "fonts.conf"
# The settings a machine's configuration sets for every font, fixed: none changes a PDF's outlines, but
# hinting can change the metrics a line is laid out with.
SETTINGS = {
    "antialias": "<bool>true</bool>",
    "hinting": "<bool>false</bool>",
    "hintstyle": "<const>hintnone</const>",
    "autohint": "<bool>false</bool>",
    "embeddedbitmap": "<bool>false</bool>",
    "rgba": "<const>none</const>",
    "lcdfilter": "<const>lcdnone</const>",
}
GENERIC = {"serif": FAMILY, "sans-serif": "DejaVu Sans", "monospace": "DejaVu Sans Mono"}


def faces() -> tuple[tuple[str, str, Path], ...]:
    """(CSS weight, CSS style, file) of each face of the serif."""
    return FACES


@cache
def configuration() -> Path:
    """The project's ``fonts.conf`` for this environment, written first if it is not there or says otherwise
    (with the charts' cut DejaVu Sans, ``cut_fonts``, made first if it is not there)."""
    path = FOLDER / CONFIGURATION
    text = _configuration_text(FOLDER, cut_fonts.folder(FOLDER, MATPLOTLIB_FONTS)).encode()
    if not path.is_file() or path.read_bytes() != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, text)  # whole: a process that reads it meanwhile reads the old one or the new one
    return path


def use_own_configuration() -> None:
    """From now on, fontconfig in this process and the processes it starts reads the project's configuration,
    whatever the machine's (fontconfig reads ``FONTCONFIG_FILE`` each time a configuration is loaded)."""
    os.environ["FONTCONFIG_FILE"] = str(configuration())
    os.environ.pop("FONTCONFIG_SYSROOT", None)  # it would move every path of the configuration


def epoch(day: dt.date) -> int:
    """``day`` as SOURCE_DATE_EPOCH says a date: seconds since 1970 to its midnight, UTC."""
    return int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())


@contextlib.contextmanager
def dated(day: dt.date):
    """The fonts fontTools subsets meanwhile (a PDF's, in WeasyPrint) are dated ``day``: fontTools dates each font
    it writes from SOURCE_DATE_EPOCH, else from the clock. A run's workers have it set (``kernels.environment``)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch(day))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _configuration_text(folder: Path, cut: Path) -> str:
    """``fonts.conf``: the charts' cut DejaVu Sans (``cut``) and matplotlib's fonts folder only, fontconfig's cache
    of them in ``folder``, the generic families named, the cut DejaVu Sans first wherever DejaVu Sans is asked for,
    the settings fixed. No ``<include>``: nothing of the machine's configuration is read."""
    aliases = "".join(
        f'  <alias binding="same"><family>{generic}</family><prefer><family>{family}</family></prefer></alias>\n'
        for generic, family in GENERIC.items()
    )
    aliases += (  # after the generic families: "sans-serif" becomes DejaVu Sans, which then becomes the cut one first
        f'  <alias binding="strong"><family>{GENERIC["sans-serif"]}</family>'
        f"<prefer><family>{cut_fonts.FAMILY}</family></prefer></alias>\n"
    )
    settings = "".join(f'    <edit name="{name}" mode="assign">{value}</edit>\n' for name, value in SETTINGS.items())
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- The fonts the bulletins' renders see (bantin.render.fonts): the project's, never the machine's. -->\n"
        f"<fontconfig>\n  <dir>{escape(str(cut))}</dir>\n  <dir>{escape(str(MATPLOTLIB_FONTS))}</dir>\n"
        f"  <cachedir>{escape(str(folder / 'fontconfig-cache'))}</cachedir>\n{aliases}"
        f'  <match target="font">\n{settings}  </match>\n'
        "  <config><rescan><int>0</int></rescan></config>\n</fontconfig>\n"
    )


def _write(path: Path, content: bytes) -> None:
    """Whole or not at all: a process killed while writing leaves no half font behind."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


if __name__ == "__main__":  # make: once, while it sets the environment up
    print(configuration())
