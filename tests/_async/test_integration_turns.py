"""Chat turns and the paged transcript over real loopback sockets, against `anyframe.testing`.

Contracts pinned:
- a request a loop left pending is answered by `wait(on_request=...)`, which then reads the turn to its
  `result`;
- a turn with a permission request answered mid-way runs to its `result`; its payloads are exactly the
  transcript's events after the mark, in order, and the `TurnResult` holds the request, the tool calls
  and the text;
- a turn whose stream is cut twice loses and doubles nothing (the same events as the transcript), and
  each reconnect resumes after the last event delivered;
- every payload type the plane plays is typed (questions answered, thinking, streamed fragments
  assembled once, `_error` making the turn an error) and one of an unknown type passes through whole;
- a 12,000-event transcript is paged completely, in order, in as many requests as pages; a turn after
  it starts after its last event;
- a turn whose request nobody answers raises `TurnTimeoutError` at its timeout (not at the next
  keep-alive), and one whose session stops raises `SessionEndedError`.
"""

from __future__ import annotations

import time

import pytest

from anyframe import (
    AskUserQuestionPayload,
    AsyncAnyFrame,
    AsyncTurn,
    PermissionRequestPayload,
    SessionEndedError,
    ThinkingBlock,
    ToolResultPayload,
    TurnTimeoutError,
    UnknownChatPayload,
)
from anyframe.testing import LocalControlPlane

pytestmark = pytest.mark.integration


async def _running_session(live: AsyncAnyFrame) -> str:
    agent = await live.agents.create(name="turns")
    session = await live.sessions.create(agent_id=agent.id)
    session = await live.sessions.wait_until_running(session.id, timeout=10, poll_interval=0.05)
    return session.id


async def _assert_matches_the_transcript(live: AsyncAnyFrame, turn: AsyncTurn) -> None:
    """The turn's payloads are the transcript's events after its mark, each once, in order."""
    assert turn.result is not None
    rows = [row async for row in live.sessions.iter_transcript(turn.session_id, since=turn.since)]
    assert [row.seq for row in rows][-1] == turn.last_seq
    assert [p.model_dump(exclude_unset=True) for p in turn.result.events] == [row.payload for row in rows]


@pytest.mark.anyio
async def test_wait_answers_the_request_a_loop_left_pending(live: AsyncAnyFrame) -> None:
    # A loop that stops at the request (or a Ctrl-C there), then wait(on_request=...): the request is
    # already yielded, and must still be answered, not left to time the turn out.
    session_id = await _running_session(live)
    turn = await live.sessions.turn(session_id, "clean up, ask permission first", timeout=10)
    async for payload in turn:
        if isinstance(payload, PermissionRequestPayload):
            break
    assert isinstance(turn.pending, PermissionRequestPayload)
    seen: list[object] = []

    def approve(request: object) -> bool:
        seen.append(request)
        return True

    result = await turn.wait(on_request=approve)

    assert seen == [result.permission_requests[0]]
    assert result.result is not None
    assert result.result.subtype == "success"
    outputs = [p.text for p in result.events if isinstance(p, ToolResultPayload)]
    assert "removed ./build" in outputs  # approved, not "permission denied by the user"
    await _assert_matches_the_transcript(live, turn)


@pytest.mark.anyio
async def test_a_permission_request_answered_mid_way(live: AsyncAnyFrame) -> None:
    session_id = await _running_session(live)
    first = await live.sessions.turn(session_id, "list the files", timeout=30)
    await first.wait()

    turn = await live.sessions.turn(session_id, "clean the build folder, ask permission first", timeout=30)
    assert turn.since == first.last_seq
    asked = []
    async for payload in turn:
        if isinstance(payload, PermissionRequestPayload):
            asked.append(payload)
            assert turn.pending is payload
            await turn.respond(approve=True)

    assert [request.summary for request in asked] == ["Bash(command=rm -rf ./build)"]
    result = turn.result
    assert result is not None
    assert result.permission_requests == asked
    assert [use.summary for use in result.tool_uses] == ["Bash(command=ls)", "Bash(command=rm -rf ./build)"]
    assert result.text.endswith("All done.")
    assert result.result is not None
    assert result.result.subtype == "success"
    assert not result.is_error
    await _assert_matches_the_transcript(live, turn)


