"""Previews: dev servers running inside a session's sandbox, and the spec to start one."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ._base import AnyFrameModel, _empty_list
from ._vocabulary import PreviewStatus

__all__ = ["Preview", "PreviewActionResult", "PreviewBatchResult", "PreviewSpec"]


class Preview(AnyFrameModel):
    """A dev server running inside a session's sandbox, tunnelled out on a port."""

    port: int
    """Port inside the sandbox."""
    name: str
    """Preview name, unique within the session."""
    cmd: str | None = None
    """Command that runs the dev server."""
    status: PreviewStatus | str
    """The dev server's state."""
    url: str | None = None
    """Public tunnel URL."""
    started_at: float | None = None
    """When the dev server started, in Unix epoch seconds (not a `datetime`, unlike other timestamps)."""
    exit_code: int | None = None
    """Exit code once the process ended."""


class PreviewSpec(BaseModel):
    """One preview to start with `af.sessions.previews_batch_start()`.

    Checked when built: `PreviewSpec(cmd="bun dev", port=3000, name="web")`. A missing or blank `cmd`,
    or a port outside 1-65535, raises `pydantic.ValidationError` (a `ValueError`) before any request.

    Raises:
        pydantic.ValidationError: `cmd` is missing or blank, `port` is out of range, or a keyword is
            misspelt.
    """

    # Request side: an unknown keyword is a typo to report, not data to keep; frozen so a checked spec
    # cannot be changed into an unchecked one.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    cmd: str = Field(strict=True, min_length=1)
    """Command that starts the dev server, e.g. `"bun dev"`. Required."""
    port: int | None = Field(default=None, strict=True, ge=1, le=65535)
    """Port to tunnel (1-65535). Omit to let the control plane pick one."""
    name: str | None = Field(default=None, strict=True)
    """Name to address the preview by."""

    @field_validator("cmd")
    @classmethod
    def _cmd_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("cmd must be a non-empty command, e.g. 'bun dev'")
        return value


class PreviewActionResult(AnyFrameModel):
    """The outcome of a single preview action (`previews_start`, `previews_stop`, `previews_status`)."""

    ok: bool
    """`False` when the action failed; see `error`."""
    port: int | None = None
    """Port of the preview acted on."""
    name: str | None = None
    """Name of the preview acted on."""
    url: str | None = None
    """Public tunnel URL, once running."""
    status: PreviewStatus | str | None = None
    """The preview's state after the action."""
    restart_pending: bool = False
    """`True` when a newly allocated port needs a sandbox restart first."""
    already_open: bool = False
    """`True` when the preview was already running."""
    error: str | None = None
    """Why the action failed."""


class PreviewBatchResult(AnyFrameModel):
    """The outcome of `previews_batch_start()`: all previews start, restarting the sandbox at most once."""

    ok: bool
    """`False` when the batch failed; see `error`."""
    restart_pending: bool = False
    """`True` when new ports need a sandbox restart first."""
    previews: list[Preview] = Field(default_factory=_empty_list)
    """The previews started."""
    error: str | None = None
    """Why the batch failed."""
