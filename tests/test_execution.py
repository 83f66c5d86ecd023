"""What a failed bulletin tells the analyst (bantin.render.execution.failure): the error as the kernel said it
when the user can fix it, else one line naming the package's innermost line, the traceback kept for the maintainer.

The runs that end in these failures, kernels and all, are in test_failures.py.
"""

from __future__ import annotations

from papermill.exceptions import PapermillExecutionError

from bantin.build.crash import PACKAGE
from bantin.model.errors import Failure
from bantin.render.execution import failure


def test_a_kernel_error_the_user_can_fix_is_said_as_the_kernel_said_it():
    error = PapermillExecutionError(
        6,
        6,
        "display(bulletin.headline())",
        "ReferenceDataError",
        "narrative.j2, dòng 31: mẫu câu dùng một tên không có (…).",
        ["…"],
    )
    assert failure("dong-bang", error) == Failure(
        "dong-bang", "narrative.j2, dòng 31: mẫu câu dùng một tên không có (…)."
    )


def test_a_kernel_bug_names_the_innermost_line_of_the_package_and_keeps_the_traceback():
    traceback = [
        "\x1b[0;31mKeyError\x1b[0m  Traceback (most recent call last)",
        f"File {PACKAGE / 'bulletin' / 'blocks.py'}:179, in Bulletin.chart_trend(self)",
        f"File {PACKAGE / 'bulletin' / 'metrics.py'}:30, in totals(values)",
        "KeyError: 'mo_hinh'",
    ]
    found = failure(
        "province",
        PapermillExecutionError(11, 11, "display(bulletin.chart_trend())", "KeyError", "'mo_hinh'", traceback),
    )
    assert found.message == "KeyError: 'mo_hinh' (bantin/bulletin/metrics.py, dòng 30)"
    assert "Traceback (most recent call last)" in found.details and "\x1b[" not in found.details


def test_a_kernel_error_that_reached_papermill_nameless_names_its_cell():
    found = failure(
        "dong-bang", PapermillExecutionError(6, 6, "display(bulletin.headline())\n", "CellExecutionError", "", [])
    )
    assert found.message == "CellExecutionError: lỗi khi chạy ô “display(bulletin.headline())”"
