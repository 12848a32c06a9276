"""What the client's request and response hooks are shown: small, typed and free of secrets.

`on_request` is called before each attempt of a call and before each connection of an event stream
(its reconnects included), `on_response` once that attempt has an answer or has failed. Both get a
frozen view built here from plain values: method, URL (scrubbed of the client's secrets, as its
error messages are), attempt number, status, elapsed time, the server's request id. Never a header
(the API key travels in one), never a body.

A hook that raises stops the call with its own exception, unchanged: the request is not sent (from
`on_request`), or the answer is dropped and not retried (from `on_response`). Hooks run in the
caller's thread or task, synchronously in both clients, so they should be quick (record, don't wait).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from ..exceptions import InvalidArgumentError

__all__ = ["RequestHook", "RequestInfo", "ResponseHook", "ResponseInfo", "check_hook"]


@dataclass(frozen=True, slots=True)
class RequestInfo:
    """One attempt of a request, as a hook sees it before it is sent.

    Example:
        ```python
        def trace(request: anyframe.RequestInfo) -> None:
            print(request.method, request.path, "attempt", request.attempt, "stream" if request.stream else "")

        af = anyframe.AnyFrame(on_request=trace)
        ```

    Attributes:
        method: The HTTP method.
        url: The full URL, query included.
        path: The URL's path.
        attempt: 1 for the first attempt; each retry, or each reconnect of a stream, counts one more.
        stream: Whether this opens a connection of an event stream.
    """

    method: str
    url: str
    path: str
    attempt: int
    stream: bool = False


@dataclass(frozen=True, slots=True)
class ResponseInfo:
    """One attempt of a request, as a hook sees it once it has an answer or has failed.

    Example:
        ```python
        def record(response: anyframe.ResponseInfo) -> None:
            print(response.status_code, f"{response.elapsed * 1000:.1f} ms", response.request_id)

        af = anyframe.AnyFrame(on_response=record)
        ```

    Attributes:
        method: The HTTP method.
        url: The full URL, query included.
        path: The URL's path.
        attempt: As in [`RequestInfo`][anyframe.RequestInfo].
        stream: Whether this opened a connection of an event stream.
        status_code: The answer's status, or `None` when no answer came (connection failure, timeout).
        elapsed: Seconds from sending to the whole answer (to its headers for a stream).
        request_id: The server's `x-request-id`, if it sent one.
        error: The failure's type name (`ConnectError`, `ReadTimeout`, ...) when no answer came.
    """

    method: str
    url: str
    path: str
    attempt: int
    stream: bool
    status_code: int | None
    elapsed: float
    request_id: str | None = None
    error: str | None = None


RequestHook = Callable[[RequestInfo], object]
"""A function called with a [`RequestInfo`][anyframe.RequestInfo] before each attempt."""
ResponseHook = Callable[[ResponseInfo], object]
"""A function called with a [`ResponseInfo`][anyframe.ResponseInfo] after each attempt."""


def check_hook(name: str, value: object) -> None:
    """A hook setting: `None`, or a plain callable (hooks are called, not awaited, in both clients).

    Raises:
        InvalidArgumentError: Not callable, or an `async def` function (its coroutine would never run).
    """
    if value is None:
        return
    if not callable(value):
        raise InvalidArgumentError(f"{name} must be a function (or None), got {type(value).__name__}")
    call = type(value).__call__ if not inspect.isroutine(value) else value  # an object with async __call__
    if inspect.iscoroutinefunction(value) or inspect.iscoroutinefunction(call):
        raise InvalidArgumentError(
            f"{name} must be a plain function: hooks are called, not awaited, in both clients; to do async "
            "work, schedule it from the hook (e.g. asyncio.get_running_loop().create_task(...))"
        )
