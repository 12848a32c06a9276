"""Retries, timeouts, odd answers and secrets over real loopback sockets, against `anyframe.testing`.

Contracts pinned:
- a GET answered 503 is retried (up to `max_retries`), then succeeds or raises `ServerError`;
- a POST answered 500 after being processed is sent exactly once (never replayed);
- a POST answered 429 is retried after `retry-after-ms` / `Retry-After`, and a `Retry-After` beyond
  60 s raises `RateLimitError` at once with `.retry_after` set;
- a refused port raises `APIConnectionError`, a slow answer `APITimeoutError`, both chained;
- a non-standard 520 raises `ServerError`; a proxy's HTML 502 gives a readable message;
- a 200 whose body is not JSON raises `ResponseValidationError` with the status and an excerpt;
- the API key, minted tokens and credential values never appear in a DEBUG log, in the repr or
  message of any error raised, or in reprs of the client and results;
- a closed client refuses further calls with `ClientClosedError`.
"""

from __future__ import annotations

import logging
import socket

import pytest

from anyframe import (
    AnyFrameError,
    APIConnectionError,
    APITimeoutError,
    AsyncAnyFrame,
    AuthError,
    ClientClosedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
)
from anyframe.testing import LocalControlPlane

pytestmark = pytest.mark.integration


def _attempts(plane: LocalControlPlane, method: str, path: str) -> int:
    return len(plane.requests.filter(method=method, path=path))


@pytest.mark.anyio
async def test_get_503_is_retried_until_success(plane: LocalControlPlane, live: AsyncAnyFrame) -> None:
    plane.faults.add(method="GET", path="/api/agents", status=503, times=2, retry_after_ms=10)
    assert await live.agents.list() == []
    assert _attempts(plane, "GET", "/api/agents") == 3


@pytest.mark.anyio
async def test_get_503_exhausts_max_retries_then_raises_server_error(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    plane.faults.add(method="GET", path="/api/agents", status=503, times=None, retry_after_ms=10)
    with pytest.raises(ServerError) as info:
        await live.with_options(max_retries=1).agents.list()
    assert info.value.status_code == 503
    assert _attempts(plane, "GET", "/api/agents") == 2


@pytest.mark.anyio
async def test_processed_post_answered_500_is_sent_exactly_once(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    agent = await live.agents.create(name="once")
    plane.faults.add(method="POST", path="/api/sessions", status=500, process=True)
    with pytest.raises(ServerError):
        await live.sessions.create(agent_id=agent.id)
    assert _attempts(plane, "POST", "/api/sessions") == 1
    assert len(await live.sessions.list()) == 1  # it was processed: a replay would have made two


@pytest.mark.anyio
async def test_post_429_is_retried_after_the_servers_delay(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    plane.faults.add(method="POST", path="/api/agents", status=429, times=1, retry_after_ms=20)
    agent = await live.agents.create(name="patient")
    assert agent.name == "patient"
    assert _attempts(plane, "POST", "/api/agents") == 2
    assert len(await live.agents.list()) == 1


@pytest.mark.anyio
async def test_retry_after_beyond_sixty_seconds_raises_at_once(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    plane.faults.add(method="GET", path="/api/me", status=429, times=1, retry_after=120)
    with pytest.raises(RateLimitError) as info:
        await live.me()
    assert info.value.retry_after == 120
    assert _attempts(plane, "GET", "/api/me") == 1


@pytest.mark.anyio
async def test_refused_port_raises_connection_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with AsyncAnyFrame(
        api_key="afm_refused", base_url=f"http://127.0.0.1:{port}", max_retries=0
    ) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.me()
    assert info.value.__cause__ is not None
    assert not isinstance(info.value, APITimeoutError)


@pytest.mark.anyio
async def test_slow_answer_raises_timeout_error(plane: LocalControlPlane, live: AsyncAnyFrame) -> None:
    plane.faults.add(method="GET", path="/api/me", delay=2.0, times=1)
    with pytest.raises(APITimeoutError) as info:
        await live.with_options(timeout=0.2, max_retries=0).me()
    assert info.value.__cause__ is not None


@pytest.mark.anyio
async def test_nonstandard_520_raises_server_error(plane: LocalControlPlane, live: AsyncAnyFrame) -> None:
    plane.faults.add(method="POST", path="/api/tokens", status=520, detail="origin unreachable")
    with pytest.raises(ServerError) as info:
        await live.tokens.create(name="x")
    assert info.value.status_code == 520
    assert "origin unreachable" in info.value.message
    assert info.value.request_id


@pytest.mark.anyio
async def test_html_error_page_gives_a_readable_message(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    plane.faults.add(method="POST", path="/api/tokens", status=502, body="html")
    with pytest.raises(ServerError) as info:
        await live.tokens.create(name="x")
    assert info.value.status_code == 502
    assert "<" not in info.value.message
    assert "Bad Gateway" in info.value.message


@pytest.mark.anyio
async def test_malformed_json_200_raises_response_validation_error(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    plane.faults.add(method="GET", path="/api/me", body="malformed")
    with pytest.raises(ResponseValidationError) as info:
        await live.me()
    assert info.value.status_code == 200
    assert '{"id": 1,' in str(info.value) or '{"id":1,' in str(info.value)


@pytest.mark.anyio
async def test_revoked_token_raises_auth_error(plane: LocalControlPlane, live: AsyncAnyFrame) -> None:
    created = await live.tokens.create(name="short-lived")
    async with AsyncAnyFrame(api_key=created.token, base_url=plane.url, load_dotenv=False) as other:
        assert (await other.me()).login
        await live.tokens.revoke(created.id)
        with pytest.raises(AuthError):
            await other.me()


@pytest.mark.anyio
async def test_secrets_never_reach_logs_reprs_or_error_messages(
    plane: LocalControlPlane, live: AsyncAnyFrame, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="anyframe")
    secrets = [plane.api_key, "sk-claude-credential-value", "bearer-connector-secret-value"]
    seen: list[str] = [repr(live)]

    created = await live.tokens.create(name="leak-check")
    secrets.append(created.token)
    seen += [repr(created), str(created)]
    await live.credentials.set_claude("sk-claude-credential-value")
    seen.append(repr(await live.credentials.get()))
    connector = await live.connectors.create_bearer(
        mcp_url="https://mcp.example.com/leak", display_name="Leak", token="bearer-connector-secret-value"
    )
    seen.append(repr(connector))

    errors: list[AnyFrameError] = []
    plane.faults.add(method="GET", path="/api/me", status=500, times=None, retry_after_ms=1)
    for call in (live.me, lambda: live.agents.get(424242)):
        try:
            await call()
        except AnyFrameError as exc:
            errors.append(exc)
    async with AsyncAnyFrame(api_key=created.token + "x", base_url=plane.url, load_dotenv=False) as wrong:
        try:
            await wrong.me()
        except AnyFrameError as exc:
            errors.append(exc)
    assert len(errors) == 3
    seen += [repr(e) for e in errors] + [str(e) for e in errors] + [e.message for e in errors]
    seen += [record.getMessage() for record in caplog.records]
    assert any("GET /api/me" in record.getMessage() for record in caplog.records)

    text = "\n".join(seen)
    for secret in secrets:
        assert secret not in text


@pytest.mark.anyio
async def test_a_closed_client_refuses_further_calls(plane: LocalControlPlane) -> None:
    client = AsyncAnyFrame(api_key=plane.api_key, base_url=plane.url, load_dotenv=False)
    await client.aclose()
    with pytest.raises(ClientClosedError):
        await client.me()
