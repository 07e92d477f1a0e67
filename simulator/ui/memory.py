"""Give memory back to the system after a conversation.

glibc keeps the heap that Python and Qt free (a finished session, a report's
widgets) for reuse, so the app's resident size only grows; `malloc_trim`
returns the free pages (about 30 MB after the eight bundled scenarios).
Elsewhere, or if the C library has no such call, this does nothing.
"""

from __future__ import annotations

import logging
import sys
from functools import cache

log = logging.getLogger("rapport.ui")


@cache
def _trim() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here, not at start-up: loading it costs a few milliseconds

    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # musl, or no glibc: nothing to give back this way
        return None


def release_free_memory() -> None:
    trim = _trim()
    if trim is not None:
        trim(0)  # type: ignore[operator]
