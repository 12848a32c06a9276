"""Wire tests of the per-agent sub-resources `af.agents.skills`, `.mcps` and `.connectors`
(api-contract.md §7.6-§7.8).

Contracts pinned here:

- skills: `GET|POST /api/agents/{id}/skills`, `PATCH|DELETE /api/agents/{id}/skills/{skill_id}`; create
  always sends `"enabled":true` (exact bytes); update sends only the fields given (`{"enabled":false}`).
- MCPs: `GET|POST /api/agents/{id}/mcps`, `PATCH|DELETE /api/agents/{id}/mcps/{mcp_id}`; create omits
  `secret_ref` when `None`, sends it when given, always sends `enabled`; update sends only the fields given.
- connector toggles: `GET /api/agents/{id}/connectors`, `PUT /api/agents/{id}/connectors/{connector_id}`
  with exactly `{"enabled":true}` / `{"enabled":false}`.
- results parse into `AgentSkill`, `AgentMcp`, `AgentConnectorToggle`; deletes return `None`.
"""

from __future__ import annotations

import pytest
import respx

from anyframe import AgentConnectorToggle, AgentMcp, AgentSkill, AsyncAnyFrame

from .wire import AGENT, AGENT_DETAIL, MCP, SKILL, TOGGLE, assert_sent


