"""`af.request()`'s checks: `custom_request` and `check_api_path`.

Contracts pinned:
- The method is one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS in any case (sent upper case).
- The path starts with one `/`, has no scheme or host, no query or fragment, no empty segment, and each
  segment is one URL path segment (unreserved characters, not all dots): absolute URLs, `//host`,
  `..`, `%2e%2e`, spaces and controls are refused, so the key never leaves the base URL.
- A JSON body gets `Content-Type: application/json` unless the caller set one; `None` sends no body;
  params and headers are checked like the per-call options.
"""

from __future__ import annotations

import pytest

from anyframe import InvalidArgumentError
from anyframe._core.custom import METHODS, custom_request
from anyframe._core.request import ApiRequest
from anyframe._core.validate import check_api_path


@pytest.mark.parametrize(
    "path", ["/api/me", "/api/orgs/acme-inc/members", "/api/events/export.csv", "/x", "/a/b~c/d_e"]
)
def test_relative_api_paths_pass_as_given(path: str) -> None:
    assert check_api_path(path) == path


@pytest.mark.parametrize(
    "path",
    [
        "", "api/me", "https://evil.example/api", "http://127.0.0.1/api", "//evil.example/api", "/a://b",
        "/api/..", "/api/../admin", "/api/./me", "/..", "/api/...", "/api/%2e%2e", "/api/%2F", "/api//me",
        "/api/me/", "/", "/api/me?x=1", "/api/me#x", "/api/m e", "/api/\nme", "/api/\x00", "/api/é",
        "\\api\\me",
    ],
)  # fmt: skip
def test_paths_that_could_leave_the_api_are_refused(path: str) -> None:
    with pytest.raises(InvalidArgumentError, match="path"):
        check_api_path(path)


def test_a_non_str_path_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="path must be a str"):
        check_api_path(b"/api/me")


@pytest.mark.parametrize("method", [*METHODS, "get", "Patch"])
def test_the_method_is_sent_upper_case(method: str) -> None:
    assert custom_request(method, "/api/me").method == method.upper()


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "GET /x", "", None, 1])
def test_other_methods_are_refused(method: object) -> None:
    with pytest.raises(InvalidArgumentError, match="method must be one of"):
        custom_request(method, "/api/me")


def test_a_json_body_gets_its_content_type_and_none_sends_no_body() -> None:
    assert custom_request("POST", "/api/x", json={"a": 1}) == ApiRequest(
        "POST", "/api/x", headers={"Content-Type": "application/json"}, json={"a": 1}
    )
    assert custom_request("POST", "/api/x") == ApiRequest("POST", "/api/x")
    assert custom_request(
        "POST", "/api/x", json=[], headers={"content-type": "application/merge-patch+json"}
    ) == (ApiRequest("POST", "/api/x", headers={"content-type": "application/merge-patch+json"}, json=[]))


def test_params_and_headers_are_checked_like_the_options() -> None:
    assert custom_request("GET", "/api/x", params={"a": (1, 2)}).params == {"a": [1, 2]}
    with pytest.raises(InvalidArgumentError, match=r"params\['a'\]"):
        custom_request("GET", "/api/x", params={"a": None})
    with pytest.raises(InvalidArgumentError, match="cannot set 'Authorization'"):
        custom_request("GET", "/api/x", headers={"Authorization": "Bearer afm_other"})
