"""Turning answers and transport failures into the SDK's exceptions: pure functions, no I/O.

`error_from_response` maps any non-2xx status (standard or not: 499, 520, ...) to a typed
[`APIError`][anyframe.APIError] with a message a person can act on, whatever the body looks like:
FastAPI's `{"detail": "..."}`, a validation list, JSON without `detail`, a proxy's HTML page or
nothing at all. `translate_errors` wraps the few lines that touch the network so that nothing from
httpx escapes.

Each of them takes the client's [`Secrets`][anyframe._core.secrets.Secrets]: a server may echo the
API key or a credential value back (in a `detail`, a validation issue's `input`, an HTML page), and
neither the message, nor `.body`, nor a chained cause may carry it. Without one, only `afm_`-shaped
tokens are masked.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Iterator, Mapping
from email.utils import parsedate_to_datetime
from http import HTTPStatus

import httpx

from ..exceptions import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    ValidationError,
)
from .secrets import Secrets

__all__ = [
    "error_from_response",
    "excerpt",
    "reason",
    "response_invalid",
    "retry_after_seconds",
    "translate_errors",
    "undecodable",
]

_BY_STATUS: dict[int, type[APIError]] = {
    400: ValidationError,
    401: AuthError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitError,
}
_EXCERPT = 200
_ANONYMOUS = Secrets()  # masks `afm_` tokens only
_TAGS = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def reason(status: int) -> str:
    """The standard reason phrase, or a neutral label for statuses outside the registry (499, 520)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown Status"


