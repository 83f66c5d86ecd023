"""What the intake accepts: the forms real files come in, all meaning the same figures.

The errors it must produce are the corpus (test_corpus.py); here, what must go through unchanged.
"""

from __future__ import annotations

import io
import unicodedata

import pytest

from bantin.intake import completeness, consolidated
from bantin.model import site_wording
from bantin.model.errors import SubmissionError
from bantin.model.periods import Period
from helpers import INSPECTED_NOBODY, set_figures

SAMPLE = "data/raw/2024H1/dong-bang.csv"


def figures(project, period="2024H1"):
    checked = consolidated.consolidate(project, Period.parse(period))
    return checked.observations.set_index(["unit", "indicator"])["value"].sort_index()


def rewrite(project, relative, transform):
    path = project.root / relative
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_bytes(transform(lines))


def test_the_sample_submissions_are_accepted_whole(project, h1_2024):
    checked = consolidated.consolidate(project, h1_2024)
    assert len(checked.observations) == 23 * 14 and checked.problems == []
    assert checked.observations["value"].notna().all()


def test_semicolons_a_bom_and_thousands_separators_give_the_same_figures(project):
    before = figures(project)

    def excel_in_a_vietnamese_locale(lines):
        rows = [lines[0].split(",")] + [
            line.split(",")[:3] + [f"{int(line.split(',')[3]):,}".replace(",", ".")] for line in lines[1:]
        ]
        return b"\xef\xbb\xbf" + "\r\n".join(";".join(row) for row in rows).encode("utf-8") + b"\r\n"

    rewrite(project, SAMPLE, excel_in_a_vietnamese_locale)
    assert any(
        "." in line.split(";")[3] for line in (project.root / SAMPLE).read_text(encoding="utf-8-sig").splitlines()[1:]
    )
    assert figures(project).equals(before)


def test_numbers_with_spaces_and_stored_as_quoted_text_are_counts(project):
    before = figures(project)

    def spaced(lines):
        rows = [lines[0]]
        for line in lines[1:]:
            *keys, value = line.split(",")
            text = f"{int(value):,}".replace(",", " ")  # 4819 → "4 819"
            rows.append(",".join(keys) + f',"  {text} "')
        return ("\n".join(rows) + "\n").encode("utf-8")

    rewrite(project, SAMPLE, spaced)
    assert any(
        " " in line.split(",")[3].strip('" ')
        for line in (project.root / SAMPLE).read_text(encoding="utf-8").splitlines()[1:]
    )
    assert figures(project).equals(before)


@pytest.mark.parametrize(
    "written",
    [
        "Thành ủy Hòa Xuyên",
        "Thành uỷ Hoà Xuyên",
        "hoà xuyên",
        "HÒA XUYÊN",
        unicodedata.normalize("NFD", "Thành ủy Hòa Xuyên"),
        "  Hòa   Xuyên ",
    ],
)
def test_a_unit_written_by_name_with_any_tone_mark_placement_is_recognized(project, written):
    before = figures(project)
    rewrite(
        project,
        SAMPLE,
        lambda lines: ("\n".join(line.replace(",hoa-xuyen,", f",{written},") for line in lines) + "\n").encode("utf-8"),
    )
    assert figures(project).equals(before)


def test_a_similar_name_with_another_tone_is_another_name(project):
    rewrite(
        project,
        SAMPLE,
        lambda lines: ("\n".join(line.replace(",hoa-xuyen,", ",Hóa Xuyên,") for line in lines) + "\n").encode("utf-8"),
    )
    with pytest.raises(SubmissionError, match="lỗi"):
        consolidated.consolidate(project, Period.parse("2024H1"))


def test_a_blank_figure_is_missing_never_zero(project, h1_2024):
    rewrite(
        project,
        SAMPLE,
        lambda lines: ("\n".join([lines[0], lines[1].rsplit(",", 1)[0] + ",", *lines[2:]]) + "\n").encode("utf-8"),
    )
    unit, indicator = (project.root / SAMPLE).read_text(encoding="utf-8").splitlines()[1].split(",")[1:3]
    assert figures(project)[(unit, indicator)] is not None
    assert str(figures(project)[(unit, indicator)]) == "<NA>"


def test_every_problem_is_reported_at_once(project):
    rewrite(
        project,
        SAMPLE,
        lambda lines: (
            "\n".join(
                [lines[0]]
                + [line.rsplit(",", 1)[0] + ",-1" if n in (1, 2, 3) else line for n, line in enumerate(lines[1:], 1)]
            )
            + "\n"
        ).encode("utf-8"),
    )
    with pytest.raises(SubmissionError) as caught:
        consolidated.consolidate(project, Period.parse("2024H1"))
    assert [p.location for p in caught.value.problems if "số âm" in p.message] == ["dòng 2", "dòng 3", "dòng 4"]


