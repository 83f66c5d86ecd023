"""Where things are: the project folder and the paths of the data flow (docs/architecture.md, "The folders")."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from bantin import messages
from bantin.model import reference_check
from bantin.model.errors import BantinError
from bantin.model.periods import Period
from bantin.model.reference import Reference

_MARKER = Path("data") / "reference" / "clusters.csv"


@dataclass(frozen=True)
class Project:
    """The project folder; every path of the data flow derives from it."""

    root: Path

    @classmethod
    def find(cls, start: str | os.PathLike | None = None) -> Project:
        """The project containing ``start``; by default the working directory's (a run starts its kernels in the
        project's root, JupyterLab in notebooks/), else this package's."""
        candidates = [Path(start)] if start is not None else [Path.cwd(), Path(__file__).resolve().parent]
        for candidate in candidates:
            for folder in (candidate.resolve(), *candidate.resolve().parents):
                if (folder / _MARKER).is_file():
                    return cls(folder)
        raise BantinError(messages.NO_PROJECT.format(marker=_MARKER, start=candidates[0]))

    def relative(self, path: Path) -> str:
        """``path`` as messages and records name it: relative to the project, with '/'."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    @cached_property
    def reference(self) -> Reference:
        """The reference data (clusters, units, indicators, rules, organisation), read once for this project, and
        checked whole first (``model.reference_check``): every mistake of data/reference/ at its line, at once,
        before the argument check, a template or a report reads any of it. A process that asks again for the same
        files (a kernel, for each bulletin it renders, each with a Project of its own) gets the same, unless a file
        has changed since."""
        return _checked_reference(self.reference_dir, self.relative(self.reference_dir), _contents(self.reference_dir))

    @property
    def reference_dir(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def raw_dir(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed_dir(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def outputs_dir(self) -> Path:
        return self.root / "outputs"

    @property
    def failed_validation_dir(self) -> Path:
        """The validation report of each half-year whose submissions failed their check, in ``<HALF>/``
        (git-ignored): never in outputs/, which keeps the last good run; removed once the half-year passes."""
        return self.root / "data" / "failed-validation"

    @property
    def issued_dir(self) -> Path:
        """What the office has issued, ``<PERIOD>/<number>-<symbol>/`` (``make issue``): its record, kept in git;
        written once by an issue and never again (no report, ``make clean`` or ``FORCE=1`` touches it)."""
        return self.root / "issued"

    @property
    def register_file(self) -> Path:
        """The register of the issues (``model.register``), beside the reference data it is numbered by."""
        return self.root / "data" / "issued.csv"

    @property
    def notebooks_dir(self) -> Path:
        return self.root / "notebooks"

    @property
    def state_dir(self) -> Path:
        """The tool's own bookkeeping (git-ignored): the run lock, what each output was built from, the
        staging of a run in progress, reports of the tool's crashes. Never a deliverable."""
        return self.root / ".bantin"

    @property
    def staging_dir(self) -> Path:
        """The consolidated data of the run in progress, checked but not yet published, which its notebooks read
        (their parameter ``data="staged"``): data/processed/ changes only when the run publishes everything."""
        return self.state_dir / "staging"

    def raw_period_dir(self, period: Period) -> Path:
        return self.raw_dir / str(period)

    def notes_file(self, period: Period, cluster: str) -> Path:
        return self.root / "data" / "notes" / str(period) / f"{cluster}.md"

    def processed_file(self, period: Period) -> Path:
        return self.processed_dir / f"{period}.csv"

    def period_outputs_dir(self, period: Period) -> Path:
        return self.outputs_dir / str(period)

    def periods_with_submissions(self) -> list[Period]:
        """Half-years that have a folder of submissions under ``data/raw/``, oldest first."""
        folders = [folder for folder in self.raw_dir.iterdir() if folder.is_dir()] if self.raw_dir.is_dir() else []
        return sorted(period for folder in folders if (period := Period.named(folder.name)) and not period.is_year)

    def history(self, period: Period) -> list[Period]:
        """The half-years a report of ``period`` reads: every one with submissions, up to its end."""
        last = period.halves()[-1]
        return [half for half in self.periods_with_submissions() if half <= last]


def _contents(folder: Path) -> tuple[tuple[str, str], ...]:
    """Each file of ``folder`` (its name and a digest of its bytes): what the reference data is made of."""
    files = sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []
    return tuple((path.relative_to(folder).as_posix(), hashlib.sha1(path.read_bytes()).hexdigest()) for path in files)


@lru_cache(maxsize=4)
def _checked_reference(folder: Path, shown: str, contents: tuple[tuple[str, str], ...]) -> Reference:
    reference_check.check(folder, shown)
    return Reference(folder)
