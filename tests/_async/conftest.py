"""Fixtures of the shell tests: a client pointed at the mocked control plane, the mock itself, and
a recorder standing in for the sleeps of retries and waiters.

- `api`: a respx router on `BASE_URL` that refuses any request no route matches, so a test that
  registers no route proves that nothing was sent.
- `af`: a client on `BASE_URL` with `max_retries=0` (retries have their own tests), closed afterwards.
- `plane` / `live`: a local control plane on 127.0.0.1 and a client of it (integration tests).
- `sleeps`: replaces the sleep of the I/O shell with one that records the requested delay and
  returns at once; the list it returns holds every delay asked for, in order.
- (autouse) every client shares one default SSL context instead of loading the CA bundle anew.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import AsyncIterator, Generator

import pytest
import respx
from httpx._config import create_ssl_context as httpx_ssl_context

from anyframe import AsyncAnyFrame
from anyframe._concurrency._async import AsyncSignal
from anyframe.testing import LocalControlPlane, serve
from conftest import API_KEY, BASE_URL

__all__ = ["af", "api", "live", "plane", "shared_ssl_context", "sleeps"]


@functools.lru_cache(maxsize=1)
def _default_ssl_context() -> ssl.SSLContext:
    return httpx_ssl_context()


@pytest.fixture(autouse=True)
def shared_ssl_context(monkeypatch: pytest.MonkeyPatch) -> None:
    # httpx loads the whole CA bundle for every client it builds (~20 ms), and these tests build one
    # or more clients each; the mocked requests never reach TLS, so one context serves them all.
    def create_ssl_context(
        verify: object = True, cert: object = None, trust_env: bool = True
    ) -> ssl.SSLContext:
        if verify is True and cert is None:
            return _default_ssl_context()
        return httpx_ssl_context(verify=verify, cert=cert, trust_env=trust_env)  # type: ignore[arg-type]

    monkeypatch.setattr("httpx._transports.default.create_ssl_context", create_ssl_context)


@pytest.fixture
def api() -> Generator[respx.MockRouter, None, None]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False, assert_all_mocked=True) as router:
        yield router


@pytest.fixture
async def af(api: respx.MockRouter) -> AsyncIterator[AsyncAnyFrame]:
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as client:
        yield client


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    delays: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        delays.append(seconds)

    async def fake_wait(self: AsyncSignal, seconds: float) -> bool:
        delays.append(seconds)
        return self.is_set()

    # The pollers sleep through `anyframe._async._io.sleep`, which looks the stdlib sleep up at call
    # time; retries and reconnects wait on the client's closing signal instead.
    monkeypatch.setattr("asyncio.sleep", fake_sleep)
    monkeypatch.setattr(AsyncSignal, "wait", fake_wait)
    return delays


@pytest.fixture
def plane() -> Generator[LocalControlPlane, None, None]:
    """A local control plane on 127.0.0.1, for the integration tests over real sockets."""
    with serve() as running:
        yield running


@pytest.fixture
async def live(plane: LocalControlPlane) -> AsyncIterator[AsyncAnyFrame]:
    """A client of the local control plane (default retries), closed afterwards."""
    async with AsyncAnyFrame(api_key=plane.api_key, base_url=plane.url, load_dotenv=False) as client:
        yield client
