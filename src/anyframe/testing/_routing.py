"""Path templates and dispatch: 404 for unknown paths, 405 for wrong methods, 422 for bad path params.

Templates look like `/api/agents/{agent_id:int}/skills/{skill_id:int}`. Converters: `int` (an integer,
as FastAPI's `int` path params), `uuid` (a UUID, rendered back in its canonical lower-case form), and
plain `str`; `{name:a|b}` accepts only the listed values. Literal segments win over parameters (`/api/connectors/catalog` is the catalog, not a
connector id), and a path that matches a template under another method answers 405 with `Allow`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from ._http import ApiError, Request, Response, StreamResponse, validation_error

__all__ = ["AGENT", "SESSION", "Handler", "Params", "Route", "Router", "convert"]

AGENT = "/api/agents/{agent_id:int}"
"""The template of an agent's path, under which its skills, MCPs, toggles and builds live."""
SESSION = "/api/sessions/{session_id:uuid}"
"""The template of a session's path, under which its chat and previews live."""


class Params(dict[str, str]):
    """Path parameters of a matched route, already validated by their converters."""

    def num(self, name: str) -> int:
        """Return an integer path parameter."""
        return int(self[name])

    def text(self, name: str) -> str:
        """Return a string path parameter."""
        return self[name]


Handler = Callable[..., Response | StreamResponse]

_PARAM = re.compile(r"\{(\w+)(?::([\w|]+))?\}")


@dataclass
class Route:
    """One operation: a method, a path template and its handler."""

    method: str
    template: str
    handler: Handler
    regex: re.Pattern[str]
    converters: dict[str, str]
    literal_segments: int


def _compile(template: str) -> tuple[re.Pattern[str], dict[str, str]]:
    converters: dict[str, str] = {}
    pattern = ""
    last = 0
    for match in _PARAM.finditer(template):
        pattern += re.escape(template[last : match.start()])
        kind = match.group(2) or "str"
        # `{kind:claude|codex|github}` accepts only those literal values.
        group = kind if "|" in kind else "[^/]+"
        converters[match.group(1)] = "str" if "|" in kind else kind
        pattern += f"(?P<{match.group(1)}>{group})"
        last = match.end()
    pattern += re.escape(template[last:])
    return re.compile(pattern + r"\Z"), converters


class Router:
    """A list of routes matched in order of specificity."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(self, method: str, template: str, handler: Handler) -> None:
        """Register an operation.

        Args:
            method: HTTP method.
            template: Path template.
            handler: Called as `handler(world, request, params)`.
        """
        regex, converters = _compile(template)
        literal = sum(1 for part in template.split("/") if part and not part.startswith("{"))
        self.routes.append(Route(method, template, handler, regex, converters, literal))
        # More literal segments first: `/api/connectors/catalog` before `/api/connectors/{connector_id}`.
        self.routes.sort(key=lambda r: -r.literal_segments)

    def resolve(self, request: Request) -> tuple[Route, dict[str, str]]:
        """Find the route of a request.

        Args:
            request: The request.

        Returns:
            The matched route and its raw path parameters (see [convert][anyframe.testing._routing.convert]).

        Raises:
            ApiError: 404 (no such path) or 405 (the path exists, not with this method).
        """
        allowed: list[str] = []
        for route in self.routes:
            match = route.regex.match(request.path)
            if match is None:
                continue
            if route.method != request.method:
                allowed.append(route.method)
                continue
            return route, match.groupdict()
        if allowed:
            raise ApiError(405, "Method Not Allowed", {"Allow": ", ".join(sorted(set(allowed)))})
        raise ApiError(404, "Not Found")


def convert(route: Route, raw: dict[str, str]) -> Params:
    """Apply a route's converters to its raw path parameters.

    Args:
        route: The matched route.
        raw: Parameter values as they appeared in the path.

    Returns:
        The converted parameters.

    Raises:
        ApiError: 422 when a value does not fit its converter (like FastAPI's path params).
    """
    params = Params()
    for name, value in raw.items():
        kind = route.converters[name]
        if kind == "int":
            try:
                params[name] = str(int(value))
            except ValueError:
                raise validation_error(
                    ["path", name],
                    "Input should be a valid integer, unable to parse string as an integer",
                    "int_parsing",
                ) from None
        elif kind == "uuid":
            try:
                params[name] = str(uuid.UUID(value))
            except ValueError:
                raise validation_error(
                    ["path", name], "Input should be a valid UUID", "uuid_parsing"
                ) from None
        else:
            params[name] = value
    return params
