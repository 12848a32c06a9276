"""The decisions behind a chat turn and an auto-paging transcript: pure, tested with plain values.

A [`TurnTracker`][anyframe._core.turns.TurnTracker] follows the events of a session's chat from a
high-water mark and decides, event by event, which belong to the turn, when the turn is over, which
request of the agent is waiting for an answer, and what the assistant has said so far. The shell
(`anyframe._async.turns`) parses each event into its typed payload and hands the tracker plain
values: the event's `seq`, its `type`, and for assistant messages their text and whether they are a
streaming fragment.

**Which events are the turn's.** The turn starts after the *mark*: the `seq` of the last event of the
chat before the message was sent (read from the transcript, or the previous turn's `last_seq`).
Events up to the mark are history and are dropped, however the server replays them, and so is an
event whose `seq` is not above the last one seen (a replay; the chat's `seq`s only grow). When the
bridge's answer to the message carries the message's own `seq` (the contract calls that body
free-form: it is used when present, never required), the turn starts at that event, and whatever
came between the mark and it (the tail of an earlier turn the agent was still busy with, another
client's message) is dropped too. Without it, such events are the turn's: send a message when the
previous turn is over, which `turn()` makes easy. The turn ends with the first `result` it admits,
which it includes; nothing after it is the turn's. `_error` does not end a turn: the bridge follows
it with a `result`.

**Text.** Each assistant message adds its text blocks (concatenated) as one paragraph; paragraphs are
joined by a blank line. Streaming fragments (`delta: true`) extend the paragraph they open; the
complete message that follows its fragments replaces them (it repeats what they said), and any other
event closes the paragraph, so the next fragment starts a new one.

**Pending requests.** A `permission_request` or `ask_user_question` is pending from its arrival until
it is answered through the turn, or until an event shows the agent went on (a `permission_response`,
a `tool_result`, an assistant message, a `user_message`, an `_error`, the `result`); another request
replaces it, and an event of a type this SDK does not know leaves it pending.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..exceptions import InvalidArgumentError, ResponseValidationError

__all__ = [
    "ANSWERED_BY",
    "END_OF_TURN",
    "MAX_PAGE_SIZE",
    "PARAGRAPH",
    "REQUEST_TYPES",
    "SESSION_LIVE",
    "TranscriptPager",
    "TurnTracker",
    "ack_seq",
    "check_page_size",
    "decode_data",
    "event_seq",
    "reply_to_request",
    "respond_body",
    "session_ended",
    "tool_summary",
]

END_OF_TURN = "result"
"""The payload `type` that ends a turn."""
REQUEST_TYPES = frozenset({"permission_request", "ask_user_question"})
"""Payload types by which the agent waits for an answer (sent with `respond`)."""
ANSWERED_BY = frozenset(
    {"permission_response", "tool_result", "assistant", "_error", "user_message", END_OF_TURN}
)
"""Payload types showing that the agent went on, so no request of its is pending any more."""
SESSION_LIVE = frozenset({"booting", "running"})
"""Session statuses in which a turn can still finish; any other ends it with `SessionEndedError`."""
PARAGRAPH = "\n\n"
"""What separates the text of two assistant messages in a turn's text."""
MAX_PAGE_SIZE = 5000
"""The largest `limit` the server honours on `transcript` (it caps larger ones)."""
_SUMMARY_LIMIT = 120

T = TypeVar("T")


def session_ended(status: str) -> bool:
    """Whether a session in this status can no longer finish a turn (snapshotting, terminated, error,
    or a status this SDK does not know, such as `paused`)."""
    return status not in SESSION_LIVE


def event_seq(event_id: str | None) -> int | None:
    """The `seq` a chat event's SSE `id` carries, or `None` when it is not a decimal number."""
    if event_id is not None and event_id.isascii() and event_id.isdigit() and len(event_id) <= 18:
        return int(event_id)
    return None


def ack_seq(ack: Mapping[str, object], mark: int) -> int | None:
    """The `seq` of the message, when the bridge's answer to it names one after the mark."""
    seq = ack.get("seq")
    if isinstance(seq, int) and not isinstance(seq, bool) and seq > mark:
        return seq
    return None


def decode_data(data: str) -> object:
    """A chat frame's data decoded as JSON; the text itself when it is not JSON (kept, never raised)."""
    try:
        return json.loads(data)
    except ValueError:  # JSONDecodeError, and the RecursionError-free rest of what loads refuses
        return data


def tool_summary(name: str, arguments: Mapping[str, object]) -> str:
    """A one-line summary of a tool call, the way the attention rail shows it: `Bash(command=ls -la)`."""
    inner = ", ".join(f"{key}={value}" for key, value in arguments.items())
    line = " ".join(f"{name}({inner})".split())
    return line if len(line) <= _SUMMARY_LIMIT else line[: _SUMMARY_LIMIT - 1] + "…"


def respond_body(
    request_id: object, tool_use_id: object, *, approve: bool, answer: str | None
) -> dict[str, object]:
    """The body that answers a pending request: its ids, `decision`, and the `answer` to a question.

    Raises:
        InvalidArgumentError: `approve` is not a bool or `answer` not a str.
    """
    if not isinstance(approve, bool):
        raise InvalidArgumentError(f"approve must be True or False, got {type(approve).__name__}")
    if answer is not None and not isinstance(answer, str):
        raise InvalidArgumentError(f"answer must be a str (or None), got {type(answer).__name__}")
    body: dict[str, object] = {}
    if isinstance(request_id, str) and request_id:
        body["request_id"] = request_id
    if isinstance(tool_use_id, str) and tool_use_id:
        body["tool_use_id"] = tool_use_id
    body["decision"] = "approve" if approve else "deny"
    if answer is not None:
        body["answer"] = answer
    return body


