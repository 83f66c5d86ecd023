"""One streaming pass over a template's data sheet: the labelled cells, the table's header, the figures.

The cells are found by their labels and headers (``layout``), not by position, so a unit that inserted a
row still reads. What a formula cell holds is read from the values Excel cached when it last computed.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from bantin import messages
from bantin.intake import layout as template
from bantin.model.text import nfc


@dataclass(frozen=True)
class Cell:
    """A cell the reader uses: where it is, what it holds, whether that is a formula."""

    row: int
    column: int
    value: Any
    formula: bool = False

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


@dataclass
class Layout:
    """What one pass over the data sheet found."""

    sheet: str
    info: dict[str, Cell] = field(default_factory=dict)  # label key → the cell beside the label
    header_row: int | None = None
    value_column: int | None = None
    code_column: int | None = None
    figures: list[tuple[Cell, Cell]] = field(default_factory=list)  # (code cell, value cell)

    def cells(self) -> list[Cell]:
        return [*self.info.values(), *(cell for pair in self.figures for cell in pair)]


def scan(data: bytes, data_only: bool) -> Layout:
    """One streaming pass over the data sheet: the labelled cells, the header, the figure rows."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops; we only read values
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
        try:
            sheet = _data_sheet(workbook)
            layout = Layout(sheet.title)
            sheet.reset_dimensions()  # a stored dimension may be wrong; read the rows that exist
            for row in sheet.iter_rows():
                cells = {cell.column: cell for cell in row if cell.value is not None}
                if cells:
                    _scan_row(layout, cells)
            return layout
        finally:
            workbook.close()


def _data_sheet(workbook):
    """The sheet titled "Số liệu", or else the first worksheet."""
    sheets = workbook.worksheets
    if not sheets:
        raise ValueError(messages.WORKBOOK_WITHOUT_SHEETS)
    return next((sheet for sheet in sheets if label_key(sheet.title) == label_key(template.DATA_SHEET)), sheets[0])


def _scan_row(layout: Layout, cells: dict) -> None:
    """Take from one row what the layout needs: a label above the table, the header, or a figure."""
    any_cell = next(iter(cells.values()))
    row = any_cell.row
    if layout.header_row is None:
        label = cells.get(template.LABEL_COLUMN)
        if label is not None and isinstance(label.value, str):
            key = label_key(label.value)
            if key in _INFO_KEYS and key not in layout.info:
                layout.info[key] = _cell_at(cells, row, template.INFO_VALUE_COLUMN)
        headers = {label_key(cell.value): column for column, cell in cells.items() if isinstance(cell.value, str)}
        if label_key(template.HEADER_CODE) in headers:
            layout.header_row = row
            layout.code_column = headers[label_key(template.HEADER_CODE)]
            layout.value_column = headers.get(label_key(template.HEADER_VALUE))
        return
    code = cells.get(layout.code_column)
    if code is not None and cell_text(code.value).strip() and layout.value_column is not None:
        layout.figures.append((_cell_at(cells, row, layout.code_column), _cell_at(cells, row, layout.value_column)))


def _cell_at(cells: dict, row: int, column: int) -> Cell:
    cell = cells.get(column)
    if cell is None:
        return Cell(row, column, None)
    return Cell(row, column, cell.value, cell.data_type == "f")


def cached_values(data: bytes, sheet_title: str, formulas: list[Cell]) -> dict[tuple[int, int], Any]:
    """The values Excel stored when it last computed the given formula cells (None if it never did)."""
    wanted = {(cell.row, cell.column) for cell in formulas}
    last_row = max(row for row, _ in wanted)
    found: dict[tuple[int, int], Any] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            sheet = workbook[sheet_title]
            sheet.reset_dimensions()
            for row in sheet.iter_rows(max_row=last_row):
                for cell in row:
                    if cell.value is not None and (cell.row, cell.column) in wanted:
                        found[(cell.row, cell.column)] = cell.value
        finally:
            workbook.close()
    return found


def label_key(text: str) -> str:
    """A label as compared: NFC, no surrounding spaces, case-folded, without a trailing ':'."""
    return nfc(text).strip().casefold().removesuffix(":").strip()


_INFO_KEYS = frozenset(
    label_key(label)
    for label in (
        template.LABEL_UNIT_NAME,
        template.LABEL_UNIT_CODE,
        template.LABEL_PERIOD,
        template.LABEL_DATE,
        template.LABEL_VERSION,
    )
)


def cell_text(value: Any) -> str:
    """An identifier cell as text: "" for blank, 2024 for 2024 or 2024.0, NFC strings as they are."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value))
