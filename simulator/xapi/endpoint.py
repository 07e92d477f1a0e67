"""Where the LRS is and how to sign in: plain data, cheap to import.

Kept apart from the HTTP client (urllib.request and http.client take a tenth of a
second to import), so the app can read the settings at start-up without paying for
the network code until it sends.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

TIMEOUT_S = 20.0


@dataclass(frozen=True)
class LrsConfig:
    """Where the LRS is and how to sign in (HTTP Basic, as xAPI LRSs use)."""

    endpoint: str
    key: str
    secret: str
    timeout: float = TIMEOUT_S

    @property
    def statements_url(self) -> str:
        base = self.endpoint.strip()
        return base + ("" if base.endswith("/") else "/") + "statements"


def check_endpoint(endpoint: str) -> str | None:
    """Why an endpoint address cannot work, or None if it looks right."""
    parts = urllib.parse.urlsplit(endpoint.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ("the record store address must start with https:// (for example "
                "https://lrs.example.edu/xapi/); your tutor gives you this address")
    if parts.query or parts.fragment:
        return ("the record store address must not contain ? or #; use the address your "
                "tutor gave you")
    return None
