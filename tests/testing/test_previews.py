"""Previews of the local control plane: the six actions of `POST /api/sessions/{id}/previews`.

Contracts pinned:
- `list` answers a bare array of `Preview` (`started_at` epoch float); `Session.previews` mirrors it;
- `start` requires `cmd` (422); without `port` it takes a free port of the agent's `preview_ports`, else
  allocates a new one with `restart_pending: true`; starting an open port answers `already_open: true`;
- `stop` / `status` / `logs` target by `port` or `name`; `logs` answers `{"lines": [...]}` honouring `tail`;
  an unknown preview answers `ok: false` with an `error`;
- `batch_start` is atomic: a duplicate port or name starts nothing;
- an unknown or missing `action` is 422; any action on a session that is not running is 409.
"""

from __future__ import annotations

import httpx

from ._helpers import make_agent, running_session


def _previews(api: httpx.Client, session_id: object, **body: object) -> httpx.Response:
    return api.post(f"/api/sessions/{session_id}/previews", json=body)


def _session(api: httpx.Client) -> str:
    agent = make_agent(api, preview_ports=[3000])
    return str(running_session(api, agent["id"])["id"])


def test_start_picks_the_agent_port_then_allocates_new_ones(api: httpx.Client) -> None:
    sid = _session(api)
    first = _previews(api, sid, action="start", cmd="bun dev", name="web").json()
    assert first["ok"] is True
    assert first["port"] == 3000
    assert first["status"] == "running"
    assert first["restart_pending"] is False
    assert first["already_open"] is False
    assert first["url"]
    second = _previews(api, sid, action="start", cmd="bun api").json()
    assert second["port"] == 3001
    assert second["restart_pending"] is True
    explicit = _previews(api, sid, action="start", cmd="docs", port=8080).json()
    assert explicit["port"] == 8080
    assert explicit["restart_pending"] is True
    again = _previews(api, sid, action="start", cmd="bun dev", port=3000).json()
    assert again["already_open"] is True


def test_list_and_session_previews_reflect_started_previews(api: httpx.Client) -> None:
    sid = _session(api)
    _previews(api, sid, action="start", cmd="bun dev", port=3000, name="web")
    listed = _previews(api, sid, action="list").json()
    assert isinstance(listed, list)
    assert len(listed) == 1
    preview = listed[0]
    assert preview["name"] == "web"
    assert preview["cmd"] == "bun dev"
    assert preview["exit_code"] is None
    assert isinstance(preview["started_at"], float)
    assert api.get(f"/api/sessions/{sid}").json()["previews"] == listed


def test_stop_status_and_logs_target_by_port_or_name(api: httpx.Client) -> None:
    sid = _session(api)
    _previews(api, sid, action="start", cmd="bun dev", port=3000, name="web")
    status = _previews(api, sid, action="status", name="web").json()
    assert status["ok"] is True
    assert status["status"] == "running"
    assert status["port"] == 3000
    logs = _previews(api, sid, action="logs", port=3000, tail=200).json()
    assert logs["lines"][0] == "$ bun dev"
    assert _previews(api, sid, action="logs", name="web", tail=1).json()["lines"] == logs["lines"][-1:]
    stopped = _previews(api, sid, action="stop", name="web").json()
    assert stopped == {**stopped, "ok": True, "status": "stopped", "port": 3000}
    assert _previews(api, sid, action="status", port=3000).json()["status"] == "stopped"
    missing = _previews(api, sid, action="status", name="nope").json()
    assert missing["ok"] is False
    assert missing["error"]


def test_failing_command_reports_an_error_status(api: httpx.Client) -> None:
    sid = _session(api)
    result = _previews(api, sid, action="start", cmd="node server.js; exit 2").json()
    assert result["ok"] is False
    assert result["status"] == "error"
    assert "2" in result["error"]


def test_batch_start_is_atomic(api: httpx.Client) -> None:
    sid = _session(api)
    specs = [{"cmd": "bun dev", "port": 3000, "name": "web"}, {"cmd": "bun api"}]
    result = _previews(api, sid, action="batch_start", previews=specs).json()
    assert result["ok"] is True
    assert result["error"] is None
    assert [p["port"] for p in result["previews"]] == [3000, 3001]
    assert result["restart_pending"] is True
    clash = [{"cmd": "a", "port": 5000}, {"cmd": "b", "port": 5000}]
    refused = _previews(api, sid, action="batch_start", previews=clash).json()
    assert refused["ok"] is False
    assert refused["previews"] == []
    assert [p["port"] for p in _previews(api, sid, action="list").json()] == [3000, 3001]
    bad = _previews(api, sid, action="batch_start", previews=[{"port": 1}])
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "previews", 0, "cmd"]


def test_invalid_bodies_are_422(api: httpx.Client) -> None:
    sid = _session(api)
    assert _previews(api, sid, action="start").json()["detail"][0]["loc"] == ["body", "cmd"]
    assert _previews(api, sid, action="explode").json()["detail"][0]["type"] == "literal_error"
    assert _previews(api, sid).json()["detail"][0]["type"] == "missing"
    assert _previews(api, sid, action="start", cmd="x", port=0).status_code == 422
    assert _previews(api, sid, action="logs", tail=-1).status_code == 422
    assert _previews(api, sid, action="stop", tail=5).status_code == 422


def test_previews_need_a_running_session(api: httpx.Client) -> None:
    agent = make_agent(api)
    booting = api.post("/api/sessions", json={"agent_id": agent["id"]}).json()
    response = _previews(api, booting["id"], action="list")
    assert response.status_code == 409
    assert response.json() == {"detail": "session is not running"}
