"""The template workbook itself: its data sheet (the unit, the period, the table of figures), its guide sheet,
its look, its protection and its print setup. Where things go is ``layout``'s; writing the files is ``template``'s.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from bantin.intake.layout import (
    CODE_COLUMN,
    DATA_SHEET,
    FIRST_INDICATOR_ROW,
    FIRST_INFO_ROW,
    GUIDE_SHEET,
    GUIDE_TITLE,
    HEADER_CODE,
    HEADER_LABEL,
    HEADER_NUMBER,
    HEADER_ROW,
    HEADER_UNIT,
    HEADER_VALUE,
    HEADERS,
    INFO_LABELS,
    INFO_VALUE_COLUMN,
    LABEL_CLUSTER,
    LABEL_COLUMN,
    LABEL_DATE,
    LABEL_PERIOD,
    LABEL_UNIT_CODE,
    LABEL_UNIT_NAME,
    LABEL_VERSION,
    NAME_PERIOD,
    NAME_UNIT,
    NAME_VERSION,
    TEMPLATE_VERSION,
    TITLE,
    TITLE_ROW,
    VALUE_COLUMN,
    info_row,
)
from bantin.model.periods import Period
from bantin.model.reference import Indicator, Reference, Unit

VALUE_PROMPT = "Nhập số nguyên không âm; để trống nếu chưa có số liệu."

# --- The look. -------------------------------------------------------------------------------------
_FONT_NAME = "Times New Roman"  # the Vietnamese administrative habit (TCVN 6909, Unicode)
# Column A also holds the labels above the table ("Ngày gửi báo cáo:"), hence wider than a number needs.
_COLUMN_WIDTHS = {HEADER_NUMBER: 17, HEADER_LABEL: 55, HEADER_UNIT: 13, HEADER_VALUE: 12, HEADER_CODE: 19}
_GUIDE_WIDTH = 75
# Neither Excel nor LibreOffice reliably fits a wrapped row's height on opening, so the writer sets it:
# lines of 12 pt text, counted with a conservative number of characters per unit of column width.
_CHARS_PER_WIDTH = 1.3
_LINE_HEIGHT = 16  # points
_ROW_PADDING = 4  # points
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNLOCKED = Protection(locked=False)
_VALUE_FORMAT = "#,##0"  # shows 4.819 in a Vietnamese Excel
_DATE_FORMAT = "dd/mm/yyyy"


def build_template(reference: Reference, period: Period, unit: Unit) -> Workbook:
    """The template of ``unit`` for ``period`` as an openpyxl workbook (not yet saved)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    cluster = reference.clusters[unit.cluster].name
    _write_title(sheet, period)
    _write_info(sheet, period, unit, cluster)
    last_row = _write_table(sheet, list(reference.indicators_in(period).values()))
    _set_page(sheet, last_row)
    _protect(sheet)
    _write_guide(workbook.create_sheet(GUIDE_SHEET), period, unit, reference.organisation_for(period))
    _define_names(workbook)
    workbook.security = WorkbookProtection(lockStructure=True)  # no password: sheets keep their names
    workbook.active = 0
    return workbook


