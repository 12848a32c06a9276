"""Sessions: boot, idle pause, terminate, resume, snapshots and save-as-base (contract §8.1-§8.8).

Lifecycle: `booting` -> `running` after `Timings.boot_seconds` (or `error` when the agent has no image
and its last build failed). A running session with no chat activity for `idle_timeout_s` (scaled by
`Timings.idle_scale` and `time_scale`; `0`, or a scale of `0`, disables it) snapshots itself: `snapshotting`, then
`terminated` with `snapshot_image_id` set. The contract's `SessionStatus` has no `paused`, so an idled
session is `terminated` on the wire and shows up as kind `paused` on the attention rail for 24 hours.

Decisions where the contract leaves room: terminate is idempotent (202 with the current row when the
session is already snapshotting, terminated or in error); resume answers 409 while the session is live
and 409 `no snapshot to resume from` without a snapshot; delete answers 409 `session is running` unless
the session is terminated or in error; save-as-base answers 400 for a normal session and 409 when the
setup session is not running.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from typing import cast

from ._http import ApiError, Request, Response, empty_response, json_response
from ._routing import SESSION, Handler, Params
from ._rows import SessionRow, SnapshotRow, utcnow
from ._world import World, short_id

__all__ = [
    "ROUTES",
    "create_session",
    "delete_session",
    "get_session",
    "list_sessions",
    "list_snapshots",
    "mark_active",
    "resume_session",
    "save_as_base",
    "terminate_session",
]

LIVE = frozenset({"booting", "running", "snapshotting"})


def _current(world: World, session: SessionRow, epoch: int) -> bool:
    return world.sessions.get(session.id) is session and session.epoch == epoch


def _boot(world: World, session: SessionRow) -> None:
    session.status = "booting"
    session.epoch += 1
    epoch = session.epoch
    agent = world.agents.get(session.agent_id)
    build = agent.status_build if agent is not None else None
    broken = agent is not None and agent.image is None and build is not None and build.state == "failed"

    def ready() -> None:
        if not _current(world, session, epoch) or session.status != "booting":
            return
        if broken:
            session.status = "error"
            return
        session.status = "running"
        session.modal_sandbox_id = short_id("sb-")
        session.sandbox_url = f"https://{session.modal_sandbox_id}.sandbox.anyframe.invalid"
        session.exposed_ports = set(agent.preview_ports) if agent is not None else set()
        mark_active(world, session)

    world.later(world.timings.boot, ready)


def mark_active(world: World, session: SessionRow) -> None:
    """Record chat activity now and (re)arm the idle timer of a running session."""
    session.last_active = utcnow()
    idle = world.timings.idle(session.idle_timeout_s)
    # An idle timeout scaled down to nothing (`time_scale=0`, `idle_scale=0`) means "never": a session
    # that snapshotted itself the moment it booted would make every fast test flaky.
    if session.idle_timeout_s <= 0 or idle <= 0:
        return
    session.idle_deadline = time.monotonic() + idle
    if not session.idle_check_pending:
        session.idle_check_pending = True
        _check_idle_later(world, session, session.idle_deadline - time.monotonic())


def _check_idle_later(world: World, session: SessionRow, delay: float) -> None:
    epoch = session.epoch

    def check() -> None:
        if not _current(world, session, epoch):
            return
        session.idle_check_pending = False
        if session.status != "running":
            return
        remaining = session.idle_deadline - time.monotonic()
        busy = session.turn is not None and session.turn.waiting is None
        if remaining > 0 or busy:
            session.idle_check_pending = True
            _check_idle_later(world, session, remaining if remaining > 0 else world.timings.turn or 0.05)
            return
        begin_snapshot(world, session, "idle")

    world.later(delay, check)


def begin_snapshot(world: World, session: SessionRow, label: str) -> None:
    """Stop the sandbox: `snapshotting` now, `terminated` with a new snapshot after `snapshot_seconds`."""
    session.status = "snapshotting"
    session.epoch += 1
    epoch = session.epoch
    session.turn = None
    session.queue.clear()
    session.idle_check_pending = False
    for preview in session.previews.values():
        if preview.status in ("starting", "running"):
            preview.status = "stopped"
    world.changed()  # its event streams end (see `_chat`)

    def done() -> None:
        if not _current(world, session, epoch):
            return
        snapshot = _snapshot(world, session, label)
        session.status = "terminated"
        session.snapshot_image_id = snapshot.modal_image_id
        session.sandbox_url = None
        session.paused_at = snapshot.created_at if label == "idle" else None

    world.later(world.timings.snapshot, done)


def _snapshot(world: World, session: SessionRow, label: str) -> SnapshotRow:
    row = SnapshotRow(
        world.next_id("snapshot"), session.id, session.agent_id, short_id("im_"), label, utcnow()
    )
    world.snapshots[row.id] = row
    return row


def list_sessions(world: World, request: Request, params: Params) -> Response:
    """`GET /api/sessions`, newest first."""
    rows = sorted(world.sessions.values(), key=lambda s: -s.order)
    return json_response(200, [s.to_json() for s in rows])


def create_session(world: World, request: Request, params: Params) -> Response:
    """`POST /api/sessions` (202, status `booting`; 404 `agent not found`)."""
    body = params.fields()
    agent = world.agent(cast(int, body["agent_id"]))
    idle = body["idle_timeout_s"]
    image = agent.warmup_image_id if not body.get("is_setup_session") else None
    snapshot_id = body.get("resume_from_snapshot_id")
    if snapshot_id is not None:
        snapshot = world.snapshots.get(cast(int, snapshot_id))
        if snapshot is None or snapshot.agent_id != agent.id:
            raise ApiError(404, "snapshot not found")
        image = snapshot.modal_image_id
    now = utcnow()
    session = SessionRow(
        id=str(uuid.uuid4()),
        agent_id=agent.id,
        status="booting",
        idle_timeout_s=cast(int, idle),
        unsafe=body.get("unsafe") is True,
        is_setup_session=body.get("is_setup_session") is True,
        created_at=now,
        last_active=now,
        order=world.next_id("session"),
        snapshot_image_id=image,
    )
    world.sessions[session.id] = session
    _boot(world, session)
    return json_response(202, session.to_json())


def get_session(world: World, request: Request, params: Params) -> Response:
    """`GET /api/sessions/{session_id}`."""
    return json_response(200, world.session(params.text("session_id")).to_json())


def delete_session(world: World, request: Request, params: Params) -> Response:
    """`DELETE /api/sessions/{session_id}` (409 `session is running` while live)."""
    session = world.session(params.text("session_id"))
    if session.status in LIVE:
        raise ApiError(409, "session is running")
    del world.sessions[session.id]
    for snapshot_id in [s.id for s in world.snapshots.values() if s.session_id == session.id]:
        del world.snapshots[snapshot_id]
    world.changed()
    return empty_response()


def terminate_session(world: World, request: Request, params: Params) -> Response:
    """`POST /api/sessions/{session_id}/terminate` (202; idempotent)."""
    session = world.session(params.text("session_id"))
    if session.status in ("booting", "running"):
        begin_snapshot(world, session, "terminate")
    return json_response(202, session.to_json())


def resume_session(world: World, request: Request, params: Params) -> Response:
    """`POST /api/sessions/{session_id}/resume` (202 `booting`; 409 when live or without a snapshot)."""
    body = params.fields()
    session = world.session(params.text("session_id"))
    if session.status in LIVE:
        raise ApiError(409, f"session is {session.status}")
    snapshots = [s for s in world.snapshots.values() if s.session_id == session.id]
    if not snapshots:
        raise ApiError(409, "no snapshot to resume from")
    latest = max(snapshots, key=lambda s: s.id)
    session.snapshot_image_id = latest.modal_image_id
    session.paused_at = None
    session.unsafe = body["unsafe"] is True
    _boot(world, session)
    return json_response(202, session.to_json())


def list_snapshots(world: World, request: Request, params: Params) -> Response:
    """`GET /api/sessions/{session_id}/snapshots`, newest first."""
    session = world.session(params.text("session_id"))
    rows = sorted((s for s in world.snapshots.values() if s.session_id == session.id), key=lambda s: -s.id)
    return json_response(200, [s.to_json() for s in rows])


def save_as_base(world: World, request: Request, params: Params) -> Response:
    """`POST /api/sessions/{session_id}/save-as-base`: promote a setup session to the agent's warmup image."""
    session = world.session(params.text("session_id"))
    if not session.is_setup_session:
        raise ApiError(400, "session is not a setup session")
    if session.status != "running":
        raise ApiError(409, "session is not running")
    agent = world.agent(session.agent_id)
    snapshot = _snapshot(world, session, "base")
    agent.warmup_image_id = snapshot.modal_image_id
    agent.updated_at = utcnow()
    recipe = f"{agent.repo_url}\0{agent.repo_ref}\0{agent.install_cmd}\0{snapshot.modal_image_id}"
    digest = hashlib.sha256(recipe.encode()).hexdigest()
    return json_response(
        200, {"warmup_image_id": snapshot.modal_image_id, "warmup_inputs_hash": f"sha256:{digest}"}
    )


#: The operations this module serves, in the contract's order (`_routes.py` gathers them).
ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/api/sessions", list_sessions),
    ("POST", "/api/sessions", create_session),
    ("GET", SESSION, get_session),
    ("DELETE", SESSION, delete_session),
    ("POST", f"{SESSION}/terminate", terminate_session),
    ("POST", f"{SESSION}/resume", resume_session),
    ("GET", f"{SESSION}/snapshots", list_snapshots),
    ("POST", f"{SESSION}/save-as-base", save_as_base),
]
