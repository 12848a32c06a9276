"""What the chat commands show, decided on plain values: the lines of each chat payload, streamed text,
the questions put to the person at the terminal and how their answers read.

Nothing here prints or reads a terminal; `_chat` renders the [`Piece`][anyframe._cli._chatview.Piece]s a
[`ChatView`][anyframe._cli._chatview.ChatView] returns. This module imports the SDK's payload models,
so only a running chat command imports it (never `anyframe --help`).

**Streamed text.** A run of assistant fragments (`delta: true`) is one paragraph being written: each
fragment is a `fragment` piece (printed inline, or grown in place by the live display), and the
complete message that follows them closes it with a `close` piece carrying the whole paragraph (a
live display prints it for good, inline output ends its line). The complete message repeats what
its fragments said, so only what they had not said yet is printed; any other payload closes the
paragraph too. A complete message that does not start with what was streamed (a server that
rewrote it) is printed whole, after the streamed text, so the final words are always on screen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from anyframe import (
    AskUserQuestionPayload,
    AssistantPayload,
    ChatPayload,
    ErrorPayload,
    PermissionRequestPayload,
    PermissionResponsePayload,
    ResultPayload,
    TextBlock,
    ThinkingBlock,
    ToolResultPayload,
    ToolUseBlock,
    UnknownChatPayload,
    UnknownContentBlock,
    UserMessagePayload,
)

__all__ = [
    "REQUEST_TYPES",
    "ChatView",
    "Piece",
    "is_request",
    "payload_document",
    "payload_type",
    "permission_answer",
    "question_answer",
    "question_options",
    "request_prompt",
    "seq_of",
]

PieceKind = Literal["line", "fragment", "close"]

REQUEST_TYPES = frozenset({"permission_request", "ask_user_question"})
"""Payload types by which the agent waits for an answer."""

_YES = frozenset({"y", "yes"})
_NO = frozenset({"n", "no"})

STYLE_USER = "bold cyan"
STYLE_TOOL = "yellow"
STYLE_OUTPUT = "dim"
STYLE_REQUEST = "bold magenta"
STYLE_OK = "green"
STYLE_FAIL = "red"
STYLE_QUIET = "dim"
STYLE_THINKING = "dim italic"


@dataclass(frozen=True)
class Piece:
    """One thing to print.

    - `line`: a whole line (or several, separated by newlines), in `style`;
    - `fragment`: the next piece of the paragraph being streamed, printed right after the last one;
    - `close`: the streamed paragraph is complete; `text` is all of it (inline output only ends its line).
    """

    kind: PieceKind
    text: str
    style: str = ""


def _line(text: str, style: str = "") -> Piece:
    return Piece("line", text, style)


def seq_of(event_id: str | None) -> int | None:
    """The `seq` a chat event's SSE id carries, or `None` when it is not a decimal number."""
    if event_id is not None and event_id.isascii() and event_id.isdigit() and len(event_id) <= 18:
        return int(event_id)
    return None


def payload_type(payload: ChatPayload) -> str:
    """The payload's `type` (`"message"` when it has none, like an SSE event without a name)."""
    return payload.type or "message"


def payload_document(payload: ChatPayload) -> dict[str, object]:
    """The payload as JSON, exactly as the server sent it (unknown types and fields included)."""
    return payload.model_dump(mode="json", exclude_unset=True)


def is_request(payload: ChatPayload) -> bool:
    """Whether the agent waits for an answer to this payload (a permission request or a question,
    also one that did not fit its model)."""
    return payload.type in REQUEST_TYPES


def question_options(payload: ChatPayload) -> list[str]:
    """The answers a question offers (its `options`, when it sent a list of strings)."""
    options = getattr(payload, "options", None)
    if isinstance(options, list):
        return [str(option) for option in options if isinstance(option, (str, int, float))]
    return []


def _request_text(payload: ChatPayload) -> str:
    if isinstance(payload, PermissionRequestPayload):
        return f"permission requested: {payload.summary}"
    if isinstance(payload, AskUserQuestionPayload):
        options = question_options(payload)
        choices = f" ({' / '.join(options)})" if options else ""
        return f"question: {payload.question}{choices}"
    extra = payload.model_extra or {}  # a request that did not fit its model: show what it has
    name = extra.get("tool_name")
    if isinstance(name, str):  # summed up by the model's own `summary`, with the arguments it could read
        arguments = extra.get("input")
        fitted = PermissionRequestPayload.model_construct(
            tool_name=name, input=arguments if isinstance(arguments, dict) else {}
        )
        return f"permission requested: {fitted.summary}"
    question = extra.get("question")
    if isinstance(question, str):
        return f"question: {question}"
    return f"{payload.type}: {_compact(payload)}"


def request_prompt(payload: ChatPayload) -> str:
    """What to ask the person about a request of the agent, ending where their answer goes."""
    if payload.type == "ask_user_question":
        options = question_options(payload)
        if options:
            numbered = ", ".join(f"{i}={option}" for i, option in enumerate(options, 1))
            return f"Your answer ({numbered}): "
        return "Your answer: "
    return "Allow it? [y/n] "


def permission_answer(text: str) -> bool | None:
    """`y`/`yes` approves, `n`/`no` denies (any case); anything else is no answer (ask again)."""
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


def question_answer(text: str, options: list[str]) -> str | None:
    """The answer typed to a question: an option's number picks that option, other text is the
    answer as typed; nothing typed is no answer (ask again)."""
    answer = text.strip()
    if not answer:
        return None
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    return answer


def _compact(payload: ChatPayload | UnknownContentBlock) -> str:
    fields = {k: v for k, v in payload.model_dump(mode="json", exclude_unset=True).items() if k != "type"}
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=False, default=str, sort_keys=True)


