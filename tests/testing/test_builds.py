"""Builds of the local control plane: lifecycle, cache, failures, the log stream and the log URL.

Contracts pinned:
- `POST /build` answers 202 `BuildQueued`; the build goes queued -> running -> succeeded and the agent then
  has `build_key` and `AgentDetail.image`; `build/status` before any build is `{"agent_id", "build_key": null}`;
- while a build runs a second request answers `queued: false, reason: "build already running"`;
- a finished recipe is cached by (repo_url, repo_ref, install_cmd), across agents: `queued: false,
  reason: "cached"` and status `succeeded` at once, unless `force`;
- `install_cmd` with `exit N` (N != 0) or the word `fail` fails the build with an `error`;
- the stream sends `line` frames (`offset`, `content`) then one `state` frame, then ends; frames arrive
  while the build runs, and a late subscriber gets the backlog;
- builds are listed newest first and honour `limit`; `log_url` answers `{url, expires_in: 300}` and the
  URL serves the log text.
"""

from __future__ import annotations

import json
import time

import httpx

from anyframe.testing import serve

from ._helpers import frames, make_agent, wait_for


def _build(api: httpx.Client, agent_id: object, force: bool = False) -> dict[str, object]:
    response = api.post(f"/api/agents/{agent_id}/build", json={"force": force})
    assert response.status_code == 202, response.text
    body: dict[str, object] = response.json()
    return body


def _state(api: httpx.Client, agent_id: object) -> object:
    return api.get(f"/api/agents/{agent_id}/build/status").json().get("state")


def test_status_before_any_build_has_null_build_key(api: httpx.Client) -> None:
    agent = make_agent(api)
    assert api.get(f"/api/agents/{agent['id']}/build/status").json() == {
        "agent_id": agent["id"],
        "build_key": None,
    }


def test_build_succeeds_and_sets_the_agent_image(api: httpx.Client) -> None:
    agent = make_agent(api, repo_url="tinyhq/box", install_cmd="bun install")
    queued = _build(api, agent["id"])
    assert queued["queued"] is True
    assert isinstance(queued["build_id"], int)
    assert queued["build_key"]
    assert _state(api, agent["id"]) in ("queued", "running")
    wait_for(lambda: _state(api, agent["id"]) == "succeeded")
    status = api.get(f"/api/agents/{agent['id']}/build/status").json()
    assert status["built_image_id"].startswith("im_")
    assert status["finished_at"]
    detail = api.get(f"/api/agents/{agent['id']}").json()
    assert detail["build_key"] == queued["build_key"]
    assert detail["image"]["modal_image_id"] == status["built_image_id"]


def test_second_build_while_running_is_not_queued(api: httpx.Client) -> None:
    agent = make_agent(api, install_cmd="make")
    first = _build(api, agent["id"])
    again = _build(api, agent["id"])
    assert again == {"agent_id": agent["id"], "build_key": first["build_key"], "queued": False,
                     "reason": "build already running", "build_id": first["build_id"]}  # fmt: skip


def test_same_recipe_is_cached_across_agents_unless_forced(api: httpx.Client) -> None:
    recipe = {"repo_url": "tinyhq/box", "repo_ref": "dev", "install_cmd": "bun install"}
    first = make_agent(api, **recipe)
    _build(api, first["id"])
    wait_for(lambda: _state(api, first["id"]) == "succeeded")
    cached = _build(api, first["id"])
    assert cached["queued"] is False
    assert cached["reason"] == "cached"
    second = make_agent(api, name="twin", **recipe)
    assert _build(api, second["id"])["reason"] == "cached"
    assert _state(api, second["id"]) == "succeeded"
    assert api.get(f"/api/agents/{second['id']}").json()["image"] is not None
    forced = _build(api, second["id"], force=True)
    assert forced["queued"] is True
    other = make_agent(api, name="other", repo_url="tinyhq/box", repo_ref="main", install_cmd="bun install")
    assert _build(api, other["id"])["queued"] is True


