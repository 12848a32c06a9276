"""The transport every call goes through: auth and User-Agent headers, timeouts, retries, logging,
error mapping, and the connection pools (one for calls, one for event streams, per event loop).

Resource methods build their request with the generated `build_request(...)`, which returns a typed
[`ApiRequest`][anyframe._core.request.ApiRequest], and hand it here. Every decision (retry or not,
how long to wait, which error) is a pure function in `anyframe._core`; this shell only sends, sleeps
and iterates. The event stream built on top of it lives in `_stream.py`.

Why two pools: a chat stream holds its connection for as long as the visitor watches. Sharing the
calls' pool, 100 open streams would leave no connection for anything else; with their own pool,
sized by `max_streams`, a client holding a thousand streams still answers `sessions.get()` at once,
and the calls' pool stays small enough for httpcore's per-request bookkeeping to stay cheap.

Why per event loop: connections belong to the event loop that opened them. A module-level async
client used from a second loop (two `asyncio.run()` calls, pytest-asyncio's per-test loops) gets
pools of its own on that loop instead of failing on the first loop's dead sockets.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from .._concurrency._async import AsyncDeadline, AsyncGate, AsyncLoops, AsyncSignal
from .._core.config import USER_AGENT, ClientConfig
from .._core.errors import error_from_response, response_invalid, translate_errors, undecodable
from .._core.hooks import RequestInfo, ResponseInfo
from .._core.jsonbody import encode_json
from .._core.options import (
    CallOptions,
    bodiless_options,
    call_options,
    client_headers,
    merge,
    stream_timeout,
)
from .._core.parse import parse_json, parse_model, parse_models
from .._core.raw import RawResponse
from .._core.request import ApiRequest, overall_timeout
from .._core.retry import retry_delay_for_exception, retry_delay_for_status
from .._core.secrets import Secrets
from ..exceptions import APITimeoutError, ClientClosedError, InvalidArgumentError, ResponseValidationError
from ._io import pause, shutdown

if TYPE_CHECKING:
    # Loaded by `stream()`: a program that never streams does not import the event-stream machinery.
    from ._stream import AsyncEventStream, StreamRequest

__all__ = ["POOL_SIZE", "Answer", "AsyncTransport", "StreamConnection"]

T = TypeVar("T")
Options = Mapping[str, object] | None
"""What a resource method received as `**options`, handed over unchecked (see `_core/options.py`)."""

POOL_SIZE = 100
"""Connections of the calls' pool (and calls in flight at once); waiting callers queue for `timeout`."""
STREAM_KEEPALIVE = 100
"""Idle stream connections kept for the next stream (a reconnect reuses one)."""


class Answer:
    """A whole answer: status, headers and the (size-capped) decoded body; `send` adds the request,
    how long its last attempt took and how many attempts it took."""

    __slots__ = ("attempts", "content", "elapsed", "headers", "request", "status_code")

    def __init__(self, status_code: int, headers: httpx.Headers, content: bytes) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self.request: httpx.Request | None = None
        self.elapsed = 0.0
        self.attempts = 1


