import datetime as dt

import pytest

from bantin.model.errors import PeriodError
from bantin.model.periods import Period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024H1", Period(2024, 1)),
        ("2024H2", Period(2024, 2)),
        ("2024", Period(2024)),
        ("2024S1", Period(2024, 1)),
        ("2024s2", Period(2024, 2)),
        (" 2023H2 ", Period(2023, 2)),
    ],
)
def test_periods_are_read_in_every_accepted_spelling(text, expected):
    assert Period.parse(text) == expected


@pytest.mark.parametrize("text", ["2024H7", "2024H0", "../x", "24H1", "2024-H1", "2024Q1", "", "2024H1; rm"])
def test_anything_else_is_refused_with_a_vietnamese_message(text):
    with pytest.raises(PeriodError, match="Kỳ báo cáo không hợp lệ"):
        Period.parse(text)


def test_the_canonical_spelling_is_half_years_with_h():
    assert str(Period.parse("2024S1")) == "2024H1"
    assert str(Period.parse("2024")) == "2024"


@pytest.mark.parametrize(
    ("text", "label", "short"),
    [
        ("2024H1", "6 tháng đầu năm 2024", "6 tháng đầu năm"),
        ("2024H2", "6 tháng cuối năm 2024", "6 tháng cuối năm"),
        ("2024", "năm 2024", "năm"),
    ],
)
def test_vietnamese_labels(text, label, short):
    period = Period.parse(text)
    assert (period.label, period.short_label) == (label, short)


@pytest.mark.parametrize(
    ("text", "previous", "year_earlier"),
    [("2024H1", "2023H2", "2023H1"), ("2024H2", "2024H1", "2023H2"), ("2024", "2023", "2023")],
)
def test_every_period_knows_the_previous_one_and_the_same_one_a_year_earlier(text, previous, year_earlier):
    period = Period.parse(text)
    assert str(period.previous()) == previous
    assert str(period.year_earlier()) == year_earlier


def test_a_year_is_made_of_its_two_halves_and_spans_them():
    year = Period.parse("2024")
    assert [str(half) for half in year.halves()] == ["2024H1", "2024H2"]
    assert (year.start, year.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (Period(2024, 2).start, Period(2024, 1).end) == (dt.date(2024, 7, 1), dt.date(2024, 6, 30))


def test_periods_sort_in_time_order():
    assert sorted([Period(2024, 1), Period(2023, 2), Period(2023, 1)]) == [
        Period(2023, 1),
        Period(2023, 2),
        Period(2024, 1),
    ]
