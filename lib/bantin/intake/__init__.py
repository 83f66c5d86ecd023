"""Submissions in: ``data/raw/<PERIOD>/`` read, normalised, validated and consolidated."""
