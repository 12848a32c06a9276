"""Event streams and calls against deliberately awkward servers, over real loopback sockets.

Contracts pinned (issue 12 and the transport items of issue 13):
- every frame once, in order: a frame without `id:` or whose id holds a NUL is delivered; frames a
  server replays after a reconnect are dropped by their ids, nothing else;
- server-sent values are bounded: a `retry:` of 21 digits waits the 60 s cap (not forever, no
  `OverflowError`); an id that cannot go in a header (`é1`) is delivered and the reconnect sends the
  last id that can;
- streams never starve calls: with more streams open than the calls' pool has connections,
  `sessions.get()` still answers; past `max_streams` the next stream fails after about `timeout`
  with an `APITimeoutError` naming the limit, the open count and how to raise it;
- a call waiting for a free connection fails after its pool timeout, not k times it, and says why;
- an async client met from a second event loop keeps working (the sync flavour: from a second thread);
- a corrupt gzip body raises `ResponseValidationError` on calls and streams; a decoded answer past
  `max_response_size` too; a `last_event_id` with CR/LF or non-ASCII is refused before sending;
- one attempt of a call ends by its timeout even when the server trickles its answer.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
import uuid

import httpx
import pytest

from anyframe import (
    APITimeoutError,
    AsyncAnyFrame,
    InvalidArgumentError,
    ResponseValidationError,
)
from loopback import Exchange, serve_loopback, session_json

pytestmark = pytest.mark.integration

SID = str(uuid.UUID(int=1))
EVENTS = f"/api/sessions/{SID}/events"


def _client(url: str, **kwargs: object) -> AsyncAnyFrame:
    return AsyncAnyFrame(api_key="afm_test_0123456789abcdef", base_url=url, load_dotenv=False, **kwargs)  # type: ignore[arg-type]


async def _collect(af: AsyncAnyFrame, count: int) -> list[tuple[str | None, str]]:
    seen: list[tuple[str | None, str]] = []
    async with af.sessions.events(SID) as stream:
        async for event in stream:
            seen.append((event.id, event.data))
            if len(seen) == count:
                break
    return seen


# --- exactly once ---


@pytest.mark.anyio
async def test_frames_without_id_or_with_a_nul_id_are_delivered() -> None:
    def handler(exchange: Exchange) -> None:
        exchange.sse_head()
        exchange.send(
            b'id: 1\ndata: a\n\ndata: {"type":"_error"}\n\nid: 2\x00x\ndata: b\n\nid: 2\ndata: c\n\n'
        )

    with serve_loopback(handler) as server:
        async with _client(server.url) as af:
            seen = await _collect(af, 4)
    assert seen == [("1", "a"), ("1", '{"type":"_error"}'), ("1", "b"), ("2", "c")]


@pytest.mark.anyio
async def test_frames_replayed_after_a_reconnect_are_dropped_and_nothing_else(sleeps: list[float]) -> None:
    def handler(exchange: Exchange) -> None:
        exchange.chunked_head()
        if exchange.index == 0:
            exchange.chunk(b"id: 1\ndata: a\n\ndata: note\n\nid: 2\ndata: b\n\n")
            return  # dropped mid-body: an incomplete chunked answer
        # An off-by-one server replays the last delivered event, then goes on.
        exchange.chunk(b"id: 2\ndata: b\n\ndata: fresh\n\nid: 3\ndata: c\n\n")
        exchange.hold(2)

    with serve_loopback(handler) as server:
        async with _client(server.url) as af:
            seen = await _collect(af, 5)
        assert server.requests[1].headers["last-event-id"] == "2"
    assert [data for _, data in seen] == ["a", "note", "b", "fresh", "c"]


# --- server-sent values are bounded ---


@pytest.mark.anyio
async def test_a_huge_retry_waits_the_60_second_cap(sleeps: list[float]) -> None:
    def handler(exchange: Exchange) -> None:
        exchange.chunked_head()
        exchange.chunk(f"retry: {10**20}\nid: {exchange.index + 1}\ndata: x\n\n".encode())
        if exchange.index:
            exchange.hold(2)

    with serve_loopback(handler) as server:
        async with _client(server.url) as af:
            seen = await _collect(af, 2)
    assert seen == [("1", "x"), ("2", "x")]
    assert sleeps == [60.0]


@pytest.mark.anyio
async def test_an_id_that_cannot_be_a_header_does_not_break_the_reconnect(sleeps: list[float]) -> None:
    def handler(exchange: Exchange) -> None:
        exchange.chunked_head()
        if exchange.index == 0:
            exchange.chunk("id: 7\ndata: a\n\nid: é1\ndata: b\n\n".encode())
            return
        exchange.chunk("id: é1\ndata: b\n\nid: 8\ndata: c\n\n".encode())
        exchange.hold(2)

    with serve_loopback(handler) as server:
        async with _client(server.url) as af:
            seen = await _collect(af, 3)
        assert server.requests[1].headers["last-event-id"] == "7"  # the last id a header can carry
    assert seen == [("7", "a"), ("é1", "b"), ("8", "c")]


@pytest.mark.anyio
async def test_a_last_event_id_that_cannot_be_a_header_is_refused_before_sending() -> None:
    with serve_loopback(lambda exchange: exchange.json({})) as server:
        async with _client(server.url) as af:
            for bad in ("5\r\nX-Injected: 1", "5\n", "a\x00", "é5"):
                with pytest.raises(InvalidArgumentError, match="Last-Event-ID"):
                    af.sessions.events(SID, last_event_id=bad)
        assert server.requests == []


# --- streams never starve calls ---


def _streams_and_calls(exchange: Exchange) -> None:
    if exchange.path.endswith("/events"):
        exchange.sse_head()
        exchange.send(b"id: 1\ndata: hello\n\n")
        exchange.hold(20)
    else:
        exchange.json(session_json(SID))


@pytest.mark.anyio
async def test_more_streams_than_pooled_connections_leave_calls_answering() -> None:
    with serve_loopback(_streams_and_calls) as server:
        async with _client(server.url, timeout=5.0) as af:
            streams = [af.sessions.events(str(uuid.UUID(int=n + 10))) for n in range(130)]
            for stream in streams:
                assert (await stream.__anext__()).data == "hello"  # each holds its connection open
            started = time.monotonic()
            session = await af.sessions.get(SID)
            assert session.id == SID
            assert time.monotonic() - started < 2.0
            for stream in streams:
                await stream.aclose()


@pytest.mark.anyio
async def test_past_max_streams_the_next_stream_fails_after_timeout_naming_the_limit() -> None:
    with serve_loopback(_streams_and_calls) as server:
        async with _client(server.url, timeout=0.5, max_streams=3) as af:
            streams = [af.sessions.events(str(uuid.UUID(int=n + 10))) for n in range(3)]
            for stream in streams:
                await stream.__anext__()
            started = time.monotonic()
            with pytest.raises(APITimeoutError) as info:
                await af.sessions.events(SID).__anext__()
            waited = time.monotonic() - started
            assert (await af.sessions.get(SID)).id == SID  # calls are unaffected
            for stream in streams:
                await stream.aclose()
            await af.sessions.events(SID).__anext__()  # a slot is free again
    assert 0.4 < waited < 2.0
    message = str(info.value)
    assert "max_streams=3" in message
    assert "3 streams open" in message
    assert "higher max_streams=" in message


@pytest.mark.anyio
async def test_calls_waiting_for_a_connection_fail_after_the_pool_timeout_not_k_times_it() -> None:
    release = threading.Event()

    def handler(exchange: Exchange) -> None:
        if exchange.path.endswith("/slow"):
            release.wait(10)
        exchange.json(session_json(SID))

    with serve_loopback(handler) as server:
        async with _client(server.url, timeout=httpx.Timeout(10.0, pool=0.5), max_retries=0) as af:
            from anyframe._async._transport import POOL_SIZE

            transport = af._transport
            pools = transport.shared.pools()
            for _ in range(POOL_SIZE):  # every slot of the calls' gate taken, as by hung calls
                assert await pools.gate.acquire(0)
            waits: list[float] = []
            for _ in range(4):
                started = time.monotonic()
                with pytest.raises(APITimeoutError) as info:
                    await af.sessions.get(SID)
                waits.append(time.monotonic() - started)
            for _ in range(POOL_SIZE):
                pools.gate.release()
            assert (await af.sessions.get(SID)).id == SID
            release.set()
    assert all(0.4 < wait < 1.5 for wait in waits), waits
    assert "100 connections" in str(info.value)
    assert "busy" in str(info.value)


# --- decoding, size and time bounds of calls (issue 13) ---


@pytest.mark.anyio
async def test_a_corrupt_gzip_body_is_a_typed_error_on_calls_and_streams() -> None:
    def handler(exchange: Exchange) -> None:
        headers = {"Content-Encoding": "gzip"}
        if exchange.path.endswith("/events"):
            headers["Content-Type"] = "text/event-stream"
        exchange.respond(200, b"\x1f\x8b\x08\x00garbage-not-deflate" * 4, headers)

    with serve_loopback(handler) as server:
        async with _client(server.url, max_retries=0) as af:
            with pytest.raises(ResponseValidationError, match="could not be decoded") as info:
                await af.sessions.get(SID)
            assert info.value.status_code == 200
            with pytest.raises(ResponseValidationError, match="could not be decoded"):
                await _collect(af, 1)


@pytest.mark.anyio
async def test_a_decoded_answer_past_max_response_size_is_refused() -> None:
    bomb = gzip.compress(b" " * (4 * 1024 * 1024), compresslevel=9)  # 4 MiB of JSON whitespace
    body = json.dumps(session_json(SID)).encode()

    def handler(exchange: Exchange) -> None:
        if exchange.path.endswith("bomb"):
            exchange.respond(200, bomb, {"Content-Encoding": "gzip", "Content-Type": "application/json"})
        else:
            exchange.respond(200, gzip.compress(body), {"Content-Encoding": "gzip"})

    with serve_loopback(handler) as server:
        async with _client(server.url, max_response_size=1024 * 1024) as af:
            assert (await af.sessions.get(SID)).id == SID  # gzip itself is fine
            server.handler = lambda exchange: handler(
                Exchange(exchange.index, exchange.method, "bomb", {}, exchange.sock, exchange.stopping)
            )
            with pytest.raises(ResponseValidationError, match="max_response_size"):
                await af.sessions.get(SID)
            roomy = af.with_options(max_response_size=8 * 1024 * 1024)
            with pytest.raises(ResponseValidationError, match="does not match"):  # all read: not JSON
                await roomy.sessions.get(SID)
    assert len(bomb) < 64 * 1024


@pytest.mark.anyio
async def test_one_attempt_ends_by_its_timeout_even_when_the_answer_trickles() -> None:
    body = json.dumps(session_json(SID)).encode()

    def handler(exchange: Exchange) -> None:
        exchange.send(f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode())
        for byte in body:
            if exchange.stopping.wait(0.05):
                return
            exchange.send(bytes([byte]))

    with serve_loopback(handler) as server:
        async with _client(server.url, timeout=1.0, max_retries=0) as af:
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                await af.sessions.get(SID)
            elapsed = time.monotonic() - started
    assert len(body) * 0.05 > 5  # the whole answer would take longer than 5 s
    assert elapsed < 2.0
