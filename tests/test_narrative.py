"""The bulletin's sentences come from data/reference/narrative.j2 and the figures, for every case."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from bantin.bulletin import narrative
from bantin.bulletin.notes import Notes, read_notes
from bantin.model.errors import ReferenceDataError
from bantin.model.periods import Period
from bantin.model.reference import PROVINCE, Reference
from helpers import REFERENCE_TOTALS, ROOT

ORGANISATION = Reference(ROOT / "data" / "reference").organisation_for(Period.parse("2024H1"))
MEETING = Notes(dt.date(2024, 6, 21), "chiều", "Ban Dân vận Tỉnh ủy", "Chương trình công tác dân vận năm 2024")


@pytest.fixture(scope="module")
def wording():
    return narrative.Wording(ROOT / "data" / "reference" / "narrative.j2")


NO_NOTES = Notes()


def text(
    wording, changes=None, period="2024H1", scope="cụm đồng bằng", units=("a", "b"), notes=NO_NOTES, province=False
):
    totals = pd.Series(dict(REFERENCE_TOTALS, **(changes or {})), dtype="Int64")
    bound = wording.for_figures(
        narrative.context(totals, Period.parse(period), scope, list(units), notes, ORGANISATION, province)
    )
    return " ".join([bound.headline(), bound.lead(), *bound.paragraphs()])


def test_the_reference_figures_give_the_reference_bulletin(wording):
    written = text(wording, notes=MEETING)
    for sentence in (
        "Công nhận 514 mô hình dân vận khéo",
        "Thực hiện Chương trình công tác dân vận năm 2024, chiều 21/6, Ban Dân vận Tỉnh ủy tổ chức giao ban "
        "cụm đồng bằng công tác dân vận 6 tháng đầu năm 2024.",
        "Trong 6 tháng đầu năm 2024, Ban Dân vận các huyện, thị, thành ủy cụm đồng bằng đã bám sát sự lãnh đạo",
        "ban hành 129 văn bản cụ thể hóa các chủ trương, nghị quyết mới",
        "Tổ chức 14 cuộc kiểm tra, giám sát đối với 18 tổ chức đảng và 11 đảng viên; "
        "tổ chức 06 hội nghị sơ kết, tổng kết",
        "Trong 6 tháng đầu năm, cấp ủy (cấp huyện, xã) đã tổ chức 50 hội nghị với 4.819 lượt người tham dự; "
        "đã đăng ký và tổ chức thực hiện 891 mô hình “Dân vận khéo”, trong đó được công nhận 514 mô hình.",
        "Tổ chức 08 hội nghị với 905 lượt người tham gia",
        "đối với 25 cấp ủy, tổ chức đảng và 05 đảng viên.",
    ):
        assert sentence in written


@pytest.mark.parametrize(
    ("changes", "expected", "absent"),
    [
        ({"hoi_nghi_so_ket": 0}, "không tổ chức hội nghị sơ kết, tổng kết nào.", "00"),
        (
            {"kiem_tra": 0, "kiem_tra_to_chuc_dang": 0, "kiem_tra_dang_vien": 0},
            "Không tổ chức cuộc kiểm tra, giám sát nào;",
            "đối với 0",
        ),
        ({"kiem_tra_dang_vien": 0}, "Tổ chức 14 cuộc kiểm tra, giám sát đối với 18 tổ chức đảng;", "0 đảng viên"),
        ({"kiem_tra_to_chuc_dang": 0}, "giám sát đối với 11 đảng viên;", "0 tổ chức"),
        ({"van_ban": 0}, "trong kỳ không ban hành văn bản cụ thể hóa mới nào.", "0 văn bản"),
        ({"hoi_nghi": 0, "hoi_nghi_luot_nguoi": 0}, "cấp ủy (cấp huyện, xã) không tổ chức hội nghị nào;", "0 hội nghị"),
        ({"mo_hinh_cong_nhan": 0}, "891 mô hình “Dân vận khéo”, chưa có mô hình nào được công nhận.", "0 mô hình"),
        (
            {"mo_hinh_dang_ky": 0, "mo_hinh_cong_nhan": 0},
            "không có mô hình “Dân vận khéo” nào đăng ký thực hiện.",
            "0 mô hình",
        ),
        (
            {"tap_huan": 0, "tap_huan_luot_nguoi": 0},
            "Trong kỳ không tổ chức hội nghị quán triệt, tập huấn, bồi dưỡng nghiệp vụ công tác dân vận nào.",
            "0 hội nghị",
        ),
        (
            {"kiem_tra_nghiep_vu": 0, "kiem_tra_nghiep_vu_to_chuc": 0, "kiem_tra_nghiep_vu_dang_vien": 0},
            "Không tổ chức cuộc kiểm tra, giám sát hướng dẫn nghiệp vụ công tác dân vận nào.",
            "0 cuộc",
        ),
    ],
)
def test_a_zero_is_said_in_words_never_as_00(wording, changes, expected, absent):
    written = text(wording, changes)
    assert expected in written
    assert not re.search(r"(?<![\d.])" + re.escape(absent), written)
    assert not re.search(r"(?<![\d.])0{1,2} ", written)  # no figure written as 0 or 00


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"van_ban": None}, "(số văn bản ban hành chưa được báo cáo)"),
        (
            {"kiem_tra": None},
            "Số cuộc kiểm tra, giám sát chưa được báo cáo, các cuộc kiểm tra, giám sát được tiến hành đối với 18 tổ "
            "chức đảng và 11 đảng viên;",
        ),
        (
            {"kiem_tra_dang_vien": None},
            "Tổ chức 14 cuộc kiểm tra, giám sát đối với 18 tổ chức đảng "
            "(số đảng viên được kiểm tra chưa được báo cáo);",
        ),
        ({"hoi_nghi_luot_nguoi": None}, "đã tổ chức 50 hội nghị (số lượt người tham dự chưa được báo cáo);"),
        (
            {"hoi_nghi": None},
            "cấp ủy (cấp huyện, xã) chưa báo cáo số hội nghị đã tổ chức (có 4.819 lượt người tham dự);",
        ),
        ({"mo_hinh_cong_nhan": None}, "891 mô hình “Dân vận khéo”, số mô hình được công nhận chưa được báo cáo."),
        ({"tap_huan_luot_nguoi": None}, "(số lượt người tham gia chưa được báo cáo)."),
    ],
)
def test_a_missing_figure_is_said_to_be_unreported_never_taken_as_zero(wording, changes, expected):
    written = text(wording, changes)
    assert expected in written
    assert "không tổ chức" not in written.replace("không tổ chức hội nghị sơ kết", "")


def test_figures_past_a_million_keep_their_dots(wording):
    written = text(wording, {"hoi_nghi": 1_250, "hoi_nghi_luot_nguoi": 12_345_678})
    assert "đã tổ chức 1.250 hội nghị với 12.345.678 lượt người tham dự" in written


def test_counts_under_ten_take_a_leading_zero_everywhere(wording):
    written = text(
        wording, {"kiem_tra": 3, "kiem_tra_to_chuc_dang": 2, "kiem_tra_dang_vien": 1, "mo_hinh_cong_nhan": 9}
    )
    assert "Tổ chức 03 cuộc kiểm tra, giám sát đối với 02 tổ chức đảng và 01 đảng viên" in written
    assert written.startswith("Công nhận 09 mô hình dân vận khéo")


def test_a_cluster_of_one_unit_names_that_unit(wording):
    written = text(wording, units=["Thành ủy Hòa Xuyên"])
    assert "Trong 6 tháng đầu năm 2024, Ban Dân vận Thành ủy Hòa Xuyên đã bám sát" in written
    assert "các huyện, thị, thành ủy" not in written


@pytest.mark.parametrize(
    ("changes", "headline"),
    [
        ({}, "Công nhận 514 mô hình dân vận khéo"),
        ({"mo_hinh_cong_nhan": 0}, "Đăng ký thực hiện 891 mô hình dân vận khéo"),
        ({"mo_hinh_cong_nhan": None, "mo_hinh_dang_ky": 0}, "Tổ chức 50 hội nghị với 4.819 lượt người tham dự"),
        (
            {"mo_hinh_cong_nhan": 0, "mo_hinh_dang_ky": 0, "hoi_nghi": 0, "hoi_nghi_luot_nguoi": 0},
            "Kết quả công tác dân vận 6 tháng đầu năm 2024",
        ),
    ],
)
def test_the_headline_follows_the_documented_rule(wording, changes, headline):
    assert text(wording, changes).startswith(headline + " ")


def test_the_province_and_the_year_are_named_as_such(wording):
    written = text(wording, period="2024", scope="trong tỉnh", province=True)
    assert (
        "Ban Dân vận Tỉnh ủy tổng hợp kết quả công tác dân vận năm 2024 của Ban Dân vận các huyện, thị, "
        "thành ủy trong tỉnh." in written
    )
    assert "Trong năm, cấp ủy (cấp huyện, xã)" in written


# Each combination of reported (18, 11), zero and unreported (None) figures of the inspections' targets: every
# reported figure is said, and every unreported one is named where it stands.
TARGETS = {
    (18, 11): " đối với 18 tổ chức đảng và 11 đảng viên",
    (18, 0): " đối với 18 tổ chức đảng",
    (18, None): " đối với 18 tổ chức đảng (số đảng viên được kiểm tra chưa được báo cáo)",
    (0, 11): " đối với 11 đảng viên",
    (0, 0): "",
    (0, None): " (số đảng viên được kiểm tra chưa được báo cáo)",
    (None, 11): " đối với 11 đảng viên (số tổ chức đảng được kiểm tra chưa được báo cáo)",
    (None, 0): " (số tổ chức đảng được kiểm tra chưa được báo cáo)",
    (None, None): " (số tổ chức đảng và đảng viên được kiểm tra chưa được báo cáo)",
}


@pytest.mark.parametrize(("targets", "said"), TARGETS.items())
def test_the_inspection_sentence_says_each_reported_target_and_names_each_unreported_one(wording, targets, said):
    organisations, members = targets
    written = text(wording, {"kiem_tra_to_chuc_dang": organisations, "kiem_tra_dang_vien": members})
    assert f"Tổ chức 14 cuộc kiểm tra, giám sát{said}; tổ chức 06 hội nghị sơ kết" in written


@pytest.mark.parametrize(("targets", "said"), TARGETS.items())
def test_the_inspection_sentence_without_its_count_still_says_its_targets(wording, targets, said):
    organisations, members = targets
    written = text(wording, {"kiem_tra": None, "kiem_tra_to_chuc_dang": organisations, "kiem_tra_dang_vien": members})
    carried_out = ", các cuộc kiểm tra, giám sát được tiến hành" if 18 in targets or 11 in targets else ""
    assert f"Số cuộc kiểm tra, giám sát chưa được báo cáo{carried_out}{said}; tổ chức 06 hội nghị" in written


@pytest.mark.parametrize(("targets", "said"), TARGETS.items())
def test_the_guidance_inspection_sentence_says_each_reported_target_and_names_each_unreported_one(
    wording, targets, said
):
    organisations, members = (None if value is None else value and value + 7 for value in targets)  # 25, 18
    said = said.replace("18 tổ chức đảng", "25 cấp ủy, tổ chức đảng").replace("11 đảng viên", "18 đảng viên")
    said = said.replace("số tổ chức đảng", "số cấp ủy, tổ chức đảng")
    written = text(wording, {"kiem_tra_nghiep_vu_to_chuc": organisations, "kiem_tra_nghiep_vu_dang_vien": members})
    assert f"để hướng dẫn nghiệp vụ công tác dân vận{said}." in written


@pytest.mark.parametrize(
    ("conferences", "people", "said"),
    [
        (50, 4819, "đã tổ chức 50 hội nghị với 4.819 lượt người tham dự;"),
        (50, None, "đã tổ chức 50 hội nghị (số lượt người tham dự chưa được báo cáo);"),
        (None, 4819, "chưa báo cáo số hội nghị đã tổ chức (có 4.819 lượt người tham dự);"),
        (None, None, "chưa báo cáo số hội nghị đã tổ chức;"),
        (0, 0, "không tổ chức hội nghị nào;"),
    ],
)
def test_the_conference_sentence_says_each_reported_figure(wording, conferences, people, said):
    assert said in text(wording, {"hoi_nghi": conferences, "hoi_nghi_luot_nguoi": people})


@pytest.mark.parametrize(
    ("registered", "recognized", "said"),
    [
        (891, 514, "đã đăng ký và tổ chức thực hiện 891 mô hình “Dân vận khéo”, trong đó được công nhận 514 mô hình."),
        (891, None, "891 mô hình “Dân vận khéo”, số mô hình được công nhận chưa được báo cáo."),
        (891, 0, "891 mô hình “Dân vận khéo”, chưa có mô hình nào được công nhận."),
        (
            None,
            514,
            "số mô hình “Dân vận khéo” đăng ký và tổ chức thực hiện chưa được báo cáo, được công nhận 514 mô hình.",
        ),
        (None, None, "số mô hình “Dân vận khéo” đăng ký và tổ chức thực hiện chưa được báo cáo."),
        (0, 0, "không có mô hình “Dân vận khéo” nào đăng ký thực hiện."),
    ],
)
def test_the_models_sentence_says_each_reported_figure(wording, registered, recognized, said):
    assert said in text(wording, {"mo_hinh_dang_ky": registered, "mo_hinh_cong_nhan": recognized})


@pytest.mark.parametrize(
    ("trainings", "people", "said"),
    [
        (8, 905, "Tổ chức 08 hội nghị với 905 lượt người tham gia để quán triệt"),
        (8, None, "của hệ thống chính trị (số lượt người tham gia chưa được báo cáo)."),
        (None, 905, "bồi dưỡng nghiệp vụ công tác dân vận chưa được báo cáo (có 905 lượt người tham gia)."),
        (None, None, "bồi dưỡng nghiệp vụ công tác dân vận chưa được báo cáo. Tổ chức"),
        (0, 0, "Trong kỳ không tổ chức hội nghị quán triệt, tập huấn, bồi dưỡng nghiệp vụ công tác dân vận nào."),
    ],
)
def test_the_training_sentence_says_each_reported_figure(wording, trainings, people, said):
    assert said in text(wording, {"tap_huan": trainings, "tap_huan_luot_nguoi": people})


@pytest.mark.parametrize(
    ("current", "previous", "reference", "phrase"),
    [
        (18, 16, "cùng kỳ năm 2023", "tăng 02 đảng viên (12,5%) so với cùng kỳ năm 2023"),
        (3, 6, "6 tháng cuối năm 2023", "giảm 03 đảng viên (50,0%) so với 6 tháng cuối năm 2023"),
        (5, 5, "cùng kỳ năm 2023", "bằng cùng kỳ năm 2023"),
        (4, 0, "cùng kỳ năm 2023", "tăng 04 đảng viên so với cùng kỳ năm 2023"),
        (None, 5, "cùng kỳ năm 2023", "chưa so sánh được với cùng kỳ năm 2023"),
        (1_500_000, 1_000_000, "", "tăng 500.000 đảng viên (50,0%)"),
        (5, 5, "", "không thay đổi"),
    ],
)
def test_changes_are_phrased_as_bulletins_do(wording, current, previous, reference, phrase):
    bound = wording.for_figures(
        narrative.context(pd.Series(REFERENCE_TOTALS), Period.parse("2024H1"), "x", ["a"], Notes(), ORGANISATION)
    )
    assert bound.change(current, previous, "đảng viên", reference) == phrase


def test_titles_captions_and_chart_words_come_from_the_wording(wording, reference):
    cluster = wording.for_figures(
        narrative.context(
            pd.Series(REFERENCE_TOTALS), Period.parse("2024H1"), "cụm đồng bằng", ["a"], Notes(), ORGANISATION
        )
    )
    province = wording.for_figures(
        narrative.context(
            pd.Series(REFERENCE_TOTALS), Period.parse("2024H1"), "trong tỉnh", ["a"], Notes(), ORGANISATION, True
        )
    )
    rate = "Tỷ lệ mô hình “Dân vận khéo” được công nhận trên số đăng ký"
    assert cluster.rate_caption(57.687) == f"{rate} của cụm đồng bằng: 57,7%."
    assert province.rate_caption(None) == f"{rate} toàn tỉnh: –."
    assert [cluster.period_tick(Period.parse(text)) for text in ("2023H2", "2024H1", "2024")] == [
        "6 tháng cuối 2023",
        "6 tháng đầu 2024",
        "2024",
    ]
    assert cluster.same_period(2023) == "cùng kỳ năm 2023"
    assert cluster.words["cluster_total"] == "Toàn cụm" and "charts" not in cluster.sections
    h1_2024, h1_2026 = Period.parse("2024H1"), Period.parse("2026H1")
    assert narrative.scope_name(reference, PROVINCE, h1_2024) == "Toàn tỉnh"
    assert narrative.scope_in_text(reference, PROVINCE, h1_2024) == "trong tỉnh"
    assert narrative.scope_name(reference, PROVINCE, h1_2026) == "Toàn thành phố"
    assert narrative.scope_in_text(reference, "dong-bang") == "cụm đồng bằng"
    assert (
        narrative.document_title(reference, Period.parse("2024H1"), "dong-bang")
        == "Bản tin công tác dân vận – Cụm đồng bằng – 6 tháng đầu năm 2024"
    )


def test_a_word_missing_from_the_wording_is_said_with_its_name(tmp_path):
    sparse = tmp_path / "narrative.j2"
    sparse.write_text('{% set words = {"province": "Toàn tỉnh"} %}', encoding="utf-8")
    words = narrative.Wording(sparse).plain.words
    assert words["province"] == "Toàn tỉnh"
    with pytest.raises(ReferenceDataError, match="narrative.j2: thiếu mục 'cluster_total' trong words"):
        words["cluster_total"]


def test_a_misspelt_figure_in_the_wording_is_reported_with_its_name(tmp_path):
    broken = tmp_path / "narrative.j2"
    broken.write_text("{% macro headline() %}Công nhận {{ v.mo_hinh | n }} mô hình{% endmacro %}", encoding="utf-8")
    bound = narrative.Wording(broken).for_figures({"v": {"mo_hinh_cong_nhan": 514}})
    with pytest.raises(ReferenceDataError, match="mo_hinh"):
        bound.headline()


def test_a_syntax_error_in_the_wording_names_the_line(tmp_path):
    broken = tmp_path / "narrative.j2"
    broken.write_text("\n\n{% if %}", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="dòng 3"):
        narrative.Wording(broken)


def test_the_wording_cannot_reach_python_internals(tmp_path):
    hostile = tmp_path / "narrative.j2"
    hostile.write_text("{% macro headline() %}{{ ''.__class__.__mro__ }}{% endmacro %}", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"dòng 1: mẫu câu dùng thuộc tính không được phép .*'__class__'"):
        narrative.Wording(hostile).for_figures({}).headline()


def test_the_sample_notes_carry_the_reference_meeting():
    notes = read_notes(ROOT / "data" / "notes" / "2024H1" / "dong-bang.md")
    assert notes.meeting_date == dt.date(2024, 6, 21) and notes.meeting_time_of_day == "chiều"
    assert notes.body.startswith("Tại hội nghị các đơn vị, địa phương đã thảo luận")


def with_form(wording, changes, on_form):
    totals = pd.Series(dict(REFERENCE_TOTALS, **changes), dtype="Int64")
    context = narrative.context(
        totals, Period.parse("2026H1"), "cụm trung tâm", ["a", "b"], NO_NOTES, ORGANISATION, on_form=on_form
    )
    return " ".join(wording.for_figures(context).paragraphs())


DIALOGUES = ["tiep_xuc_dan", "tiep_xuc_dan_luot_nguoi"]


@pytest.mark.parametrize(
    ("meetings", "people", "said"),
    [
        (
            25,
            612,
            "Người đứng đầu cấp ủy, chính quyền đã tiếp dân, đối thoại trực tiếp với Nhân dân 25 cuộc với 612 lượt "
            "người tham dự, lắng nghe",
        ),
        (25, None, "với Nhân dân 25 cuộc (số lượt người tham dự chưa được báo cáo), lắng nghe"),
        (None, 40, "với Nhân dân chưa được báo cáo (có 40 lượt người tham dự)."),
        (None, None, "Số cuộc tiếp dân, đối thoại trực tiếp của người đứng đầu cấp ủy, chính quyền với Nhân dân chưa"),
        (0, 0, "không tổ chức cuộc tiếp dân, đối thoại trực tiếp với Nhân dân nào."),
        (3, 3, "với Nhân dân 03 cuộc với 03 lượt người tham dự"),
    ],
)
def test_the_dialogues_sentence_says_each_reported_figure_where_the_form_has_them(wording, meetings, people, said):
    changes = {"tiep_xuc_dan": meetings, "tiep_xuc_dan_luot_nguoi": people}
    assert said in with_form(wording, changes, list(REFERENCE_TOTALS) + DIALOGUES)


def test_the_dialogues_are_not_mentioned_in_a_period_whose_form_has_not_got_them(wording):
    written = with_form(wording, {"tiep_xuc_dan": 25, "tiep_xuc_dan_luot_nguoi": 612}, list(REFERENCE_TOTALS))
    assert "đối thoại" not in written and "tiếp dân" not in written