def reply_to_request(reply: object) -> tuple[bool, str | None] | None:
    """What an `on_request` callback's return value asks for: `(approve, answer)`, or `None` to leave
    the request pending.

    Raises:
        InvalidArgumentError: The callback returned something else than a bool, a str or `None`.
    """
    if reply is None:
        return None
    if isinstance(reply, bool):
        return reply, None
    if isinstance(reply, str):
        return True, reply
    raise InvalidArgumentError(
        "on_request must return True (approve), False (deny), a str (the answer to a question) or "
        f"None (leave it pending), got {type(reply).__name__}"
    )


@dataclass
class TurnTracker(Generic[T]):
    """The state of one turn, fed one event at a time (see the module docstring for the rules).

    Args:
        mark: The `seq` of the last event before the turn's message; events up to it are history.
        first: The `seq` of the turn's own message, when the bridge's answer named it.
    """

    mark: int
    first: int | None = None
    last_seq: int = field(init=False)
    """The highest `seq` seen so far, the turn's or not: where the next turn starts."""
    done: bool = False
    pending: T | None = None
    """The item given with the request now waiting for an answer, or `None`."""
    new_text: str = ""
    """What the last admitted event added to `text` (`""` when it added nothing)."""
    _paragraphs: list[str] = field(default_factory=list, repr=False)
    _streaming: bool = False  # the last paragraph is a run of fragments, still open

    def __post_init__(self) -> None:
        self.last_seq = self.mark

    @property
    def text(self) -> str:
        """The assistant's text so far."""
        return PARAGRAPH.join(self._paragraphs)

    def admit(self, seq: int | None) -> bool:
        """Whether the event with this `seq` belongs to the turn; `last_seq` moves up to it either way.

        Args:
            seq: The event's `seq` (`None` when its id is not a number: such an event is the turn's).
        """
        self.new_text = ""
        if seq is not None:
            if seq <= self.last_seq:
                return False  # history, or seen already (a server that replays more than asked)
            self.last_seq = seq
            if self.first is not None and seq < self.first:
                return False
        return not self.done

    def add(self, kind: str | None, *, text: str = "", delta: bool = False, item: T | None = None) -> None:
        """Take an event of the turn (one `admit` accepted).

        Args:
            kind: Its payload `type`.
            text: For an assistant message, the text of its text blocks.
            delta: For an assistant message, whether it is a streaming fragment.
            item: What `pending` holds while this event is a request waiting for an answer.
        """
        if kind in REQUEST_TYPES:
            self.pending = item
        elif kind in ANSWERED_BY:
            self.pending = None
        if kind == "assistant":
            self._add_text(text, delta=delta)
        else:
            self._streaming = False
        if kind == END_OF_TURN:
            self.done = True

    def answered(self) -> None:
        """The pending request was answered through the turn."""
        self.pending = None

    def _add_text(self, text: str, *, delta: bool) -> None:
        paragraphs = self._paragraphs
        if delta:
            if self._streaming:
                paragraphs[-1] += text
                self.new_text = text
            elif text:
                self.new_text = (PARAGRAPH if paragraphs else "") + text
                paragraphs.append(text)
                self._streaming = True
            return
        if self._streaming:
            self._streaming = False
            if text:  # the complete message repeats its fragments: it replaces them
                streamed = paragraphs[-1]
                paragraphs[-1] = text
                self.new_text = text[len(streamed) :] if text.startswith(streamed) else ""
            return
        if text:
            self.new_text = (PARAGRAPH if paragraphs else "") + text
            paragraphs.append(text)


def check_page_size(page_size: object) -> int:
    """`iter_transcript`'s `page_size`: an int from 1 to [`MAX_PAGE_SIZE`][anyframe._core.turns.MAX_PAGE_SIZE].

    Raises:
        InvalidArgumentError: It is not an int in that range (above it the server would return
            fewer events than asked, which reads as the end of the transcript).
    """
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidArgumentError(
            f"page_size must be an int from 1 to {MAX_PAGE_SIZE} (the server caps a transcript page at "
            f"{MAX_PAGE_SIZE} events), got {page_size!r}"
        )
    return page_size


@dataclass
class TranscriptPager:
    """Where the next transcript page starts, and when the transcript is over.

    A page shorter than `page_size` is the last one. Each page starts after the last `seq` of the one
    before (`since` is exclusive).
    """

    since: int
    page_size: int
    done: bool = False

    def page_read(self, seqs: Sequence[int]) -> None:
        """Take the `seq`s of the page just read.

        Raises:
            ResponseValidationError: A full page did not move past `since` (the server ignored it): the
                next request would read the same page for ever.
        """
        if len(seqs) < self.page_size:
            self.done = True
            return
        last = seqs[-1]
        if last <= self.since:
            raise ResponseValidationError(
                f"the transcript did not advance past seq {self.since}: a full page of {len(seqs)} "
                f"events ended at seq {last}"
            )
        self.since = last
