"""The bulletin's sentences come from the wording file and the data, for any figures."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from bantin import narrative
from bantin.errors import ReferenceDataError
from bantin.notes import Notes, read_notes
from bantin.periods import Period

from conftest import REFERENCE_TOTALS, ROOT


@pytest.fixture(scope="module")
def wording():
    return narrative.Wording.load(ROOT / "data" / "reference" / "narrative.yaml")


def sentences(wording, reference, totals, period="2024H1", cluster="dong-bang", notes=Notes()):
    values = narrative.fields(pd.Series(totals, dtype="Int64"), reference, Period.parse(period), cluster, notes, wording)
    return " ".join([narrative.headline(wording, values), narrative.lead(wording, values, notes), *narrative.paragraphs(wording, values)])


def test_the_reference_figures_give_the_reference_sentences(wording, reference):
    text = sentences(wording, reference, REFERENCE_TOTALS)
    for sentence in (
        "Công nhận 514 mô hình dân vận khéo",
        "Tổ chức 14 cuộc kiểm tra, giám sát đối với 18 tổ chức đảng và 11 đảng viên",
        "đã tổ chức 50 hội nghị với 4.819 lượt người tham dự",
        "Tổ chức 08 hội nghị với 905 lượt người tham gia",
    ):
        assert sentence in text


def test_other_figures_come_out_in_the_same_phrasing(wording, reference):
    totals = dict(REFERENCE_TOTALS, hoi_nghi=3, hoi_nghi_luot_nguoi=12345, mo_hinh_cong_nhan=7)
    text = sentences(wording, reference, totals, period="2023H2", cluster="mien-nui")
    assert "Công nhận 07 mô hình dân vận khéo" in text
    assert "đã tổ chức 03 hội nghị với 12.345 lượt người tham dự" in text
    assert "Trong 6 tháng cuối năm 2023, Ban Dân vận các huyện, thị, thành ủy cụm miền núi" in text


def test_a_figure_nobody_reported_is_said_to_be_missing(wording, reference):
    text = sentences(wording, reference, dict(REFERENCE_TOTALS, van_ban=None))
    assert "ban hành (chưa có số liệu) văn bản" in text


def test_the_lead_names_the_meeting_from_the_notes(wording, reference):
    notes = Notes(dt.date(2024, 6, 21), "chiều", "Ban Dân vận Tỉnh ủy", "Chương trình công tác dân vận năm 2024")
    text = sentences(wording, reference, REFERENCE_TOTALS, notes=notes)
    assert (
        "Thực hiện Chương trình công tác dân vận năm 2024, chiều 21/6, Ban Dân vận Tỉnh ủy tổ chức giao ban "
        "cụm đồng bằng công tác dân vận 6 tháng đầu năm 2024." in text
    )


def test_without_notes_the_lead_still_reads_as_a_sentence(wording, reference):
    text = sentences(wording, reference, REFERENCE_TOTALS)
    assert "tổng hợp kết quả công tác dân vận 6 tháng đầu năm 2024" in text


def test_a_misspelt_field_in_the_wording_names_the_field_and_the_choices(wording):
    broken = narrative.Wording(dict(wording.templates, headline="Công nhận {mo_hinh} mô hình"), wording.source)
    with pytest.raises(ReferenceDataError, match=r"\{mo_hinh\}.*mo_hinh_cong_nhan"):
        narrative.headline(broken, {"mo_hinh_cong_nhan": "514"})


@pytest.mark.parametrize(
    ("difference", "percent", "text"),
    [(12, 10.34, "tăng 12 văn bản (+10,3%)"), (-3, -20.0, "giảm 03 văn bản (-20,0%)"),
     (0, 0.0, "không thay đổi"), (4, pd.NA, "tăng 04 văn bản"), (pd.NA, pd.NA, "chưa đủ số liệu để so sánh")],
)
def test_changes_are_phrased_as_bulletins_do(wording, difference, percent, text):
    row = pd.Series({"difference": difference, "percent": percent})
    assert narrative.describe_change(wording, row, "văn bản") == text


def test_the_sample_notes_carry_the_reference_meeting(reference):
    notes = read_notes(ROOT / "data" / "notes" / "2024H1" / "dong-bang.md")
    assert notes.meeting_date == dt.date(2024, 6, 21) and notes.meeting_time_of_day == "chiều"
    assert notes.body.startswith("Tại hội nghị các đơn vị, địa phương đã thảo luận")
