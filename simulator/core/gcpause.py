"""Pause CPython's cyclic garbage collector while building large, long-lived data.

Loading a scenario creates hundreds of thousands of small objects that all live on
(the YAML tree, the model, transitions' events). The collector walks every live
object on each full pass, so it ran again and again over the same heap: measured at
70-85% of parse time and most of the machine-building time for 500+ nodes, which made
growth look worse than linear. Nothing built here forms cycles that need collecting.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
