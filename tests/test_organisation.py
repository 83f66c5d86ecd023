"""Who issues a bulletin is the organisation in force at the end of its period (data/reference/organisation.toml)."""

from __future__ import annotations

import datetime as dt

import pytest

from bantin.bulletin.blocks import ClusterBulletin
from bantin.model.errors import ReferenceDataError
from bantin.model.periods import Period
from bantin.model.reference import Reference


@pytest.mark.parametrize(
    ("period", "committee", "body", "place", "units"),
    [
        ("2024H1", "TỈNH ỦY QUẢNG NAM", "BAN DÂN VẬN", "Quảng Nam", "Ban Dân vận các huyện, thị, thành ủy"),
        (
            "2025H1",
            "TỈNH ỦY QUẢNG NAM",
            "BAN TUYÊN GIÁO VÀ DÂN VẬN",
            "Quảng Nam",
            "Ban Tuyên giáo và Dân vận các huyện, thị, thành ủy",
        ),
        ("2025H2", "THÀNH ỦY ĐÀ NẴNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "Đà Nẵng", "Đảng ủy các {kinds}"),
        ("2026H1", "THÀNH ỦY ĐÀ NẴNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "Đà Nẵng", "Đảng ủy các {kinds}"),
        ("2025", "THÀNH ỦY ĐÀ NẴNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "Đà Nẵng", "Đảng ủy các {kinds}"),
    ],
)
def test_the_organisation_of_a_period_is_the_one_in_force_at_its_end(reference, period, committee, body, place, units):
    organisation = reference.organisation_for(Period.parse(period))
    assert (organisation["party_committee"], organisation["issuing_body"], organisation["place"]) == (
        committee,
        body,
        place,
    )
    assert organisation["reporting_units"] == units
    assert organisation["bulletin_title"] == "BẢN TIN CÔNG TÁC DÂN VẬN"  # said once for all, above the tables


def test_the_day_of_a_change_belongs_to_the_new_organisation(reference):
    assert reference.organisation_at(dt.date(2025, 6, 30))["place"] == "Quảng Nam"
    assert reference.organisation_at(dt.date(2025, 7, 1))["place"] == "Đà Nẵng"
    assert reference.organisation_at(dt.date(2019, 1, 1))["issuing_body"] == "BAN DÂN VẬN"  # before the first


def test_the_2024_bulletin_is_still_headed_by_quang_nam(project):
    """A draft: its place is the period's organisation's, its year the meeting's (the day and month left blank)."""
    head = ClusterBulletin.load("2024H1", "dong-bang", project.root).header().data
    blank = "\u00a0" * 4
    assert "TỈNH ỦY QUẢNG NAM" in head and "BAN DÂN VẬN" in head
    assert f"Quảng Nam, ngày {blank} tháng {blank} năm 2024" in head


def test_a_file_without_dates_is_one_organisation_at_every_date(tmp_path, reference):
    keys = {key: value for key, value in reference.organisations[0].items() if isinstance(value, str)}
    (tmp_path / "organisation.toml").write_text(
        "".join(f'{key} = "{value}"\n' for key, value in keys.items()), encoding="utf-8"
    )
    undated = Reference(tmp_path)
    assert undated.organisation_at(dt.date(1990, 1, 1)) == undated.organisation_at(dt.date(2090, 1, 1))
    assert undated.organisation_for(Period.parse("2026H1"))["party_committee"] == "TỈNH ỦY QUẢNG NAM"


def test_an_organisation_that_misses_a_word_is_refused_naming_it(tmp_path):
    (tmp_path / "organisation.toml").write_text(
        '[[organisation]]\nvalid_from = 2025-07-01\nparty_committee = "THÀNH ỦY ĐÀ NẴNG"\n', encoding="utf-8"
    )
    with pytest.raises(ReferenceDataError, match=r"organisation.toml, \[\[organisation\]\] thứ 1: thiếu issuing_body"):
        Reference(tmp_path).organisation_at(dt.date(2025, 7, 1))


def test_the_recipients_and_the_signer_are_read_with_the_organisation_of_the_period(reference):
    """organisation.toml's "Nơi nhận" (a list) and signer (a table) reach the organisation in NFC; a body that sets
    neither has none, and every body has the symbol of its number line."""
    da_nang = reference.organisation_for(Period.parse("2026H1"))
    assert da_nang["recipients"][0] == "Ban Tuyên giáo và Dân vận Trung ương (để báo cáo)"
    assert da_nang["recipients"][-1] == "Lưu Văn phòng Ban."
    assert da_nang["signer"] == {"title": "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", "name": ""}
    quang_nam = reference.organisation_for(Period.parse("2024H1"))
    assert (quang_nam["recipients"], quang_nam["signer"]) == ((), None)
    assert [reference.organisation_for(Period.parse(p))["document_symbol"] for p in ("2024H1", "2025H1", "2026H1")] == [
        "BT/BDVTU",
        "BT/BTGDVTU",
        "BT/BTGDVTU",
    ]


def test_the_bulletins_end_carries_the_recipients_and_the_signer_with_no_name_line_for_an_empty_name(project):
    closing = ClusterBulletin.load("2026H1", "trung-tam", project.root).closing()
    [element] = closing.to_json()["content"]
    assert element["kind"] == "closing" and element["recipients_heading"] == "Nơi nhận:"
    assert element["signer_title"] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"] and element["signer_name"] == ""
    assert '<p class="recipient">- Lưu Văn phòng Ban.</p>' in closing.data
    assert "PHÓ TRƯỞNG BAN" in closing.data and "signer-name" not in closing.data
    assert ClusterBulletin.load("2024H1", "dong-bang", project.root).closing().to_json()["content"] == []
