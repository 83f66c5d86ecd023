"""The fonts the renders see, and only these: the machine's own fonts and font settings change no byte.

The bulletins' serif is Noto Serif (``fontpkg-noto-serif``), the charts' sans is the DejaVu Sans that matplotlib
ships; the PDFs embed both from those packages' files, through ``@font-face`` (``exporters``).

**Static faces.** fontpkg-noto-serif ships Noto Serif as two variable fonts (upright and italic). Given a
variable font, WeasyPrint makes a static instance of each face it uses, for every PDF, with fontTools and glyph
by glyph: a fifth of a bulletin's PDF time and most of a cover's. ``faces`` makes the four faces the pages use
(regular, bold, italic, bold italic) once, with the call WeasyPrint makes (``instantiateVariableFont(…,
static=True)``), and keeps them in the environment, beside the packages they are made from
(``<prefix>/share/bantin/fonts/<key>/``, the key naming the source fonts and fontTools: a new environment or
font package makes them again). Each keeps its variable font's date, so that the PDFs' bytes never depend on
when the instances were made.

**The fontconfig configuration.** WeasyPrint finds fonts through fontconfig, which by default reads the
machine's configuration: its fonts (a system "Noto Serif" or "DejaVu Sans" of another version can take the
place of ours, and fills in any glyph ours lack) and its settings. ``configuration`` writes, beside the faces,
a ``fonts.conf`` of the project's that sees matplotlib's fonts folder only (the fallback for a glyph Noto Serif
lacks), names the generic families after our fonts, and fixes the font settings; ``use_own_configuration``
points ``FONTCONFIG_FILE`` at it, for the process and the processes it starts.

``make`` makes them while it sets the environment up (``python -m bantin.render.fonts``); a process that finds
them missing makes them itself, one process at a time (a lock in the folder).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import importlib.util
import io
import os
import sys
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

FAMILY = "Noto Serif"
SOURCES = {"normal": "NotoSerif[wdth,wght].ttf", "italic": "NotoSerif-Italic[wdth,wght].ttf"}  # by style
WEIGHTS = {"normal": 400, "bold": 700}
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


def _sources() -> dict[str, Path]:
    """The variable fonts, by style."""
    import fontpkg_noto_serif  # here, not above: the kernels' environment needs the configuration only

    return {style: fontpkg_noto_serif.ROOT / "files" / name for style, name in SOURCES.items()}


@cache
def _folder() -> Path:
    """Where this environment keeps the faces: named after what they are made from."""
    import fontTools

    key = hashlib.sha256(fontTools.version.encode())
    for path in _sources().values():
        key.update(path.read_bytes())
    return FOLDER / key.hexdigest()[:16]


@cache
def faces() -> tuple[tuple[str, str, Path], ...]:
    """(CSS weight, CSS style, file) of each static face, made first if it is not there yet."""
    folder = _folder()
    wanted = tuple(
        (weight, style, folder / f"NotoSerif-{weight}-{style}.ttf") for style in SOURCES for weight in WEIGHTS
    )
    if not all(path.is_file() for _, _, path in wanted):
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another process making them: wait, then find them made
            for weight, style, path in wanted:
                if not path.is_file():
                    _write(path, static_instance(_sources()[style], WEIGHTS[weight]))
    return wanted


@cache
def configuration() -> Path:
    """The project's ``fonts.conf`` for this environment, written first if it is not there or says otherwise."""
    path = FOLDER / CONFIGURATION
    text = _configuration_text(FOLDER).encode()
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


def _configuration_text(folder: Path) -> str:
    """``fonts.conf``: matplotlib's fonts folder only, fontconfig's cache of it in ``folder``, the generic
    families named, the settings fixed. No ``<include>``: nothing of the machine's configuration is read."""
    aliases = "".join(
        f'  <alias binding="same"><family>{generic}</family><prefer><family>{family}</family></prefer></alias>\n'
        for generic, family in GENERIC.items()
    )
    settings = "".join(f'    <edit name="{name}" mode="assign">{value}</edit>\n' for name, value in SETTINGS.items())
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- The fonts the bulletins' renders see (bantin.render.fonts): the project's, never the machine's. -->\n"
        f"<fontconfig>\n  <dir>{escape(str(MATPLOTLIB_FONTS))}</dir>\n"
        f"  <cachedir>{escape(str(folder / 'fontconfig-cache'))}</cachedir>\n{aliases}"
        f'  <match target="font">\n{settings}  </match>\n'
        "  <config><rescan><int>0</int></rescan></config>\n</fontconfig>\n"
    )


def static_instance(source: Path, weight: int) -> bytes:
    """The face of ``source`` at ``weight`` and its default width, as a static font dated as ``source`` is."""
    from fontTools.ttLib import TTFont  # only when the faces are made: once for an environment
    from fontTools.varLib.instancer import instantiateVariableFont

    font = TTFont(source, recalcTimestamp=False)
    instance = instantiateVariableFont(font, {"wght": weight}, static=True)
    output = io.BytesIO()
    instance.save(output)
    return output.getvalue()


def _write(path: Path, content: bytes) -> None:
    """Whole or not at all: a process killed while writing leaves no half font behind."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


if __name__ == "__main__":  # make: once, while it sets the environment up
    for _, _, path in faces():
        print(path)
    print(configuration())
