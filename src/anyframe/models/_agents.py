"""Agents, as listed and created; the full agent with what hangs off it is in `_agent_detail`."""

from __future__ import annotations

from pydantic import Field

from ._base import AnyFrameModel, Timestamp, _empty_dict, _empty_list
from ._vocabulary import Runtime

__all__ = ["Agent"]


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
