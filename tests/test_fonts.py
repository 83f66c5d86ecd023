"""The fonts the renders see: Liberation Serif, shipped with the package and covering every letter the bulletins
print, and a fontconfig configuration of the project's."""

from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

from fontTools.ttLib import TTFont

from bantin.render import cut_fonts, fonts

ROOT = Path(__file__).resolve().parents[1]
# What a bulletin can print: its words (the wording files, the organisation), the names of the units, clusters and
# indicators, and the sample's notes and generator (the names it writes into the submissions).
PRINTED = [
    *sorted((ROOT / "data" / "reference").glob("*.j2")),
    *sorted((ROOT / "data" / "reference").glob("*.toml")),
    *sorted((ROOT / "data" / "reference").glob("*.csv")),
    *sorted((ROOT / "data" / "notes").rglob("*.md")),
    ROOT / "data" / "generate_sample.py",
]


def test_the_four_faces_are_liberation_serif_shipped_in_the_package_with_their_licence():
    assert [(weight, style) for weight, style, _ in fonts.faces()] == [
        ("normal", "normal"),
        ("bold", "normal"),
        ("normal", "italic"),
        ("bold", "italic"),
    ]
    for weight, style, path in fonts.faces():
        face = TTFont(path)
        assert path.parent == fonts.SERIF and path.is_relative_to(Path(fonts.__file__).parent)
        assert face["name"].getBestFamilyName() == fonts.FAMILY == "Liberation Serif"
        assert "fvar" not in face  # static: nothing for WeasyPrint to instance
        assert (face["OS/2"].usWeightClass >= 700) == (weight == "bold")
        assert bool(face["head"].macStyle & 0b10) == (style == "italic")
    assert "SIL Open Font License" in (fonts.SERIF / "COPYRIGHT").read_text(encoding="utf-8")


def test_every_letter_of_the_wording_files_and_the_sample_names_is_in_each_face():
    """Each face's cmap (fontTools) holds every character of the files a bulletin's words come from: no letter of
    Vietnamese falls back to another font."""
    wanted = set()
    for path in PRINTED:
        wanted |= set(unicodedata.normalize("NFC", path.read_text(encoding="utf-8")))
    wanted = {char for char in wanted if unicodedata.category(char)[0] != "C"}  # no line ends, tabs
    assert {"ạ", "ế", "ữ", "ỷ", "Đ", "Ố", "Ử"} <= wanted  # the files were read
    for _, _, path in fonts.faces():
        cmap = TTFont(path).getBestCmap()
        assert sorted(char for char in wanted if ord(char) not in cmap) == [], path.name


def test_the_renders_read_the_projects_font_configuration_which_includes_nothing_of_the_machines():
    import bantin.render.exporters  # noqa: F401  (sets it for its process, before WeasyPrint loads fontconfig)

    assert os.environ["FONTCONFIG_FILE"] == str(fonts.configuration())
    root = ElementTree.parse(fonts.configuration()).getroot()
    cut = cut_fonts.folder(fonts.FOLDER, fonts.MATPLOTLIB_FONTS)
    assert [folder.text for folder in root.iter("dir")] == [str(cut), str(fonts.MATPLOTLIB_FONTS)]
    assert cut.is_relative_to(fonts.FOLDER)  # the environment's, never the package's folder
    assert list(root.iter("include")) == []  # neither /etc/fonts nor the user's ~/.fonts
    aliases = {alias.find("family").text: alias.find("prefer/family").text for alias in root.iter("alias")}
    assert aliases == {
        "serif": "Liberation Serif",
        "sans-serif": "DejaVu Sans",
        "monospace": "DejaVu Sans Mono",
        "DejaVu Sans": "DejaVu Sans VN",  # the charts' cut DejaVu Sans first, the whole one behind it
    }


def test_the_charts_dejavu_sans_is_cut_to_the_letters_a_bulletin_writes_and_draws_them_as_before():
    """Each cut face has every letter the bulletins print that DejaVu Sans has, with the same outline and advance,
    under a name of its own; the same matplotlib files give the same bytes."""
    wanted = set()
    for path in PRINTED:
        wanted |= set(unicodedata.normalize("NFC", path.read_text(encoding="utf-8")))
    wanted = {char for char in wanted if unicodedata.category(char)[0] != "C"}
    folder = cut_fonts.folder(fonts.FOLDER, fonts.MATPLOTLIB_FONTS)
    for source, cut, _ in cut_fonts.FACES:
        whole, face = TTFont(fonts.MATPLOTLIB_FONTS / source), TTFont(folder / cut)
        assert face["name"].getBestFamilyName() == cut_fonts.FAMILY
        assert len(face.getGlyphOrder()) < len(whole.getGlyphOrder()) / 8  # what makes WeasyPrint's subsets fast
        whole_map, cut_map = whole.getBestCmap(), face.getBestCmap()
        assert sorted(char for char in wanted if ord(char) in whole_map and ord(char) not in cut_map) == []
        for code in cut_map:
            before, after = whole_map[code], cut_map[code]
            assert whole["hmtx"][before] == face["hmtx"][after], chr(code)
            assert (
                whole["glyf"][before].getCoordinates(whole["glyf"])[0]
                == face["glyf"][after].getCoordinates(face["glyf"])[0]
            ), chr(code)
        assert cut_fonts.cut_face(fonts.MATPLOTLIB_FONTS / source, "Book") == cut_fonts.cut_face(
            fonts.MATPLOTLIB_FONTS / source, "Book"
        )


def test_a_letter_the_cut_face_lacks_is_drawn_from_the_whole_dejavu_sans():
    """A chart's text asks for DejaVu Sans: its Vietnamese comes from the cut face, a Greek letter from the whole."""
    from pypdf import PdfReader

    from bantin.render.exporters import html_to_pdf

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text x="5" y="30" '
        'style="font-family: DejaVu Sans; font-size: 12px">Đồng Ω</text></svg>'
    )
    reader = PdfReader(io.BytesIO(html_to_pdf(f"<html><body>{svg}</body></html>")))
    embedded = {
        str(font["/BaseFont"]).split("+", 1)[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
        for font in [font.get_object()]
    }
    assert {"DejaVu-Sans-VN", "DejaVu-Sans"} <= embedded
    assert "Đồng Ω" in "".join(page.extract_text() for page in reader.pages)


def test_fonts_are_subset_by_fonttools_whatever_the_machine_has_installed():
    """WeasyPrint would use the system's HarfBuzz-Subset where it is installed: other bytes than fontTools'."""
    import weasyprint.pdf.fonts

    import bantin.render.exporters  # noqa: F401

    assert weasyprint.pdf.fonts.harfbuzz_subset is None
