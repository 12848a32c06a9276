"""A push parser for `text/event-stream` bodies (the chat event stream and the build log stream).

[`SSEDecoder`][anyframe._core.sse.SSEDecoder] is sans-IO: the async shell (and the sync shell
generated from it) hands it the raw body chunks as they arrive and gets back the events each chunk
completed. It never reads, awaits or sleeps, so one implementation serves both flavours and is tested
with plain byte strings.

Why not use an off-the-shelf parser? httpx-sse, the obvious candidate, departs from the WHATWG
"event stream interpretation" rules in ways a resuming client notices: it dispatches frames that
carry no `data` (an `id:`-only or `retry:`-only block becomes an event), does not skip a leading byte
order mark (so the first field of such a stream is lost), and accepts `retry` values such as `" 5"`
or `"+5"` that the spec says to ignore. It also has no bound on how much it buffers for one event,
and it is less than half as fast as this parser on bulk streams, which is what a transcript replay
after a reconnect looks like. The rules followed here, all from the WHATWG HTML standard, section
"Server-sent events":

- the body is UTF-8; invalid bytes decode to U+FFFD; one byte order mark at the very start of the
  stream is skipped (only the first one);
- lines end in CR, LF or CRLF; a line starting with `:` is a comment (the server's keep-alives);
- `name: value` with exactly one leading space removed from the value; a line without a colon is a
  field name with an empty value; unknown field names are ignored;
- `data` lines are joined with `"\\n"`; `event` names the event (`"message"` when absent or empty);
  `id` sets the last event id, which persists across events, unless the value contains U+0000;
  `retry` sets the reconnection time when its value is all ASCII digits and is ignored otherwise;
- a blank line dispatches the event, unless no `data` line was seen, in which case the block is
  dropped (but its `id` still becomes the last event id); an event not ended by a blank line when
  the stream ends is discarded.

Where the implementation looks odd, it is for speed, which the benchmark in
`scripts/bench_sse_parser.py` measures. Lines are found with C-level byte searches over the whole
chunk, the complete part of each chunk is decoded in one call (safe because CR, LF, `:` and space are
ASCII and so never sit inside a multi-byte UTF-8 sequence), and the common `name: value` shape is
matched with one `str.partition` per line. A line that arrives in many small chunks is kept as a
list of pieces and joined once, so parsing stays linear in the size of the stream.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import ChatPayload

__all__ = [
    "DEFAULT_MAX_EVENT_SIZE",
    "RETRY_CEILING_MS",
    "SSEDecoder",
    "SSEEvent",
    "SSEEventTooLarge",
    "carried_ids",
]

DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024
"""Default bound, in bytes, on one line and on the `data` of one event.

A chat event can legitimately be large: a tool result holding a whole file, or an image sent back as
base64 (an API image may be 5 MB, about 6.7 MB once encoded). 16 MiB lets a couple of those through
while keeping what a broken or hostile stream can make the client hold to a few tens of megabytes.
"""

RETRY_CEILING_MS = 999_999_999
"""The value a `retry:` line longer than nine digits is read as (about 11.6 days).

