"""What is expected and where things live; standard library only (``tests/test_light_imports.py`` guards it)."""
