"""The simulation core: scenario language, engine, scoring and reports.

Nothing in this package may import Qt: it must run (and be tested) on a machine
with no display, and the desktop app is only one of its users (the command line
and the tests are others).
"""
