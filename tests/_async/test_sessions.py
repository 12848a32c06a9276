"""Wire tests of the session lifecycle calls of `af.sessions` and of `wait_until_running`
(api-contract.md §8.1-§8.8, §15, §1.2).

Contracts pinned here:

- `list()`: `GET /api/sessions` -> `list[Session]` (previews parsed, `started_at` a float).
- `create(agent_id=)`: `POST /api/sessions` with exactly `{"agent_id":7,"idle_timeout_s":300,"unsafe":false}`;
  `is_setup_session=True` appends `"is_setup_session":true` (never sent as false);
  `resume_from_snapshot_id` is sent only when given; 202 -> `Session` in `booting`.
- `get(id)`: `GET /api/sessions/{id}`; `delete(id)`: `DELETE`, 204 -> `None`.
- `terminate(id)` and `save_as_base(id)`: `POST .../terminate` / `.../save-as-base` with NO body and no
  Content-Type -> `Session` / `SaveAsBaseResult`.
- `resume(id)`: `POST .../resume` with exactly `{"unsafe":false}` (always sent).
- `snapshots(id)`: `GET .../snapshots` -> `list[Snapshot]`.
- Session ids: a `str` is put in the path exactly as given; a `uuid.UUID` is rendered lowercase-hyphenated.
- `wait_until_running`: booting -> running returns the running session; `terminated` / `error` raise
  `SessionEndedError` carrying `.session`; the deadline raises the builtin `TimeoutError`; a never-created
  id raises `NotFoundError` (as the user guide says).
"""

from __future__ import annotations

import uuid

import httpx
import pytest
import respx

from anyframe import (
    AnyFrameError,
    AsyncAnyFrame,
    NotFoundError,
    Preview,
    SaveAsBaseResult,
    Session,
    SessionEndedError,
    Snapshot,
)

from .wire import SAVE_AS_BASE, SID, SNAPSHOT, assert_sent, session

BASE = f"/api/sessions/{SID}"


