"""Bản tin dân vận: from the units' half-year submissions to the commission's bulletins.

The subpackages follow the data flow, each importing only from those before it:

- ``messages``: what the tool says in the terminal and the validation report, in Vietnamese, as named templates.
  No imports at all: everything may read it.
- ``model``: what the bulletins are about — periods, the reference data and the organisation as they change,
  errors, text (NFC). Standard library only: a mistyped argument is refused in a fraction of a second.
- ``build``: how the outputs are built and kept — the project's folders, the list of products, what each was built
  from (provenance, freshness), publishing all at once, the set-up of ``.venv``, crash reports. Standard library
  only: a run with nothing to do is decided here without importing anything heavy.
- ``intake``: submissions in — the units' Excel templates (written and read back), CSV, what a file really is,
  normalisation, validation (schema and rules), completeness, the consolidated data of a half-year.
- ``bulletin``: what a bulletin says — aggregates, Vietnamese numbers, the wording file, notes, charts, and
  the blocks the notebooks display.
- ``render``: the batch — running the notebooks on warm kernels, the HTML and PDF exporters, the index and
  validation pages, the data files, publishing a run.

At the top: ``cli`` (the command line behind the Makefile) and ``explore`` (for analysts in JupyterLab).
``make bench`` is ``benchmarks/``, beside the package and not part of it.
"""

__version__ = "0.1.0"
