"""Path templates, dispatch and request binding: 404 / 405 for unknown routes, 422 for invalid requests.

Templates are the spec's own (`/api/agents/{agent_id}/skills/{skill_id}`); a parameter matches one
non-empty path segment. Literal segments win over parameters (`/api/connectors/catalog` is the catalog,
not a connector id), and a path that matches a template under another method answers 405 with `Allow`.

[bind][anyframe.testing._routing.bind] turns a matched request into [Params][anyframe.testing._routing.Params]
using the operation's spec (see [_spec][anyframe.testing._spec]): path and query values converted to
their declared types, the JSON body decoded and validated, defaults filled in. Every issue of the
request is reported in one 422, path first, then query, then body, as FastAPI does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from ._http import ApiError, Request, Response, StreamResponse
from ._schema import Issue, issue
from ._spec import Operation, Spec

__all__ = ["AGENT", "SESSION", "Handler", "Params", "Route", "Router", "bind", "string_detail_when_invalid"]

Handler = Callable[..., Response | StreamResponse]
_H = TypeVar("_H", bound=Handler)

AGENT = "/api/agents/{agent_id}"
"""The template of an agent's path, under which its skills, MCPs, toggles and builds live."""
SESSION = "/api/sessions/{session_id}"
"""The template of a session's path, under which its chat and previews live."""

_PARAM = re.compile(r"\{(\w+)\}")


@dataclass
class Params:
    """The validated values of one request.

    Attributes:
        path: Path parameters, converted (`int` ids, canonical UUID strings).
        query: Query parameters the operation declares, converted, with their defaults.
        body: The validated JSON body with defaults filled in (`None` when the operation has none).
    """

    path: dict[str, object] = field(default_factory=dict)
    query: dict[str, object] = field(default_factory=dict)
    body: object = None

    def num(self, name: str) -> int:
        """Return an integer path parameter."""
        return cast(int, self.path[name])

    def text(self, name: str) -> str:
        """Return a string path parameter."""
        return str(self.path[name])

    def fields(self) -> dict[str, object]:
        """Return the body as an object (the validator guarantees it is one when the schema says so)."""
        return cast("dict[str, object]", self.body if isinstance(self.body, dict) else {})


@dataclass
class Route:
    """One operation: a method, its spec template, its handler and what the spec says about it."""

    method: str
    template: str
    handler: Handler
    operation: Operation
    regex: re.Pattern[str]
    literal_segments: int


def _compile(template: str) -> re.Pattern[str]:
    pattern, last = "", 0
    for match in _PARAM.finditer(template):
        pattern += re.escape(template[last : match.start()]) + f"(?P<{match.group(1)}>[^/]+)"
        last = match.end()
    return re.compile(pattern + re.escape(template[last:]) + r"\Z")


class Router:
    """The plane's operations, matched in order of specificity.

    Args:
        spec: The spec the operations come from; each route must be one of its operations.
    """

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.routes: list[Route] = []

    def add(self, method: str, template: str, handler: Handler) -> None:
        """Register an operation.

        Args:
            method: HTTP method.
            template: Path template, exactly as the spec writes it.
            handler: Called as `handler(world, request, params)`.

        Raises:
            KeyError: The spec has no operation with this method and template.
        """
        try:
            operation = self.spec.operation(method, template)
        except KeyError:
            raise KeyError(f"{method} {template} is not an operation of openapi.yaml") from None
        literal = sum(1 for part in template.split("/") if part and not part.startswith("{"))
        self.routes.append(Route(method, template, handler, operation, _compile(template), literal))
        # More literal segments first: `/api/connectors/catalog` before `/api/connectors/{connector_id}`.
        self.routes.sort(key=lambda r: -r.literal_segments)

    def resolve(self, request: Request) -> tuple[Route, dict[str, str]]:
        """Find the route of a request.

        Args:
            request: The request.

        Returns:
            The matched route and its raw path parameters.

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


def string_detail_when_invalid(field: str, detail: str) -> Callable[[_H], _H]:
    """Mark a handler whose invalid `field` answers 422 with a string `detail` instead of a list.

    The contract's fixtures show one such answer (`POST /api/tokens` with an empty name: `"name
    required"`); clients must handle both shapes, so the plane reproduces it where it is documented.
    Other issues of the same body (an unknown field, say) still answer the usual list.

    Args:
        field: The body field, e.g. `"name"`.
        detail: The `detail` to answer when every issue of the request is about that field.

    Returns:
        A decorator that leaves the handler unchanged apart from the mark.
    """

    def mark(handler: _H) -> _H:
        handler.string_detail = (field, detail)  # type: ignore[attr-defined]
        return handler

    return mark


def bind(spec: Spec, route: Route, request: Request, raw: dict[str, str]) -> Params:
    """Validate a request against its operation and return its values.

    Args:
        spec: The spec.
        route: The matched route.
        request: The request.
        raw: Path parameter values as they appeared in the path.

    Returns:
        The converted and validated values.

    Raises:
        ApiError: 400 for a body nested too deeply, 422 listing every issue otherwise.
    """
    operation = route.operation
    issues: list[Issue] = []
    params = Params()
    for param in operation.params:
        loc: list[str | int] = [param.where, param.name]
        if param.where == "path":
            params.path[param.name], found = spec.coerce(param, raw[param.name], loc)
            issues += found
        elif param.where == "query":
            value = request.query.get(param.name)
            if value is None:
                if param.required:
                    issues.append(issue(loc, "Field required", "missing"))
                else:
                    params.query[param.name] = spec.default(param)
                continue
            params.query[param.name], found = spec.coerce(param, value, loc)
            issues += found
        elif param.where == "header":
            header = request.headers.get(param.name.lower())
            if header is None and param.required:
                issues.append(issue(loc, "Field required", "missing"))
    body_issues: list[Issue] = []
    if operation.body is not None:
        decoded = request.json()  # raises 422 json_invalid / 400 too deep
        if decoded is None:
            if operation.body_required:
                body_issues.append(issue(["body"], "Field required", "missing"))
        else:
            params.body, body_issues = spec.validator.validate(operation.body, decoded, ["body"])
    special = getattr(route.handler, "string_detail", None)
    if body_issues and not issues and special is not None:
        field, detail = special
        if all(found["loc"] in (["body"], ["body", field]) for found in body_issues):
            raise ApiError(422, detail)
    issues += body_issues
    if issues:
        raise ApiError(422, issues)
    return params
