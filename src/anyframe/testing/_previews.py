"""Previews: the one `POST /api/sessions/{session_id}/previews` endpoint and its six actions (§10).

The body's `action` picks the operation (`list`, `start`, `stop`, `status`, `logs`, `batch_start`); the
spec's `PreviewActionRequest` (a union discriminated by `action`) validates each action's fields before
this module runs (unknown action or field, missing `cmd`, a port outside 1-65535: 422).
The session must be running (409 otherwise). A preview starts `running` at once; a command that
contains `exit N` (N != 0) or the word `fail` ends in `error` with that exit code and `ok: false`.

Ports: a session exposes its agent's `preview_ports`. `start` without a port takes the first exposed
port not in use; when none is free, or when an explicit port is not exposed yet, the port is added and
the result says `restart_pending: true` (the real plane must restart the sandbox to open it).
`batch_start` validates the whole batch first (duplicate ports or names: `ok: false`, nothing started)
and reports `restart_pending` once. Action-level failures (no such preview) answer 200 with
`ok: false` and an `error`, as the contract's result models suggest.
"""

from __future__ import annotations

import re
import time
from typing import cast

from ._http import ApiError, Request, Response, json_response
from ._routing import SESSION, Handler, Params
from ._rows import JSON, PreviewRow, SessionRow
from ._world import World

__all__ = ["ROUTES", "previews"]

_EXIT = re.compile(r"\bexit\s+(\d+)")
_FAIL = re.compile(r"\bfail\b", re.IGNORECASE)


def _exit_code(cmd: str) -> int:
    for match in _EXIT.finditer(cmd):
        if int(match.group(1)):
            return int(match.group(1))
    return 1 if _FAIL.search(cmd) else 0


def _result(preview: PreviewRow | None, **extra: object) -> JSON:
    base: JSON = {"ok": True, "port": None, "name": None, "url": None, "status": None, "restart_pending": False,
                  "already_open": False, "error": None}  # fmt: skip
    if preview is not None:
        base.update(port=preview.port, name=preview.name, url=preview.url, status=preview.status)
        if preview.status == "error":
            base.update(ok=False, error=f"process exited with code {preview.exit_code}")
    base.update(extra)
    return base


def _find(session: SessionRow, port: object, name: object) -> PreviewRow | None:
    if isinstance(port, int):
        return session.previews.get(port)
    if isinstance(name, str):
        return next((p for p in session.previews.values() if p.name == name), None)
    live = [p for p in session.previews.values() if p.status in ("starting", "running")]
    return live[0] if len(live) == 1 else None


def _pick_port(session: SessionRow, port: int | None, taken: set[int]) -> tuple[int, bool]:
    busy = {p.port for p in session.previews.values() if p.status in ("starting", "running")} | taken
    if port is None:
        free = sorted(p for p in session.exposed_ports if p not in busy)
        if free:
            return free[0], False
        port = max({2999, *session.exposed_ports, *session.previews, *taken}) + 1
    return port, port not in session.exposed_ports


def _launch(session: SessionRow, cmd: str, port: int, name: str | None) -> PreviewRow:
    session.exposed_ports.add(port)
    code = _exit_code(cmd)
    host = session.modal_sandbox_id or "sandbox"
    logs = [f"$ {cmd}", f"listening on http://0.0.0.0:{port}"]
    if code:
        logs.append(f"process exited with code {code}")
    preview = PreviewRow(
        port=port,
        name=name or f"preview-{port}",
        cmd=cmd,
        status="error" if code else "running",
        url=None if code else f"https://{port}-{host}.tunnel.anyframe.invalid",
        started_at=time.time(),
        exit_code=code or None,
        logs=logs,
    )
    session.previews[port] = preview
    return preview


def _name_clash(session: SessionRow, name: object, port: int) -> bool:
    return isinstance(name, str) and any(p.name == name and p.port != port for p in session.previews.values())


def _start(session: SessionRow, body: dict[str, object]) -> JSON:
    port, restart = _pick_port(session, cast("int | None", body.get("port")), set())
    existing = session.previews.get(port)
    if existing is not None and existing.status in ("starting", "running"):
        return _result(existing, already_open=True)
    if _name_clash(session, body.get("name"), port):
        return _result(None, ok=False, error=f"name {body['name']!r} is used by another preview")
    preview = _launch(session, str(body["cmd"]), port, cast("str | None", body.get("name")))
    return _result(preview, restart_pending=restart)


def _batch(session: SessionRow, checked: list[dict[str, object]]) -> JSON:
    plan: list[tuple[dict[str, object], int, bool]] = []
    taken: set[int] = set()
    names: set[str] = set()
    for spec in checked:
        port, restart = _pick_port(session, cast("int | None", spec.get("port")), taken)
        name = spec.get("name")
        if port in taken or (isinstance(name, str) and (name in names or _name_clash(session, name, port))):
            return {
                "ok": False,
                "restart_pending": False,
                "previews": [],
                "error": "duplicate port or name in batch",
            }
        taken.add(port)
        if isinstance(name, str):
            names.add(name)
        plan.append((spec, port, restart))
    started = []
    for spec, port, _ in plan:
        existing = session.previews.get(port)
        if existing is not None and existing.status in ("starting", "running"):
            started.append(existing)
        else:
            started.append(_launch(session, str(spec["cmd"]), port, cast("str | None", spec.get("name"))))
    failed = [p for p in started if p.status == "error"]
    return {
        "ok": not failed,
        "restart_pending": any(restart for _, _, restart in plan),
        "previews": [p.to_json() for p in started],
        "error": f"{len(failed)} preview(s) failed to start" if failed else None,
    }


def previews(world: World, request: Request, params: Params) -> Response:
    """`POST /api/sessions/{session_id}/previews`: dispatch on `action`."""
    fields = params.fields()
    action = fields["action"]
    session = world.session(params.text("session_id"))
    if session.status != "running":
        raise ApiError(409, "session is not running")
    if action == "list":
        return json_response(
            200, [p.to_json() for p in sorted(session.previews.values(), key=lambda p: p.port)]
        )
    if action == "start":
        return json_response(200, _start(session, fields))
    if action == "batch_start":
        return json_response(200, _batch(session, cast("list[dict[str, object]]", fields["previews"])))
    preview = _find(session, fields.get("port"), fields.get("name"))
    if action == "logs":
        lines = (
            []
            if preview is None
            else preview.logs[len(preview.logs) - min(cast(int, fields["tail"]), len(preview.logs)) :]
        )
        out: JSON = {"lines": lines}
        if preview is None:
            out["error"] = "no such preview"
        return json_response(200, out)
    if preview is None:
        return json_response(200, _result(None, ok=False, error="no such preview"))
    if action == "stop" and preview.status in ("starting", "running"):
        preview.status = "stopped"
        preview.logs.append("stopped")
    return json_response(200, _result(preview))


#: The operations this module serves, in the contract's order (`_routes.py` gathers them).
ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", f"{SESSION}/previews", previews),
]
