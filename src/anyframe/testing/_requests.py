"""The request log: what the local control plane received, for tests to assert on.

Tests of retry and resume logic need to see the *attempts*, not just the outcome: how many times a POST
went out, which `Last-Event-ID` a reconnect carried, the exact JSON body. The log is also something any
local process can read (`GET /_plane/requests`, with the plane's control token), so it keeps no secret
and cannot grow without bound:

- `Authorization`, `Cookie` and `Proxy-Authorization` headers are never recorded;
- values the spec marks `writeOnly` (credential values, bearer tokens, env var values) are replaced by
  `"****"` in recorded bodies, and a body for such an operation that is not JSON is not kept at all;
- a request without a live API token is recorded by its request line only (method, path, status);
- a body larger than 1 MiB is kept as a short placeholder, and a body that is not JSON as its first
  4 KiB of text;
- the log holds at most `Limits.max_logged_requests` records and `Limits.max_logged_bytes` of bodies,
  headers and queries, dropping the oldest first (`dropped` counts them).

The repr of a record shows only method, path and status.
"""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ._config import Limits
from ._paths import PathMatcher, check_method

__all__ = ["BODY_LIMIT", "RecordedRequest", "RequestLog"]

#: Bodies larger than this many bytes are recorded as a placeholder string.
BODY_LIMIT = 1024 * 1024


@dataclass(frozen=True)
class RecordedRequest:
    """One request received by the plane (control endpoints under `/_plane` are not recorded).

    Attributes:
        method: HTTP method, upper case.
        path: URL path without the query string.
        query: Query parameters; the last value wins when a name repeats (empty when rejected).
        headers: Request headers with lower-case names, without credentials (empty when rejected).
        body: The parsed JSON body with secrets replaced by `"****"`, the text (its first 4 KiB) when
            it is not JSON, a placeholder when it is over 1 MiB, or `None` when empty or rejected.
        status: Status code the plane answered (200 for a stream that started).
        at: `time.time()` when the response was decided.
        rejected: True when the request carried no live API token: only its request line is kept.
    """

    method: str
    path: str
    query: Mapping[str, str] = field(repr=False)
    headers: Mapping[str, str] = field(repr=False)
    body: object = field(repr=False)
    status: int
    at: float = field(default_factory=time.time, repr=False)
    rejected: bool = field(default=False, repr=False)
    size: int = field(default=0, repr=False, compare=False)


class RequestLog:
    """A thread-safe, bounded list of [RecordedRequest][anyframe.testing.RecordedRequest], oldest first.

    Args:
        limits: The bounds (`max_logged_requests`, `max_logged_bytes`); the defaults of
            [Limits][anyframe.testing.Limits] when omitted.
    """

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._lock = threading.Lock()
        self._items: collections.deque[RecordedRequest] = collections.deque()
        self._bytes = 0
        self.dropped = 0
        """How many records were dropped to stay within the limits since the last `clear()`."""

    def append(self, record: RecordedRequest) -> None:
        """Record one request, dropping the oldest records beyond the limits.

        Args:
            record: The request to add.
        """
        with self._lock:
            self._items.append(record)
            self._bytes += record.size
            while self._items and (
                len(self._items) > self.limits.max_logged_requests
                or self._bytes > self.limits.max_logged_bytes
            ):
                self._bytes -= self._items.popleft().size
                self.dropped += 1

    def clear(self) -> None:
        """Forget every recorded request."""
        with self._lock:
            self._items.clear()
            self._bytes = 0
            self.dropped = 0

    def snapshot(self) -> list[RecordedRequest]:
        """Return a copy of the log, oldest first.

        Returns:
            The recorded requests at the time of the call.
        """
        with self._lock:
            return list(self._items)

    def filter(
        self, method: str | None = None, path: str | None = None, *, regex: bool = False
    ) -> list[RecordedRequest]:
        """Return the recorded requests matching a method and/or a path.

        `path` takes the same forms as `plane.faults.add(path=...)`: an exact path (`/api/agents`), a
        pattern (`*` = one segment, `**` = any depth: `/api/sessions/*/events`), or with `regex=True` a
        regular expression matching the whole path.

        Args:
            method: Keep only this HTTP method (case-insensitive).
            path: Keep only requests to this path or pattern.
            regex: Treat `path` as a regular expression.

        Returns:
            The matching requests, oldest first.

        Raises:
            ValueError: `method` is not an HTTP method, or `path` can never match a request of the
                plane (a typo, a URL, a query string, regex syntax without `regex=True`); the message
                says what to pass instead.
        """
        wanted = None if method is None else check_method(method)
        matcher = None if path is None else PathMatcher(path, regex=regex, method=wanted)
        return [
            r
            for r in self.snapshot()
            if wanted in (None, "*", r.method) and (matcher is None or matcher.matches(r.path))
        ]

    @property
    def last(self) -> RecordedRequest:
        """The most recent request; raises `IndexError` when the log is empty."""
        with self._lock:
            return self._items[-1]

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __iter__(self) -> Iterator[RecordedRequest]:
        return iter(self.snapshot())

    def __getitem__(self, index: int) -> RecordedRequest:
        with self._lock:
            return self._items[index]

    def __repr__(self) -> str:
        return f"<RequestLog {len(self)} requests, {self.dropped} dropped>"
