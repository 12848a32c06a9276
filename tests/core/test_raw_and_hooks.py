"""`anyframe._core.raw.RawResponse` and `anyframe._core.hooks`: pure values.

Contracts pinned:
- A raw response keeps the answer as it came; `.parse()` runs the call's parser on first use only and
  returns the same object after; `.json()` decodes (`None` for an empty body, `ResponseValidationError`
  for non-JSON); `.text` follows the declared charset (UTF-8 otherwise, unknown names too);
  `.request_id` is `x-request-id`.
- Its repr is status, reason, method, path and request id, scrubbed of the client's secrets; pickling
  raises `TypeError`.
- Hook views are frozen; `check_hook` accepts `None` and plain callables, refuses other values and
  `async def` functions or objects with an async `__call__`.
"""

from __future__ import annotations

import dataclasses
import pickle

import httpx
import pytest

from anyframe import InvalidArgumentError, RawResponse, RequestInfo, ResponseInfo, ResponseValidationError
from anyframe._core.hooks import check_hook
from anyframe._core.secrets import Secrets

KEY = "afm_live_secret_key_1"


def raw(
    content: bytes = b'{"a": 1}', *, headers: dict[str, str] | None = None, url: str = "https://x/api/me"
) -> tuple[RawResponse[object], list[int]]:
    calls: list[int] = []

    def parse() -> object:
        calls.append(1)
        return {"parsed": True}

    response = RawResponse(
        method="GET", url=url, status_code=200, headers=httpx.Headers(headers or {"x-request-id": "req_3"}),
        content=content, elapsed=0.25, attempts=2, parse=parse, secrets=Secrets([KEY]),
    )  # fmt: skip
    return response, calls


def test_parse_runs_once_on_demand() -> None:
    response, calls = raw()

    assert calls == []
    first = response.parse()
    assert response.parse() is first
    assert calls == [1]


def test_json_text_and_request_id() -> None:
    response, _ = raw()
    empty, _ = raw(b"")
    latin, _ = raw("é".encode("latin-1"), headers={"content-type": "text/plain; charset=latin-1"})
    odd, _ = raw(b"ok", headers={"content-type": "text/plain; charset=no-such-charset"})

    assert (response.json(), response.request_id, response.elapsed, response.attempts) == (
        {"a": 1},
        "req_3",
        0.25,
        2,
    )
    assert empty.json() is None
    assert latin.text == "é"
    assert odd.text == "ok"
    assert latin.request_id is None


def test_json_of_a_body_that_is_not_json_raises_the_sdks_error() -> None:
    response, _ = raw(b"<html>")
    with pytest.raises(ResponseValidationError):
        response.json()


def test_the_repr_is_short_and_scrubbed() -> None:
    response, _ = raw(url=f"https://x/api/invitations/{KEY}?q=1")

    assert repr(response) == "<RawResponse [200 OK] GET /api/invitations/afm_*** request_id='req_3'>"


def test_a_raw_response_refuses_to_pickle() -> None:
    response, _ = raw()
    with pytest.raises(TypeError, match="not picklable"):
        pickle.dumps(response)


def test_hook_views_are_frozen() -> None:
    request = RequestInfo(method="GET", url="https://x/api/me", path="/api/me", attempt=1)
    response = ResponseInfo(
        method="GET",
        url="https://x/api/me",
        path="/api/me",
        attempt=1,
        stream=False,
        status_code=200,
        elapsed=0.1,
    )

    with pytest.raises(dataclasses.FrozenInstanceError):
        request.attempt = 2  # type: ignore[misc]
    assert (request.stream, response.request_id, response.error) == (False, None, None)


def test_check_hook_accepts_plain_callables_only() -> None:
    class Recorder:
        def __call__(self, info: RequestInfo) -> None:
            del info

    class AsyncRecorder:
        async def __call__(self, info: RequestInfo) -> None:
            del info

    async def async_hook(info: RequestInfo) -> None:
        del info

    check_hook("on_request", None)
    check_hook("on_request", print)
    check_hook("on_request", Recorder())
    check_hook("on_request", [].append)
    with pytest.raises(InvalidArgumentError, match="must be a function"):
        check_hook("on_request", "print")
    for hook in (async_hook, AsyncRecorder()):
        with pytest.raises(InvalidArgumentError, match="called, not awaited"):
            check_hook("on_request", hook)