def test_failing_recipe_fails_with_an_error(api: httpx.Client) -> None:
    agent = make_agent(api, install_cmd="npm ci && exit 3")
    build = _build(api, agent["id"])
    wait_for(lambda: _state(api, agent["id"]) == "failed")
    status = api.get(f"/api/agents/{agent['id']}/build/status").json()
    assert "3" in status["error"]
    assert status["built_image_id"] is None
    assert api.get(f"/api/agents/{agent['id']}").json()["image"] is None
    with api.stream("GET", f"/api/agents/{agent['id']}/builds/{build['build_id']}/stream") as response:
        received = list(frames(response))
    assert received[-1]["event"] == "state"
    assert json.loads(received[-1]["data"])["state"] == "failed"
    word = make_agent(api, name="w", install_cmd="./scripts/fail")
    _build(api, word["id"])
    wait_for(lambda: _state(api, word["id"]) == "failed")


def test_stream_sends_lines_then_state_then_ends(api: httpx.Client) -> None:
    agent = make_agent(api, repo_url="tinyhq/box", install_cmd="bun install")
    build = _build(api, agent["id"])
    with api.stream("GET", f"/api/agents/{agent['id']}/builds/{build['build_id']}/stream") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["transfer-encoding"] == "chunked"
        received = list(frames(response))  # ends: the server closes the stream after `state`
    lines = [json.loads(f["data"]) for f in received if f["event"] == "line"]
    assert [f["event"] for f in received] == ["line"] * len(lines) + ["state"]
    assert json.loads(received[-1]["data"]) == {"state": "succeeded"}
    assert any("bun install" in line["content"] for line in lines)
    offsets = [line["offset"] for line in lines]
    assert offsets[0] == 0
    assert offsets == sorted(offsets)
    assert offsets[1] == len(lines[0]["content"].encode())


def test_stream_is_live_and_late_subscribers_get_the_backlog() -> None:
    with (
        serve(build_seconds=1.0, time_scale=1.0) as plane,
        httpx.Client(base_url=plane.url, headers={"Authorization": f"Bearer {plane.api_key}"}) as api,
    ):
        agent = make_agent(api, repo_url="tinyhq/box", install_cmd="bun install")
        build = _build(api, agent["id"])
        path = f"/api/agents/{agent['id']}/builds/{build['build_id']}/stream"
        with api.stream("GET", path) as response:
            stream = frames(response)
            first = next(stream)
            assert first["event"] == "line"
            assert _state(api, agent["id"]) == "running"  # the first frame came before the end
            live = [first, *stream]
        with api.stream("GET", path) as response:
            late = list(frames(response))
        assert late == live


def test_builds_are_listed_newest_first_with_limit(api: httpx.Client) -> None:
    agent = make_agent(api, install_cmd="x")
    ids = []
    for _ in range(3):
        ids.append(_build(api, agent["id"], force=True)["build_id"])
        wait_for(lambda: _state(api, agent["id"]) == "succeeded")
    listed = api.get(f"/api/agents/{agent['id']}/builds", params={"limit": 20}).json()
    assert [b["id"] for b in listed] == ids[::-1]
    assert listed[0]["state"] == "succeeded"
    assert listed[0]["log_size"] > 0
    assert [b["id"] for b in api.get(f"/api/agents/{agent['id']}/builds", params={"limit": 2}).json()] == ids[
        :0:-1
    ]
    assert api.get(f"/api/agents/{agent['id']}/builds", params={"limit": "x"}).status_code == 422


def test_log_url_serves_the_log_text(api: httpx.Client) -> None:
    agent = make_agent(api, install_cmd="bun install")
    build = _build(api, agent["id"])
    wait_for(lambda: _state(api, agent["id"]) == "succeeded")
    log_url = api.get(f"/api/agents/{agent['id']}/builds/{build['build_id']}/log_url").json()
    assert log_url["expires_in"] == 300
    text = httpx.get(log_url["url"]).text
    assert "$ bun install" in text
    assert api.get(f"/api/agents/{agent['id']}/builds/999/log_url").json() == {"detail": "build not found"}
    assert api.get(f"/api/agents/{agent['id']}/builds/999/stream").status_code == 404


def test_build_time_follows_the_time_scale() -> None:
    with (
        serve(time_scale=0) as plane,
        httpx.Client(base_url=plane.url, headers={"Authorization": f"Bearer {plane.api_key}"}) as api,
    ):
        agent = make_agent(api)
        started = time.monotonic()
        _build(api, agent["id"])
        wait_for(lambda: _state(api, agent["id"]) == "succeeded")
        assert time.monotonic() - started < 0.5
