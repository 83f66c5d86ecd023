"""``make bench``: how fast a period renders, against the naive chain of command-line tools, in one run.

Measured on private copies of the project (nothing in ``outputs/`` is touched):

1. the sample data: a whole period cold (every cluster and the province, HTML + PDF), against the naive
   chain on the same notebooks — papermill's command line, then ``jupyter nbconvert --to html
   --no-input``, then WeasyPrint's command line, report after report; a rerun with nothing changed; a
   rerun after one unit's figure changed, with the number of bulletins rebuilt; the peak memory of
   the whole process tree;
2. a generated large province (6 clusters of 10–11 units, 8 half-years, one submission file per unit and
   half-year, CSV and Excel alternating: 504 files): the intake of all of them, and a whole period cold
   against the naive chain;
3. the sample's largest half-year (94 units since the reorganisation) as its units send it back: one filled
   template (.xlsx) per unit, read, checked and consolidated on 2 cores (the target: under 3 s);
4. a half-year of a million rows of long CSV (``scale``): valid, its intake; hostile (unknown units, repeated
   figures, texts for numbers), ``bantin report`` failing on it, its terminal and its report. Each under 30 s
   and 1 GiB (alone: ``python -m bantin.bench --only-scale``).

It is a tool for people, not a test: it prints figures and the targets beside them.
"""
