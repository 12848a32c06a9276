"""Wire tests of the chat calls of `af.sessions` (api-contract.md §8.9-§8.12, §9.3).

Contracts pinned here:

- `message(id, body)`: `POST /api/sessions/{id}/message` with the body forwarded verbatim (any keys,
  nested values, non-ASCII kept) -> the bridge's JSON answer as a dict (`{"ok": true, "seq": N}`).
- `respond(id, body)`: `POST /api/sessions/{id}/respond`, body forwarded verbatim -> the answer dict.
- `transcript(id)`: `GET /api/sessions/{id}/transcript?since=0&limit=1000` (both always sent) ->
  `list[ChatEvent]` in `seq` order, `kind`/`data` reading `payload`; `since`/`limit` are sent as given.
- `events(id)`: `GET /api/sessions/{id}/events` with `Accept: text/event-stream`, no `Last-Event-ID`
  unless `last_event_id=` is given, in which case it is sent verbatim; events carry `id`, `event`,
  `data`, `json()`.
"""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from anyframe import AsyncAnyFrame, ChatEvent, ServerError

from .wire import CHAT_EVENTS, SID, assert_sent, collect

BASE = f"/api/sessions/{SID}"


@pytest.mark.anyio
async def test_message_forwards_the_body_verbatim_and_returns_the_ack(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post(f"{BASE}/message").respond(200, json={"ok": True, "seq": 12})
    ack = await af.sessions.message(SID, {"text": "summarize what you've done so far"})
    assert_sent(route, "POST", f"{BASE}/message", body=b'{"text":"summarize what you\'ve done so far"}')
    assert ack == {"ok": True, "seq": 12}


@pytest.mark.anyio
async def test_message_forwards_nested_bodies_and_non_ascii_text(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post(f"{BASE}/message").respond(200, json={"ok": True, "seq": 13})
    body = {
        "prompt": "décris l'image ✓",
        "attachments": [{"kind": "image", "name": "a.png", "mime": "image/png", "data_base64": "iVBORw0="}],
    }
    await af.sessions.message(SID, body)
    sent = route.calls.last.request.content
    assert json.loads(sent) == body
    assert "décris l'image ✓".encode() in sent


@pytest.mark.anyio
async def test_respond_forwards_the_answer_verbatim(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE}/respond").respond(200, json={"ok": True})
    ack = await af.sessions.respond(SID, {"decision": "approve", "tool_use_id": "tu_1"})
    assert_sent(route, "POST", f"{BASE}/respond", body=b'{"decision":"approve","tool_use_id":"tu_1"}')
    assert ack == {"ok": True}


@pytest.mark.anyio
async def test_transcript_always_sends_since_0_and_limit_1000(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get(f"{BASE}/transcript").respond(200, json=CHAT_EVENTS)
    events = await af.sessions.transcript(SID)
    assert_sent(route, "GET", f"{BASE}/transcript", params={"since": "0", "limit": "1000"})
    assert [type(e) for e in events] == [ChatEvent, ChatEvent]
    assert [e.seq for e in events] == [1, 2]
    assert [e.kind for e in events] == ["user_message", "assistant_message"]
    assert events[1].data == {"type": "assistant_message", "text": "hi"}


@pytest.mark.anyio
@pytest.mark.parametrize(("since", "limit"), [(42, 5), (0, 5000), (2, 1)])
async def test_transcript_sends_since_and_limit_given(
    af: AsyncAnyFrame, api: respx.MockRouter, since: int, limit: int
) -> None:
    route = api.get(f"{BASE}/transcript").respond(200, json=[])
    assert await af.sessions.transcript(SID, since=since, limit=limit) == []
    assert_sent(route, "GET", f"{BASE}/transcript", params={"since": str(since), "limit": str(limit)})


@pytest.mark.anyio
async def test_events_opens_the_stream_with_the_sse_accept_header(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    body = b'id: 1\nevent: assistant\ndata: {"text": "hi"}\n\nid: 2\nevent: tool_call\ndata: {"name": "bash"}\n\n'
    route = api.get(f"{BASE}/events").mock(
        return_value=httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})
    )
    events = await collect(af.sessions.events(SID, reconnect=False))
    assert [(e.id, e.event, e.json()) for e in events] == [
        ("1", "assistant", {"text": "hi"}),
        ("2", "tool_call", {"name": "bash"}),
    ]
    request = route.calls.last.request
    assert request.url.raw_path.decode() == f"{BASE}/events"
    assert request.headers["accept"] == "text/event-stream"
    assert request.headers["authorization"].startswith("Bearer afm_")
    assert "last-event-id" not in request.headers


@pytest.mark.anyio
async def test_events_sends_last_event_id_when_given(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get(f"{BASE}/events").mock(
        return_value=httpx.Response(
            200, content=b'id: 8\ndata: {"type": "result"}\n\n', headers={"content-type": "text/event-stream"}
        )
    )
    events = await collect(af.sessions.events(SID, last_event_id="7", reconnect=False))
    assert [e.id for e in events] == ["8"]
    assert route.calls.last.request.headers["last-event-id"] == "7"


@pytest.mark.anyio
async def test_events_over_a_finite_server_ends_when_it_closes_right_away(
    af: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    # A server (or a mock) that sends a finite stream and closes it cleanly at once has nothing more
    # to say: the iteration ends after one request, as with the 1.x SDK.
    body = b'id: 1\ndata: {"type": "user_message"}\n\nid: 2\ndata: {"type": "result"}\n\n'
    route = api.get(f"{BASE}/events").mock(
        return_value=httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})
    )
    events = await collect(af.sessions.events(SID, last_event_id="0"))
    assert [e.id for e in events] == ["1", "2"]
    assert route.call_count == 1
    assert route.calls.last.request.headers["last-event-id"] == "0"
    assert sleeps == []


@pytest.mark.anyio
async def test_events_without_ids_over_a_finite_server_end_too(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    body = b'event: message\ndata: {"text": "hello"}\n\n'
    route = api.get(f"{BASE}/events").mock(
        return_value=httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})
    )
    events = await collect(af.sessions.events(SID))
    assert [e.json() for e in events] == [{"text": "hello"}]
    assert route.call_count == 1


@pytest.mark.anyio
async def test_a_last_event_missing_only_its_blank_line_is_delivered_on_a_clean_end(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    body = b'id: 1\ndata: {"type": "assistant"}\n\nid: 2\nevent: result\ndata: {"type": "result"}\n'
    api.get(f"{BASE}/events").mock(
        return_value=httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})
    )
    events = await collect(af.sessions.events(SID))
    assert [(e.id, e.event) for e in events] == [("1", "message"), ("2", "result")]


