"""Agents, skills, MCPs, connector toggles and request validation of the local control plane.

Contracts pinned:
- create answers 201 with the `Agent` summary: `runtime` defaults to `claude`, `repo_ref` to `main`,
  `env_vars` values are masked `****`; get/patch answer `AgentDetail` (skills, mcps, connectors, image);
- PATCH takes any subset; unknown fields, bad types and bad `env_vars` keys answer 422 with FastAPI-style
  `{"detail": [{"loc", "msg", "type"}]}`; unknown agents answer 404 `agent not found`;
- delete cascades (204) to builds and sessions;
- skills and MCPs: create 201, update 200, delete 204, unknown ids 404 (`skill gone`);
- toggles: one row per user connector, default from `default_enabled`, PUT sets it;
- routing: unknown path 404, known path with another method 405 (with `Allow`), non-integer id 422,
  invalid JSON 422.
"""

from __future__ import annotations

import httpx
import pytest

from ._helpers import make_agent, running_session


def test_create_applies_server_defaults_and_masks_env_vars(api: httpx.Client) -> None:
    agent = make_agent(api, env_vars={"API_TOKEN": "hunter2", "_X1": "y"})
    assert agent["runtime"] == "claude"
    assert agent["repo_ref"] == "main"
    assert agent["env_vars"] == {"API_TOKEN": "****", "_X1": "****"}
    assert agent["build_key"] is None
    assert "skills" not in agent
    assert "hunter2" not in api.get(f"/api/agents/{agent['id']}").text


@pytest.mark.parametrize("key", ["lower", "1ABC", "A-B", ""])
def test_bad_env_var_key_is_422(api: httpx.Client, key: str) -> None:
    response = api.post("/api/agents", json={"name": "x", "env_vars": {key: "v"}})
    assert response.status_code == 422
    issue = response.json()["detail"][0]
    assert issue["loc"] == ["body", "env_vars", key, "[key]"]  # pydantic's location of a bad dict key
    assert issue["type"] == "string_pattern_mismatch"
    assert "^[A-Z_][A-Z0-9_]*$" in issue["msg"]


def test_get_returns_agent_detail(api: httpx.Client) -> None:
    agent = make_agent(api, repo_url="tinyhq/box", preview_ports=[3000])
    detail = api.get(f"/api/agents/{agent['id']}").json()
    assert detail["skills"] == []
    assert detail["mcps"] == []
    assert detail["connectors"] == []
    assert detail["image"] is None
    assert detail["preview_ports"] == [3000]


def test_unknown_agent_is_404_agent_not_found(api: httpx.Client) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        response = api.request(method, "/api/agents/999", json={} if method == "PATCH" else None)
        assert response.status_code == 404
        assert response.json() == {"detail": "agent not found"}


def test_patch_updates_a_subset_and_returns_detail(api: httpx.Client) -> None:
    agent = make_agent(api, description="old", env_vars={"KEEP": "secret", "DROP": "x"})
    response = api.patch(f"/api/agents/{agent['id']}", json={"name": "renamed", "env_vars": {"KEEP": "****"}})
    assert response.status_code == 200
    detail = response.json()
    assert detail["name"] == "renamed"
    assert detail["description"] == "old"
    assert detail["env_vars"] == {"KEEP": "****"}
    assert "skills" in detail
    assert api.patch(f"/api/agents/{agent['id']}", json={}).status_code == 200
    cleared = api.patch(f"/api/agents/{agent['id']}", json={"description": None}).json()
    assert cleared["description"] is None


@pytest.mark.parametrize(
    ("body", "loc", "kind"),
    [
        ({"nickname": "x"}, ["body", "nickname"], "extra_forbidden"),
        ({"name": 5}, ["body", "name"], "string_type"),
        ({"runtime": "gpt"}, ["body", "runtime"], "enum"),
        ({"preview_ports": [3000, "x"]}, ["body", "preview_ports", 1], "int_type"),
        ({"preview_ports": [70000]}, ["body", "preview_ports", 0], "less_than_equal"),
        ({"preview_ports": [0]}, ["body", "preview_ports", 0], "greater_than_equal"),
        ({"description": 5}, ["body", "description"], "string_type"),
        ({"permissions": None}, ["body", "permissions"], "dict_type"),
        ({"name": None}, ["body", "name"], "string_type"),
    ],
)
def test_patch_rejects_invalid_fields_with_422(api: httpx.Client, body: dict[str, object], loc: list[object],
                                               kind: str) -> None:  # fmt: skip
    agent = make_agent(api)
    response = api.patch(f"/api/agents/{agent['id']}", json=body)
    assert response.status_code == 422
    issue = response.json()["detail"][0]
    assert issue["loc"] == loc
    assert issue["type"] == kind
    assert issue["msg"]


def test_create_without_name_is_422_missing(api: httpx.Client) -> None:
    response = api.post("/api/agents", json={"description": "x"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "name"], "msg": "Field required", "type": "missing"}]
    }


def test_list_returns_every_agent(api: httpx.Client) -> None:
    ids = [make_agent(api, name=f"a{i}")["id"] for i in range(3)]
    assert [a["id"] for a in api.get("/api/agents").json()] == ids


