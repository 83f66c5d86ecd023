"""Workbook cases of the corpus: the real template of a unit, filled, then spoilt the ways files are."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from bantin.intake.layout import (
    DATA_SHEET,
    FIRST_INDICATOR_ROW,
    FIRST_INFO_ROW,
    INFO_LABELS,
    LABEL_PERIOD,
    LABEL_UNIT_CODE,
    LABEL_UNIT_NAME,
)
from bantin.intake.template import fill_sheet, template_bytes
from bantin.model.periods import Period
from bantin.model.reference import Reference

ROOT = Path(__file__).resolve().parents[2]
PERIOD = Period.parse("2024H1")
UNIT = "an-khanh"


def _filled(figures: dict[str, object]):
    """The unit's template, opened and filled with ``figures`` (indicator → cell value)."""
    reference = Reference(ROOT / "data" / "reference")
    unit = next(u for u in reference.units(PERIOD) if u.code == UNIT)
    workbook = load_workbook(io.BytesIO(template_bytes(reference, PERIOD, unit)))
    sheet = workbook[DATA_SHEET]
    fill_sheet(sheet, figures)
    return workbook, sheet


def _value_cell(indicator: str) -> str:
    reference = Reference(ROOT / "data" / "reference")
    return f"{DATA_SHEET}!D{FIRST_INDICATOR_ROW + list(reference.indicators).index(indicator)}"


def _info_cell(label: str) -> str:
    return f"{DATA_SHEET}!B{FIRST_INFO_ROW + INFO_LABELS.index(label)}"


def _save(workbook, folder: Path, file: str = "an-khanh.xlsx") -> None:
    folder.mkdir()
    buffer = io.BytesIO()
    workbook.save(buffer)
    (folder / file).write_bytes(buffer.getvalue())


def workbook_cases(corpus: Path, sample: dict[str, str]) -> list[tuple[str, str, str, str, str]]:
    """Writes the cases; returns their expectations (case, period, file, location, message)."""
    figures = {code: int(value) for code, value in sample.items()}
    expected = []

    def spoilt(case: str, location: str, message: str, **cells) -> None:
        workbook, _sheet = _filled({**figures, **cells})
        _save(workbook, corpus / case)
        expected.append((case, "2024H1", "an-khanh.xlsx", location, message))

    spoilt("xlsx_negative_value", _value_cell("hoi_nghi"), "là số âm", hoi_nghi=-5)
    spoilt(
        "xlsx_number_too_large",
        _value_cell("hoi_nghi_luot_nguoi"),
        "quá lớn cho một số đếm",
        hoi_nghi_luot_nguoi=10**20,
    )
    spoilt("xlsx_text_value", _value_cell("van_ban"), "không phải là số", van_ban="mười hai")
    spoilt("xlsx_decimal_value", _value_cell("van_ban"), "không phải số nguyên", van_ban=2.5)
    spoilt("xlsx_date_in_a_figure", _value_cell("van_ban"), "15/06/2024", van_ban=dt.datetime(2024, 6, 15))
    spoilt(
        "xlsx_formula_without_value",
        _value_cell("van_ban"),
        "chứa công thức nhưng chưa có giá trị",
        van_ban="=SUM(1,2)",
    )
    spoilt(
        "xlsx_recognized_above_registered",
        _value_cell("mo_hinh_cong_nhan"),
        "được công nhận lớn hơn",
        mo_hinh_cong_nhan=500,
    )

    def identity(case: str, label: str, value, location: str, message: str, blank_name: bool = False) -> None:
        workbook, sheet = _filled(figures)
        sheet[_info_cell(label).split("!")[1]] = value
        if blank_name:
            sheet[_info_cell(LABEL_UNIT_NAME).split("!")[1]] = None
        _save(workbook, corpus / case)
        expected.append((case, "2024H1", "an-khanh.xlsx", location, message))

    identity(
        "xlsx_period_of_another_half_year", LABEL_PERIOD, "2023H2", _value_cell("van_ban"), "khác với kỳ của thư mục"
    )
    identity(
        "xlsx_unknown_unit_code", LABEL_UNIT_CODE, "khong-co", _value_cell("van_ban"), "không có trong danh mục đơn vị"
    )
    identity(
        "xlsx_unit_left_blank",
        LABEL_UNIT_CODE,
        None,
        _info_cell(LABEL_UNIT_CODE),
        "để trống, nên không biết mã đơn vị",
        blank_name=True,
    )

    def archive(case: str, members: dict[str, bytes], message: str) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as packed:
            for name, content in members.items():  # fixed dates: the same case gives the same bytes
                packed.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
        (corpus / case).mkdir()
        (corpus / case / "an-khanh.xlsx").write_bytes(buffer.getvalue())
        expected.append((case, "2024H1", "an-khanh.xlsx", "", message))

    archive(
        "xlsx_zip_bomb",
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"\0" * (60 * 2**20),
        },
        "khi giải nén lớn tới",
    )
    archive("xlsx_that_is_a_word_document", {"word/document.xml": b"<document/>"}, "không phải sổ tính Excel")
    (corpus / "xlsx_that_is_a_csv").mkdir()
    (corpus / "xlsx_that_is_a_csv" / "an-khanh.xlsx").write_text(
        "period,unit,indicator,value\n2024H1,an-khanh,van_ban,9\n", encoding="utf-8"
    )
    expected.append(
        ("xlsx_that_is_a_csv", "2024H1", "an-khanh.xlsx", "", "tệp văn bản (có thể là CSV) mang đuôi .xlsx")
    )
    (corpus / "xlsx_with_a_password").mkdir()
    (corpus / "xlsx_with_a_password" / "an-khanh.xlsx").write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64
    )
    expected.append(("xlsx_with_a_password", "2024H1", "an-khanh.xlsx", "", "đặt mật khẩu"))
    expected.append(linked_case(corpus, figures))
    return expected


