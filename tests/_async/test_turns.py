"""Wire tests of chat turns and the auto-paging transcript (`af.sessions.turn`, `iter_transcript`).

Contracts pinned here:

- `turn(id, text)` reads the high-water mark from the transcript (`since=0&limit=5000`, paging on
  while pages are full), then sends `{"prompt": text}` (a dict is sent verbatim), then, when
  iterated, opens the event stream with `Last-Event-ID` = the mark; with `since=` no transcript is
  read. The ack's body is free-form: without a `seq` the turn still works.
- Iterating yields the typed payloads of the turn only: history the server replays anyway is dropped,
  so is an earlier turn's tail when the ack names the message's `seq`; it stops after the `result`
  and closes the stream; `result` is then the `TurnResult`; an unknown payload type passes through
  whole; empty frames are skipped.
- A stream the server ends before the `result` is reopened from `last_seq` while the session runs, and
  ends the turn with `SessionEndedError` once the session has stopped; a deadline already passed
  raises `TurnTimeoutError` (a `TimeoutError`) carrying `last_seq`.
- `respond()` answers the pending request with its ids and the decision (and `answer`); with nothing
  pending it raises `InvalidArgumentError` and sends nothing; `wait(on_request=...)` answers as the
  callback says; `text_stream()` yields the text pieces once each.
- The per-call options given to `turn()` go on every request of the turn (the transcript pages of
  the mark, the message, each stream connection, the session reads, `respond()`); `turn.respond()`'s
  own options go on top (headers and query merged key by key, its `timeout` its own).
- Bad input (`message`, `timeout`, `since`, `page_size`, a callback that is not one, an invalid
  option, `extra_body` on a turn or a transcript) raises before anything is sent.
- `iter_transcript` pages with `since` = the last `seq` of the page before and `limit` = `page_size`,
  and stops at a short page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx
import pytest
import respx

from anyframe import (
    AssistantPayload,
    AsyncAnyFrame,
    InvalidArgumentError,
    PermissionRequestPayload,
    ResultPayload,
    SessionEndedError,
    TurnTimeoutError,
    UnknownChatPayload,
    UserMessagePayload,
)

from .wire import SID, TS, session

BASE = f"/api/sessions/{SID}"


def _row(seq: int, payload: Mapping[str, object]) -> dict[str, object]:
    return {"seq": seq, "payload": payload, "created_at": TS}


def _sse(*events: tuple[int, Mapping[str, object]]) -> httpx.Response:
    body = "".join(f"id: {seq}\nevent: {p.get('type')}\ndata: {json.dumps(p)}\n\n" for seq, p in events)
    return httpx.Response(200, content=body.encode(), headers={"content-type": "text/event-stream"})


def _text(text: str) -> dict[str, object]:
    return {
        "type": "assistant",
        "message": {"role": "assistant", "content": [{"type": "text", "text": text}]},
    }


USER: dict[str, object] = {"type": "user_message", "text": "list files"}
RESULT: dict[str, object] = {"type": "result", "subtype": "success", "result": "All done."}


def _fragment(text: str) -> dict[str, object]:
    return {**_text(text), "delta": True}


@pytest.mark.anyio
async def test_a_turn_reads_the_mark_sends_the_message_and_follows_from_the_mark(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    transcript = api.get(f"{BASE}/transcript").respond(200, json=[_row(1, USER), _row(2, RESULT)])
    message = api.post(f"{BASE}/message").respond(200, json={"ok": True})  # no seq: free-form
    events = api.get(f"{BASE}/events").mock(
        return_value=_sse((2, RESULT), (3, USER), (4, _text("Sure.")), (5, RESULT), (6, USER))
    )

    turn = await af.sessions.turn(SID, "list files")
    assert transcript.calls.last.request.url.params == httpx.QueryParams({"since": "0", "limit": "5000"})
    assert json.loads(message.calls.last.request.content) == {"prompt": "list files"}
    assert events.call_count == 0  # the stream opens when iteration starts
    assert (turn.since, turn.last_seq, turn.ack, turn.done) == (2, 2, {"ok": True}, False)

    payloads = [payload async for payload in turn]

    assert [type(p) for p in payloads] == [UserMessagePayload, AssistantPayload, ResultPayload]
    assert events.calls.last.request.headers["last-event-id"] == "2"
    assert turn.done
    assert turn.last_seq == 5
    assert turn.result is not None
    assert turn.result.text == "Sure."
    assert turn.result.result == payloads[-1]
    assert turn.result.events == payloads
    assert events.call_count == 1


@pytest.mark.anyio
async def test_the_mark_is_read_across_full_transcript_pages(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    full = [_row(seq, USER) for seq in range(1, 5001)]
    transcript = api.get(f"{BASE}/transcript").mock(
        side_effect=[httpx.Response(200, json=full), httpx.Response(200, json=[_row(5001, RESULT)])]
    )
    api.post(f"{BASE}/message").respond(200, json={"ok": True})

    turn = await af.sessions.turn(SID, "hi")

    assert turn.since == 5001
    assert [call.request.url.params["since"] for call in transcript.calls] == ["0", "5000"]


@pytest.mark.anyio
async def test_since_skips_the_transcript_and_a_dict_message_is_sent_verbatim(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    message = api.post(f"{BASE}/message").respond(200, json={"ok": True, "seq": 8})
    events = api.get(f"{BASE}/events").mock(return_value=_sse((8, USER), (9, RESULT)))
    body = {
        "text": "hello",
        "attachments": [{"kind": "text", "name": "a.txt", "mime": "text/plain", "text": "x"}],
    }

    turn = await af.sessions.turn(SID, body, since=7)
    result = await turn.wait()

    assert json.loads(message.calls.last.request.content) == body
    assert events.calls.last.request.headers["last-event-id"] == "7"
    assert result.last_seq == 9
    assert len(result.events) == 2


@pytest.mark.anyio
async def test_the_ack_seq_drops_an_earlier_turns_tail(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.post(f"{BASE}/message").respond(200, json={"ok": True, "seq": 5})
    api.get(f"{BASE}/events").mock(
        return_value=_sse((4, _text("earlier turn")), (5, USER), (6, _text("mine")), (7, RESULT))
    )
    # Without the ack's seq the earlier turn's text would be this turn's (see the core tests).
    turn = await af.sessions.turn(SID, "list files", since=3)
    result = await turn.wait()
    assert result.text == "mine"
    assert [type(e) for e in result.events] == [UserMessagePayload, AssistantPayload, ResultPayload]


@pytest.mark.anyio
async def test_an_unknown_payload_type_passes_through_whole_and_empty_frames_are_skipped(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post(f"{BASE}/message").respond(200, json={"ok": True})
    novel = {"type": "rate_limit_event", "retry_in": 3, "detail": {"tier": "pro"}}
    body = (
        f"id: 1\ndata: {json.dumps(USER)}\n\nevent: keepalive\ndata:\n\nid: 2\ndata: {json.dumps(novel)}\n\n"
        f"id: 3\ndata: {json.dumps(RESULT)}\n\n"
    )
    api.get(f"{BASE}/events").mock(
        return_value=httpx.Response(200, content=body.encode(), headers={"content-type": "text/event-stream"})
    )

    payloads = [p async for p in await af.sessions.turn(SID, "hi", since=0)]

    assert [type(p) for p in payloads] == [UserMessagePayload, UnknownChatPayload, ResultPayload]
    assert payloads[1].type == "rate_limit_event"
    assert payloads[1].model_dump() == novel


@pytest.mark.anyio
async def test_a_pending_permission_request_is_answered_with_its_ids(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post(f"{BASE}/message").respond(200, json={"ok": True})
    request = {"type": "permission_request", "request_id": "r-1", "tool_name": "Bash", "tool_use_id": "toolu_9",
               "input": {"command": "rm -rf ./build"}}  # fmt: skip
    api.get(f"{BASE}/events").mock(
        return_value=_sse(
            (1, USER), (2, request), (3, {"type": "permission_response", "request_id": "r-1"}), (4, RESULT)
        )
    )
    respond = api.post(f"{BASE}/respond").respond(200, json={"ok": True})

    turn = await af.sessions.turn(SID, "clean up", since=0)
    with pytest.raises(InvalidArgumentError, match="nothing to respond to"):
        await turn.respond()
    pending = []
    async for payload in turn:
        pending.append(turn.pending is not None)
        if isinstance(payload, PermissionRequestPayload):
            assert turn.pending is payload
            assert await turn.respond(approve=False) == {"ok": True}
            assert turn.pending is None

    assert respond.call_count == 1
    assert json.loads(respond.calls.last.request.content) == {
        "request_id": "r-1",
        "tool_use_id": "toolu_9",
        "decision": "deny",
    }
    assert pending == [False, True, False, False]
    assert turn.result is not None
    assert turn.result.permission_requests == [turn.result.events[1]]


@pytest.mark.anyio
async def test_wait_answers_requests_as_on_request_says(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.post(f"{BASE}/message").respond(200, json={"ok": True})
    question = {"type": "ask_user_question", "request_id": "q-1", "question": "Which folder?"}
    api.get(f"{BASE}/events").mock(return_value=_sse((1, question), (2, RESULT)))
    respond = api.post(f"{BASE}/respond").respond(200, json={"ok": True})
    asked = []

    def on_request(payload: object) -> str:
        asked.append(payload)
        return "src"

    result = await (await af.sessions.turn(SID, "look around", since=0)).wait(on_request=on_request)

    assert asked == [result.questions[0]]
    assert json.loads(respond.calls.last.request.content) == {
        "request_id": "q-1",
        "decision": "approve",
        "answer": "src",
    }


@pytest.mark.anyio
async def test_text_stream_yields_each_piece_once(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.post(f"{BASE}/message").respond(200, json={"ok": True})
    api.get(f"{BASE}/events").mock(
        return_value=_sse(
            (1, USER),
            (2, _fragment("Hel")),
            (3, _fragment("lo")),
            (4, _text("Hello")),
            (5, _text("Bye.")),
            (6, RESULT),
        )
    )
    turn = await af.sessions.turn(SID, "hi", since=0)
    pieces = [text async for text in turn.text_stream()]
    assert pieces == ["Hel", "lo", "\n\nBye."]
    assert turn.text == "Hello\n\nBye."


@pytest.mark.anyio
async def test_a_stream_ended_early_is_reopened_from_last_seq_while_the_session_runs(
    af: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    api.post(f"{BASE}/message").respond(200, json={"ok": True})
    events = api.get(f"{BASE}/events").mock(
        side_effect=[_sse((1, USER), (2, _text("half"))), _sse((3, RESULT))]
    )
    status = api.get(BASE).respond(200, json=session("running"))

    result = await (await af.sessions.turn(SID, "hi", since=0)).wait()

    assert [call.request.headers["last-event-id"] for call in events.calls] == ["0", "2"]
    assert status.call_count == 1
    assert sleeps == [0.5]
    assert result.text == "half"


@pytest.mark.anyio
async def test_a_stream_ended_by_a_stopped_session_raises_session_ended(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post(f"{BASE}/message").respond(200, json={"ok": True})
    api.get(f"{BASE}/events").mock(return_value=_sse((1, USER)))
    api.get(BASE).respond(200, json=session("terminated"))

    turn = await af.sessions.turn(SID, "hi", since=0)
    with pytest.raises(SessionEndedError, match="before the turn's result") as info:
        await turn.wait()
    assert info.value.session.status == "terminated"
    assert turn.last_seq == 1


@pytest.mark.anyio
async def test_a_passed_deadline_raises_turn_timeout_with_last_seq(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post(f"{BASE}/message").respond(200, json={"ok": True})
    events = api.get(f"{BASE}/events").mock(return_value=_sse((4, USER)))
    api.get(BASE).respond(200, json=session("running"))

    turn = await af.sessions.turn(SID, "hi", since=3, timeout=1e-6)  # over before the stream opens
    with pytest.raises(TurnTimeoutError, match="did not end within 1e-06 s") as info:
        async for _ in turn:
            pass
    assert isinstance(info.value, TimeoutError)
    assert info.value.last_seq == 3
    assert events.call_count == 0


@pytest.mark.anyio
async def test_the_turns_options_go_on_each_of_its_requests_and_under_responds_own(
    af: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    transcript = api.get(f"{BASE}/transcript").respond(200, json=[_row(1, USER), _row(2, RESULT)])
    message = api.post(f"{BASE}/message").respond(200, json={"ok": True})
    request = {"type": "permission_request", "request_id": "r-1", "tool_use_id": "toolu_9", "tool_name": "Bash",
               "input": {}}  # fmt: skip
    events = api.get(f"{BASE}/events").mock(side_effect=[_sse((3, USER), (4, request)), _sse((5, RESULT))])
    status = api.get(BASE).respond(200, json=session("running"))
    respond = api.post(f"{BASE}/respond").respond(200, json={"ok": True})

    turn = await af.sessions.turn(
        SID, "hi", extra_headers={"X-Trace-Id": "t-1", "X-Tenant": "a"}, extra_query={"trace": "on"}
    )
    async for _ in turn:
        if turn.pending is not None:
            await turn.respond(extra_headers={"x-tenant": "b"}, extra_query={"step": "2"}, timeout=5.0)

    turn_requests = [call.request for route in (transcript, message, events, status) for call in route.calls]
    assert len(turn_requests) == 5  # the mark, the message, two stream connections, one session read
    for sent in turn_requests:
        assert (sent.headers["x-trace-id"], sent.headers["x-tenant"]) == ("t-1", "a"), sent.url
        assert sent.url.params["trace"] == "on", sent.url
    answer = respond.calls.last.request
    assert answer.headers["x-trace-id"] == "t-1"
    assert answer.headers.get_list("x-tenant") == ["b"]  # respond's own, whatever the case
    assert dict(answer.url.params) == {"trace": "on", "step": "2"}
    assert answer.extensions["timeout"] == {"connect": 5.0, "read": 5.0, "write": 5.0, "pool": 5.0}
    assert json.loads(answer.content)["decision"] == "approve"
    assert turn.done


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        ({"message": 42}, "message must be a dict"),
        ({"message": ["hi"]}, "message must be a dict"),
        ({"timeout": 0}, "timeout must be a positive number"),
        ({"timeout": "10"}, "timeout must be a positive number"),
        ({"since": -1}, "since must be >= 0"),
        ({"since": "3"}, "since must be an int"),
        ({"extra_body": {"x": 1}}, "takes no extra_body: its message is sent as given"),
        ({"extra_headers": {"Authorization": "Bearer afm_other"}}, "cannot set 'Authorization'"),
        ({"extra_query": {"q": None}}, "leave the key out"),
        ({"timeot": 5}, "unexpected keyword argument 'timeot' \\(did you mean 'timeout'"),
    ],
)
async def test_bad_turn_arguments_are_refused_before_anything_is_sent(
    af: AsyncAnyFrame, api: respx.MockRouter, arguments: dict[str, object], match: str
) -> None:
    kwargs: dict[str, object] = {"message": "hi", **arguments}
    with pytest.raises(InvalidArgumentError, match=match):
        await af.sessions.turn(SID, **kwargs)  # type: ignore[arg-type]
    assert api.calls.call_count == 0


@pytest.mark.anyio
async def test_wait_refuses_a_callback_that_is_not_one(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.post(f"{BASE}/message").respond(200, json={"ok": True})
    events = api.get(f"{BASE}/events").mock(return_value=_sse((1, RESULT)))
    turn = await af.sessions.turn(SID, "hi", since=0)
    with pytest.raises(InvalidArgumentError, match="on_request must be a function"):
        await turn.wait(on_request="yes")  # type: ignore[arg-type]
    assert events.call_count == 0


@pytest.mark.anyio
async def test_iter_transcript_pages_after_the_last_seq_until_a_short_page(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get(f"{BASE}/transcript").mock(
        side_effect=[
            httpx.Response(200, json=[_row(4, USER), _row(5, RESULT)]),
            httpx.Response(200, json=[_row(6, USER), _row(7, RESULT)]),
            httpx.Response(200, json=[_row(8, USER)]),
        ]
    )
    rows = [row async for row in af.sessions.iter_transcript(SID, since=3, page_size=2)]

    assert [row.seq for row in rows] == [4, 5, 6, 7, 8]
    assert [dict(call.request.url.params) for call in route.calls] == [
        {"since": "3", "limit": "2"},
        {"since": "5", "limit": "2"},
        {"since": "7", "limit": "2"},
    ]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        ({"page_size": 5001}, "page_size"),
        ({"since": -2}, "since"),
        ({"extra_body": {"x": 1}}, "sends no body"),
        ({"extra_headers": {"X-A": 1}}, r"extra_headers\['X-A'\] must be a str"),
        ({"sinse": 3}, "unexpected keyword argument 'sinse'"),
    ],
)
async def test_iter_transcript_refuses_bad_arguments_at_the_call(
    af: AsyncAnyFrame, api: respx.MockRouter, arguments: dict[str, Any], match: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=match):
        af.sessions.iter_transcript(SID, **arguments)
    assert api.calls.call_count == 0


@pytest.mark.anyio
async def test_a_frame_without_its_own_id_is_the_turns_not_a_replay(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    # An id-less frame inherits the last event id as `.id`; only an id of its own marks a replay.
    api.post(f"{BASE}/message").respond(200, json={"ok": True})
    error = {"type": "_error", "error": "bridge hiccup"}
    body = f"id: 1\ndata: {json.dumps(USER)}\n\ndata: {json.dumps(error)}\n\ndata: {json.dumps(RESULT)}\n\n"
    api.get(f"{BASE}/events").mock(
        return_value=httpx.Response(200, content=body.encode(), headers={"content-type": "text/event-stream"})
    )

    turn = await af.sessions.turn(SID, "hi", since=0)
    result = await turn.wait(on_request=None)

    assert [type(p).__name__ for p in result.events] == [
        "UserMessagePayload",
        "ErrorPayload",
        "ResultPayload",
    ]
    assert [e.error for e in result.errors] == ["bridge hiccup"]
    assert turn.last_seq == 1


@pytest.mark.anyio
async def test_a_deadline_passed_in_a_stopped_session_raises_session_ended(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    # At the deadline the session is looked at once more: a stopped one says why the turn ended.
    api.post(f"{BASE}/message").respond(200, json={"ok": True})
    api.get(f"{BASE}/events").mock(return_value=_sse((4, USER)))
    api.get(BASE).respond(200, json=session("snapshotting"))

    turn = await af.sessions.turn(SID, "hi", since=3, timeout=1e-6)  # over before the stream opens
    with pytest.raises(SessionEndedError) as info:
        await turn.wait()
    assert not isinstance(info.value, TurnTimeoutError)
    assert info.value.session.status == "snapshotting"
