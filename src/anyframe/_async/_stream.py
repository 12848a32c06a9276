"""The event stream object users iterate, and the loop that follows one logical stream across
connections.

The stream's position (the id a reconnect sends, the ids delivered, the server's `retry:` time,
the failure counts) has one owner, the pure [`StreamResume`][anyframe._core.resume.StreamResume];
each connection gets a fresh parser seeded from it. Every connection, the first and each reconnect,
is built from the generated builder's request by the transport like any call and opened in the
streams' own pool (see `_transport.py`), so reconnects carry the same headers and respect the same
limits. A closed client ends its streams with [`ClientClosedError`][anyframe.ClientClosedError]:
during a read (the transport shuts the socket down), a backoff or a retry wait.

A stream may have a deadline (a chat turn's `timeout`): past it the stream raises the builtin
`TimeoutError`, whatever it was doing. The async flavour cancels the pending await; the sync one
cannot interrupt a blocking read, so an alarm shuts the connection's socket down at the deadline, and
the stream checks the deadline between reads and before reconnecting.
"""

from __future__ import annotations

import functools
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING

import httpx

from .._concurrency._async import AsyncAlarm, AsyncDeadline, AsyncFlat
from .._core.errors import error_from_response, translate_errors, undecodable
from .._core.options import CallOptions
from .._core.request import ApiRequest
from .._core.resume import StreamResume, check_last_event_id
from .._core.sse import SSEDecoder, SSEEvent, SSEEventTooLarge
from ..exceptions import APIError, ClientClosedError, ResponseValidationError
from ._io import shutdown

if TYPE_CHECKING:
    from ._transport import AsyncTransport

__all__ = ["AsyncEventStream", "StreamRequest"]

StreamRequest = ApiRequest | Callable[[], Awaitable[ApiRequest]]
"""The request of a stream, or a function building it when iteration starts (for a stream whose
request takes a call to find, such as the agent's latest build)."""


class AsyncEventStream:
    """An iterator of [`SSEEvent`][anyframe.SSEEvent]s over one logical stream.

    Use it in a `for` loop (the connection closes when the loop ends or you `break`), or as a
    context manager to close it deterministically. With `resume`, a dropped connection (EOF, reset,
    incomplete chunked body, a read silent for longer than the stream read timeout) is reopened with
    `Last-Event-ID` set to the last id delivered, honouring the server's `retry:` (up to 60 s) and
    backing off, so the caller sees every event once and in order: frames the server replays are
    dropped by their ids, and no frame is ever dropped on its first delivery.
    """

    def __init__(
        self,
        transport: AsyncTransport,
        request: StreamRequest,
        *,
        resume: bool,
        last_event_id: object,
        options: CallOptions | None = None,
        deadline: float | None = None,
    ) -> None:
        # The generator must not reference this object: a cycle would keep an abandoned stream (and
        # its connection) alive until the cycle collector runs, possibly inside another call that
        # holds the pool's lock. The position lives in the separate `StreamResume` instead.
        what = request.path if isinstance(request, ApiRequest) else "(not opened yet)"
        self._state = StreamResume(what, last_event_id=check_last_event_id(last_event_id))
        self._deadline = deadline  # time.monotonic() past which iterating raises TimeoutError
        # The loop yields the events of each chunk as one list; AsyncFlat hands them out one by one.
        self._events = AsyncFlat(_follow(transport, request, resume, self._state, options, deadline))

    @property
    def last_event_id(self) -> str | None:
        """The position: the id of the last event delivered, which a reconnect sends as `Last-Event-ID`.

        Save it to pick up later where you left off, with `af.sessions.events(..., last_event_id=...)`.
        An id the server sent that cannot travel in a header (non-ASCII, control characters) is
        delivered but does not move the position: it stays at the last id that can.

        Example:
            ```python
            async with af.sessions.events(session.id) as events:
                async for event in events:
                    break
            later = af.sessions.events(session.id, last_event_id=events.last_event_id)
            ```
        """
        return self._state.last_event_id

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
        return self._state.reconnects

    def __aiter__(self) -> AsyncIterator[SSEEvent]:
        # Without a deadline, the loop iterates the events directly (in the sync flavour at C speed);
        # with one, each step goes through __anext__ and its deadline.
        return self if self._deadline is not None else self._events.__aiter__()

    async def __anext__(self) -> SSEEvent:
        if self._deadline is None:
            return await self._events.__anext__()
        left = max(0.0, self._deadline - time.monotonic())
        return await AsyncDeadline.run(left, self._events.__anext__())

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


