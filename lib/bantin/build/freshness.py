"""Which outputs are up to date: for every file a run published, what it was built from.

``.bantin/state.json`` keeps one record per published file under ``outputs/`` and ``data/processed/``: the
digest of the inputs it was built from, the sha256 of the bytes published and, for a bulletin's files, the
stamp of the data and code they show. A file is up to date when the digest of its inputs now equals its
record's and the file still holds the recorded bytes. Records are per file, never per run or per set of
scopes: a run that rewrites a file other runs also write (``data.csv``, the province's bulletin) rewrites
that file's record, so no later run can take it for fresh when it is not.

Each kind of output (``products``) has one function saying what it is built from; they read files only (standard
library), so a rerun with nothing to do decides so without importing anything heavy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from bantin.build.issues import MANIFEST
from bantin.build.products import PROVENANCE, bulletin_files, collection_files, period_files, processed_files
from bantin.build.project import Project
from bantin.build.provenance import Code, file_digest, files_digest, folder_files, text_digest
from bantin.build.publish import Transaction
from bantin.model.periods import Period

STATE = "state.json"  # in the project's state folder, .bantin/


@dataclass(frozen=True)
class Record:
    inputs: str  # digest of what the file was built from (the functions below)
    sha256: str  # of the bytes published
    stamp: str = ""  # a bulletin's files: the stamp of the data and code they show (as in its provenance.json)


class State:
    """The record of every published file, by path relative to the project."""

    def __init__(self, project: Project, records: dict[str, Record]):
        self.project = project
        self.records = records

    @classmethod
    def load(cls, project: Project) -> State:
        """The records as the last run left them; none when there are none (or they cannot be read)."""
        try:
            stored = json.loads((project.state_dir / STATE).read_text(encoding="utf-8"))
            return cls(project, {name: Record(**record) for name, record in stored["files"].items()})
        except (OSError, ValueError, KeyError, TypeError):
            return cls(project, {})

    def is_fresh(self, name: str, inputs: str) -> bool:
        """``name`` was built from exactly ``inputs`` and still holds what was published then."""
        record = self.records.get(name)
        return record is not None and record.inputs == inputs and self._unchanged(name, record)

    def shows(self, name: str, stamp: str) -> bool:
        """``name`` still holds what was published for the bulletin stamp ``stamp``."""
        record = self.records.get(name)
        return record is not None and bool(stamp) and record.stamp == stamp and self._unchanged(name, record)

    def with_changes(self, records: dict[str, Record], removed: list[str]) -> bytes:
        """The content of the state file once ``records`` are published and ``removed`` are gone."""
        merged = {name: record for name, record in self.records.items() if name not in removed} | records
        files = {name: asdict(record) for name, record in sorted(merged.items())}
        return (json.dumps({"files": files}, indent=1, sort_keys=True) + "\n").encode("utf-8")

    def _unchanged(self, name: str, record: Record) -> bool:
        try:
            return sha256(self.project.root / name) == record.sha256
        except OSError:
            return False


class Publication:
    """The files one run publishes, each with the record of what it was built from, committed together.

    The record file goes last: a run killed before it is renamed leaves the old records, which no longer match
    the files already replaced, so the next run checks those again.
    """

    def __init__(self, project: Project, state: State):
        self.project, self.state = project, state
        self.files = Transaction(project.root)
        self.records: dict[str, Record] = {}
        self.removed: list[str] = []

    def write(self, path: Path, content: bytes, inputs: str, stamp: str = "") -> None:
        self.files.write(path, content)
        self.records[self.project.relative(path)] = Record(inputs, hashlib.sha256(content).hexdigest(), stamp)

    def keep(self, path: Path, inputs: str) -> None:
        """A file found up to date: its record now says so for today's ``inputs``."""
        name = self.project.relative(path)
        self.records[name] = replace(self.state.records[name], inputs=inputs)

    def remove(self, path: Path) -> None:
        self.files.remove(path)
        self.removed.append(self.project.relative(path))

    def commit(self) -> None:
        self.files.write(state_file(self.project), self.state.with_changes(self.records, self.removed))
        self.files.commit()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def state_file(project: Project) -> Path:
    return project.state_dir / STATE