`int()` of a few thousand digits raises on CPython 3.11+, and a reconnection time past a few minutes
means nothing to a client anyway: the reconnect policy caps what it waits at 60 s
(`anyframe._core.retry.MAX_RETRY_AFTER`). The parser only has to stay correct and linear.
"""

_BOM = b"\xef\xbb\xbf"
_REPR_DATA_LIMIT = 200
_new = object.__new__


class SSEEventTooLarge(ValueError):
    """A line, or the `data` of one event, grew past the decoder's `max_event_size`.

    The stream cannot be parsed further without buffering without bound, so it should be abandoned;
    the decoder is not usable for the rest of it. The message states the limit, never the content.
    """


class SSEEvent:
    """One server-sent event, as dispatched by the stream.

    Events compare equal when all four attributes are equal, and are immutable and hashable.

    Args:
        data: The event's data lines, joined with `"\\n"`.
        event: The event name; `"message"` when the server named none.
        id: The last event id in effect when the event was dispatched; `None` when the stream has
            set none (or reset it with an empty `id:` line).
        retry: The reconnection time, in milliseconds, sent with this event, if any.
    """

    # Private slots behind read-only properties: the decoder fills the slots directly, which is
    # cheaper than calling __init__, while callers still get an immutable value. `_carried` is the
    # id the frame's own `id:` line set (None when it had none and inherited `_id`): what a resuming
    # stream deduplicates replays by, read through `carried_ids` and never part of equality.
    __slots__ = ("_carried", "_data", "_event", "_id", "_retry")

    _carried: str | None
    _data: str
    _event: str
    _id: str | None
    _retry: int | None

    def __init__(
        self,
        data: str = "",
        *,
        event: str = "message",
        id: str | None = None,
        retry: int | None = None,
    ) -> None:
        self._data = data
        self._event = event
        self._id = id
        self._carried = id
        self._retry = retry

    @property
    def data(self) -> str:
        """The event's data lines, joined with `"\\n"` (no trailing newline)."""
        return self._data

    @property
    def event(self) -> str:
        """The event name; `"message"` when the server named none."""
        return self._event

    @property
    def id(self) -> str | None:
        """The last event id in effect for this event; it persists from earlier events."""
        return self._id

    @property
    def retry(self) -> int | None:
        """The reconnection time in milliseconds, when a valid `retry:` line came with this event."""
        return self._retry

    def json(self) -> Any:
        """Parse the data as JSON.

        Typed `Any` on purpose, like `httpx.Response.json()`: the payload is whatever the server
        sent, and `event.json()["content"]` should type-check in strict user code.

        Returns:
            The decoded JSON value, or `None` when the data is empty (keep-alive frames carry none).

        Raises:
            ValueError: The data is not valid JSON; the message names the event, not its content.
        """
        if not self._data:
            return None
        try:
            return json.loads(self._data)
        except json.JSONDecodeError as exc:
            raise ValueError(
                f"the data of server-sent event {self._event!r} (id {self._id!r}) is not valid JSON: "
                f"{exc.msg} at line {exc.lineno} column {exc.colno}"
            ) from None

    def payload(self) -> ChatPayload:
        """The data of a chat event as its typed payload ([`ChatPayload`][anyframe.models.ChatPayload]).

        Never raises: a payload of a type this SDK does not know, or one that does not fit its model,
        comes back whole as an [`UnknownChatPayload`][anyframe.UnknownChatPayload] (data that is not a
        JSON object too, under `value`). The models are imported on first use, so a program that only
        reads `data` or `json()` never loads them.

        Example:
            ```python
            for event in af.sessions.events(session.id):
                payload = event.payload()
                if isinstance(payload, anyframe.AssistantPayload):
                    print(payload.text)
            ```

        Returns:
            The payload's model, chosen by its `type`.
        """
        from ..models._chat import parse_chat_payload
        from .turns import decode_data

        return parse_chat_payload(decode_data(self._data) if self._data else None)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SSEEvent):
            return NotImplemented
        return (
            self._data == other._data
            and self._event == other._event
            and self._id == other._id
            and self._retry == other._retry
        )

    def __hash__(self) -> int:
        return hash((self._data, self._event, self._id, self._retry))

    def __repr__(self) -> str:
        data = self._data
        if len(data) > _REPR_DATA_LIMIT:
            # A replayed tool result can be megabytes; a repr in a log line should not be.
            data_repr = f"{data[:_REPR_DATA_LIMIT]!r}...(+{len(data) - _REPR_DATA_LIMIT} chars)"
        else:
            data_repr = repr(data)
        return f"SSEEvent(event={self._event!r}, data={data_repr}, id={self._id!r}, retry={self._retry!r})"


