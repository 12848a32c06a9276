"""The decisions behind a self-healing event stream: pure, tested with plain values.

A [`StreamResume`][anyframe._core.resume.StreamResume] follows one logical stream across
connections and is the one owner of its position: the id a reconnect sends as `Last-Event-ID`, the
ids already delivered, the server's `retry:` time and the failure counts. The shell makes a fresh
parser for each connection, seeded with that position, and tells this object about each batch of
events (which should the caller see?) and about each connection's end (reconnect after how long,
stop, or give up?):

* **Exactly once.** Only frames replayed after a reconnect are dropped, and only by an id the frame
  carries on its own `id:` line that was already delivered. A reconnected connection starts in its
  replay prefix; the first frame carrying an id not yet delivered ends it. A frame is never dropped
  on its first delivery, whatever its id: a frame without `id:` (it inherits the last id, as the
  WHATWG rules say), a repeated or odd id, or one on the first connection always reaches the caller.
  Delivered ids are remembered in bounded memory: numeric ids as merged ranges (a sequence of seqs
  is one range), others as the most recent [`OTHER_IDS_KEPT`][anyframe._core.resume.OTHER_IDS_KEPT].
* **The position only holds what a header can carry.** `Last-Event-ID` is the id of the last
  delivered event when it is printable ASCII without surrounding spaces; an id that is not (the
  server sent `é1`, or a control character) is delivered but does not move the position, so a
  reconnect resumes from the last id that could be sent and the replayed frames are dropped by id.
  An empty `id:` (a reset) clears it: the reconnect sends no `Last-Event-ID`.
* **Bounded waits.** An error status when opening is retried like any GET (`max_retries`,
  `Retry-After` up to 60 s), then raised. A connection that ends with a transport failure or a
  clean EOF after a while is reopened after the server's `retry:` time (capped at 60 s, like
  `Retry-After`) or our backoff; `max_failures` consecutive failures (an event resets the count) give
  up with [`APIConnectionError`][anyframe.APIConnectionError].
* A connection the server closes cleanly within `QUICK_EOF_SECONDS` of opening means it has nothing
  more to send (a finished or terminated session, a finite test server): the iteration ends. A
  long-lived connection closed cleanly (an idle proxy cutting it) is reopened.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..exceptions import AnyFrameError, APIConnectionError, InvalidArgumentError
from .retry import reconnect_delay, retry_delay_for_status
from .sse import SSEEvent, carried_id, carried_ids

__all__ = [
    "NUMERIC_RANGES_KEPT",
    "OTHER_IDS_KEPT",
    "QUICK_EOF_SECONDS",
    "STREAM_MAX_FAILURES",
    "DeliveredIds",
    "StreamResume",
    "check_last_event_id",
    "header_safe",
]

STREAM_MAX_FAILURES = 5
QUICK_EOF_SECONDS = 2.0
NUMERIC_RANGES_KEPT = 4096
"""Disjoint ranges of delivered numeric ids remembered; past it the lowest range is forgotten."""
OTHER_IDS_KEPT = 1024
"""Delivered non-numeric ids remembered (the most recent ones)."""
_MAX_NUMERIC_DIGITS = 18  # int() of a longer run of digits is slow (and refused past 4,300 digits)


def header_safe(value: str) -> bool:
    """Whether an event id can travel as a `Last-Event-ID` header value on any HTTP stack.

    Printable ASCII (space to `~`), not empty, no leading or trailing space: what every HTTP/1.1
    implementation accepts byte for byte and no proxy rewrites.
    """
    return bool(value) and value.isascii() and value.isprintable() and value.strip(" ") == value


def check_last_event_id(value: object) -> str | None:
    """Check a `last_event_id` given by the caller, before anything is sent.

    An `int` (a `seq`) is accepted as its decimal string.

    Raises:
        InvalidArgumentError: It is not a `str` or an `int`, or it cannot be sent as a header
            (empty, non-ASCII, a control character such as CR, LF or NUL, surrounding spaces).
    """
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InvalidArgumentError(
            f"last_event_id must be a str (an event's `.id`) or an int seq, got {type(value).__name__}"
        )
    if not header_safe(value):
        raise InvalidArgumentError(
            f"last_event_id {value!r} cannot be sent as the Last-Event-ID header: use printable ASCII "
            "without control characters (CR, LF, NUL) or surrounding spaces, such as an event's `.id`"
        )
    return value


class DeliveredIds:
    """The ids a stream has delivered, in bounded memory (see the module docstring)."""

    __slots__ = ("_other", "_ranges")

    def __init__(self) -> None:
        self._ranges: list[list[int]] = []  # sorted, disjoint, non-adjacent [low, high] pairs
        self._other: dict[str, None] = {}  # insertion-ordered: the oldest is evicted first

    def add_all(self, ids: list[str]) -> None:
        """Remember every id of `ids` as delivered."""
        ranges = self._ranges
        if len(ids) > 1 and self._add_run(ids):
            return
        last = ranges[-1] if ranges else None
        for event_id in ids:
            if event_id.isdigit() and event_id.isascii() and len(event_id) <= _MAX_NUMERIC_DIGITS:
                seq = int(event_id)
                # The common case, a growing sequence, extends the last range in place.
                if last is not None and last[0] <= seq <= last[1] + 1:
                    if seq > last[1]:
                        last[1] = seq
                    continue
                self._add_seq(seq)
                last = ranges[-1]
            else:
                other = self._other
                other[event_id] = None
                if len(other) > OTHER_IDS_KEPT:
                    del other[next(iter(other))]

    def _add_run(self, ids: list[str]) -> bool:
        """Add `ids` as one range when they are consecutive numbers (a chunk of a seq stream).

        The shape nearly every chunk has once a stream is going (the run continues the last range),
        checked with C-level loops instead of one Python step per id. Returns `False`, having changed
        nothing, for any other shape: the general path then adds the ids one by one.
        """
        joined = "".join(ids)
        if not (joined.isdigit() and joined.isascii()) or len(max(ids, key=len)) > _MAX_NUMERIC_DIGITS:
            return False
        first = int(ids[0])
        if list(map(int, ids)) != list(range(first, first + len(ids))):
            return False
        last = self._ranges[-1] if self._ranges else None
        if last is None or not last[0] <= first <= last[1] + 1:
            return False  # a gap or the first ids: rare, left to the general path
        last[1] = max(last[1], first + len(ids) - 1)  # the stream going on: extend the last range
        return True

    def _add_seq(self, seq: int) -> None:
        ranges = self._ranges
        index = bisect.bisect_right(ranges, [seq, float("inf")])
        if index and ranges[index - 1][1] >= seq - 1:  # touches or overlaps the range before
            before = ranges[index - 1]
            before[1] = max(before[1], seq)
            if index < len(ranges) and ranges[index][0] <= before[1] + 1:
                before[1] = max(before[1], ranges.pop(index)[1])
        elif index < len(ranges) and ranges[index][0] <= seq + 1:  # touches the range after
            ranges[index][0] = seq
        else:
            ranges.insert(index, [seq, seq])
            if len(ranges) > NUMERIC_RANGES_KEPT:
                del ranges[0]

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        if event_id.isdigit() and event_id.isascii() and len(event_id) <= _MAX_NUMERIC_DIGITS:
            seq = int(event_id)
            index = bisect.bisect_right(self._ranges, [seq, float("inf")])
            return bool(index) and self._ranges[index - 1][1] >= seq
        return event_id in self._other


@dataclass
class StreamResume:
    """The position and resume state of one logical stream.

    Args:
        what: How to name the stream in errors and logs (its path).
        last_event_id: Where a resumed stream starts (already checked by
            [`check_last_event_id`][anyframe._core.resume.check_last_event_id]).
        max_failures: Consecutive failed connections before giving up.
        rand: Jitter source for the backoff.
    """

    what: str
    last_event_id: str | None = None
    max_failures: int = STREAM_MAX_FAILURES
    rand: Callable[[], float] = field(default=random.random, repr=False)
    failures: int = 0
    reconnects: int = 0
    status_retries: int = 0
    retry_ms: int | None = None
    """The last `retry:` time the server set, in milliseconds; it persists across connections."""
    connections: int = 0
    delivered: DeliveredIds = field(default_factory=DeliveredIds, repr=False)
    _replaying: bool = False

    def request_headers(self) -> dict[str, str]:
        """The headers of the next connection: an event stream, resumed from the position if any."""
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if self.last_event_id is not None:
            headers["Last-Event-ID"] = self.last_event_id
        return headers

    def connection_opened(self) -> None:
        """A new connection is about to be read: after the first, it starts in its replay prefix."""
        self._replaying = self.connections > 0
        self.connections += 1

    def admit_all(self, events: list[SSEEvent]) -> list[SSEEvent]:
        """Decide which events of one parsed chunk the caller sees, and move the position past them.

        One call per chunk rather than per event: a backlog replay brings hundreds of events per
        chunk, and this is most of what the stream adds to the parser's own cost.

        Returns:
            The events the caller should see, in order: `events` itself when none is a replay.
        """
        if not events:
            return events
        if self._replaying:
            events = self._drop_replays(events)
            if not events:
                return events
        ids = carried_ids(events)
        if ids:
            self.delivered.add_all(ids)
        last = events[-1].id
        if last is None:
            self.last_event_id = None
        elif last != self.last_event_id:
            if header_safe(last):
                self.last_event_id = last
            else:
                # The newest id that can travel in a header, if this chunk delivered one.
                for event in reversed(events):
                    if event.id is not None and header_safe(event.id):
                        self.last_event_id = event.id
                        break
        self.failures = self.status_retries = 0
        return events

    def _drop_replays(self, events: list[SSEEvent]) -> list[SSEEvent]:
        kept: list[SSEEvent] = []
        delivered = self.delivered
        for index, event in enumerate(events):
            own = carried_id(event)
            if own is None:
                kept.append(event)  # nothing identifies it as a replay: it is delivered
            elif own in delivered:
                continue  # replayed: the caller has it already
            else:
                self._replaying = False  # the first new frame: the replay prefix is over
                kept.extend(events[index:])
                break
        return kept

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
            server_retry_ms: The `retry:` value this connection set, if any (it replaces an
                earlier one; without one the earlier value stays in force).

        Returns:
            Seconds to wait before reconnecting (at most 60 s for the server's part), or `None`
            when the stream is over.

        Raises:
            APIConnectionError: The stream failed `max_failures` times in a row (chained to `failure`).
            AnyFrameError: `failure` itself, when it is an error answer and the budget is spent.
        """
        if server_retry_ms is not None:
            self.retry_ms = server_retry_ms
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
        return reconnect_delay(self.failures, self.retry_ms, rand=self.rand)
