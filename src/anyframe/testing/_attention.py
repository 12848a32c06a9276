"""The attention rail, derived from live state on every call (contract §8.14, §11.9).

* `pending`: a session whose turn waits on an unanswered `permission_request` (with its `seq`, the
  event `payload` and a `preview` such as `Bash(command=rm -rf ./build)`);
* `idle`: a running session whose last event is a `result` (turn over, nothing queued), with the last
  assistant text as `preview`;
* `paused`: a session that snapshotted itself after `idle_timeout_s` within the last 24 hours, with its
  `snapshot_image_id`.

Ordered pending, then idle, then paused, newest first (`at`) inside each group; `limit` is clamped to
[1, 100].
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast

from ._http import Request, Response, json_response
from ._routing import Handler, Params
from ._rows import JSON, SessionRow, iso, utcnow
from ._world import World

__all__ = ["ROUTES", "attention"]


def _last_text(session: SessionRow) -> str | None:
    for event in reversed(session.events):
        message = event.payload.get("message")
        if event.payload.get("type") != "assistant" or not isinstance(message, dict):
            continue
        for block in reversed(message.get("content") or []):
            if isinstance(block, dict) and block.get("type") == "text":
                return str(block.get("text"))
    return None


def _summary(payload: JSON) -> str:
    tool = str(payload.get("tool_name", "tool"))
    args = payload.get("input")
    inner = ", ".join(f"{k}={v}" for k, v in args.items()) if isinstance(args, dict) else ""
    return f"{tool}({inner})"


def attention(world: World, request: Request, params: Params) -> Response:
    """`GET /api/attention?limit=N`."""
    limit = max(1, min(cast(int, params.query["limit"]), 100))  # clamped, as the contract says
    groups: tuple[list[tuple[datetime, JSON]], ...] = ([], [], [])
    horizon = utcnow() - timedelta(hours=24)
    for session in world.sessions.values():
        agent = world.agents.get(session.agent_id)
        base: JSON = {
            "session_id": session.id,
            "agent_id": session.agent_id,
            "agent_name": agent.name if agent else "",
        }
        waiting = session.turn.waiting if session.turn is not None else None
        if waiting is not None:
            groups[0].append((waiting.created_at, {
                "kind": "pending", **base, "session_status": session.status, "seq": waiting.seq,
                "payload": waiting.payload, "at": iso(waiting.created_at), "preview": _summary(waiting.payload),
            }))  # fmt: skip
        elif (
            session.status == "running"
            and session.turn is None
            and not session.queue
            and session.events
            and session.events[-1].payload.get("type") == "result"
        ):
            at = session.events[-1].created_at
            groups[1].append((at, {"kind": "idle", **base, "at": iso(at), "preview": _last_text(session)}))
        elif (
            session.status == "terminated" and session.paused_at is not None and session.paused_at >= horizon
        ):
            at = session.paused_at
            item = {"kind": "paused", **base, "snapshot_image_id": session.snapshot_image_id, "at": iso(at)}
            groups[2].append((at, item))
    items: list[JSON] = []
    for group in groups:
        items += [item for _, item in sorted(group, key=lambda pair: pair[0], reverse=True)]
    return json_response(200, items[:limit])


#: The operations this module serves, in the contract's order (`_routes.py` gathers them).
ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/api/attention", attention),
]
