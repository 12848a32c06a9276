"""Wire tests of `af.agents` CRUD (api-contract.md §7.1-§7.5).

Contracts pinned here:

- `list()`: `GET /api/agents` -> `list[Agent]`, with the defaults of absent keys (`runtime="claude"`,
  `preview_ports=[]`, `permissions={}`, `env_vars={}`).
- `create(name=...)`: `POST /api/agents`; the minimal body is exactly `{"name":"demo"}`; every field passed
  is sent under its wire name, `None` fields are left out -> `Agent` (the summary, not the detail).
- `get(id)`: `GET /api/agents/{id}` -> `AgentDetail` with skills, MCPs, toggles and image; a missing
  agent (404 `agent not found`) raises `NotFoundError`.
- `update(id, **fields)`: `PATCH /api/agents/{id}` carrying only the fields passed (one field -> a
  one-key body; `None` means "leave unchanged" and is not sent) -> `AgentDetail`.
- `delete(id)`: `DELETE /api/agents/{id}`, 204 -> `None`.
- The keyword parameters of `create` / `update` are exactly the fields of the spec's request bodies
  (`AgentCreateRequest` / `AgentUpdateRequest`), in the spec's order; an unknown `update` keyword
  raises `InvalidArgumentError` listing them.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable

import attrs
import pytest
import respx

from anyframe import (
    Agent,
    AgentDetail,
    AgentImage,
    AgentMcp,
    AgentSkill,
    AsyncAnyFrame,
    InvalidArgumentError,
    NotFoundError,
)
from anyframe._async.agents import AsyncAgents
from anyframe._generated.models.agent_create_request import AgentCreateRequest
from anyframe._generated.models.agent_update_request import AgentUpdateRequest

from .wire import AGENT, AGENT_DETAIL, TS, assert_sent


@pytest.mark.anyio
async def test_list_gets_api_agents_and_fills_defaults_of_absent_keys(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    minimal = {"id": 8, "name": "bare", "created_at": TS, "updated_at": TS}
    route = api.get("/api/agents").respond(200, json=[AGENT, minimal])
    agents = await af.agents.list()
    assert_sent(route, "GET", "/api/agents")
    assert [type(a) for a in agents] == [Agent, Agent]
    assert (agents[0].id, agents[0].repo_url, agents[0].env_vars) == (7, "tinyhq/box", {"API_TOKEN": "****"})
    bare = agents[1]
    assert (bare.runtime, bare.preview_ports, bare.permissions, bare.env_vars) == ("claude", [], {}, {})


@pytest.mark.anyio
async def test_create_with_only_a_name_sends_exactly_the_name(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/agents").respond(201, json={**AGENT, "name": "demo"})
    agent = await af.agents.create(name="demo")
    assert_sent(route, "POST", "/api/agents", body=b'{"name":"demo"}')
    assert type(agent) is Agent
    assert agent.id == 7


@pytest.mark.anyio
async def test_create_sends_every_field_given_under_its_wire_name(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/agents").respond(201, json=AGENT)
    await af.agents.create(
        name="my-agent",
        description="Triages bugs",
        system_prompt="Be terse.",
        runtime="codex",
        repo_url="tinyhq/box",
        repo_ref="main",
        install_cmd="bun install",
        serve_cmd="bun dev",
        preview_ports=[3000, 4000],
        permissions={"preset": "full_trust", "extra_allowed_tools": []},
        env_vars={"API_TOKEN": "secret", "_X1": ""},
    )
    request = route.calls.last.request
    assert json.loads(request.content) == {
        "name": "my-agent",
        "description": "Triages bugs",
        "system_prompt": "Be terse.",
        "runtime": "codex",
        "repo_url": "tinyhq/box",
        "repo_ref": "main",
        "install_cmd": "bun install",
        "serve_cmd": "bun dev",
        "preview_ports": [3000, 4000],
        "permissions": {"preset": "full_trust", "extra_allowed_tools": []},
        "env_vars": {"API_TOKEN": "secret", "_X1": ""},
    }
    assert request.headers["content-type"] == "application/json"


@pytest.mark.anyio
async def test_create_leaves_out_fields_passed_as_none(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/agents").respond(201, json=AGENT)
    await af.agents.create(
        name="demo", description=None, repo_url="tinyhq/box", install_cmd=None, env_vars=None
    )
    assert route.calls.last.request.content == b'{"name":"demo","repo_url":"tinyhq/box"}'


@pytest.mark.anyio
async def test_get_returns_the_detail_with_skills_mcps_toggles_and_image(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get("/api/agents/7").respond(200, json=AGENT_DETAIL)
    detail = await af.agents.get(7)
    assert_sent(route, "GET", "/api/agents/7")
    assert isinstance(detail, AgentDetail)
    assert [type(s) for s in detail.skills] == [AgentSkill]
    assert [type(m) for m in detail.mcps] == [AgentMcp]
    assert [t.connector_id for t in detail.connectors] == [5]
    assert isinstance(detail.image, AgentImage)
    assert detail.image.modal_image_id == "im_1"


@pytest.mark.anyio
async def test_get_of_a_missing_agent_raises_not_found(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.get("/api/agents/999").respond(404, json={"detail": "agent not found"})
    with pytest.raises(NotFoundError, match="agent not found"):
        await af.agents.get(999)


@pytest.mark.anyio
async def test_update_with_one_field_sends_only_that_field(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.patch("/api/agents/7").respond(200, json={**AGENT_DETAIL, "system_prompt": "Be brief."})
    detail = await af.agents.update(7, system_prompt="Be brief.")
    assert_sent(route, "PATCH", "/api/agents/7", body=b'{"system_prompt":"Be brief."}')
    assert isinstance(detail, AgentDetail)
    assert detail.system_prompt == "Be brief."


@pytest.mark.anyio
async def test_update_sends_several_fields_and_drops_none(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.patch("/api/agents/7").respond(200, json=AGENT_DETAIL)
    await af.agents.update(7, name="renamed", repo_ref=None, preview_ports=[8080], env_vars={"TOKEN": "x"})
    assert json.loads(route.calls.last.request.content) == {
        "name": "renamed",
        "preview_ports": [8080],
        "env_vars": {"TOKEN": "x"},
    }


@pytest.mark.anyio
async def test_update_without_fields_sends_an_empty_object(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.patch("/api/agents/7").respond(200, json=AGENT_DETAIL)
    await af.agents.update(7)
    assert_sent(route, "PATCH", "/api/agents/7", body=b"{}")


@pytest.mark.anyio
async def test_delete_deletes_the_agent(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.delete("/api/agents/7").respond(204)
    await af.agents.delete(7)
    assert_sent(route, "DELETE", "/api/agents/7")


def _keywords(method: Callable[..., object]) -> list[str]:
    parameters = inspect.signature(method).parameters.values()
    return [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]


def _fields(body: type) -> list[str]:
    return [field.name for field in attrs.fields(body) if field.init]


def test_create_and_update_take_exactly_the_fields_of_the_spec_request_bodies() -> None:
    assert _keywords(AsyncAgents.create) == _fields(AgentCreateRequest)
    assert _keywords(AsyncAgents.update) == _fields(AgentUpdateRequest)


@pytest.mark.anyio
async def test_update_with_an_unknown_field_lists_the_valid_ones(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"unknown field\(s\) promt; valid fields: name, description"
    ) as info:
        await af.agents.update(7, promt="x")  # type: ignore[call-arg]
    assert "env_vars" in str(info.value)
    assert not api.calls


@pytest.mark.anyio
async def test_update_with_a_misspelt_field_suggests_the_close_one(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"unknown field\(s\) sytem_prompt \(did you mean system_prompt\?\)"
    ):
        await af.agents.update(7, sytem_prompt="Be terse.")  # type: ignore[call-arg]
    assert not api.calls