def excerpt(content: bytes, limit: int = _EXCERPT) -> str:
    """A short, single-line, tag-free rendering of a body, for messages."""
    text = content[: limit * 4].decode("utf-8", "replace")
    text = _SPACE.sub(" ", _TAGS.sub(" ", text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def retry_after_seconds(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait according to `retry-after-ms` or `Retry-After` (seconds or an HTTP date).

    Args:
        headers: The answer's headers (case-insensitive mapping).
        now: The current Unix time, for HTTP dates; the wall clock when `None`.

    Returns:
        A non-negative number of seconds, or `None` when no usable header is present.
    """
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        with contextlib.suppress(ValueError):
            value = float(raw_ms) / 1000.0
            if value >= 0 and value == value:  # NaN is not a delay
                return value
    raw = headers.get("retry-after")
    if not raw:
        return None
    raw = raw.strip()
    try:
        seconds = float(raw)
    except ValueError:
        try:
            when = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            return None
        current = time.time() if now is None else now
        return max(0.0, when.timestamp() - current)
    return seconds if seconds >= 0 and seconds == seconds else None


def _decode(content: bytes) -> object:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return content.decode("utf-8", "replace")


def _without_inputs(body: object) -> object:
    """Drop the `input` FastAPI echoes in each validation issue: it may be a credential or token."""
    if isinstance(body, dict) and isinstance(body.get("detail"), list):
        issues = [
            {k: v for k, v in issue.items() if k != "input"} if isinstance(issue, dict) else issue
            for issue in body["detail"]
        ]
        return {**body, "detail": issues}
    return body


def _issue_text(issue: object) -> str:
    if isinstance(issue, dict):
        loc = issue.get("loc")
        where = ".".join(str(part) for part in loc) if isinstance(loc, list) else ""
        msg = issue.get("msg", "")
        return f"{where}: {msg}" if where else str(msg)
    return str(issue)


def error_from_response(
    status: int, headers: Mapping[str, str], content: bytes, *, secrets: Secrets | None = None
) -> APIError:
    """Build the typed error for a non-2xx answer.

    Args:
        status: The HTTP status code.
        headers: The answer's headers (`x-request-id`, `Retry-After` are read).
        content: The raw body, already read.
        secrets: The client's secrets, scrubbed from the message and the body.

    Returns:
        An instance of the most specific [`APIError`][anyframe.APIError] subclass for `status`.
    """
    known = secrets or _ANONYMOUS
    body = known.value(_without_inputs(_decode(content)))
    # Only the head of the body feeds the message (an excerpt), but a secret may straddle its cut.
    content = known.text(content[:65536].decode("utf-8", "replace")).encode() if content else content
    detail = body.get("detail") if isinstance(body, dict) else None
    issues: list[dict[str, object]] = []
    if isinstance(detail, str) and detail:
        message = detail
    elif isinstance(detail, list):
        issues = [i for i in detail if isinstance(i, dict)]
        shown = "; ".join(_issue_text(i) for i in detail[:3])
        more = f" (+{len(detail) - 3} more)" if len(detail) > 3 else ""
        # The 1.x wording first ("validation failed (n issue(s))"), then the issues themselves.
        message = f"validation failed ({len(detail)} issue(s)): {shown}{more}"
    elif detail is not None and detail != "":
        message = excerpt(json.dumps(detail).encode())
    elif isinstance(body, (dict, list)):
        message = f"{reason(status)}: {excerpt(content)}"
    elif content:
        message = f"{reason(status)} (non-JSON body: {excerpt(content)})"
    else:
        message = reason(status)
    request_id = headers.get("x-request-id")
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else APIError)
    if cls is ValidationError:
        return ValidationError(message, status_code=status, request_id=request_id, body=body, errors=issues)
    if cls is RateLimitError:
        return RateLimitError(
            message, status_code=status, request_id=request_id, body=body,
            retry_after=retry_after_seconds(headers),
        )  # fmt: skip
    return cls(message, status_code=status, request_id=request_id, body=body)


@contextlib.contextmanager
def translate_errors(secrets: Secrets | None = None) -> Iterator[None]:
    """Re-raise httpx transport failures as [`APIConnectionError`][anyframe.APIConnectionError] /
    [`APITimeoutError`][anyframe.APITimeoutError], chained. A sync context manager: it wraps `await`
    expressions just as well. The httpx error and everything chained to it are scrubbed of
    `secrets` in place first, since the new error's traceback prints them."""
    try:
        yield
    except (httpx.TransportError, httpx.StreamError) as exc:
        (secrets or _ANONYMOUS).exception_chain(exc)
        if isinstance(exc, httpx.TimeoutException):
            # httpx's PoolTimeout has no message: say what it means rather than end on a colon.
            detail = str(exc) or "no connection of the pool came free in time"
            raise APITimeoutError(
                f"request timed out ({type(exc).__name__}): {detail}{_server(exc)}"
            ) from exc
        if isinstance(exc, httpx.TransportError):
            raise APIConnectionError(
                f"connection failed ({type(exc).__name__}): {exc}{_server(exc)}"
            ) from exc
        raise APIConnectionError(f"stream failed ({type(exc).__name__}): {exc}") from exc
    except httpx.DecodingError as exc:
        raise ResponseValidationError(
            f"the answer could not be decoded ({type(exc).__name__}): its body is corrupt or not in the "
            "Content-Encoding it claims"
        ) from exc


def _server(exc: httpx.RequestError) -> str:
    """` (server http://host:port)`: which server did not answer, so a wrong base URL shows; empty
    when httpx raised without a request. Scheme, host and port only: never a path or a query."""
    try:
        url = exc.request.url
    except RuntimeError:  # httpx raises this for an error built without a request
        return ""
    return f" (server {url.scheme}://{url.netloc.decode('ascii', 'replace')})"


def response_invalid(
    status: int, headers: Mapping[str, str], content: bytes, problem: str, *, secrets: Secrets | None = None
) -> ResponseValidationError:
    """The error for a 2xx body that is not JSON or does not fit the model (`secrets` scrubbed)."""
    known = secrets or _ANONYMOUS
    shown = known.text(excerpt(content, 4 * _EXCERPT))
    return ResponseValidationError(
        f"HTTP {status} answer does not match the API contract: {problem}; "
        f"body starts: {excerpt(shown.encode(), 120)!r}",
        status_code=status, request_id=headers.get("x-request-id"), body=excerpt(shown.encode()),
    )  # fmt: skip


def undecodable(status: int, headers: Mapping[str, str]) -> ResponseValidationError:
    """The error for a body whose `Content-Encoding` does not decode (a corrupt gzip or deflate body)."""
    encoding = headers.get("content-encoding", "identity")
    return ResponseValidationError(
        f"HTTP {status} answer could not be decoded (Content-Encoding: {encoding}): the body is corrupt "
        "or not in the encoding it claims",
        status_code=status,
        request_id=headers.get("x-request-id"),
    )
