"""Sharing one client across threads (sync) and tasks (async), over real sockets.

Contracts pinned:
- one `AnyFrame` serves many threads at once through its single pool; every call succeeds;
- one `AsyncAnyFrame` serves many concurrent tasks, more than the pool has connections, and every
  call succeeds (in-flight requests are bounded by the pool size, not failed);
- `with_options` copies share the pool: closing a copy leaves the original usable.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from anyframe import AnyFrame, AsyncAnyFrame
from anyframe.testing import LocalControlPlane, serve

pytestmark = pytest.mark.integration


@pytest.fixture
def plane() -> Iterator[LocalControlPlane]:
    with serve() as running:
        yield running


def test_sync_client_is_safe_across_threads(plane: LocalControlPlane) -> None:
    with AnyFrame(api_key=plane.api_key, base_url=plane.url, load_dotenv=False) as af:
        agent = af.agents.create(name="threads")
        with ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(lambda _: af.agents.get(agent.id).name, range(64)))
    assert results == ["threads"] * 64


def test_async_client_fans_out_beyond_the_pool_size(plane: LocalControlPlane) -> None:
    async def main() -> list[str]:
        async with AsyncAnyFrame(api_key=plane.api_key, base_url=plane.url, load_dotenv=False) as af:
            agent = await af.agents.create(name="tasks")
            return await asyncio.gather(*((await_name(af, agent.id)) for _ in range(250)))

    async def await_name(af: AsyncAnyFrame, agent_id: int) -> str:
        return (await af.agents.get(agent_id)).name

    assert asyncio.run(main()) == ["tasks"] * 250


def test_closing_a_with_options_copy_leaves_the_original_usable(plane: LocalControlPlane) -> None:
    with AnyFrame(api_key=plane.api_key, base_url=plane.url, load_dotenv=False) as af:
        copy = af.with_options(max_retries=0, timeout=5.0)
        assert copy.max_retries == 0
        assert copy.me().login == af.me().login
        copy.close()
        assert af.me().login


def test_breaking_out_of_a_sync_stream_closes_it_at_once_without_the_cycle_collector(
    plane: LocalControlPlane,
) -> None:
    # An abandoned stream must close by reference counting alone: if it waited for the cycle
    # collector, the close could run inside a later call holding the pool lock and deadlock.
    with AnyFrame(api_key=plane.api_key, base_url=plane.url, load_dotenv=False) as af:
        agent = af.agents.create(name="gc")
        session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id, poll_interval=0.05)
        af.sessions.message(session.id, {"prompt": "hi"})
        pool = af._transport.shared.pools().streams._transport._pool  # type: ignore[attr-defined]
        gc.disable()
        try:
            for _ in af.sessions.events(session.id):
                break
            assert all(connection.is_idle() for connection in pool.connections)
            for _ in range(20):  # later calls on the same pool are unaffected
                af.sessions.get(session.id)
        finally:
            gc.enable()
