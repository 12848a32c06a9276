"""Builds: what `af.agents.build()`, `build_status()`, `builds()` and `build_log_url()` return."""

from __future__ import annotations

from ._base import AnyFrameModel, Timestamp
from ._vocabulary import BuildState

__all__ = ["Build", "BuildQueued", "BuildStatus", "LogUrl"]


class BuildQueued(AnyFrameModel):
    """The answer to `af.agents.build()`: whether a build was queued, and why not if it was not."""

    agent_id: int
    """The agent being built."""
    build_key: str | None = None
    """Cache key of the image recipe."""
    queued: bool
    """`False` on a cache hit or when a build is already running (see `reason`)."""
    reason: str | None = None
    """Why nothing was queued."""
    build_id: int | None = None
    """Id of the queued build, to stream its log."""


class BuildStatus(AnyFrameModel):
    """The state of an agent's latest build, as polled by `wait_for_build()`."""

    agent_id: int
    """The agent."""
    build_key: str | None = None
    """Cache key of the image recipe."""
    state: BuildState | str | None = None
    """The latest build's state; `None` when the agent was never built."""
    started_at: Timestamp | None = None
    """When the build started."""
    finished_at: Timestamp | None = None
    """When the build finished."""
    error: str | None = None
    """Error message of a failed build."""
    built_image_id: str | None = None
    """Image id produced by a successful build."""
    image_tag: str | None = None
    """Tag of the built image (e.g. `"afm:agent-42-abc123"`); `None` when the server does not send it."""


class Build(AnyFrameModel):
    """One build in an agent's build history."""

    id: int
    """Numeric build id."""
    build_key: str
    """Cache key of the image recipe."""
    state: BuildState | str
    """The build's state."""
    started_at: Timestamp
    """When the build started."""
    finished_at: Timestamp | None = None
    """When the build finished."""
    error: str | None = None
    """Error message of a failed build."""
    log_size: int | None = None
    """Size of the archived log in bytes."""


class LogUrl(AnyFrameModel):
    """A short-lived signed URL to an archived build log."""

    url: str
    """The signed URL."""
    expires_in: int
    """Seconds until the URL stops working."""
