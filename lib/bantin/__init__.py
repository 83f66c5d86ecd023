"""Bản tin dân vận: from the units' half-year submissions to the commission's bulletins.

The package follows the data flow: ``periods`` and ``reference`` describe what is expected,
``intake`` reads and checks the submissions, ``consolidated`` stores the validated figures,
``metrics`` aggregates them, ``formatting`` and ``narrative`` turn them into Vietnamese text,
``charts`` draws them, ``report`` assembles what the notebooks display, ``exporters`` render
HTML and PDF, ``pipeline`` runs it all and ``cli`` is the command line.
"""

__version__ = "0.1.0"
