"""The web chat app's own pieces, in process: start-up checks, SSE framing, the heartbeat relay.

Contracts pinned here:

- the app refuses to start without an API key, an agent id, a cookie secret, and says which is missing;
- `sse_frame` writes the event's id (when it has one) and one `data:` line per line of data;
- `with_heartbeat` passes events through, yields `None` after each quiet interval, re-raises an
  upstream error in the consumer, ends when the upstream ends, and closes the upstream stream when the
  consumer stops (a visitor who leaves releases the app's connection to the control plane).
"""

from __future__ import annotations

import asyncio
import importlib.util
import itertools
from collections.abc import Iterator
from types import ModuleType

import pytest

import anyframe

from .chat_harness import APP_DIR

_names = itertools.count()


def _load_app() -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"web_chat_app_{next(_names)}", APP_DIR / "app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("ANYFRAME_API_KEY", "afm_test_0123456789abcdef")
    monkeypatch.setenv("ANYFRAME_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("WEB_CHAT_AGENT_ID", "7")
    monkeypatch.setenv("WEB_CHAT_SECRET", "s" * 32)
    return monkeypatch


@pytest.fixture
def app(settings: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    module = _load_app()
    yield module
    asyncio.run(module.af.aclose())


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("ANYFRAME_API_KEY", None, "ANYFRAME_API_KEY"),
        ("WEB_CHAT_AGENT_ID", None, "set WEB_CHAT_AGENT_ID"),
        ("WEB_CHAT_AGENT_ID", "demo", "WEB_CHAT_AGENT_ID must be a whole number, got 'demo'"),
        ("WEB_CHAT_SECRET", "", "set WEB_CHAT_SECRET"),
    ],
)
def test_the_app_refuses_to_start_without_its_settings(
    settings: pytest.MonkeyPatch, name: str, value: str | None, message: str
) -> None:
    if value is None:
        settings.delenv(name)
    else:
        settings.setenv(name, value)
    with pytest.raises((RuntimeError, anyframe.AuthError), match=message):
        _load_app()


def test_sse_frame_writes_the_id_and_one_data_line_per_line(app: ModuleType) -> None:
    assert app.sse_frame(anyframe.SSEEvent('{"a": 1}', id="7")) == 'id: 7\ndata: {"a": 1}\n\n'
    assert app.sse_frame(anyframe.SSEEvent("one\ntwo", id=None)) == "data: one\ndata: two\n\n"
    assert app.sse_frame(anyframe.SSEEvent("", id="8")) == "id: 8\ndata: \n\n"


class FakeStream:
    """Stands in for `af.sessions.events(...)`: items after a delay each, then the end."""

    def __init__(self, items: list[object], delay: float) -> None:
        self.items, self.delay, self.closed = list(items), delay, False

    async def __aenter__(self) -> FakeStream:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.closed = True

    def __aiter__(self) -> FakeStream:
        return self

    async def __anext__(self) -> object:
        await asyncio.sleep(self.delay)
        if not self.items:
            raise StopAsyncIteration
        item = self.items.pop(0)
        if isinstance(item, Exception):
            raise item
        return item


async def _collect(app: ModuleType, stream: FakeStream, every: float) -> list[object]:
    return [item async for item in app.with_heartbeat(stream, every)]


@pytest.mark.anyio
async def test_the_heartbeat_fills_quiet_intervals_and_ends_with_the_stream(app: ModuleType) -> None:
    event = anyframe.SSEEvent("{}", id="1")
    stream = FakeStream([event], delay=0.35)
    items = await _collect(app, stream, every=0.1)  # returns: the relay ends when the stream does
    assert [item for item in items if item is not None] == [event]
    assert items.index(event) >= 1  # heartbeats filled the silence before it
    await asyncio.sleep(0.01)
    assert stream.closed


@pytest.mark.anyio
async def test_an_upstream_error_is_raised_to_the_consumer(app: ModuleType) -> None:
    failure = anyframe.APIConnectionError("the stream kept failing")
    with pytest.raises(anyframe.APIConnectionError, match="kept failing"):
        await _collect(app, FakeStream([anyframe.SSEEvent("{}"), failure], delay=0.01), every=5)


@pytest.mark.anyio
async def test_a_consumer_that_stops_closes_the_upstream_stream(app: ModuleType) -> None:
    stream = FakeStream([anyframe.SSEEvent("{}")] * 1000, delay=0.01)
    relay = app.with_heartbeat(stream, 5)
    assert await relay.__anext__() is not None
    await relay.aclose()  # what Starlette does when the visitor disconnects
    for _ in range(50):
        if stream.closed:
            break
        await asyncio.sleep(0.01)
    assert stream.closed
