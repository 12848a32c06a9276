"""Event streams and waiters over real loopback sockets, against `anyframe.testing`.

Contracts pinned:
- a chat stream cut twice mid-way delivers every event exactly once and in order, and each reconnect
  carries `Last-Event-ID` = the last id delivered;
- a stream that goes silent longer than `stream_read_timeout` is reopened, not left hanging;
- `reconnect=False` turns a drop into `APIConnectionError` instead of reconnecting;
- a 404 on either stream raises `NotFoundError` (the error body is read, not leaked as an httpx error);
- breaking out of the loop closes the connection (the plane sees the stream end);
- the build log streams `line` events then one `state` event and ends;
- `wait_for_build` returns the succeeded status, raises `BuildFailedError` for a failing recipe;
  `wait_until_running` returns a running session and raises `SessionEndedError` for an ended one.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Generator

import pytest

from anyframe import (
    APIConnectionError,
    AsyncAnyFrame,
    AsyncEventStream,
    BuildFailedError,
    NotFoundError,
    SessionEndedError,
)
from anyframe.testing import LocalControlPlane, serve

pytestmark = pytest.mark.integration

MISSING = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def plane() -> Generator[LocalControlPlane, None, None]:
    with serve(keepalive_interval=30.0) as running:
        yield running


@pytest.fixture
async def af(plane: LocalControlPlane) -> AsyncIterator[AsyncAnyFrame]:
    async with AsyncAnyFrame(api_key=plane.api_key, base_url=plane.url, load_dotenv=False) as client:
        yield client


async def _running_session(af: AsyncAnyFrame) -> str:
    agent = await af.agents.create(name="streams")
    session = await af.sessions.create(agent_id=agent.id)
    session = await af.sessions.wait_until_running(session.id, timeout=10, poll_interval=0.05)
    return session.id


async def _drain(stream: AsyncEventStream) -> int:
    count = 0
    async for _ in stream:
        count += 1
    return count


async def _chat_turn(af: AsyncAnyFrame, session_id: str, prompt: str) -> None:
    await af.sessions.message(session_id, {"prompt": prompt})
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        events = await af.sessions.transcript(session_id, since=0)
        if events and events[-1].kind == "result":
            return
        time.sleep(0.02)
    raise AssertionError("the scripted turn did not finish")


@pytest.mark.anyio
async def test_chat_stream_cut_twice_delivers_every_event_once_in_order(
    plane: LocalControlPlane, af: AsyncAnyFrame
) -> None:
    session_id = await _running_session(af)
    await _chat_turn(af, session_id, "first")
    await _chat_turn(af, session_id, "second")
    expected = [e.seq for e in await af.sessions.transcript(session_id)]
    assert len(expected) >= 8
    plane.faults.cut_stream(path="/api/sessions/*/events", after=3, times=2)
    plane.requests.clear()

    seen: list[int] = []
    async with af.sessions.events(session_id) as stream:
        async for event in stream:
            assert event.id is not None
            seen.append(int(event.id))
            if len(seen) == len(expected):
                break

    assert seen == expected
    attempts = plane.requests.filter(method="GET", path=f"/api/sessions/{session_id}/events")
    assert len(attempts) == 3
    assert "last-event-id" not in attempts[0].headers
    assert attempts[1].headers["last-event-id"] == str(expected[2])
    assert attempts[2].headers["last-event-id"] == str(expected[5])


@pytest.mark.anyio
async def test_resume_from_last_event_id_replays_only_later_events(af: AsyncAnyFrame) -> None:
    session_id = await _running_session(af)
    await _chat_turn(af, session_id, "hello")
    seqs = [e.seq for e in await af.sessions.transcript(session_id)]

    seen: list[int] = []
    async with af.sessions.events(session_id, last_event_id=str(seqs[1])) as stream:
        async for event in stream:
            seen.append(int(event.id or 0))
            if seen[-1] == seqs[-1]:
                break
    assert seen == seqs[2:]


@pytest.mark.anyio
async def test_silent_stream_is_reopened_after_the_read_timeout(
    plane: LocalControlPlane, af: AsyncAnyFrame
) -> None:
    session_id = await _running_session(af)
    await _chat_turn(af, session_id, "hello")
    expected = [e.seq for e in await af.sessions.transcript(session_id)]
    plane.faults.stall_stream(path="/api/sessions/*/events", after=2, seconds=20)
    quick = af.with_options(stream_read_timeout=0.3)

    started = time.monotonic()
    seen: list[int] = []
    async with quick.sessions.events(session_id) as stream:
        async for event in stream:
            seen.append(int(event.id or 0))
            if len(seen) == len(expected):
                break
    assert seen == expected
    assert time.monotonic() - started < 10  # reopened, not stuck for the 20 s stall
    assert len(plane.requests.filter(path=f"/api/sessions/{session_id}/events")) == 2


@pytest.mark.anyio
async def test_reconnect_false_raises_connection_error_on_a_drop(
    plane: LocalControlPlane, af: AsyncAnyFrame
) -> None:
    session_id = await _running_session(af)
    await _chat_turn(af, session_id, "hello")
    plane.faults.cut_stream(path="/api/sessions/*/events", after=2, times=1)

    stream = af.sessions.events(session_id, reconnect=False)
    with pytest.raises(APIConnectionError):
        await _drain(stream)
    assert stream.last_event_id == "2"


@pytest.mark.anyio
async def test_stream_404_raises_not_found(af: AsyncAnyFrame) -> None:
    with pytest.raises(NotFoundError) as info:
        await _drain(af.sessions.events(MISSING))
    assert info.value.status_code == 404
    assert info.value.request_id
    with pytest.raises(NotFoundError):
        await _drain(af.agents.stream_build(999_999, 1))


@pytest.mark.anyio
async def test_breaking_out_closes_the_connection(plane: LocalControlPlane, af: AsyncAnyFrame) -> None:
    session_id = await _running_session(af)
    await _chat_turn(af, session_id, "hello")
    stream = af.sessions.events(session_id)
    async with stream:
        async for _ in stream:
            break
    pool = af._transport.http._transport._pool  # type: ignore[attr-defined]
    # The streamed connection was closed, not left active with an unread body: every connection
    # still pooled is an idle keep-alive one from the earlier calls.
    assert all(connection.is_idle() for connection in pool.connections)
    assert (await af.me()).login  # the client stays usable


@pytest.mark.anyio
async def test_build_log_streams_lines_then_state_and_ends(af: AsyncAnyFrame) -> None:
    agent = await af.agents.create(name="builder", repo_url="tinyhq/box", install_cmd="bun install")
    queued = await af.agents.build(agent.id)
    assert queued.queued
    assert queued.build_id is not None
    events = []
    async for event in af.agents.stream_build(agent.id, queued.build_id):
        events.append(event)
    assert [e.event for e in events[:-1]] == ["line"] * (len(events) - 1)
    assert events[-1].event == "state"
    assert events[-1].json() == {"state": "succeeded"}
    status = await af.agents.wait_for_build(agent.id, timeout=10, poll_interval=0.05)
    assert status.state == "succeeded"


@pytest.mark.anyio
async def test_wait_for_build_raises_build_failed_with_the_status(af: AsyncAnyFrame) -> None:
    agent = await af.agents.create(name="broken", repo_url="tinyhq/box", install_cmd="bun install && exit 3")
    await af.agents.build(agent.id)
    seen: list[str | None] = []
    with pytest.raises(BuildFailedError) as info:
        await af.agents.wait_for_build(
            agent.id, timeout=10, poll_interval=0.05, on_status=lambda s: seen.append(s.state)
        )
    assert info.value.build_status.state == "failed"
    assert seen[-1] == "failed"
    assert "failed" in str(info.value)


@pytest.mark.anyio
async def test_wait_until_running_raises_session_ended_for_a_terminated_session(af: AsyncAnyFrame) -> None:
    session_id = await _running_session(af)
    await af.sessions.terminate(session_id)
    deadline = time.monotonic() + 10
    while (await af.sessions.get(session_id)).status != "terminated":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    with pytest.raises(SessionEndedError) as info:
        await af.sessions.wait_until_running(session_id, timeout=5, poll_interval=0.05)
    assert info.value.session.status == "terminated"


@pytest.mark.anyio
async def test_wait_until_running_times_out_with_builtin_timeout_error(af: AsyncAnyFrame) -> None:
    agent = await af.agents.create(name="slow")
    session = await af.sessions.create(agent_id=agent.id)
    with pytest.raises(TimeoutError):
        await af.sessions.wait_until_running(session.id, timeout=0.05, poll_interval=0.01)