class _Pools:
    """The pools of one client on one event loop (a sync client has one set for all threads)."""

    __slots__ = (
        "_streams",
        "calls",
        "entry",
        "gate",
        "lock",
        "open_streams",
        "own",
        "stream_gate",
        "stream_gate_size",
        "watch",
    )

    def __init__(
        self, calls: httpx.AsyncClient, streams: httpx.AsyncClient | None, *, own: bool, max_streams: int
    ) -> None:
        self.calls = calls
        self._streams = streams  # our own is opened with the first stream: most clients never stream
        self.own = own
        self.lock = threading.Lock()
        # Far more waiting requests than pooled connections degrade httpx's pool bookkeeping; a gate
        # of the pool's size keeps a 1,000-call fan-out linear, and bounds each wait by `timeout`.
        self.gate = AsyncGate(POOL_SIZE)
        # httpcore hands every request that enters its pool the first idle connection, and the request
        # only claims it after yielding once; requests entering meanwhile get the same connection, fail
        # to claim it and go round again (about a dozen times each in a 100-wide fan-out, each round
        # scanning every connection). Letting one request at a time into the pool, until its connection
        # reports activity, removes those collisions: 1,000 concurrent calls go ~5x faster. Only for
        # our own pool, which reports activity (see `_dispatch`), and never a wait for a connection:
        # the gate above guarantees one is free, so the entry is held for microseconds.
        self.entry = AsyncGate(1) if own else None
        self.stream_gate = AsyncGate(max_streams)
        self.stream_gate_size = max_streams
        self.open_streams = 0
        # Our own pools close with their event loop, on it (see AsyncLoops.when_closing).
        self.watch = AsyncLoops.when_closing(self.aclose) if own else None

    @property
    def streams(self) -> httpx.AsyncClient:
        """The streams' pool, opened on first use."""
        streams = self._streams
        if streams is None:
            with self.lock:
                streams = self._streams
                if streams is None:
                    max_streams = self.stream_gate_size
                    streams = self._streams = httpx.AsyncClient(
                        limits=httpx.Limits(
                            max_connections=max_streams,
                            max_keepalive_connections=min(max_streams, STREAM_KEEPALIVE),
                        ),
                        timeout=self.calls.timeout,
                        follow_redirects=False,
                    )
        return streams

    async def aclose(self) -> None:
        """Close the pools (only ever called for pools the SDK opened)."""
        await self.calls.aclose()
        if self._streams is not None:
            await self._streams.aclose()

    def forget(self) -> None:
        """Stop watching the loop: its pools were closed, or the loop is gone with their sockets."""
        if self.watch is not None:
            self.watch.cancel()


class StreamConnection:
    """One open connection of an event stream, registered with its client until it is ended."""

    __slots__ = ("pools", "response")

    def __init__(self, response: httpx.Response, pools: _Pools) -> None:
        self.response = response
        self.pools = pools


class _Shared:
    """What a client and its `with_options` copies share: pools, the closing signal, open streams."""

    def __init__(self, config: ClientConfig, http_client: httpx.AsyncClient | None) -> None:
        self.user_http = http_client
        self.max_streams = config.max_streams
        self.timeout = config.timeout
        self.closing = AsyncSignal()
        self.lock = threading.Lock()
        self.by_loop: dict[object, _Pools] = {}
        self.open: set[StreamConnection] = set()  # what close() must end, from any thread
        self.user_loop_seen = False  # a given http_client is bound to the first loop that used it

    def pools(self) -> _Pools:
        """The pools of the running event loop, opened on first use there."""
        key = AsyncLoops.current()
        pools = self.by_loop.get(key)
        return pools if pools is not None else self._open_pools(key)

    def _open_pools(self, key: object) -> _Pools:
        with self.lock:
            if self.closing.is_set():
                raise _closed_error()
            # Pools of loops closed without shutting down their async generators hold dead sockets
            # only: let them go.
            for old in [k for k in self.by_loop if AsyncLoops.is_closed(k)]:
                self.by_loop.pop(old).forget()
            if key in self.by_loop:
                return self.by_loop[key]
            if self.user_http is not None:
                if self.user_loop_seen:
                    raise InvalidArgumentError(
                        "this client was given http_client= and is now used from another event loop than "
                        "the one it first ran on; an httpx.AsyncClient cannot move between loops: create the "
                        "client (and its httpx.AsyncClient) inside the loop that uses it, e.g. in an async "
                        "fixture, or leave http_client out and the SDK opens pools per loop"
                    )
                pools = _Pools(self.user_http, self.user_http, own=False, max_streams=self.max_streams)
                self.user_loop_seen = True
            else:
                calls = httpx.AsyncClient(
                    limits=httpx.Limits(max_connections=POOL_SIZE, max_keepalive_connections=POOL_SIZE),
                    timeout=self.timeout,
                    follow_redirects=False,
                )
                pools = _Pools(calls, None, own=True, max_streams=self.max_streams)
            self.by_loop[key] = pools
            return pools


