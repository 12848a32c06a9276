"""The typed chat payloads (`anyframe.models._chat`), from plain decoded JSON.

Contracts pinned here:

- Every known `type` parses into its model, with the shapes of the contract (§9.3, and the local
  plane's): blocks under `message.content` or `content`, `delta` fragments, tool calls and results,
  permission requests and responses, questions, results, `_error`.
- Nothing raises and nothing is lost: an unknown `type`, a payload of a known type that does not fit
  its model, a payload without `type`, one that is not a JSON object, and an unknown or off-shape
  content block are kept whole (`UnknownChatPayload` / `UnknownContentBlock`, every field an extra),
  and serialising them back gives what was sent, without warnings.
- Helpers: `AssistantPayload.text` (text blocks, or a plain `text`), `.tool_uses`, `.thinking`,
  `.blocks`; `ToolResultPayload.text`; the one-line `summary` of tool calls and permission requests.
- The accessors: `SSEEvent.payload()`, `ChatEvent.typed_payload()` (its `payload` stays the wire dict,
  `kind`/`data` as 1.x read them), `AttentionPendingItem.typed_payload()`.
- `TurnResult.from_events` sums a turn up: the result, the tool calls of complete messages (not
  fragments), the requests, questions and errors, `is_error`.
- `SSEEvent.payload()` imports the models only when called: a streaming process that never asks
  never loads pydantic.
"""

from __future__ import annotations

import subprocess
import sys
import warnings

import pytest

import anyframe
from anyframe import (
    AskUserQuestionPayload,
    AssistantPayload,
    ChatEvent,
    ErrorPayload,
    PermissionRequestPayload,
    PermissionResponsePayload,
    ResultPayload,
    SSEEvent,
    TextBlock,
    ThinkingBlock,
    ToolResultPayload,
    ToolUseBlock,
    TurnResult,
    UnknownChatPayload,
    UnknownContentBlock,
    UserMessagePayload,
    parse_chat_payload,
)
from anyframe.models import AttentionPendingItem

TOOL_USE = {"type": "tool_use", "id": "toolu_1", "name": "Bash", "input": {"command": "ls"}}


def _assistant(*blocks: object, delta: bool = False) -> dict[str, object]:
    payload: dict[str, object] = {
        "type": "assistant",
        "message": {"role": "assistant", "content": list(blocks)},
    }
    if delta:
        payload["delta"] = True
    return payload


@pytest.mark.parametrize(
    ("payload", "model"),
    [
        ({"type": "user_message", "text": "hi"}, UserMessagePayload),
        ({"type": "user_message"}, UserMessagePayload),
        (_assistant({"type": "text", "text": "hi"}), AssistantPayload),
        ({"type": "assistant", "content": [{"type": "text", "text": "hi"}]}, AssistantPayload),
        (
            {"type": "tool_result", "tool_use_id": "toolu_1", "content": "ok", "is_error": False},
            ToolResultPayload,
        ),
        ({"type": "permission_request", "request_id": "r-1", "tool_name": "Bash"}, PermissionRequestPayload),
        (
            {"type": "permission_response", "request_id": "r-1", "decision": "approve"},
            PermissionResponsePayload,
        ),
        ({"type": "ask_user_question", "question": "Which branch?"}, AskUserQuestionPayload),
        ({"type": "result", "subtype": "success", "result": "All done."}, ResultPayload),
        ({"type": "_error", "error": "boom"}, ErrorPayload),
    ],
)
def test_each_known_type_parses_into_its_model(payload: dict[str, object], model: type) -> None:
    parsed = parse_chat_payload(payload)
    assert type(parsed) is model
    assert parsed.type == payload["type"]
    assert parsed.model_dump(exclude_unset=True) == payload


def test_an_assistant_message_reads_its_blocks_wherever_they_are() -> None:
    thinking = {"type": "thinking", "thinking": "look first", "signature": "sig"}
    payload = parse_chat_payload(_assistant(thinking, {"type": "text", "text": "Sure, "}, TOOL_USE,
                                            {"type": "text", "text": "here."}))  # fmt: skip
    assert isinstance(payload, AssistantPayload)
    assert [type(b) for b in payload.blocks] == [ThinkingBlock, TextBlock, ToolUseBlock, TextBlock]
    assert payload.text == "Sure, here."
    assert payload.thinking == "look first"
    assert payload.tool_uses == [
        ToolUseBlock(type="tool_use", id="toolu_1", name="Bash", input={"command": "ls"})
    ]
    assert payload.blocks[0].signature == "sig"  # type: ignore[union-attr]  # an extra field, kept
    assert not payload.delta

    top_level = parse_chat_payload({"type": "assistant", "content": [{"type": "text", "text": "hi"}]})
    assert isinstance(top_level, AssistantPayload)
    assert top_level.text == "hi"


