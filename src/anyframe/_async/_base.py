"""What every resource manager shares: the transport, and the `None` -> `UNSET` boundary."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from .._core.validate import session_path_id
from .._generated.types import UNSET, Unset
from ._transport import AsyncTransport

__all__ = ["AsyncResource", "body_fields", "request_body", "session_arg", "unset"]

T = TypeVar("T")
B = TypeVar("B", bound="_Body")


class _Body(Protocol):
    """A generated request body (an attrs class built from its wire dict)."""

    @classmethod
    def from_dict(cls: type[B], src_dict: Mapping[str, Any]) -> B: ...


def unset(value: T | None) -> T | Unset:
    """`None` means "not given": leave the field out of the request body."""
    return UNSET if value is None else value


def body_fields(model: type[_Body]) -> tuple[str, ...]:
    """The wire fields of a generated request body, in the spec's order."""
    import attrs  # loaded with the first body, as the generated classes are

    return tuple(field.name for field in attrs.fields(model) if field.init)  # type: ignore[arg-type]  # an attrs class; the Protocol cannot say so


def request_body(
    model: type[B], given: Mapping[str, object], checks: Mapping[str, Callable[[object], object]]
) -> B:
    """The request body `model` holding those of `given` that are its fields and not `None`.

    For methods whose keyword parameters are the body's fields (`agents.create` / `update`): pass
    `locals()` and the body is built from the one list of fields the spec defines. `None` means "not
    given": the key is left out of the body.

    Args:
        model: The generated request body class.
        given: Candidate values by name; names that are not fields of `model` are ignored.
        checks: Per field, a local check returning the value to send (or raising
            `InvalidArgumentError`).
    """
    fields = body_fields(model)
    values = {
        name: checks[name](value) if name in checks else value
        for name, value in given.items()
        if name in fields and value is not None
    }
    return model.from_dict(values)


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