def _closed_error() -> ClientClosedError:
    return ClientClosedError(
        "this client is closed: create a new one, or make your calls inside its `async with` block"
    )


class AsyncTransport:
    """Sends requests for one client. Shared, with different settings, by `with_options` copies."""

    def __init__(self, config: ClientConfig, http_client: httpx.AsyncClient | None = None) -> None:
        self.shared = _Shared(config, http_client)
        self.owner = True
        self.closed = False
        # A raw transport hands back each answer as a RawResponse (`af.with_raw_response`), see `_finish`.
        self.raw = False
        self._configure(config)
        # What error messages, bodies and chained causes are scrubbed of; `derive` copies share it.
        self.secrets = Secrets([config.api_key])

    def _configure(self, config: ClientConfig) -> None:
        self.config = config
        self.headers = client_headers(config.api_key, USER_AGENT, config.default_headers)
        self.logger = config.logger

    def derive(self, config: ClientConfig | None = None, *, raw: bool = False) -> AsyncTransport:
        """A transport with other settings sharing this one's pools (closing it leaves them open).

        Args:
            config: The new settings (this transport's when `None`).
            raw: Answer every call with a [`RawResponse`][anyframe.RawResponse] instead of its result.
        """
        twin = object.__new__(type(self))
        twin.__dict__.update(self.__dict__)
        twin._configure(self.config if config is None else config)
        twin.owner = False
        twin.closed = False
        twin.raw = raw
        return twin

    def is_closed(self) -> bool:
        """Whether this client, or the client it was derived from, was closed."""
        return self.closed or self.shared.closing.is_set()

    def check_open(self) -> None:
        """Raise [`ClientClosedError`][anyframe.ClientClosedError] when the client was closed."""
        if self.is_closed():
            raise _closed_error()

    async def aclose(self) -> None:
        """End every open stream, then close the pools this transport created. Idempotent.

        Streams are ended by shutting their sockets down, which wakes a reader blocked in another
        thread or task at once; it then raises [`ClientClosedError`][anyframe.ClientClosedError], as
        does a stream waiting to reconnect. A copy from `with_options` only marks itself closed.
        """
        if self.closed:
            return
        self.closed = True
        if not self.owner:
            return
        shared = self.shared
        shared.closing.set()
        for connection in tuple(shared.open):
            shutdown(connection.response)
        with shared.lock:
            here = shared.by_loop.pop(AsyncLoops.current(), None)
            elsewhere = list(shared.by_loop.items())
            shared.by_loop.clear()
        if here is not None and here.own:
            await here.aclose()
            here.forget()
        # Pools of other event loops cannot be closed from this one: their streams were shut down
        # above; dropped, the pools of a running loop are closed on it (their watch), and those of a
        # closed loop only hold dead sockets.
        for key, pools in elsewhere:
            if AsyncLoops.is_closed(key):
                pools.forget()

    # --- building and sending calls ------------------------------------------------------------

    def build(
        self,
        request: ApiRequest,
        options: CallOptions | None,
        timeout: httpx.Timeout,
        stream_headers: Mapping[str, str] | None = None,
    ) -> httpx.Request:
        """The httpx request for `request`: base URL, headers, query and body merged with the client's
        defaults and the call's options (the one place they meet: `_core.options.merge`), the timeout."""
        headers, params, body = merge(
            request, options, headers=self.headers, query=self.config.default_query,
            user_agent=USER_AGENT, stream_headers=stream_headers,
        )  # fmt: skip
        content = None
        if body is not None:
            content = encode_json(body)  # compact, as 1.x; NaN or a set refused before sending
        return self.shared.pools().calls.build_request(
            request.method,
            self.config.base_url + request.path,
            params=params,  # type: ignore[arg-type]  # checked scalars or lists of them (check_query)
            headers=headers,
            content=content,
            timeout=timeout,
        )

    def _pool_timeout_error(self, waited: float | None) -> APITimeoutError:
        return APITimeoutError(
            f"no connection came free within {waited} s: all {POOL_SIZE} connections of this client's "
            "pool are busy with other calls; make fewer calls at once, or raise `timeout=` (its pool part)"
        )

    async def _dispatch(self, pools: _Pools, request: httpx.Request, wait: float | None) -> httpx.Response:
        """`send` into the calls' pool (the caller holds the gate), entering it one request at a time."""
        entry = pools.entry
        if entry is None:
            return await pools.calls.send(request, stream=True)
        if not await entry.acquire(wait):
            raise self._pool_timeout_error(wait)
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
            return await pools.calls.send(request, stream=True)
        finally:
            if held:  # failed before reaching a connection
                held = False
                entry.release()
                extensions.pop("trace", None)

    async def _attempt(
        self, pools: _Pools, request: httpx.Request, deadline: float | None, timeout: httpx.Timeout
    ) -> Answer:
        """One try of a call: send it, read the whole (size-capped) answer under the deadline."""
        wait = timeout.pool
        if deadline is not None:
            left = max(0.0, deadline - time.monotonic())
            wait = left if wait is None else min(wait, left)
        response = await self._dispatch(pools, request, wait)
        try:
            content = await _read_whole(response, deadline, self.config.max_response_size)
        finally:
            await response.aclose()
        return Answer(response.status_code, response.headers, content)

    async def _once(self, pools: _Pools, request: httpx.Request, timeout: httpx.Timeout) -> Answer:
        """One try under the overall deadline, inside the calls' gate (waited for at most `timeout.pool`)."""
        if not await pools.gate.acquire(timeout.pool):
            raise self._pool_timeout_error(timeout.pool)
        try:
            overall = overall_timeout(timeout)
            deadline = None if overall is None else time.monotonic() + overall
            if deadline is not None:
                # Each read waits at most what is left; between reads the body loop checks the deadline
                # (all a blocking sync read allows; the async flavour also cancels at the deadline).
                request.extensions["timeout"] = _ReadsWithin(request.extensions.get("timeout", {}), deadline)
            try:
                return await AsyncDeadline.run(overall, self._attempt(pools, request, deadline, timeout))
            except TimeoutError:
                raise httpx.ReadTimeout(f"no complete answer within {overall} s", request=request) from None
        finally:
            pools.gate.release()

    async def send(self, request: ApiRequest, options: Options = None) -> Answer:
        """Send one call with the retry policy; return its 2xx answer (body read) or raise the mapped error.

        One attempt ends by `timeout` (its longest phase, as an overall deadline); a whole call lasts at
        most `max_retries + 1` attempts plus the backoff between them (0.5 s doubling, at most 8 s, or
        the server's `Retry-After` up to 60 s). The client's hooks see each attempt; an exception
        from a hook ends the call as it is.
        """
        self.check_open()
        checked = call_options(options)
        timeout = self.config.timeout if checked is None or checked.timeout is None else checked.timeout
        pools = self.shared.pools()
        built = self.build(request, checked, timeout)
        config, log = self.config, self.logger
        attempt = 0
        while True:
            if config.on_request is not None:
                config.on_request(_request_info(built, attempt + 1, self.secrets, stream=False))
            started = time.perf_counter()
            failure: httpx.TransportError | None = None
            try:
                answer = await self._once(pools, built, timeout)
            except httpx.TransportError as exc:
                if self.is_closed():
                    raise _closed_error() from exc
                failure = exc
            except RuntimeError as exc:  # httpx refuses to send on a pool closed meanwhile
                if self.is_closed():
                    raise _closed_error() from exc
                raise
            elapsed = time.perf_counter() - started
            if failure is not None:
                # Outside the `except`: a hook raising here must not carry the unscrubbed httpx error.
                if config.on_response is not None:
                    config.on_response(
                        _response_info(built, attempt + 1, elapsed, self.secrets, error=failure)
                    )
                delay = retry_delay_for_exception(built.method, failure, attempt, config.max_retries)
                if log.isEnabledFor(logging.DEBUG):
                    log.debug(
                        "%s %s failed: %s (attempt %d)%s", built.method, built.url.path, type(failure).__name__,
                        attempt + 1, "" if delay is None else f", retrying in {delay:.2f}s",
                    )  # fmt: skip
                if delay is None:
                    with translate_errors(self.secrets):
                        raise failure
                await self.pause_before(delay)
                attempt += 1
                continue
            status = answer.status_code
            if config.on_response is not None:
                config.on_response(_response_info(built, attempt + 1, elapsed, self.secrets, answer=answer))
            # Log lines are built only when someone listens: the arguments (URL path, a header
            # lookup) cost more than the rest of the SDK's own per-call work.
            if log.isEnabledFor(logging.DEBUG):
                log.debug(
                    "%s %s -> %d in %.1fms (attempt %d, request id %s)", built.method, built.url.path,
                    status, elapsed * 1000, attempt + 1, answer.headers.get("x-request-id"),
                )  # fmt: skip
            if status < 300:
                answer.request, answer.elapsed, answer.attempts = built, elapsed, attempt + 1
                return answer
            delay = retry_delay_for_status(built.method, status, answer.headers, attempt, config.max_retries)
            if delay is None:
                raise error_from_response(status, answer.headers, answer.content, secrets=self.secrets)
            if log.isEnabledFor(logging.DEBUG):
                log.debug("%s %s: retrying HTTP %d in %.2fs", built.method, built.url.path, status, delay)
            await self.pause_before(delay)
            attempt += 1

    async def pause_before(self, seconds: float) -> None:
        """Wait before a retry or reconnect; [`ClientClosedError`][anyframe.ClientClosedError] if closed meanwhile."""
        if await pause(seconds, self.shared.closing) or self.closed:
            raise _closed_error()

    def _finish(self, answer: Answer, parse: Callable[[Answer], T]) -> T:
        """The call's result; for a raw transport, the [`RawResponse`][anyframe.RawResponse] that
        builds it on demand (typed as the result here: the generated `with_raw_response` classes
        give it its real type)."""
        if not self.raw:
            return parse(answer)
        request = answer.request
        assert request is not None  # set by `send` on every answer it returns
        return RawResponse(  # type: ignore[return-value]  # see the docstring
            method=request.method, url=str(request.url), status_code=answer.status_code, headers=answer.headers,
            content=answer.content, elapsed=answer.elapsed, attempts=answer.attempts,
            parse=lambda: parse(answer), secrets=self.secrets,
        )  # fmt: skip

    async def model(
        self,
        request: ApiRequest,
        model: type[T],
        options: Options = None,
        *,
        secret: Callable[[T], str] | None = None,
    ) -> T:
        """Send and validate the answer into `model`.

        Args:
            request: The operation's request.
            model: The public model of the answer.
            options: The method's `**options`.
            secret: Picks a secret out of the parsed answer (a minted token), which this client then
                scrubs from everything it shows.
        """

        def parse(answer: Answer) -> T:
            value = parse_model(
                answer.status_code, answer.headers, answer.content, model, secrets=self.secrets
            )
            if secret is not None:
                self.secrets.add(secret(value))
            return value

        return self._finish(await self.send(request, options), parse)

    async def models(self, request: ApiRequest, model: type[T], options: Options = None) -> list[T]:
        """Send and validate the answer into a list of `model`."""

        def parse(answer: Answer) -> list[T]:
            return parse_models(
                answer.status_code, answer.headers, answer.content, model, secrets=self.secrets
            )

        return self._finish(await self.send(request, options), parse)

    async def json_object(self, request: ApiRequest, options: Options = None) -> dict[str, object]:
        """Send and decode an opaque answer that must be a JSON object (`{}` when the body is empty)."""
        return self._finish(await self.send(request, options), self._object)

    async def json_value(self, request: ApiRequest, options: Options = None) -> object:
        """Send and decode any JSON answer (`None` when the body is empty): `af.request()`."""
        return self._finish(await self.send(request, options), self._value)

    async def empty(self, request: ApiRequest, options: Options = None) -> None:
        """Send a call whose answer carries no body (204)."""
        return self._finish(await self.send(request, options), _nothing)

    def _value(self, answer: Answer) -> object:
        return parse_json(answer.status_code, answer.headers, answer.content, secrets=self.secrets)

    def _object(self, answer: Answer) -> dict[str, object]:
        value = self._value(answer)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise response_invalid(
                answer.status_code, answer.headers, answer.content,
                f"expected a JSON object, got {type(value).__name__}", secrets=self.secrets,
            )  # fmt: skip
        return value

    # --- event streams -------------------------------------------------------------------------

    def stream(
        self,
        request: StreamRequest,
        *,
        resume: bool,
        last_event_id: object,
        options: Options = None,
        deadline: float | None = None,
    ) -> AsyncEventStream:
        """Open an event stream lazily (the connection is made on first iteration).

        `request` may be a function building the request when iteration starts, for a stream whose
        request takes a call to find (the agent's latest build). `options` apply to every connection.
        Past `deadline` (a `time.monotonic()` value) iterating raises the builtin `TimeoutError`.

        Raises:
            InvalidArgumentError: `last_event_id` cannot be sent as a header, or an option is invalid
                (checked now).
            ClientClosedError: The client is closed.
        """
        from ._stream import AsyncEventStream

        self.check_open()
        checked = bodiless_options(
            options, "an event stream sends no body, so extra_body has nothing to go in"
        )
        return AsyncEventStream(
            self, request, resume=resume, last_event_id=last_event_id, options=checked, deadline=deadline
        )

    async def open_stream(
        self,
        request: ApiRequest,
        headers: Mapping[str, str],
        options: CallOptions | None,
        attempt: int,
        *,
        deadline: float | None = None,
    ) -> StreamConnection:
        """Open one connection of an event stream in the streams' pool, registered for `close()`.

        `headers` (`Accept`, `Last-Event-ID`, ...) go on top of the request's own and the call's
        options; the request is built like any call's, and the client's hooks see it (`attempt` is
        the connection's number: 2 is the first reconnect). Waits at most `timeout`'s pool part for a
        free stream slot (and no phase waits past `deadline`).

        Raises:
            APITimeoutError: `max_streams` streams stayed open for that long; the message says how to
                raise the limit.
            ClientClosedError: The client is closed.
        """
        self.check_open()
        config = self.config
        timeout = stream_timeout(
            config.timeout, options, config.stream_read_timeout, deadline=deadline, now=time.monotonic()
        )
        pools = self.shared.pools()
        if not await pools.stream_gate.acquire(timeout.pool):
            raise APITimeoutError(
                f"no event stream could be opened within {timeout.pool} s: this client already has "
                f"{pools.open_streams} streams open, its limit (max_streams={self.shared.max_streams}); end "
                "streams you no longer read (break out of the loop or close them), or create the client "
                "with a higher max_streams="
            )
        pools.open_streams += 1
        started = time.perf_counter()
        built: httpx.Request | None = None
        failure: httpx.TransportError | None = None
        try:
            built = self.build(request, options, timeout, headers)
            if config.on_request is not None:
                config.on_request(_request_info(built, attempt, self.secrets, stream=True))
            started = time.perf_counter()
            try:
                response = await pools.streams.send(built, stream=True)
            except httpx.TransportError as exc:
                failure = exc
        except BaseException as exc:
            pools.open_streams -= 1
            pools.stream_gate.release()
            if isinstance(exc, RuntimeError) and self.is_closed():
                raise _closed_error() from exc
            raise
        if failure is not None:
            pools.open_streams -= 1
            pools.stream_gate.release()
            if config.on_response is not None:  # outside the `except`: see `send`
                elapsed = time.perf_counter() - started
                config.on_response(
                    _response_info(built, attempt, elapsed, self.secrets, error=failure, stream=True)
                )
            raise failure
        connection = StreamConnection(response, pools)
        self.shared.open.add(connection)
        if self.shared.closing.is_set():  # closed while connecting: end it like the others
            shutdown(response)
        if config.on_response is not None:
            elapsed = time.perf_counter() - started
            info = _response_info(built, attempt, elapsed, self.secrets, answer=response, stream=True)
            try:
                config.on_response(info)
            except BaseException:
                await self.end_stream(connection)
                raise
        return connection

    async def end_stream(self, connection: StreamConnection) -> None:
        """Close one stream connection and give its slot back."""
        self.shared.open.discard(connection)
        try:
            await connection.response.aclose()
        finally:
            connection.pools.open_streams -= 1
            connection.pools.stream_gate.release()


