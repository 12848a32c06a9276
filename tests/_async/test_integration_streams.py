"""Event streams and waiters over real loopback sockets, against `anyframe.testing`.

Contracts pinned:
- a chat stream cut twice mid-way delivers every event exactly once and in order, and each reconnect
  carries `Last-Event-ID` = the last id delivered;
- a stream that goes silent longer than `stream_read_timeout` is reopened, not left hanging;
- `reconnect=False` turns a drop into `APIConnectionError` instead of reconnecting;
- a 404 on either stream raises `NotFoundError` (the error body is read, not leaked as an httpx error);
- breaking out of the loop closes the connection (the plane sees the stream end);
- the build log streams `line` events then one `state` event and ends; on a cached build (no
  `build_id`) the guide's `stream_build(agent.id, queued.build_id)` replays the build that made the
  image, and an agent whose image another agent built has none to follow (`NotFoundError`);
- `wait_for_build` returns the succeeded status, raises `BuildFailedError` for a failing recipe;
  `wait_until_running` returns a running session and raises `SessionEndedError` for an ended one.
"""

from __future__ import annotations

import time

import pytest

from anyframe import (
    APIConnectionError,
    AsyncAnyFrame,
    AsyncEventStream,
    BuildFailedError,
    NotFoundError,
    SessionEndedError,
)
from anyframe.testing import LocalControlPlane

pytestmark = pytest.mark.integration

MISSING = "00000000-0000-4000-8000-000000000000"


async def _running_session(live: AsyncAnyFrame) -> str:
    agent = await live.agents.create(name="streams")
    session = await live.sessions.create(agent_id=agent.id)
    session = await live.sessions.wait_until_running(session.id, timeout=10, poll_interval=0.05)
    return session.id


async def _drain(stream: AsyncEventStream) -> int:
    count = 0
    async for _ in stream:
        count += 1
    return count


async def _chat_turn(live: AsyncAnyFrame, session_id: str, prompt: str) -> None:
    await live.sessions.message(session_id, {"prompt": prompt})
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        events = await live.sessions.transcript(session_id, since=0)
        if events and events[-1].kind == "result":
            return
        time.sleep(0.02)
    raise AssertionError("the scripted turn did not finish")


