"""Tests of `anyframe._core.parse`: 2xx bodies into models, with one error type for anything off-contract.

Contracts pinned here:

- `parse_model` / `parse_models` return validated models (a list for `parse_models`) from the raw bytes;
  `parse_models(..., AttentionItem)` dispatches on `kind`.
- A body that is not JSON, not the right shape, or missing required fields raises
  `ResponseValidationError` (never a pydantic or json error) with the status, the request id, a
  summary of at most three problems with their location (`<root>` for the body itself), and an excerpt
  of the body; the pydantic error is chained as `__cause__`.
- A `TokenCreated` body that fails validation does not leak the raw token into the error's text.
- `parse_json` decodes any JSON value, returns `None` for an empty or blank body, and raises
  `ResponseValidationError` ("body is not JSON") otherwise, invalid UTF-8 included.
"""

from __future__ import annotations

import json

import httpx
import pydantic
import pytest

from anyframe._core.parse import parse_json, parse_model, parse_models
from anyframe.exceptions import ResponseValidationError
from anyframe.models import AttentionIdleItem, AttentionItem, AttentionPendingItem, TokenCreated, User

HEADERS = httpx.Headers({"x-request-id": "req_42"})
USER = {"id": 1, "github_id": 2, "login": "octocat"}


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


def test_parse_model_returns_the_validated_model() -> None:
    user = parse_model(200, HEADERS, _json(USER | {"name": "Mona", "org": "tinyhq"}), User)

    assert isinstance(user, User)
    assert (user.id, user.login, user.name) == (1, "octocat", "Mona")
    assert user.model_extra == {"org": "tinyhq"}


def test_parse_models_returns_a_list_of_models() -> None:
    users = parse_models(200, HEADERS, _json([USER, USER | {"id": 3}]), User)

    assert [type(u) for u in users] == [User, User]
    assert [u.id for u in users] == [1, 3]
    assert parse_models(200, HEADERS, b"[]", User) == []


def test_parse_models_dispatches_attention_items_on_kind() -> None:
    base = {"session_id": "s-1", "agent_id": 7, "agent_name": "demo", "at": "2026-01-01T00:00:00Z"}
    pending = base | {"kind": "pending", "session_status": "running", "seq": 4, "payload": {}}
    body = _json([pending, base | {"kind": "idle"}, base | {"kind": "later"}])

    items = parse_models(200, HEADERS, body, AttentionItem)

    assert [type(i) for i in items] == [AttentionPendingItem, AttentionIdleItem, AttentionItem]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"<html><body>Service maintenance</body></html>", "1 problem(s): <root>: Invalid JSON"),
        (b"", "1 problem(s): <root>: Invalid JSON"),
        (b"[]", "1 problem(s): <root>: Input should be an object"),
        (b'"octocat"', "1 problem(s): <root>: Input should be an object"),
        (_json({"id": 1, "github_id": 2}), "1 problem(s): login: Field required"),
        (
            _json({"id": "one", "github_id": 2, "login": "x"}),
            "1 problem(s): id: Input should be a valid integer",
        ),
        (_json({}), "3 problem(s): id: Field required; github_id: Field required; login: Field required"),
        (
            _json({"id": "a", "github_id": "b", "login": 3, "name": 4}),
            "4 problem(s): id: Input should be a valid integer",
        ),
    ],
)
def test_parse_model_raises_response_validation_error_for_off_contract_bodies(
    content: bytes, problem: str
) -> None:
    with pytest.raises(ResponseValidationError) as info:
        parse_model(200, HEADERS, content, User)

    error = info.value
    assert not isinstance(error, pydantic.ValidationError)
    assert isinstance(error.__cause__, pydantic.ValidationError)
    assert error.status_code == 200
    assert error.request_id == "req_42"
    assert error.message.startswith(f"HTTP 200 answer does not match the API contract: {problem}")
    assert "; body starts: " in error.message


def test_at_most_three_problems_are_listed() -> None:
    content = _json({"id": "a", "github_id": "b", "login": 3, "name": 4})

    with pytest.raises(ResponseValidationError) as info:
        parse_model(201, HEADERS, content, User)

    assert "login" in info.value.message
    assert "name:" not in info.value.message


def test_error_shows_an_excerpt_of_the_body() -> None:
    with pytest.raises(ResponseValidationError) as info:
        parse_model(200, HEADERS, b"<html><body>Service maintenance</body></html>", User)

    assert info.value.message.endswith("body starts: 'Service maintenance'")
    assert info.value.body == "Service maintenance"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (_json(USER), "1 problem(s): <root>: "),
        (_json([USER, {"id": 2}]), "2 problem(s): 1.github_id: Field required; 1.login: Field required"),
        (b"not json", "1 problem(s): <root>: Invalid JSON"),
    ],
)
def test_parse_models_raises_response_validation_error_with_item_locations(
    content: bytes, problem: str
) -> None:
    with pytest.raises(ResponseValidationError) as info:
        parse_models(200, HEADERS, content, User)

    assert problem in info.value.message
    assert isinstance(info.value.__cause__, pydantic.ValidationError)


def test_off_contract_token_created_body_does_not_leak_the_token_into_the_error_text() -> None:
    raw = "afm_live_0123456789abcdefghijklmnop"
    content = _json({"id": 1, "name": "ci", "prefix": "afm_live", "last4": "mnop", "token": raw})

    with pytest.raises(ResponseValidationError) as info:
        parse_model(201, HEADERS, content, TokenCreated)

    for text in (info.value.message, str(info.value), repr(info.value)):
        assert "0123456789abcdefghij" not in text


# --- parse_json ---


@pytest.mark.parametrize(
    ("content", "value"),
    [
        (b'{"ok": true, "seq": 4}', {"ok": True, "seq": 4}),
        (b"[1, 2]", [1, 2]),
        (b'"text"', "text"),
        (b"null", None),
        (b"0", 0),
        (b"", None),
        (b"  \r\n ", None),
    ],
)
def test_parse_json_decodes_any_json_value_and_treats_an_empty_body_as_none(
    content: bytes, value: object
) -> None:
    assert parse_json(200, HEADERS, content) == value


@pytest.mark.parametrize("content", [b"not json", b"<html>oops</html>", b'{"ok": tru', b"\xff\xfe\xfa"])
def test_parse_json_raises_response_validation_error_for_non_json(content: bytes) -> None:
    with pytest.raises(ResponseValidationError) as info:
        parse_json(202, HEADERS, content)

    assert info.value.status_code == 202
    assert info.value.request_id == "req_42"
    assert "body is not JSON" in info.value.message
    assert isinstance(info.value.__cause__, ValueError)
