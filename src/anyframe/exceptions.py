"""Everything the SDK raises, as one tree rooted at [`AnyFrameError`][anyframe.AnyFrameError].

```
AnyFrameError                      one `except` catches all of it
├── APIError                       any non-2xx answer: .status_code .message .request_id .body
│   ├── AuthError                  401 (also at construction when no API key resolves)
│   ├── PermissionDeniedError      403
│   ├── NotFoundError              404
│   ├── ConflictError              409
│   ├── ValidationError            400 / 422: .errors (.details is the same list)
│   ├── RateLimitError             429: .retry_after seconds
│   └── ServerError                5xx
├── APIConnectionError             no answer: DNS, refused, reset, TLS, a dropped stream
│   └── APITimeoutError            the request or a stream read timed out
├── ResponseValidationError        a 2xx whose body is not JSON or does not fit the model
├── InvalidArgumentError           bad input caught before anything was sent (also a ValueError)
├── ClientClosedError              the client was used after close() (also a RuntimeError)
├── BuildFailedError               wait_for_build saw the build fail (.build_status)
└── SessionEndedError              wait_until_running saw the session end (.session)
```

The waiters raise the builtin `TimeoutError` at their deadline, as the user guide documents: it
is deliberately outside this tree.

Messages never contain the API key, minted tokens or credential values: they are built from the
server's `detail` and scrubbed of anything shaped like an `afm_` token.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import BuildStatus, Session

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AnyFrameError",
    "AuthError",
    "BuildFailedError",
    "ClientClosedError",
    "ConflictError",
    "InvalidArgumentError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "SessionEndedError",
    "ValidationError",
]

_TOKEN = re.compile(r"afm_[A-Za-z0-9_\-]+")


def _scrub(text: str) -> str:
    """Mask anything that looks like an AnyFrame token, wherever a message came from."""
    return _TOKEN.sub("afm_***", text)


class AnyFrameError(Exception):
    """Base class of every error the SDK raises.

    Attributes:
        message: A human-readable explanation, safe to log.
        status_code: The HTTP status of the answer that caused the error, if there was one.
        request_id: The server's `x-request-id` for that answer, if it sent one: quote it in bug reports.
        body: The decoded answer body (JSON value, or text when it was not JSON), if there was one.
    """

    message: str
    status_code: int | None
    request_id: str | None
    body: object

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        request_id: str | None = None,
        body: object = None,
    ) -> None:
        self.message = _scrub(message)
        self.status_code = status_code
        self.request_id = request_id
        self.body = body
        super().__init__(self.message)

    def __str__(self) -> str:
        parts = [self.message]
        if self.request_id:
            parts.append(f"(request id: {self.request_id})")
        return " ".join(parts)

    def __repr__(self) -> str:
        fields = [f"message={self.message!r}"]
        if self.status_code is not None:
            fields.append(f"status_code={self.status_code}")
        if self.request_id is not None:
            fields.append(f"request_id={self.request_id!r}")
        return f"{type(self).__name__}({', '.join(fields)})"


class APIError(AnyFrameError):
    """The control plane answered with a non-2xx status.

    Raised as is for statuses without a more specific class (for example 418 or a proxy's 499);
    the subclasses below cover the statuses callers branch on.
    """

    status_code: int

    def __init__(
        self, message: str, *, status_code: int, request_id: str | None = None, body: object = None
    ) -> None:
        super().__init__(message, status_code=status_code, request_id=request_id, body=body)

    def __str__(self) -> str:
        return f"HTTP {self.status_code}: {super().__str__()}"


class AuthError(APIError):
    """401: the API key is missing, malformed or revoked.

    Also raised by the client constructor, before any request, when no API key resolves from
    `api_key=`, the `ANYFRAME_API_KEY` environment variable or a `.env` file.
    """


class PermissionDeniedError(APIError):
    """403: the key is valid but may not do this."""


class NotFoundError(APIError):
    """404: the resource does not exist, or is not yours."""


class ConflictError(APIError):
    """409: the resource is in the wrong state, e.g. deleting a session whose sandbox is still live."""


class ValidationError(APIError):
    """400 or 422: the server rejected the request body or parameters.

    Attributes:
        errors: Field-level issues as the server reported them (`loc`, `msg`, `type`), or an empty
            list when the server sent a plain message.
    """

    errors: list[dict[str, object]]

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        request_id: str | None = None,
        body: object = None,
        errors: list[dict[str, object]] | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, request_id=request_id, body=body)
        self.errors = errors or []

    @property
    def details(self) -> list[dict[str, object]]:
        """The same list as [`errors`][anyframe.ValidationError.errors] (the name the 1.x SDK used)."""
        return self.errors


class RateLimitError(APIError):
    """429: too many requests.

    Attributes:
        retry_after: Seconds the server asked us to wait (`Retry-After` in seconds or as an HTTP
            date, or `retry-after-ms`), or `None` when it did not say.
    """

    retry_after: float | None

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 429,
        request_id: str | None = None,
        body: object = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, request_id=request_id, body=body)
        self.retry_after = retry_after


class ServerError(APIError):
    """5xx: the control plane (or a proxy in front of it) failed. Idempotent calls are retried first."""


class APIConnectionError(AnyFrameError):
    """No usable answer arrived: DNS failure, refused or reset connection, TLS error, a stream cut
    more often than the reconnect budget allows. The underlying httpx error is chained as `__cause__`."""


class APITimeoutError(APIConnectionError):
    """The request (or a read on a stream) took longer than the configured timeout."""


class ResponseValidationError(AnyFrameError):
    """A 2xx answer whose body is not JSON, or does not fit the documented model.

    `status_code` and `request_id` identify the answer; `body` holds a short excerpt of it.
    """


class InvalidArgumentError(AnyFrameError, ValueError):
    """An argument the SDK could check locally is wrong; nothing was sent.

    It is a `ValueError` too, so code written for plain Python validation catches it.
    """


class ClientClosedError(AnyFrameError, RuntimeError):
    """The client was used after `close()` / `aclose()` or after its `with` block ended."""


class BuildFailedError(AnyFrameError):
    """`wait_for_build` saw the build end in `failed`.

    Attributes:
        build_status: The final [`BuildStatus`][anyframe.BuildStatus], with its `error` text.
    """

    build_status: BuildStatus

    def __init__(self, message: str, *, build_status: BuildStatus) -> None:
        super().__init__(message)
        self.build_status = build_status


class SessionEndedError(AnyFrameError):
    """`wait_until_running` saw the session end (`terminated` or `error`) instead of running.

    Attributes:
        session: The final [`Session`][anyframe.Session].
    """

    session: Session

    def __init__(self, message: str, *, session: Session) -> None:
        super().__init__(message)
        self.session = session
