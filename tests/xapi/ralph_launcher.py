"""Start Ralph (a real xAPI LRS) on 127.0.0.1 with its file-system backend, for the tests.

Run as ``python -m tests.xapi.ralph_launcher PORT`` with Ralph's settings in the
environment (the fixture in ``conftest.py`` sets them). Ralph's fs backend refuses a
second write to its one statements file unless its operation type is APPEND, and that
class attribute must be set before ``ralph.api.app`` is imported (the app builds its
backend at import time), hence this small launcher instead of ``ralph runserver``.
"""

from __future__ import annotations

import sys


def main(port: int) -> None:
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND

    import uvicorn
    from ralph.api import app

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main(int(sys.argv[1]))
