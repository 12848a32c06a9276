"""Agents and what hangs off them: skills, MCP servers, connector toggles, the built image."""

from __future__ import annotations

from pydantic import Field

from ._base import AnyFrameModel, Timestamp, _empty_dict, _empty_list
from ._vocabulary import ConnectorAuthKind, McpTransport, Runtime, SkillSource

__all__ = ["Agent", "AgentConnectorToggle", "AgentDetail", "AgentImage", "AgentMcp", "AgentSkill"]


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


class Agent(AnyFrameModel):
    """An agent: the reusable configuration (repo, prompt, runtime, ...) that sessions boot from.

    Returned by `af.agents.list()` and `af.agents.create()`; `get()` and `update()` return the richer
    [AgentDetail][anyframe.models.AgentDetail].
    """

    id: int
    """Numeric agent id."""
    name: str
    """Agent name."""
    description: str | None = None
    """Free-text description."""
    system_prompt: str | None = None
    """System prompt given to the coding agent."""
    runtime: Runtime | str = "claude"
    """Coding-agent runtime."""
    repo_url: str | None = None
    """GitHub repository as `owner/name`; `None` for a repo-less agent."""
    repo_ref: str | None = None
    """Branch, tag or commit checked out."""
    install_cmd: str | None = None
    """Command run when building the image."""
    serve_cmd: str | None = None
    """Default dev-server command, e.g. `"bun dev"`."""
    preview_ports: list[int] = Field(default_factory=_empty_list)
    """Ports the previews API may tunnel."""
    build_key: str | None = None
    """Cache key of the current image recipe."""
    permissions: dict[str, object] = Field(default_factory=_empty_dict)
    """Permission settings (free-form), e.g. `{"preset": "full_trust"}`; presets `read_only`,
    `standard`, `full_trust`."""
    env_vars: dict[str, str] = Field(default_factory=_empty_dict)
    """Environment variables of the sandbox; values always come back masked as `"****"`."""
    warmup_image_id: str | None = None
    """Image saved by `save_as_base()` that new sessions hydrate from."""
    created_at: Timestamp
    """When the agent was created."""
    updated_at: Timestamp
    """When the agent was last changed."""


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
