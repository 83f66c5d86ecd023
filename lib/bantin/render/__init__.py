"""The batch: notebooks executed, rendered to HTML and PDF, and published with the period's pages and data files."""

import sys

# nbformat validates notebooks with jsonschema, whose format checkers import rfc3987_syntax when it is installed
# (jupyterlab's jupyter-events brings it): that import builds some 35 Lark parsers and takes about a second, on
# every run, to check the formats "iri" and "iri-reference", which no notebook schema uses (jsonschema#1428,
# jupyter_server#1559). Marked absent here, before papermill and nbconvert load: jsonschema then skips those two
# formats, as it does where the package is not installed.
sys.modules.setdefault("rfc3987_syntax", None)
