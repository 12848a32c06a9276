"""Agents and their sub-resources: skills, inline MCPs and connector toggles (contract §7.1-§7.8).

Create answers the `Agent` summary (201), get and update the `AgentDetail` with skills, MCPs, toggles and
the built image. `env_vars` keys must match `^[A-Z_][A-Z0-9_]*$` and every value is masked as `"****"`
in responses; a PATCH that sends a key back with the masked value `"****"` keeps the stored value, so a
read-modify-write round trip does not wipe secrets. PATCH takes any subset of the create fields (unknown
fields answer 422); `null` resets a nullable field.
"""

from __future__ import annotations

from typing import cast

from ._http import ApiError, Request, Response, empty_response, json_response
from ._routing import AGENT, Handler, Params
from ._rows import AgentRow, McpRow, SkillRow, utcnow
from ._validate import Field, body_object
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

_AGENT_FIELDS = {
    "name": Field("str", required=True, min_length=1),
    "description": Field("str", nullable=True),
    "system_prompt": Field("str", nullable=True),
    "runtime": Field("str", nullable=True, choices=("claude", "codex")),
    "repo_url": Field("str", nullable=True),
    "repo_ref": Field("str", nullable=True),
    "install_cmd": Field("str", nullable=True),
    "serve_cmd": Field("str", nullable=True),
    "preview_ports": Field("int_list", nullable=True, port=True),
    "permissions": Field("object", nullable=True),
    "env_vars": Field("str_map", nullable=True),
}
_AGENT_UPDATE = {**_AGENT_FIELDS, "name": Field("str", min_length=1)}
_DEFAULTS: dict[str, object] = {
    "runtime": "claude",
    "repo_ref": "main",
    "preview_ports": [],
    "permissions": {},
}


def _apply(agent: AgentRow, fields: dict[str, object]) -> None:
    for name, value in fields.items():
        if value is None:
            value = _DEFAULTS.get(name)
            if name == "env_vars":
                value = {}
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
    fields = body_object(request, _AGENT_FIELDS)
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
    fields = body_object(request, _AGENT_UPDATE)
    agent = world.agent(params.num("agent_id"))
    _apply(agent, fields)
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

_SKILL_CREATE = {
    "name": Field("str", required=True),
    "source": Field("str", required=True, choices=("inline", "git")),
    "content": Field("object", required=True),
    "enabled": Field("bool"),
}
_SKILL_UPDATE = {"name": Field("str"), "content": Field("object"), "enabled": Field("bool")}


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
    body = body_object(request, _SKILL_CREATE)
    agent = world.agent(params.num("agent_id"))
    skill = SkillRow(
        id=world.next_id("skill"),
        name=str(body["name"]),
        source=str(body["source"]),
        content=cast("dict[str, object]", body["content"]),
        enabled=body.get("enabled") is not False,
        created_at=utcnow(),
    )
    agent.skills[skill.id] = skill
    return json_response(201, skill.to_json())


def update_skill(world: World, request: Request, params: Params) -> Response:
    """`PATCH /api/agents/{agent_id}/skills/{skill_id}` (`source` is not updatable)."""
    body = body_object(request, _SKILL_UPDATE)
    skill = _skill(world.agent(params.num("agent_id")), params.num("skill_id"))
    for name, value in body.items():
        setattr(skill, name, value)
    return json_response(200, skill.to_json())


def delete_skill(world: World, request: Request, params: Params) -> Response:
    """`DELETE /api/agents/{agent_id}/skills/{skill_id}` (404 `skill gone`)."""
    agent = world.agent(params.num("agent_id"))
    del agent.skills[_skill(agent, params.num("skill_id")).id]
    return empty_response()


# -- inline MCPs --------------------------------------------------------------------------------------

_MCP_CREATE = {
    "name": Field("str", required=True),
    "transport": Field("str", required=True, choices=("http", "sse", "stdio")),
    "config": Field("object", required=True),
    "secret_ref": Field("str", nullable=True),
    "enabled": Field("bool"),
}
_MCP_UPDATE = {
    "name": Field("str"),
    "config": Field("object"),
    "secret_ref": Field("str", nullable=True),
    "enabled": Field("bool"),
}


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
    body = body_object(request, _MCP_CREATE)
    agent = world.agent(params.num("agent_id"))
    mcp = McpRow(
        id=world.next_id("mcp"),
        name=str(body["name"]),
        transport=str(body["transport"]),
        config=cast("dict[str, object]", body["config"]),
        enabled=body.get("enabled") is not False,
        created_at=utcnow(),
        secret_ref=cast("str | None", body.get("secret_ref")),
    )
    agent.mcps[mcp.id] = mcp
    return json_response(201, mcp.to_json())


def update_mcp(world: World, request: Request, params: Params) -> Response:
    """`PATCH /api/agents/{agent_id}/mcps/{mcp_id}` (`transport` is not updatable)."""
    body = body_object(request, _MCP_UPDATE)
    mcp = _mcp(world.agent(params.num("agent_id")), params.num("mcp_id"))
    for name, value in body.items():
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
    enabled = bool(body_object(request, {"enabled": Field("bool", required=True)})["enabled"])
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
    ("PATCH", f"{AGENT}/skills/{{skill_id:int}}", update_skill),
    ("DELETE", f"{AGENT}/skills/{{skill_id:int}}", delete_skill),
    ("GET", f"{AGENT}/mcps", list_mcps),
    ("POST", f"{AGENT}/mcps", create_mcp),
    ("PATCH", f"{AGENT}/mcps/{{mcp_id:int}}", update_mcp),
    ("DELETE", f"{AGENT}/mcps/{{mcp_id:int}}", delete_mcp),
    ("GET", f"{AGENT}/connectors", list_toggles),
    ("PUT", f"{AGENT}/connectors/{{connector_id:int}}", set_toggle),
]
