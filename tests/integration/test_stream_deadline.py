"""A stream's deadline (a chat turn's timeout) holds over real loopback sockets, in both flavours.

Contracts pinned:
- the `Alarm` primitive rings once after its delay, never when cancelled first or given `None`; its
  async twin arms nothing (there, the deadline cancels the await);
- a stream whose server sends a keep-alive shortly before the deadline and then goes silent raises
  `TimeoutError` at the deadline, not a read timeout later: the sync flavour's alarm shuts the socket
  down, the async flavour cancels the read;
- a turn over such a server raises `TurnTimeoutError` (its session still running) with the `seq` of
  the last event it saw.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid

import pytest

from anyframe import AnyFrame, AsyncAnyFrame, TurnTimeoutError
from anyframe._async._base import session_arg
from anyframe._async._stream import AsyncEventStream
from anyframe._concurrency._async import AsyncAlarm
from anyframe._concurrency._sync import Alarm
from anyframe._generated.api.chat import stream_events
from anyframe._sync._stream import EventStream
from loopback import Exchange, serve_loopback, session_json

pytestmark = pytest.mark.integration

KEY = "afm_test_0123456789abcdef"
SID = str(uuid.UUID(int=1))
DEADLINE = 2.0
LATE = 3.0  # without the alarm the read after the keep-alive would wait the whole read timeout (~2 s)


def test_an_alarm_rings_once_after_its_delay_unless_cancelled() -> None:
    rung = threading.Event()
    calls: list[float] = []
    started = time.monotonic()

    def ring() -> None:
        calls.append(time.monotonic() - started)
        rung.set()

    Alarm(0.05, ring)
    assert rung.wait(5)
    cancelled = threading.Event()
    Alarm(0.05, cancelled.set).cancel()
    Alarm(None, cancelled.set).cancel()
    time.sleep(0.2)
    assert len(calls) == 1
    assert calls[0] >= 0.05
    assert not cancelled.is_set()


def test_the_async_alarm_arms_nothing() -> None:
    rung = threading.Event()
    AsyncAlarm(0.0, rung.set).cancel()
    AsyncAlarm(0.0, rung.set)
    time.sleep(0.1)
    assert not rung.is_set()


def _keepalive_then_silence(exchange: Exchange) -> None:
    if exchange.path.endswith("/events"):
        exchange.chunked_head()
        exchange.chunk(b'id: 4\ndata: {"type": "user_message"}\n\n')
        time.sleep(DEADLINE - 0.2)
        exchange.chunk(b": keepalive\n\n")
        exchange.hold(20)
    elif exchange.path.endswith("/message"):
        exchange.json({"ok": True})
    else:
        exchange.json(session_json(SID))


def test_a_sync_stream_raises_at_its_deadline_though_a_read_is_in_progress() -> None:
    with (
        serve_loopback(_keepalive_then_silence) as server,
        AnyFrame(api_key=KEY, base_url=server.url, load_dotenv=False) as af,
    ):
        started = time.monotonic()
        stream = EventStream(
            af.sessions._transport,
            stream_events.build_request(session_arg(SID)),
            resume=True,
            last_event_id=None,
            deadline=started + DEADLINE,
        )
        seen: list[str | None] = []

        def read() -> None:
            for event in stream:
                seen.append(event.id)

        with pytest.raises(TimeoutError):
            read()
        elapsed = time.monotonic() - started
    assert seen == ["4"]
    assert DEADLINE - 0.1 < elapsed < LATE


def test_an_async_stream_raises_at_its_deadline_though_a_read_is_in_progress() -> None:
    async def main() -> tuple[list[str | None], float]:
        with serve_loopback(_keepalive_then_silence) as server:
            async with AsyncAnyFrame(api_key=KEY, base_url=server.url, load_dotenv=False) as af:
                started = time.monotonic()
                stream = AsyncEventStream(
                    af.sessions._transport,
                    stream_events.build_request(session_arg(SID)),
                    resume=True,
                    last_event_id=None,
                    deadline=started + DEADLINE,
                )
                seen: list[str | None] = []

                async def read() -> None:
                    async for event in stream:
                        seen.append(event.id)

                with pytest.raises(TimeoutError):
                    await read()
                return seen, time.monotonic() - started

    seen, elapsed = asyncio.run(main())
    assert seen == ["4"]
    assert DEADLINE - 0.1 < elapsed < LATE


def test_a_sync_turn_times_out_at_its_timeout_with_the_last_seq() -> None:
    with (
        serve_loopback(_keepalive_then_silence) as server,
        AnyFrame(api_key=KEY, base_url=server.url, load_dotenv=False) as af,
    ):
        started = time.monotonic()
        turn = af.sessions.turn(SID, "hi", since=3, timeout=DEADLINE)
        with pytest.raises(TurnTimeoutError) as info:
            turn.wait()
        elapsed = time.monotonic() - started
    assert info.value.last_seq == 4
    assert DEADLINE - 0.1 < elapsed < LATE
