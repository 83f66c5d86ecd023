"""Writes the corpus of bad submissions: one folder per case, each with the file(s) a unit might send.

``expected.csv`` beside this script says, per case, the period folder the files go into, and the file,
location and message fragment of the error it must produce. Run from anywhere:
``.venv/bin/python tests/corpus/make_corpus.py``; the output is committed. Workbook cases start
from the real template generator, so they follow its layout.
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
HEADER = "period,unit,indicator,value\n"


def csv_case(name: str, body: str, file: str = "submission.csv", encoding: str = "utf-8") -> None:
    folder = HERE / name
    folder.mkdir()
    (folder / file).write_bytes(body.encode(encoding))


def bytes_case(name: str, data: bytes, file: str) -> None:
    folder = HERE / name
    folder.mkdir()
    (folder / file).write_bytes(data)


def sample_rows(unit: str = "an-khanh") -> dict[str, str]:
    """A unit's 2024H1 sample figures, indicator → value."""
    with open(ROOT / "data/raw/2024H1/dong-bang.csv", encoding="utf-8") as file:
        return {row["indicator"]: row["value"] for row in csv.DictReader(file) if row["unit"] == unit}


def full_csv(unit: str = "an-khanh", period: str = "2024H1", **changes: str) -> str:
    rows = dict(sample_rows(unit), **changes)
    return HEADER + "".join(f"{period},{unit},{code},{value}\n" for code, value in rows.items())


# TCVN3 (ABC) and VNI bytes of "Huyện ủy An Khánh", as an old Vietnamese keyboard setup writes them.
TCVN3_NAME = b"Huy\xd6n \xf1y An Kh\xb8nh"
VNI_NAME = "Huyeän uûy An Khaùnh".encode("cp1252")


def csv_cases() -> None:
    csv_case("negative_value", full_csv(hoi_nghi="-3"))
    csv_case("text_value", full_csv(van_ban="mười hai"))
    csv_case("decimal_value", full_csv(van_ban='"2,5"'))
    csv_case("unknown_unit", full_csv().replace(",an-khanh,", ",an-khang,", 1))
    csv_case("unknown_indicator", full_csv().replace(",van_ban,", ",van_ban_moi,", 1))
    csv_case("period_not_the_folders", full_csv().replace("2024H1,", "2023H2,", 1))
    csv_case("period_not_a_period", full_csv().replace("2024H1,", "2024H7,", 1))
    csv_case("same_figure_twice_in_one_file", full_csv() + "2024H1,an-khanh,van_ban,17\n")
    folder = HERE / "same_unit_in_two_files"
    folder.mkdir()
    (folder / "a-first.csv").write_text(full_csv(), encoding="utf-8")
    (folder / "b-second.csv").write_text(HEADER + "2024H1,an-khanh,van_ban,17\n", encoding="utf-8")
    csv_case("wrong_header", full_csv().replace(HEADER, "ky,don_vi,chi_tieu,gia_tri\n"))
    csv_case("wrong_column_count", full_csv().replace("2024H1,an-khanh,van_ban,", "2024H1,an-khanh,van_ban,9,", 1))
    csv_case("empty_file", "")
    csv_case("header_only", HEADER)
    csv_case("utf16_text", full_csv(), encoding="utf-16")
    bytes_case("tcvn3_encoding", HEADER.encode() + b"2024H1," + TCVN3_NAME + b",van_ban,12\n2024H1," + TCVN3_NAME + b",kiem_tra,2\n", "submission.csv")
    bytes_case("vni_encoding", HEADER.encode() + b"2024H1," + VNI_NAME + b",van_ban,12\n2024H1," + VNI_NAME + b",kiem_tra,2\n", "submission.csv")
    bytes_case("windows_1258_encoding", HEADER.encode() + "2024H1,Thi\u0323 u\u0309y Thu\u0309y Lâm,van_ban,12\n".encode("cp1258"), "submission.csv")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    bytes_case("zip_named_csv", buffer.getvalue(), "submission.csv")
    bytes_case("binary_named_csv", b"\x00\x01\x02binary\x00" * 20, "submission.csv")
    bytes_case("unsupported_extension", b"%PDF-1.4 a scanned report\n", "bao-cao.pdf")
    bytes_case("old_excel_xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "bao-cao.xls")
    csv_case("recognized_above_registered", full_csv(mo_hinh_cong_nhan="900"))
    csv_case("attendance_without_conferences", full_csv(hoi_nghi="0"))
    csv_case("fewer_people_than_conferences", full_csv(hoi_nghi_luot_nguoi="2"))
    csv_case("members_inspected_without_inspections", full_csv(kiem_tra="0", kiem_tra_to_chuc_dang="0"))
    csv_case("trainees_without_training", full_csv(tap_huan="0"))
    csv_case("unit_not_active_in_the_period", full_csv(period="2025H2"))


def main() -> None:
    for folder in HERE.iterdir():
        if folder.is_dir() and folder.name != "__pycache__":
            shutil.rmtree(folder)
    csv_cases()
    if "--csv-only" not in sys.argv:
        from workbook_cases import workbook_cases

        workbook_cases(HERE)


if __name__ == "__main__":
    main()
