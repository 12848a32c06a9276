"""Chat payloads: what each chat event carries, typed, and what a whole turn of the agent adds up to.

A chat event's payload (a transcript row's `payload`, an event stream frame's data) is one of the
[`ChatPayload`][anyframe.models.ChatPayload] models, chosen by its `type`. The set is open: a payload
of a type this SDK does not know, or one that does not fit its model (a field of an unexpected
type), is kept whole as an [`UnknownChatPayload`][anyframe.models.UnknownChatPayload], and a content
block likewise as an [`UnknownContentBlock`][anyframe.models.UnknownContentBlock]: parsing a payload
never raises, and nothing the server sent is lost (`model_dump(exclude_unset=True)` gives it back).

```python
payload = event.payload()                 # from af.sessions.events(); row.typed_payload() for rows
match payload:
    case AssistantPayload():
        print(payload.text, end="")
    case PermissionRequestPayload():
        print("the agent asks to run", payload.summary)
    case ResultPayload():
        print("done:", payload.result)
```
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, TypeAlias, TypeVar

from pydantic import Discriminator, Field, Tag, TypeAdapter, ValidationError, WrapValidator
from pydantic_core.core_schema import ValidatorFunctionWrapHandler

from .._core.turns import tool_summary
from ._base import AnyFrameModel, _empty_dict, _empty_list

__all__ = [
    "AskUserQuestionPayload",
    "AssistantMessage",
    "AssistantPayload",
    "ChatPayload",
    "ContentBlock",
    "ErrorPayload",
    "PermissionRequestPayload",
    "PermissionResponsePayload",
    "ResultPayload",
    "TextBlock",
    "ThinkingBlock",
    "ToolResultPayload",
    "ToolUseBlock",
    "TurnResult",
    "UnknownChatPayload",
    "UnknownContentBlock",
    "UserMessagePayload",
    "parse_chat_payload",
]

_K = TypeVar("_K", bound=AnyFrameModel)

_OTHER = "~other"  # not a valid type on the wire, so it cannot collide with a real one


class _KeptWhole(AnyFrameModel):
    """What the unknown payload and the unknown block share: no declared field, everything kept."""

    @property
    def type(self) -> str | None:
        """The `type` the server sent, or `None` when it sent none (or not a string)."""
        kind = (self.model_extra or {}).get("type")
        return kind if isinstance(kind, str) else None


def _kept_whole(cls: type[_K], value: object) -> _K:
    # Built without validation, so that nothing can fail: every key becomes an extra field. A value
    # that is not a JSON object (an array, a string, undecodable data) is kept under `value`.
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return cls.model_construct(**value)
    return cls.model_construct(value=value)


def _tagger(tags: dict[str, type[AnyFrameModel]]) -> Discriminator:
    classes: dict[type, str] = {cls: tag for tag, cls in tags.items()}

    def tag(value: object) -> str:
        if isinstance(value, dict):  # validating: the wire `type`
            kind = value.get("type")
            return kind if isinstance(kind, str) and kind in tags else _OTHER
        return classes.get(type(value), _OTHER)  # serializing: the model the value already is

    return Discriminator(tag)


def _keep(cls: type[_KeptWhole]) -> WrapValidator:
    def validate(value: object, handler: ValidatorFunctionWrapHandler) -> object:
        try:
            return handler(value)
        except ValidationError:
            return _kept_whole(cls, value)

    return WrapValidator(validate)


# --- content blocks ---


class TextBlock(AnyFrameModel):
    """Text the agent writes to the user."""

    type: Literal["text"]
    """Always `"text"`."""
    text: str
    """The text."""


class ToolUseBlock(AnyFrameModel):
    """A tool call of the agent; the [`ToolResultPayload`][anyframe.models.ToolResultPayload] that
    answers it carries its `id` as `tool_use_id`."""

    type: Literal["tool_use"]
    """Always `"tool_use"`."""
    id: str
    """The call's id, e.g. `"toolu_01..."`."""
    name: str
    """The tool, e.g. `"Bash"`."""
    input: dict[str, object] = Field(default_factory=_empty_dict)
    """The tool's arguments, e.g. `{"command": "ls"}`."""

    @property
    def summary(self) -> str:
        """The call on one line, e.g. `Bash(command=ls -la)` (at most 120 characters)."""
        return tool_summary(self.name, self.input)


