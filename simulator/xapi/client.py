"""Talking to a Learning Record Store over HTTP, with the standard library only.

Every answer becomes one of a few outcomes the sender acts on (stored, already there,
refused as invalid, wrong key and secret, no LRS at that address, try again later),
and every failure carries a sentence a learner can act on. Nothing here decides when
to send; see `sender`.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from simulator.core.errors import RapportError

from .endpoint import LrsConfig, check_endpoint
from .vocab import XAPI_VERSION

__all__ = ["Answer", "LrsClient", "LrsConfig", "LrsError", "Outcome", "check_endpoint"]

MAX_PAGES = 1000


class Outcome(Enum):
    STORED = "stored"  # 200 or 204: the LRS has them now
    CONFLICT = "conflict"  # 409: an id is already there (for one statement: it was sent)
    INVALID = "invalid"  # 400: the LRS refuses the content
    TOO_LARGE = "too_large"  # 413: send fewer at a time
    AUTH = "auth"  # 401/403: key and secret refused
    NOT_FOUND = "not_found"  # 404: no statements resource at that address
    RETRY = "retry"  # network down, LRS down or busy (5xx, 429): try again later


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    status: int | None
    message: str  # for the learner (and the log)


class LrsError(RapportError):
    """Reading from the LRS failed; the message says why and what to do."""


class LrsClient:
    def __init__(self, config: LrsConfig) -> None:
        self.config = config
        token = base64.b64encode(f"{config.key}:{config.secret}".encode()).decode("ascii")
        self._headers = {"Authorization": f"Basic {token}",
                         "X-Experience-API-Version": XAPI_VERSION}

    def _request(self, method: str, url: str, body: bytes | None = None
                 ) -> tuple[int, bytes]:
        headers = dict(self._headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read()

    def _send(self, method: str, url: str, body: bytes, count: int) -> Answer:
        try:
            status, payload = self._request(method, url, body)
        except (OSError, http.client.HTTPException, ValueError) as error:
            reason = getattr(error, "reason", error)
            return Answer(Outcome.RETRY, None, f"the learning record store at "
                          f"{self.config.endpoint} could not be reached ({reason}); "
                          "Rapport will keep trying")
        return self._answer(status, payload, count)

    def _answer(self, status: int, payload: bytes, count: int) -> Answer:
        detail = _detail(payload)
        if status in (200, 204):
            return Answer(Outcome.STORED, status, f"{count} learning record(s) stored")
        if status == 409:
            return Answer(Outcome.CONFLICT, status, f"the LRS already holds this record "
                                                    f"({detail})")
        if status in (401, 403):
            return Answer(Outcome.AUTH, status, f"the learning record store refused the key "
                          f"and secret ({status} {detail}); check them under Settings, "
                          "Learning records")
        if status == 404:
            return Answer(Outcome.NOT_FOUND, status, f"there is no learning record store at "
                          f"{self.config.endpoint} (404); check the address under Settings, "
                          "Learning records")
        if status == 413:
            return Answer(Outcome.TOO_LARGE, status, "the LRS found the batch too large")
        if status == 400:
            return Answer(Outcome.INVALID, status,
                          f"the record store refused the record as invalid ({detail})")
        return Answer(Outcome.RETRY, status, f"the learning record store answered {status} "
                      f"({detail}); Rapport will try again later")

    def post(self, statement_texts: Sequence[str]) -> Answer:
        """POST a batch of statements (already JSON): stored all together or not at all."""
        body = ("[" + ",".join(statement_texts) + "]").encode("utf-8")
        return self._send("POST", self.config.statements_url, body, len(statement_texts))

    def put(self, statement_id: str, statement_text: str) -> Answer:
        """PUT one statement under its id (204 stored, 409 already there)."""
        url = (self.config.statements_url + "?"
               + urllib.parse.urlencode({"statementId": statement_id}))
        return self._send("PUT", url, statement_text.encode("utf-8"), 1)

    # -- reading back ------------------------------------------------------------------
    def statements(self, *, agent: Mapping[str, Any] | None = None,
                   activity: str | None = None, statement_id: str | None = None,
                   registration: str | None = None, limit: int | None = None
                   ) -> Iterator[dict[str, Any]]:
        """Statements matching the filters, following the LRS's ``more`` links."""
        params: dict[str, str] = {}
        if agent is not None:
            params["agent"] = json.dumps(dict(agent), separators=(",", ":"))
        if activity is not None:
            params["activity"] = activity
        if statement_id is not None:
            params["statementId"] = statement_id
        if registration is not None:
            params["registration"] = registration
        if limit is not None:
            params["limit"] = str(limit)
        url: str | None = self.config.statements_url + (
            "?" + urllib.parse.urlencode(params) if params else "")
        for _page in range(MAX_PAGES):
            if url is None:
                return
            page = self._get(url)
            if "statements" not in page:  # ?statementId= answers with the statement itself
                yield page
                return
            yield from page["statements"]
            more = page.get("more") or ""
            url = urllib.parse.urljoin(self.config.statements_url, more) if more else None

    def _get(self, url: str) -> dict[str, Any]:
        try:
            status, payload = self._request("GET", url)
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise LrsError(f"the learning record store at {self.config.endpoint} could not "
                           f"be reached ({getattr(error, 'reason', error)})") from error
        if status != 200:
            raise LrsError(self._answer(status, payload, 0).message)
        try:
            data = json.loads(payload)
        except ValueError as error:
            raise LrsError(f"the learning record store sent something that is not JSON "
                           f"({error})") from error
        if not isinstance(data, dict):
            raise LrsError("the learning record store sent an unexpected answer")
        return data


def _detail(payload: bytes) -> str:
    text = payload.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        return text[:200] or "no details"
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])[:200]
    return text[:200]