def test_a_fragment_is_marked_and_its_text_is_the_piece() -> None:
    payload = parse_chat_payload(_assistant({"type": "text", "text": "Hel"}, delta=True))
    assert isinstance(payload, AssistantPayload)
    assert payload.delta
    assert payload.text == "Hel"


def test_a_plain_text_assistant_payload_gives_its_text() -> None:
    # The shape of the 1.x fixtures: `{"text": "hi"}` rather than content blocks.
    payload = parse_chat_payload({"type": "assistant", "text": "hi"})
    assert isinstance(payload, AssistantPayload)
    assert (payload.text, payload.blocks) == ("hi", [])


def test_unknown_and_off_shape_blocks_are_kept_whole_without_losing_the_rest() -> None:
    image = {"type": "image", "source": {"type": "base64", "data": "iVBOR"}}
    broken = {"type": "text"}  # no `text`
    payload = parse_chat_payload(_assistant({"type": "text", "text": "a"}, image, broken, "not a block"))
    assert isinstance(payload, AssistantPayload)
    blocks = payload.blocks
    assert [type(b) for b in blocks] == [
        TextBlock,
        UnknownContentBlock,
        UnknownContentBlock,
        UnknownContentBlock,
    ]
    assert isinstance(blocks[1], UnknownContentBlock)
    assert (blocks[1].type, blocks[1].model_extra) == ("image", image)
    assert blocks[2].type == "text"
    assert blocks[3].type is None
    assert blocks[3].model_dump() == {"value": "not a block"}
    assert payload.text == "a"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the serializer must not warn about the kept blocks
        dumped = payload.model_dump(exclude_unset=True)
    assert dumped["message"]["content"][1:3] == [image, broken]


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "rate_limit_event", "retry_in": 3, "nested": {"a": [1, 2]}},
        {"type": "system", "subtype": "init"},
        {"no_type": True},
        {"type": 7, "odd": True},
        {"type": "result", "result": {"not": "a string"}},  # a known type that does not fit its model
        {"type": "permission_request"},  # lacks `tool_name`
        {"type": "assistant", "message": "not an object"},
        {},
    ],
)
def test_anything_else_is_kept_whole_as_an_unknown_payload(payload: dict[str, object]) -> None:
    parsed = parse_chat_payload(payload)
    assert type(parsed) is UnknownChatPayload
    kind = payload.get("type")
    assert parsed.type == (kind if isinstance(kind, str) else None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parsed.model_dump() == payload
        assert parsed.model_dump_json()
    for key, value in payload.items():
        if key.isidentifier() and key != "type":
            assert getattr(parsed, key) == value


@pytest.mark.parametrize("value", [[1, 2], "text", 42, None, True])
def test_a_payload_that_is_not_an_object_is_kept_under_value(value: object) -> None:
    parsed = parse_chat_payload(value)
    assert type(parsed) is UnknownChatPayload
    assert parsed.type is None
    assert parsed.model_dump() == {"value": value}


def test_tool_results_read_as_text() -> None:
    assert parse_chat_payload({"type": "tool_result", "content": "a\nb"}).text == "a\nb"  # type: ignore[union-attr]
    blocks = {"type": "tool_result", "content": [{"type": "text", "text": "a"}, {"type": "image"},
                                                  {"type": "text", "text": "b"}]}  # fmt: skip
    assert parse_chat_payload(blocks).text == "a\nb"  # type: ignore[union-attr]
    assert parse_chat_payload({"type": "tool_result"}).text == ""  # type: ignore[union-attr]


def test_tool_calls_and_permission_requests_summarise_on_one_line() -> None:
    request = parse_chat_payload(
        {"type": "permission_request", "request_id": "r-1", "tool_name": "Bash", "tool_use_id": "toolu_2",
         "input": {"command": "rm -rf ./build"}}
    )  # fmt: skip
    assert isinstance(request, PermissionRequestPayload)
    assert request.summary == "Bash(command=rm -rf ./build)"
    assert (request.request_id, request.tool_use_id) == ("r-1", "toolu_2")
    assert ToolUseBlock.model_validate(TOOL_USE).summary == "Bash(command=ls)"


def test_an_sse_event_gives_its_typed_payload() -> None:
    event = SSEEvent('{"type": "result", "subtype": "success"}', event="result", id="9")
    payload = event.payload()
    assert isinstance(payload, ResultPayload)
    assert payload.subtype == "success"
    assert SSEEvent("not json").payload().model_dump() == {"value": "not json"}
    assert SSEEvent("").payload().model_dump() == {"value": None}


def test_a_transcript_row_keeps_its_wire_payload_and_gives_a_typed_one() -> None:
    wire = {"type": "ask_user_question", "request_id": "q-1", "question": "Which?", "options": ["a", "b"]}
    row = ChatEvent.model_validate({"seq": 3, "payload": wire, "created_at": "2025-01-01T00:00:00Z"})
    assert row.payload == wire  # 1.x reads stay as they were
    assert (row.kind, row.data) == ("ask_user_question", wire)
    typed = row.typed_payload()
    assert isinstance(typed, AskUserQuestionPayload)
    assert (typed.question, typed.request_id) == ("Which?", "q-1")
    assert typed.model_extra == {"options": ["a", "b"]}


def test_a_pending_attention_item_gives_its_typed_request() -> None:
    item = AttentionPendingItem.model_validate(
        {"kind": "pending", "session_id": "s", "agent_id": 7, "agent_name": "demo", "session_status": "running",
         "seq": 42, "payload": {"type": "permission_request", "request_id": "r-1", "tool_name": "Bash"},
         "at": "2025-01-01T00:00:00Z"}
    )  # fmt: skip
    typed = item.typed_payload()
    assert isinstance(typed, PermissionRequestPayload)
    assert typed.request_id == "r-1"


def test_a_turn_result_sums_up_the_turn() -> None:
    events = [
        parse_chat_payload(p)
        for p in [
            {"type": "user_message", "text": "go"},
            _assistant({"type": "text", "text": "Sure"}, TOOL_USE, delta=True),  # a fragment: not counted
            _assistant({"type": "text", "text": "Sure"}, TOOL_USE),
            {"type": "permission_request", "request_id": "r-1", "tool_name": "Bash"},
            {"type": "ask_user_question", "question": "Which?"},
            {"type": "_error", "error": "boom"},
            {"type": "result", "subtype": "success", "is_error": False},
        ]
    ]
    result = TurnResult.from_events(events, text="Sure", last_seq=12)

    assert result.text == "Sure"
    assert result.last_seq == 12
    assert result.result is events[-1]
    assert [use.id for use in result.tool_uses] == ["toolu_1"]
    assert result.permission_requests == [events[3]]
    assert result.questions == [events[4]]
    assert result.errors == [events[5]]
    assert result.is_error  # the `_error`
    assert result.events == events
    assert "events=" not in repr(result)


def test_a_turn_result_is_an_error_when_its_result_says_so() -> None:
    failed = TurnResult.from_events(
        [parse_chat_payload({"type": "result", "is_error": True})], text="", last_seq=1
    )
    ok = TurnResult.from_events([parse_chat_payload({"type": "result"})], text="", last_seq=1)
    kept = TurnResult.from_events([parse_chat_payload({"type": "result", "result": 5})], text="", last_seq=1)
    assert failed.is_error
    assert not ok.is_error
    assert kept.result is None  # did not fit: it is the last event, kept whole
    assert isinstance(kept.events[-1], UnknownChatPayload)


def test_typed_payloads_are_exported_from_anyframe_and_anyframe_models() -> None:
    assert anyframe.ChatPayload is anyframe.models.ChatPayload
    assert anyframe.parse_chat_payload is anyframe.models.parse_chat_payload


def test_asking_an_event_for_its_payload_is_what_loads_the_models() -> None:
    code = (
        "import sys\n"
        "from anyframe._core.sse import SSEDecoder\n"
        '[event] = SSEDecoder().feed(b\'id: 1\\ndata: {"type": "result"}\\n\\n\')\n'
        "event.json()\n"
        "before = 'pydantic' in sys.modules\n"
        "kind = type(event.payload()).__name__\n"
        "print(before, kind, 'pydantic' in sys.modules)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert output.stdout.split() == ["False", "ResultPayload", "True"]
