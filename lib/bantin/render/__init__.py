"""The batch: notebooks executed, rendered to HTML and PDF, and published with the period's pages and data files."""
