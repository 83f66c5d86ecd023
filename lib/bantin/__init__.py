"""Bản tin dân vận: from the units' half-year submissions to the commission's bulletins.

The modules follow the data flow:

- what is expected: ``periods``, ``reference`` (clusters, units, indicators, rules), ``project`` (paths);
- submissions in: ``templates_xlsx`` writes the units' workbooks, ``intake`` and ``workbook`` read the
  files, ``normalize`` brings text and numbers to one form, ``validate`` checks them (schema, rules),
  ``completeness`` says who reported, ``consolidated`` stores the result, ``validation_report`` and
  ``exports`` write it out for people and spreadsheets;
- the bulletin: ``metrics`` aggregates, ``formatting`` writes numbers and dates the Vietnamese way,
  ``narrative`` fills the wording file, ``charts`` draws, ``report`` assembles what the notebooks display,
  ``exporters`` render HTML and PDF (registered with nbconvert);
- the batch: ``pipeline`` runs a report, ``freshness`` says which outputs are up to date from what each
  was built from, ``jobs`` stamps and renders one bulletin, ``execution`` runs notebooks on warm kernels,
  ``provenance`` hashes inputs and code, ``publish`` puts a run's files in place all at once under one
  lock, ``site`` writes the index, ``crash`` reports the tool's own faults, ``cli`` is the command line,
  ``bench`` measures it, ``explore`` serves analysts.
"""

__version__ = "0.1.0"
