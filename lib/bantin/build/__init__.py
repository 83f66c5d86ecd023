"""How the outputs are built and kept: the project's folders, the list of products, what each was built from
(provenance, freshness), publishing all at once, the set-up of .venv and the report of a crash. Standard library
only: a rerun with nothing to do is decided here without importing anything heavy."""