def _seconds(duration_ms: int | None) -> str:
    return "" if duration_ms is None else f" ({duration_ms / 1000:.1f}s)"


class ChatView:
    """Turns chat payloads, one at a time, into what to print (see the module docstring).

    Args:
        echo_user: Show the user's messages (`tail` does; `send` and `chat` do not repeat what the
            person just typed).
        max_output_lines: Show at most this many lines of a tool's output (`None`: all of it).
    """

    def __init__(self, *, echo_user: bool = True, max_output_lines: int | None = None) -> None:
        self.echo_user = echo_user
        self.max_output_lines = max_output_lines
        self._streamed: str | None = None  # the paragraph being streamed, while it is open
        self._last_text = ""  # the last paragraph the assistant wrote (a result repeating it is not shown)

    @property
    def streaming(self) -> str:
        """The paragraph streamed so far and not closed yet (`""` when none is open)."""
        return self._streamed or ""

    def feed(self, payload: ChatPayload) -> list[Piece]:
        """The pieces one payload prints, in order."""
        if isinstance(payload, AssistantPayload):
            return self._assistant(payload)
        pieces = self.finish()
        if isinstance(payload, UserMessagePayload):
            if self.echo_user:
                pieces.append(_line(f"> {payload.text or ''}", STYLE_USER))
        elif isinstance(payload, ToolResultPayload):
            pieces += self._tool_output(payload)
        elif is_request(payload):
            pieces.append(_line(f"? {_request_text(payload)}", STYLE_REQUEST))
        elif isinstance(payload, PermissionResponsePayload):
            pieces.append(self._response(payload))
        elif isinstance(payload, ErrorPayload):
            pieces.append(_line(f"✗ error: {payload.error}", STYLE_FAIL))
        elif isinstance(payload, ResultPayload):
            pieces.append(self._result(payload))
        else:
            kind = payload.type if isinstance(payload, UnknownChatPayload) else type(payload).__name__
            pieces.append(_line(f"· {kind or 'event'} {_compact(payload)}", STYLE_QUIET))
        return pieces

    def finish(self) -> list[Piece]:
        """Close the paragraph being streamed, if one is open (before anything else is printed)."""
        if self._streamed is None:
            return []
        text, self._streamed = self._streamed, None
        self._last_text = text
        return [Piece("close", text)]

    def _assistant(self, payload: AssistantPayload) -> list[Piece]:
        if payload.delta:
            text = payload.text
            if not text:
                return []
            if self._streamed is None:
                self._streamed = ""
            self._streamed += text
            return [Piece("fragment", text)]
        pieces: list[Piece] = []
        streamed = self._streamed
        for block in payload.blocks:
            if isinstance(block, TextBlock):
                if streamed is not None:
                    pieces += self._complete(streamed, block.text)
                    streamed = None
                elif block.text:
                    pieces += self.finish()
                    self._last_text = block.text
                    pieces.append(_line(block.text))
            else:
                pieces += self.finish()
                streamed = None
                if isinstance(block, ToolUseBlock):
                    pieces.append(_line(f"⚙ {block.summary}", STYLE_TOOL))
                elif isinstance(block, ThinkingBlock):
                    pieces.append(_line(f"thinking: {block.thinking}", STYLE_THINKING))
                else:
                    pieces.append(_line(f"· {block.type or 'block'} {_compact(block)}", STYLE_QUIET))
        if not payload.blocks and payload.text:  # a plain `text` instead of blocks
            if streamed is not None:
                pieces += self._complete(streamed, payload.text)
            else:
                self._last_text = payload.text
                pieces.append(_line(payload.text))
        return pieces

    def _complete(self, streamed: str, text: str) -> list[Piece]:
        """The complete message of a streamed paragraph: the rest of it, then the paragraph closed."""
        if text.startswith(streamed):
            rest = text[len(streamed) :]
            if rest:
                self._streamed = text
                return [Piece("fragment", rest), *self.finish()]
            return self.finish()
        return [*self.finish(), _line(text)]

    def _tool_output(self, payload: ToolResultPayload) -> list[Piece]:
        lines = payload.text.rstrip("\n").splitlines() or ["(no output)"]
        shown = lines if self.max_output_lines is None else lines[: self.max_output_lines]
        more = len(lines) - len(shown)
        text = "\n".join(("  ↳ " if i == 0 else "    ") + line for i, line in enumerate(shown))
        if more:
            text += f"\n    … {more} more line{'s' if more > 1 else ''}"
        return [_line(text, STYLE_FAIL if payload.is_error else STYLE_OUTPUT)]

    def _response(self, payload: PermissionResponsePayload) -> Piece:
        answer = (payload.model_extra or {}).get("answer")
        if isinstance(answer, str):
            return _line(f"  answered: {answer}", STYLE_OK)
        decision = (payload.decision or "").lower()
        if decision in ("approve", "approved", "allow", "yes"):
            return _line("  approved", STYLE_OK)
        if decision in ("deny", "denied", "reject", "no"):
            return _line("  denied", STYLE_FAIL)
        return _line(f"  answered: {payload.decision}", STYLE_QUIET)

    def _result(self, payload: ResultPayload) -> Piece:
        said = (
            payload.result if payload.result and payload.result.strip() != self._last_text.strip() else None
        )
        seconds = _seconds(payload.duration_ms)
        if payload.is_error:
            how = payload.subtype or "error"
            return _line(f"✗ {how}{': ' + said if said else ''}{seconds}", STYLE_FAIL)
        how = payload.subtype or "done"
        return _line(f"✓ {how}{': ' + said if said else ''}{seconds}", STYLE_OK)
