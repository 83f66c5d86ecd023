"""The same inputs give the same bytes on any machine: whatever its fonts, font settings, time zone and locale.

Each case but the first renders the whole of 2024H1 in a fresh process (``bantin report``), as another machine
would, and compares every file it publishes with a render on this machine as it is.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
from fontTools.ttLib import TTFont

from bantin.bulletin.blocks import ClusterBulletin
from bantin.model.periods import Period
from bantin.render import fonts
from helpers import copy_project, published

H1 = Period.parse("2024H1")
BANTIN = Path(sys.executable).with_name("bantin")


def test_a_users_matplotlib_settings_change_no_chart(project, monkeypatch):
    """A matplotlibrc of the user's or the machine's sets matplotlib's settings before any chart is drawn."""
    bulletin = ClusterBulletin.load("2024H1", "dong-bang", project.root)
    before = bulletin.chart_models_by_unit()
    for name, value in {
        "axes.grid": True,
        "lines.linewidth": 4.0,
        "font.size": 20.0,
        "axes.facecolor": "yellow",
    }.items():
        monkeypatch.setitem(matplotlib.rcParams, name, value)
    after = bulletin.chart_models_by_unit()
    assert after.data == before.data and after._repr_png_() == before._repr_png_()


def render(folder: Path, **environment: str) -> dict[str, bytes]:
    """Every file a clean render of 2024H1 publishes, made in a fresh process with ``environment`` on top."""
    project = copy_project(folder)
    result = subprocess.run(
        [str(BANTIN), "report", "--project", str(project.root), "--period", str(H1), "--jobs", "2"],
        env=dict(os.environ, **environment),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return published(project)


def differing(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    assert sorted(first) == sorted(second)
    return sorted(name for name in first if first[name] != second[name])


def widened(source: Path, destination: Path) -> None:
    """The font of ``source`` as another version of it, same family: every glyph a quarter wider."""
    font = TTFont(source)
    metrics = font["hmtx"].metrics
    for name, (advance, bearing) in metrics.items():
        metrics[name] = (advance * 5 // 4, bearing)
    font["head"].fontRevision = 9.0
    font.save(destination)


@pytest.fixture(scope="module")
def machine(tmp_path_factory) -> dict[str, bytes]:
    """This machine as it is: its fontconfig, its fonts; in UTC, in the C locale."""
    return render(tmp_path_factory.mktemp("machine") / "project", TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8")


@pytest.mark.slow  # renders a whole period in a process of its own
def test_an_empty_font_configuration_changes_no_byte(machine, tmp_path):
    empty = tmp_path / "empty.conf"
    empty.write_text("<fontconfig></fontconfig>\n", encoding="utf-8")
    assert differing(machine, render(tmp_path / "project", FONTCONFIG_FILE=str(empty))) == []


@pytest.mark.slow  # renders a whole period in a process of its own
def test_another_version_of_our_fonts_among_the_users_fonts_changes_no_byte(machine, tmp_path):
    """A user who installed another Liberation Serif and DejaVu Sans (same families, other glyph widths) in ~/.fonts,
    which the machine's fontconfig and matplotlib both look in; matplotlib lists its fonts afresh there."""
    home = tmp_path / "home"
    (home / ".fonts").mkdir(parents=True)
    regular = next(path for weight, style, path in fonts.faces() if (weight, style) == ("normal", "normal"))
    widened(regular, home / ".fonts" / "LiberationSerif-Regular.ttf")
    widened(fonts.MATPLOTLIB_FONTS / "DejaVuSans.ttf", home / ".fonts" / "DejaVuSans.ttf")
    configuration = tmp_path / "fonts.conf"
    configuration.write_text(
        '<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{home / '.fonts'}</dir></fontconfig>\n",
        encoding="utf-8",
    )
    other = render(tmp_path / "project", HOME=str(home), FONTCONFIG_FILE=str(configuration))
    assert differing(machine, other) == []


@pytest.mark.slow  # renders a whole period in a process of its own
def test_the_time_zone_of_vietnam_and_a_date_set_for_other_builds_change_no_byte(machine, tmp_path):
    """A SOURCE_DATE_EPOCH left in the environment (a Nix shell sets one) dates nothing of ours."""
    other = render(tmp_path / "project", TZ="Asia/Ho_Chi_Minh", SOURCE_DATE_EPOCH="315532800")
    assert differing(machine, other) == []


@pytest.mark.slow  # renders a whole period in a process of its own
def test_a_vietnamese_locale_changes_no_byte(machine, tmp_path):
    """The locale vi_VN.UTF-8, compiled for the test where the machine does not have it."""
    locales = tmp_path / "locales"
    locales.mkdir()
    compiled = subprocess.run(
        ["localedef", "-i", "vi_VN", "-f", "UTF-8", str(locales / "vi_VN.UTF-8")], capture_output=True, text=True
    )
    if not (locales / "vi_VN.UTF-8").is_dir():
        pytest.skip(f"no Vietnamese locale on this machine, and localedef could not make one: {compiled.stderr}")
    vietnamese = {"LOCPATH": str(locales), "LANG": "vi_VN.UTF-8", "LC_ALL": "vi_VN.UTF-8"}
    probe = subprocess.run(
        [sys.executable, "-c", "import locale; print(locale.setlocale(locale.LC_ALL, ''))"],
        env=dict(os.environ, **vietnamese),
        capture_output=True,
        text=True,
    )
    assert probe.stdout.strip() == "vi_VN.UTF-8"  # the render below really runs in it
    assert differing(machine, render(tmp_path / "project", **vietnamese)) == []
