"""Writes the corpus of broken reference data: one folder per case, each with the file(s) that replace the sample's.

Each case starts from the sample's own ``data/reference/`` and makes the one mistake its name says, as an analyst
editing the files by hand might; ``expected.csv``, written by this script too, says per case the period (and
cluster) asked for, and the file, location and message fragment of each finding it must produce. A case may
have several rows: every finding comes at once. Run from anywhere: ``.venv/bin/python
tests/corpus_reference/make_corpus.py``; the output is committed.
"""

from __future__ import annotations

import csv
import shutil
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REFERENCE = ROOT / "data" / "reference"
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def sample(name: str) -> str:
    return (REFERENCE / name).read_text(encoding="utf-8")


def write(case: str, name: str, text: str) -> None:
    folder = HERE / case
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(text.encode("utf-8"))


def replaced(name: str, old: str, new: str) -> str:
    text = sample(name)
    assert text.count(old) == 1, (name, old)
    return text.replace(old, new)


def line_of(name: str, fragment: str, text: str | None = None) -> str:
    """ "dòng N" of the line of ``name`` (the case's text, else the sample's) that holds ``fragment``."""
    lines = (text if text is not None else sample(name)).splitlines()
    [number] = [number for number, line in enumerate(lines, start=1) if fragment in line]
    return f"dòng {number}"


