"""Checks of caller input that the SDK can make before sending anything.

Each check names the argument and says what to fix, so a wrong call costs no round trip and leaves
nothing half-done on the server. Two kinds of error come out:

- A request argument the server would refuse (a body field, a query parameter, a path id) raises
  [`LocalValidationError`][anyframe.LocalValidationError]: an `InvalidArgumentError` and a
  `ValueError`, and also the `ValidationError` that 1.x code catches, with a FastAPI-shaped `loc`
  (`["body", "name"]`, `["path", "session_id"]`, `["query", "limit"]`).
- Anything else (client settings, waiter timeouts, callbacks) raises a plain
  [`InvalidArgumentError`][anyframe.InvalidArgumentError].

Path parameters are exactly one segment. Integer ids are ints, so their decimal form always is. The
string ids (session ids, catalog slugs) are refused, not percent-encoded, unless made of URL-unreserved
characters only (`A-Z a-z 0-9 - . _ ~`) and other than all dots: both kinds are minted by the server
from that alphabet, so anything else names no resource. Encoding would not protect the dangerous
cases anyway: `.` and `..` are unreserved (httpx removes them as dot segments, so
`sessions.delete("..")` became `DELETE /api`), `%2E` is decoded back to `.` by RFC 3986
normalisation, and many servers and proxies decode `%2F` to `/` before routing. The generated
builders still percent-encode every path value, as a second line of defence.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Literal, overload

from ..exceptions import InvalidArgumentError, LocalValidationError

__all__ = [
    "ENV_VAR_KEY",
    "MAX_SECONDS",
    "SessionId",
    "Where",
    "check_api_path",
    "check_callback",
    "check_count",
    "check_env_vars",
    "check_flag",
    "check_id",
    "check_object",
    "check_port",
    "check_ports",
    "check_seconds",
    "check_text",
    "path_segment",
    "refuse",
    "session_path_id",
]

ENV_VAR_KEY = re.compile(r"[A-Z_][A-Z0-9_]*")
# RFC 3986 "unreserved": the only characters a path segment carries verbatim through every URL parser.
_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
# The longest duration any timeout or wait accepts (about three years). Sockets, `time.sleep` and
# lock waits overflow a little past 9.2e9 s on 64-bit platforms; "wait forever" is a large finite value
# here, or `httpx.Timeout(None)` for the client's per-phase timeouts.
MAX_SECONDS = 1e8

Where = Literal["body", "query", "path"]
"""Where a request argument goes, as FastAPI names it in an issue's `loc`."""

SessionId = str | uuid.UUID
"""A session id: the UUID string the API returns, or a `uuid.UUID`."""


def _shown(value: object) -> str:
    """A value quoted in a message: its repr, cut short (a wrong argument may be large)."""
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def refuse(where: Where, name: str, problem: str, *inner: str | int) -> LocalValidationError:
    """The error for one request argument; `inner` locates the value inside it (a key, an index)."""
    label = name + "".join(f"[{part!r}]" for part in inner)
    return LocalValidationError(f"{label} {problem}", loc=(where, name, *inner), problem=problem)


def check_id(name: str, value: object, *, where: Where = "path") -> int:
    """An integer id (agent, skill, MCP, connector, build, token, snapshot): an `int` >= 0, not a bool.

    Args:
        name: The argument's name, for the message.
        value: What the caller passed.
        where: Where the id goes in the request (most ids are path parameters).
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise refuse(where, name, f"must be an int, got {type(value).__name__} {_shown(value)}")
    if value < 0:
        raise refuse(where, name, f"must be >= 0, got {value}")
    return value


def check_count(name: str, value: object, *, minimum: int = 0, where: Where = "query") -> int:
    """A count or position (`limit`, `since`, `tail`): an `int` of at least `minimum`, not a bool."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise refuse(where, name, f"must be an int, got {type(value).__name__} {_shown(value)}")
    if value < minimum:
        raise refuse(where, name, f"must be >= {minimum}, got {value}")
    return value


def path_segment(name: str, value: object) -> str:
    """A string path parameter (a catalog slug): exactly one URL path segment, sent as given.

    Raises:
        LocalValidationError: `value` is not a `str`, is empty, is all dots (`.`, `..`), or holds a
            character outside `A-Z a-z 0-9 - . _ ~` (`/`, `?`, `#`, `%`, spaces, controls, non-ASCII).
    """
    if not isinstance(value, str):
        raise refuse("path", name, f"must be a str, got {type(value).__name__} {_shown(value)}")
    if not _SEGMENT.fullmatch(value) or not value.strip("."):
        raise refuse(
            "path", name,
            "must be one URL path segment: letters, digits, '-', '_', '.' and '~' only, and not '.' or "
            f"'..' (these can never name a resource); got {_shown(value)}",
        )  # fmt: skip
    return value


def check_api_path(value: object) -> str:
    """The path of `af.request()`: a path below the base URL whose every segment is one, as above.

    It starts with `/`, has no query or fragment (parameters go in `params=`), no empty segment (`//`,
    a trailing `/`), and no segment that is not one path segment: so an absolute URL to another host,
    `..`, `%2e%2e` or a control character can never take the API key elsewhere on the server or off it.

    Raises:
        InvalidArgumentError: Any of the above; the message says which.
    """
    if not isinstance(value, str):
        raise InvalidArgumentError(f"path must be a str such as '/api/me', got {type(value).__name__}")
    if not value.startswith("/") or value.startswith("//") or "://" in value:
        raise InvalidArgumentError(
            f"path must be a path below the base URL starting with '/', such as '/api/me'; got {_shown(value)} "
            "(the client only sends its key to its base_url)"
        )
    if "?" in value or "#" in value:
        raise InvalidArgumentError(
            f"path must not hold a query or a fragment; got {_shown(value)}: pass query parameters as params="
        )
    for segment in value[1:].split("/"):
        if not segment:
            raise InvalidArgumentError(
                f"path has an empty segment ('//' or a trailing '/'); got {_shown(value)}"
            )
        if not _SEGMENT.fullmatch(segment) or not segment.strip("."):
            raise InvalidArgumentError(
                f"path segment {_shown(segment)} is not one URL path segment (letters, digits, '-', '_', '.' "
                f"and '~' only, never '.' or '..'); got {_shown(value)}"
            )
    return value


