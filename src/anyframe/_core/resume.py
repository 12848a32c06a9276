"""The decisions behind a self-healing event stream: pure, tested with plain values.

A [`StreamResume`][anyframe._core.resume.StreamResume] follows one logical stream across
connections. The shell tells it about each event (should the caller see it?) and about each
connection's end (reconnect after how long, stop, or give up?):

* an event whose numeric id is not past the last one delivered is a replay and is dropped, so the
  caller sees every event once and in order even if a server replays more than asked;
* an error status when opening is retried like any GET (`max_retries`, `Retry-After`), then raised;
* a connection that ends with a transport failure, a retryable status or a clean EOF is reopened
  after the server's `retry:` time or our backoff; `max_failures` consecutive failures (an event
  resets the count) give up with [`APIConnectionError`][anyframe.APIConnectionError];
* a connection the server closes cleanly within `QUICK_EOF_SECONDS` of opening means it has nothing
  more to send (a finished or terminated session, a finite test server): the iteration ends. A
  long-lived connection closed cleanly (an idle proxy cutting it) is reopened.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..exceptions import AnyFrameError, APIConnectionError
from .retry import reconnect_delay, retry_delay_for_status
from .sse import SSEEvent

__all__ = ["QUICK_EOF_SECONDS", "STREAM_MAX_FAILURES", "StreamResume"]

STREAM_MAX_FAILURES = 5
QUICK_EOF_SECONDS = 2.0


def _seq(event_id: str | None) -> int | None:
    return int(event_id) if event_id is not None and event_id.isdigit() else None


@dataclass
class StreamResume:
    """Resume state of one logical stream.

    Args:
        what: How to name the stream in errors and logs (its path).
        max_failures: Consecutive failed connections before giving up.
        rand: Jitter source for the backoff.
    """

    what: str
    max_failures: int = STREAM_MAX_FAILURES
    rand: Callable[[], float] = field(default=random.random, repr=False)
    failures: int = 0
    reconnects: int = 0
    new_events: int = 0
    status_retries: int = 0
    _delivered: int | None = None

    def connection_opened(self) -> None:
        """A new connection is about to be read."""
        self.new_events = 0

    def admit(self, event_id: str | None) -> bool:
        """Whether the caller should see an event with this id (False for a replayed one)."""
        seq = _seq(event_id)
        if seq is not None:
            if self._delivered is not None and seq <= self._delivered:
                return False
            self._delivered = seq
        self.failures = self.status_retries = 0
        self.new_events += 1
        return True

    def admit_all(self, events: list[SSEEvent]) -> list[SSEEvent]:
        """[`admit`][anyframe._core.resume.StreamResume.admit] applied to every event of one chunk.

        One call per chunk rather than per event: a backlog replay brings hundreds of events per
        chunk, and this loop is most of what the stream adds to the parser's own cost.

        Returns:
            The events the caller should see, in order: `events` itself when none is a replay.
        """
        delivered = self._delivered
        kept: list[SSEEvent] | None = None  # built only once a replay has to be dropped
        for index, event in enumerate(events):
            event_id = event._id  # the slot behind `event.id`: a property call per event shows here
            if event_id is not None and event_id.isdigit():
                seq = int(event_id)
                if delivered is not None and seq <= delivered:
                    if kept is None:
                        kept = events[:index]
                    continue
                delivered = seq
            if kept is not None:
                kept.append(event)
        self._delivered = delivered
        admitted = events if kept is None else kept
        if admitted:
            self.failures = self.status_retries = 0
            self.new_events += len(admitted)
        return admitted

    def answer_failed(self, status: int, headers: Mapping[str, str], max_retries: int) -> float | None:
        """Decide what follows an error status when (re)opening the stream.

        Opening a stream is a GET like any other, so it follows the same retry policy and budget;
        delivered events reset the budget.

        Returns:
            Seconds to wait before trying again, or `None` to raise the mapped error.
        """
        delay = retry_delay_for_status(
            "GET", status, headers, self.status_retries, max_retries, rand=self.rand
        )
        if delay is not None:
            self.status_retries += 1
        return delay

    def connection_ended(
        self, *, failure: BaseException | None, elapsed: float, server_retry_ms: int | None
    ) -> float | None:
        """Decide what follows the end of a connection.

        Args:
            failure: Why it ended, or `None` for a clean EOF.
            elapsed: Seconds the connection lasted.
            server_retry_ms: The last `retry:` value the server sent, if any.

        Returns:
            Seconds to wait before reconnecting, or `None` when the stream is over.

        Raises:
            APIConnectionError: The stream failed `max_failures` times in a row (chained to `failure`).
            AnyFrameError: `failure` itself, when it is an error answer and the budget is spent.
        """
        if failure is None and elapsed < QUICK_EOF_SECONDS:
            return None
        self.failures += 1
        if self.failures > self.max_failures:
            if isinstance(failure, AnyFrameError):
                raise failure  # an answer with a status: the caller branches on its type
            last = type(failure).__name__ if failure is not None else "closed by the server"
            raise APIConnectionError(
                f"event stream {self.what} failed {self.max_failures + 1} times in a row (last: {last})"
            ) from failure
        self.reconnects += 1
        return reconnect_delay(self.failures, server_retry_ms, rand=self.rand)