def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes it: the letters it has whole, each tone as a combining mark after its vowel."""
    out = bytearray()
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(mark for mark in decomposed if mark in TONE_MARKS)
        letter = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in TONE_MARKS))
        out += (letter + tone).encode("cp1258")
    return bytes(out)


def cases() -> list[tuple[str, str, str, str, str, str]]:
    """Write every case; return the rows of expected.csv: case, period, cluster, file, location, message."""
    rows = []

    def case(name: str, file: str, text: str, period: str = "2024H1") -> str:
        write(name, file, text)
        return period

    # successions.csv: an-khanh succeeds binh-loc, binh-loc succeeds an-khanh.
    text = sample("successions.csv") + "an-khanh,binh-loc,part\nbinh-loc,an-khanh,part\n"
    period = case("succession_cycle", "successions.csv", text)
    location = line_of("successions.csv", "an-khanh,binh-loc", text)
    rows.append(
        (
            "succession_cycle",
            period,
            "",
            "successions.csv",
            location,
            "kế thừa vòng tròn an-khanh → binh-loc → an-khanh",
        )
    )

    # successions.csv: the district Vạn Hải wholly succeeded by two communes at once.
    text = sample("successions.csv").replace(",van-hai,part", ",van-hai,whole")
    period = case("succeeded_wholly_twice", "successions.csv", text)
    location = line_of("successions.csv", "x-van-thanh,van-hai", text)
    rows.append(
        ("succeeded_wholly_twice", period, "", "successions.csv", location, "đã được 'x-van-loc' kế thừa toàn bộ")
    )

    # units.csv: the district Vạn Hải kept until 2025-09-30, while its successors begin on 2025-07-01.
    text = replaced(
        "units.csv",
        "van-hai,Huyện ủy Vạn Hải,Vạn Hải,ven-bien,2020-01-01,2025-06-30",
        "van-hai,Huyện ủy Vạn Hải,Vạn Hải,ven-bien,2020-01-01,2025-09-30",
    )
    period = case("succession_dates_overlap", "units.csv", text)
    location = line_of("successions.csv", "x-van-loc,van-hai")
    message = "'x-van-loc' bắt đầu từ 2025-07-01 nhưng đơn vị được kế thừa 'van-hai' kết thúc ngày 2025-09-30"
    rows.append(("succession_dates_overlap", period, "", "successions.csv", location, message))

    # units.csv: An Khánh also in the mountain cluster from 2024 while still in the plains' until 2025-06-30.
    text = sample("units.csv") + "an-khanh,Huyện ủy An Khánh,An Khánh,mien-nui,2024-01-01,2025-06-30\n"
    period = case("unit_in_two_clusters", "units.csv", text)
    location = line_of("units.csv", "an-khanh,Huyện ủy An Khánh,An Khánh,mien-nui", text)
    message = "'an-khanh' thuộc cụm 'mien-nui' từ 2024-01-01 trong khi dòng 2 vẫn ghi nó thuộc cụm 'dong-bang'"
    rows.append(("unit_in_two_clusters", period, "", "units.csv", location, message))

    # units.csv, line 2: An Khánh ends before it begins.
    text = replaced(
        "units.csv",
        "an-khanh,Huyện ủy An Khánh,An Khánh,dong-bang,2020-01-01,2025-06-30",
        "an-khanh,Huyện ủy An Khánh,An Khánh,dong-bang,2020-01-01,2019-06-30",
    )
    period = case("unit_ends_before_it_begins", "units.csv", text, "2023H1")
    message = "valid_to (2019-06-30) trước valid_from (2020-01-01)"
    rows.append(("unit_ends_before_it_begins", period, "", "units.csv", "dòng 2", message))

    # organisation.toml: the first body closed a month early, a gap before the second.
    text = replaced("organisation.toml", "valid_to = 2025-02-28", "valid_to = 2025-01-31")
    period = case("organisation_gap", "organisation.toml", text)
    message = "có hiệu lực đến 2025-01-31 nhưng [[organisation]] thứ 2 từ 2025-03-01 mới bắt đầu"
    rows.append(("organisation_gap", period, "", "organisation.toml", "[[organisation]] thứ 1", message))

    # organisation.toml: the second body begins a month before the first ends.
    text = replaced("organisation.toml", "valid_from = 2025-03-01", "valid_from = 2025-02-01")
    period = case("organisation_overlap", "organisation.toml", text)
    message = "có hiệu lực đến 2025-02-28, chồng lên [[organisation]] thứ 2 bắt đầu từ 2025-02-01"
    rows.append(("organisation_overlap", period, "", "organisation.toml", "[[organisation]] thứ 1", message))

    # clusters.csv: the plains' code written twice.
    text = sample("clusters.csv") + "dong-bang,Cụm đồng bằng (mới),\n"
    period = case("cluster_code_twice", "clusters.csv", text)
    location = line_of("clusters.csv", "(mới)", text)
    rows.append(("cluster_code_twice", period, "", "clusters.csv", location, "mã cụm 'dong-bang' đã có ở dòng 2"))

    # indicators.csv: van_ban relabelled from 2025-01-01, its first label left open: two labels at once.
    text = sample("indicators.csv") + "van_ban,Văn bản ban hành (bổ sung),Văn bản,văn bản,,2025-01-01,\n"
    period = case("indicator_labels_overlap", "indicators.csv", text)
    location = line_of("indicators.csv", "(bổ sung)", text)
    rows.append(
        (
            "indicator_labels_overlap",
            period,
            "",
            "indicators.csv",
            location,
            "chỉ tiêu 'van_ban' có tên ghi từ 2025-01-01 trong khi dòng 2 vẫn ghi tên của nó đến nay",
        )
    )

    # units.csv, line 2: an ESC pasted into An Khánh's name (a terminal would obey it, the Excel writer refuses it).
    text = replaced("units.csv", "an-khanh,Huyện ủy An Khánh,", "an-khanh,Huyện ủy An\x1b Khánh,")
    period = case("control_character_in_a_name", "units.csv", text)
    rows.append(("control_character_in_a_name", period, "", "units.csv", "dòng 2", "ký tự U+001B ở vị trí 21"))

    # units.csv saved in Windows-1258.
    folder = HERE / "units_in_windows_1258"
    folder.mkdir()
    (folder / "units.csv").write_bytes(cp1258(sample("units.csv")))
    rows.append(("units_in_windows_1258", "2024H1", "", "units.csv", "", "bảng mã cũ Windows-1258"))

    # CLUSTER=da-nang-cu: the former city's figures, a predecessor cluster kept for comparisons; nothing replaced,
    # so no folder (a case without one runs on the sample's reference data).
    message = "chỉ giữ để so sánh; số liệu của cụm có trong phần so sánh của bản tin cụm trung tâm (CLUSTER=trung-tam)"
    rows.append(("predecessor_cluster_asked_for", "2025H2", "da-nang-cu", "", "", message))

    # Two mistakes in two files: both said at once.
    write("two_mistakes_in_two_files", "clusters.csv", sample("clusters.csv") + "dong-bang,Cụm đồng bằng (mới),\n")
    write(
        "two_mistakes_in_two_files",
        "organisation.toml",
        replaced("organisation.toml", "valid_from = 2025-03-01", "valid_from = 2025-02-01"),
    )
    rows.append(("two_mistakes_in_two_files", "2024H1", "", "clusters.csv", "dòng 12", "mã cụm 'dong-bang' đã có"))
    rows.append(("two_mistakes_in_two_files", "2024H1", "", "organisation.toml", "[[organisation]] thứ 1", "chồng lên"))
    return rows


def main() -> None:
    for path in HERE.iterdir():
        if path.is_dir() and path.name != "__pycache__":
            shutil.rmtree(path)
    rows = cases()
    with open(HERE / "expected.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(("case", "period", "cluster", "file", "location", "message"))
        writer.writerows(sorted(rows))


if __name__ == "__main__":
    main()