async def _read_whole(response: httpx.Response, deadline: float | None, limit: int) -> bytes:
    """The decoded body, checking the deadline between reads and the size against `limit`.

    An error answer's body is only needed for its message: past `limit` it is cut, not refused.

    Raises:
        httpx.ReadTimeout: The deadline passed while the body was still arriving.
        ResponseValidationError: A 2xx body decodes to more than `limit` bytes, or cannot be decoded
            (a corrupt gzip or deflate body).
    """
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                if response.status_code >= 300:
                    chunks.append(chunk[: limit - (size - len(chunk))])
                    break
                raise ResponseValidationError(
                    f"HTTP {response.status_code} answer is larger than max_response_size ({limit} bytes "
                    "once decoded); nothing this API returns is that large, so the answer was refused. "
                    "If it is expected, create the client with a higher max_response_size=",
                    status_code=response.status_code,
                    request_id=response.headers.get("x-request-id"),
                )
            chunks.append(chunk)
            if deadline is not None and time.monotonic() > deadline:
                raise httpx.ReadTimeout(
                    "the answer was still arriving at the deadline", request=response.request
                )
    except httpx.DecodingError as exc:
        raise undecodable(response.status_code, response.headers) from exc
    return b"".join(chunks)


class _ReadsWithin(dict[str, Any]):
    """httpcore looks the read timeout up once per phase (headers, body): hand it what is left."""

    def __init__(self, timeouts: Mapping[str, Any], deadline: float) -> None:
        super().__init__(timeouts)
        self.deadline = deadline

    def get(self, key: str, default: Any = None) -> Any:
        value = super().get(key, default)
        if key != "read":
            return value
        left = max(0.001, self.deadline - time.monotonic())
        return left if value is None else min(value, left)


def _nothing(answer: Answer) -> None:
    """The result of a call whose answer carries no body."""


def _request_info(request: httpx.Request, attempt: int, secrets: Secrets, *, stream: bool) -> RequestInfo:
    # The URL scrubbed of the client's secrets: a path or query may carry a token (hooks log it).
    return RequestInfo(
        method=request.method, url=secrets.text(str(request.url)), path=secrets.text(request.url.path),
        attempt=attempt, stream=stream,
    )  # fmt: skip


def _response_info(
    request: httpx.Request,
    attempt: int,
    elapsed: float,
    secrets: Secrets,
    *,
    answer: Answer | httpx.Response | None = None,
    error: BaseException | None = None,
    stream: bool = False,
) -> ResponseInfo:
    return ResponseInfo(
        method=request.method, url=secrets.text(str(request.url)), path=secrets.text(request.url.path),
        attempt=attempt, stream=stream,
        status_code=None if answer is None else answer.status_code, elapsed=elapsed,
        request_id=None if answer is None else answer.headers.get("x-request-id"),
        error=None if error is None else type(error).__name__,
    )  # fmt: skip