def test_a_unit_that_sent_nothing_is_a_gap_and_with_strict_an_error(project, h1_2024):
    rewrite(
        project,
        SAMPLE,
        lambda lines: ("\n".join(line for line in lines if ",an-khanh," not in line) + "\n").encode("utf-8"),
    )
    checked = consolidated.consolidate(project, h1_2024)
    status = completeness.by_cluster(checked_reference(project), h1_2024, checked.observations)["dong-bang"]
    assert status.summary(site_wording.of(project.reference_dir)) == "7/8 đơn vị đã gửi báo cáo"
    assert [unit.code for unit in status.missing] == ["an-khanh"]
    with pytest.raises(SubmissionError) as caught:
        consolidated.consolidate(project, h1_2024, strict=True)
    assert any("an-khanh" in p.unit and "chưa gửi báo cáo" in p.message for p in caught.value.problems)


def test_each_consolidated_value_carries_its_source(project, h1_2024):
    files = consolidated.stored_files(project, h1_2024, consolidated.consolidate(project, h1_2024))
    stored = consolidated.read_processed(io.BytesIO(files[project.processed_file(h1_2024)]))
    first = stored.iloc[0]
    assert first["source_file"].startswith("data/raw/2024H1/")
    assert len(first["source_sha256"]) == 64
    assert first["source_location"].startswith("dòng ")


def test_warnings_do_not_block_and_are_kept_for_the_bulletin(project, h1_2024):
    set_figures(project, SAMPLE, "an-khanh", INSPECTED_NOBODY)
    checked = consolidated.consolidate(project, h1_2024)
    assert [w.rule for w in checked.warnings] == ["kiem_tra_co_doi_tuong"]
    assert [w.unit_code for w in consolidated.read_warnings(project, h1_2024)] == ["an-khanh"]


def checked_reference(project):
    from bantin.model.reference import Reference

    return Reference(project.reference_dir)


def test_a_figure_for_an_indicator_not_yet_on_the_form_is_refused_with_file_line_unit_and_indicator(project):
    path = project.root / SAMPLE
    path.write_text(path.read_text(encoding="utf-8") + "2024H1,an-khanh,tiep_xuc_dan,3\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(SubmissionError) as caught:
        consolidated.consolidate(project, Period.parse("2024H1"))
    [problem] = [p for p in caught.value.problems if "tiep_xuc_dan" in p.message]
    assert (problem.file, problem.location, problem.unit_code) == (SAMPLE, f"dòng {line}", "an-khanh")
    assert problem.indicator.startswith("Cuộc tiếp dân, đối thoại trực tiếp")
    assert "không có trong mẫu báo cáo kỳ 2024H1" in problem.message
    assert "từ ngày 01 tháng 7 năm 2025" in problem.message


def test_a_blank_row_of_an_indicator_not_yet_on_the_form_is_no_figure_and_no_error(project):
    path = project.root / SAMPLE
    path.write_text(path.read_text(encoding="utf-8") + "2024H1,an-khanh,tiep_xuc_dan,\n", encoding="utf-8")
    checked = consolidated.consolidate(project, Period.parse("2024H1"))
    assert "tiep_xuc_dan" not in set(checked.observations["indicator"])


def test_a_2026h1_submission_without_the_new_indicators_lists_them_as_blanks(project):
    relative = "data/raw/2026H1/trung-tam.csv"
    lines = (project.root / relative).read_text(encoding="utf-8").splitlines()
    unit = lines[1].split(",")[1]
    kept = [
        line for line in lines if not (line.split(",")[1] == unit and line.split(",")[2].startswith("tiep_xuc_dan"))
    ]
    assert len(kept) == len(lines) - 2
    (project.root / relative).write_text("\n".join(kept) + "\n", encoding="utf-8")
    period = Period.parse("2026H1")
    checked = consolidated.consolidate(project, period)
    blanks = completeness.by_cluster(project.reference, period, checked.observations)["trung-tam"].blanks
    assert {(blank.unit.code, blank.indicator) for blank in blanks} == {
        (unit, "tiep_xuc_dan"),
        (unit, "tiep_xuc_dan_luot_nguoi"),
    }
    gaps = completeness.gap_problems(project.reference, period, checked.observations, "data/raw/2026H1")
    assert {p.indicator for p in gaps if p.unit_code == unit} == {
        "Cuộc tiếp dân, đối thoại trực tiếp của người đứng đầu cấp ủy, chính quyền với Nhân dân",
        "Lượt người dân tham dự các cuộc tiếp dân, đối thoại trực tiếp của người đứng đầu cấp ủy, chính quyền",
    }