def test_delete_cascades_to_builds_and_sessions(api: httpx.Client) -> None:
    agent = make_agent(api)
    session = running_session(api, agent["id"])
    build = api.post(f"/api/agents/{agent['id']}/build", json={"force": False}).json()
    assert api.delete(f"/api/agents/{agent['id']}").status_code == 204
    assert api.get(f"/api/sessions/{session['id']}").status_code == 404
    assert api.get(f"/api/agents/{agent['id']}/builds/{build['build_id']}/log_url").status_code == 404
    assert api.get("/api/agents").json() == []


def test_skills_lifecycle(api: httpx.Client) -> None:
    agent_id = make_agent(api)["id"]
    body = {"name": "repo-tour", "source": "inline", "content": {"markdown": "# tour"}, "enabled": True}
    created = api.post(f"/api/agents/{agent_id}/skills", json=body)
    assert created.status_code == 201
    skill = created.json()
    assert skill["content"] == {"markdown": "# tour"}
    assert skill["enabled"] is True
    updated = api.patch(f"/api/agents/{agent_id}/skills/{skill['id']}", json={"enabled": False}).json()
    assert updated["enabled"] is False
    assert updated["name"] == "repo-tour"
    assert (
        api.patch(f"/api/agents/{agent_id}/skills/{skill['id']}", json={"source": "git"}).status_code == 422
    )
    assert [s["id"] for s in api.get(f"/api/agents/{agent_id}").json()["skills"]] == [skill["id"]]
    assert api.delete(f"/api/agents/{agent_id}/skills/{skill['id']}").status_code == 204
    gone = api.delete(f"/api/agents/{agent_id}/skills/{skill['id']}")
    assert gone.status_code == 404
    assert gone.json() == {"detail": "skill gone"}
    assert api.get(f"/api/agents/{agent_id}/skills").json() == []
    bad = api.post(f"/api/agents/{agent_id}/skills", json={"name": "x", "source": "zip", "content": {}})
    assert bad.status_code == 422


def test_mcps_lifecycle(api: httpx.Client) -> None:
    agent_id = make_agent(api)["id"]
    body = {
        "name": "fs",
        "transport": "stdio",
        "config": {"command": "npx", "args": ["srv"]},
        "enabled": True,
    }
    mcp = api.post(f"/api/agents/{agent_id}/mcps", json=body)
    assert mcp.status_code == 201
    assert mcp.json()["secret_ref"] is None
    mcp_id = mcp.json()["id"]
    updated = api.patch(
        f"/api/agents/{agent_id}/mcps/{mcp_id}", json={"secret_ref": "vault:x", "enabled": False}
    )
    assert updated.json()["secret_ref"] == "vault:x"
    assert updated.json()["enabled"] is False
    assert [m["id"] for m in api.get(f"/api/agents/{agent_id}/mcps").json()] == [mcp_id]
    assert api.delete(f"/api/agents/{agent_id}/mcps/{mcp_id}").status_code == 204
    assert api.delete(f"/api/agents/{agent_id}/mcps/{mcp_id}").status_code == 404
    missing = api.post(f"/api/agents/{agent_id}/mcps", json={"name": "x", "transport": "http"})
    assert missing.json()["detail"][0]["loc"] == ["body", "config"]


def test_toggles_follow_connectors_and_default_enabled(api: httpx.Client) -> None:
    agent_id = make_agent(api)["id"]
    on = api.post("/api/connectors/bearer", json={"mcp_url": "https://a.example/mcp", "display_name": "A",
                                                 "token": "t", "default_enabled": True}).json()  # fmt: skip
    off = api.post("/api/connectors/bearer", json={"mcp_url": "https://b.example/mcp", "display_name": "B",
                                                  "token": "t", "default_enabled": False}).json()  # fmt: skip
    toggles = api.get(f"/api/agents/{agent_id}/connectors").json()
    assert [(t["connector_id"], t["enabled"]) for t in toggles] == [(on["id"], True), (off["id"], False)]
    response = api.put(f"/api/agents/{agent_id}/connectors/{off['id']}", json={"enabled": True})
    assert response.status_code == 200
    assert response.json()["enabled"] is True
    assert api.get(f"/api/agents/{agent_id}/connectors").json()[1]["enabled"] is True
    assert api.put(f"/api/agents/{agent_id}/connectors/999", json={"enabled": True}).status_code == 404
    assert (
        api.put(f"/api/agents/{agent_id}/connectors/{on['id']}", json={"enabled": "yes"}).status_code == 422
    )


def test_routing_errors(api: httpx.Client) -> None:
    assert api.get("/api/nope").status_code == 404
    assert api.get("/api/nope").json() == {"detail": "Not Found"}
    wrong = api.put("/api/agents")
    assert wrong.status_code == 405
    assert set(wrong.headers["allow"].split(", ")) == {"GET", "POST"}
    assert api.get("/api/agents/abc").json()["detail"][0]["type"] == "int_parsing"
    assert api.get("/api/sessions/not-a-uuid").status_code == 422


def test_invalid_json_body_is_422_json_invalid(api: httpx.Client) -> None:
    response = api.post("/api/agents", content=b'{"name": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"
    not_object = api.post("/api/agents", json=["demo"])
    assert not_object.status_code == 422
    assert api.post("/api/agents").status_code == 422
