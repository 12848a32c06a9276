"""Everything the SDK raises, as one tree rooted at [`AnyFrameError`][anyframe.AnyFrameError].

```
AnyFrameError                      one `except` catches all of it
├── APIError                       any non-2xx answer: .status_code .message .request_id .body
│   ├── AuthError                  401 (also at construction when no API key resolves)
│   ├── PermissionDeniedError      403
│   ├── NotFoundError              404
│   ├── ConflictError              409
│   ├── ValidationError            400 / 422: .errors (.details is the same list)
│   │   └── LocalValidationError   a request argument refused before sending (also an InvalidArgumentError)
│   ├── RateLimitError             429: .retry_after seconds
│   └── ServerError                5xx
├── APIConnectionError             no answer: DNS, refused, reset, TLS, a dropped stream
│   └── APITimeoutError            the request or a stream read timed out
├── ResponseValidationError        a 2xx whose body is not JSON or does not fit the model
├── InvalidArgumentError           bad input caught before anything was sent (also a ValueError)
│   └── LocalValidationError       (the same class as above: both trees catch it)
├── ClientClosedError              the client was used after close() (also a RuntimeError)
├── BuildFailedError               wait_for_build saw the build fail (.build_status)
├── SessionEndedError              wait_until_running or a chat turn saw the session end (.session)
└── TurnTimeoutError               a chat turn did not end in time (also a TimeoutError; .last_seq)
```

The waiters raise the builtin `TimeoutError` at their deadline, as the user guide documents: it
is deliberately outside this tree. A chat turn's timeout is in it, and is a `TimeoutError` as well.

The API errors can be built by hand the way code written for the 1.x SDK builds them (to mock
failures in tests): `APIError(503, "upstream timeout")`, `NotFoundError("gone")` (status 404),
`ValidationError("body invalid", details=[...])`, `ServerError(503, "boom")`,
`RateLimitError("slow down", retry_after=12)`; the keyword forms (`status_code=`, `request_id=`,
`body=`) work too.

Every exception pickles with its attributes, so one raised in a `ProcessPoolExecutor` worker reaches
the parent as itself. Messages never contain the API key, minted tokens or credential values: the
client scrubs the secrets it knows from messages and bodies, and anything shaped like an `afm_`
token is masked here whatever its origin.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from http import HTTPStatus
from typing import TYPE_CHECKING, ClassVar, overload

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
    "LocalValidationError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "SessionEndedError",
    "TurnTimeoutError",
    "ValidationError",
]

_TOKEN = re.compile(r"afm_[A-Za-z0-9_\-]+")


def _scrub(text: str) -> str:
    """Mask anything that looks like an AnyFrame token, wherever a message came from."""
    return _TOKEN.sub("afm_***", text)


def _restore(cls: type[AnyFrameError], args: tuple[object, ...]) -> AnyFrameError:
    """Unpickle an error without calling its `__init__` (whose signature differs per class); the
    attributes come back through the pickled `__dict__`."""
    error = cls.__new__(cls, *args)
    error.args = args  # an OSError subclass (TimeoutError) leaves `args` to the `__init__` skipped here
    return error


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

    def __reduce__(self) -> tuple[object, ...]:
        # The default pickling calls `cls(*self.args)`, which cannot rebuild keyword-only attributes
        # (a process pool would turn a NotFoundError into BrokenProcessPool).
        return (_restore, (type(self), self.args), dict(self.__dict__))

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


def _bind(
    cls: type[APIError], args: tuple[object, ...], keywords: dict[str, object]
) -> tuple[str, int, dict[str, object]]:
    """Map the positional arguments of the 1.x constructors onto names: `(message, status, extras)`.

    A leading `int` is the status (`APIError(503, "upstream timeout")`, `ServerError(503, "boom")`);
    the rest follow the class's `_positional` order (`ValidationError("bad", details, 400)`). A
    keyword left at `None` counts as not given.
    """
    names = cls._positional
    bound: dict[str, object] = {}
    if args and isinstance(args[0], int) and not isinstance(args[0], bool):
        bound["status_code"] = args[0]
        args = args[1:]
        names = tuple(name for name in names if name != "status_code")
    if len(args) > len(names):
        raise TypeError(
            f"{cls.__name__}() takes at most {len(names)} positional arguments ({', '.join(names)})"
        )
    bound.update(zip(names, args, strict=False))  # trailing names may be omitted
    for name, value in keywords.items():
        if value is not None:
            if name in bound:
                raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
            bound[name] = value
    status = bound.pop("status_code", cls._default_status)
    if status is None:
        raise TypeError(
            f"{cls.__name__}() needs the HTTP status, e.g. {cls.__name__}(503, 'upstream timeout')"
        )
    if isinstance(status, bool) or not isinstance(status, int):
        raise TypeError(f"{cls.__name__}() status_code must be an int, got {type(status).__name__}")
    message = bound.pop("message", None)
    if message is None:
        message = cls._default_message or _phrase(status)
    if not isinstance(message, str):
        raise TypeError(f"{cls.__name__}() message must be a str, got {type(message).__name__}")
    return message, status, bound


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "request failed"


class APIError(AnyFrameError):
    """The control plane answered with a non-2xx status.

    Raised as is for statuses without a more specific class (for example 418 or a proxy's 499);
    the subclasses below cover the statuses callers branch on. `str(error)` reads
    `HTTP <status>: <message>`.

    Build one by hand (to mock a failure in a test) as `APIError(503, "upstream timeout")` or
    `APIError("upstream timeout", status_code=503)`; the subclasses know their status, so
    `NotFoundError("gone").status_code == 404`.

    Example:
        ```python
        error = anyframe.APIError(503, "upstream timeout")
        assert error.status_code == 503 and str(error) == "HTTP 503: upstream timeout"
        assert anyframe.NotFoundError("gone").status_code == 404
        ```
    """

    status_code: int
    # The status a subclass stands for, and the message of the 1.x SDK's no-argument form.
    _default_status: ClassVar[int | None] = None
    _default_message: ClassVar[str] = ""
    _positional: ClassVar[tuple[str, ...]] = ("message", "status_code")

    @overload
    def __init__(
        self, status_code: int, message: str = ..., *, request_id: str | None = None, body: object = None
    ) -> None: ...
    @overload
    def __init__(
        self,
        message: str = ...,
        *,
        status_code: int | None = None,
        request_id: str | None = None,
        body: object = None,
    ) -> None: ...
    def __init__(
        self,
        *args: object,
        message: str | None = None,
        status_code: int | None = None,
        request_id: str | None = None,
        body: object = None,
    ) -> None:
        text, status, _ = _bind(type(self), args, {"message": message, "status_code": status_code})
        AnyFrameError.__init__(self, text, status_code=status, request_id=request_id, body=body)

    def __str__(self) -> str:
        return f"HTTP {self.status_code}: {super().__str__()}"


class AuthError(APIError):
    """401: the API key is missing, malformed or revoked.

    Also raised by the client constructor, before any request, when no API key resolves from
    `api_key=`, the `ANYFRAME_API_KEY` environment variable or a `.env` file.
    """

    _default_status = 401
    _default_message = "authentication failed"


class PermissionDeniedError(APIError):
    """403: the key is valid but may not do this."""

    _default_status = 403
    _default_message = "permission denied"


class NotFoundError(APIError):
    """404: the resource does not exist, or is not yours."""

    _default_status = 404
    _default_message = "not found"


class ConflictError(APIError):
    """409: the resource is in the wrong state, e.g. deleting a session whose sandbox is still live."""

    _default_status = 409
    _default_message = "conflict"


class ValidationError(APIError):
    """400 or 422: the request body or parameters were refused.

    Usually by the server; a request argument the SDK can check itself is refused before sending with
    the subclass [`LocalValidationError`][anyframe.LocalValidationError], so one
    `except anyframe.ValidationError` covers both.

    Built by hand as in the 1.x SDK: `ValidationError("bad")` (status 422),
    `ValidationError("body invalid", details=[{"loc": ["body", "name"], "msg": "required"}])`,
    `ValidationError("bad", status_code=400)`.

    Attributes:
        errors: Field-level issues as the server reported them (`loc`, `msg`, `type`), or an empty
            list when the server sent a plain message.
    """

    errors: list[dict[str, object]]
    _default_status = 422
    _default_message = "validation failed"
    _positional = ("message", "details", "status_code")

    def __init__(  # the 1.x positional order: (message, details, status_code)
        self,
        *args: object,
        message: str | None = None,
        status_code: int | None = None,
        request_id: str | None = None,
        body: object = None,
        errors: Sequence[dict[str, object]] | None = None,
        details: Sequence[dict[str, object]] | None = None,
    ) -> None:
        if errors is not None and details is not None:
            raise TypeError("ValidationError() takes errors= or details= (the same list), not both")
        text, status, extra = _bind(
            type(self), args, {"message": message, "status_code": status_code, "details": details or errors}
        )
        AnyFrameError.__init__(self, text, status_code=status, request_id=request_id, body=body)
        self.errors = _issues(extra.get("details"))

    @property
    def details(self) -> list[dict[str, object]]:
        """The same list as [`errors`][anyframe.ValidationError.errors] (the name the 1.x SDK used)."""
        return self.errors


def _issues(value: object) -> list[dict[str, object]]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, (list, tuple)):
        return list(value)
    raise TypeError(f"ValidationError() details must be a list of dicts, got {type(value).__name__}")


class RateLimitError(APIError):
    """429: too many requests.

    Built by hand as in the 1.x SDK: `RateLimitError("slow down", retry_after=12)`.

    Attributes:
        retry_after: Seconds the server asked us to wait (`Retry-After` in seconds or as an HTTP
            date, or `retry-after-ms`), or `None` when it did not say.
    """

    retry_after: float | None
    _default_status = 429
    _default_message = "rate limited"
    _positional = ("message", "retry_after")

    def __init__(  # the 1.x positional order: (message, retry_after)
        self,
        *args: object,
        message: str | None = None,
        status_code: int | None = None,
        request_id: str | None = None,
        body: object = None,
        retry_after: float | None = None,
    ) -> None:
        text, status, extra = _bind(
            type(self), args, {"message": message, "status_code": status_code, "retry_after": retry_after}
        )
        AnyFrameError.__init__(self, text, status_code=status, request_id=request_id, body=body)
        seconds = extra.get("retry_after")
        if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, (int, float))):
            raise TypeError(
                f"RateLimitError() retry_after must be a number of seconds, got {type(seconds).__name__}"
            )
        self.retry_after = seconds


class ServerError(APIError):
    """5xx: the control plane (or a proxy in front of it) failed. Idempotent calls are retried first.

    Built by hand as in the 1.x SDK: `ServerError(503, "boom")`; `ServerError()` is a 500.
    """

    _default_status = 500
    _default_message = "server error"


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

    It is a `ValueError` too, so code written for plain Python validation catches it. A wrong request
    argument (a body field, a query parameter, a path id) raises the subclass
    [`LocalValidationError`][anyframe.LocalValidationError]; a wrong setting (`api_key`, `base_url`,
    a timeout, a callback) raises this class itself.
    """


class LocalValidationError(ValidationError, InvalidArgumentError):
    """A request argument the server would refuse (an empty name, a path id that is not one segment,
    a body value JSON cannot carry), refused before anything was sent.

    It is both a [`ValidationError`][anyframe.ValidationError], so code written for the 1.x SDK's
    `except anyframe.ValidationError` (which caught the server's 422) still catches it, and an
    [`InvalidArgumentError`][anyframe.InvalidArgumentError] / `ValueError`, since nothing was sent.
    `status_code` is 422, the status the server answers such a request with; `request_id` and `body`
    are `None`; `errors` holds one FastAPI-shaped issue naming the field, e.g.
    `{"loc": ["body", "name"], "msg": "must be a non-empty string", "type": "value_error"}`.
    `str(error)` is the message alone (no `HTTP 422:` prefix: no answer was received).

    Example:
        ```python
        try:
            af.agents.create(name="")
        except anyframe.ValidationError as exc:  # also an InvalidArgumentError and a ValueError
            print(exc.errors[0]["loc"])  # ['body', 'name']
        ```
    """

    def __init__(self, message: str, *, loc: Sequence[str | int], problem: str | None = None) -> None:
        """Build the error for one refused argument.

        Args:
            message: What is wrong and how to fix it, naming the argument.
            loc: Where the value sits in the request, FastAPI style: `("body", "name")`,
                `("path", "session_id")`, `("query", "limit")`.
            problem: The short `msg` of the issue; `message` when omitted.
        """
        super().__init__(
            message,
            errors=[{"loc": list(loc), "msg": problem or message, "type": "value_error"}],
        )

    def __str__(self) -> str:
        return self.message


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
    """The session ended: `wait_until_running` saw it `terminated` or in `error` instead of running,
    or it stopped (snapshotted, terminated, failed) before a chat turn's `result`.

    Attributes:
        session: The final [`Session`][anyframe.Session].
    """

    session: Session

    def __init__(self, message: str, *, session: Session) -> None:
        super().__init__(message)
        self.session = session


class TurnTimeoutError(AnyFrameError, TimeoutError):
    """A chat turn did not end (no `result`) within its `timeout`, while the session still ran.

    Also a builtin `TimeoutError`, like the waiters' deadlines. The agent may still be working: follow
    on with another turn (`since=error.last_seq`) or with `af.sessions.events(...,
    last_event_id=error.last_seq)`.

    Attributes:
        last_seq: The `seq` of the last chat event seen before the deadline.
    """

    last_seq: int

    def __init__(self, message: str, *, last_seq: int) -> None:
        super().__init__(message)
        self.last_seq = last_seq
