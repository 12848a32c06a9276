"""What every resource manager shares: the transport, and the `None` -> `UNSET` boundary."""

from __future__ import annotations

from typing import Any, TypeVar

from .._core.validate import session_path_id
from .._generated.types import UNSET, Unset
from ._transport import AsyncTransport

__all__ = ["AsyncResource", "session_arg", "unset"]

T = TypeVar("T")


def unset(value: T | None) -> T | Unset:
    """`None` means "not given": leave the field out of the request body."""
    return UNSET if value is None else value


def session_arg(value: object) -> Any:
    """A checked session id for the generated builders, which type the UUID path parameter as
    `uuid.UUID` but only interpolate its string form: a `str` is passed through exactly as given."""
    return session_path_id(value)


class AsyncResource:
    """Base of the resource managers hung off the client (`af.agents`, `af.sessions`, ...)."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
