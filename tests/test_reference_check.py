"""The check of the reference data (model.reference_check): what a real reorganisation writes passes; each rule
can fail, at its line. The corpus (test_corpus_reference.py) runs the mistakes of issue 22 through the command line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bantin import messages
from bantin.build.project import Project
from bantin.model import reference_check
from bantin.model.errors import ReferenceDataError
from helpers import ROOT


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the sample's data/reference/."""
    shutil.copytree(ROOT / "data" / "reference", tmp_path / "reference")
    return tmp_path / "reference"


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def found(folder: Path) -> list[str]:
    return [str(problem) for problem in reference_check.problems(folder)]


def test_the_sample_reference_data_passes_with_its_reorganisation():
    """Units succeeded by several (part), several into one, the districts abolished on 2025-07-01."""
    assert reference_check.problems(ROOT / "data" / "reference") == []


def test_two_districts_wholly_merged_into_one_commune_pass(folder):
    edit(folder, "successions.csv", "x-van-loc,van-hai,part\n", "x-van-loc,van-hai,whole\n")
    edit(folder, "successions.csv", "x-van-thanh,van-hai,part\n", "")
    edit(folder, "successions.csv", "x-trieu-phu,hai-trieu,part\n", "x-van-loc,hai-trieu,whole\n")
    edit(folder, "successions.csv", "x-trieu-son,hai-trieu,part\n", "")
    assert found(folder) == []


def test_a_unit_that_moves_to_another_cluster_on_a_date_passes(folder):
    edit(
        folder,
        "units.csv",
        "an-khanh,Huyện ủy An Khánh,An Khánh,dong-bang,2020-01-01,2025-06-30,huyện,yes\n",
        "an-khanh,Huyện ủy An Khánh,An Khánh,dong-bang,2020-01-01,2022-12-31,huyện,yes\n"
        "an-khanh,Huyện ủy An Khánh,An Khánh,mien-nui,2023-01-01,2025-06-30,huyện,yes\n",
    )
    assert found(folder) == []


def test_a_rule_naming_an_unknown_indicator_is_refused_at_its_line(folder):
    edit(folder, "rules.csv", "mo_hinh_cong_nhan,<=,mo_hinh_dang_ky,", "mo_hinh_cong_nhan,<=,mo_hinh_dang_ki,")
    assert found(folder) == [
        "data/reference/rules.csv, dòng 2: quy tắc “Mô hình được công nhận không vượt số đăng ký” dùng mã chỉ tiêu "
        "không có trong indicators.csv: mo_hinh_dang_ki."
    ]


def test_a_rule_without_a_name_in_words_is_refused_at_its_line(folder):
    edit(
        folder,
        "rules.csv",
        "mo_hinh_cong_nhan_le_dang_ky,Mô hình được công nhận không vượt số đăng ký,",
        "mo_hinh_cong_nhan_le_dang_ky,,",
    )
    assert found(folder) == [
        "data/reference/rules.csv, dòng 2: " + messages.REFERENCE_VALUE_MISSING.format(column="name")
    ]


def test_a_successor_of_a_unit_still_active_is_refused(folder):
    with open(folder / "successions.csv", "a", encoding="utf-8") as file:
        file.write("x-van-loc,p-bai-vang,part\n")
    [problem] = found(folder)
    assert problem.startswith(
        "data/reference/successions.csv, dòng 104: đơn vị được kế thừa 'p-bai-vang' vẫn hoạt động"
    )


def test_an_unknown_unit_a_bad_date_a_missing_column_and_a_bad_deadline_are_all_said(folder):
    edit(folder, "successions.csv", "x-van-loc,van-hai,part", "x-van-loc,van-hai-cu,part")
    edit(
        folder,
        "units.csv",
        "bai-ngoc,Thị ủy Bãi Ngọc,Bãi Ngọc,ven-bien,2020-01-01,",
        "bai-ngoc,Thị ủy Bãi Ngọc,Bãi Ngọc,ven-bien,2020-13-01,",
    )
    edit(folder, "indicators.csv", "code,label,short_label,unit,role", "code,label,short_label,role")
    edit(folder, "deadlines.csv", "2026H1,2026-06-10", "2026,2026-06-10")
    problems = found(folder)
    assert any("successions.csv, dòng 98: mã đơn vị 'van-hai-cu' không có trong units.csv" in p for p in problems)
    assert any("units.csv, dòng 19: cột valid_from: ngày '2020-13-01'" in p for p in problems)
    assert "data/reference/indicators.csv, dòng 1: thiếu cột unit ở dòng tiêu đề." in problems
    assert any("deadlines.csv, dòng 8: kỳ '2026' không phải một kỳ 6 tháng" in p for p in problems)