@pytest.mark.anyio
async def test_skills_list_gets_the_agents_skills(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get("/api/agents/7/skills").respond(200, json=[SKILL])
    skills = await af.agents.skills.list(7)
    assert_sent(route, "GET", "/api/agents/7/skills")
    assert [type(s) for s in skills] == [AgentSkill]
    assert skills[0].content == {"markdown": "# Tour"}


@pytest.mark.anyio
async def test_skills_create_always_sends_enabled(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/agents/7/skills").respond(201, json=SKILL)
    skill = await af.agents.skills.create(
        7, name="repo-tour", source="inline", content={"markdown": "# Tour"}
    )
    assert_sent(
        route,
        "POST",
        "/api/agents/7/skills",
        body=b'{"name":"repo-tour","source":"inline","content":{"markdown":"# Tour"},"enabled":true}',
    )
    assert isinstance(skill, AgentSkill)
    assert skill.id == 11


@pytest.mark.anyio
async def test_skills_create_disabled_sends_enabled_false(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/agents/7/skills").respond(201, json=SKILL)
    await af.agents.skills.create(7, name="s", source="git", content={}, enabled=False)
    assert route.calls.last.request.content == b'{"name":"s","source":"git","content":{},"enabled":false}'


@pytest.mark.anyio
async def test_skills_update_sends_only_the_fields_given(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.patch("/api/agents/7/skills/11").respond(200, json={**SKILL, "enabled": False})
    skill = await af.agents.skills.update(7, 11, enabled=False)
    assert_sent(route, "PATCH", "/api/agents/7/skills/11", body=b'{"enabled":false}')
    assert skill.enabled is False


@pytest.mark.anyio
async def test_skills_update_sends_name_and_content(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.patch("/api/agents/7/skills/11").respond(200, json=SKILL)
    await af.agents.skills.update(7, 11, name="tour", content={"md": "x"})
    assert route.calls.last.request.content == b'{"name":"tour","content":{"md":"x"}}'


@pytest.mark.anyio
async def test_skills_delete_deletes_the_skill(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.delete("/api/agents/7/skills/11").respond(204)
    await af.agents.skills.delete(7, 11)
    assert_sent(route, "DELETE", "/api/agents/7/skills/11")


@pytest.mark.anyio
async def test_mcps_list_gets_the_agents_mcps(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get("/api/agents/7/mcps").respond(200, json=[MCP])
    mcps = await af.agents.mcps.list(7)
    assert_sent(route, "GET", "/api/agents/7/mcps")
    assert [type(m) for m in mcps] == [AgentMcp]
    assert mcps[0].config["command"] == "npx"


@pytest.mark.anyio
async def test_mcps_create_omits_secret_ref_when_none_and_sends_enabled(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/agents/7/mcps").respond(201, json=MCP)
    mcp = await af.agents.mcps.create(7, name="docs", transport="http", config={"url": "https://mcp.test"})
    assert_sent(
        route,
        "POST",
        "/api/agents/7/mcps",
        body=b'{"name":"docs","transport":"http","config":{"url":"https://mcp.test"},"enabled":true}',
    )
    assert isinstance(mcp, AgentMcp)


@pytest.mark.anyio
async def test_mcps_create_sends_secret_ref_when_given(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/agents/7/mcps").respond(201, json=MCP)
    await af.agents.mcps.create(
        7, name="fs", transport="stdio", config={"command": "npx"}, secret_ref="FS_KEY"
    )
    assert (
        route.calls.last.request.content
        == b'{"name":"fs","transport":"stdio","config":{"command":"npx"},"secret_ref":"FS_KEY","enabled":true}'
    )


@pytest.mark.anyio
async def test_mcps_update_sends_only_the_fields_given(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.patch("/api/agents/7/mcps/12").respond(200, json=MCP)
    mcp = await af.agents.mcps.update(7, 12, config={"url": "https://b"}, enabled=True)
    assert_sent(
        route, "PATCH", "/api/agents/7/mcps/12", body=b'{"config":{"url":"https://b"},"enabled":true}'
    )
    assert mcp.id == 12


@pytest.mark.anyio
async def test_mcps_delete_deletes_the_mcp(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.delete("/api/agents/7/mcps/12").respond(204)
    await af.agents.mcps.delete(7, 12)
    assert_sent(route, "DELETE", "/api/agents/7/mcps/12")


@pytest.mark.anyio
async def test_connector_toggles_list_gets_one_row_per_connector(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get("/api/agents/7/connectors").respond(200, json=[TOGGLE])
    toggles = await af.agents.connectors.list(7)
    assert_sent(route, "GET", "/api/agents/7/connectors")
    assert [type(t) for t in toggles] == [AgentConnectorToggle]
    assert (toggles[0].connector_id, toggles[0].enabled) == (5, True)


@pytest.mark.anyio
@pytest.mark.parametrize(("enabled", "body"), [(True, b'{"enabled":true}'), (False, b'{"enabled":false}')])
async def test_connector_toggles_set_puts_exactly_enabled(
    af: AsyncAnyFrame, api: respx.MockRouter, enabled: bool, body: bytes
) -> None:
    route = api.put("/api/agents/7/connectors/5").respond(200, json={**TOGGLE, "enabled": enabled})
    toggle = await af.agents.connectors.set(7, connector_id=5, enabled=enabled)
    assert_sent(route, "PUT", "/api/agents/7/connectors/5", body=body)
    assert isinstance(toggle, AgentConnectorToggle)
    assert toggle.enabled is enabled


@pytest.mark.anyio
async def test_enum_values_the_sdk_does_not_know_are_sent_as_given(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    # The server owns its enums (runtime, skill source, MCP transport): a newer one may accept a value
    # this SDK does not know, and an older one answers 422. Either way the SDK sends it unchanged
    # instead of failing locally (the stock generated code raised a raw TypeError here).
    agents = api.post("/api/agents").respond(201, json=AGENT)
    await af.agents.create(name="demo", runtime="gemini")
    assert_sent(agents, "POST", "/api/agents", body=b'{"name":"demo","runtime":"gemini"}')
    patch = api.patch("/api/agents/7").respond(200, json=AGENT_DETAIL)
    await af.agents.update(7, runtime="gemini")
    assert_sent(patch, "PATCH", "/api/agents/7", body=b'{"runtime":"gemini"}')
    skills = api.post("/api/agents/7/skills").respond(201, json=SKILL)
    await af.agents.skills.create(7, name="s", source="registry", content={})
    assert_sent(
        skills, "POST", "/api/agents/7/skills",
        body=b'{"name":"s","source":"registry","content":{},"enabled":true}',
    )  # fmt: skip
    mcps = api.post("/api/agents/7/mcps").respond(201, json=MCP)
    await af.agents.mcps.create(7, name="m", transport="websocket", config={})
    assert b'"transport":"websocket"' in mcps.calls.last.request.content
