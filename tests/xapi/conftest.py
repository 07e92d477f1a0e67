"""The learning-record tests get a real LRS from the `lrs` fixture (tests/xapi/lrs.py,
loaded for every test by the root conftest so that tests/ui shares the same one)."""