@pytest.mark.anyio
async def test_list_gets_api_sessions_with_their_previews(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get("/api/sessions").respond(200, json=[session("running")])
    sessions = await af.sessions.list()
    assert_sent(route, "GET", "/api/sessions")
    assert [type(s) for s in sessions] == [Session]
    assert (sessions[0].id, sessions[0].status, sessions[0].idle_timeout_s) == (SID, "running", 300)
    assert [type(p) for p in sessions[0].previews] == [Preview]
    assert sessions[0].previews[0].started_at == 1234567890.0


@pytest.mark.anyio
async def test_create_sends_agent_id_and_the_two_defaults(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/sessions").respond(202, json=session("booting"))
    created = await af.sessions.create(agent_id=7)
    assert_sent(route, "POST", "/api/sessions", body=b'{"agent_id":7,"idle_timeout_s":300,"unsafe":false}')
    assert isinstance(created, Session)
    assert created.status == "booting"


@pytest.mark.anyio
async def test_create_a_setup_session_appends_is_setup_session_true(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/sessions").respond(202, json=session("booting", is_setup_session=True))
    created = await af.sessions.create(agent_id=7, is_setup_session=True)
    assert_sent(
        route,
        "POST",
        "/api/sessions",
        body=b'{"agent_id":7,"idle_timeout_s":300,"unsafe":false,"is_setup_session":true}',
    )
    assert created.is_setup_session is True


@pytest.mark.anyio
async def test_create_sends_the_options_given(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/sessions").respond(202, json=session("booting"))
    await af.sessions.create(agent_id=7, idle_timeout_s=60, unsafe=True, resume_from_snapshot_id=21)
    assert (
        route.calls.last.request.content
        == b'{"agent_id":7,"idle_timeout_s":60,"unsafe":true,"resume_from_snapshot_id":21}'
    )


@pytest.mark.anyio
async def test_get_gets_the_session_by_id(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get(BASE).respond(200, json=session("running"))
    got = await af.sessions.get(SID)
    assert_sent(route, "GET", BASE)
    assert got.sandbox_url == "https://sb-1.sandbox.test"


@pytest.mark.anyio
async def test_a_string_session_id_is_sent_exactly_as_given(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    upper = SID.upper()
    route = api.get(f"/api/sessions/{upper}").respond(200, json=session("running"))
    await af.sessions.get(upper)
    assert_sent(route, "GET", f"/api/sessions/{upper}")


@pytest.mark.anyio
async def test_a_uuid_session_id_is_rendered_lowercase_hyphenated(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get(BASE).respond(200, json=session("running"))
    await af.sessions.get(uuid.UUID(SID.upper().replace("-", "")))
    assert_sent(route, "GET", BASE)


@pytest.mark.anyio
async def test_delete_deletes_the_session(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.delete(BASE).respond(204)
    await af.sessions.delete(SID)
    assert_sent(route, "DELETE", BASE)


@pytest.mark.anyio
async def test_terminate_posts_no_body(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE}/terminate").respond(202, json=session("snapshotting"))
    ended = await af.sessions.terminate(SID)
    assert_sent(route, "POST", f"{BASE}/terminate")
    assert ended.status == "snapshotting"


@pytest.mark.anyio
async def test_resume_always_sends_unsafe(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE}/resume").respond(202, json=session("booting"))
    resumed = await af.sessions.resume(SID)
    assert_sent(route, "POST", f"{BASE}/resume", body=b'{"unsafe":false}')
    assert resumed.status == "booting"


@pytest.mark.anyio
async def test_resume_unsafe_sends_unsafe_true(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post(f"{BASE}/resume").respond(202, json=session("booting"))
    await af.sessions.resume(SID, unsafe=True)
    assert route.calls.last.request.content == b'{"unsafe":true}'


@pytest.mark.anyio
async def test_snapshots_gets_the_sessions_snapshots(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get(f"{BASE}/snapshots").respond(200, json=[SNAPSHOT])
    snapshots = await af.sessions.snapshots(SID)
    assert_sent(route, "GET", f"{BASE}/snapshots")
    assert [type(s) for s in snapshots] == [Snapshot]
    assert (snapshots[0].id, snapshots[0].modal_image_id, snapshots[0].label) == (21, "im_snap", None)


@pytest.mark.anyio
async def test_save_as_base_posts_no_body_to_the_hyphenated_path(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post(f"{BASE}/save-as-base").respond(200, json=SAVE_AS_BASE)
    saved = await af.sessions.save_as_base(SID)
    assert_sent(route, "POST", f"{BASE}/save-as-base")
    assert isinstance(saved, SaveAsBaseResult)
    assert (saved.warmup_image_id, saved.warmup_inputs_hash) == ("im_abc", "sha256:deadbeef")


@pytest.mark.anyio
async def test_wait_until_running_polls_until_running(
    af: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get(BASE)
    route.side_effect = [
        httpx.Response(200, json=session("booting", sandbox_url=None)),
        httpx.Response(200, json=session("booting", sandbox_url=None)),
        httpx.Response(200, json=session("running")),
    ]
    seen: list[str] = []
    running = await af.sessions.wait_until_running(
        SID, poll_interval=0.05, on_status=lambda s: seen.append(s.status)
    )
    assert (running.status, running.sandbox_url) == ("running", "https://sb-1.sandbox.test")
    assert route.call_count == 3
    assert seen == ["booting", "booting", "running"]
    assert len(sleeps) == 2
    assert all(0 < delay <= 0.05 for delay in sleeps)


@pytest.mark.anyio
@pytest.mark.parametrize("final", ["terminated", "error"])
async def test_wait_until_running_raises_session_ended_when_the_session_ends(
    af: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float], final: str
) -> None:
    route = api.get(BASE)
    route.side_effect = [
        httpx.Response(200, json=session("booting")),
        httpx.Response(200, json=session(final)),
    ]
    with pytest.raises(SessionEndedError) as info:
        await af.sessions.wait_until_running(SID, poll_interval=0.01)
    assert isinstance(info.value.session, Session)
    assert info.value.session.status == final
    assert final in str(info.value)
    assert route.call_count == 2


@pytest.mark.anyio
async def test_wait_until_running_raises_builtin_timeout_error_at_the_deadline(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get(BASE).respond(200, json=session("booting"))
    # The client's first call builds its pools (an SSL context: tens of ms, more on a busy machine);
    # made beforehand, it leaves the whole timeout to the polls.
    await af.sessions.get(SID)
    with pytest.raises(TimeoutError) as info:
        await af.sessions.wait_until_running(SID, timeout=0.2, poll_interval=0.01)
    assert not isinstance(info.value, AnyFrameError)
    assert route.call_count - 1 >= 2  # polled again before the deadline


@pytest.mark.anyio
async def test_wait_until_running_on_a_never_created_id_raises_not_found(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get(BASE).respond(404, json={"detail": "session not found"})
    with pytest.raises(NotFoundError):
        await af.sessions.wait_until_running(SID)