def test_an_issuing_body_ending_before_it_begins_is_refused_at_its_table(folder):
    edit(folder, "organisation.toml", "valid_to = 2025-06-30", "valid_to = 2025-02-28")
    problems = found(folder)
    assert any(p.startswith("data/reference/organisation.toml, [[organisation]] thứ 2: valid_to") for p in problems)


def test_the_error_lists_every_problem_one_a_line(folder):
    edit(folder, "clusters.csv", "mien-nui,Cụm miền núi,", "dong-bang,Cụm miền núi,")
    with open(folder / "indicators.csv", "a", encoding="utf-8") as file:
        file.write("van_ban,Văn bản,Văn bản,văn bản,\n")
    with pytest.raises(ReferenceDataError) as caught:
        reference_check.check(folder)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith("Dữ liệu tham chiếu (data/reference/) chưa hợp lệ: ")
    assert len(lines) > 2 and len(caught.value.problems) == len(lines) - 1


def test_two_labels_of_an_indicator_at_once_are_refused_at_the_later_line(folder):
    edit(
        folder,
        "indicators.csv",
        'cấp huyện, xã tổ chức",Hội nghị của cấp ủy,hội nghị,,,2025-06-30',
        'cấp huyện, xã tổ chức",Hội nghị của cấp ủy,hội nghị,,,2025-07-31',
    )
    assert found(folder) == [
        "data/reference/indicators.csv, dòng 10: chỉ tiêu 'hoi_nghi' có tên ghi từ 2025-07-01 trong khi dòng 9 vẫn ghi "
        "tên của nó đến 2025-07-31: mỗi chỉ tiêu chỉ có một tên tại mỗi thời điểm; sửa valid_to của dòng 9 thành ngày "
        "trước ngày valid_from của dòng này."
    ]


def test_an_indicator_relabelled_on_a_date_gives_each_period_its_label_and_the_intake_every_label(folder):
    from bantin.model.periods import Period
    from bantin.model.reference import Reference

    reference = Reference(folder)
    labels = {text: reference.indicators_in(Period.parse(text))["kiem_tra"].label for text in ("2024H2", "2025H1")}
    assert labels["2024H2"].endswith("do Ban Dân vận tham mưu cấp ủy")
    assert labels["2025H1"].endswith("do Ban Tuyên giáo và Dân vận tham mưu cấp ủy")  # in force at the period's end
    assert reference.indicators["kiem_tra"].label.endswith("do cấp ủy tiến hành")  # the latest
    assert len([span for span in reference.indicator_spans if span.code == "kiem_tra"]) == 3
    assert list(reference.indicators_in(Period.parse("2025"))) == list(reference.indicators)  # in the file's order
    assert "tiep_xuc_dan" not in reference.indicators_in(Period.parse("2025H1"))


def test_the_number_line_the_recipients_and_the_signer_are_checked_for_their_kinds(folder):
    """organisation.toml's optional keys of the head and the end: a symbol is a string, "Nơi nhận" a list of
    strings, the signer a table of a title and a name, each a string (either may be empty)."""
    assert found(folder) == []  # the sample's Đà Nẵng sets all three
    edit(folder, "organisation.toml", 'document_symbol = "BT/BDVTU"', "document_symbol = 12")
    edit(folder, "organisation.toml", '  "Lưu Văn phòng Ban.",\n', '  "Lưu Văn phòng Ban.", 3,\n')
    edit(folder, "organisation.toml", 'name = ""', 'name = ""\nphone = "0236"')
    problems = found(folder)
    assert any(
        p.startswith("data/reference/organisation.toml, [[organisation]] thứ 1: document_symbol") for p in problems
    )
    assert any(p.startswith("data/reference/organisation.toml, [[organisation]] thứ 3: recipients") for p in problems)
    assert any("[[organisation]] thứ 3: [organisation.signer] chỉ gồm title, name" in p for p in problems)
    assert len(problems) == 3


def test_a_process_reads_the_same_reference_data_once_and_a_changed_file_again(tmp_path):
    """A kernel renders bulletin after bulletin, each with a Project of its own: the reference data is read and
    checked once while its files stay the same, and again as soon as one changes (an analyst in JupyterLab)."""
    shutil.copytree(ROOT / "data" / "reference", tmp_path / "data" / "reference")
    first = Project(tmp_path).reference
    assert Project(tmp_path).reference is first
    edit(
        tmp_path / "data" / "reference", "clusters.csv", "dong-bang,Cụm đồng bằng,", "dong-bang,Cụm đồng bằng ven sông,"
    )
    changed = Project(tmp_path).reference
    assert changed is not first and changed.clusters["dong-bang"].name == "Cụm đồng bằng ven sông"
