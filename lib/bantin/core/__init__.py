"""What is expected and where things live; standard library only (guarded by a test in ``tests/test_batch.py``)."""
