"""Secrets never leak into reprs, exception messages or logs (DESIGN.md §5 "Secrets"; preamble).

Each test runs with `ANYFRAME_LOG_LEVEL=DEBUG` and captures the `anyframe` logger, so the DEBUG trace of
every call is checked too.

Contracts pinned here:

- `tokens.create`: the minted secret is readable on `.token` but absent from `repr()` / `str()` of the
  result and from the DEBUG log; when the answer does not fit the model, the `ResponseValidationError`
  message and `.body` excerpt do not carry it either (both are scrubbed).
- `connectors.create_bearer` / `install_catalog_bearer`: the bearer token is sent, but is absent from the
  result's repr, from the DEBUG log, and from the message of an error whose body echoes it back.
- `credentials.set_claude/set_codex/set_github`: the credential is sent, never logged, and a 422 that echoes
  it as the rejected `input` does not put it in the message, `str()` or `repr()` of the error.
- The API key is in no log line and no error message, even when the server echoes it in `detail`.
- Issue 13 item 7: every secret the client knows is scrubbed from `.body` too, and from plain-string
  details, not only `afm_`-shaped values: a key without the `afm_` prefix, a credential value sent with
  `credentials.set_*`, a connector bearer token, a token received from `tokens.create` (echoed by a
  later error), a secret in an HTML error page, in the stream's error, and in the chained cause of a
  transport failure (and its printed traceback). `with_options` copies share the registry.
- A header-unsafe key (NUL, CR/LF, non-ASCII) is refused at construction: nothing is sent, nothing is
  logged, and the key is not in the error.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import AsyncIterator

import httpx
import pytest
import respx

from anyframe import (
    AnyFrameError,
    APIConnectionError,
    AsyncAnyFrame,
    InvalidArgumentError,
    ResponseValidationError,
    ValidationError,
)
from conftest import API_KEY, BASE_URL

from .wire import CONNECTOR, SID, TOKEN_CREATED, TOKEN_SECRET, collect

BEARER = "bearer-secret-9f8e7d6c"
CLAUDE = "sk-ant-oat01-secretvalue"


@pytest.fixture
async def traced(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[AsyncAnyFrame]:
    monkeypatch.setenv("ANYFRAME_LOG_LEVEL", "DEBUG")
    caplog.set_level(logging.DEBUG, logger="anyframe")
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as client:
        yield client


def logged(caplog: pytest.LogCaptureFixture) -> str:
    records = [r for r in caplog.records if r.name.startswith("anyframe")]
    assert records, "expected the DEBUG trace of the call"
    return caplog.text + "\n".join(r.getMessage() for r in records)


def error_texts(error: AnyFrameError) -> str:
    """Everything an error shows: message, str, repr, args, body, and the printed traceback with its
    chained causes."""
    printed = "".join(traceback.format_exception(error))
    body = json.dumps(error.body, ensure_ascii=False, default=str)
    return "\n".join([error.message, str(error), repr(error), *map(str, error.args), body, printed])


@pytest.mark.anyio
async def test_a_minted_token_is_readable_but_never_in_repr_or_logs(
    traced: AsyncAnyFrame, api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    api.post("/api/tokens").respond(201, json=TOKEN_CREATED)
    created = await traced.tokens.create(name="ci")
    assert created.token == TOKEN_SECRET
    assert TOKEN_SECRET not in repr(created)
    assert TOKEN_SECRET not in str(created)
    assert TOKEN_SECRET not in logged(caplog)


@pytest.mark.anyio
async def test_an_off_model_token_answer_does_not_leak_the_token_in_the_error(
    traced: AsyncAnyFrame, api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    api.post("/api/tokens").respond(201, json={"token": TOKEN_SECRET, "id": "not-an-int"})
    with pytest.raises(ResponseValidationError) as info:
        await traced.tokens.create(name="ci")
    assert TOKEN_SECRET not in error_texts(info.value)
    assert TOKEN_SECRET not in str(info.value.body)
    assert TOKEN_SECRET not in logged(caplog)


@pytest.mark.anyio
async def test_a_bearer_token_is_sent_but_never_in_the_result_or_logs(
    traced: AsyncAnyFrame, api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    route = api.post("/api/connectors/bearer").respond(200, json=CONNECTOR)
    connector = await traced.connectors.create_bearer(
        mcp_url="https://mcp.example.com", display_name="Example", token=BEARER
    )
    assert BEARER.encode() in route.calls.last.request.content
    assert BEARER not in repr(connector)
    assert BEARER not in logged(caplog)


@pytest.mark.anyio
async def test_a_rejected_bearer_token_echoed_by_the_server_is_not_in_the_error_message(
    traced: AsyncAnyFrame, api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    issue = {
        "loc": ["body", "token"],
        "msg": "token rejected by upstream",
        "type": "value_error",
        "input": BEARER,
    }
    api.post("/api/connectors/catalog/sentry/bearer").respond(422, json={"detail": [issue]})
    with pytest.raises(ValidationError) as info:
        await traced.connectors.install_catalog_bearer("sentry", token=BEARER)
    assert "token rejected by upstream" in info.value.message
    assert BEARER not in error_texts(info.value)
    assert BEARER not in logged(caplog)


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["claude", "codex", "github"])
async def test_a_credential_is_sent_once_and_never_logged(
    traced: AsyncAnyFrame, api: respx.MockRouter, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    route = api.put(f"/api/credentials/{kind}").respond(204)
    setter = {
        "claude": traced.credentials.set_claude,
        "codex": traced.credentials.set_codex,
        "github": traced.credentials.set_github,
    }
    await setter[kind](CLAUDE)
    assert route.calls.last.request.content == b'{"token":"' + CLAUDE.encode() + b'"}'
    assert CLAUDE not in logged(caplog)


@pytest.mark.anyio
async def test_a_rejected_credential_echoed_as_input_is_not_in_the_error(
    traced: AsyncAnyFrame, api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    issue = {
        "loc": ["body", "token"],
        "msg": "not a Claude OAuth token",
        "type": "value_error",
        "input": CLAUDE,
    }
    api.put("/api/credentials/claude").respond(422, json={"detail": [issue]})
    with pytest.raises(ValidationError) as info:
        await traced.credentials.set_claude(CLAUDE)
    assert "not a Claude OAuth token" in info.value.message
    assert CLAUDE not in error_texts(info.value)
    assert CLAUDE not in logged(caplog)


@pytest.mark.anyio
async def test_the_api_key_echoed_by_the_server_is_scrubbed_from_the_message(
    traced: AsyncAnyFrame, api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    api.get("/api/me").respond(401, json={"detail": f"token {API_KEY} is revoked"})
    with pytest.raises(AnyFrameError) as info:
        await traced.me()
    assert "revoked" in info.value.message
    assert API_KEY not in error_texts(info.value)
    assert API_KEY not in logged(caplog)


PLAIN_KEY = "sk-live-0123456789abcdef"  # no afm_ prefix: only the client's registry knows it is a secret


@pytest.fixture
async def plain_key_client(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[AsyncAnyFrame]:
    monkeypatch.setenv("ANYFRAME_LOG_LEVEL", "DEBUG")
    caplog.set_level(logging.DEBUG)
    async with AsyncAnyFrame(api_key=PLAIN_KEY, base_url=BASE_URL, max_retries=0) as client:
        yield client


@pytest.mark.anyio
async def test_the_api_key_echoed_in_the_body_is_scrubbed_from_body_and_message(
    plain_key_client: AsyncAnyFrame, api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    api.get("/api/me").respond(
        401,
        json={"detail": f"Bearer {PLAIN_KEY} is not valid", "echo": {"authorization": f"Bearer {PLAIN_KEY}"}},
    )
    with pytest.raises(AnyFrameError) as info:
        await plain_key_client.me()
    assert info.value.body == {"detail": "Bearer *** is not valid", "echo": {"authorization": "Bearer ***"}}
    assert PLAIN_KEY not in error_texts(info.value)
    assert PLAIN_KEY not in caplog.text


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["claude", "codex", "github"])
async def test_a_credential_echoed_in_a_plain_string_detail_is_scrubbed(
    traced: AsyncAnyFrame, api: respx.MockRouter, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    value = f"{kind}-credential-value-9f8e7d"
    api.put(f"/api/credentials/{kind}").respond(400, json={"detail": f"{value} is not a valid {kind} token"})
    setter = {
        "claude": traced.credentials.set_claude,
        "codex": traced.credentials.set_codex,
        "github": traced.credentials.set_github,
    }
    with pytest.raises(ValidationError) as info:
        await setter[kind](value)
    assert info.value.message == f"*** is not a valid {kind} token"
    assert value not in error_texts(info.value)
    assert value not in logged(caplog)


@pytest.mark.anyio
async def test_a_bearer_token_echoed_in_the_body_is_scrubbed_from_body(
    traced: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post("/api/connectors/bearer").respond(
        502, text=f"<html><h1>Bad gateway</h1><p>upstream said: {BEARER}</p></html>"
    )
    with pytest.raises(AnyFrameError) as info:
        await traced.connectors.create_bearer(
            mcp_url="https://mcp.example.com", display_name="X", token=BEARER
        )
    assert BEARER not in error_texts(info.value)


@pytest.mark.anyio
async def test_a_received_token_echoed_by_a_later_error_is_scrubbed_from_body(
    traced: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    minted = "minted-secret-not-afm-shaped-123"
    api.post("/api/tokens").respond(201, json={**TOKEN_CREATED, "token": minted})
    api.get("/api/tokens").respond(500, json={"detail": "internal error", "debug": {"last_minted": minted}})
    created = await traced.tokens.create(name="ci")
    copy = traced.with_options(max_retries=0)  # shares the registry
    with pytest.raises(AnyFrameError) as info:
        await copy.tokens.list()
    assert created.token == minted
    assert info.value.body == {"detail": "internal error", "debug": {"last_minted": "***"}}
    assert minted not in error_texts(info.value)


@pytest.mark.anyio
async def test_the_key_echoed_in_a_stream_error_is_scrubbed(
    plain_key_client: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get(f"/api/sessions/{SID}/events").respond(403, json={"detail": f"key {PLAIN_KEY} may not read this"})
    with pytest.raises(AnyFrameError) as info:
        await collect(plain_key_client.sessions.events(SID, reconnect=False))
    assert PLAIN_KEY not in error_texts(info.value)


@pytest.mark.anyio
async def test_a_secret_in_a_transport_failure_is_scrubbed_from_the_chained_cause(
    plain_key_client: AsyncAnyFrame, api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    api.get("/api/me").mock(
        side_effect=httpx.LocalProtocolError(f"Illegal header value b'Bearer {PLAIN_KEY}'")
    )
    with pytest.raises(APIConnectionError) as info:
        await plain_key_client.me()
    assert PLAIN_KEY not in error_texts(info.value)
    assert PLAIN_KEY not in str(info.value.__cause__)
    assert "Bearer ***" in str(info.value.__cause__)
    assert PLAIN_KEY not in caplog.text


@pytest.mark.anyio
@pytest.mark.parametrize(
    "key", ["afm_nul\x00key_0123456789", "afm_crlf\r\nX-Evil: 0123456789", "afm_n\u00f6n_ascii_0123456789"]
)
async def test_a_header_unsafe_key_is_refused_before_anything_is_sent_or_logged(
    api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, key: str
) -> None:
    monkeypatch.setenv("ANYFRAME_LOG_LEVEL", "DEBUG")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(InvalidArgumentError) as info:
        AsyncAnyFrame(api_key=key, base_url=BASE_URL)
    assert "HTTP header" in info.value.message
    assert "0123456789" not in error_texts(info.value)
    assert "0123456789" not in caplog.text
    assert api.calls.call_count == 0