RELATIONSHIPS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def linked_case(corpus: Path, figures: dict[str, object]) -> tuple[str, str, str, str, str]:
    """A workbook with a link to another file, as offices make them (issue 24): the cell of "hội nghị" is a formula
    that follows the link, its value cached (-3, so that the case has an error to find: it is read); the link's
    ``externalReference`` names the prefix ``r`` its element does not declare, which openpyxl refused through lxml."""
    from openpyxl.packaging.relationship import Relationship
    from openpyxl.workbook.external_link.external import (
        ExternalBook,
        ExternalCell,
        ExternalLink,
        ExternalRow,
        ExternalSheetData,
        ExternalSheetDataSet,
        ExternalSheetNames,
    )

    workbook, sheet = _filled(figures)
    cells = [ExternalCell(r="A1", v="-3")]
    data = ExternalSheetDataSet(sheetData=[ExternalSheetData(sheetId=0, row=[ExternalRow(r=1, cell=cells)])])
    link = ExternalLink(
        externalBook=ExternalBook(sheetNames=ExternalSheetNames(sheetName=["Sheet1"]), sheetDataSet=data, id="rId1")
    )
    link.file_link = Relationship(
        type="externalLinkPath", Target="file:///C:/BaoCao/tong-hop.xlsx", TargetMode="External"
    )
    workbook._external_links.append(link)
    cell = _value_cell("hoi_nghi").split("!")[1]
    sheet[cell] = "=[1]Sheet1!A1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    output = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info).decode("utf-8")
            if info.filename == "xl/workbook.xml":  # the prefix declared nowhere, as an edit by hand leaves it
                content = content.replace(f"<externalReference {RELATIONSHIPS}", "<externalReference")
            if info.filename == "xl/worksheets/sheet1.xml":  # the value Excel cached when it last computed
                content = content.replace("<f>[1]Sheet1!A1</f><v></v>", "<f>[1]Sheet1!A1</f><v>-3</v>")
                content = content.replace("<f>[1]Sheet1!A1</f><v/>", "<f>[1]Sheet1!A1</f><v>-3</v>")
                assert "<v>-3</v>" in content, content
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0)), content.encode("utf-8"))
    (corpus / "xlsx_with_an_external_link").mkdir()
    (corpus / "xlsx_with_an_external_link" / "an-khanh.xlsx").write_bytes(output.getvalue())
    return ("xlsx_with_an_external_link", "2024H1", "an-khanh.xlsx", _value_cell("hoi_nghi"), "Giá trị '-3' là số âm")
