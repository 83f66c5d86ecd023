import datetime as dt

import pytest

from bantin import formatting


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (6, "06"), (9, "09"), (10, "10"), (129, "129"), (4819, "4.819"), (1000000, "1.000.000")],
)
def test_counts_use_dots_for_thousands_and_pad_one_to_nine(value, text):
    assert formatting.count(value) == text


def test_padding_can_be_turned_off_for_axes_and_messages():
    assert formatting.count(6, pad=False) == "6"


def test_a_missing_count_is_shown_as_a_dash_never_as_zero():
    assert formatting.count(None) == formatting.MISSING
    assert formatting.count(float("nan")) == formatting.MISSING


def test_a_count_that_is_not_whole_is_a_programming_error():
    with pytest.raises(ValueError):
        formatting.count(2.5)


@pytest.mark.parametrize(("value", "text"), [(57.7, "57,7"), (57.69, "57,7"), (1234.5, "1.234,5"), (0.0, "0,0")])
def test_decimals_use_a_comma(value, text):
    assert formatting.decimal(value) == text


def test_percentages():
    assert formatting.percent(57.68) == "57,7%"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2024, 6, 21), "ngày 21 tháng 6 năm 2024"),
        (dt.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (dt.date(2024, 12, 1), "ngày 01 tháng 12 năm 2024"),
    ],
)
def test_long_dates_follow_the_party_document_rule(day, text):
    assert formatting.date_long(day) == text


def test_short_dates_as_in_news_text():
    assert formatting.date_short(dt.date(2024, 6, 21)) == "21/6"


def test_what_is_not_text_is_found_at_its_line_and_column():
    from bantin.model.text import unreadable

    assert unreadable("Xã Đá Bàn\tđủ\r\n") == []  # tabs and line ends are text
    assert unreadable("một\nhai\x1b[31mba") == [(2, 4, "U+001B")]
    assert unreadable("\x0b\ud800\u202e\ufffe") == [
        (1, 1, "U+000B"),
        (1, 2, "U+D800"),
        (1, 3, "U+202E"),
        (1, 4, "U+FFFE"),
    ]


def test_a_whole_file_in_windows_1258_is_named_so_though_its_letters_look_like_tcvn3():
    """Windows-1258 keeps "ơ", "ư", "ă" whole (read as Windows-1252, TCVN3's letters) and writes each tone as a mark
    after its vowel: a whole units.csv is named Windows-1258; TCVN3 and VNI are still named theirs."""
    from bantin.model.text import legacy_encoding

    # "Đảng ủy phường Thủy Lâm Đông, Mỹ Lâm, Hương Giang" in Windows-1258: the letters whole, tones combining.
    text = "Đa\u0309ng u\u0309y phươ\u0300ng Thu\u0309y Lâm Đông, My\u0303 Lâm, Hương Giang\n" * 5
    assert legacy_encoding(text.encode("cp1258")) == "Windows-1258"
    assert legacy_encoding(b"Huy\xd6n \xf1y An Kh\xb8nh\n" * 5) == "TCVN3 (ABC)"
    assert legacy_encoding("Huyeän uûy An Khaùnh\n".encode("cp1252") * 5) == "VNI"
