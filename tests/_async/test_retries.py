"""The retry policy as seen on the wire (DESIGN.md §5; decisions in `anyframe._core.retry`).

The client here has the default budget (`max_retries=2`); the shells' sleep is replaced by a recorder
(`sleeps`), so the delays asked for are asserted without waiting.

Contracts pinned here:

- GET 503 is sent 3 times (2 retries) then raises `ServerError`; the backoff delays grow (0.5 s then
  1 s, minus at most 25 % jitter); a GET that succeeds on a retry returns the answer.
- Idempotent PUT / DELETE are retried on 5xx like GET.
- POST 500 (and 502/503/504) is sent exactly once: a POST is never replayed after the server may have
  run it.
- POST 429 is retried (the server refused it unprocessed), waiting what `Retry-After` asks.
- `Retry-After` (seconds or HTTP date) and `retry-after-ms` replace the backoff; a `Retry-After` over
  60 s raises `RateLimitError` at once with `.retry_after` set, without sleeping.
- `httpx.ConnectError` (the request never left) is retried for POST too; `httpx.ReadError` after a POST
  was sent is NOT retried (one call, `APIConnectionError`); for a GET it is retried.
- 4xx other than 408/429 (400, 401, 404, 409, 422) are never retried.
- `max_retries=0` (constructor or `with_options`) sends once.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from email.utils import formatdate

import httpx
import pytest
import respx

from anyframe import (
    APIConnectionError,
    AsyncAnyFrame,
    ConflictError,
    NotFoundError,
    RateLimitError,
    ServerError,
    Session,
    ValidationError,
)
from conftest import API_KEY, BASE_URL

from .wire import AGENT_DETAIL, SID, USER, session


@pytest.fixture
async def client(api: respx.MockRouter) -> AsyncIterator[AsyncAnyFrame]:
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL) as default_client:
        yield default_client


@pytest.mark.anyio
async def test_the_default_budget_is_two_retries(client: AsyncAnyFrame) -> None:
    assert client.max_retries == 2


@pytest.mark.anyio
async def test_get_503_is_retried_twice_then_raises_server_error(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/agents/7").respond(503, json={"detail": "busy"})
    with pytest.raises(ServerError) as info:
        await client.agents.get(7)
    assert route.call_count == 3
    assert info.value.status_code == 503
    assert len(sleeps) == 2
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0


@pytest.mark.anyio
async def test_get_that_succeeds_on_a_retry_returns_the_answer(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/agents/7")
    route.side_effect = [httpx.Response(502), httpx.Response(504), httpx.Response(200, json=AGENT_DETAIL)]
    detail = await client.agents.get(7)
    assert detail.id == 7
    assert route.call_count == 3


@pytest.mark.anyio
async def test_put_and_delete_are_retried_on_5xx(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    put = api.put("/api/credentials/claude")
    put.side_effect = [httpx.Response(500), httpx.Response(204)]
    delete = api.delete("/api/agents/7")
    delete.side_effect = [httpx.Response(503), httpx.Response(204)]
    await client.credentials.set_claude("sk-secret")
    await client.agents.delete(7)
    assert (put.call_count, delete.call_count) == (2, 2)
    assert put.calls[0].request.content == put.calls[1].request.content == b'{"token":"sk-secret"}'


@pytest.mark.anyio
@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_post_5xx_is_sent_exactly_once(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float], status: int
) -> None:
    route = api.post("/api/sessions").respond(status, json={"detail": "boom"})
    with pytest.raises(ServerError):
        await client.sessions.create(agent_id=7)
    assert route.call_count == 1
    assert sleeps == []


@pytest.mark.anyio
async def test_post_429_is_retried_after_the_delay_the_server_asks(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.post("/api/sessions")
    route.side_effect = [
        httpx.Response(429, json={"detail": "slow down"}, headers={"Retry-After": "3"}),
        httpx.Response(202, json=session("booting")),
    ]
    created = await client.sessions.create(agent_id=7)
    assert isinstance(created, Session)
    assert route.call_count == 2
    assert sleeps == [3.0]
    assert route.calls[0].request.content == route.calls[1].request.content


@pytest.mark.anyio
async def test_429_retries_exhausted_raise_rate_limit_error(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/me").respond(429, json={"detail": "slow down"}, headers={"Retry-After": "1"})
    with pytest.raises(RateLimitError) as info:
        await client.me()
    assert route.call_count == 3
    assert sleeps == [1.0, 1.0]
    assert info.value.retry_after == 1.0


@pytest.mark.anyio
async def test_retry_after_ms_replaces_the_backoff(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/me")
    route.side_effect = [
        httpx.Response(503, headers={"retry-after-ms": "250"}),
        httpx.Response(200, json=USER),
    ]
    await client.me()
    assert sleeps == [0.25]


@pytest.mark.anyio
async def test_retry_after_as_an_http_date_is_waited_for(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/me")
    when = formatdate(time.time() + 30, usegmt=True)
    route.side_effect = [httpx.Response(429, headers={"Retry-After": when}), httpx.Response(200, json=USER)]
    await client.me()
    assert len(sleeps) == 1
    assert 20 < sleeps[0] <= 30


@pytest.mark.anyio
async def test_retry_after_over_60_seconds_raises_at_once(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/me").respond(
        429, json={"detail": "come back later"}, headers={"Retry-After": "120"}
    )
    with pytest.raises(RateLimitError) as info:
        await client.me()
    assert route.call_count == 1
    assert sleeps == []
    assert info.value.retry_after == 120.0


@pytest.mark.anyio
async def test_connect_error_is_retried_even_for_post(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.post("/api/sessions")
    route.side_effect = [httpx.ConnectError("refused"), httpx.Response(202, json=session("booting"))]
    created = await client.sessions.create(agent_id=7)
    assert created.status == "booting"
    assert route.call_count == 2
    assert len(sleeps) == 1


@pytest.mark.anyio
async def test_connect_error_exhausting_the_budget_raises_api_connection_error(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.post("/api/sessions").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError) as info:
        await client.sessions.create(agent_id=7)
    assert route.call_count == 3
    assert isinstance(info.value.__cause__, httpx.ConnectError)


@pytest.mark.anyio
async def test_read_error_after_a_post_was_sent_is_not_retried(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.post("/api/sessions").mock(side_effect=httpx.ReadError("connection reset"))
    with pytest.raises(APIConnectionError) as info:
        await client.sessions.create(agent_id=7)
    assert route.call_count == 1
    assert sleeps == []
    assert isinstance(info.value.__cause__, httpx.ReadError)


@pytest.mark.anyio
async def test_read_error_on_a_get_is_retried(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get(f"/api/sessions/{SID}")
    route.side_effect = [httpx.ReadError("connection reset"), httpx.Response(200, json=session("running"))]
    got = await client.sessions.get(SID)
    assert got.status == "running"
    assert route.call_count == 2


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("status", "error"),
    [(400, ValidationError), (404, NotFoundError), (409, ConflictError), (422, ValidationError)],
)
async def test_client_errors_are_never_retried(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float], status: int, error: type[Exception]
) -> None:
    route = api.get("/api/agents/7").respond(status, json={"detail": "no"})
    with pytest.raises(error):
        await client.agents.get(7)
    assert route.call_count == 1
    assert sleeps == []


@pytest.mark.anyio
async def test_max_retries_zero_sends_once(
    client: AsyncAnyFrame, api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get("/api/agents/7").respond(503)
    with pytest.raises(ServerError):
        await client.with_options(max_retries=0).agents.get(7)
    assert route.call_count == 1
    no_retries = AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, max_retries=0)
    with pytest.raises(ServerError):
        await no_retries.agents.get(7)
    await no_retries.aclose()
    assert route.call_count == 2
    assert sleeps == []
