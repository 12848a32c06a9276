"""Agents and their sub-resources: skills, inline MCPs and connector toggles (contract §7.1-§7.8).

Create answers the `Agent` summary (201), get and update the `AgentDetail` with skills, MCPs, toggles and
the built image. `env_vars` keys must match `^[A-Z_][A-Z0-9_]*$` and every value is masked as `"****"`
in responses; a PATCH that sends a key back with the masked value `"****"` keeps the stored value, so a
read-modify-write round trip does not wipe secrets. PATCH takes any subset of the create fields; `null`
clears a nullable field (`repo_ref` goes back to `main`). The bodies themselves are validated against
the spec before a handler runs (unknown fields, wrong types, an unknown `runtime`, a bad env var name or
port: 422).
"""

from __future__ import annotations

from typing import cast

from ._http import ApiError, Request, Response, empty_response, json_response
from ._routing import AGENT, Handler, Params
from ._rows import AgentRow, McpRow, SkillRow, utcnow
from ._world import World

__all__ = [
    "ROUTES",
    "agent_detail",
    "create_agent",
    "create_mcp",
    "create_skill",
    "delete_agent",
    "delete_mcp",
    "delete_skill",
    "get_agent",
    "list_agents",
    "list_mcps",
    "list_skills",
    "list_toggles",
    "set_toggle",
    "update_agent",
    "update_mcp",
    "update_skill",
]

_CLEARED: dict[str, object] = {"repo_ref": "main"}  # what `null` resets a field to (else `None`)


def _apply(agent: AgentRow, fields: dict[str, object]) -> None:
    for name, value in fields.items():
        if value is None:
            value = _CLEARED.get(name)
        if name == "env_vars":
            new = cast("dict[str, str]", value)
            agent.env_vars = {
                k: agent.env_vars[k] if v == "****" and k in agent.env_vars else v for k, v in new.items()
            }
        elif name == "preview_ports":
            agent.preview_ports = list(cast("list[int]", value))
        elif name == "permissions":
            agent.permissions = dict(cast("dict[str, object]", value))
        else:
            setattr(agent, name, value)


def toggles_json(world: World, agent: AgentRow) -> list[dict[str, object]]:
    """One toggle row per user connector, as seen through this agent."""
    return [
        {
            "connector_id": row.id,
            "display_name": row.display_name,
            "mcp_url": row.mcp_url,
            "auth_kind": row.auth_kind,
            "enabled": agent.toggles.get(row.id, row.default_enabled),
            "is_authorized": row.is_authorized,
        }
        for row in world.connectors.values()
    ]


def agent_detail(world: World, agent: AgentRow) -> dict[str, object]:
    """Render the `AgentDetail` of an agent."""
    return {
        **agent.to_json(),
        "skills": [s.to_json() for s in agent.skills.values()],
        "mcps": [m.to_json() for m in agent.mcps.values()],
        "connectors": toggles_json(world, agent),
        "image": None if agent.image is None else agent.image.to_json(),
    }


def list_agents(world: World, request: Request, params: Params) -> Response:
    """`GET /api/agents`."""
    return json_response(200, [agent.to_json() for agent in world.agents.values()])


def create_agent(world: World, request: Request, params: Params) -> Response:
    """`POST /api/agents` (201, the `Agent` summary)."""
    fields = params.fields()
    now = utcnow()
    agent = AgentRow(id=world.next_id("agent"), name=str(fields.pop("name")), created_at=now, updated_at=now)
    _apply(agent, fields)
    world.agents[agent.id] = agent
    return json_response(201, agent.to_json())


def get_agent(world: World, request: Request, params: Params) -> Response:
    """`GET /api/agents/{agent_id}` (404 `agent not found`)."""
    return json_response(200, agent_detail(world, world.agent(params.num("agent_id"))))


def update_agent(world: World, request: Request, params: Params) -> Response:
    """`PATCH /api/agents/{agent_id}`: any subset of the create fields."""
    agent = world.agent(params.num("agent_id"))
    _apply(agent, params.fields())
    agent.updated_at = utcnow()
    return json_response(200, agent_detail(world, agent))


def delete_agent(world: World, request: Request, params: Params) -> Response:
    """`DELETE /api/agents/{agent_id}`: cascades to skills, MCPs, builds, sessions and their snapshots."""
    agent = world.agent(params.num("agent_id"))
    del world.agents[agent.id]
    for build_id in [b.id for b in world.builds.values() if b.agent_id == agent.id]:
        del world.builds[build_id]
    for session_id in [s.id for s in world.sessions.values() if s.agent_id == agent.id]:
        del world.sessions[session_id]
    for snapshot_id in [s.id for s in world.snapshots.values() if s.agent_id == agent.id]:
        del world.snapshots[snapshot_id]
    world.changed()  # ends the event streams of the deleted sessions
    return empty_response()


# -- skills -------------------------------------------------------------------------------------------


def _skill(agent: AgentRow, skill_id: int) -> SkillRow:
    skill = agent.skills.get(skill_id)
    if skill is None:
        raise ApiError(404, "skill gone")
    return skill


