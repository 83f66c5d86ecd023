"""Reading a period's submissions into observations, collecting every problem on the way.

An observation is one figure: (period, unit, indicator, value) plus where it came from. This module
reads and normalizes; ``validate`` checks the figures against the rules.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import BantinError, Problem
from .periods import Period
from .project import Project
from .reference import Reference

CSV_HEADER = ("period", "unit", "indicator", "value")
_THOUSANDS = re.compile(r"\d{1,3}([.\s\u00a0\u202f]\d{3})+")


@dataclass(frozen=True)
class Observation:
    period: str
    unit: str
    indicator: str
    value: int | None  # None: left blank, i.e. missing (never zero)
    source_file: str
    source_sha256: str
    source_location: str


def read_period(project: Project, reference: Reference, period: Period) -> tuple[list[Observation], list[Problem]]:
    """Every observation of a half-year's submissions folder, and every problem found reading it."""
    folder = project.raw_period_dir(period)
    observations: list[Observation] = []
    problems: list[Problem] = []
    files = sorted(path for path in folder.glob("*") if path.is_file() and not path.name.startswith("."))
    if not files:
        problems.append(Problem(_relative(project, folder), "", "Không có tệp số liệu nào cho kỳ này."))
    for path in files:
        if path.suffix.lower() == ".csv":
            found, trouble = read_csv(path, _relative(project, path), reference, period)
        else:
            found, trouble = [], [Problem(_relative(project, path), "", "Loại tệp không được hỗ trợ (dùng .csv).")]
        observations += found
        problems += trouble
    problems += _duplicates(observations, reference)
    return observations, problems


def read_csv(path: Path, name: str, reference: Reference, period: Period) -> tuple[list[Observation], list[Problem]]:
    """A long CSV ``period,unit,indicator,value`` (UTF-8, with or without BOM, ',' or ';')."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = unicodedata.normalize("NFC", data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return [], [Problem(name, "", "Tệp không phải mã UTF-8. Hãy lưu lại dưới dạng CSV UTF-8.")]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [column.strip().lower() for column in next(reader, [])]
    if tuple(header) != CSV_HEADER:
        expected = ",".join(CSV_HEADER)
        return [], [Problem(name, "dòng 1", f"Dòng tiêu đề phải là {expected!r}, tệp có {delimiter.join(header)!r}.")]
    active = {unit.code for unit in reference.units(period)}
    observations, problems = [], []
    for row in reader:
        location = f"dòng {reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_HEADER):
            problems.append(Problem(name, location, f"Dòng có {len(row)} cột, cần đúng {len(CSV_HEADER)} cột."))
            continue
        period_text, unit, indicator, raw_value = (cell.strip() for cell in row)
        complaints = []
        try:
            row_period = Period.parse(period_text)
        except BantinError:
            row_period = None
        if row_period != period:
            complaints.append(f"Kỳ báo cáo {period_text!r} khác với kỳ của thư mục ({period}).")
        if unit not in reference.unit_codes():
            complaints.append(f"Mã đơn vị {unit!r} không có trong danh mục đơn vị (data/reference/units.csv).")
        elif unit not in active:
            complaints.append(f"Đơn vị {unit!r} không hoạt động trong kỳ {period}.")
        if indicator not in reference.indicators:
            complaints.append(f"Mã chỉ tiêu {indicator!r} không có trong danh mục chỉ tiêu (data/reference/indicators.csv).")
        value, value_complaint = parse_count(raw_value)
        if value_complaint:
            complaints.append(value_complaint)
        label = reference.indicators[indicator].label if indicator in reference.indicators else indicator
        problems += [Problem(name, location, message, unit, label) for message in complaints]
        if not complaints:
            observations.append(Observation(str(period), unit, indicator, value, name, digest, location))
    return observations, problems


def parse_count(text: str) -> tuple[int | None, str]:
    """A count as typed by a person: "4819", "4.819", "4 819" → 4819; "" → missing. Returns (value, complaint)."""
    cleaned = text.strip()
    if not cleaned:
        return None, ""
    if _THOUSANDS.fullmatch(cleaned):
        cleaned = re.sub(r"[.\s\u00a0\u202f]", "", cleaned)
    if cleaned.lstrip("+-").isdigit() and cleaned.isascii():
        value = int(cleaned)
        if value < 0:
            return None, f"Giá trị {text!r} là số âm; số liệu phải là số nguyên không âm."
        return value, ""
    return None, f"Giá trị {text!r} không phải số nguyên không âm."


def _duplicates(observations: list[Observation], reference: Reference) -> list[Problem]:
    """Each figure given twice, in one file or in two, named with both places."""
    first: dict[tuple[str, str, str], Observation] = {}
    problems = []
    for obs in observations:
        key = (obs.period, obs.unit, obs.indicator)
        if key in first:
            earlier = first[key]
            where = earlier.source_location if earlier.source_file == obs.source_file else f"{earlier.source_file}, {earlier.source_location}"
            problems.append(
                Problem(
                    obs.source_file,
                    obs.source_location,
                    f"Số liệu bị trùng: đã có tại {where}. Xóa một trong hai dòng.",
                    obs.unit,
                    reference.indicators[obs.indicator].label,
                )
            )
        else:
            first[key] = obs
    return problems


def _relative(project: Project, path: Path) -> str:
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return str(path)
