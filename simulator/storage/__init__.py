"""Everything Rapport keeps on disk: the session history and report exports (no Qt).

Import the modules directly (`simulator.storage.paths`, `.history`, `.exports`).
This file re-exports nothing on purpose: the app needs `paths` before its first
paint, and re-exporting `history` here would pull in the core and transitions
(about 110 ms) first.
"""