# -- what each output is built from ------------------------------------------------------------------------
class Inputs:
    """The digest of what each kind of output is built from, now; each input file is hashed once."""

    def __init__(self, project: Project, code: Code):
        self.project, self.code = project, code
        self._raw: dict[Period, str] = {}
        self._reference = ""

    def processed(self, half: Period) -> str:
        """``data/processed/<HALF>.*``: that half-year's submissions, the reference data, the intake's code."""
        return text_digest("processed", str(half), self._submissions([half]), self._reference_data(), self.code.library)

    def period(self, period: Period) -> str:
        """``outputs/<PERIOD>/``'s own files (``products.PERIOD_FILES``): the submissions read, reference data, code,
        packages."""
        return text_digest(
            "period",
            str(period),
            self._submissions(self.project.history(period)),
            self._reference_data(),
            self.code.library,
            self.code.lock,
        )

    def bulletin(self, period: Period, scope: str) -> str:
        """A bulletin's files: the submissions read, reference data, its notes, the code's content, packages."""
        notes = self.project.notes_file(period, scope)
        return text_digest(
            "bulletin",
            str(period),
            scope,
            self._submissions(self.project.history(period)),
            self._reference_data(),
            file_digest(notes) if notes.is_file() else "",
            self.code.digest,
        )

    def provenance(self, period: Period, scope: str) -> str:
        """A bulletin's provenance.json: what its bulletin is built from, and git's view of the code, which it
        records (and the bulletin's other files do not show)."""
        return text_digest("provenance", self.bulletin(period, scope), self.code.commit, str(self.code.dirty))

    def index(self, catalogue: list[dict]) -> str:
        """``outputs/index.html``: what it lists (``outputs.catalogue``: with each issued period's issues and its
        figures changed since), the reference data, the code, and what was issued: the register and each issued
        folder's manifest (which names every file of the folder by its hash: the large files are not read)."""
        return text_digest(
            "index",
            json.dumps(catalogue, sort_keys=True, ensure_ascii=False),
            self._reference_data(),
            self.code.library,
            self._issued(),
        )

    def published_by(self, period: Period, scopes: list[str]) -> dict[str, str]:
        """Every file a report of ``period`` for ``scopes`` publishes, but the index, with its inputs' digest."""
        project, expected = self.project, {}
        for half in project.history(period):
            expected |= {project.relative(path): self.processed(half) for path in processed_files(project, half)}
        expected |= {project.relative(path): self.period(period) for path in period_files(project, period)}
        for scope in scopes:
            expected |= {
                project.relative(path): self.of_bulletin_file(path, period, scope)
                for path in bulletin_files(project, period, scope)
            }
        if sorted(scopes) == sorted(project.reference.scopes(period)):  # a run of one cluster leaves them be
            digest = self.collection(period)
            expected |= {project.relative(path): digest for path in collection_files(project, period)}
        return expected

    def of_bulletin_file(self, path: Path, period: Period, scope: str) -> str:
        """What one of a bulletin's files is built from: its provenance record, or the bulletin."""
        return self.provenance(period, scope) if path.name.endswith(PROVENANCE) else self.bulletin(period, scope)

    def collection(self, period: Period) -> str:
        """The printable set and the archive: every bulletin's inputs and the period's data files'."""
        scopes = self.project.reference.scopes(period)
        return text_digest("collection", self.period(period), *(self.bulletin(period, scope) for scope in scopes))

    def _submissions(self, halves: list[Period]) -> str:
        for half in halves:
            if half not in self._raw:
                self._raw[half] = files_digest(folder_files(self.project, self.project.raw_period_dir(half)))
        return text_digest(*(f"{half}:{self._raw[half]}" for half in halves))

    def _issued(self) -> str:
        """The register of issues (``data/issued.csv``) and the manifests of ``issued/<PERIOD>/<folder>/`` (not of
        a hidden folder that an issue interrupted left: ``build.issues.write``)."""
        project = self.project
        manifests = project.issued_dir.glob(f"*/*/{MANIFEST}")
        files = {project.relative(path): path for path in manifests if not path.parent.name.startswith(".")}
        if project.register_file.is_file():
            files[project.relative(project.register_file)] = project.register_file
        return files_digest(files)

    def _reference_data(self) -> str:
        if not self._reference:
            self._reference = files_digest(folder_files(self.project, self.project.reference_dir))
        return self._reference
