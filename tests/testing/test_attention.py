"""The attention rail of the local control plane, derived from live state.

Contracts pinned:
- `pending` for a session waiting on a `permission_request` (with `seq`, `payload`, `session_status` and
  a `Tool(arg=value)` preview), `idle` for a running session whose turn ended with `result` (preview =
  last assistant text), `paused` for a session that idled into a snapshot (with `snapshot_image_id`);
- items are ordered pending, idle, paused, newest first within a group;
- `limit` is clamped to [1, 100]; a non-integer limit is 422.
"""

from __future__ import annotations

import functools

import httpx

from ._helpers import make_agent, running_session, session_status, transcript_types, turn_done, wait_for


def test_attention_orders_pending_idle_paused(api: httpx.Client) -> None:
    agent = make_agent(api, name="rail")
    paused = running_session(api, agent["id"], idle_timeout_s=1)
    wait_for(lambda: session_status(api, paused["id"]) == "terminated")
    idle_old = running_session(api, agent["id"])
    idle_new = running_session(api, agent["id"])
    pending = running_session(api, agent["id"])
    for session in (idle_old, idle_new):
        api.post(f"/api/sessions/{session['id']}/message", json={"text": "hi"})
        wait_for(functools.partial(turn_done, api, session["id"]))
    api.post(f"/api/sessions/{pending['id']}/message", json={"text": "ask permission"})
    wait_for(lambda: "permission_request" in transcript_types(api, pending["id"]))

    items = api.get("/api/attention", params={"limit": 20}).json()
    assert [(i["kind"], i["session_id"]) for i in items] == [
        ("pending", pending["id"]), ("idle", idle_new["id"]), ("idle", idle_old["id"]), ("paused", paused["id"])
    ]  # fmt: skip
    first = items[0]
    assert first["agent_name"] == "rail"
    assert first["session_status"] == "running"
    assert first["payload"]["type"] == "permission_request"
    assert first["preview"].startswith("Bash(command=")
    assert isinstance(first["seq"], int)
    assert items[1]["preview"] == "All done."
    assert items[3]["snapshot_image_id"].startswith("im_")


def test_limit_is_clamped(api: httpx.Client) -> None:
    for _ in range(2):
        session = running_session(api)
        api.post(f"/api/sessions/{session['id']}/message", json={"text": "hi"})
        wait_for(functools.partial(turn_done, api, session["id"]))
    assert len(api.get("/api/attention", params={"limit": 0}).json()) == 1
    assert len(api.get("/api/attention", params={"limit": 1000}).json()) == 2
    assert api.get("/api/attention", params={"limit": "all"}).status_code == 422
    assert api.get("/api/attention").status_code == 200