class ThinkingBlock(AnyFrameModel):
    """The agent's reasoning, shown apart from its text."""

    type: Literal["thinking"]
    """Always `"thinking"`."""
    thinking: str
    """The reasoning text."""


class UnknownContentBlock(_KeptWhole):
    """A content block of a type this SDK does not know (or that does not fit its model), kept whole:
    its fields are extra attributes, and `model_dump()` returns it as sent."""


ContentBlock: TypeAlias = Annotated[
    Annotated[TextBlock, Tag("text")]
    | Annotated[ToolUseBlock, Tag("tool_use")]
    | Annotated[ThinkingBlock, Tag("thinking")]
    | Annotated[UnknownContentBlock, Tag(_OTHER)],
    _tagger({"text": TextBlock, "tool_use": ToolUseBlock, "thinking": ThinkingBlock}),
    _keep(UnknownContentBlock),
]
"""One block of an assistant message: [`TextBlock`][anyframe.models.TextBlock],
[`ToolUseBlock`][anyframe.models.ToolUseBlock], [`ThinkingBlock`][anyframe.models.ThinkingBlock], or
[`UnknownContentBlock`][anyframe.models.UnknownContentBlock] for anything else."""


# --- payloads ---


class UserMessagePayload(AnyFrameModel):
    """A message sent to the agent (by you, the web UI or another client), as the chat records it."""

    type: Literal["user_message"]
    """Always `"user_message"`."""
    text: str | None = None
    """The message's text."""


class AssistantMessage(AnyFrameModel):
    """The coding agent's own message object, inside an [`AssistantPayload`][anyframe.models.AssistantPayload]."""

    role: str | None = None
    """`"assistant"`."""
    content: list[ContentBlock] = Field(default_factory=_empty_list)
    """The content blocks."""


class AssistantPayload(AnyFrameModel):
    """A message of the agent: text, tool calls and reasoning, as content blocks.

    The blocks sit under `message.content` (the coding agent's message object) or `content`;
    [`blocks`][anyframe.models.AssistantPayload.blocks] reads either. With `delta` set the payload is
    a streaming fragment: its `text` is the next piece of a message, and the complete message follows.
    """

    type: Literal["assistant"]
    """Always `"assistant"`."""
    message: AssistantMessage | None = None
    """The coding agent's message object, holding the blocks."""
    content: list[ContentBlock] | None = None
    """The blocks, when they are not under `message`."""
    delta: bool = False
    """`True` for a streaming fragment of a message."""

    @property
    def blocks(self) -> list[ContentBlock]:
        """The content blocks, wherever the payload holds them."""
        if self.message is not None and self.message.content:
            return self.message.content
        return self.content or []

    @property
    def text(self) -> str:
        """The text of the message's text blocks, concatenated (for a fragment, the new piece).

        A payload that carries a plain `text` string instead of blocks gives that string.
        """
        text = "".join(block.text for block in self.blocks if isinstance(block, TextBlock))
        if not text:
            plain = (self.model_extra or {}).get("text")
            if isinstance(plain, str):
                return plain
        return text

    @property
    def tool_uses(self) -> list[ToolUseBlock]:
        """The message's tool calls."""
        return [block for block in self.blocks if isinstance(block, ToolUseBlock)]

    @property
    def thinking(self) -> str:
        """The text of the message's thinking blocks, concatenated."""
        return "".join(block.thinking for block in self.blocks if isinstance(block, ThinkingBlock))


