"""The request log: what the local control plane received, for tests to assert on.

Tests of retry and resume logic need to see the *attempts*, not just the outcome: how many times a POST
went out, which `Last-Event-ID` a reconnect carried, the exact JSON body. The `Authorization` header is
dropped before recording so a log dump can never leak an API key; the repr of a record shows only
method, path and status for the same reason (bodies may carry credential values).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

__all__ = ["RecordedRequest", "RequestLog"]


@dataclass(frozen=True)
class RecordedRequest:
    """One request received by the plane (control endpoints under `/_plane` are not recorded).

    Attributes:
        method: HTTP method, upper case.
        path: URL path without the query string.
        query: Query parameters; the last value wins when a name repeats.
        headers: Request headers with lower-case names, without `authorization`.
        body: The parsed JSON body, the raw text when it is not JSON, or `None` when empty.
        status: Status code the plane answered (200 for a stream that started).
        at: `time.time()` when the response was decided.
    """

    method: str
    path: str
    query: Mapping[str, str] = field(repr=False)
    headers: Mapping[str, str] = field(repr=False)
    body: object = field(repr=False)
    status: int
    at: float = field(default_factory=time.time, repr=False)


class RequestLog:
    """A thread-safe, append-only list of [RecordedRequest][anyframe.testing.RecordedRequest]."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[RecordedRequest] = []

    def append(self, record: RecordedRequest) -> None:
        """Record one request.

        Args:
            record: The request to add.
        """
        with self._lock:
            self._items.append(record)

    def clear(self) -> None:
        """Forget every recorded request."""
        with self._lock:
            self._items.clear()

    def snapshot(self) -> list[RecordedRequest]:
        """Return a copy of the log, oldest first.

        Returns:
            The recorded requests at the time of the call.
        """
        with self._lock:
            return list(self._items)

    def filter(self, method: str | None = None, path: str | None = None) -> list[RecordedRequest]:
        """Return the recorded requests matching a method and/or an exact path.

        Args:
            method: Keep only this HTTP method (case-insensitive).
            path: Keep only this exact path.

        Returns:
            The matching requests, oldest first.
        """
        wanted = method.upper() if method else None
        return [
            r
            for r in self.snapshot()
            if (wanted is None or r.method == wanted) and (path is None or r.path == path)
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
        return f"<RequestLog {len(self)} requests>"
