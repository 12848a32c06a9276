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
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
import respx

from anyframe import AnyFrameError, AsyncAnyFrame, ResponseValidationError, ValidationError
from conftest import API_KEY, BASE_URL

from .wire import CONNECTOR, TOKEN_CREATED, TOKEN_SECRET

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
    return "\n".join([error.message, str(error), repr(error), *map(str, error.args)])


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
