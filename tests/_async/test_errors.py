"""How answers other than a fitting 2xx, and transport failures, surface to the caller
(api-contract.md §13, DESIGN.md §4-§5, STYLE.md §6).

Contracts pinned here:

- Status -> exception: 400 and 422 `ValidationError`, 401 `AuthError`, 403 `PermissionDeniedError`,
  404 `NotFoundError`, 409 `ConflictError`, 429 `RateLimitError`, 500/502/503/504/520 `ServerError`,
  418 and 499 plain `APIError`; every one an `APIError` and an `AnyFrameError`, carrying
  `.status_code`, `.message` (the server's `detail`), `.request_id` (from `x-request-id`, `None` when
  absent) and `.body` (the decoded JSON).
- 422 with a list `detail`: `.errors` and `.details` are that list, the message counts the issues and
  names their fields; 422 with a string `detail`: the message is the string, `.errors == []`.
- 429: `.retry_after` from `Retry-After` seconds, an HTTP date, or `retry-after-ms`; `None` without them.
- An HTML page, an empty body and JSON without `detail` still give a message naming the status's reason
  (and a tag-free excerpt of the page).
- A 2xx that is not JSON, is empty where a model is expected, or does not fit the model raises
  `ResponseValidationError` with the status; an opaque-JSON call (`message`) with a non-JSON 2xx too.
- An opaque-JSON call whose answer is JSON but not an object raises `ResponseValidationError`.
- An error answer to a stream (`events`, `stream_build`) raises the same mapped error, with the body's
  `detail` and the request id, when iteration starts.
- Transport failures: `httpx.ConnectError` -> `APIConnectionError`, `httpx.ReadTimeout` /
  `ConnectTimeout` -> `APITimeoutError` (an `APIConnectionError`), the httpx error chained as `__cause__`.
- Nothing from httpx, json or pydantic escapes: every failure above is an `AnyFrameError`.
"""

from __future__ import annotations

import json
import time
from email.utils import formatdate

import httpx
import pydantic
import pytest
import respx

from anyframe import (
    AnyFrameError,
    APIConnectionError,
    APIError,
    APITimeoutError,
    AsyncAnyFrame,
    AuthError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    ValidationError,
)

from .wire import SID, USER

MAPPING: list[tuple[int, type[APIError]]] = [
    (400, ValidationError),
    (401, AuthError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (409, ConflictError),
    (418, APIError),
    (422, ValidationError),
    (429, RateLimitError),
    (499, APIError),
    (500, ServerError),
    (502, ServerError),
    (503, ServerError),
    (504, ServerError),
    (520, ServerError),
]


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "error"), MAPPING)
async def test_each_status_maps_to_its_exception_with_status_message_request_id_and_body(
    af: AsyncAnyFrame, api: respx.MockRouter, status: int, error: type[APIError]
) -> None:
    api.get("/api/agents/7").respond(
        status, json={"detail": "it went wrong"}, headers={"x-request-id": "req_9"}
    )
    with pytest.raises(APIError) as info:
        await af.agents.get(7)
    assert type(info.value) is error
    assert isinstance(info.value, AnyFrameError)
    assert info.value.status_code == status
    assert info.value.message == "it went wrong"
    assert info.value.request_id == "req_9"
    assert info.value.body == {"detail": "it went wrong"}
    assert "it went wrong" in str(info.value)


