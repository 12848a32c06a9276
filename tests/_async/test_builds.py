"""Wire tests of the build calls of `af.agents` and of `wait_for_build` (api-contract.md §7.9, §15).

Contracts pinned here:

- `build(id)`: `POST /api/agents/{id}/build` with exactly `{"force":false}` (202) -> `BuildQueued`;
  `force=True` sends `{"force":true}`; a cache hit (`queued: false` + `reason`) parses.
- `build_status(id)`: `GET /api/agents/{id}/build/status` (singular) -> `BuildStatus`; never built
  (`build_key: null`, no `state`) reads as `state is None`.
- `builds(id)`: `GET /api/agents/{id}/builds?limit=20` (limit always sent) -> `list[Build]`; `limit=` is sent.
- `build_log_url(id, build_id)`: `GET /api/agents/{id}/builds/{build_id}/log_url` -> `LogUrl`.
- `stream_build(id, build_id)`: `GET /api/agents/{id}/builds/{build_id}/stream` with
  `Accept: text/event-stream`; yields the `line` events then the `state` event and ends at EOF.
- `stream_build(id, None)` (a cached build: `BuildQueued.build_id` is `None`) sends nothing until
  iterated, then asks `GET /api/agents/{id}/builds?limit=1` and streams that latest build; with no
  build at all it raises `NotFoundError` naming the agent, and streams nothing.
- `wait_for_build`: polls `build/status` at once and after each sleep; queued -> running -> succeeded
  returns the final status after exactly three polls; no sleep exceeds `poll_interval`; `on_status` sees
  every status; `cancelled` is returned, not raised; `failed` raises `BuildFailedError` carrying
  `.build_status` and the server's error text; a build never finishing raises the builtin
  `TimeoutError` (not an `AnyFrameError`); an HTTP error while polling propagates.
"""

from __future__ import annotations

import httpx
import pytest
import respx

from anyframe import (
    AnyFrameError,
    AsyncAnyFrame,
    Build,
    BuildFailedError,
    BuildQueued,
    BuildStatus,
    LogUrl,
    NotFoundError,
    SSEEvent,
)

from .wire import BUILD, BUILD_QUEUED, LOG_URL, assert_sent, build_status, collect


