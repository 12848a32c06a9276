"""Session lifecycle of the local control plane: boot, idle pause, terminate, resume, delete, setup sessions.

Contracts pinned:
- create answers 202 `booting` (404 `agent not found` for an unknown agent), then `running` with
  `sandbox_url` and `modal_sandbox_id`; list is newest first;
- a session idle for `idle_timeout_s` (scaled) snapshots itself: `terminated` with `snapshot_image_id`;
- terminate answers 202 `snapshotting`, then `terminated` with a snapshot; terminating again answers 202;
- resume answers 202 `booting` then `running`; 409 while live; 409 `no snapshot to resume from`;
- delete answers 409 `session is running` while live, 204 once terminated, then the session is 404;
- snapshots are listed newest first; `resume_from_snapshot_id` must name a snapshot of the same agent;
- save-as-base answers 400 for a normal session and sets the agent's `warmup_image_id` for a setup one;
- a session of an agent whose only build failed ends in `error`;
- `plane.seed()` creates a demo agent, a build and a session without touching the request log.
"""

from __future__ import annotations

import time

import httpx

from anyframe.testing import LocalControlPlane, serve

from ._helpers import make_agent, running_session, session_status, wait_for


def test_create_boots_then_runs(api: httpx.Client) -> None:
    agent = make_agent(api)
    response = api.post(
        "/api/sessions", json={"agent_id": agent["id"], "idle_timeout_s": 300, "unsafe": False}
    )
    assert response.status_code == 202
    created = response.json()
    assert created["status"] == "booting"
    assert created["sandbox_url"] is None
    assert created["previews"] == []
    assert created["is_setup_session"] is False
    assert created["idle_timeout_s"] == 300
    wait_for(lambda: session_status(api, created["id"]) == "running")
    session = api.get(f"/api/sessions/{created['id']}").json()
    assert session["sandbox_url"].startswith("https://")
    assert session["modal_sandbox_id"]


def test_create_for_unknown_agent_is_404(api: httpx.Client) -> None:
    response = api.post("/api/sessions", json={"agent_id": 404})
    assert response.status_code == 404
    assert response.json() == {"detail": "agent not found"}
    assert api.post("/api/sessions", json={"agent_id": "1"}).status_code == 422
    assert api.post("/api/sessions", json={"agent_id": 1, "idle_timeout_s": -1}).status_code == 422


def test_sessions_are_listed_newest_first(api: httpx.Client) -> None:
    agent = make_agent(api)
    ids = [api.post("/api/sessions", json={"agent_id": agent["id"]}).json()["id"] for _ in range(3)]
    assert [s["id"] for s in api.get("/api/sessions").json()] == ids[::-1]


def test_unknown_session_is_404(api: httpx.Client) -> None:
    response = api.get("/api/sessions/11111111-2222-3333-4444-555555555555")
    assert response.status_code == 404
    assert response.json() == {"detail": "session not found"}


def test_idle_session_snapshots_itself(api: httpx.Client) -> None:
    session = running_session(api, idle_timeout_s=1)
    wait_for(lambda: session_status(api, session["id"]) == "terminated")
    after = api.get(f"/api/sessions/{session['id']}").json()
    assert after["snapshot_image_id"].startswith("im_")
    snapshots = api.get(f"/api/sessions/{session['id']}/snapshots").json()
    assert [s["modal_image_id"] for s in snapshots] == [after["snapshot_image_id"]]
    assert snapshots[0]["label"] == "idle"


def test_zero_idle_timeout_never_pauses(api: httpx.Client) -> None:
    session = running_session(api, idle_timeout_s=0)
    other = running_session(api, idle_timeout_s=1)
    wait_for(lambda: session_status(api, other["id"]) == "terminated")
    assert session_status(api, session["id"]) == "running"


def test_terminate_snapshots_and_is_idempotent(api: httpx.Client) -> None:
    session = running_session(api)
    response = api.post(f"/api/sessions/{session['id']}/terminate")
    assert response.status_code == 202
    assert response.json()["status"] == "snapshotting"
    wait_for(lambda: session_status(api, session["id"]) == "terminated")
    again = api.post(f"/api/sessions/{session['id']}/terminate")
    assert again.status_code == 202
    assert again.json()["status"] == "terminated"
    assert len(api.get(f"/api/sessions/{session['id']}/snapshots").json()) == 1


def test_delete_is_409_while_live_and_204_once_terminated(api: httpx.Client) -> None:
    session = running_session(api)
    refused = api.delete(f"/api/sessions/{session['id']}")
    assert refused.status_code == 409
    assert refused.json() == {"detail": "session is running"}
    api.post(f"/api/sessions/{session['id']}/terminate")
    wait_for(lambda: session_status(api, session["id"]) == "terminated")
    assert api.delete(f"/api/sessions/{session['id']}").status_code == 204
    assert api.get(f"/api/sessions/{session['id']}").status_code == 404