def _closed(cause: BaseException | None = None) -> ClientClosedError:
    error = ClientClosedError("the client was closed while this event stream was open")
    error.__cause__ = cause
    return error


def _past(deadline: float | None, path: str) -> None:
    if deadline is not None and time.monotonic() >= deadline:
        raise TimeoutError(f"event stream {path}: its deadline passed")


async def _follow(
    transport: AsyncTransport,
    pending: StreamRequest,
    resume: bool,
    state: StreamResume,
    options: CallOptions | None,
    deadline: float | None,
) -> AsyncGenerator[list[SSEEvent], None]:
    """The events of one logical stream, across as many connections as it takes, a chunk's worth at a time."""
    request = pending if isinstance(pending, ApiRequest) else await pending()
    path = state.what = request.path
    logger = transport.logger
    while True:
        _past(deadline, path)
        headers = state.request_headers()
        state.connection_opened()
        decoder = SSEDecoder(last_event_id=state.last_event_id)
        failure: Exception | None = None
        at_least = 0.0  # the wait before retrying a retryable status
        opened = time.monotonic()
        try:
            connection = await transport.open_stream(
                request, headers, options, state.connections, deadline=deadline
            )
        except httpx.TransportError as exc:
            if transport.is_closed():
                raise _closed(exc) from exc
            failure = exc
        else:
            response = connection.response
            alarm = AsyncAlarm(
                None if deadline is None else deadline - time.monotonic(),
                functools.partial(shutdown, response),
            )
            try:
                logger.debug(
                    "GET %s -> %d (stream, request id %s)", path, response.status_code,
                    response.headers.get("x-request-id"),
                )  # fmt: skip
                if response.status_code == 204:
                    return  # the server asks us not to reconnect
                if response.status_code >= 300:
                    await response.aread()
                    error = error_from_response(
                        response.status_code, response.headers, response.content, secrets=transport.secrets
                    )
                    asked = state.answer_failed(
                        response.status_code, response.headers, transport.config.max_retries
                    )
                    if asked is None:
                        raise error
                    failure, at_least = error, asked
                else:
                    async for chunk in response.aiter_bytes():
                        batch = state.admit_all(decoder.feed(chunk))
                        if batch:
                            yield batch
                        _past(deadline, path)
                    # A clean end: a last event lacking only its blank line is whole; deliver it.
                    batch = state.admit_all(decoder.finish())
                    if batch:
                        yield batch
            except httpx.DecodingError as exc:
                raise undecodable(response.status_code, response.headers) from exc
            except (httpx.TransportError, httpx.StreamError) as exc:
                if transport.is_closed():
                    raise _closed(exc) from exc
                failure = exc
            except SSEEventTooLarge as exc:
                raise ResponseValidationError(
                    f"event stream {path} sent an oversized event: {exc}",
                    status_code=response.status_code,
                    request_id=response.headers.get("x-request-id"),
                ) from exc
            except TimeoutError:
                raise
            except Exception as exc:
                if transport.is_closed():  # whatever a read of a shut-down socket raised
                    raise _closed(exc) from exc
                _past(deadline, path)  # or of one the alarm shut down
                raise
            finally:
                alarm.cancel()
                await transport.end_stream(connection)
        if transport.is_closed():
            raise _closed(failure)
        _past(deadline, path)  # a read the alarm cut short, or a connection that failed at the end
        if isinstance(failure, APIError):
            delay = at_least  # a retryable status, within the GET retry budget (else raised above)
        elif not resume:
            if failure is None:
                return
            with translate_errors(transport.secrets):
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
            type(failure).__name__ if failure else "ended", delay, state.last_event_id, state.failures,
        )  # fmt: skip
        if deadline is not None:
            delay = min(delay, max(0.0, deadline - time.monotonic()))
        await transport.pause_before(delay)