@pytest.mark.anyio
async def test_request_id_is_none_when_the_server_sends_none(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get("/api/agents/999").respond(404, json={"detail": "agent not found"})
    with pytest.raises(NotFoundError) as info:
        await af.agents.get(999)
    assert info.value.request_id is None
    assert info.value.message == "agent not found"


@pytest.mark.anyio
async def test_422_with_a_list_detail_exposes_the_issues_as_errors_and_details(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    issues = [
        {"loc": ["body", "name"], "msg": "field required", "type": "missing"},
        {"loc": ["body", "repo_url"], "msg": "bad repo", "type": "value_error"},
    ]
    api.post("/api/agents").respond(422, json={"detail": issues})
    with pytest.raises(ValidationError) as info:
        await af.agents.create(name="demo")
    assert info.value.status_code == 422
    assert info.value.errors == issues
    assert info.value.details == issues
    assert info.value.message.startswith("validation failed (2 issue(s)): ")
    assert "body.name: field required" in info.value.message


@pytest.mark.anyio
async def test_422_with_a_string_detail_uses_it_as_the_message(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post("/api/tokens").respond(422, json={"detail": "name required"})
    with pytest.raises(ValidationError) as info:
        await af.tokens.create(name="x")
    assert (info.value.message, info.value.errors, info.value.details) == ("name required", [], [])


@pytest.mark.anyio
async def test_400_on_save_as_base_of_a_normal_session_is_a_validation_error(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post(f"/api/sessions/{SID}/save-as-base").respond(
        400, json={"detail": "session is not a setup session"}
    )
    with pytest.raises(ValidationError) as info:
        await af.sessions.save_as_base(SID)
    assert (info.value.status_code, info.value.message) == (400, "session is not a setup session")


@pytest.mark.anyio
async def test_429_retry_after_in_seconds_is_exposed(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.get("/api/me").respond(429, json={"detail": "slow down"}, headers={"Retry-After": "7"})
    with pytest.raises(RateLimitError) as info:
        await af.me()
    assert info.value.retry_after == 7.0


@pytest.mark.anyio
async def test_429_retry_after_as_an_http_date_is_converted_to_seconds(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    when = formatdate(time.time() + 120, usegmt=True)
    api.get("/api/me").respond(429, json={"detail": "slow down"}, headers={"Retry-After": when})
    with pytest.raises(RateLimitError) as info:
        await af.me()
    assert info.value.retry_after is not None
    assert 100 < info.value.retry_after <= 120


@pytest.mark.anyio
async def test_429_retry_after_ms_is_converted_to_seconds(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.get("/api/me").respond(429, json={"detail": "slow down"}, headers={"retry-after-ms": "1500"})
    with pytest.raises(RateLimitError) as info:
        await af.me()
    assert info.value.retry_after == 1.5


@pytest.mark.anyio
async def test_429_without_retry_after_has_none(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.get("/api/me").respond(429, json={"detail": "slow down"})
    with pytest.raises(RateLimitError) as info:
        await af.me()
    assert info.value.retry_after is None


@pytest.mark.anyio
async def test_an_html_error_page_gives_the_reason_and_a_tag_free_excerpt(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    page = b"<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"
    api.get("/api/me").respond(502, content=page, headers={"content-type": "text/html"})
    with pytest.raises(ServerError) as info:
        await af.me()
    assert info.value.status_code == 502
    assert "Bad Gateway" in info.value.message
    assert "nginx" in info.value.message
    assert "<" not in info.value.message
    assert info.value.body == page.decode()


@pytest.mark.anyio
async def test_an_empty_error_body_gives_the_reason_phrase(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.get("/api/me").respond(503)
    with pytest.raises(ServerError) as info:
        await af.me()
    assert info.value.message == "Service Unavailable"
    assert info.value.body is None


@pytest.mark.anyio
async def test_json_without_detail_gives_the_reason_and_the_body(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get("/api/me").respond(403, json={"error": "forbidden by policy"})
    with pytest.raises(PermissionDeniedError) as info:
        await af.me()
    assert "Forbidden" in info.value.message
    assert "forbidden by policy" in info.value.message
    assert info.value.body == {"error": "forbidden by policy"}


@pytest.mark.anyio
async def test_a_nonstandard_status_without_body_still_has_a_message(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get("/api/me").respond(499)
    with pytest.raises(APIError) as info:
        await af.me()
    assert info.value.status_code == 499
    assert info.value.message


@pytest.mark.anyio
@pytest.mark.parametrize(
    "content",
    [b"<html>oops</html>", b"", b'{"id": 1}', b'{"id": "one", "github_id": 42, "login": "nish"}', b"[1, 2]"],
    ids=["html", "empty", "missing-fields", "wrong-type", "array"],
)
async def test_a_2xx_that_does_not_fit_the_model_raises_response_validation_error(
    af: AsyncAnyFrame, api: respx.MockRouter, content: bytes
) -> None:
    api.get("/api/me").respond(200, content=content, headers={"x-request-id": "req_2"})
    with pytest.raises(ResponseValidationError) as info:
        await af.me()
    assert isinstance(info.value, AnyFrameError)
    assert info.value.status_code == 200
    assert info.value.request_id == "req_2"
    assert "200" in info.value.message


@pytest.mark.anyio
async def test_a_list_answer_with_an_off_model_item_raises_response_validation_error(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get("/api/agents").respond(200, json=[{"id": 7}])
    with pytest.raises(ResponseValidationError) as info:
        await af.agents.list()
    assert not isinstance(info.value, pydantic.ValidationError)


@pytest.mark.anyio
async def test_a_non_json_2xx_on_an_opaque_json_call_raises_response_validation_error(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post(f"/api/sessions/{SID}/message").respond(200, content=b"not json")
    with pytest.raises(ResponseValidationError) as info:
        await af.sessions.message(SID, {"prompt": "hi"})
    assert not isinstance(info.value, json.JSONDecodeError)


@pytest.mark.anyio
async def test_an_opaque_json_answer_that_is_not_an_object_raises_response_validation_error(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post(f"/api/sessions/{SID}/message").respond(200, json=[1, 2])
    api.post(f"/api/sessions/{SID}/previews").respond(200, json="ok")
    with pytest.raises(ResponseValidationError):
        await af.sessions.message(SID, {"prompt": "hi"})
    with pytest.raises(ResponseValidationError):
        await af.sessions.previews_logs(SID, name="web")


@pytest.mark.anyio
@pytest.mark.parametrize("path", [f"/api/sessions/{SID}/events", "/api/agents/7/builds/128/stream"])
async def test_an_error_answer_to_a_stream_raises_the_mapped_error_with_its_detail(
    af: AsyncAnyFrame, api: respx.MockRouter, path: str
) -> None:
    api.get(path).respond(404, json={"detail": "gone"}, headers={"x-request-id": "req_s"})
    stream = af.sessions.events(SID) if "events" in path else af.agents.stream_build(7, 128)
    with pytest.raises(NotFoundError) as info:
        await stream.__anext__()
    assert (info.value.message, info.value.request_id) == ("gone", "req_s")


@pytest.mark.anyio
async def test_a_connect_error_becomes_api_connection_error_chained(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get("/api/me").mock(side_effect=httpx.ConnectError("connection refused"))
    with pytest.raises(APIConnectionError) as info:
        await af.me()
    assert type(info.value) is APIConnectionError
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert info.value.status_code is None


@pytest.mark.anyio
@pytest.mark.parametrize(
    "failure", [httpx.ReadTimeout, httpx.ConnectTimeout, httpx.WriteTimeout, httpx.PoolTimeout]
)
async def test_a_timeout_becomes_api_timeout_error_chained(
    af: AsyncAnyFrame, api: respx.MockRouter, failure: type[httpx.TimeoutException]
) -> None:
    api.get("/api/me").mock(side_effect=failure("timed out"))
    with pytest.raises(APITimeoutError) as info:
        await af.me()
    assert isinstance(info.value, APIConnectionError)
    assert isinstance(info.value.__cause__, failure)


@pytest.mark.anyio
@pytest.mark.parametrize(
    "failure",
    [httpx.ReadError("reset"), httpx.RemoteProtocolError("peer closed"), httpx.WriteError("broken pipe")],
    ids=["read", "protocol", "write"],
)
async def test_other_transport_errors_become_api_connection_error(
    af: AsyncAnyFrame, api: respx.MockRouter, failure: httpx.TransportError
) -> None:
    api.post("/api/sessions").mock(side_effect=failure)
    with pytest.raises(APIConnectionError) as info:
        await af.sessions.create(agent_id=7)
    assert info.value.__cause__ is failure


@pytest.mark.anyio
async def test_a_fitting_2xx_with_extra_fields_is_not_an_error(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get("/api/me").respond(200, json={**USER, "email": "you@example.com"})
    me = await af.me()
    assert me.model_dump()["email"] == "you@example.com"
