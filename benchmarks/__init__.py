"""``make bench``: how fast the project is at every size, in one run, ending with one table of the targets.

Measured on private copies of the project (nothing in ``outputs/`` is touched):

1. ``period``: a whole period with FORCE=1 (every cluster and the province, HTML + PDF) against the naive
   chain on the same notebooks (papermill's command line, then ``jupyter nbconvert --to html --no-input``,
   then WeasyPrint's command line, bulletin after bulletin), three runs of each, interleaved: 2024H1, and the
   sample's largest half-year (93 reporting communes since the reorganisation, 7 bulletins), on all the
   processors and again with the bench and all it starts pinned to one (``run.pinned_to``; ``bantin report``
   takes as many workers as the processors it may use); the peak memory of the whole process tree;
   ``make report`` with nothing changed, through make in a checkout of its own; one unit's figure changed, and
   the bulletins rebuilt;
2. a generated large province (6 clusters of 10–11 units, 8 half-years, one submission file per unit and
   half-year, CSV and Excel alternating: 504 files): the intake of all of them;
3. the sample's largest half-year as its units send it back: one filled template (.xlsx) per unit, read,
   checked and consolidated on 2 cores;
4. a half-year of a million rows of long CSV (``scale``): valid, its intake; hostile (unknown units, repeated
   figures, texts for numbers), ``bantin report`` failing on it, its terminal and its report.

It is a tool for people, not a test: it prints figures and the targets beside them (``summary``).
"""