@pytest.mark.anyio
async def test_chat_stream_cut_twice_delivers_every_event_once_in_order(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    session_id = await _running_session(live)
    await _chat_turn(live, session_id, "first")
    await _chat_turn(live, session_id, "second")
    expected = [e.seq for e in await live.sessions.transcript(session_id)]
    assert len(expected) >= 8
    plane.faults.cut_stream(path="/api/sessions/*/events", after=3, times=2)
    plane.requests.clear()

    seen: list[int] = []
    async with live.sessions.events(session_id) as stream:
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
async def test_resume_from_last_event_id_replays_only_later_events(live: AsyncAnyFrame) -> None:
    session_id = await _running_session(live)
    await _chat_turn(live, session_id, "hello")
    seqs = [e.seq for e in await live.sessions.transcript(session_id)]

    seen: list[int] = []
    async with live.sessions.events(session_id, last_event_id=str(seqs[1])) as stream:
        async for event in stream:
            seen.append(int(event.id or 0))
            if seen[-1] == seqs[-1]:
                break
    assert seen == seqs[2:]


@pytest.mark.anyio
async def test_silent_stream_is_reopened_after_the_read_timeout(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    session_id = await _running_session(live)
    await _chat_turn(live, session_id, "hello")
    expected = [e.seq for e in await live.sessions.transcript(session_id)]
    plane.faults.stall_stream(path="/api/sessions/*/events", after=2, seconds=20)
    quick = live.with_options(stream_read_timeout=0.3)

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
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    session_id = await _running_session(live)
    await _chat_turn(live, session_id, "hello")
    plane.faults.cut_stream(path="/api/sessions/*/events", after=2, times=1)

    stream = live.sessions.events(session_id, reconnect=False)
    with pytest.raises(APIConnectionError):
        await _drain(stream)
    assert stream.last_event_id == "2"


@pytest.mark.anyio
async def test_stream_404_raises_not_found(live: AsyncAnyFrame) -> None:
    with pytest.raises(NotFoundError) as info:
        await _drain(live.sessions.events(MISSING))
    assert info.value.status_code == 404
    assert info.value.request_id
    with pytest.raises(NotFoundError):
        await _drain(live.agents.stream_build(999_999, 1))


@pytest.mark.anyio
async def test_breaking_out_of_the_with_block_closes_the_connection(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    session_id = await _running_session(live)
    await _chat_turn(live, session_id, "hello")
    pool = live._transport.shared.pools().streams._transport._pool  # type: ignore[attr-defined]
    stream = live.sessions.events(session_id)
    async with stream:
        async for _ in stream:
            assert not all(connection.is_idle() for connection in pool.connections)  # the stream's is busy
            break
    # The streamed connection was closed, not left active with an unread body: every connection
    # still pooled is an idle keep-alive one from the earlier calls. (The sync flavour without a
    # `with` block is pinned in tests/integration/test_concurrency.py.)
    assert all(connection.is_idle() for connection in pool.connections)
    assert (await live.me()).login  # the client stays usable


@pytest.mark.anyio
async def test_build_log_streams_lines_then_state_and_ends(live: AsyncAnyFrame) -> None:
    agent = await live.agents.create(name="builder", repo_url="tinyhq/box", install_cmd="bun install")
    queued = await live.agents.build(agent.id)
    assert queued.queued
    assert queued.build_id is not None
    events = []
    async for event in live.agents.stream_build(agent.id, queued.build_id):
        events.append(event)
    assert [e.event for e in events[:-1]] == ["line"] * (len(events) - 1)
    assert events[-1].event == "state"
    assert events[-1].json() == {"state": "succeeded"}
    status = await live.agents.wait_for_build(agent.id, timeout=10, poll_interval=0.05)
    assert status.state == "succeeded"


@pytest.mark.anyio
async def test_the_guides_stream_build_line_works_on_a_cached_build(live: AsyncAnyFrame) -> None:
    repo = f"tinyhq/cached-{time.monotonic_ns()}"  # a recipe no other test built
    agent = await live.agents.create(name="cached", repo_url=repo, install_cmd="bun install")
    first = await live.agents.build(agent.id)
    await live.agents.wait_for_build(agent.id, timeout=10, poll_interval=0.05)

    queued = await live.agents.build(agent.id)
    assert (queued.queued, queued.reason, queued.build_id) == (False, "cached", None)
    events = []
    async for event in live.agents.stream_build(agent.id, queued.build_id):  # the guide's line
        events.append(event)

    assert {e.event for e in events[:-1]} == {"line"}
    assert events[-1].json() == {"state": "succeeded"}
    builds = await live.agents.builds(agent.id)
    assert [b.id for b in builds] == [first.build_id]  # the build that made the cached image

    # Same recipe: cached, but this agent never built it itself.
    twin = await live.agents.create(name="twin", repo_url=repo, install_cmd="bun install")
    assert (await live.agents.build(twin.id)).build_id is None
    with pytest.raises(NotFoundError, match=f"agent {twin.id} has no build to follow"):
        async for _ in live.agents.stream_build(twin.id, None):
            pass


@pytest.mark.anyio
async def test_wait_for_build_raises_build_failed_with_the_status(live: AsyncAnyFrame) -> None:
    agent = await live.agents.create(
        name="broken", repo_url="tinyhq/box", install_cmd="bun install && exit 3"
    )
    await live.agents.build(agent.id)
    seen: list[str | None] = []
    with pytest.raises(BuildFailedError) as info:
        await live.agents.wait_for_build(
            agent.id, timeout=10, poll_interval=0.05, on_status=lambda s: seen.append(s.state)
        )
    assert info.value.build_status.state == "failed"
    assert seen[-1] == "failed"
    assert "failed" in str(info.value)


@pytest.mark.anyio
async def test_wait_until_running_raises_session_ended_for_a_terminated_session(live: AsyncAnyFrame) -> None:
    session_id = await _running_session(live)
    await live.sessions.terminate(session_id)
    deadline = time.monotonic() + 10
    while (await live.sessions.get(session_id)).status != "terminated":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    with pytest.raises(SessionEndedError) as info:
        await live.sessions.wait_until_running(session_id, timeout=5, poll_interval=0.05)
    assert info.value.session.status == "terminated"


@pytest.mark.anyio
async def test_wait_until_running_times_out_with_builtin_timeout_error(live: AsyncAnyFrame) -> None:
    agent = await live.agents.create(name="slow")
    session = await live.sessions.create(agent_id=agent.id)
    with pytest.raises(TimeoutError):
        await live.sessions.wait_until_running(session.id, timeout=0.05, poll_interval=0.01)
