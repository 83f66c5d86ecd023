"""WeasyPrint's system libraries, loaded by their sonames without a program started per name
(``render.native_libraries``), and the usual lookup where that fails."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from bantin.render import native_libraries

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sonames are Linux's")


def test_the_renders_load_weasyprint_without_starting_a_program():
    """``ctypes.util.find_library`` runs ldconfig, gcc and ld for every name WeasyPrint tries: none of them here."""
    probe = textwrap.dedent(
        """
        import sys
        started = []
        sys.addaudithook(lambda event, args: started.append(args[1]) if event == "subprocess.Popen" else None)
        import bantin.render.exporters
        from weasyprint.text.ffi import pango
        assert pango.pango_version() > 0, "Pango loaded and answering"
        print(started)
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_library_under_no_known_soname_is_looked_up_the_usual_way(tmp_path, monkeypatch):
    """A package that loads its library only through ``find_library`` (as WeasyPrint on a system whose soname it
    does not list) is imported all the same, with the lookup it needs, and nothing of the failed try left over."""
    package = tmp_path / "needs_lookup"
    package.mkdir()
    (package / "__init__.py").write_text("from needs_lookup import library\n", encoding="utf-8")
    (package / "library.py").write_text(
        textwrap.dedent(
            """
            import ctypes.util
            import sys
            FOUND = ctypes.util.find_library("c")
            if FOUND is None:
                print("the library could not be loaded")
                raise OSError("no library called 'c' was found")
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(native_libraries, "WEASYPRINT", "needs_lookup")
    lookup = native_libraries.ctypes.util.find_library
    try:
        native_libraries.import_weasyprint()
        assert sys.modules["needs_lookup.library"].FOUND  # found the usual way, by the second import
        assert native_libraries.ctypes.util.find_library is lookup  # the lookup given back
    finally:
        for name in ("needs_lookup", "needs_lookup.library"):
            sys.modules.pop(name, None)
