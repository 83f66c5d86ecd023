"""The fonts the renders see: Liberation Serif, shipped with the package and covering every letter the bulletins
print, and a fontconfig configuration of the project's."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

from fontTools.ttLib import TTFont

from bantin.render import fonts

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
    assert [folder.text for folder in root.iter("dir")] == [str(fonts.MATPLOTLIB_FONTS)]
    assert list(root.iter("include")) == []  # neither /etc/fonts nor the user's ~/.fonts
    assert {alias.find("family").text for alias in root.iter("alias")} == {"serif", "sans-serif", "monospace"}
    serif = next(alias for alias in root.iter("alias") if alias.find("family").text == "serif")
    assert serif.find("prefer/family").text == "Liberation Serif"


def test_fonts_are_subset_by_fonttools_whatever_the_machine_has_installed():
    """WeasyPrint would use the system's HarfBuzz-Subset where it is installed: other bytes than fontTools'."""
    import weasyprint.pdf.fonts

    import bantin.render.exporters  # noqa: F401

    assert weasyprint.pdf.fonts.harfbuzz_subset is None
