"""Client configuration and lifecycle (user guide "Authentication", "The client", "Configuration";
DESIGN.md §4-§5; STYLE.md §7).

Contracts pinned here:

- API key resolution: `api_key=` beats `ANYFRAME_API_KEY` in the shell, which beats `.env` in the working
  directory; `.env` fills gaps, never overrides the shell and never changes `os.environ`;
  `load_dotenv=False` reads no file; no key at all raises `AuthError` naming `ANYFRAME_API_KEY`, before
  any request.
- Base URL: `base_url=` > `ANYFRAME_BASE_URL` > `.env` > `https://api.anyfrm.com`; trailing slashes are
  stripped; a relative URL raises `InvalidArgumentError`; plain http to a non-loopback host warns
  (`UserWarning`), to loopback it does not.
- `timeout` accepts seconds or an `httpx.Timeout` and is applied to each request; a non-positive one is
  rejected.
- `with_options(timeout=, max_retries=)` returns a client with those settings that shares the
  connection pool (closing the original closes both; closing the copy leaves the original usable) and
  leaves the original's settings alone.
- `http_client=`: the user's client sends the requests (its transport receives them, with the SDK's
  headers) and is not closed by the SDK.
- `repr(af)` shows the base URL and a masked key, never the key.
- A closed client raises `ClientClosedError` (also a `RuntimeError`) and sends nothing; the context
  manager closes the client on exit; closing twice is fine.
- Logging: with `ANYFRAME_LOG_LEVEL=DEBUG` one DEBUG record per request from the `anyframe` logger with
  method, path, status and elapsed ms, never the key, a token or a body; without it the `anyframe`
  logger gets no handler and no level.
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from pathlib import Path

import httpx
import pytest
import respx

from anyframe import AsyncAnyFrame, AuthError, ClientClosedError, InvalidArgumentError, User
from conftest import API_KEY, BASE_URL

from .wire import SID, TOKEN_CREATED, TOKEN_SECRET, USER

SHELL_KEY = "afm_shell_key_000000000001"
DOTENV_KEY = "afm_dotenv_key_00000000002"
KWARG_KEY = "afm_kwarg_key_000000000003"


def write_dotenv(*lines: str) -> None:
    Path(".env").write_text("\n".join(lines) + "\n")


async def authorization_sent(client: AsyncAnyFrame, api: respx.MockRouter) -> str:
    route = api.get("/api/me").respond(200, json=USER)
    await client.me()
    header: str = route.calls.last.request.headers["authorization"]
    return header


@pytest.mark.anyio
async def test_the_api_key_kwarg_beats_the_shell_and_dotenv(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANYFRAME_API_KEY", SHELL_KEY)
    write_dotenv(f"ANYFRAME_API_KEY={DOTENV_KEY}")
    async with AsyncAnyFrame(api_key=KWARG_KEY, base_url=BASE_URL) as af:
        assert await authorization_sent(af, api) == f"Bearer {KWARG_KEY}"


@pytest.mark.anyio
async def test_the_shell_beats_dotenv(api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANYFRAME_API_KEY", SHELL_KEY)
    write_dotenv(f"ANYFRAME_API_KEY={DOTENV_KEY}", "ANYFRAME_BASE_URL=https://dotenv.invalid")
    monkeypatch.setenv("ANYFRAME_BASE_URL", BASE_URL)
    async with AsyncAnyFrame() as af:
        assert af.base_url == BASE_URL
        assert await authorization_sent(af, api) == f"Bearer {SHELL_KEY}"


@pytest.mark.anyio
async def test_dotenv_fills_the_gaps_without_touching_os_environ(api: respx.MockRouter) -> None:
    write_dotenv(f"ANYFRAME_API_KEY={DOTENV_KEY}", f"ANYFRAME_BASE_URL={BASE_URL}/")
    async with AsyncAnyFrame() as af:
        assert af.base_url == BASE_URL
        assert await authorization_sent(af, api) == f"Bearer {DOTENV_KEY}"
    assert "ANYFRAME_API_KEY" not in os.environ
    assert "ANYFRAME_BASE_URL" not in os.environ


@pytest.mark.anyio
async def test_load_dotenv_false_reads_no_file(api: respx.MockRouter) -> None:
    write_dotenv(f"ANYFRAME_API_KEY={DOTENV_KEY}")
    with pytest.raises(AuthError):
        AsyncAnyFrame(base_url=BASE_URL, load_dotenv=False)
    assert api.calls.call_count == 0


@pytest.mark.anyio
async def test_no_api_key_raises_auth_error_naming_the_variable_and_sends_nothing(
    api: respx.MockRouter,
) -> None:
    with pytest.raises(AuthError) as info:
        AsyncAnyFrame(base_url=BASE_URL)
    assert "ANYFRAME_API_KEY" in info.value.message
    assert api.calls.call_count == 0


@pytest.mark.anyio
async def test_the_base_url_comes_from_the_environment(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANYFRAME_BASE_URL", BASE_URL)
    async with AsyncAnyFrame(api_key=API_KEY) as af:
        assert af.base_url == BASE_URL
        assert await authorization_sent(af, api) == f"Bearer {API_KEY}"


@pytest.mark.anyio
async def test_the_default_base_url_is_api_anyfrm_com() -> None:
    with respx.mock(assert_all_mocked=True) as router:
        route = router.get("https://api.anyfrm.com/api/me").respond(200, json=USER)
        async with AsyncAnyFrame(api_key=API_KEY) as af:
            assert af.base_url == "https://api.anyfrm.com"
            await af.me()
    assert route.call_count == 1


@pytest.mark.anyio
async def test_trailing_slashes_of_the_base_url_are_stripped(api: respx.MockRouter) -> None:
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL + "//") as af:
        assert af.base_url == BASE_URL
        route = api.get("/api/me").respond(200, json=USER)
        await af.me()
    assert route.calls.last.request.url.raw_path == b"/api/me"


@pytest.mark.anyio
@pytest.mark.parametrize("url", ["api.anyfrm.com", "/api", "ftp://api.anyfrm.com", ""])
async def test_a_relative_or_non_http_base_url_is_rejected(url: str) -> None:
    with pytest.raises(InvalidArgumentError):
        AsyncAnyFrame(api_key=API_KEY, base_url=url or " ")


@pytest.mark.anyio
async def test_plain_http_to_a_remote_host_logs_a_warning_without_raising_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # suites running with filterwarnings=error must still work
        client = AsyncAnyFrame(api_key=API_KEY, base_url="http://api.example.com")
    await client.aclose()
    assert [r.levelname for r in caplog.records if "plain http" in r.getMessage()] == ["WARNING"]
    assert API_KEY not in caplog.text


@pytest.mark.anyio
@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://localhost:9000", "http://[::1]:80"])
async def test_plain_http_to_loopback_does_not_warn(url: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        client = AsyncAnyFrame(api_key=API_KEY, base_url=url)
    await client.aclose()


@pytest.mark.anyio
async def test_a_float_timeout_is_applied_to_every_request(api: respx.MockRouter) -> None:
    route = api.get("/api/me").respond(200, json=USER)
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, timeout=5.0) as af:
        assert af.timeout == httpx.Timeout(5.0)
        await af.me()
    assert route.calls.last.request.extensions["timeout"] == httpx.Timeout(5.0).as_dict()


@pytest.mark.anyio
async def test_an_httpx_timeout_is_kept_as_given(api: respx.MockRouter) -> None:
    route = api.get("/api/me").respond(200, json=USER)
    timeout = httpx.Timeout(10.0, connect=2.0)
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, timeout=timeout) as af:
        assert af.timeout == timeout
        await af.me()
    assert route.calls.last.request.extensions["timeout"]["connect"] == 2.0


@pytest.mark.anyio
@pytest.mark.parametrize("timeout", [0, -1.0])
async def test_a_non_positive_timeout_is_rejected(timeout: float) -> None:
    with pytest.raises(InvalidArgumentError):
        AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, timeout=timeout)


@pytest.mark.anyio
async def test_with_options_changes_settings_and_shares_the_pool(api: respx.MockRouter) -> None:
    route = api.get("/api/me").respond(200, json=USER)
    af = AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL)
    fast = af.with_options(timeout=1.5, max_retries=0)
    assert isinstance(fast, AsyncAnyFrame)
    assert (fast.timeout, fast.max_retries, fast.base_url) == (httpx.Timeout(1.5), 0, BASE_URL)
    assert (af.timeout, af.max_retries) == (httpx.Timeout(30.0), 2)
    await fast.me()
    assert route.calls.last.request.extensions["timeout"] == httpx.Timeout(1.5).as_dict()
    assert route.calls.last.request.headers["authorization"] == f"Bearer {API_KEY}"
    await fast.aclose()
    await af.me()  # closing the copy leaves the shared pool open
    await af.aclose()
    with pytest.raises(ClientClosedError):
        await fast.me()
    assert route.call_count == 2


@pytest.mark.anyio
async def test_with_options_rejects_a_negative_retry_budget() -> None:
    af = AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL)
    with pytest.raises(InvalidArgumentError):
        af.with_options(max_retries=-1)
    await af.aclose()


@pytest.mark.anyio
async def test_a_user_supplied_http_client_sends_the_requests_and_stays_open() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=USER)

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        af = AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, http_client=http)
        me = await af.me()
        await af.aclose()
        assert not http.is_closed
    assert isinstance(me, User)
    assert [str(r.url) for r in seen] == [f"{BASE_URL}/api/me"]
    assert seen[0].headers["authorization"] == f"Bearer {API_KEY}"
    assert seen[0].headers["user-agent"].startswith("anyframe-python/")


@pytest.mark.anyio
async def test_repr_shows_the_base_url_and_a_masked_key_only() -> None:
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL) as af:
        text = repr(af)
        assert BASE_URL in text
        assert API_KEY not in text
        assert API_KEY[-4:] in text
        assert API_KEY not in str(af)
        assert API_KEY not in repr(af.sessions) + repr(af.agents.skills)


@pytest.mark.anyio
async def test_a_closed_client_raises_client_closed_error_and_sends_nothing(api: respx.MockRouter) -> None:
    af = AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL)
    await af.aclose()
    await af.aclose()  # idempotent
    with pytest.raises(ClientClosedError) as info:
        await af.me()
    assert isinstance(info.value, RuntimeError)
    # What to do next, in this client's own terms (`async with` for the async client).
    assert str(info.value).endswith("create a new one, or make your calls inside its `async with` block")
    with pytest.raises(ClientClosedError):
        af.sessions.events(SID)
    assert api.calls.call_count == 0


@pytest.mark.anyio
async def test_the_context_manager_returns_the_client_and_closes_it(api: respx.MockRouter) -> None:
    client = AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL)
    async with client as af:
        assert af is client
    with pytest.raises(ClientClosedError):
        await client.agents.list()
    assert api.calls.call_count == 0


@pytest.mark.anyio
async def test_debug_logging_writes_one_line_per_request_without_secrets(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("ANYFRAME_LOG_LEVEL", "DEBUG")
    api.get("/api/me").respond(200, json=USER, headers={"x-request-id": "req_7"})
    api.post("/api/tokens").respond(201, json=TOKEN_CREATED)
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL) as af:
        assert logging.getLogger("anyframe").level == logging.DEBUG
        with caplog.at_level(logging.DEBUG, logger="anyframe"):
            caplog.clear()
            await af.me()
            first = [r for r in caplog.records if r.name.startswith("anyframe")]
            await af.tokens.create(name="ci-bot")
            records = [r for r in caplog.records if r.name.startswith("anyframe")]
    assert len(first) == 1
    assert first[0].levelno == logging.DEBUG
    assert re.match(r"GET /api/me -> 200 in \d+(\.\d+)?ms", first[0].getMessage())
    assert len(records) == 2
    assert re.match(r"POST /api/tokens -> 201 in \d+(\.\d+)?ms", records[1].getMessage())
    logged = caplog.text + "".join(r.getMessage() for r in records)
    for secret in (API_KEY, TOKEN_SECRET, "ci-bot", "Bearer"):
        assert secret not in logged


@pytest.mark.anyio
async def test_without_a_log_level_the_library_adds_no_handler(api: respx.MockRouter) -> None:
    logger = logging.getLogger("anyframe")
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL):
        assert logger.handlers == []
        assert logger.level == logging.NOTSET
