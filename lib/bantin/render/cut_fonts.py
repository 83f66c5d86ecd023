"""The charts' DejaVu Sans cut to the letters a bulletin writes, for WeasyPrint to subset quickly.

WeasyPrint subsets every font a PDF embeds with fontTools, keeping each glyph's number (``retain_gids``), so its
time goes with the glyphs the font has, not with the few the PDF uses. matplotlib's DejaVu Sans has 6 241 (Latin,
Greek, Cyrillic, Arabic, symbols, …); a chart writes Vietnamese, digits and punctuation. Cut to those
(``LETTERS``: about 570 glyphs), it is subset in a fifth of the time: 0,045 s less for every PDF with a chart.

The cut faces keep DejaVu Sans's outlines, advances, kerning and layout tables for the letters they keep, under a
name of their own (``FAMILY``), so that fontconfig can tell the two apart: ``fonts.conf`` shows both and puts the
cut one first wherever "DejaVu Sans" is asked for (a chart's SVG asks for it by name), so that a letter it lacks
comes from matplotlib's whole DejaVu Sans, as before. The pages look the same to the pixel; a PDF lists "DejaVu
Sans VN" among its fonts (and "DejaVu Sans" too, for a letter outside the cut).

``folder`` makes the faces from matplotlib's files with fontTools (both pinned in the lock) the first time they are
asked for, into a folder named by what they are made of: the same files give the same bytes on any machine.
DejaVu's licence (Bitstream Vera's; DejaVu's own changes are in the public domain) lets a changed copy be made under
a name with neither "Bitstream" nor "Vera" in it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
from pathlib import Path

FAMILY = "DejaVu Sans VN"
# (matplotlib's face, the cut face's file, its name's style): the faces a chart draws with.
FACES = (
    ("DejaVuSans.ttf", "DejaVuSansVN.ttf", "Book"),
    ("DejaVuSans-Bold.ttf", "DejaVuSansVN-Bold.ttf", "Bold"),
)
# What a chart writes: Latin letters with Vietnamese's (Ơ ơ Ư ư and the tone marks, composed or combining), digits,
# punctuation, dashes and quotes, the đồng and euro signs, №, ™, arrows, the minus sign, ≈ ≠ ≤ ≥.
LETTERS = (
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    0x1A0,
    0x1A1,
    0x1AF,
    0x1B0,
    *range(0x300, 0x324),
    *range(0x1EA0, 0x1EFA),
    *range(0x2010, 0x2028),
    *range(0x2030, 0x203B),
    0x20AB,
    0x20AC,
    0x2116,
    0x2122,
    *range(0x2190, 0x2196),
    0x2212,
    0x2248,
    0x2260,
    0x2264,
    0x2265,
)
_MADE_BY = "bantin: DejaVu Sans cut to the Latin and Vietnamese letters, for the charts of the bulletins' PDFs"
_NAMES = 1, 3, 4, 6, 16  # family, unique, full, PostScript, typographic family: named anew


def folder(parent: Path, matplotlib_fonts: Path) -> Path:
    """The folder of the cut faces under ``parent``, made first if it is not there: named by a digest of
    matplotlib's faces, fontTools's version and ``LETTERS``, so that a change of any of them makes new faces."""
    sources = [matplotlib_fonts / source for source, _, _ in FACES]
    digest = hashlib.sha256(repr((LETTERS, _MADE_BY, importlib.metadata.version("fonttools"))).encode())
    for source in sources:
        digest.update(source.read_bytes())
    target = parent / f"dejavu-sans-vn-{digest.hexdigest()[:16]}"
    if all((target / cut).is_file() for _, cut, _ in FACES):
        return target
    parent.mkdir(parents=True, exist_ok=True)
    temporary = parent / f".{target.name}.{os.getpid()}.tmp"
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    for source, (_, cut, style) in zip(sources, FACES, strict=True):
        (temporary / cut).write_bytes(cut_face(source, style))
    try:
        os.rename(temporary, target)  # whole or not at all; another process may have made the same meanwhile
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)
    for stale in parent.glob("dejavu-sans-vn-*"):
        if stale != target:
            shutil.rmtree(stale, ignore_errors=True)
    return target


def cut_face(source: Path, style: str) -> bytes:
    """``source`` with only the glyphs of ``LETTERS`` (and those its layout tables reach from them), named
    ``FAMILY``; its dates and everything else as they were."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options(
        layout_features=["*"],  # kerning, ligatures, marks: the text shapes as it did
        name_IDs=["*"],
        name_languages=["*"],
        legacy_kern=True,
        notdef_outline=True,
        glyph_names=False,
        hinting=False,  # the renders never hint (``fonts.SETTINGS``)
        recalc_timestamp=False,
    )
    options.drop_tables += ["FFTM"]  # FontForge's own dates
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=LETTERS)
    subsetter.subset(font)
    postscript = FAMILY.replace(" ", "") + ("" if style == "Book" else f"-{style}")
    full = FAMILY if style == "Book" else f"{FAMILY} {style}"
    names = {1: FAMILY, 3: f"{postscript}; {_MADE_BY}", 4: full, 6: postscript, 16: FAMILY}
    for record in font["name"].names:
        if record.nameID in _NAMES:
            record.string = names[record.nameID]
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()