def test_resume_reboots_from_the_latest_snapshot(api: httpx.Client) -> None:
    session = running_session(api)
    assert api.post(f"/api/sessions/{session['id']}/resume", json={"unsafe": False}).status_code == 409
    api.post(f"/api/sessions/{session['id']}/terminate")
    wait_for(lambda: session_status(api, session["id"]) == "terminated")
    image = api.get(f"/api/sessions/{session['id']}").json()["snapshot_image_id"]
    response = api.post(f"/api/sessions/{session['id']}/resume", json={"unsafe": False})
    assert response.status_code == 202
    assert response.json()["status"] == "booting"
    assert response.json()["snapshot_image_id"] == image
    wait_for(lambda: session_status(api, session["id"]) == "running")
    api.post(f"/api/sessions/{session['id']}/terminate")
    wait_for(lambda: session_status(api, session["id"]) == "terminated")
    snapshots = api.get(f"/api/sessions/{session['id']}/snapshots").json()
    assert len(snapshots) == 2
    assert snapshots[0]["id"] > snapshots[1]["id"]
    bodiless = api.post(f"/api/sessions/{session['id']}/resume")  # the spec requires a body
    assert bodiless.status_code == 422
    assert bodiless.json()["detail"] == [{"loc": ["body"], "msg": "Field required", "type": "missing"}]
    assert api.post(f"/api/sessions/{session['id']}/resume", json={}).status_code == 202  # `unsafe` optional


def test_resume_without_a_snapshot_is_409(api: httpx.Client) -> None:
    agent = make_agent(api, install_cmd="exit 1")
    api.post(f"/api/agents/{agent['id']}/build", json={"force": False})
    wait_for(lambda: api.get(f"/api/agents/{agent['id']}/build/status").json().get("state") == "failed")
    session = api.post("/api/sessions", json={"agent_id": agent["id"]}).json()
    wait_for(lambda: session_status(api, session["id"]) == "error")
    response = api.post(f"/api/sessions/{session['id']}/resume", json={})
    assert response.status_code == 409
    assert response.json() == {"detail": "no snapshot to resume from"}
    assert api.delete(f"/api/sessions/{session['id']}").status_code == 204


def test_create_from_a_snapshot(api: httpx.Client) -> None:
    session = running_session(api)
    api.post(f"/api/sessions/{session['id']}/terminate")
    wait_for(lambda: session_status(api, session["id"]) == "terminated")
    snapshot = api.get(f"/api/sessions/{session['id']}/snapshots").json()[0]
    body = {"agent_id": session["agent_id"], "resume_from_snapshot_id": snapshot["id"]}
    fork = api.post("/api/sessions", json=body)
    assert fork.status_code == 202
    assert fork.json()["snapshot_image_id"] == snapshot["modal_image_id"]
    missing = api.post("/api/sessions", json={**body, "resume_from_snapshot_id": 999})
    assert missing.status_code == 404


def test_save_as_base_needs_a_setup_session(api: httpx.Client) -> None:
    agent = make_agent(api)
    normal = running_session(api, agent["id"])
    refused = api.post(f"/api/sessions/{normal['id']}/save-as-base")
    assert refused.status_code == 400
    assert refused.json() == {"detail": "session is not a setup session"}
    setup = running_session(api, agent["id"], is_setup_session=True)
    assert setup["is_setup_session"] is True
    result = api.post(f"/api/sessions/{setup['id']}/save-as-base")
    assert result.status_code == 200
    saved = result.json()
    assert saved["warmup_image_id"].startswith("im_")
    assert saved["warmup_inputs_hash"].startswith("sha256:")
    assert api.get(f"/api/agents/{agent['id']}").json()["warmup_image_id"] == saved["warmup_image_id"]
    again = api.post(f"/api/sessions/{setup['id']}/save-as-base").json()
    assert again["warmup_image_id"] != saved["warmup_image_id"]  # each call overwrites the base


def test_seed_creates_a_demo_agent_and_a_session(api: httpx.Client, plane: LocalControlPlane) -> None:
    seeded = plane.seed()
    wait_for(lambda: session_status(api, seeded["session_id"]) == "running")
    assert [a["name"] for a in api.get("/api/agents").json()] == ["demo"]
    assert api.get(f"/api/agents/{seeded['agent_id']}/builds").json()[0]["id"] == seeded["build_id"]
    assert plane.requests.filter(method="POST") == []  # seeding bypasses the request log


def test_time_scale_zero_never_idles_a_session_out() -> None:
    # `time_scale=0` makes every transition instant; it must not make the idle timeout instant too.
    with (
        serve(time_scale=0) as fast,
        httpx.Client(
            base_url=fast.url, headers={"Authorization": f"Bearer {fast.api_key}"}, timeout=5.0
        ) as client,
    ):
        session = running_session(client)
        time.sleep(0.2)
        assert session_status(client, session["id"]) == "running"