def list_skills(world: World, request: Request, params: Params) -> Response:
    """`GET /api/agents/{agent_id}/skills`."""
    agent = world.agent(params.num("agent_id"))
    return json_response(200, [s.to_json() for s in agent.skills.values()])


def create_skill(world: World, request: Request, params: Params) -> Response:
    """`POST /api/agents/{agent_id}/skills` (201)."""
    body = params.fields()
    agent = world.agent(params.num("agent_id"))
    skill = SkillRow(
        id=world.next_id("skill"),
        name=str(body["name"]),
        source=str(body["source"]),
        content=cast("dict[str, object]", body["content"]),
        enabled=body["enabled"] is True,
        created_at=utcnow(),
    )
    agent.skills[skill.id] = skill
    return json_response(201, skill.to_json())


def update_skill(world: World, request: Request, params: Params) -> Response:
    """`PATCH /api/agents/{agent_id}/skills/{skill_id}` (`source` is not updatable)."""
    skill = _skill(world.agent(params.num("agent_id")), params.num("skill_id"))
    for name, value in params.fields().items():
        setattr(skill, name, value)
    return json_response(200, skill.to_json())


def delete_skill(world: World, request: Request, params: Params) -> Response:
    """`DELETE /api/agents/{agent_id}/skills/{skill_id}` (404 `skill gone`)."""
    agent = world.agent(params.num("agent_id"))
    del agent.skills[_skill(agent, params.num("skill_id")).id]
    return empty_response()


# -- inline MCPs --------------------------------------------------------------------------------------


def _mcp(agent: AgentRow, mcp_id: int) -> McpRow:
    mcp = agent.mcps.get(mcp_id)
    if mcp is None:
        raise ApiError(404, "mcp not found")
    return mcp


def list_mcps(world: World, request: Request, params: Params) -> Response:
    """`GET /api/agents/{agent_id}/mcps`."""
    agent = world.agent(params.num("agent_id"))
    return json_response(200, [m.to_json() for m in agent.mcps.values()])


def create_mcp(world: World, request: Request, params: Params) -> Response:
    """`POST /api/agents/{agent_id}/mcps` (201)."""
    body = params.fields()
    agent = world.agent(params.num("agent_id"))
    mcp = McpRow(
        id=world.next_id("mcp"),
        name=str(body["name"]),
        transport=str(body["transport"]),
        config=cast("dict[str, object]", body["config"]),
        enabled=body["enabled"] is True,
        created_at=utcnow(),
        secret_ref=cast("str | None", body.get("secret_ref")),
    )
    agent.mcps[mcp.id] = mcp
    return json_response(201, mcp.to_json())


def update_mcp(world: World, request: Request, params: Params) -> Response:
    """`PATCH /api/agents/{agent_id}/mcps/{mcp_id}` (`transport` is not updatable)."""
    mcp = _mcp(world.agent(params.num("agent_id")), params.num("mcp_id"))
    for name, value in params.fields().items():
        setattr(mcp, name, value)
    return json_response(200, mcp.to_json())


def delete_mcp(world: World, request: Request, params: Params) -> Response:
    """`DELETE /api/agents/{agent_id}/mcps/{mcp_id}`."""
    agent = world.agent(params.num("agent_id"))
    del agent.mcps[_mcp(agent, params.num("mcp_id")).id]
    return empty_response()


# -- connector toggles --------------------------------------------------------------------------------


def list_toggles(world: World, request: Request, params: Params) -> Response:
    """`GET /api/agents/{agent_id}/connectors`: one row per user connector."""
    return json_response(200, toggles_json(world, world.agent(params.num("agent_id"))))


def set_toggle(world: World, request: Request, params: Params) -> Response:
    """`PUT /api/agents/{agent_id}/connectors/{connector_id}` with `{"enabled": bool}`."""
    enabled = params.fields()["enabled"] is True
    agent = world.agent(params.num("agent_id"))
    connector = world.connector(params.num("connector_id"))
    agent.toggles[connector.id] = enabled
    row = next(t for t in toggles_json(world, agent) if t["connector_id"] == connector.id)
    return json_response(200, row)


#: The operations this module serves, in the contract's order (`_routes.py` gathers them).
ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/api/agents", list_agents),
    ("POST", "/api/agents", create_agent),
    ("GET", AGENT, get_agent),
    ("PATCH", AGENT, update_agent),
    ("DELETE", AGENT, delete_agent),
    ("GET", f"{AGENT}/skills", list_skills),
    ("POST", f"{AGENT}/skills", create_skill),
    ("PATCH", f"{AGENT}/skills/{{skill_id}}", update_skill),
    ("DELETE", f"{AGENT}/skills/{{skill_id}}", delete_skill),
    ("GET", f"{AGENT}/mcps", list_mcps),
    ("POST", f"{AGENT}/mcps", create_mcp),
    ("PATCH", f"{AGENT}/mcps/{{mcp_id}}", update_mcp),
    ("DELETE", f"{AGENT}/mcps/{{mcp_id}}", delete_mcp),
    ("GET", f"{AGENT}/connectors", list_toggles),
    ("PUT", f"{AGENT}/connectors/{{connector_id}}", set_toggle),
]