class ToolResultPayload(AnyFrameModel):
    """What a tool call returned."""

    type: Literal["tool_result"]
    """Always `"tool_result"`."""
    tool_use_id: str | None = None
    """The `id` of the [`ToolUseBlock`][anyframe.models.ToolUseBlock] it answers."""
    content: str | list[dict[str, object]] | None = None
    """The output: text, or content blocks such as `{"type": "text", "text": ...}`."""
    is_error: bool = False
    """`True` when the tool failed (or was refused)."""

    @property
    def text(self) -> str:
        """The output as text: the string, or the text of its text blocks, one per line."""
        content = self.content
        if isinstance(content, str):
            return content
        if content is None:
            return ""
        return "\n".join(
            text
            for block in content
            if block.get("type") == "text" and isinstance(text := block.get("text"), str)
        )


class PermissionRequestPayload(AnyFrameModel):
    """The agent asks to run a tool and waits for the answer.

    Answer it with `turn.respond(approve=...)` during a [turn][anyframe.Turn], or with
    `af.sessions.respond(session_id, {"request_id": ..., "decision": "approve"})`.
    """

    type: Literal["permission_request"]
    """Always `"permission_request"`."""
    request_id: str | None = None
    """What the answer quotes (pending attention items carry it too)."""
    tool_name: str
    """The tool, e.g. `"Bash"`."""
    tool_use_id: str | None = None
    """The `id` of the tool call waiting for permission."""
    input: dict[str, object] = Field(default_factory=_empty_dict)
    """The tool's arguments."""

    @property
    def summary(self) -> str:
        """What the agent asks to run, on one line: `Bash(command=rm -rf ./build)`."""
        return tool_summary(self.tool_name, self.input)


class PermissionResponsePayload(AnyFrameModel):
    """The answer a permission request (or a question) got, as the chat records it."""

    type: Literal["permission_response"]
    """Always `"permission_response"`."""
    request_id: str | None = None
    """The request it answers."""
    decision: str | None = None
    """E.g. `"approve"` or `"deny"`."""


class AskUserQuestionPayload(AnyFrameModel):
    """The agent asks the user a question and waits for the answer.

    Answer it with `turn.respond(answer="...")` during a [turn][anyframe.Turn].
    """

    type: Literal["ask_user_question"]
    """Always `"ask_user_question"`."""
    request_id: str | None = None
    """What the answer quotes."""
    question: str
    """The question."""


class ResultPayload(AnyFrameModel):
    """The end of a turn of the agent."""

    type: Literal["result"]
    """Always `"result"`."""
    subtype: str | None = None
    """How the turn ended, e.g. `"success"` or `"error_during_execution"`."""
    is_error: bool = False
    """`True` when the turn failed."""
    result: str | None = None
    """The agent's final answer."""
    duration_ms: int | None = None
    """How long the turn took."""
    num_turns: int | None = None
    """How many model turns the agent took."""


class ErrorPayload(AnyFrameModel):
    """An error of the chat bridge or of the agent (type `_error`); the turn still ends with a `result`."""

    type: Literal["_error"]
    """Always `"_error"`."""
    error: str
    """What went wrong."""


class UnknownChatPayload(_KeptWhole):
    """A chat payload of a type this SDK does not know, or that does not fit its model, kept whole.

    Its fields are extra attributes (`payload.model_extra`), `model_dump()` returns it as sent, and
    `type` is the `type` it had. Data that was not a JSON object is kept under `value`.
    """


