"""Transport-neutral request and response values shared by the router and the socket server.

The world and the routes never touch sockets: they receive a [Request][anyframe.testing._http.Request]
and return a [Response][anyframe.testing._http.Response] (JSON with a Content-Length) or a
[StreamResponse][anyframe.testing._http.StreamResponse] (an iterator of SSE frames the server writes as
HTTP chunks). Errors are raised as [ApiError][anyframe.testing._http.ApiError] and rendered the FastAPI
way, `{"detail": ...}`, which is what the real control plane answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

__all__ = [
    "ApiError",
    "Frames",
    "Request",
    "Response",
    "StreamResponse",
    "dumps",
    "empty_response",
    "error_response",
    "json_response",
    "validation_error",
]

#: A batch of encoded SSE frames (each ending in a blank line); comment frames start with `:`.
Frames = list[bytes]

#: Deepest nesting of arrays and objects a JSON body may have. Real bodies stay under ten levels; the
#: bound keeps every recursive walk over a body (validation, the request log, `json.dumps`) far from
#: Python's recursion limit.
MAX_JSON_DEPTH = 100

_MISSING = object()


def dumps(value: object) -> bytes:
    """Encode a JSON value compactly.

    Args:
        value: Any JSON-serialisable value.

    Returns:
        UTF-8 bytes without insignificant whitespace.
    """
    return json.dumps(value, separators=(",", ":")).encode()


class ApiError(Exception):
    """An HTTP error answer, rendered as `{"detail": detail}`."""

    def __init__(self, status: int, detail: object, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status, detail)
        self.status = status
        self.detail = detail
        self.headers = dict(headers or {})


def validation_error(loc: list[str | int], msg: str, kind: str) -> ApiError:
    """Build a 422 carrying one FastAPI-style validation issue.

    Args:
        loc: Location of the issue, e.g. `["body", "name"]`.
        msg: Human-readable message.
        kind: Machine-readable type, e.g. `"missing"`.

    Returns:
        The error to raise.
    """
    return ApiError(422, [{"loc": loc, "msg": msg, "type": kind}])


@dataclass
class Request:
    """One parsed HTTP request.

    Attributes:
        method: Upper-case method.
        path: Path without the query string.
        query: Query parameters; the last value wins.
        headers: Headers with lower-case names.
        body: Raw body bytes (empty when there is none).
        authorized: Whether the token the request was authenticated with is still live (set by the
            plane; long-lived streams poll it and end once the token is revoked).
        route: What the plane's router made of the path (set by the plane, matched once per request).
        token: The API token the request authenticated with, `False` for none (set by the plane).
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes = b""
    authorized: Callable[[], bool] = field(default=lambda: True, repr=False)
    route: object = field(default=None, repr=False)
    token: object = field(default=None, repr=False)
    _parsed: object = field(default=_MISSING, repr=False)

    @property
    def has_body(self) -> bool:
        """Whether the request carried a non-blank body."""
        return bool(self.body.strip())

    def json(self) -> object:
        """Return the decoded JSON body (`None` when the body is empty).

        Returns:
            The decoded value.

        Raises:
            ApiError: 422 with a `json_invalid` issue when the body is not JSON; 400 when it nests
                arrays and objects more than [MAX_JSON_DEPTH][anyframe.testing._http.MAX_JSON_DEPTH]
                levels deep.
        """
        if self._parsed is _MISSING:
            if not self.has_body:
                self._parsed = None
            else:
                try:
                    parsed = json.loads(self.body)
                except RecursionError:
                    raise _too_deep() from None
                except ValueError as exc:
                    pos = getattr(exc, "pos", 0)
                    raise validation_error(["body", pos], "JSON decode error", "json_invalid") from None
                if _depth_exceeds(parsed, MAX_JSON_DEPTH):
                    raise _too_deep()
                self._parsed = parsed
        return self._parsed


def _too_deep() -> ApiError:
    return ApiError(
        400, f"the JSON body nests arrays/objects more than {MAX_JSON_DEPTH} levels deep; send a flatter body"
    )


def _depth_exceeds(value: object, limit: int) -> bool:
    """Whether `value` nests containers deeper than `limit` (iterative: no recursion on hostile input)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[object] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


@dataclass
class Response:
    """A complete response with a fixed-length body."""

    status: int
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class StreamResponse:
    """A `text/event-stream` response; `frames` yields batches of encoded frames until the stream ends.

    Attributes:
        frames: The frame batches. The server closes the iterator when the client goes away.
        fault: A stream fault (cut or stall) to apply to this connection, set by the plane.
    """

    frames: Iterator[Frames]
    fault: object = None
    status: int = 200


def json_response(status: int, value: object, headers: Mapping[str, str] | None = None) -> Response:
    """Build a JSON response.

    Args:
        status: HTTP status.
        value: JSON-serialisable body.
        headers: Extra headers.

    Returns:
        The response.
    """
    return Response(status, dumps(value), "application/json", dict(headers or {}))


def empty_response(status: int = 204) -> Response:
    """Build a bodiless response (204 by default)."""
    return Response(status, b"", None)


def error_response(error: ApiError) -> Response:
    """Render an [ApiError][anyframe.testing._http.ApiError] as `{"detail": ...}`."""
    return json_response(error.status, {"detail": error.detail}, error.headers)
