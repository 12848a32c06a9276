"""The transport every call goes through: auth and User-Agent headers, timeouts, retries, logging,
error mapping, and the resilient event streams.

Resource methods build their request with the generated `build_request(...)` and hand the
resulting kwargs here. Every decision (retry or not, how long to wait, which error) is a pure
function in `anyframe._core`; this shell only sends, sleeps and iterates.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from .._core.config import USER_AGENT, ClientConfig
from .._core.errors import error_from_response, response_invalid, translate_errors
from .._core.parse import parse_json, parse_model, parse_models
from .._core.resume import StreamResume
from .._core.retry import retry_delay_for_exception, retry_delay_for_status
from .._core.sse import SSEDecoder, SSEEvent, SSEEventTooLarge
from ..exceptions import APIError, ClientClosedError, ResponseValidationError
from ._io import make_gate, sleep

__all__ = ["AsyncEventStream", "AsyncTransport", "RequestArgs"]

T = TypeVar("T")
RequestArgs = Mapping[str, Any]
"""What a generated `build_request(...)` returns: the keyword arguments of `httpx.Client.build_request`."""
logger = logging.getLogger("anyframe")

POOL_SIZE = 100


class AsyncTransport:
    """Sends requests for one client. Shared, with different settings, by `with_options` copies."""

    def __init__(self, config: ClientConfig, http_client: httpx.AsyncClient | None = None) -> None:
        self.config = config
        self.owns_http = http_client is None
        self.http = http_client or httpx.AsyncClient(
            limits=httpx.Limits(max_connections=POOL_SIZE, max_keepalive_connections=POOL_SIZE),
            timeout=config.timeout,
            follow_redirects=False,
        )
        self.headers = {
            "Authorization": f"Bearer {config.api_key}",
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
        }
        # Far more waiting requests than pooled connections degrade httpx's pool bookkeeping; a
        # gate of the pool's size keeps a 1,000-call fan-out linear.
        self.gate = make_gate(POOL_SIZE)
        # httpcore hands every request that enters its pool the first idle connection, and the request
        # only claims it after yielding once; requests entering meanwhile get the same connection, fail
        # to claim it and go round again (about a dozen times each in a 100-wide fan-out, each round
        # scanning every connection). Letting one request at a time into the pool, until its connection
        # reports activity, removes those collisions: 1,000 concurrent calls go ~5x faster. Only for
        # our own client, whose transport is httpcore's pool and so reports activity (see `_dispatch`).
        self.entry = make_gate(1) if self.owns_http else None
        self.closed = False
        self.parent: AsyncTransport | None = None

    def derive(self, config: ClientConfig) -> AsyncTransport:
        """A transport with other settings sharing this one's connection pool (and closed flag owner)."""
        twin = object.__new__(type(self))
        twin.__dict__.update(self.__dict__)
        twin.config = config
        twin.owns_http = False
        twin.parent = self
        return twin

    def _check_open(self) -> None:
        if self.closed or (self.parent is not None and self.parent.closed):
            raise ClientClosedError(
                "this client is closed: create a new one, or use it inside a `with` block"
            )

    async def aclose(self) -> None:
        """Close the connection pool if this transport created it."""
        if self.closed:
            return
        self.closed = True
        if self.owns_http:
            await self.http.aclose()

    def _build(self, args: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> httpx.Request:
        merged = self.headers if headers is None else {**self.headers, **headers}
        content = None
        if "json" in args:
            # Compact separators whatever the httpx version: byte-compatible with the 1.x SDK.
            content = json.dumps(args["json"], separators=(",", ":"), ensure_ascii=False).encode()
            merged = {**merged, **args.get("headers", {})}
        return self.http.build_request(
            args["method"],
            self.config.base_url + args["url"],
            params=args.get("params"),
            headers=merged,
            content=content,
            timeout=self.config.timeout,
        )

    async def _dispatch(self, request: httpx.Request) -> httpx.Response:
        """`http.send` inside the gate, entering the connection pool one request at a time."""
        entry = self.entry
        async with self.gate:
            if entry is None:
                return await self.http.send(request)
            await entry.acquire()
            held = True
            extensions = request.extensions

            async def on_connection_activity(event: str, info: Mapping[str, Any]) -> None:
                # httpcore's "trace" extension: the first event comes from the connection the request
                # now holds (connecting, or sending its headers), so the next request may enter.
                nonlocal held
                if held:
                    held = False
                    entry.release()
                    extensions.pop("trace", None)  # no further callbacks for this request

            extensions["trace"] = on_connection_activity
            try:
                return await self.http.send(request)
            finally:
                if held:  # failed before reaching a connection, or a transport that reports nothing
                    held = False
                    entry.release()
                    extensions.pop("trace", None)

    async def send(self, args: Mapping[str, Any]) -> httpx.Response:
        """Send one call with the retry policy; return its 2xx answer (body read) or raise the mapped error."""
        self._check_open()
        request = self._build(args)
        attempt = 0
        while True:
            # Log lines are built only when someone listens: the arguments (URL path, a header
            # lookup) cost more than the rest of the SDK's own per-call work.
            debug = logger.isEnabledFor(logging.DEBUG)
            started = time.perf_counter() if debug else 0.0
            try:
                response = await self._dispatch(request)
            except httpx.TransportError as exc:
                delay = retry_delay_for_exception(request.method, exc, attempt, self.config.max_retries)
                if debug:
                    logger.debug(
                        "%s %s failed: %s (attempt %d)%s", request.method, request.url.path, type(exc).__name__,
                        attempt + 1, "" if delay is None else f", retrying in {delay:.2f}s",
                    )  # fmt: skip
                if delay is None:
                    with translate_errors():
                        raise
                await sleep(delay)
                attempt += 1
                continue
            status = response.status_code
            if debug:
                logger.debug(
                    "%s %s -> %d in %.1fms (attempt %d, request id %s)", request.method, request.url.path,
                    status, (time.perf_counter() - started) * 1000, attempt + 1,
                    response.headers.get("x-request-id"),
                )  # fmt: skip
            if status < 300:
                return response
            delay = retry_delay_for_status(
                request.method, status, response.headers, attempt, self.config.max_retries
            )
            if delay is None:
                raise error_from_response(status, response.headers, response.content)
            if debug:
                logger.debug(
                    "%s %s: retrying HTTP %d in %.2fs", request.method, request.url.path, status, delay
                )
            await sleep(delay)
            attempt += 1

    async def model(self, args: Mapping[str, Any], model: type[T]) -> T:
        """Send and validate the answer into `model`."""
        response = await self.send(args)
        return parse_model(response.status_code, response.headers, response.content, model)

    async def models(self, args: Mapping[str, Any], model: type[T]) -> list[T]:
        """Send and validate the answer into a list of `model`."""
        response = await self.send(args)
        return parse_models(response.status_code, response.headers, response.content, model)

    async def json_object(self, args: Mapping[str, Any]) -> dict[str, object]:
        """Send and decode an opaque answer that must be a JSON object (`{}` when the body is empty)."""
        response = await self.send(args)
        value = parse_json(response.status_code, response.headers, response.content)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise response_invalid(
                response.status_code, response.headers, response.content,
                f"expected a JSON object, got {type(value).__name__}",
            )  # fmt: skip
        return value

    async def empty(self, args: Mapping[str, Any]) -> None:
        """Send a call whose answer carries no body (204)."""
        await self.send(args)

    def stream(
        self,
        args: RequestArgs | Callable[[], Awaitable[RequestArgs]],
        *,
        resume: bool,
        last_event_id: str | None,
    ) -> AsyncEventStream:
        """Open an event stream lazily (the connection is made on first iteration).

        `args` may be a function building the request when iteration starts, for a stream whose
        request takes a call to find (the agent's latest build).
        """
        self._check_open()
        return AsyncEventStream(self, args, resume=resume, last_event_id=last_event_id)


class AsyncEventStream:
    """An iterator of [`SSEEvent`][anyframe.SSEEvent]s over one logical stream.

    Use it in a `for` loop (the connection closes when the loop ends or you `break`), or as a
    context manager to close it deterministically. With `resume`, a dropped connection (EOF, reset,
    incomplete chunked body, a read silent for longer than the stream read timeout) is reopened with
    `Last-Event-ID` set to the last id seen, honouring the server's `retry:` and backing off, so the
    caller sees every event once and in order.
    """

    def __init__(
        self,
        transport: AsyncTransport,
        args: RequestArgs | Callable[[], Awaitable[RequestArgs]],
        *,
        resume: bool,
        last_event_id: str | None,
    ) -> None:
        # The generator must not reference this object: a cycle would keep an abandoned stream (and
        # its connection) alive until the cycle collector runs, possibly inside another call that
        # holds the pool's lock. Shared progress lives in a separate small object instead.
        self._progress = _Progress(last_event_id)
        self._events = _follow(transport, args, resume, self._progress)

    @property
    def last_event_id(self) -> str | None:
        """The id of the last event delivered (what a reconnect sends as `Last-Event-ID`).

        Save it to pick up later where you left off, with `af.sessions.events(..., last_event_id=...)`.

        Example:
            ```python
            async with af.sessions.events(session.id) as events:
                async for event in events:
                    break
            later = af.sessions.events(session.id, last_event_id=events.last_event_id)
            ```
        """
        return self._progress.last_event_id

    @property
    def reconnects(self) -> int:
        """How many times the stream was reopened after a drop.

        Example:
            ```python
            events = af.sessions.events(session.id)
            async for event in events:
                print(event.id, "reconnects so far:", events.reconnects)
            ```
        """
        return self._progress.reconnects

    def __aiter__(self) -> AsyncEventStream:
        return self

    async def __anext__(self) -> SSEEvent:
        return await self._events.__anext__()

    async def __aenter__(self) -> AsyncEventStream:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop iterating and close the connection. Idempotent.

        Example:
            ```python
            events = af.sessions.events(session.id)
            async for event in events:
                break
            await events.aclose()  # closes the connection now, not when `events` is garbage-collected
            ```
        """
        await self._events.aclose()


@dataclass
class _Progress:
    last_event_id: str | None
    reconnects: int = 0


def _stream_timeout(config: ClientConfig) -> httpx.Timeout:
    base = config.timeout
    return httpx.Timeout(
        connect=base.connect, read=config.stream_read_timeout, write=base.write, pool=base.pool
    )


async def _follow(
    transport: AsyncTransport,
    args: RequestArgs | Callable[[], Awaitable[RequestArgs]],
    resume: bool,
    progress: _Progress,
) -> AsyncGenerator[SSEEvent, None]:
    """The events of one logical stream, across as many connections as it takes."""
    if callable(args):
        args = await args()
    url = transport.config.base_url + args["url"]
    path = args["url"]
    state = StreamResume(path)
    decoder = SSEDecoder(last_event_id=progress.last_event_id)
    while True:
        headers = {**transport.headers, "Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if progress.last_event_id is not None:
            headers["Last-Event-ID"] = progress.last_event_id
        request = transport.http.build_request(
            "GET", url, headers=headers, timeout=_stream_timeout(transport.config)
        )
        failure: Exception | None = None
        at_least = 0.0  # the wait before retrying a retryable status
        state.connection_opened()
        opened = time.monotonic()
        try:
            response = await transport.http.send(request, stream=True)
        except httpx.TransportError as exc:
            failure = exc
        else:
            try:
                logger.debug(
                    "GET %s -> %d (stream, request id %s)", path, response.status_code,
                    response.headers.get("x-request-id"),
                )  # fmt: skip
                if response.status_code == 204:
                    return  # the server asks us not to reconnect
                if response.status_code >= 300:
                    await response.aread()
                    error = error_from_response(response.status_code, response.headers, response.content)
                    asked = state.answer_failed(
                        response.status_code, response.headers, transport.config.max_retries
                    )
                    if asked is None:
                        raise error
                    failure, at_least = error, asked
                else:
                    async for chunk in response.aiter_bytes():
                        for event in state.admit_all(decoder.feed(chunk)):
                            event_id = event._id  # `event.id` without a property call per event
                            if event_id is not None:
                                progress.last_event_id = event_id
                            yield event
                    # A clean end: a last event lacking only its blank line is whole; deliver it.
                    for event in state.admit_all(decoder.finish()):
                        if event.id is not None:
                            progress.last_event_id = event.id
                        yield event
            except (httpx.TransportError, httpx.StreamError) as exc:
                failure = exc
            except SSEEventTooLarge as exc:
                raise ResponseValidationError(
                    f"event stream {path} sent an oversized event: {exc}",
                    status_code=response.status_code,
                    request_id=response.headers.get("x-request-id"),
                ) from exc
            finally:
                await response.aclose()
                decoder.flush()  # a partial event at the end of a connection is discarded
        if isinstance(failure, APIError):
            delay = at_least  # a retryable status, within the GET retry budget (else raised above)
        elif not resume:
            if failure is None:
                return
            with translate_errors():
                raise failure
        else:
            ended = state.connection_ended(
                failure=failure, elapsed=time.monotonic() - opened, server_retry_ms=decoder.retry
            )
            if ended is None:
                logger.debug("stream %s: closed cleanly by the server right away; ending", path)
                return
            delay = ended
        logger.debug(
            "stream %s %s; reconnecting in %.2fs with Last-Event-ID %s (attempt %d)", path,
            type(failure).__name__ if failure else "ended", delay, progress.last_event_id, state.failures,
        )  # fmt: skip
        progress.reconnects = state.reconnects
        await sleep(delay)
