"""Publishing is all or nothing: a failure at any file leaves every folder as it was, and says why in Vietnamese.

The faults are made by patching the operating system's calls where the transaction meets them (a full disk
shows at ``fsync``, a file another program holds at ``rename``, a read-only folder when a file is created);
``test_failures.py`` makes the same faults for real where the machine allows mounting file systems.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from bantin.build.publish import Transaction, check_writable, remove_leftovers
from bantin.model.errors import PublishError


def everything(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, hidden ones included: a failed transaction leaves no temporary behind."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project folder whose outputs hold an earlier run's files."""
    folder = tmp_path / "outputs" / "2024H1"
    folder.mkdir(parents=True)
    (folder / "dong-bang.html").write_bytes(b"<html>old</html>")
    (folder / "data.csv").write_bytes(b"old figures\n")
    (folder / "data.xlsx").write_bytes(b"old workbook")
    (folder / "stale.pdf").write_bytes(b"%PDF- of a cluster that is gone")
    return tmp_path


def staged(root: Path) -> Transaction:
    """A run's changes: two files replaced, one left as it is, one new in a new folder, one removed."""
    transaction = Transaction(root)
    folder = root / "outputs" / "2024H1"
    transaction.write(folder / "dong-bang.html", b"<html>new</html>")
    transaction.write(folder / "data.csv", b"old figures\n")  # unchanged
    transaction.write(folder / "data.xlsx", b"new workbook")
    transaction.write(root / "data" / "processed" / "2024H1.csv", b"figures\n")
    transaction.remove(folder / "stale.pdf")
    return transaction


def fail_at(monkeypatch, call: str, code: int, name: str) -> None:
    """Make ``os.<call>`` fail with ``code`` for the file ``name`` (for fsync: a temporary of that file)."""
    real = getattr(os, call)

    def failing(*args, **kwargs):
        target = os.readlink(f"/proc/self/fd/{args[0]}") if call == "fsync" else os.fspath(args[1])
        if Path(target).name == name or Path(target).name.startswith(f".{name}."):
            raise OSError(code, os.strerror(code), target)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, call, failing)


def test_a_committed_transaction_holds_every_change_and_rewrites_no_unchanged_file(root):
    unchanged = root / "outputs" / "2024H1" / "data.csv"
    date = unchanged.stat().st_mtime_ns

    staged(root).commit()

    assert everything(root) == {
        "data/processed/2024H1.csv": b"figures\n",
        "outputs/2024H1/data.csv": b"old figures\n",
        "outputs/2024H1/data.xlsx": b"new workbook",
        "outputs/2024H1/dong-bang.html": b"<html>new</html>",
    }
    assert unchanged.stat().st_mtime_ns == date


def test_a_full_disk_while_writing_changes_nothing_and_says_which_file(root, monkeypatch):
    before = everything(root)
    fail_at(monkeypatch, "fsync", errno.ENOSPC, "data.xlsx")

    with pytest.raises(PublishError) as caught:
        staged(root).commit()

    assert str(caught.value) == (
        "Ổ đĩa chứa outputs/2024H1/ đã đầy (khi ghi outputs/2024H1/data.xlsx): "
        "giải phóng dung lượng rồi chạy lại. Chưa có tệp nào bị thay đổi."
    )
    assert everything(root) == before
    assert not (root / "data").exists()  # the folder it had created for a new file is gone too


def test_a_file_another_program_holds_undoes_the_files_already_replaced(root, monkeypatch):
    before = everything(root)
    fail_at(monkeypatch, "replace", errno.EBUSY, "data.xlsx")  # after dong-bang.html was replaced

    with pytest.raises(PublishError) as caught:
        staged(root).commit()

    assert "Tệp outputs/2024H1/data.xlsx đang bị một chương trình khác mở và khóa (ví dụ Excel)" in str(caught.value)
    assert str(caught.value).endswith("Chưa có tệp nào bị thay đổi.")
    assert everything(root) == before


def test_a_removal_that_fails_puts_back_every_file_written_before_it(root, monkeypatch):
    before = everything(root)
    fail_at(monkeypatch, "replace", errno.EACCES, "stale.pdf")  # removals come last

    with pytest.raises(PublishError, match="Không thay được tệp outputs/2024H1/stale.pdf"):
        staged(root).commit()

    assert everything(root) == before


def test_an_interrupt_during_the_commit_puts_everything_back(root, monkeypatch):
    before = everything(root)
    real = os.replace

    def interrupted(source, target, *args, **kwargs):
        if Path(target).name == "data.xlsx":
            raise KeyboardInterrupt
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        staged(root).commit()
    assert everything(root) == before


def test_a_read_only_folder_is_refused_before_any_work(root, monkeypatch):
    real = tempfile.mkstemp

    def read_only(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).is_relative_to(root / "outputs"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), dir)
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(PublishError) as caught:
        check_writable(root, [root / "outputs" / "2025H1", root / "data" / "processed"])
    assert str(caught.value) == (
        "Thư mục outputs/ nằm trên ổ đĩa chỉ cho phép đọc: chọn ổ đĩa ghi được "
        "(hoặc gắn lại cho phép ghi) rồi chạy lại. Chưa có tệp nào bị thay đổi."
    )
    assert not (root / "outputs" / "2025H1").exists()


def test_a_folder_without_permission_is_named_with_what_to_do(root, monkeypatch):
    def denied(*args, dir=None, **kwargs):
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), dir)

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(PublishError, match=r"Không có quyền ghi vào thư mục outputs/2024H1/: cấp quyền ghi"):
        check_writable(root, [root / "outputs" / "2024H1"])


def test_the_leftovers_of_a_killed_transaction_are_removed_and_nothing_else(root):
    folder = root / "outputs" / "2024H1"
    (folder / ".data.xlsx.k2j4.tmp").write_bytes(b"half a workbook")
    (folder / ".dong-bang.html.0a1b2c3d4e5f.kept").write_bytes(b"<html>old</html>")
    (folder / ".gitkeep").write_bytes(b"")
    before = everything(root)

    remove_leftovers(root / "outputs")

    assert everything(root) == {
        name: content for name, content in before.items() if not name.endswith((".tmp", ".kept"))
    }
