"""What became of one bulletin in a run: the value the workers hand back and the run reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from bantin.model.errors import Failure


@dataclass(frozen=True)
class Outcome:
    """What became of one bulletin in a run."""

    scope: str
    seconds: float = 0.0
    skipped: bool = False  # its files were up to date
    failure: Failure | None = None
    files: dict[str, bytes] | None = field(default=None, repr=False, compare=False)  # rendered, not yet published
