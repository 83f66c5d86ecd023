"""Writes the corpus of bad submissions: one folder per case, each with the file(s) a unit might send.

``expected.csv``, written by this script too, says per case the period folder the files go into, and the file,
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
    bytes_case(
        "tcvn3_encoding",
        HEADER.encode() + b"2024H1," + TCVN3_NAME + b",van_ban,12\n2024H1," + TCVN3_NAME + b",kiem_tra,2\n",
        "submission.csv",
    )
    bytes_case(
        "vni_encoding",
        HEADER.encode() + b"2024H1," + VNI_NAME + b",van_ban,12\n2024H1," + VNI_NAME + b",kiem_tra,2\n",
        "submission.csv",
    )
    bytes_case(
        "windows_1258_encoding",
        HEADER.encode() + "2024H1,Thi\u0323 u\u0309y Thu\u0309y Lâm,van_ban,12\n".encode("cp1258"),
        "submission.csv",
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("xl/workbook.xml", date_time=(2024, 1, 1, 0, 0, 0)), "<workbook/>")
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
    csv_case("number_too_large", full_csv(hoi_nghi_luot_nguoi="99999999999999999999999"))  # past 64-bit integers
    csv_case("number_beyond_a_float", full_csv(hoi_nghi_luot_nguoi="1" + "0" * 400))  # past floating point too
    folder = HERE / "symlink_to_a_file_outside"  # refused by name, never read: nothing of /etc/passwd in any report
    folder.mkdir()
    (folder / "submission.csv").symlink_to("/etc/passwd")


# Where each CSV case's error must point and what it must say (case, period, file, location, message).
CSV_EXPECTED = [
    (
        "attendance_without_conferences",
        "2024H1",
        "submission.csv",
        "dòng 8",
        "Có lượt người tham dự hội nghị nhưng số hội nghị do cấp ủy tổ chức bằng 0",
    ),
    ("binary_named_csv", "2024H1", "submission.csv", "", "không phải văn bản"),
    ("symlink_to_a_file_outside", "2024H1", "submission.csv", "", "liên kết (symbolic link) tới nơi khác"),
    ("decimal_value", "2024H1", "submission.csv", "dòng 2", "Giá trị '2,5' không phải số nguyên"),
    ("empty_file", "2024H1", "submission.csv", "", "Tệp rỗng"),
    ("fewer_people_than_conferences", "2024H1", "submission.csv", "dòng 8", "Số lượt người tham dự ít hơn số hội nghị"),
    ("header_only", "2024H1", "submission.csv", "", "không có số liệu nào"),
    (
        "members_inspected_without_inspections",
        "2024H1",
        "submission.csv",
        "dòng 5",
        "Có đảng viên được kiểm tra, giám sát nhưng số cuộc kiểm tra, giám sát bằng 0",
    ),
    ("negative_value", "2024H1", "submission.csv", "dòng 7", "Giá trị '-3' là số âm"),
    ("number_beyond_a_float", "2024H1", "submission.csv", "dòng 8", "quá lớn cho một số đếm (tối đa 1.000.000.000)"),
    (
        "number_too_large",
        "2024H1",
        "submission.csv",
        "dòng 8",
        "Giá trị '99999999999999999999999' quá lớn cho một số đếm",
    ),
    ("old_excel_xls", "2024H1", "bao-cao.xls", "", "định dạng Excel 97-2003 (.xls)"),
    ("period_not_a_period", "2024H1", "submission.csv", "dòng 2", "Kỳ báo cáo '2024H7' không hợp lệ"),
    (
        "period_not_the_folders",
        "2024H1",
        "submission.csv",
        "dòng 2",
        "Kỳ báo cáo '2023H2' khác với kỳ của thư mục (2024H1)",
    ),
    (
        "recognized_above_registered",
        "2024H1",
        "submission.csv",
        "dòng 10",
        "được công nhận lớn hơn số mô hình đã đăng ký",
    ),
    (
        "same_figure_twice_in_one_file",
        "2024H1",
        "submission.csv",
        "dòng 16",
        "nhập hai lần trong cùng tệp (đã có ở dòng 2)",
    ),
    (
        "same_unit_in_two_files",
        "2024H1",
        "b-second.csv",
        "dòng 2",
        "có 2 báo cáo khác nhau kỳ này: data/raw/2024H1/a-first.csv",
    ),
    ("tcvn3_encoding", "2024H1", "submission.csv", "", "bảng mã cũ TCVN3 (ABC)"),
    ("text_value", "2024H1", "submission.csv", "dòng 2", "Giá trị 'mười hai' không phải là số"),
    (
        "trainees_without_training",
        "2024H1",
        "submission.csv",
        "dòng 12",
        "Có lượt người tham gia tập huấn nhưng số hội nghị quán triệt",
    ),
    (
        "unit_not_active_in_the_period",
        "2025H2",
        "submission.csv",
        "dòng 2",
        "Đơn vị 'an-khanh' không hoạt động trong kỳ 2025H2",
    ),
    (
        "unknown_indicator",
        "2024H1",
        "submission.csv",
        "dòng 2",
        "Chỉ tiêu 'van_ban_moi' không có trong danh mục chỉ tiêu",
    ),
    ("unknown_unit", "2024H1", "submission.csv", "dòng 2", "Đơn vị 'an-khang' không có trong danh mục đơn vị"),
    ("unsupported_extension", "2024H1", "bao-cao.pdf", "", "Loại tệp .pdf không được hỗ trợ"),
    ("utf16_text", "2024H1", "submission.csv", "", "UTF-16"),
    ("vni_encoding", "2024H1", "submission.csv", "", "bảng mã cũ VNI"),
    ("windows_1258_encoding", "2024H1", "submission.csv", "", "bảng mã cũ Windows-1258"),
    ("wrong_column_count", "2024H1", "submission.csv", "dòng 2", "Dòng có 5 cột, cần đúng 4 cột"),
    ("wrong_header", "2024H1", "submission.csv", "dòng 1", "Dòng tiêu đề phải là 'period,unit,indicator,value'"),
    ("zip_named_csv", "2024H1", "submission.csv", "", "thực chất là tệp nén hoặc Excel"),
]


def main() -> None:
    for folder in HERE.iterdir():
        if folder.is_dir() and folder.name != "__pycache__":
            shutil.rmtree(folder)
    csv_cases()
    sys.path.insert(0, str(HERE))
    from workbook_cases import workbook_cases

    expected = CSV_EXPECTED + workbook_cases(HERE, sample_rows())
    with open(HERE / "expected.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(("case", "period", "file", "location", "message"))
        writer.writerows(sorted(expected))


if __name__ == "__main__":
    main()
