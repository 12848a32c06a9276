"""`af.agents`: agents (the reusable sandbox recipe) and their builds; skills, MCPs and connector
toggles hang off it as `af.agents.skills`, `af.agents.mcps` and `af.agents.connectors`."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .._core.options import OPTION_NAMES, RequestOptions, Unpack, WaitOptions, unknown_options
from .._core.request import ApiRequest
from .._core.validate import check_count, check_env_vars, check_id, check_object, check_ports, check_text
from .._generated.api.agents import list_agents
from ..exceptions import BuildFailedError, InvalidArgumentError, NotFoundError
from ..models._agents import Agent
from ..models._vocabulary import Runtime
from ._base import AsyncResource, body_fields, request_body

if TYPE_CHECKING:
    # Loaded by the methods that use them: a program that only lists agents (a CLI, a cron job)
    # does not pay for the build models, the pollers or the sub-resources (about 5 ms of a cold start).
    from ..models._agent_detail import AgentDetail
    from ..models._builds import Build, BuildQueued, BuildStatus, LogUrl
    from ._stream import AsyncEventStream
    from .agent_parts import AsyncAgentConnectors, AsyncMcps, AsyncSkills

__all__ = ["AsyncAgents"]

# `create` and `update` take the fields of the spec's request bodies as keyword parameters (a test pins
# that they are the same lists), and build the bodies from them by name: `request_body(..., locals())`.
# What the SDK can check before sending, per field:
_CHECKS: dict[str, Callable[[Any], object]] = {
    "name": lambda value: check_text("name", value),
    "preview_ports": lambda value: check_ports("preview_ports", value),
    "permissions": lambda value: check_object("permissions", value),
    "env_vars": check_env_vars,
}


class AsyncAgents(AsyncResource):
    """Agents: a repo, a runtime, prompts, commands and capabilities, built into an image that
    sessions boot from. Skills, MCPs and connector toggles hang off it: `skills`, `mcps`, `connectors`.
    """

    @cached_property
    def skills(self) -> AsyncSkills:
        """The agent's Claude Code skills.

        Example:
            ```python
            for skill in await af.agents.skills.list(agent.id):
                print(skill.name, skill.source)
            ```
        """
        from .agent_parts import AsyncSkills

        return AsyncSkills(self._transport)

    @cached_property
    def mcps(self) -> AsyncMcps:
        """The agent's own MCP servers.

        Example:
            ```python
            for mcp in await af.agents.mcps.list(agent.id):
                print(mcp.name, mcp.transport, "enabled" if mcp.enabled else "disabled")
            ```
        """
        from .agent_parts import AsyncMcps

        return AsyncMcps(self._transport)

    @cached_property
    def connectors(self) -> AsyncAgentConnectors:
        """Per-agent toggles of your user-level connectors.

        Example:
            ```python
            for toggle in await af.agents.connectors.list(agent.id):
                print(toggle.display_name, "on" if toggle.enabled else "off")
            ```
        """
        from .agent_parts import AsyncAgentConnectors

        return AsyncAgentConnectors(self._transport)

    async def list(self, **options: Unpack[RequestOptions]) -> builtins.list[Agent]:
        """List your agents.

        Example:
            ```python
            for agent in await af.agents.list():
                print(agent.id, agent.name, agent.repo_url, agent.runtime)
            ```

        Returns:
            The [`Agent`][anyframe.Agent]s (summaries; use `get` for skills, MCPs and toggles).
        """
        return await self._transport.models(list_agents.build_request(), Agent, options)

    async def create(
        self,
        *,
        name: str,
        description: str | None = None,
        system_prompt: str | None = None,
        runtime: Runtime | str | None = None,
        repo_url: str | None = None,
        repo_ref: str | None = None,
        install_cmd: str | None = None,
        serve_cmd: str | None = None,
        preview_ports: Sequence[int] | None = None,
        permissions: Mapping[str, object] | None = None,
        env_vars: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Agent:
        """Create an agent. Only the arguments you pass are sent; the server fills the rest.

        Example:
            ```python
            agent = await af.agents.create(name="demo", repo_url="tinyhq/box", install_cmd="bun install")
            ```

        Args:
            name: Human-readable label.
            description: Free-text description.
            system_prompt: Prefix injected into the runtime's system prompt.
            runtime: `"claude"` (the server's default) or `"codex"`.
            repo_url: GitHub `owner/name`. Omit for a general-purpose agent without a repo.
            repo_ref: Branch, tag or SHA to build (server default `main`).
            install_cmd: Shell command run during the build to install dependencies.
            serve_cmd: Dev-server command, e.g. `bun dev`.
            preview_ports: Ports the previews API may tunnel (1-65535).
            permissions: Permission policy, e.g. `{"preset": "standard"}`.
            env_vars: Variables injected into every session; names must match `[A-Z_][A-Z0-9_]*`.
                Encrypted at rest and masked (`"****"`) in every response.

        Returns:
            The new [`Agent`][anyframe.Agent].

        Raises:
            InvalidArgumentError: An empty `name`, a bad port or env var name; nothing was sent.
            ValidationError: The server rejected the body.
        """
        from .._generated.api.agents import create_agent
        from .._generated.models.agent_create_request import AgentCreateRequest

        check_text("name", name)  # required: None is no "not given" here
        body = request_body(AgentCreateRequest, locals(), _CHECKS)
        return await self._transport.model(create_agent.build_request(body=body), Agent, options)

    async def get(self, agent_id: int, **options: Unpack[RequestOptions]) -> AgentDetail:
        """Get one agent with its skills, MCPs, connector toggles and built image.

        Example:
            ```python
            detail = await af.agents.get(7)
            print(detail.name, [skill.name for skill in detail.skills], detail.image)
            ```

        Args:
            agent_id: The agent's `id`.

        Returns:
            The [`AgentDetail`][anyframe.AgentDetail].

        Raises:
            InvalidArgumentError: `agent_id` is not a non-negative int; nothing was sent.
            NotFoundError: No such agent, or not yours.
        """
        from .._generated.api.agents import get_agent
        from ..models._agent_detail import AgentDetail

        return await self._transport.model(
            get_agent.build_request(check_id("agent_id", agent_id)), AgentDetail, options
        )

    async def update(
        self,
        agent_id: int,
        *,
        name: str | None = None,
        description: str | None = None,
        system_prompt: str | None = None,
        runtime: Runtime | str | None = None,
        repo_url: str | None = None,
        repo_ref: str | None = None,
        install_cmd: str | None = None,
        serve_cmd: str | None = None,
        preview_ports: Sequence[int] | None = None,
        permissions: Mapping[str, object] | None = None,
        env_vars: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> AgentDetail:
        """Change some fields of an agent; the fields you leave out (or pass as `None`) are unchanged.

        Example:
            ```python
            await af.agents.update(agent.id, system_prompt="Be brief.")
            ```

        Args:
            agent_id: The agent's `id`.
            name: New label.
            description: New description.
            system_prompt: New system prompt prefix.
            runtime: `"claude"` or `"codex"`.
            repo_url: New GitHub `owner/name`.
            repo_ref: New branch, tag or SHA.
            install_cmd: New install command.
            serve_cmd: New dev-server command.
            preview_ports: New list of tunnelable ports.
            permissions: New permission policy.
            env_vars: New environment variables (replaces the set).

        Returns:
            The updated [`AgentDetail`][anyframe.AgentDetail].

        Raises:
            InvalidArgumentError: An unknown field, a bad id, port or env var name; nothing was sent.
            NotFoundError: No such agent.
            ValidationError: The server rejected a value.
        """
        from .._generated.api.agents import update_agent
        from .._generated.models.agent_update_request import AgentUpdateRequest
        from ..models._agent_detail import AgentDetail

        unknown = unknown_options(options)  # a misspelt field lands in `options`: say which fields exist
        if unknown:
            import difflib  # only on this error path

            fields = body_fields(AgentUpdateRequest)
            guesses = [
                m for key in unknown for m in difflib.get_close_matches(key, [*fields, *OPTION_NAMES], n=1)
            ]
            hint = f" (did you mean {', '.join(guesses)}?)" if guesses else ""
            raise InvalidArgumentError(
                f"agents.update() got unknown field(s) {', '.join(unknown)}{hint}; "
                f"valid fields: {', '.join(fields)} (and the per-call options {', '.join(OPTION_NAMES)})"
            )
        check_id("agent_id", agent_id)
        body = request_body(AgentUpdateRequest, locals(), _CHECKS)
        return await self._transport.model(
            update_agent.build_request(agent_id, body=body), AgentDetail, options
        )

    async def delete(self, agent_id: int, **options: Unpack[RequestOptions]) -> None:
        """Delete an agent, with its skills, MCPs, builds and sessions.

        Example:
            ```python
            await af.agents.delete(agent.id)
            ```

        Args:
            agent_id: The agent's `id`.

        Raises:
            InvalidArgumentError: `agent_id` is not a non-negative int; nothing was sent.
            NotFoundError: No such agent.
        """
        from .._generated.api.agents import delete_agent

        return await self._transport.empty(
            delete_agent.build_request(check_id("agent_id", agent_id)), options
        )

    async def build(
        self, agent_id: int, force: bool = False, **options: Unpack[RequestOptions]
    ) -> BuildQueued:
        """Start building the agent's image.

        Builds are cached by `(repo_url, repo_ref, install_cmd)`: on a cache hit, or while a build is
        already running, nothing is queued and the result says why (`queued=False`, `reason`).

        Example:
            ```python
            queued = await af.agents.build(agent.id)
            if not queued.queued:
                print("nothing queued:", queued.reason)  # cached image, or a build already running
            ```

        Args:
            agent_id: The agent's `id`.
            force: Rebuild even when a cached image exists.

        Returns:
            A [`BuildQueued`][anyframe.BuildQueued]; its `build_id` feeds `stream_build`.

        Raises:
            InvalidArgumentError: `agent_id` is not a non-negative int; nothing was sent.
            NotFoundError: No such agent.
        """
        from .._generated.api.builds import start_build
        from .._generated.models.build_request import BuildRequest
        from ..models._builds import BuildQueued

        body = BuildRequest(force=force)
        return await self._transport.model(
            start_build.build_request(check_id("agent_id", agent_id), body=body), BuildQueued, options
        )

    async def build_status(self, agent_id: int, **options: Unpack[RequestOptions]) -> BuildStatus:
        """Get the state of the agent's latest build (`state` is `None` if it was never built).

        Example:
            ```python
            status = await af.agents.build_status(agent.id)
            print(status.state, status.built_image_id)  # e.g. succeeded im_1
            ```

        Args:
            agent_id: The agent's `id`.

        Returns:
            The [`BuildStatus`][anyframe.BuildStatus].

        Raises:
            InvalidArgumentError: `agent_id` is not a non-negative int; nothing was sent.
            NotFoundError: No such agent.
        """
        from .._generated.api.builds import get_build_status
        from ..models._builds import BuildStatus

        request = get_build_status.build_request(check_id("agent_id", agent_id))
        return await self._transport.model(request, BuildStatus, options)

    async def builds(
        self, agent_id: int, limit: int = 20, **options: Unpack[RequestOptions]
    ) -> builtins.list[Build]:
        """List the agent's builds, newest first.

        Example:
            ```python
            for build in await af.agents.builds(agent.id, limit=5):
                print(build.id, build.state, build.started_at, build.error)
            ```

        Args:
            agent_id: The agent's `id`.
            limit: At most this many builds.

        Returns:
            The [`Build`][anyframe.Build]s.

        Raises:
            InvalidArgumentError: `agent_id` or `limit` is not a non-negative int; nothing was sent.
            NotFoundError: No such agent.
        """
        from .._generated.api.builds import list_builds
        from ..models._builds import Build

        request = list_builds.build_request(check_id("agent_id", agent_id), limit=check_count("limit", limit))
        return await self._transport.models(request, Build, options)

    async def build_log_url(self, agent_id: int, build_id: int, **options: Unpack[RequestOptions]) -> LogUrl:
        """Get a short-lived signed URL to a finished build's archived log.

        Example:
            ```python
            builds = await af.agents.builds(agent.id, limit=1)
            log = await af.agents.build_log_url(agent.id, builds[0].id)
            print(log.url, log.expires_in)  # fetch it within expires_in seconds
            ```

        Args:
            agent_id: The agent's `id`.
            build_id: The build's `id`.

        Returns:
            A [`LogUrl`][anyframe.LogUrl] (`url`, `expires_in` seconds).

        Raises:
            InvalidArgumentError: An id is not a non-negative int; nothing was sent.
            NotFoundError: No such agent, or no such build of this agent.
        """
        from .._generated.api.builds import get_build_log_url
        from ..models._builds import LogUrl

        request = get_build_log_url.build_request(
            check_id("agent_id", agent_id), check_id("build_id", build_id)
        )
        return await self._transport.model(request, LogUrl, options)

    def stream_build(
        self, agent_id: int, build_id: int | None, **options: Unpack[RequestOptions]
    ) -> AsyncEventStream:
        """Follow a build's log live. The stream ends after the final `state` event.

        Example:
            ```python
            async for event in af.agents.stream_build(agent.id, queued.build_id):
                if event.event == "line":
                    print(event.json()["content"], end="")
                elif event.event == "state":
                    print("build", event.json()["state"])
            ```

        Args:
            agent_id: The agent's `id`.
            build_id: The build's `id` (from [`BuildQueued`][anyframe.BuildQueued] or `builds`).
                `None`, what `build()` returns when it queued nothing because the image is cached,
                follows the agent's latest build instead (the one `builds(agent_id, limit=1)` lists
                first), looked up when iteration starts: on a cache hit its log is replayed.

        Returns:
            An iterator of [`SSEEvent`][anyframe.SSEEvent]s (`line` events, then one `state` event),
            also usable as a context manager; breaking out closes the connection.

        Raises:
            NotFoundError: No such agent or build; or `build_id` is `None` and the agent has no build
                of its own (its cached image was built for another agent with the same recipe).
                Raised when iteration starts.
            APIConnectionError: The connection failed or dropped mid-log.
        """
        from .._generated.api.builds import stream_build

        agent = check_id("agent_id", agent_id)
        # No resume: the build log has no event ids, so a reconnect would replay it from the start.
        if build_id is not None:
            request = stream_build.build_request(agent, check_id("build_id", build_id))
            return self._transport.stream(request, resume=False, last_event_id=None, options=options)

        async def latest_build() -> ApiRequest:
            builds = await self.builds(agent, limit=1, **options)
            if not builds:
                raise NotFoundError(
                    f"agent {agent} has no build to follow: build_id is None and agents.builds({agent}) is "
                    "empty (its image came from the cache of another agent's identical build, or it was "
                    "never built)",
                    status_code=404,
                )
            return stream_build.build_request(agent, builds[0].id)

        return self._transport.stream(latest_build, resume=False, last_event_id=None, options=options)

    async def wait_for_build(
        self,
        agent_id: int,
        timeout: float = 600.0,
        poll_interval: float = 2.0,
        *,
        on_status: Callable[[BuildStatus], object] | None = None,
        **options: Unpack[WaitOptions],
    ) -> BuildStatus:
        """Poll `build_status` until the latest build finishes.

        Polls at once, then backs off up to `poll_interval`. A cached build returns on the first poll.

        Example:
            ```python
            await af.agents.build(agent.id)
            status = await af.agents.wait_for_build(agent.id, on_status=lambda s: print(s.state))
            ```

        Args:
            agent_id: The agent's `id`.
            timeout: Seconds to wait in total.
            poll_interval: The longest pause between two polls, in seconds.
            on_status: Called with every [`BuildStatus`][anyframe.BuildStatus] seen, for progress output.

        Returns:
            The final [`BuildStatus`][anyframe.BuildStatus] (`succeeded`, or `cancelled`).

        Raises:
            BuildFailedError: The build failed; `.build_status.error` says why.
            TimeoutError: The build was still not finished after `timeout` seconds.
            NotFoundError: No such agent.
            InvalidArgumentError: `timeout` or `poll_interval` is not positive, or `agent_id` is not a
                non-negative int; nothing was sent.
        """
        from .._core.polling import BUILD_DONE, BUILD_FAILED, Poll
        from ._waiters import poll_until

        poll = Poll(
            BUILD_DONE, BUILD_FAILED, timeout, poll_interval, what=f"build of agent {agent_id}",
            not_started=f"it was never built: queue a build with agents.build({agent_id}) first",
        )  # fmt: skip
        return await poll_until(
            lambda: self.build_status(agent_id, **options),
            lambda status: status.state,
            poll,
            on_status=on_status,
            failure=lambda status, _: BuildFailedError(
                f"build failed: {status.error or 'unknown error'} (agent {agent_id})", build_status=status
            ),
        )