def _write_title(sheet: Worksheet, period: Period) -> None:
    last_column = get_column_letter(len(HEADERS))
    sheet.merge_cells(f"A{TITLE_ROW}:{last_column}{TITLE_ROW}")
    cell = sheet.cell(TITLE_ROW, 1, f"{TITLE} {period.label.upper()}")
    cell.font = Font(name=_FONT_NAME, size=13, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[TITLE_ROW].height = 36


def _write_info(sheet: Worksheet, period: Period, unit: Unit, cluster: str) -> None:
    """The label/value rows: who reports, for which period, on which version of the template."""
    values = {
        LABEL_UNIT_NAME: unit.name,
        LABEL_UNIT_CODE: unit.code,
        LABEL_CLUSTER: cluster,
        LABEL_PERIOD: str(period),
        LABEL_DATE: None,
        LABEL_VERSION: TEMPLATE_VERSION,
    }
    for row, label in enumerate(INFO_LABELS, start=FIRST_INFO_ROW):
        sheet.cell(row, LABEL_COLUMN, label).font = Font(name=_FONT_NAME, size=12)
        cell = sheet.cell(row, INFO_VALUE_COLUMN, values[label])
        cell.font = Font(name=_FONT_NAME, size=12, bold=label != LABEL_DATE)
        cell.alignment = Alignment(horizontal="left")
    period_row = info_row(LABEL_PERIOD)
    beside = sheet.cell(period_row, INFO_VALUE_COLUMN + 1, period.label)
    beside.font = Font(name=_FONT_NAME, size=12, italic=True)
    _date_input(sheet, sheet.cell(info_row(LABEL_DATE), INFO_VALUE_COLUMN), period)


def _date_input(sheet: Worksheet, cell, period: Period) -> None:
    """The one input cell above the table: when the report was sent, a date from the period's start on."""
    cell.number_format = _DATE_FORMAT
    cell.protection = _UNLOCKED
    cell.fill = _INPUT_FILL
    cell.border = _BORDER
    example = (period.end + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    validation = DataValidation(
        type="date",
        operator="greaterThanOrEqual",
        formula1=str(int(to_excel(period.start))),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle="Ngày không hợp lệ",
        error=f"Nhập ngày theo dạng ngày/tháng/năm, từ ngày {period.start:%d/%m/%Y} trở đi, ví dụ {example}.",
        promptTitle="Ngày gửi báo cáo",
        prompt=f"Nhập ngày gửi báo cáo, dạng ngày/tháng/năm (ví dụ {example}).",
    )
    validation.add(cell.coordinate)
    sheet.add_data_validation(validation)


def _write_table(sheet: Worksheet, indicators: list[Indicator]) -> int:
    """The header and one row per indicator of the period (each with its label then), in the order of
    indicators.csv; returns the last row."""
    for column, text in enumerate(HEADERS, start=1):
        cell = sheet.cell(HEADER_ROW, column, text)
        cell.font = Font(name=_FONT_NAME, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
    validation = _value_validation()
    sheet.add_data_validation(validation)
    row = HEADER_ROW
    for number, indicator in enumerate(indicators, start=1):
        row = HEADER_ROW + number
        _write_indicator_row(sheet, row, number, indicator)
        validation.add(sheet.cell(row, VALUE_COLUMN).coordinate)
    return row


def _write_indicator_row(sheet: Worksheet, row: int, number: int, indicator: Indicator) -> None:
    cells = {
        HEADER_NUMBER: (number, Alignment(horizontal="center", vertical="center")),
        HEADER_LABEL: (indicator.label, Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1)),
        HEADER_UNIT: (indicator.unit, Alignment(horizontal="center", vertical="center", wrap_text=True)),
        HEADER_VALUE: (None, Alignment(horizontal="right", vertical="center")),
        HEADER_CODE: (indicator.code, Alignment(horizontal="left", vertical="center", indent=1)),
    }
    for column, header in enumerate(HEADERS, start=1):
        value, alignment = cells[header]
        cell = sheet.cell(row, column, value)
        cell.alignment = alignment
        cell.border = _BORDER
        cell.font = Font(name=_FONT_NAME, size=12)
    sheet.row_dimensions[row].height = max(
        _row_height(indicator.label, _COLUMN_WIDTHS[HEADER_LABEL]),
        _row_height(indicator.unit, _COLUMN_WIDTHS[HEADER_UNIT]),
    )
    code = sheet.cell(row, CODE_COLUMN)
    code.font = Font(name=_FONT_NAME, size=8, color="808080")
    value = sheet.cell(row, VALUE_COLUMN)
    value.protection = _UNLOCKED
    value.fill = _INPUT_FILL
    value.number_format = _VALUE_FORMAT


def _value_validation() -> DataValidation:
    """Whole numbers ≥ 0, blank allowed (blank means not reported, never zero)."""
    return DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle="Số liệu không hợp lệ",
        error="Chỉ nhập số nguyên không âm (0, 1, 2, …), không nhập chữ hay số thập phân. "
        "Để trống nếu chưa có số liệu.",
        promptTitle="Số liệu",
        prompt=VALUE_PROMPT,
    )


def _set_page(sheet: Worksheet, last_row: int) -> None:
    """Readable on screen, printable on one A4 page in portrait."""
    for column, header in enumerate(HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = _COLUMN_WIDTHS[header]
    sheet.sheet_view.showGridLines = False
    first_input = f"{get_column_letter(VALUE_COLUMN)}{FIRST_INDICATOR_ROW}"
    sheet.sheet_view.selection[0].activeCell = first_input
    sheet.sheet_view.selection[0].sqref = first_input
    _print_on_a4(sheet, f"A1:{get_column_letter(len(HEADERS))}{last_row}")
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75


def _print_on_a4(sheet: Worksheet, area: str) -> None:
    """A4 portrait, as wide as the page, as many pages down as it takes."""
    sheet.print_area = area
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6


def _protect(sheet: Worksheet) -> None:
    """Only the unlocked input cells can be edited; no password, columns and rows may be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _write_guide(sheet: Worksheet, period: Period, unit: Unit, organisation: dict[str, str]) -> None:
    """The instructions sheet: a title, then one paragraph a row."""
    sheet.column_dimensions["A"].width = _GUIDE_WIDTH
    title = sheet.cell(1, 1, GUIDE_TITLE)
    title.font = Font(name=_FONT_NAME, size=14, bold=True)
    sheet.row_dimensions[1].height = 28
    paragraphs = guide_paragraphs(period, unit, organisation)
    for row, text in enumerate(paragraphs, start=2):
        cell = sheet.cell(row, 1, text)
        cell.font = Font(name=_FONT_NAME, size=12)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = _row_height(text, _GUIDE_WIDTH)
    sheet.sheet_view.showGridLines = False
    _print_on_a4(sheet, f"A1:A{len(paragraphs) + 1}")
    sheet.protection.sheet = True


def guide_paragraphs(period: Period, unit: Unit, organisation: dict[str, str]) -> list[str]:
    """How to fill the template, in Vietnamese, one paragraph per item."""
    recipient = organisation["issuing_body_title"]
    column = get_column_letter(VALUE_COLUMN)
    return [
        f"Mẫu này dành riêng cho {unit.name}, kỳ báo cáo {period.label} ({period}).",
        f"1. Nhập số liệu vào các ô tô màu ở cột “{HEADER_VALUE}” (cột {column}) của trang “{DATA_SHEET}”, "
        "mỗi chỉ tiêu một số.",
        "2. Chỉ nhập số nguyên không âm (0, 1, 2, …); không nhập chữ, đơn vị tính hay số thập phân.",
        "3. Chỉ tiêu nào chưa có số liệu thì để trống. Ô để trống nghĩa là chưa có số liệu, không phải số 0: "
        "có số 0 thì nhập 0.",
        f"4. Nhập ngày gửi báo cáo vào ô “{LABEL_DATE.rstrip(':')}”, dạng ngày/tháng/năm.",
        "5. Không đổi tên, không xóa các trang; không sửa tên đơn vị, mã đơn vị, kỳ báo cáo, "
        "phiên bản mẫu và cột mã chỉ tiêu.",
        "6. Lưu tệp dưới dạng sổ tính Excel (.xlsx), không lưu dạng .xls hay .csv, không đặt mật khẩu.",
        f"7. Gửi tệp về {recipient}.",
        "Hệ thống tổng hợp sẽ kiểm tra lại toàn bộ số liệu khi nhận tệp; các cảnh báo của Excel khi nhập "
        "chỉ để hỗ trợ, không thay cho việc kiểm tra đó.",
    ]


def _define_names(workbook: Workbook) -> None:
    """``BANTIN_UNIT``, ``BANTIN_PERIOD``, ``BANTIN_VERSION``: the prefilled cells, by name."""
    column = get_column_letter(INFO_VALUE_COLUMN)
    for name, label in ((NAME_UNIT, LABEL_UNIT_CODE), (NAME_PERIOD, LABEL_PERIOD), (NAME_VERSION, LABEL_VERSION)):
        target = f"'{DATA_SHEET}'!${column}${info_row(label)}"
        workbook.defined_names[name] = DefinedName(name, attr_text=target)


def _row_height(text: str, width: float) -> float:
    """The height in points of a row whose wrapped ``text`` sits in a column ``width`` wide."""
    lines = textwrap.wrap(text, width=int(width * _CHARS_PER_WIDTH)) or [""]
    return len(lines) * _LINE_HEIGHT + _ROW_PADDING