@pytest.mark.anyio
async def test_a_turn_whose_stream_is_cut_twice_loses_and_doubles_nothing(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    session_id = await _running_session(live)
    plane.faults.cut_stream(path="/api/sessions/*/events", after=3, times=2)
    plane.requests.clear()

    turn = await live.sessions.turn(session_id, "think it through and stream the answer", timeout=30)
    result = await turn.wait()

    await _assert_matches_the_transcript(live, turn)
    streams = plane.requests.filter(method="GET", path="/api/sessions/*/events")
    resumed = [record.headers.get("last-event-id", "") for record in streams]
    assert len(resumed) == 3
    assert resumed[0] == "0"
    assert int(resumed[1]) < int(resumed[2]) < turn.last_seq
    assert result.text == "Sure, working on it: think it through and stream the answer\n\nAll done."


@pytest.mark.anyio
async def test_every_payload_type_is_typed_and_an_unknown_one_passes_through(live: AsyncAnyFrame) -> None:
    session_id = await _running_session(live)
    turn = await live.sessions.turn(session_id, "think, ask a question, stream, error, unknown", timeout=30)
    pieces = []
    async for payload in turn:
        pieces.append(turn.new_text)
        if isinstance(payload, AskUserQuestionPayload):
            await turn.respond(answer="tests")

    result = turn.result
    assert result is not None
    assert [q.question for q in result.questions] == ["Which folder should I look at first?"]
    assert "Looking at tests first." in result.text
    assert "".join(pieces) == result.text == turn.text
    assert result.text.count("All done.") == 1  # the fragments and the complete message, once
    thinking = [b for e in result.events for b in getattr(e, "blocks", []) if isinstance(b, ThinkingBlock)]
    assert len(thinking) == 1
    unknown = [e for e in result.events if isinstance(e, UnknownChatPayload)]
    assert [(e.type, e.model_dump()["subtype"]) for e in unknown] == [("system", "notice")]
    assert [e.error for e in result.errors] == ["the agent hit a simulated error"]
    assert result.is_error
    await _assert_matches_the_transcript(live, turn)


@pytest.mark.anyio
async def test_a_12000_event_transcript_is_paged_completely(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    session_id = await _running_session(live)
    last = plane.append_events(session_id, ({"type": "assistant", "n": n} for n in range(12_000)))
    assert last == 12_000
    plane.requests.clear()

    rows = [row async for row in live.sessions.iter_transcript(session_id)]

    assert [row.seq for row in rows] == list(range(1, 12_001))
    assert [row.payload["n"] for row in rows] == list(range(12_000))
    pages = plane.requests.filter(method="GET", path="/api/sessions/*/transcript")
    assert [record.query["since"] for record in pages] == [str(1000 * n) for n in range(13)]
    assert {record.query["limit"] for record in pages} == {"1000"}

    plane.requests.clear()
    turn = await live.sessions.turn(session_id, "hello", timeout=30)
    assert turn.since == 12_000  # the mark, read in pages of 5,000
    assert len(plane.requests.filter(method="GET", path="/api/sessions/*/transcript")) == 3
    result = await turn.wait()
    assert result.events[0].model_dump(exclude_unset=True) == {"type": "user_message", "text": "hello"}


@pytest.mark.anyio
async def test_a_turn_nobody_answers_times_out_at_its_timeout(live: AsyncAnyFrame) -> None:
    # The plane's keep-alives come every 15 s: the deadline must not wait for one.
    session_id = await _running_session(live)
    turn = await live.sessions.turn(session_id, "wait for my permission", timeout=1.0)
    started = time.monotonic()
    with pytest.raises(TurnTimeoutError) as info:
        await turn.wait()
    elapsed = time.monotonic() - started

    assert 0.5 < elapsed < 10
    assert isinstance(turn.pending, PermissionRequestPayload)
    assert info.value.last_seq == turn.last_seq > turn.since
    rows = await live.sessions.transcript(session_id, since=info.value.last_seq - 1)
    assert [row.kind for row in rows] == ["permission_request"]


@pytest.mark.anyio
async def test_a_turn_whose_session_stops_raises_session_ended(live: AsyncAnyFrame) -> None:
    session_id = await _running_session(live)
    turn = await live.sessions.turn(session_id, "ask permission, then I leave", timeout=30)
    async for payload in turn:
        if isinstance(payload, PermissionRequestPayload):
            break
    await live.sessions.terminate(session_id)
    with pytest.raises(SessionEndedError) as info:
        await turn.wait()
    assert info.value.session.status in ("snapshotting", "terminated")
    assert not turn.done
