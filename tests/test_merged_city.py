"""The merged city as the commission signs for it: its real structure (23 phường and 70 xã report, the đặc khu Hoàng
Sa exists and never reports), 2026 documents that speak of the city and its communes and of nothing of the former
structure, and the seed period 2024H1 that still reads word for word as it did."""

from __future__ import annotations

import collections
import csv
import re
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from bantin.bulletin.blocks import ClusterBulletin, ProvinceBulletin
from bantin.intake import completeness, consolidated
from bantin.intake.layout import DATA_SHEET
from bantin.intake.template import fill_sheet, write_templates
from bantin.model.errors import SubmissionError
from bantin.model.periods import Period
from bantin.render.pipeline import run_report
from helpers import bulletin_text, copy_project, docx_text, folded

H1_2024, H1_2026, H2_2026 = (Period.parse(text) for text in ("2024H1", "2026H1", "2026H2"))
MIRROR = Path(__file__).parent / "mirror"

# Words of the structure before 1 July 2025, which no document of the merged city may print: the province, the
# district level, the district's Ban Dân vận (the merged commissions are "Ban Tuyên giáo và Dân vận").
OLD_STRUCTURE = ("của tỉnh", "trong tỉnh", "Toàn tỉnh", "cấp huyện", "Ban Dân vận", "huyện, thị, thành ủy")


def old_words(text: str) -> list[str]:
    return [word for word in OLD_STRUCTURE if word in folded(text)]


def test_the_merged_city_has_23_wards_and_70_communes_reporting_and_hoang_sa_that_never_reports(reference):
    reporting = reference.units(H1_2026)
    assert collections.Counter(unit.kind for unit in reporting) == {"phường": 23, "xã": 70}
    [silent] = [unit for unit in reference.units(H1_2026, silent=True) if not unit.reports]
    assert (silent.name, silent.kind) == ("Đặc khu Hoàng Sa", "đặc khu")
    assert silent.code not in {unit.code for unit in reporting}


def test_the_former_da_nang_became_15_communes_of_the_central_cluster(reference):
    central = reference.units(H1_2026, "trung-tam")
    former_city = {succession.unit for succession in reference.successions if succession.predecessor == "da-nang-cu"}
    assert {unit.code for unit in central} == former_city
    assert collections.Counter(unit.kind for unit in central) == {"phường": 12, "xã": 3}


def test_hoang_sa_is_never_awaited_nor_counted_as_missing(project):
    path = project.raw_period_dir(H1_2026) / "trung-tam.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if ",p-cam-van," not in line) + "\n", encoding="utf-8")
    observations = consolidated.consolidate(project, H1_2026).observations
    central = completeness.by_cluster(project.reference, H1_2026, observations)["trung-tam"]
    assert [unit.code for unit in central.missing] == ["p-cam-van"]  # Hoàng Sa is not awaited
    bulletin = ProvinceBulletin.load("2026H1", project.root)
    assert "92/93 đơn vị đã gửi báo cáo" in bulletin.completeness().data and "Cẩm Vân" in bulletin.completeness().data
    assert "Hoàng Sa" not in bulletin.completeness().data
    assert all(not path.stem.endswith("hoang-sa") for path in write_templates(project, H2_2026))


def test_figures_sent_for_hoang_sa_are_refused_as_from_a_unit_that_does_not_report(project):
    path = project.raw_period_dir(H1_2026) / "trung-tam.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    sent = [line.replace(",p-cam-van,", ",dk-hoang-sa,") for line in lines if ",p-cam-van," in line]
    path.write_text("\n".join(lines + sent) + "\n", encoding="utf-8")
    with pytest.raises(SubmissionError) as caught:
        consolidated.consolidate(project, H1_2026)
    [problem] = caught.value.problems
    assert problem.unit_code == "dk-hoang-sa" and problem.location == f"dòng {len(lines) + 1}"
    assert "không báo cáo số liệu công tác dân vận" in problem.message and "không hoạt động" not in problem.message


def test_the_2026H1_city_bulletin_counts_93_reporting_units(sample):
    bulletin = ProvinceBulletin.load("2026H1", sample.root)
    assert "Số liệu: 93/93 đơn vị đã gửi báo cáo" in bulletin.completeness().data