def session_path_id(value: object) -> str:
    """A session id (UUID) for a path: a `uuid.UUID` renders lowercase-hyphenated, a `str` is sent as
    given once it is one path segment (see [`path_segment`][anyframe._core.validate.path_segment]).

    An `int` is tolerated and sent in decimal: one edition of the user guide types session ids as
    `int` in an example, and refusing it would break that code for no gain.
    """
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise refuse("path", "session_id", f"must be a session UUID, got {value}")
        return str(value)
    if not isinstance(value, str):
        raise refuse(
            "path", "session_id", f"must be a str or uuid.UUID, got {type(value).__name__} {_shown(value)}"
        )
    if not value.strip():
        raise refuse("path", "session_id", "must be a non-empty string (a session UUID)")
    if not _SEGMENT.fullmatch(value) or not value.strip("."):
        raise refuse(
            "path", "session_id",
            f"must be a session UUID, got {_shown(value)}: a session id is one URL path segment such as "
            "'5b1f6c0e-8a2d-4c1e-9f3a-0123456789ab' (letters, digits, '-', '_', '.' and '~'; never '.' or '..')",
        )  # fmt: skip
    return value


@overload
def check_text(name: str, value: object, *, allow_none: Literal[False] = False) -> str: ...
@overload
def check_text(name: str, value: object, *, allow_none: bool) -> str | None: ...
def check_text(name: str, value: object, *, allow_none: bool = False) -> str | None:
    """A required non-empty string body field (names, commands, URLs, tokens)."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise refuse("body", name, f"must be a str, got {type(value).__name__}")
    if not value.strip():
        raise refuse("body", name, "must be a non-empty string")
    return value


def check_flag(name: str, value: object) -> bool:
    """A required boolean body field: `True` or `False` (not `1`, not `"yes"`)."""
    if not isinstance(value, bool):
        raise refuse("body", name, f"must be True or False, got {_shown(value)}")
    return value


def check_object(name: str, value: object, *, hint: str = "") -> dict[str, object]:
    """A body value that must be a JSON object (a `dict` or other mapping); returns a plain copy."""
    if not isinstance(value, Mapping):
        raise refuse("body", name, f"must be a dict{hint}, got {type(value).__name__}")
    return dict(value)


def _port(name: str, value: object, *index: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise refuse("body", name, f"must be a TCP port between 1 and 65535, got {_shown(value)}", *index)
    return value


def check_port(name: str, value: object) -> int | None:
    """An optional TCP port: 1-65535."""
    return None if value is None else _port(name, value)


def check_ports(name: str, values: Iterable[object] | None) -> list[int] | None:
    """An optional list of TCP ports."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)):
        raise refuse("body", name, "must be a list of ports, got a string")
    if not isinstance(values, Iterable):
        raise refuse("body", name, f"must be a list of ports, got {type(values).__name__}")
    # A `None` inside the list is not "no port": it is rejected like any other non-port.
    return [_port(name, v, i) for i, v in enumerate(values)]


def check_env_vars(value: Mapping[str, str] | None) -> dict[str, str] | None:
    """Agent `env_vars`: keys must match `[A-Z_][A-Z0-9_]*`, values must be strings.

    Values are never echoed in the message: they are often secrets.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise refuse("body", "env_vars", f"must be a dict of str to str, got {type(value).__name__}")
    for key, item in value.items():
        if not isinstance(key, str) or not ENV_VAR_KEY.fullmatch(key):
            raise refuse(
                "body", "env_vars",
                f"key {_shown(key)} is not a valid variable name: use upper-case letters, digits and "
                "underscores, not starting with a digit (pattern [A-Z_][A-Z0-9_]*)",
            )  # fmt: skip
        if not isinstance(item, str):
            raise refuse("body", "env_vars", f"must be a str, got {type(item).__name__}", key)
    return dict(value)


def check_seconds(name: str, value: object, *, allow_infinite: bool = False) -> float:
    """A duration setting (a timeout, a poll interval): a positive, finite number of seconds.

    Args:
        name: The argument's name, for the message.
        value: What the caller passed.
        allow_infinite: Accept `float("inf")` too (a waiter's "wait for ever": it sleeps in finite
            steps, so nothing overflows).

    Raises:
        InvalidArgumentError: `value` is not an `int`/`float` (a string, a bool), or is not in
            `(0, MAX_SECONDS]` (zero, negative, NaN, infinite).
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown, hint = f"{type(value).__name__} {_shown(value)}", ""
    elif 0 < value <= MAX_SECONDS or (allow_infinite and value == math.inf):  # NaN fails both
        return float(value)
    else:
        shown, hint = _shown(value), " (a large finite number waits a long time)" if value == math.inf else ""
    raise InvalidArgumentError(
        f"{name} must be a positive number of seconds (an int or float, finite, at most "
        f"{MAX_SECONDS:,.0f}), got {shown}{hint}"
    )


def check_callback(name: str, value: object) -> None:
    """An optional callback (`on_status`): `None` or something callable."""
    if value is not None and not callable(value):
        raise InvalidArgumentError(f"{name} must be a function (or None), got {type(value).__name__}")