ChatPayload: TypeAlias = Annotated[
    Annotated[UserMessagePayload, Tag("user_message")]
    | Annotated[AssistantPayload, Tag("assistant")]
    | Annotated[ToolResultPayload, Tag("tool_result")]
    | Annotated[PermissionRequestPayload, Tag("permission_request")]
    | Annotated[PermissionResponsePayload, Tag("permission_response")]
    | Annotated[AskUserQuestionPayload, Tag("ask_user_question")]
    | Annotated[ResultPayload, Tag("result")]
    | Annotated[ErrorPayload, Tag("_error")]
    | Annotated[UnknownChatPayload, Tag(_OTHER)],
    _tagger(
        {
            "user_message": UserMessagePayload,
            "assistant": AssistantPayload,
            "tool_result": ToolResultPayload,
            "permission_request": PermissionRequestPayload,
            "permission_response": PermissionResponsePayload,
            "ask_user_question": AskUserQuestionPayload,
            "result": ResultPayload,
            "_error": ErrorPayload,
        }
    ),
    _keep(UnknownChatPayload),
]
"""A chat payload, typed by its `type`: one of the `*Payload` models of this module, or
[`UnknownChatPayload`][anyframe.models.UnknownChatPayload] for anything else. Match on the class."""


@functools.cache
def _adapter() -> TypeAdapter[Any]:
    return TypeAdapter(ChatPayload)


def parse_chat_payload(payload: object) -> ChatPayload:
    """Type one chat payload (a transcript row's `payload`, an event's decoded data). Never raises.

    Example:
        ```python
        payload = parse_chat_payload({"type": "result", "subtype": "success", "result": "All done."})
        assert isinstance(payload, ResultPayload) and payload.result == "All done."
        ```

    Args:
        payload: The decoded payload, normally a dict with a `type` key.

    Returns:
        The model for its `type`, or an [`UnknownChatPayload`][anyframe.models.UnknownChatPayload]
        holding it whole when the type is unknown, the payload does not fit the model, or it is not a
        JSON object at all (then under `value`).
    """
    result: ChatPayload = _adapter().validate_python(payload)
    return result


# --- a whole turn ---


@dataclass(frozen=True)
class TurnResult:
    """What a turn of the agent added up to, returned by `turn.wait()`.

    Example:
        ```python
        result = af.sessions.turn(session.id, "list the files").wait()
        print(result.text)
        print([use.summary for use in result.tool_uses], result.is_error)
        ```
    """

    text: str
    """Everything the assistant wrote, one paragraph per message (streamed fragments joined)."""
    result: ResultPayload | None
    """The turn's final `result` payload (`None` only if it did not fit its model: then it is the
    last of `events`, as an `UnknownChatPayload`)."""
    tool_uses: list[ToolUseBlock]
    """The tool calls of the agent, in order."""
    permission_requests: list[PermissionRequestPayload]
    """The permission requests of the turn, in order (answered, or the turn would not be over)."""
    questions: list[AskUserQuestionPayload]
    """The questions the agent asked."""
    errors: list[ErrorPayload]
    """The `_error` payloads of the turn."""
    last_seq: int
    """The `seq` of the last event seen: pass it as `since=` to the next turn."""
    events: list[ChatPayload] = field(repr=False)
    """Every payload of the turn, in order, from its user message to its `result`."""

    @property
    def is_error(self) -> bool:
        """Whether the turn failed: its `result` says so, or it had an `_error`."""
        return bool(self.errors) or (self.result is not None and self.result.is_error)

    @classmethod
    def from_events(cls, events: list[ChatPayload], *, text: str, last_seq: int) -> TurnResult:
        """Sum up the payloads of a finished turn.

        Args:
            events: The turn's payloads, in order.
            text: The assistant's text, as the turn accumulated it.
            last_seq: The `seq` of the last event seen.

        Returns:
            The [`TurnResult`][anyframe.models.TurnResult].
        """
        complete = [e for e in events if isinstance(e, AssistantPayload) and not e.delta]
        return cls(
            text=text,
            result=next((e for e in reversed(events) if isinstance(e, ResultPayload)), None),
            tool_uses=[use for message in complete for use in message.tool_uses],
            permission_requests=[e for e in events if isinstance(e, PermissionRequestPayload)],
            questions=[e for e in events if isinstance(e, AskUserQuestionPayload)],
            errors=[e for e in events if isinstance(e, ErrorPayload)],
            last_seq=last_seq,
            events=events,
        )
