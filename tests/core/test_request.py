"""`anyframe._core.request`: the typed request value and the deadline of one attempt.

Contracts pinned:
- `ApiRequest` is an immutable value with no body, query or headers unless given;
- one attempt's deadline is the longest of its connect, write and read limits (the pool limit bounds
  the wait before it), and there is none when one of them is unbounded.
"""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from anyframe._core.options import CallOptions
from anyframe._core.request import ApiRequest, overall_timeout


def test_an_api_request_is_an_immutable_value() -> None:
    request = ApiRequest("GET", "/api/me")
    assert (request.params, request.headers, request.json) == (None, None, None)
    assert request == ApiRequest("GET", "/api/me")
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.path = "/api"  # type: ignore[misc]
    assert CallOptions().timeout is None


@pytest.mark.parametrize(
    ("timeout", "deadline"),
    [
        (httpx.Timeout(30.0), 30.0),
        (httpx.Timeout(5.0, read=60.0), 60.0),
        (httpx.Timeout(5.0, connect=12.0, pool=99.0), 12.0),
        (httpx.Timeout(5.0, read=None), None),
        (httpx.Timeout(None), None),
    ],
)
def test_one_attempt_ends_by_its_longest_phase(timeout: httpx.Timeout, deadline: float | None) -> None:
    assert overall_timeout(timeout) == deadline