@pytest.mark.parametrize(
    ("cluster", "units"),
    [("trung-tam", "Đảng ủy các xã, phường cụm trung tâm"), ("mien-nui-tay", "Đảng ủy các xã cụm miền núi phía Tây")],
)
def test_a_cluster_names_only_the_kinds_of_units_it_has_and_a_commune_leads_rather_than_advises_itself(
    sample, cluster, units
):
    text = " ".join(ClusterBulletin.load("2026H1", cluster, sample.root).text.paragraphs())
    assert f"{units} đã bám sát sự lãnh đạo, chỉ đạo của Ban Thường vụ Thành ủy, chủ động, kịp thời lãnh đạo" in text
    assert "đặc khu" not in text and "tham mưu cấp ủy tổ chức" not in text
    assert "nghị quyết mới của Trung ương, của thành phố" in text


def test_a_year_across_the_reorganisation_names_the_units_at_its_end(sample):
    lead = ProvinceBulletin.load("2025", sample.root).text.lead()
    assert lead.endswith("của Đảng ủy các xã, phường trong thành phố.")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("merged_city") / "project")


# -- the two renders: the seed period, and a half-year of the merged city from its own templates ----------------


@pytest.mark.slow
def test_2024H1_reads_word_for_word_as_before(tmp_path):
    """tests/mirror/2024H1/ holds the text of each bulletin (headline, lead, paragraphs, comparisons, notes; not the
    head nor the tables, whose forms are Hướng dẫn 36's and indicators.csv's) and its news item, as they read
    before the merged city's wording was taken out of the sentences: only "cập nhập", the seed bulletin's slip, is
    now "cập nhật"."""
    project = copy_project(tmp_path / "project")
    run_report(project, H1_2024, project.reference.scopes(H1_2024), jobs=2, log=lambda line: None)
    folder = project.outputs_dir / "2024H1"
    for expected in sorted((MIRROR / "2024H1").iterdir()):
        if expected.name.endswith(".tin.txt"):
            assert (folder / expected.name).read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")
        else:
            lines = bulletin_text(folder / f"{expected.stem}.ipynb")
            assert lines == expected.read_text(encoding="utf-8").splitlines(), expected.name


def fill_from(templates: list[Path], figures: dict[str, dict[str, int]], folder: Path) -> None:
    """Each unit's template filled with ``figures`` of its unit (those its template asks for), saved in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for template in templates:
        workbook = openpyxl.load_workbook(template)
        sheet = workbook[DATA_SHEET]
        asked = fill_sheet(sheet, {})
        fill_sheet(sheet, {code: value for code, value in figures[template.stem].items() if code in asked})
        workbook.save(folder / template.name)


def texts_of(path: Path) -> str:
    """What a reader sees in a file the tool writes: a page's text, a PDF's, a Word file's, a workbook's cells."""
    if path.suffix == ".pdf":
        return " ".join(page.extract_text() for page in PdfReader(path).pages)
    if path.suffix == ".docx":
        return docx_text(path)
    if path.suffix == ".xlsx":
        workbook = openpyxl.load_workbook(path, read_only=True)
        cells = (cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row)
        return " ".join(str(cell) for cell in cells if isinstance(cell, str))
    if path.suffix in (".html", ".txt", ".csv"):
        return re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
    return ""


@pytest.mark.slow
def test_2026H2_speaks_of_the_city_and_its_communes_in_every_document(tmp_path):
    """The half-year after this one, as the office will run it: the templates sent to the 93 communes, filled with
    2026H1's figures and returned, then every document of the period: bulletins (page, PDF, Word), news items,
    data files, the validation page, the index. None prints a word of the former structure."""
    project = copy_project(tmp_path / "project")
    figures: dict[str, dict[str, int]] = {}
    for path in sorted(project.raw_period_dir(H1_2026).glob("*.csv")):
        with open(path, encoding="utf-8") as file:
            for row in csv.DictReader(file):
                figures.setdefault(row["unit"], {})[row["indicator"]] = int(row["value"])
    templates = write_templates(project, H2_2026)
    assert len(templates) == 93
    fill_from(templates, figures, project.raw_period_dir(H2_2026))

    run_report(project, H2_2026, project.reference.scopes(H2_2026), jobs=2, log=lambda line: None)

    written = [*templates, *sorted((project.outputs_dir / "2026H2").iterdir()), project.outputs_dir / "index.html"]
    found = {path.name: old_words(texts_of(path)) for path in written}
    assert {name: words for name, words in found.items() if words} == {}
    assert len([path for path in written if path.suffix == ".pdf"]) == 8  # 7 bulletins and the set
