"""The bulletins' serif in their PDFs: static instances of Noto Serif, made once for each environment.

fontpkg-noto-serif ships Noto Serif as two variable fonts (upright and italic). Given a variable font, WeasyPrint
makes a static instance of each face it uses, for every PDF, with fontTools and glyph by glyph: a fifth of a
bulletin's PDF time and most of a cover's. ``faces`` makes the four faces the pages use (regular, bold, italic,
bold italic) once, with the call WeasyPrint makes (``instantiateVariableFont(…, static=True)``), and keeps them in
the environment, beside the packages they are made from (``<prefix>/share/bantin/fonts/<key>/``, the key naming
the source fonts and fontTools: a new environment or font package makes them again). Each keeps its variable
font's date, so that the PDFs' bytes never depend on when the instances were made.

``make`` makes them while it sets the environment up (``python -m bantin.render.fonts``); a process that finds
them missing makes them itself, one process at a time (a lock in the folder).
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import os
import sys
from functools import cache
from pathlib import Path

import fontpkg_noto_serif
import fontTools

FAMILY = "Noto Serif"
SOURCES = {"normal": "NotoSerif[wdth,wght].ttf", "italic": "NotoSerif-Italic[wdth,wght].ttf"}  # by style
WEIGHTS = {"normal": 400, "bold": 700}
FOLDER = Path(sys.prefix) / "share" / "bantin" / "fonts"


@cache
def faces() -> tuple[tuple[str, str, Path], ...]:
    """(CSS weight, CSS style, file) of each static face, made first if it is not there yet."""
    sources = {style: fontpkg_noto_serif.ROOT / "files" / name for style, name in SOURCES.items()}
    key = hashlib.sha256(fontTools.version.encode())
    for path in sources.values():
        key.update(path.read_bytes())
    folder = FOLDER / key.hexdigest()[:16]
    wanted = tuple(
        (weight, style, folder / f"NotoSerif-{weight}-{style}.ttf") for style in SOURCES for weight in WEIGHTS
    )
    if not all(path.is_file() for _, _, path in wanted):
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another process making them: wait, then find them made
            for weight, style, path in wanted:
                if not path.is_file():
                    _write(path, static_instance(sources[style], WEIGHTS[weight]))
    return wanted


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
