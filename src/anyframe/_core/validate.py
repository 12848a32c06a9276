"""Checks of caller input that the SDK can make before sending anything.

Each raises [`InvalidArgumentError`][anyframe.InvalidArgumentError] (also a `ValueError`) with a
message that names the argument and says what to fix, so a wrong call costs no round trip and
leaves nothing half-done on the server.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Literal, overload

from ..exceptions import InvalidArgumentError

__all__ = [
    "ENV_VAR_KEY",
    "SessionId",
    "check_env_vars",
    "check_id",
    "check_port",
    "check_ports",
    "check_text",
    "session_path_id",
]

ENV_VAR_KEY = re.compile(r"[A-Z_][A-Z0-9_]*")


def check_id(name: str, value: object) -> int:
    """An integer id or count (agent, skill, MCP, connector, build, token, limit): >= 0, not a bool."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < 0:
        raise InvalidArgumentError(f"{name} must be >= 0, got {value}")
    return value


SessionId = str | uuid.UUID
"""A session id: the UUID string the API returns, or a `uuid.UUID`."""


def session_path_id(value: object) -> str:
    """A session id (UUID): a `uuid.UUID` renders lowercase-hyphenated, a `str` is sent as given.

    An `int` is tolerated and sent in decimal: one edition of the user guide types session ids as
    `int` in an example, and refusing it would break that code for no gain.
    """
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InvalidArgumentError(
            f"session_id must be a str or uuid.UUID, got {type(value).__name__} {value!r}"
        )
    if not value.strip():
        raise InvalidArgumentError("session_id must be a non-empty string (a session UUID)")
    if "/" in value or any(c.isspace() for c in value):
        raise InvalidArgumentError(f"session_id must be a session UUID, got {value!r}")
    return value


@overload
def check_text(name: str, value: object, *, allow_none: Literal[False] = False) -> str: ...
@overload
def check_text(name: str, value: object, *, allow_none: bool) -> str | None: ...
def check_text(name: str, value: object, *, allow_none: bool = False) -> str | None:
    """A required non-empty string argument (names, commands, URLs, slugs, tokens)."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise InvalidArgumentError(f"{name} must be a non-empty string")
    return value


def _port(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise InvalidArgumentError(f"{name} must be a TCP port between 1 and 65535, got {value!r}")
    return value


def check_port(name: str, value: object) -> int | None:
    """An optional TCP port: 1-65535."""
    return None if value is None else _port(name, value)


def check_ports(name: str, values: Iterable[object] | None) -> list[int] | None:
    """An optional list of TCP ports."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)):
        raise InvalidArgumentError(f"{name} must be a list of ports, got a string")
    # A `None` inside the list is not "no port": it is rejected like any other non-port.
    return [_port(f"{name}[{i}]", v) for i, v in enumerate(values)]


def check_env_vars(value: Mapping[str, str] | None) -> dict[str, str] | None:
    """Agent `env_vars`: keys must match `[A-Z_][A-Z0-9_]*`, values must be strings.

    Values are never echoed in the message: they are often secrets.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(f"env_vars must be a dict of str to str, got {type(value).__name__}")
    for key, item in value.items():
        if not isinstance(key, str) or not ENV_VAR_KEY.fullmatch(key):
            raise InvalidArgumentError(
                f"env_vars key {key!r} is not a valid variable name: use upper-case letters, digits and "
                "underscores, not starting with a digit (pattern [A-Z_][A-Z0-9_]*)"
            )
        if not isinstance(item, str):
            raise InvalidArgumentError(f"env_vars[{key!r}] must be a str, got {type(item).__name__}")
    return dict(value)
