"""The garbage collector and a run's forks, as the gc module's documentation advises for a process that forks
without exec: the heavy modules load with collections off, and the objects they make are then frozen, left out of
every later collection. Neither the process nor those it forks (the kernels, the workers) go through them again,
nor write into them and so copy the memory pages they share (``gc.freeze``)."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def imports_frozen():
    """No collection while the block imports (a module's objects are not garbage: each collection there went
    through all of them for nothing), then everything so far frozen."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        freeze()
        if enabled:
            gc.enable()


def freeze() -> None:
    """Everything this process holds now, out of every later collection: done again right before a fork."""
    gc.freeze()
