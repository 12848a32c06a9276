"""Closing a client ends its streams, and an async client survives a second event loop.

Contracts pinned (issue 12), over real loopback sockets, in both flavours:
- `close()` from another thread / `aclose()` from another task ends an open stream within 1 s with
  `ClientClosedError`, whether the stream is blocked reading, waiting out a reconnect backoff, or
  waiting out a retryable status; never a raw httpx `RuntimeError`;
- a module-level `AsyncAnyFrame` used from two `asyncio.run()` calls works on both loops (pools per
  loop, closed with their loop); a loop closed without shutting down is pruned; one given
  `http_client=` says how to fix it instead of failing on dead sockets.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Callable

import httpx
import pytest

from anyframe import AnyFrame, AsyncAnyFrame, ClientClosedError, InvalidArgumentError
from loopback import Exchange, serve_loopback, session_json

pytestmark = pytest.mark.integration

KEY = "afm_test_0123456789abcdef"
SID = str(uuid.UUID(int=1))


def _open_then_hold(exchange: Exchange) -> None:
    exchange.sse_head()
    exchange.send(b"id: 1\ndata: first\n\n")
    exchange.hold(20)


def _drop_with_long_retry(exchange: Exchange) -> None:
    exchange.chunked_head()
    exchange.chunk(b"retry: 30000\nid: 1\ndata: first\n\n")  # then dropped: a 30 s reconnect wait


SCENARIOS: dict[str, Callable[[Exchange], None]] = {
    "reading": _open_then_hold,
    "backoff": _drop_with_long_retry,
    "retry-wait": lambda exchange: exchange.respond(503, b"{}", {"Retry-After": "30"}),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_sync_close_from_another_thread_ends_the_stream_within_a_second(scenario: str) -> None:
    outcome: list[BaseException | None] = []
    opened = threading.Event()
    with serve_loopback(SCENARIOS[scenario]) as server:
        af = AnyFrame(api_key=KEY, base_url=server.url, load_dotenv=False)

        def read() -> None:
            try:
                for _ in af.sessions.events(SID):
                    opened.set()
                outcome.append(None)
            except BaseException as exc:
                outcome.append(exc)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        server.wait_for_requests(1)
        opened.wait(0.3) if scenario != "retry-wait" else time.sleep(0.3)
        started = time.monotonic()
        af.close()
        reader.join(5)
        elapsed = time.monotonic() - started
    assert not reader.is_alive()
    assert elapsed < 1.0
    assert len(outcome) == 1
    assert isinstance(outcome[0], ClientClosedError), repr(outcome[0])


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_async_aclose_from_another_task_ends_the_stream_within_a_second(scenario: str) -> None:
    async def main() -> tuple[BaseException | None, float]:
        with serve_loopback(SCENARIOS[scenario]) as server:
            af = AsyncAnyFrame(api_key=KEY, base_url=server.url, load_dotenv=False)

            async def read() -> None:
                async for _ in af.sessions.events(SID):
                    pass

            reader = asyncio.ensure_future(read())
            while not server.requests:
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.3)
            started = time.monotonic()
            await af.aclose()
            try:
                await asyncio.wait_for(reader, 5)
            except BaseException as exc:
                return exc, time.monotonic() - started
            return None, time.monotonic() - started

    error, elapsed = asyncio.run(main())
    assert isinstance(error, ClientClosedError), repr(error)
    assert elapsed < 1.0


def test_a_stream_opened_after_close_raises_client_closed() -> None:
    with serve_loopback(_open_then_hold) as server:
        af = AnyFrame(api_key=KEY, base_url=server.url, load_dotenv=False)
        af.close()
        with pytest.raises(ClientClosedError):
            af.sessions.events(SID)
        with pytest.raises(ClientClosedError):
            af.sessions.get(SID)


def test_a_module_level_async_client_works_from_two_event_loops() -> None:
    # Kept-alive connections: the first loop's pool holds sockets bound to that (then closed) loop.
    with serve_loopback(lambda exchange: exchange.json(session_json(SID), keep_alive=True)) as server:
        af = AsyncAnyFrame(api_key=KEY, base_url=server.url, load_dotenv=False)

        async def use() -> str:
            return (await af.sessions.get(SID)).id

        assert asyncio.run(use()) == SID
        assert asyncio.run(use()) == SID  # a new loop: the first loop's pool is not reused
        assert asyncio.run(use()) == SID

        async def close() -> None:
            await af.aclose()

        asyncio.run(close())


def test_a_loop_closed_without_shutting_down_leaves_nothing_behind_for_the_next_one() -> None:
    with serve_loopback(lambda exchange: exchange.json(session_json(SID))) as server:
        af = AsyncAnyFrame(api_key=KEY, base_url=server.url, load_dotenv=False)

        async def use() -> str:
            return (await af.sessions.get(SID)).id

        loop = asyncio.new_event_loop()
        assert loop.run_until_complete(use()) == SID
        loop.close()  # no shutdown_asyncgens: the pools are pruned when the next loop comes
        assert asyncio.run(use()) == SID
        assert len(af._transport.shared.by_loop) == 1

        async def close() -> None:
            await af.aclose()

        asyncio.run(close())


def test_an_async_client_with_its_own_http_client_on_a_second_loop_says_how_to_fix_it() -> None:
    with serve_loopback(lambda exchange: exchange.json(session_json(SID))) as server:
        holder: list[AsyncAnyFrame] = []

        async def first() -> None:
            af = AsyncAnyFrame(
                api_key=KEY, base_url=server.url, load_dotenv=False, http_client=httpx.AsyncClient()
            )
            holder.append(af)
            await af.sessions.get(SID)

        async def second() -> None:
            await holder[0].sessions.get(SID)

        asyncio.run(first())
        with pytest.raises(InvalidArgumentError, match="inside the loop that uses it"):
            asyncio.run(second())