@pytest.mark.anyio
async def test_build_posts_force_false_by_default(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/agents/7/build").respond(202, json=BUILD_QUEUED)
    queued = await af.agents.build(7)
    assert_sent(route, "POST", "/api/agents/7/build", body=b'{"force":false}')
    assert isinstance(queued, BuildQueued)
    assert (queued.queued, queued.build_id, queued.reason) == (True, 128, None)


@pytest.mark.anyio
async def test_build_with_force_posts_force_true(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/agents/7/build").respond(202, json=BUILD_QUEUED)
    await af.agents.build(7, force=True)
    assert_sent(route, "POST", "/api/agents/7/build", body=b'{"force":true}')


@pytest.mark.anyio
async def test_build_cache_hit_parses_queued_false_with_reason(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post("/api/agents/7/build").respond(
        202, json={"agent_id": 7, "build_key": "k1", "queued": False, "reason": "cached"}
    )
    queued = await af.agents.build(7)
    assert (queued.queued, queued.reason, queued.build_id) == (False, "cached", None)


@pytest.mark.anyio
async def test_build_status_gets_the_singular_status_path(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get("/api/agents/7/build/status").respond(200, json=build_status("running"))
    status = await af.agents.build_status(7)
    assert_sent(route, "GET", "/api/agents/7/build/status")
    assert isinstance(status, BuildStatus)
    assert (status.agent_id, status.state, status.build_key) == (7, "running", "k1")


@pytest.mark.anyio
async def test_build_status_of_a_never_built_agent_has_no_state(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get("/api/agents/7/build/status").respond(200, json={"agent_id": 7, "build_key": None})
    status = await af.agents.build_status(7)
    assert (status.state, status.build_key) == (None, None)


@pytest.mark.anyio
async def test_builds_always_sends_limit_20(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get("/api/agents/7/builds").respond(200, json=[BUILD])
    builds = await af.agents.builds(7)
    assert_sent(route, "GET", "/api/agents/7/builds", params={"limit": "20"})
    assert [type(b) for b in builds] == [Build]
    assert (builds[0].id, builds[0].state, builds[0].log_size) == (128, "succeeded", 1024)


@pytest.mark.anyio
async def test_builds_sends_the_limit_given(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get("/api/agents/7/builds").respond(200, json=[])
    assert await af.agents.builds(7, limit=5) == []
    assert_sent(route, "GET", "/api/agents/7/builds", params={"limit": "5"})


@pytest.mark.anyio
async def test_build_log_url_gets_the_underscored_path(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get("/api/agents/7/builds/128/log_url").respond(200, json=LOG_URL)
    log = await af.agents.build_log_url(7, 128)
    assert_sent(route, "GET", "/api/agents/7/builds/128/log_url")
    assert isinstance(log, LogUrl)
    assert (log.url, log.expires_in) == ("https://r2/logs/128?sig=x", 300)


@pytest.mark.anyio
async def test_stream_build_yields_line_events_then_the_state_and_ends(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    body = (
        b'event: line\ndata: {"offset": 1, "content": "hello"}\n\n'
        b": keepalive\n\n"
        b'event: line\ndata: {"offset": 2, "content": "world"}\n\n'
        b'event: state\ndata: {"state": "succeeded"}\n\n'
    )
    route = api.get("/api/agents/7/builds/128/stream").mock(
        return_value=httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})
    )
    events = await collect(af.agents.stream_build(7, 128))
    assert [(e.event, e.json()) for e in events] == [
        ("line", {"offset": 1, "content": "hello"}),
        ("line", {"offset": 2, "content": "world"}),
        ("state", {"state": "succeeded"}),
    ]
    assert all(isinstance(e, SSEEvent) for e in events)
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.method == "GET"
    assert request.headers["accept"] == "text/event-stream"
    assert request.headers["authorization"].startswith("Bearer afm_")
    assert "last-event-id" not in request.headers


@pytest.mark.anyio
async def test_stream_build_without_a_build_id_follows_the_latest_build(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    latest = api.get("/api/agents/7/builds", params={"limit": "1"}).respond(200, json=[BUILD])
    body = b'event: line\ndata: {"content": "cached"}\n\nevent: state\ndata: {"state": "succeeded"}\n\n'
    stream = api.get("/api/agents/7/builds/128/stream").mock(
        return_value=httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})
    )

    events = af.agents.stream_build(7, None)
    assert not api.calls  # looked up when iteration starts, like any stream's request
    collected = await collect(events)

    assert [(e.event, e.json()) for e in collected] == [
        ("line", {"content": "cached"}),
        ("state", {"state": "succeeded"}),
    ]
    assert_sent(latest, "GET", "/api/agents/7/builds", params={"limit": "1"})
    assert [call.request.url.path for call in api.calls] == [
        "/api/agents/7/builds",
        "/api/agents/7/builds/128/stream",
    ]
    assert stream.call_count == 1


@pytest.mark.anyio
async def test_stream_build_without_a_build_id_and_no_build_raises_not_found(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get("/api/agents/7/builds").respond(200, json=[])

    with pytest.raises(NotFoundError, match=r"agent 7 has no build to follow") as info:
        await collect(af.agents.stream_build(7, None))

    assert info.value.status_code == 404
    assert [call.request.url.path for call in api.calls] == ["/api/agents/7/builds"]


@pytest.mark.anyio
async def test_wait_for_build_polls_queued_running_succeeded_and_returns_the_final_status(
    af: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/agents/7/build/status")
    route.side_effect = [
        httpx.Response(200, json=build_status("queued")),
        httpx.Response(200, json=build_status("running")),
        httpx.Response(200, json=build_status("succeeded", built_image_id="im_9")),
    ]
    seen: list[str | None] = []
    status = await af.agents.wait_for_build(7, poll_interval=0.05, on_status=lambda s: seen.append(s.state))
    assert (status.state, status.built_image_id) == ("succeeded", "im_9")
    assert route.call_count == 3
    assert seen == ["queued", "running", "succeeded"]
    assert len(sleeps) == 2
    assert all(0 < delay <= 0.05 for delay in sleeps)


@pytest.mark.anyio
async def test_wait_for_build_returns_a_cached_build_on_the_first_poll_without_sleeping(
    af: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/agents/7/build/status").respond(200, json=build_status("succeeded"))
    status = await af.agents.wait_for_build(7)
    assert status.state == "succeeded"
    assert (route.call_count, sleeps) == (1, [])


@pytest.mark.anyio
async def test_wait_for_build_returns_a_cancelled_build_instead_of_raising(
    af: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/agents/7/build/status")
    route.side_effect = [
        httpx.Response(200, json=build_status("running")),
        httpx.Response(200, json=build_status("cancelled")),
    ]
    status = await af.agents.wait_for_build(7, poll_interval=0.01)
    assert status.state == "cancelled"
    assert route.call_count == 2


@pytest.mark.anyio
async def test_wait_for_build_raises_build_failed_with_the_final_status(
    af: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/agents/7/build/status")
    route.side_effect = [
        httpx.Response(200, json=build_status("running")),
        httpx.Response(200, json=build_status("failed", error="bun install exited 1")),
    ]
    with pytest.raises(BuildFailedError) as info:
        await af.agents.wait_for_build(7, poll_interval=0.01)
    assert isinstance(info.value, AnyFrameError)
    assert isinstance(info.value.build_status, BuildStatus)
    assert info.value.build_status.state == "failed"
    assert "bun install exited 1" in str(info.value)
    assert route.call_count == 2


@pytest.mark.anyio
async def test_wait_for_build_raises_builtin_timeout_error_at_the_deadline(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get("/api/agents/7/build/status").respond(200, json=build_status("running"))
    # The client's first call builds its pools (an SSL context: tens of ms, more on a busy machine);
    # made beforehand, it leaves the whole timeout to the polls.
    await af.agents.build_status(7)
    with pytest.raises(TimeoutError) as info:
        await af.agents.wait_for_build(7, timeout=0.2, poll_interval=0.01)
    assert not isinstance(info.value, AnyFrameError)
    assert route.call_count - 1 >= 2  # polled again before the deadline


@pytest.mark.anyio
async def test_wait_for_build_of_a_never_built_agent_says_to_queue_a_build_at_the_deadline(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    # `state` null is the contract's "never built": waiting cannot end well until someone builds.
    api.get("/api/agents/7/build/status").respond(200, json={"agent_id": 7, "build_key": None})
    await af.agents.build_status(7)  # the pools are built before the timeout starts
    with pytest.raises(TimeoutError) as info:
        await af.agents.wait_for_build(7, timeout=0.1, poll_interval=0.01)
    assert str(info.value).startswith("build of agent 7 still 'not started' after 0.1s (")
    assert str(info.value).endswith("): it was never built: queue a build with agents.build(7) first")


@pytest.mark.anyio
async def test_wait_for_build_propagates_an_http_error_while_polling(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get("/api/agents/999/build/status").respond(404, json={"detail": "agent not found"})
    with pytest.raises(NotFoundError):
        await af.agents.wait_for_build(999)
