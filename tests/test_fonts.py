"""The fonts the renders see: static faces of Noto Serif made once for the environment, the same whenever made,
and a fontconfig configuration of the project's."""

from __future__ import annotations

import os
from xml.etree import ElementTree

import fontpkg_noto_serif
import pytest
from fontTools.ttLib import TTFont

from bantin.render import fonts


def test_the_four_faces_are_static_and_dated_as_their_variable_fonts():
    made = fonts.faces()
    assert [(weight, style) for weight, style, _ in made] == [
        ("normal", "normal"),
        ("bold", "normal"),
        ("normal", "italic"),
        ("bold", "italic"),
    ]
    for weight, style, path in made:
        face = TTFont(path)
        source = TTFont(fontpkg_noto_serif.ROOT / "files" / fonts.SOURCES[style])
        assert "fvar" not in face and "gvar" not in face  # WeasyPrint has nothing left to instance
        assert face["OS/2"].usWeightClass == fonts.WEIGHTS[weight]
        assert face["head"].modified == source["head"].modified  # not the day it was made


@pytest.mark.slow  # makes a face from the variable font: a few seconds
def test_a_face_made_again_later_is_byte_for_byte_the_one_kept(monkeypatch):
    monkeypatch.setattr("time.time", lambda: 2_000_000_000.0)
    _, _, kept = fonts.faces()[1]
    assert fonts.static_instance(fontpkg_noto_serif.ROOT / "files" / fonts.SOURCES["normal"], 700) == kept.read_bytes()


def test_the_renders_read_the_projects_font_configuration_which_includes_nothing_of_the_machines():
    import bantin.render.exporters  # noqa: F401  (sets it for its process, before WeasyPrint loads fontconfig)

    assert os.environ["FONTCONFIG_FILE"] == str(fonts.configuration())
    root = ElementTree.parse(fonts.configuration()).getroot()
    assert [folder.text for folder in root.iter("dir")] == [str(fonts.MATPLOTLIB_FONTS)]
    assert list(root.iter("include")) == []  # neither /etc/fonts nor the user's ~/.fonts
    assert {alias.find("family").text for alias in root.iter("alias")} == {"serif", "sans-serif", "monospace"}


def test_fonts_are_subset_by_fonttools_whatever_the_machine_has_installed():
    """WeasyPrint would use the system's HarfBuzz-Subset where it is installed: other bytes than fontTools'."""
    import weasyprint.pdf.fonts

    import bantin.render.exporters  # noqa: F401

    assert weasyprint.pdf.fonts.harfbuzz_subset is None