@pytest.mark.anyio
async def test_a_truncated_last_line_is_never_delivered(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    body = b'id: 1\ndata: {"type": "assistant"}\n\nid: 2\ndata: {"type": "res'
    api.get(f"{BASE}/events").mock(
        return_value=httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})
    )
    events = await collect(af.sessions.events(SID))
    assert [e.id for e in events] == ["1"]


@pytest.mark.anyio
async def test_events_retries_a_retryable_status_like_any_get_then_continues(
    af: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    ok = httpx.Response(
        200, content=b'id: 5\ndata: {"type": "result"}\n\n', headers={"content-type": "text/event-stream"}
    )
    route = api.get(f"{BASE}/events").mock(
        side_effect=[httpx.Response(503, json={"detail": "busy"}, headers={"retry-after-ms": "5"}), ok]
    )
    events = await collect(af.with_options(max_retries=1).sessions.events(SID))
    assert [e.id for e in events] == ["5"]
    assert route.call_count == 2
    assert sleeps == [0.005]


@pytest.mark.anyio
async def test_events_error_status_is_raised_as_the_mapped_error_without_retries(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get(f"{BASE}/events").respond(500, json={"detail": "boom"})
    with pytest.raises(ServerError, match="boom"):
        await collect(af.sessions.events(SID))
    assert route.call_count == 1  # this client has max_retries=0
