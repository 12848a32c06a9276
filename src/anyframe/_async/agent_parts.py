"""The per-agent sub-resources: `af.agents.skills`, `af.agents.mcps` and `af.agents.connectors`."""

from __future__ import annotations

import builtins
from collections.abc import Mapping

from .._core.options import RequestOptions, Unpack
from .._core.validate import check_flag, check_id, check_object, check_text
from .._generated.api.agent_connectors import list_agent_connectors, set_agent_connector
from .._generated.api.mcps import create_mcp, delete_mcp, list_mcps, update_mcp
from .._generated.api.skills import create_skill, delete_skill, list_skills, update_skill
from ..models._agent_detail import AgentConnectorToggle, AgentMcp, AgentSkill
from ._base import AsyncResource, unset

__all__ = ["AsyncAgentConnectors", "AsyncMcps", "AsyncSkills"]


def _object(name: str, value: Mapping[str, object] | None) -> dict[str, object] | None:
    return None if value is None else check_object(name, value)


class AsyncSkills(AsyncResource):
    """An agent's Claude Code skills (markdown with a frontmatter contract)."""

    async def list(self, agent_id: int, **options: Unpack[RequestOptions]) -> builtins.list[AgentSkill]:
        """List the agent's skills.

        Example:
            ```python
            for skill in await af.agents.skills.list(agent.id):
                print(skill.id, skill.name, skill.source, skill.enabled)
            ```

        Args:
            agent_id: The agent's `id`.

        Returns:
            The [`AgentSkill`][anyframe.AgentSkill]s.

        Raises:
            InvalidArgumentError: `agent_id` is not a non-negative int; nothing was sent.
            NotFoundError: No such agent.
        """
        return await self._transport.models(
            list_skills.build_request(check_id("agent_id", agent_id)), AgentSkill, options
        )

    async def create(
        self,
        agent_id: int,
        *,
        name: str,
        source: str,
        content: Mapping[str, object],
        enabled: bool = True,
        **options: Unpack[RequestOptions],
    ) -> AgentSkill:
        """Attach a skill to the agent.

        Example:
            ```python
            skill = await af.agents.skills.create(
                agent.id, name="repo-tour", source="inline", content={"markdown": "..."}
            )
            ```

        Args:
            agent_id: The agent's `id`.
            name: The skill's name.
            source: `"inline"` (content carried here) or `"git"`.
            content: The skill's definition, e.g. `{"markdown": "..."}`.
            enabled: Whether sessions load it.

        Returns:
            The new [`AgentSkill`][anyframe.AgentSkill].

        Raises:
            InvalidArgumentError: An empty `name` or `source`, or `content` is not a dict; nothing was
                sent.
            NotFoundError: No such agent.
            ValidationError: The server rejected the body (e.g. an unknown `source`).
        """
        from .._generated.models.skill_create_request import SkillCreateRequest
        from .._generated.models.skill_create_request_content import SkillCreateRequestContent

        body = SkillCreateRequest(
            name=check_text("name", name),
            source=check_text("source", source),  # type: ignore[arg-type]  # the server owns the enum
            content=SkillCreateRequestContent.from_dict(_object("content", content) or {}),
            enabled=enabled,
        )
        request = create_skill.build_request(check_id("agent_id", agent_id), body=body)
        return await self._transport.model(request, AgentSkill, options)

    async def update(
        self,
        agent_id: int,
        skill_id: int,
        *,
        name: str | None = None,
        content: Mapping[str, object] | None = None,
        enabled: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> AgentSkill:
        """Change a skill; arguments left as `None` are unchanged (its `source` cannot change).

        Example:
            ```python
            await af.agents.skills.update(agent.id, skill.id, enabled=False)
            ```

        Args:
            agent_id: The agent's `id`.
            skill_id: The skill's `id`.
            name: New name.
            content: New definition.
            enabled: Turn the skill on or off.

        Returns:
            The updated [`AgentSkill`][anyframe.AgentSkill].

        Raises:
            InvalidArgumentError: A bad id, an empty `name`, or `content` is not a dict; nothing was sent.
            NotFoundError: No such agent or skill.
        """
        from .._generated.models.skill_update_request import SkillUpdateRequest
        from .._generated.models.skill_update_request_content import SkillUpdateRequestContent

        new_content = _object("content", content)
        body = SkillUpdateRequest(
            name=unset(check_text("name", name, allow_none=True)),
            content=unset(None if new_content is None else SkillUpdateRequestContent.from_dict(new_content)),
            enabled=unset(enabled),
        )
        request = update_skill.build_request(
            check_id("agent_id", agent_id), check_id("skill_id", skill_id), body=body
        )
        return await self._transport.model(request, AgentSkill, options)

    async def delete(self, agent_id: int, skill_id: int, **options: Unpack[RequestOptions]) -> None:
        """Remove a skill from the agent.

        Example:
            ```python
            await af.agents.skills.delete(agent.id, skill.id)
            ```

        Args:
            agent_id: The agent's `id`.
            skill_id: The skill's `id`.

        Raises:
            InvalidArgumentError: An id is not a non-negative int; nothing was sent.
            NotFoundError: No such agent or skill.
        """
        return await self._transport.empty(
            delete_skill.build_request(check_id("agent_id", agent_id), check_id("skill_id", skill_id)),
            options,
        )


class AsyncMcps(AsyncResource):
    """An agent's own MCP servers (for servers not worth sharing as user-level connectors)."""

    async def list(self, agent_id: int, **options: Unpack[RequestOptions]) -> builtins.list[AgentMcp]:
        """List the agent's MCP servers.

        Example:
            ```python
            for mcp in await af.agents.mcps.list(agent.id):
                print(mcp.id, mcp.name, mcp.transport, mcp.enabled)
            ```

        Args:
            agent_id: The agent's `id`.

        Returns:
            The [`AgentMcp`][anyframe.AgentMcp]s.

        Raises:
            InvalidArgumentError: `agent_id` is not a non-negative int; nothing was sent.
            NotFoundError: No such agent.
        """
        return await self._transport.models(
            list_mcps.build_request(check_id("agent_id", agent_id)), AgentMcp, options
        )

    async def create(
        self,
        agent_id: int,
        *,
        name: str,
        transport: str,
        config: Mapping[str, object],
        secret_ref: str | None = None,
        enabled: bool = True,
        **options: Unpack[RequestOptions],
    ) -> AgentMcp:
        """Attach an MCP server to the agent.

        Example:
            ```python
            server = {"command": "npx", "args": ["@modelcontextprotocol/server-filesystem", "/work"]}
            mcp = await af.agents.mcps.create(agent.id, name="local-fs", transport="stdio", config=server)
            ```

        Args:
            agent_id: The agent's `id`.
            name: The server's name.
            transport: `"http"`, `"sse"` or `"stdio"`.
            config: Transport settings: `{"url": ...}` for http/sse, `{"command": ..., "args": [...]}`
                for stdio.
            secret_ref: Name of a stored secret the server needs.
            enabled: Whether sessions start it.

        Returns:
            The new [`AgentMcp`][anyframe.AgentMcp].

        Raises:
            InvalidArgumentError: An empty `name` or `transport`, or `config` is not a dict; nothing was
                sent.
            NotFoundError: No such agent.
            ValidationError: The server rejected the body (e.g. an unknown `transport`).
        """
        from .._generated.models.mcp_create_request import McpCreateRequest
        from .._generated.models.mcp_create_request_config import McpCreateRequestConfig

        body = McpCreateRequest(
            name=check_text("name", name),
            transport=check_text("transport", transport),  # type: ignore[arg-type]  # the server owns the enum
            config=McpCreateRequestConfig.from_dict(_object("config", config) or {}),
            secret_ref=unset(secret_ref),
            enabled=enabled,
        )
        request = create_mcp.build_request(check_id("agent_id", agent_id), body=body)
        return await self._transport.model(request, AgentMcp, options)

    async def update(
        self,
        agent_id: int,
        mcp_id: int,
        *,
        name: str | None = None,
        config: Mapping[str, object] | None = None,
        secret_ref: str | None = None,
        enabled: bool | None = None,
        **options: Unpack[RequestOptions],
    ) -> AgentMcp:
        """Change an MCP server; arguments left as `None` are unchanged (its `transport` cannot change).

        Example:
            ```python
            await af.agents.mcps.update(agent.id, mcp.id, enabled=False)
            ```

        Args:
            agent_id: The agent's `id`.
            mcp_id: The MCP server's `id`.
            name: New name.
            config: New transport settings.
            secret_ref: New secret reference.
            enabled: Turn it on or off.

        Returns:
            The updated [`AgentMcp`][anyframe.AgentMcp].

        Raises:
            InvalidArgumentError: A bad id, an empty `name`, or `config` is not a dict; nothing was sent.
            NotFoundError: No such agent or MCP server.
        """
        from .._generated.models.mcp_update_request import McpUpdateRequest
        from .._generated.models.mcp_update_request_config import McpUpdateRequestConfig

        new_config = _object("config", config)
        body = McpUpdateRequest(
            name=unset(check_text("name", name, allow_none=True)),
            config=unset(None if new_config is None else McpUpdateRequestConfig.from_dict(new_config)),
            secret_ref=unset(secret_ref),
            enabled=unset(enabled),
        )
        request = update_mcp.build_request(
            check_id("agent_id", agent_id), check_id("mcp_id", mcp_id), body=body
        )
        return await self._transport.model(request, AgentMcp, options)

    async def delete(self, agent_id: int, mcp_id: int, **options: Unpack[RequestOptions]) -> None:
        """Remove an MCP server from the agent.

        Example:
            ```python
            await af.agents.mcps.delete(agent.id, mcp.id)
            ```

        Args:
            agent_id: The agent's `id`.
            mcp_id: The MCP server's `id`.

        Raises:
            InvalidArgumentError: An id is not a non-negative int; nothing was sent.
            NotFoundError: No such agent or MCP server.
        """
        return await self._transport.empty(
            delete_mcp.build_request(check_id("agent_id", agent_id), check_id("mcp_id", mcp_id)), options
        )


class AsyncAgentConnectors(AsyncResource):
    """Per-agent on/off switches for your user-level connectors."""

    async def list(
        self, agent_id: int, **options: Unpack[RequestOptions]
    ) -> builtins.list[AgentConnectorToggle]:
        """List every connector of yours as seen by this agent, with its toggle.

        Example:
            ```python
            for toggle in await af.agents.connectors.list(agent.id):
                print(toggle.connector_id, toggle.display_name, toggle.enabled)
            ```

        Args:
            agent_id: The agent's `id`.

        Returns:
            One [`AgentConnectorToggle`][anyframe.AgentConnectorToggle] per connector.

        Raises:
            InvalidArgumentError: `agent_id` is not a non-negative int; nothing was sent.
            NotFoundError: No such agent.
        """
        request = list_agent_connectors.build_request(check_id("agent_id", agent_id))
        return await self._transport.models(request, AgentConnectorToggle, options)

    async def set(
        self, agent_id: int, connector_id: int, *, enabled: bool, **options: Unpack[RequestOptions]
    ) -> AgentConnectorToggle:
        """Enable or disable one connector for this agent.

        Example:
            ```python
            await af.agents.connectors.set(agent.id, connector_id=7, enabled=True)
            ```

        Args:
            agent_id: The agent's `id`.
            connector_id: The connector's `id`.
            enabled: The new state.

        Returns:
            The updated [`AgentConnectorToggle`][anyframe.AgentConnectorToggle].

        Raises:
            InvalidArgumentError: `enabled` is not a bool, or an id is not a non-negative int; nothing
                was sent.
            NotFoundError: No such agent or connector.
        """
        from .._generated.models.connector_toggle_request import ConnectorToggleRequest

        request = set_agent_connector.build_request(
            check_id("agent_id", agent_id), check_id("connector_id", connector_id),
            body=ConnectorToggleRequest(enabled=check_flag("enabled", enabled)),
        )  # fmt: skip
        return await self._transport.model(request, AgentConnectorToggle, options)
