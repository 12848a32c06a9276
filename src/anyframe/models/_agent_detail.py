"""An agent in full, as `af.agents.get()` returns it: its skills, MCP servers, connector toggles and
built image (apart from [Agent][anyframe.models.Agent], so that listing agents does not build them)."""

from __future__ import annotations

from pydantic import Field

from ._agents import Agent
from ._base import AnyFrameModel, Timestamp, _empty_list
from ._vocabulary import ConnectorAuthKind, McpTransport, SkillSource

__all__ = ["AgentConnectorToggle", "AgentDetail", "AgentImage", "AgentMcp", "AgentSkill"]


class AgentSkill(AnyFrameModel):
    """A Claude Code skill attached to an agent."""

    id: int
    """Numeric skill id."""
    name: str
    """Skill name."""
    source: SkillSource | str
    """Where the skill comes from."""
    content: dict[str, object]
    """The skill definition (free-form, e.g. `{"markdown": "..."}`)."""
    enabled: bool
    """Whether sessions of the agent load this skill."""
    created_at: Timestamp
    """When the skill was added."""


class AgentMcp(AnyFrameModel):
    """An MCP server scoped to one agent."""

    id: int
    """Numeric MCP id."""
    name: str
    """Server name."""
    transport: McpTransport | str
    """MCP transport."""
    config: dict[str, object]
    """Transport configuration, e.g. `{"url": ...}` or `{"command": "npx", "args": [...]}`."""
    secret_ref: str | None = None
    """Name of the stored secret the server is given, if any."""
    enabled: bool
    """Whether sessions of the agent start this server."""
    created_at: Timestamp
    """When the MCP server was added."""


class AgentConnectorToggle(AnyFrameModel):
    """One of the user's connectors as seen by an agent: on or off for that agent."""

    connector_id: int
    """Id of the user-level connector."""
    display_name: str
    """The connector's display name."""
    mcp_url: str
    """The connector's MCP URL."""
    auth_kind: ConnectorAuthKind | str
    """How the connector authenticates."""
    enabled: bool
    """Whether the connector is switched on for this agent."""
    is_authorized: bool
    """Whether the connector holds a usable credential."""


class AgentImage(AnyFrameModel):
    """The built image an agent's sessions boot from."""

    build_key: str
    """Cache key of the image recipe."""
    modal_image_id: str
    """Sandbox image id, e.g. `"im_1"`."""
    built_at: Timestamp
    """When the image was built."""


class AgentDetail(Agent):
    """An [Agent][anyframe.models.Agent] with its skills, MCPs, connector toggles and image."""

    skills: list[AgentSkill] = Field(default_factory=_empty_list)
    """Skills attached to the agent."""
    mcps: list[AgentMcp] = Field(default_factory=_empty_list)
    """Agent-scoped MCP servers."""
    connectors: list[AgentConnectorToggle] = Field(default_factory=_empty_list)
    """The user's connectors with their on/off state for this agent."""
    image: AgentImage | None = None
    """The built image, once a build succeeded."""
