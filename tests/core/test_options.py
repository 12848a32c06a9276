"""`anyframe._core.options`: checking per-call options and client defaults, and merging them.

Contracts pinned:
- `call_options`: nothing given is `None` (the fast path); empty mappings and `timeout=None` are
  dropped (the client's settings apply); an unknown key
  raises `InvalidArgumentError` listing the options, with a close match when there is one; a bad
  timeout, header or query value is refused with a message naming the option and key, never quoting a
  header value.
- `check_headers`: names are HTTP tokens; values are `str` of visible ASCII, space or tab;
  `Authorization`, `Host`, `Content-Length`, `Transfer-Encoding`, `Connection` are refused in any case.
- `check_query`: non-empty `str` keys; `str`/`int`/finite `float`/`bool` values or lists (a tuple
  becomes a list); `None`, dicts and bytes are refused.
- `merge`: with no option, default or operation header, the operation's request is handed back as is
  (same objects); headers layer SDK < defaults < operation < extra < stream, case-insensitively, the
  later spelling kept; a given `User-Agent` is appended to the SDK's; query layers default < operation
  < extra; `extra_body` keys go on top of a JSON object body and are refused without one.
- `bodiless_options`: checks like `call_options` and refuses a non-empty `extra_body` with the
  caller's message.
- `layered` (a turn's options under `turn.respond()`'s): headers and query merged key by key, the
  inner call's winning (and, through `merge`, whatever the case); the inner call's `extra_body` and
  `timeout`; an explicit `None` keeps the outer's; a value that is not a mapping is left for the
  transport's check; neither input is changed.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from anyframe import InvalidArgumentError
from anyframe._core.options import (
    OPTION_NAMES,
    CallOptions,
    RequestOptions,
    WaitOptions,
    bodiless_options,
    call_options,
    check_headers,
    check_query,
    client_headers,
    headers_over,
    layered,
    merge,
    stream_timeout,
    unknown_options,
)
from anyframe._core.request import ApiRequest

UA = "anyframe-python/9.9.9"
BASE = client_headers("afm_key_123456", UA, {})


def test_the_options_are_the_documented_four_in_order() -> None:
    assert OPTION_NAMES == ("extra_headers", "extra_query", "extra_body", "timeout")
    assert set(WaitOptions.__annotations__) == {"extra_headers", "extra_query"}
    assert set(RequestOptions.__annotations__) == set(OPTION_NAMES)


def test_no_options_is_none_and_empty_mappings_are_dropped() -> None:
    assert call_options(None) is None
    assert call_options({}) is None
    assert call_options({"extra_headers": {}, "extra_query": {}, "extra_body": {}}) == CallOptions()


def test_options_are_checked_and_copied() -> None:
    headers = {"X-A": "1"}
    checked = call_options({"extra_headers": headers, "extra_query": {"t": (1, 2)}, "timeout": 4})

    assert checked == CallOptions(
        timeout=httpx.Timeout(4.0), extra_headers={"X-A": "1"}, extra_query={"t": [1, 2]}
    )
    assert checked is not None
    assert checked.extra_headers is not headers


def test_a_timeout_of_none_is_the_clients() -> None:
    assert call_options({"timeout": None}) == CallOptions()


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"extra_header": {}},
            r"unexpected keyword argument 'extra_header' \(did you mean 'extra_headers'\?\)",
        ),
        ({"timout": 1}, "did you mean 'timeout'"),
        ({"zzz": 1, "aaa": 2}, "unexpected keyword arguments 'aaa', 'zzz': besides its own parameters"),
        ({"timeout": 0}, "timeout must be a positive number of seconds"),
        ({"timeout": httpx.Timeout(1.0, read=-1)}, "timeout.read must be a positive"),
        ({"extra_body": ["x"]}, "extra_body must be a dict"),
        ({"extra_body": {1: "x"}}, "JSON object keys are str"),
    ],
)
def test_bad_options_say_what_to_fix(given: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        call_options(given)


def test_unknown_options_lists_only_the_unknown_keys_sorted() -> None:
    assert unknown_options({"timeout": 1, "b": 1, "a": 2}) == ["a", "b"]


@pytest.mark.parametrize(
    "name", ["Authorization", "authorization", "HOST", "Content-Length", "transfer-encoding", "Connection"]
)
def test_reserved_headers_are_refused_in_any_case(name: str) -> None:
    with pytest.raises(InvalidArgumentError, match=f"cannot set '{name}'"):
        check_headers("extra_headers", {name: "x"})


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"X a": "1"}, "not an HTTP token"),
        ({"": "1"}, "not an HTTP token"),
        ({"X-é": "1"}, "not an HTTP token"),
        ({1: "1"}, "not an HTTP token"),
        ({"X-A": b"1"}, "must be a str, got bytes"),
        ({"X-A": "secret\nvalue"}, "holds a character"),
        ({"X-A": "secret\x00value"}, "holds a character"),
        ({"X-A": "sécret"}, "holds a character"),
        ("X-A: 1", "must be a dict"),
    ],
)
def test_bad_headers_are_refused_without_quoting_the_value(headers: object, message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message) as info:
        check_headers("default_headers", headers)
    assert "secret" not in str(info.value)
    assert "sécret" not in str(info.value)


def test_good_headers_pass_as_given() -> None:
    assert check_headers("h", {"X-Trace-Id": "a b\tc", "User-Agent": "my-app/1"}) == {
        "X-Trace-Id": "a b\tc", "User-Agent": "my-app/1",
    }  # fmt: skip
    assert check_headers("h", None) == {}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": None}, "leave the key out"),
        ({"q": {"a": 1}}, "got dict"),
        ({"q": b"x"}, "got bytes"),
        ({"q": [1, None]}, "got None"),
        ({"q": float("inf")}, "finite"),
        ({"": "x"}, "non-empty str"),
        ({3: "x"}, "non-empty str"),
        (["q"], "must be a dict"),
    ],
)
def test_bad_query_values_are_refused(query: object, message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        check_query("extra_query", query)


def test_good_query_values_pass_and_tuples_become_lists() -> None:
    assert check_query("q", {"a": "x", "b": 1, "c": 1.5, "d": True, "e": ("x", 2)}) == {
        "a": "x", "b": 1, "c": 1.5, "d": True, "e": ["x", 2],
    }  # fmt: skip


def test_client_headers_are_the_sdks_then_the_defaults() -> None:
    headers = client_headers("afm_k", UA, {"accept": "application/x", "User-Agent": "my-app/2", "X-T": "1"})

    assert headers == {
        "Authorization": "Bearer afm_k",
        "User-Agent": f"{UA} my-app/2",
        "accept": "application/x",
        "X-T": "1",
    }


def test_without_options_the_request_is_handed_back_as_is() -> None:
    params = {"limit": 20}
    body = {"name": "x"}
    request = ApiRequest("GET", "/api/agents/7/builds", params=params, json=body)

    headers, sent_params, sent_body = merge(request, None, headers=BASE, query={}, user_agent=UA)

    assert headers is BASE
    assert sent_params is params
    assert sent_body is body


def test_operation_headers_keep_the_sdk_order_and_spelling() -> None:
    request = ApiRequest("POST", "/api/tokens", headers={"Content-Type": "application/json"}, json={})

    headers, _, _ = merge(request, None, headers=BASE, query=None, user_agent=UA)

    assert list(headers.items()) == [*BASE.items(), ("Content-Type", "application/json")]


def test_headers_layer_in_order_case_insensitively() -> None:
    base = client_headers("afm_k", UA, {"x-layer": "default", "X-Default": "d"})
    request = ApiRequest("GET", "/api/x", headers={"X-Layer": "operation", "Last-Event-ID": "1"})
    options = CallOptions(
        extra_headers={
            "X-LAYER": "extra",
            "accept": "text/plain",
            "last-event-id": "9",
            "User-Agent": "app/1",
        }
    )

    headers, _, _ = merge(
        request, options, headers=base, query=None, user_agent=UA,
        stream_headers={"Accept": "text/event-stream", "Last-Event-ID": "3"},
    )  # fmt: skip

    lowered = {key.lower(): value for key, value in headers.items()}
    assert len(lowered) == len(headers)  # no name twice
    assert lowered == {
        "authorization": "Bearer afm_k", "user-agent": f"{UA} app/1", "accept": "text/event-stream",
        "x-layer": "extra", "x-default": "d", "last-event-id": "3",
    }  # fmt: skip
    assert "X-LAYER" in headers  # the later spelling is kept


def test_query_layers_default_then_operation_then_extra() -> None:
    request = ApiRequest("GET", "/api/attention", params={"limit": 20})

    _, params, _ = merge(
        request, CallOptions(extra_query={"trace": "on", "limit": 5}), headers=BASE,
        query={"tenant": "acme", "limit": 999}, user_agent=UA,
    )  # fmt: skip
    _, only_default, _ = merge(
        ApiRequest("GET", "/api/me"), None, headers=BASE, query={"t": 1}, user_agent=UA
    )

    assert params == {"tenant": "acme", "limit": 5, "trace": "on"}
    assert only_default == {"t": 1}


def test_extra_body_goes_on_top_of_the_body_without_changing_it() -> None:
    body = {"name": "demo", "force": False}
    request = ApiRequest("POST", "/api/agents", json=body)

    _, _, sent = merge(
        request, CallOptions(extra_body={"force": True, "x": None}), headers=BASE, query=None, user_agent=UA
    )

    assert sent == {"name": "demo", "force": True, "x": None}
    assert body == {"name": "demo", "force": False}


@pytest.mark.parametrize("json", [None, [1, 2], "text"])
def test_extra_body_without_a_json_object_body_is_refused(json: object) -> None:
    request = ApiRequest("GET", "/api/me", json=json)

    with pytest.raises(InvalidArgumentError, match="GET /api/me sends no JSON object body"):
        merge(request, CallOptions(extra_body={"x": 1}), headers=BASE, query=None, user_agent=UA)


def test_bodiless_options_checks_like_call_options_and_refuses_extra_body() -> None:
    assert bodiless_options(None, "no body here") is None
    assert bodiless_options({"extra_body": {}}, "no body here") == CallOptions()
    assert bodiless_options({"extra_query": {"q": 1}}, "no body here") == CallOptions(extra_query={"q": 1})
    with pytest.raises(InvalidArgumentError, match=r"^no body here$"):
        bodiless_options({"extra_body": {"x": 1}}, "no body here")
    with pytest.raises(InvalidArgumentError, match="unexpected keyword argument 'extra_bdy'"):
        bodiless_options({"extra_bdy": {"x": 1}}, "no body here")


def test_layered_merges_headers_and_query_and_keeps_the_inner_calls_own() -> None:
    outer: WaitOptions = {"extra_headers": {"X-Trace": "t", "X-Tenant": "a"}, "extra_query": {"q": 1, "r": 2}}
    inner: RequestOptions = {
        "extra_headers": {"x-tenant": "b"},
        "extra_query": {"r": 3},
        "extra_body": {"note": "n"},
        "timeout": 5.0,
    }

    out = layered(outer, inner)

    assert out == {
        "extra_headers": {"X-Trace": "t", "X-Tenant": "a", "x-tenant": "b"},
        "extra_query": {"q": 1, "r": 3},
        "extra_body": {"note": "n"},
        "timeout": 5.0,
    }
    headers, _, _ = merge(
        ApiRequest("POST", "/api/x", json={}), call_options(out), headers=BASE, query=None, user_agent=UA
    )
    assert [value for key, value in headers.items() if key.lower() == "x-tenant"] == ["b"]
    assert outer == {"extra_headers": {"X-Trace": "t", "X-Tenant": "a"}, "extra_query": {"q": 1, "r": 2}}
    assert inner["extra_headers"] == {"x-tenant": "b"}


def test_layered_with_one_side_missing_or_none_keeps_the_other() -> None:
    outer: WaitOptions = {"extra_headers": {"X-Trace": "t"}}
    assert layered(outer, {}) == outer
    assert layered({}, {"extra_query": {"q": 1}}) == {"extra_query": {"q": 1}}
    assert layered(outer, {"extra_headers": None}) == outer  # type: ignore[typeddict-item]


def test_layered_leaves_a_value_that_is_no_mapping_to_the_check() -> None:
    out = layered({"extra_headers": {"X-Trace": "t"}}, {"extra_headers": ["X-A"]})  # type: ignore[typeddict-item]
    with pytest.raises(InvalidArgumentError, match="extra_headers must be a dict"):
        call_options(out)


def test_checked_options_do_not_show_header_or_body_values_in_their_repr() -> None:
    checked = call_options(
        {"extra_headers": {"X-Api-Token": "s3cr3t-header"}, "extra_body": {"pw": "s3cr3t-body"}}
    )

    assert checked is not None
    assert checked.extra_headers == {"X-Api-Token": "s3cr3t-header"}
    shown = repr(checked)
    assert "s3cr3t-header" not in shown
    assert "s3cr3t-body" not in shown


def test_a_streams_timeout_takes_the_calls_with_the_stream_read_and_is_bounded_by_the_deadline() -> None:
    client = httpx.Timeout(10.0, pool=2.0)
    unbounded = stream_timeout(client, None, 300.0, deadline=None, now=50.0)
    per_call = stream_timeout(client, CallOptions(timeout=httpx.Timeout(4.0)), 300.0, deadline=None, now=50.0)
    bounded = stream_timeout(httpx.Timeout(None), None, 300.0, deadline=53.0, now=50.0)
    past = stream_timeout(client, None, 300.0, deadline=40.0, now=50.0)

    assert (unbounded.connect, unbounded.read, unbounded.write, unbounded.pool) == (10.0, 300.0, 10.0, 2.0)
    assert (per_call.connect, per_call.read, per_call.pool) == (4.0, 300.0, 4.0)
    assert (bounded.connect, bounded.read, bounded.write, bounded.pool) == (3.0, 3.0, 3.0, 3.0)
    assert past.connect == past.read == 0.001  # never 0 (httpx reads 0 as "fail at once" anyway)


def test_headers_over_replaces_a_name_in_any_case_and_keeps_the_rest() -> None:
    below = {"X-A": "1", "X-B": "1"}

    assert headers_over(below, {"x-b": "2", "X-C": "3"}) == {"X-A": "1", "x-b": "2", "X-C": "3"}
    assert below == {"X-A": "1", "X-B": "1"}  # not changed