def carried_ids(events: list[SSEEvent]) -> list[str]:
    """The ids the frames of `events` carried on their own `id:` lines, in order.

    A frame without an `id:` line (or whose `id` held a NUL, which the rules ignore) inherits the
    last event id as its `.id` but carries none, so it adds nothing here: a resuming stream can only
    recognise a replay by an id the frame itself brought. An empty `id:` line (a reset) carries none.
    """
    return [carried for event in events if (carried := event._carried)]


def carried_id(event: SSEEvent) -> str | None:
    """The id `event` carried on its own `id:` line, or `None` (see [`carried_ids`][anyframe._core.sse.carried_ids])."""
    return event._carried or None


class SSEDecoder:
    """Turn the bytes of a `text/event-stream` body into [`SSEEvent`][anyframe.SSEEvent]s.

    Feed it every chunk of the body in order, then call [`flush`][anyframe._core.sse.SSEDecoder.flush]
    at the end of the stream. [`last_event_id`][anyframe._core.sse.SSEDecoder.last_event_id] and
    [`retry`][anyframe._core.sse.SSEDecoder.retry] are what the parsed bytes set; they survive `flush`.
    A resuming client does not keep its position here: the event stream's
    [`StreamResume`][anyframe._core.resume.StreamResume] owns it and seeds a fresh decoder with it
    for each connection, so that a new connection's events inherit the last event id until it sends
    its own. That inheritance is the one departure from the WHATWG rules, which start each connection
    with an empty id buffer; a resumed stream continues the same sequence, so the old id is the truth.

    Args:
        max_event_size: Bound, in bytes, on a single line and on the `data` of one event (sizes of
            the UTF-8 text; for malformed input, of its decoded form). Going past it raises
            [`SSEEventTooLarge`][anyframe._core.sse.SSEEventTooLarge].
        last_event_id: The id a resumed stream starts from, if any.

    Raises:
        ValueError: `max_event_size` is not a positive integer.
    """

    __slots__ = (
        "_at_start",
        "_bom_held",
        "_carried",
        "_data",
        "_data_counted",
        "_data_size",
        "_event_retry",
        "_event_type",
        "_first",
        "_id_buffer",
        "_last_event_id",
        "_max_event_size",
        "_pending",
        "_pending_size",
        "_retry",
        "_skip_lf",
    )

    def __init__(
        self, *, max_event_size: int = DEFAULT_MAX_EVENT_SIZE, last_event_id: str | None = None
    ) -> None:
        if isinstance(max_event_size, bool) or not isinstance(max_event_size, int) or max_event_size < 1:
            raise ValueError(f"max_event_size must be a positive number of bytes, got {max_event_size!r}")
        self._max_event_size = max_event_size
        # The empty string stands for "no id" internally, as in the spec; the properties map it to None.
        self._last_event_id = last_event_id or ""
        self._retry: int | None = None
        self._start_stream()

    def _start_stream(self) -> None:
        self._at_start = True  # a byte order mark may still come
        self._bom_held = b""  # a prefix of the byte order mark, split across chunks
        self._skip_lf = False  # the previous chunk ended in CR: a leading LF belongs to that line end
        self._pending: list[bytes] = []  # pieces of the line not yet terminated
        self._pending_size = 0
        self._first: str | None = None  # the first data line of the event in progress
        self._data: list[str] = []  # its further data lines
        self._data_size = 0  # UTF-8 size of the data lines counted so far, separators included
        self._data_counted = 0  # how many of them: 0, or 1 (`_first`) + that many of `_data`
        self._event_type = ""
        self._event_retry: int | None = None
        self._carried: str | None = None  # the id set by the block in progress, if any
        self._id_buffer = self._last_event_id

    @property
    def last_event_id(self) -> str | None:
        """The id of the last block the stream completed (with or without data), or `None`.

        This is what to send as `Last-Event-ID` when reconnecting: an `id:` line in an event cut off
        by the end of the stream does not count, since that event was never delivered.
        """
        return self._last_event_id or None

    @property
    def retry(self) -> int | None:
        """The reconnection time in milliseconds most recently set by the stream, or `None`."""
        return self._retry

    @property
    def max_event_size(self) -> int:
        """The bound, in bytes, on one line and on the data of one event."""
        return self._max_event_size

    def feed(self, chunk: bytes) -> list[SSEEvent]:
        """Parse the next chunk of the body.

        Args:
            chunk: The next bytes of the stream, split anywhere (inside a line, a UTF-8 sequence or
                a CRLF pair).

        Returns:
            The events this chunk completed, in stream order; often none.

        Raises:
            SSEEventTooLarge: A line or an event's data grew past `max_event_size`.
        """
        if not chunk:
            return []
        if self._at_start:
            if self._bom_held:
                chunk = self._bom_held + chunk
            if len(chunk) < 3 and _BOM.startswith(chunk):
                self._bom_held = bytes(chunk)  # a copy, should the caller reuse a bytearray
                return []
            self._at_start = False
            self._bom_held = b""
            if chunk.startswith(_BOM):
                chunk = chunk[3:]
                if not chunk:
                    return []
        if self._skip_lf:
            self._skip_lf = False
            if chunk[0] == 0x0A:
                chunk = chunk[1:]
                if not chunk:
                    return []
        if b"\r" in chunk:
            # A trailing CR ends its line now (no waiting for the next chunk); remember it so that an
            # LF starting the next chunk is not read as a second, blank line.
            self._skip_lf = chunk[-1] == 0x0D
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")

        limit = self._max_event_size
        pending = self._pending
        end = chunk.rfind(b"\n") + 1
        if not end:
            self._pending_size += len(chunk)
            if self._pending_size > limit:
                raise _line_too_long(limit)
            pending.append(bytes(chunk))  # a copy, should the caller reuse a bytearray
            return []
        if len(chunk) > limit:
            # Only a chunk longer than the limit can hold a complete line longer than the limit.
            _check_line_lengths(chunk, end, limit)
        if pending:
            if self._pending_size + chunk.find(b"\n") > limit:
                raise _line_too_long(limit)
            pending.append(chunk[:end])
            block = b"".join(pending)
            pending.clear()
        else:
            block = chunk if end == len(chunk) else chunk[:end]
        if end < len(chunk):
            tail = chunk[end:]
            if len(tail) > limit:
                raise _line_too_long(limit)
            pending.append(tail)
            self._pending_size = len(tail)
        else:
            self._pending_size = 0

        lines = block.decode("utf-8", "replace").split("\n")
        lines.pop()  # the empty string after the final line end

        # The loop below runs once per line of the stream: everything it touches is a local variable,
        # and events are built without calling SSEEvent.__init__. The first data line of an event is
        # held on its own (`first`), since nearly every event has exactly one; `more` holds the rest.
        events: list[SSEEvent] = []
        append_event = events.append
        first = self._first
        more = self._data
        add_more = more.append
        event_type = self._event_type
        id_buffer = self._id_buffer
        last_event_id = self._last_event_id
        event_retry = self._event_retry
        carried = self._carried
        for line in lines:
            if not line:
                last_event_id = id_buffer
                if first is not None:
                    event = _new(SSEEvent)
                    event._id = id_buffer or None
                    event._carried = carried
                    event._event = event_type or "message"
                    if more:
                        joined = "\n".join([first, *more])
                        if len(joined) * 4 > limit and _utf8_size(joined) > limit:
                            raise _data_too_large(limit)
                        event._data = joined
                        more.clear()
                    else:
                        # A single line is already bounded by the line-length check.
                        event._data = first
                    event._retry = event_retry
                    append_event(event)
                    first = None
                event_type = ""
                event_retry = None
                carried = None
                continue
            # Fast path for the shape servers send, "name: value"; any other shape (comment, no space,
            # no colon, retry, unknown field) falls through to the general rule below.
            name, _, value = line.partition(": ")
            if name == "data":
                if first is None:
                    first = value
                else:
                    add_more(value)
            elif name == "id":
                if "\0" not in value:
                    id_buffer = carried = value
            elif name == "event":
                event_type = value
            else:
                name, _, value = line.partition(":")
                if value[:1] == " ":
                    value = value[1:]
                if name == "data":
                    if first is None:
                        first = value
                    else:
                        add_more(value)
                elif name == "id":
                    if "\0" not in value:
                        id_buffer = carried = value
                elif name == "event":
                    event_type = value
                elif name == "retry" and value.isdigit() and value.isascii():
                    event_retry = self._retry = int(value) if len(value) <= 9 else RETRY_CEILING_MS
        self._first = first
        self._event_type = event_type
        self._id_buffer = id_buffer
        self._last_event_id = last_event_id
        self._event_retry = event_retry
        self._carried = carried
        if events:
            # At least one dispatch emptied the data list, so the running size is stale.
            self._data_counted = self._data_size = 0
        if first is not None:
            self._check_partial_data()
        return events

    def _check_partial_data(self) -> None:
        """Bound the data of an event still in progress at the end of a chunk.

        Counts only the lines added since the last check, so an event arriving in many chunks is
        measured in linear time.
        """
        data = self._data
        size = self._data_size
        counted = self._data_counted
        if not counted and self._first is not None:
            size, counted = _utf8_size(self._first), 1
        for index in range(counted - 1, len(data)):
            size += _utf8_size(data[index]) + 1  # the line and the newline joining it to the one before
        self._data_size = size
        self._data_counted = 1 + len(data)
        if size > self._max_event_size:
            raise _data_too_large(self._max_event_size)

    def flush(self) -> list[SSEEvent]:
        """Signal the end of the stream, and get the decoder ready for the next connection.

        Following the WHATWG rules, an event the stream did not end with a blank line is discarded,
        never dispatched, and so is an unterminated last line. `last_event_id` and `retry` are kept.

        Returns:
            Always an empty list; it is returned so that callers can treat `flush` like
            [`feed`][anyframe._core.sse.SSEDecoder.feed].
        """
        self._start_stream()
        return []

    def finish(self) -> list[SSEEvent]:
        """End a stream the server closed cleanly, delivering a final event that lacks only its blank line.

        Browsers discard such an event ([`flush`][anyframe._core.sse.SSEDecoder.flush] does too), but
        the 1.x SDKs delivered it and hand-written servers and fixtures often end with a single
        newline. Every line of that event arrived whole, so nothing truncated is ever delivered: an
        unterminated last line is still discarded. Use this only after a clean end of the body, never
        after a dropped connection.

        Returns:
            The final event, if one was complete but for its blank line; else an empty list.
        """
        # After a final CR a LF would be taken as its CRLF partner, so end the event with a CR then.
        terminator = b"\r" if self._skip_lf else b"\n"
        events = self.feed(terminator) if not self._pending and self._first is not None else []
        self.flush()
        return events

    def close(self) -> list[SSEEvent]:
        """Same as [`flush`][anyframe._core.sse.SSEDecoder.flush]: the stream has ended.

        Returns:
            Always an empty list.
        """
        return self.flush()

    def __repr__(self) -> str:
        return (
            f"SSEDecoder(last_event_id={self.last_event_id!r}, retry={self._retry!r}, "
            f"max_event_size={self._max_event_size!r})"
        )


def _line_too_long(limit: int) -> SSEEventTooLarge:
    return SSEEventTooLarge(f"a server-sent event line is longer than max_event_size ({limit} bytes)")


def _data_too_large(limit: int) -> SSEEventTooLarge:
    return SSEEventTooLarge(f"the data of a server-sent event is larger than max_event_size ({limit} bytes)")


def _utf8_size(text: str) -> int:
    # isascii() is O(1) on CPython's compact strings, so the encode only runs for non-ASCII text.
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _check_line_lengths(chunk: bytes, end: int, limit: int) -> None:
    """Raise when a complete line of `chunk[:end]` is longer than `limit` bytes."""
    start = 0
    while start < end:
        stop = chunk.find(b"\n", start, end)
        if stop - start > limit:
            raise _line_too_long(limit)
        start = stop + 1
