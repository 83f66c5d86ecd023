"""The rule engine: declarative rules of data/reference/rules.csv, evaluated unit by unit."""

from __future__ import annotations

import openpyxl.xml
import pandas as pd
import pytest

from bantin.intake.files import read_folder
from bantin.intake.rules import check_rules
from bantin.intake.validate import check
from bantin.model.errors import ReferenceDataError
from bantin.model.periods import Period
from bantin.model.reference import Reference, Rule
from bantin.render import data_files, pages
from helpers import set_figures


def observations(figures: dict[str, dict[str, int | None]]) -> pd.DataFrame:
    rows = [
        ("2024H1", unit, code, value, "data/raw/2024H1/x.csv", "0" * 64, f"dòng {n}", "")
        for unit, values in figures.items()
        for n, (code, value) in enumerate(values.items(), start=2)
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "period",
            "unit",
            "indicator",
            "value",
            "source_file",
            "source_sha256",
            "source_location",
            "submitted",
        ],
    )
    frame["value"] = frame["value"].astype("Int64")
    return frame


class OneRule:
    """A reference with its rules replaced by one."""

    def __init__(self, reference: Reference, rule: Rule):
        self.indicators, self.unit_names, self.rules = reference.indicators, reference.unit_names, (rule,)


def rule(operator="<=", if_missing="skip", left=("mo_hinh_cong_nhan",), right=("mo_hinh_dang_ky",)):
    return Rule("r", "Quy tắc thử", left, operator, right, "error", if_missing, "Sai")


def test_recognized_models_above_registered_is_rejected(reference):
    problems = check_rules(observations({"an-khanh": {"mo_hinh_cong_nhan": 9, "mo_hinh_dang_ky": 5}}), reference)
    [problem] = problems
    assert (problem.rule, problem.location, problem.unit_code) == ("mo_hinh_cong_nhan_le_dang_ky", "dòng 2", "an-khanh")
    assert "(Mô hình “Dân vận khéo” được công nhận: 9; Mô hình “Dân vận khéo” đăng ký: 5)" in problem.message


def test_only_if_allows_zero_and_requires_the_other_side_above_zero(reference):
    only_if = OneRule(reference, rule("only_if", left=("hoi_nghi_luot_nguoi",), right=("hoi_nghi",)))
    assert check_rules(observations({"a": {"hoi_nghi_luot_nguoi": 0, "hoi_nghi": 0}}), only_if) == []
    assert check_rules(observations({"a": {"hoi_nghi_luot_nguoi": 40, "hoi_nghi": 2}}), only_if) == []
    assert len(check_rules(observations({"a": {"hoi_nghi_luot_nguoi": 40, "hoi_nghi": 0}}), only_if)) == 1


def test_sides_are_sums_of_indicators(reference):
    summed = OneRule(reference, rule(">=", left=("kiem_tra_to_chuc_dang", "kiem_tra_dang_vien"), right=("kiem_tra",)))
    assert (
        check_rules(observations({"a": {"kiem_tra_to_chuc_dang": 1, "kiem_tra_dang_vien": 1, "kiem_tra": 2}}), summed)
        == []
    )
    assert (
        len(
            check_rules(
                observations({"a": {"kiem_tra_to_chuc_dang": 1, "kiem_tra_dang_vien": 0, "kiem_tra": 2}}), summed
            )
        )
        == 1
    )


@pytest.mark.parametrize(("strategy", "broken"), [("skip", 0), ("skip_if_all_missing", 1), ("never_skip", 1)])
def test_what_a_missing_figure_does_follows_the_rules_strategy(reference, strategy, broken):
    engine = OneRule(reference, rule("<=", strategy))
    assert len(check_rules(observations({"a": {"mo_hinh_cong_nhan": 3, "mo_hinh_dang_ky": None}}), engine)) == broken


@pytest.mark.parametrize("strategy", ["skip", "skip_if_all_missing", "never_skip"])
def test_a_rule_that_reads_a_cell_that_failed_is_left_out_for_that_unit_only(reference, strategy):
    engine = OneRule(reference, rule("<=", strategy))
    figures = {
        "a": {"mo_hinh_cong_nhan": 3},  # its mo_hinh_dang_ky was typed "2,5": failed, so unknown, not zero
        "b": {"mo_hinh_cong_nhan": 9, "mo_hinh_dang_ky": 5},
    }
    failed = pd.DataFrame({"period": ["2024H1"], "unit": ["a"], "indicator": ["mo_hinh_dang_ky"]})
    assert [
        problem.unit_code or problem.unit for problem in check_rules(observations(figures), engine, None, failed)
    ] == ["b"]


def test_the_rules_judge_every_unit_whose_figures_parsed_while_other_cells_fail(project, h1_2024):
    plains = "data/raw/2024H1/dong-bang.csv"
    set_figures(project, plains, "an-khanh", {"van_ban": "nhiều", "tap_huan": "hai"})  # two failing cells
    set_figures(project, plains, "an-khanh", {"mo_hinh_cong_nhan": 999})  # and a rule broken beside them
    set_figures(project, plains, "binh-loc", {"hoi_nghi": 5, "hoi_nghi_luot_nguoi": 0})  # another unit's rule
    checked = check(read_folder(project, h1_2024), project.reference, h1_2024)
    broken = {(problem.unit_code, problem.rule) for problem in checked.problems if problem.rule}
    assert broken == {
        ("an-khanh", "mo_hinh_cong_nhan_le_dang_ky"),
        ("binh-loc", "hoi_nghi_it_nhat_mot_nguoi"),
    }
    assert sorted(checked.failed["indicator"]) == ["tap_huan", "van_ban"]


def test_a_rule_with_an_unknown_operator_in_the_reference_is_refused_naming_the_line(project):
    path = project.reference_dir / "rules.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",<=,", ",=<,", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"rules.csv, dòng 2: cột operator .*'=<'"):
        _ = Reference(project.reference_dir).rules  # the rules are read, and checked, when first asked for


def test_workbooks_are_parsed_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_a_broken_rule_is_named_in_words_on_the_validation_page_and_in_its_table_never_by_its_code(reference):
    figures = {
        "an-khanh": {"kiem_tra_nghiep_vu": 5, "kiem_tra_nghiep_vu_to_chuc": 1, "kiem_tra_nghiep_vu_dang_vien": 1}
    }
    [problem] = check_rules(observations(figures), reference)
    assert problem.rule == "kiem_tra_nghiep_vu_co_doi_tuong" and problem.severity == "warning"
    assert problem.rule_name == "Số đối tượng được kiểm tra nghiệp vụ"
    page = pages.validation([problem], Period.parse("2024H1"), reference)
    table = data_files.problems_csv([problem]).decode("utf-8-sig")
    for shown in (page, table, str(problem)):
        assert "kiem_tra_nghiep_vu_co_doi_tuong" not in shown
    assert "(quy tắc: Số đối tượng được kiểm tra nghiệp vụ)" in page
    assert "Số đối tượng được kiểm tra nghiệp vụ" in table


def test_every_rule_of_the_reference_has_a_name_in_words_and_no_two_share_it(reference):
    names = [rule.name for rule in reference.rules]
    assert all(name.strip() and "_" not in name for name in names) and len(set(names)) == len(names)
