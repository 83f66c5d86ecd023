"""Where things are in the units' Excel template: written by ``template``, found again by ``workbook``.

One home for the layout, so that the writer and the reader cannot drift apart. The reader finds the
labels and the header by their text, not their position, so a unit that inserted a row still reads.
"""

from __future__ import annotations

TEMPLATE_VERSION = "1"
KNOWN_VERSIONS = (TEMPLATE_VERSION,)  # versions the reader still understands

DATA_SHEET = "Số liệu"
GUIDE_SHEET = "Hướng dẫn"
TITLE = "BÁO CÁO SỐ LIỆU CÔNG TÁC DÂN VẬN"
GUIDE_TITLE = "HƯỚNG DẪN NHẬP SỐ LIỆU"

LABEL_UNIT_NAME = "Đơn vị:"
LABEL_UNIT_CODE = "Mã đơn vị:"
LABEL_CLUSTER = "Cụm:"
LABEL_PERIOD = "Kỳ báo cáo:"
LABEL_DATE = "Ngày gửi báo cáo:"
LABEL_VERSION = "Phiên bản mẫu:"
INFO_LABELS = (LABEL_UNIT_NAME, LABEL_UNIT_CODE, LABEL_CLUSTER, LABEL_PERIOD, LABEL_DATE, LABEL_VERSION)
LABEL_COLUMN = 1  # labels in column A …
INFO_VALUE_COLUMN = 2  # … their values beside them in column B

HEADER_NUMBER = "STT"
HEADER_LABEL = "Chỉ tiêu"
HEADER_UNIT = "Đơn vị tính"
HEADER_VALUE = "Số liệu"  # the column the figures are typed in
HEADER_CODE = "Mã chỉ tiêu"  # marks the header row; each row below it with a code is one figure
HEADERS = (HEADER_NUMBER, HEADER_LABEL, HEADER_UNIT, HEADER_VALUE, HEADER_CODE)

NAME_UNIT = "BANTIN_UNIT"  # workbook defined names pointing at the prefilled cells
NAME_PERIOD = "BANTIN_PERIOD"
NAME_VERSION = "BANTIN_VERSION"

# Where the writer puts things (the reader scans instead, so that an inserted row does no harm).
TITLE_ROW = 1
FIRST_INFO_ROW = 3
HEADER_ROW = FIRST_INFO_ROW + len(INFO_LABELS) + 1
FIRST_INDICATOR_ROW = HEADER_ROW + 1
VALUE_COLUMN = HEADERS.index(HEADER_VALUE) + 1
CODE_COLUMN = HEADERS.index(HEADER_CODE) + 1


def info_row(label: str) -> int:
    """The row of one of the labelled cells above the table, as the template writes it."""
    return FIRST_INFO_ROW + INFO_LABELS.index(label)
