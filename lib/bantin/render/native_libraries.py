"""WeasyPrint's system libraries (Pango, HarfBuzz, fontconfig, GObject) loaded without starting a program.

WeasyPrint tries each library under several names, one list for every system, and hands each to cffi, which
asks ``ctypes.util.find_library`` for every name it cannot load as it is. On Linux that function runs
``ldconfig -p``, then ``gcc`` and ``ld`` where a compiler is installed, for each name: 14 lookups that find
nothing and 8 that find what the next name would have loaded anyway (WeasyPrint issue 1125). On a machine with
a compiler, 0,15 s of a run's start, most of it in the programs it starts.

On Linux the last names WeasyPrint tries are the libraries' sonames (``libpango-1.0.so.0``), which the dynamic
loader finds itself, where ``find_library`` would look: ``import_weasyprint`` imports WeasyPrint with the
lookup answering "not found", and so with the sonames. Should a system load none of them (a library under
another soname), WeasyPrint is imported again the usual way, with every lookup, and finds what it finds.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import sys

WEASYPRINT = "weasyprint"


def import_weasyprint() -> None:
    """WeasyPrint imported, its libraries loaded by their sonames where that can be done (Linux)."""
    if WEASYPRINT in sys.modules or not sys.platform.startswith("linux"):
        importlib.import_module(WEASYPRINT)
        return
    lookup = ctypes.util.find_library
    ctypes.util.find_library = _not_found
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # its advice to install the libraries, if they fail
            importlib.import_module(WEASYPRINT)
    except OSError:  # a library under none of the sonames it knows: the usual way after all
        for name in [name for name in sys.modules if name == WEASYPRINT or name.startswith(WEASYPRINT + ".")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = lookup
    importlib.import_module(WEASYPRINT)


def _not_found(name: str) -> None:
    return None
