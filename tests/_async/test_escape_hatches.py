"""The escape hatches on the wire (issue 14): per-call options, client defaults, raw responses with
the request id, `af.request()`, and the request / response hooks with a logger of one's own.

Contracts pinned here (both flavours, through unasync):

- Every public method of every resource (`calls.CALLS`, checked complete against the client's
  surface) takes `**options` typed `RequestOptions` (the calls with a `timeout` of their own, the
  waiters and `sessions.turn`: `WaitOptions`), and sends
  `extra_headers` and `extra_query` with its request, keeping its own headers and query.
- `extra_body` sets keys on top of the body (an explicit `None` sends JSON `null`); it is refused,
  before anything is sent, on a call without a body and on a stream. `timeout` replaces the client's
  for that call (a stream keeps `stream_read_timeout` for its read part) and is checked like it. An
  unknown keyword raises `InvalidArgumentError` naming the options, with a close match.
- `default_headers` / `default_query` go on every request, under the call's options and its own
  query; `with_options` merges over the original's. `Authorization` is refused everywhere; a
  `User-Agent` is appended to the SDK's; names compare case-insensitively.
- Every single-request call has a `with_raw_response` twin returning a `RawResponse`: status,
  headers, the request id, `.parse()` equal to the normal result (parsed on demand: a bad body
  raises only there), `.json()`, `.content`; errors raise as from the normal call. Its repr shows
  no secret, and it does not pickle.
- `af.request()` sends any relative API path with the client's auth, query and JSON body, returns
  the decoded JSON (`None` when empty), maps errors and retries by method like any call, and
  refuses absolute URLs, dot segments and queries in the path before sending.
- Hooks: `on_request` / `on_response` are called once per attempt (retries counted, connection
  failures shown with `error` and no status), for stream connections too (each reconnect is the
  next attempt, with the call's headers again); they never see a header, and their URL is scrubbed of the client's secrets; one that raises ends the
  call with its exception (nothing sent, or no retry). `logger=` receives the DEBUG lines instead of
  the `anyframe` logger.
"""

from __future__ import annotations

import inspect
import json
import logging
import pickle
from typing import Any

import httpx
import pytest
import respx

import anyframe
from anyframe import (
    AsyncAnyFrame,
    InvalidArgumentError,
    NotFoundError,
    RawResponse,
    RequestInfo,
    ResponseInfo,
    ResponseValidationError,
    ServerError,
    Session,
)
from anyframe._async._raw import EXCLUDED, AsyncAnyFrameWithRawResponse
from conftest import API_KEY, BASE_URL
from surface import attribute_types

from .calls import CALLS, Call
from .wire import AGENT, SID, TOKEN_CREATED, TOKEN_SECRET, USER, session

EXTRA = {"extra_headers": {"X-Trace-Id": "trace-1"}, "extra_query": {"trace": "on"}}
SINGLE = [call for call in CALLS if not call.stream and not call.several]


def route_for(api: respx.MockRouter, call: Call) -> respx.Route:
    return api.route(method=call.method, path=call.path).mock(side_effect=lambda _: call.response())


def _public_calls() -> set[str]:
    """Every method reachable from the client, as `resource.method` (what `CALLS` must cover)."""
    names: set[str] = set()

    def walk(cls: type, prefix: str) -> None:
        for name, member in vars(cls).items():
            if name.startswith("_") or not inspect.isfunction(member):
                continue
            if name not in ("with_options", "aclose"):
                names.add(prefix + name)
        for base in cls.__mro__[1:]:
            if base.__module__.startswith("anyframe._async"):
                walk(base, prefix)
        for attr, kind in attribute_types(cls).items():
            if isinstance(kind, type) and kind.__module__.startswith("anyframe._async"):
                walk(kind, f"{prefix}{attr}.")

    walk(AsyncAnyFrame, "")
    return names


def test_the_call_table_covers_every_public_call() -> None:
    assert {call.name for call in CALLS} == _public_calls()


def resolve(cls: type, name: str) -> Any:
    """The class attribute at the end of a dotted call name, walking resource attributes."""
    *resources, method = name.split(".")
    for part in resources:
        cls = attribute_types(cls)[part]  # type: ignore[assignment]
    return getattr(cls, method)


@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.name)
def test_every_call_takes_the_per_call_options(call: Call) -> None:
    target = resolve(AsyncAnyFrame, call.name)
    options = list(inspect.signature(target).parameters.values())[-1]

    assert options.kind is inspect.Parameter.VAR_KEYWORD
    assert options.annotation == ("Unpack[WaitOptions]" if call.waits else "Unpack[RequestOptions]")
    # `waits` is exactly "the call has a `timeout` of its own" (else the options' `timeout` is lost).
    assert ("timeout" in inspect.signature(target).parameters) is call.waits


# --- per-call options ------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("call", CALLS, ids=lambda c: c.name)
async def test_every_call_sends_extra_headers_and_query(
    call: Call, af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = route_for(api, call)

    await call.invoke(af, dict(EXTRA))

    request = route.calls.last.request
    assert request.headers["x-trace-id"] == "trace-1"
    assert dict(request.url.params) == {**call.params, "trace": "on"}
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["user-agent"] == f"anyframe-python/{anyframe.__version__}"
    assert request.headers["accept"] == ("text/event-stream" if call.stream else "application/json")
    assert ("content-type" in request.headers) is call.body


@pytest.mark.anyio
async def test_extra_body_sets_keys_on_top_of_the_body(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/agents").respond(201, json=AGENT)

    await af.agents.create(name="demo", repo_url="tinyhq/box", extra_body={"template_id": 3, "name": "x"})

    assert route.calls.last.request.content == b'{"name":"x","repo_url":"tinyhq/box","template_id":3}'


@pytest.mark.anyio
async def test_extra_body_none_sends_json_null(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.patch("/api/agents/7").respond(
        200, json={**AGENT, "skills": [], "mcps": [], "connectors": []}
    )

    await af.agents.update(7, extra_body={"description": None})

    assert route.calls.last.request.content == b'{"description":null}'


@pytest.mark.anyio
@pytest.mark.parametrize(
    "call", [c for c in CALLS if not c.body and c.name != "request"], ids=lambda c: c.name
)
async def test_extra_body_is_refused_on_a_call_without_a_body(
    call: Call, af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = route_for(api, call)

    with pytest.raises(InvalidArgumentError, match="extra_body"):
        await call.invoke(af, {"extra_body": {"x": 1}})
    assert not route.called


@pytest.mark.anyio
async def test_a_per_call_timeout_replaces_the_clients_for_that_call(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get("/api/me").respond(200, json=USER)

    await af.me(timeout=2.5)
    await af.me()
    await af.me(timeout=httpx.Timeout(1.0, read=9.0))

    sent = [call.request.extensions["timeout"] for call in route.calls]
    assert sent[0] == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}
    assert sent[1] == {"connect": 30.0, "read": 30.0, "write": 30.0, "pool": 30.0}
    assert sent[2] == {"connect": 1.0, "read": 9.0, "write": 1.0, "pool": 1.0}


@pytest.mark.anyio
async def test_a_streams_per_call_timeout_keeps_the_stream_read_timeout(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get(f"/api/sessions/{SID}/events").respond(
        200, text="id: 1\ndata: {}\n\n", headers={"content-type": "text/event-stream"}
    )

    async with af.sessions.events(SID, reconnect=False, timeout=3.0) as events:
        async for _ in events:
            pass

    assert route.calls.last.request.extensions["timeout"] == {
        "connect": 3.0,
        "read": 60.0,
        "write": 3.0,
        "pool": 3.0,
    }


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": -1}, "timeout must be a positive number"),
        ({"timeout": "5"}, "timeout must be a positive number"),
        ({"extra_headers": {"Authorization": "Bearer afm_other"}}, "cannot set 'Authorization'"),
        ({"extra_headers": {"X-Bad": "a\r\nInjected: 1"}}, r"extra_headers\['X-Bad'\] holds a character"),
        ({"extra_headers": {"bad name": "v"}}, "not an HTTP token"),
        ({"extra_headers": {"X-N": 1}}, r"extra_headers\['X-N'\] must be a str"),
        ({"extra_query": {"q": None}}, "leave the key out"),
        ({"extra_query": {"q": float("nan")}}, "finite"),
        ({"extra_query": ["q"]}, "must be a dict"),
        ({"extra_body": {"x": {1, 2}}}, "is a set"),
        ({"extra_header": {"X": "1"}}, "did you mean 'extra_headers'"),
        ({"idle_timeout": 5}, "unexpected keyword argument 'idle_timeout'"),
    ],
)
async def test_bad_options_are_refused_before_sending(
    options: dict[str, Any], message: str, af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/sessions").respond(202, json=session("booting"))

    with pytest.raises(InvalidArgumentError, match=message):
        await af.sessions.create(agent_id=7, **options)
    assert not route.called


@pytest.mark.anyio
async def test_a_header_value_is_never_quoted_in_a_message(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        await af.me(extra_headers={"X-Proxy-Token": "hunter2-secret\n"})
    assert "hunter2" not in str(info.value)


@pytest.mark.anyio
async def test_extra_headers_win_over_the_operations_headers_case_insensitively(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post(f"/api/sessions/{SID}/message").respond(200, json={"ok": True})

    await af.sessions.message(SID, {"prompt": "hi"}, extra_headers={"content-type": "application/vnd.x+json"})

    request = route.calls.last.request
    assert request.headers.get_list("content-type") == ["application/vnd.x+json"]


@pytest.mark.anyio
async def test_a_stream_keeps_its_own_accept_and_resumes_with_the_options(
    api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get(f"/api/sessions/{SID}/events")
    route.side_effect = [
        httpx.ConnectError("refused"),
        httpx.Response(200, text="id: 4\ndata: {}\n\n", headers={"content-type": "text/event-stream"}),
    ]
    seen: list[RequestInfo] = []
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, on_request=seen.append) as af:
        events = af.sessions.events(SID, extra_headers={"Accept": "text/plain", "X-Trace-Id": "t"})
        async for event in events:
            assert event.id == "4"
            break

    assert [call.request.headers["x-trace-id"] for call in route.calls] == ["t", "t"]
    assert {call.request.headers["accept"] for call in route.calls} == {"text/event-stream"}
    assert [(info.attempt, info.stream) for info in seen] == [(1, True), (2, True)]


# --- client defaults -------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_default_headers_and_query_go_on_every_request_under_the_calls_own(
    api: respx.MockRouter,
) -> None:
    route = api.get("/api/attention").respond(200, json=[])
    async with AsyncAnyFrame(
        api_key=API_KEY, base_url=BASE_URL,
        default_headers={"X-Tenant": "acme", "x-trace-id": "default", "User-Agent": "my-app/2.1"},
        default_query={"tenant": "acme", "limit": "999"},
    ) as af:  # fmt: skip
        await af.attention.list()
        await af.attention.list(extra_headers={"X-Trace-Id": "call"}, extra_query={"tenant": "other"})

    first, second = (call.request for call in route.calls)
    assert first.headers["x-tenant"] == "acme"
    assert first.headers["x-trace-id"] == "default"
    assert first.headers["user-agent"] == f"anyframe-python/{anyframe.__version__} my-app/2.1"
    assert dict(first.url.params) == {"tenant": "acme", "limit": "20"}  # the call's own limit wins
    assert second.headers.get_list("x-trace-id") == ["call"]
    assert dict(second.url.params) == {"tenant": "other", "limit": "20"}


@pytest.mark.anyio
async def test_with_options_merges_defaults_over_the_originals(api: respx.MockRouter) -> None:
    route = api.get("/api/me").respond(200, json=USER)
    async with AsyncAnyFrame(
        api_key=API_KEY, base_url=BASE_URL, default_headers={"X-A": "1", "X-B": "1"}
    ) as af:
        await af.with_options(default_headers={"x-b": "2"}, default_query={"q": 1}).me()
        await af.me()

    copy, original = (call.request for call in route.calls)
    assert (copy.headers["x-a"], copy.headers.get_list("x-b"), dict(copy.url.params)) == (
        "1",
        ["2"],
        {"q": "1"},
    )
    assert (original.headers["x-b"], dict(original.url.params)) == ("1", {})


def test_default_headers_cannot_replace_the_api_key() -> None:
    with pytest.raises(InvalidArgumentError, match="pass api_key="):
        AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, default_headers={"authorization": "Basic x"})


@pytest.mark.parametrize(
    "settings",
    [
        {"default_headers": {"Host": "elsewhere"}},
        {"default_query": {"": "x"}},
        {"on_request": "print"},
        {"logger": "anyframe"},
    ],
)
def test_bad_client_settings_are_refused_at_construction(settings: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgumentError):
        AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, **settings)


# --- raw responses ---------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize("call", SINGLE, ids=lambda c: c.name)
async def test_every_single_request_call_has_a_raw_twin(
    call: Call, af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = route_for(api, call)

    raw = await call.invoke(af.with_raw_response, {})
    normal = await call.invoke(af, {})

    assert isinstance(raw, RawResponse)
    assert raw.status_code == call.status
    assert raw.request_id == "req_hatch"
    assert raw.method == call.method
    assert raw.url.startswith(BASE_URL + call.path)
    assert raw.parse() == normal
    assert raw.parse() is raw.parse()  # parsed once
    assert raw.json() == call.answer
    assert raw.content == route.calls[0].response.content
    assert raw.elapsed >= 0
    assert raw.attempts == 1
    assert route.calls[0].request.content == route.calls[1].request.content


def test_exactly_the_streams_waiters_and_lifecycle_calls_have_no_raw_twin() -> None:
    expected = {call.name.split(".")[-1] for call in CALLS} - {c.name.split(".")[-1] for c in SINGLE}

    lifecycle = {"with_options", "aclose"}

    assert {name for names in EXCLUDED.values() for name in names} == expected | lifecycle
    raw_root = AsyncAnyFrameWithRawResponse
    for call in SINGLE:
        assert callable(resolve(raw_root, call.name)), call.name


@pytest.mark.anyio
async def test_a_raw_response_parses_on_demand(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.get(f"/api/sessions/{SID}").respond(200, json={"id": SID}, headers={"x-request-id": "req_7"})

    raw = await af.with_raw_response.sessions.get(SID)

    assert raw.json() == {"id": SID}
    assert raw.request_id == "req_7"
    assert (raw.method, raw.url, raw.attempts) == ("GET", f"{BASE_URL}/api/sessions/{SID}", 1)
    assert raw.elapsed > 0  # the attempt's time, measured (perf_counter)
    with pytest.raises(ResponseValidationError):
        raw.parse()


@pytest.mark.anyio
async def test_a_raw_call_raises_errors_like_the_normal_call(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get(f"/api/sessions/{SID}").respond(404, json={"detail": "gone"}, headers={"x-request-id": "req_9"})

    with pytest.raises(NotFoundError) as info:
        await af.with_raw_response.sessions.get(SID)
    assert info.value.request_id == "req_9"


@pytest.mark.anyio
async def test_a_raw_responses_repr_shows_no_secret_and_it_does_not_pickle(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.post("/api/tokens").respond(201, json=TOKEN_CREATED, headers={"x-request-id": "req_1"})
    api.get(f"/api/{API_KEY}").respond(200, json={"echo": API_KEY})

    minted = await af.with_raw_response.tokens.create(name="ci")
    echoed = await af.with_raw_response.request("GET", f"/api/{API_KEY}")

    assert repr(minted) == "<RawResponse [201 Created] POST /api/tokens request_id='req_1'>"
    assert minted.parse().token == TOKEN_SECRET  # asked for: there it is
    assert API_KEY not in repr(echoed)
    assert TOKEN_SECRET not in repr(minted)
    with pytest.raises(TypeError, match="not picklable"):
        pickle.dumps(minted)


@pytest.mark.anyio
async def test_the_raw_twin_of_a_with_options_copy_keeps_its_settings(api: respx.MockRouter) -> None:
    route = api.get("/api/me")
    route.side_effect = [httpx.Response(503), httpx.Response(200, json=USER)]
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as af:
        raw = await af.with_options(max_retries=1, default_headers={"X-Copy": "1"}).with_raw_response.me()

    assert (raw.status_code, raw.attempts) == (200, 2)
    assert route.calls.last.request.headers["x-copy"] == "1"


# --- af.request() ----------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_request_sends_any_endpoint_and_returns_the_decoded_json(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/me/active_org").respond(200, json={"id": 1, "active_org_id": 3})

    answer = await af.request(
        "post", "/api/me/active_org", json={"org_id": 3}, params={"expand": ["org", "members"]},
        headers={"X-Org": "acme"},
    )  # fmt: skip

    assert answer == {"id": 1, "active_org_id": 3}
    request = route.calls.last.request
    assert request.method == "POST"
    assert request.content == b'{"org_id":3}'
    assert request.headers["content-type"] == "application/json"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["x-org"] == "acme"
    assert request.url.params.get_list("expand") == ["org", "members"]


@pytest.mark.anyio
async def test_request_returns_none_for_an_empty_body_and_lists_as_lists(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.delete("/api/orgs/acme").respond(204)
    api.get("/api/orgs").respond(200, json=[{"slug": "acme"}])

    assert await af.request("DELETE", "/api/orgs/acme") is None
    assert await af.request("GET", "/api/orgs") == [{"slug": "acme"}]


@pytest.mark.anyio
async def test_request_maps_errors_and_retries_by_method(api: respx.MockRouter, sleeps: list[float]) -> None:
    get = api.get("/api/credits")
    get.side_effect = [httpx.Response(503), httpx.Response(200, json={"remaining": 7})]
    post = api.post("/api/credits/topup").respond(503, json={"detail": "busy"})
    missing = api.get("/api/nope").respond(404, json={"detail": "no such endpoint"})
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, max_retries=2) as af:
        assert await af.request("GET", "/api/credits") == {"remaining": 7}
        with pytest.raises(ServerError):
            await af.request("POST", "/api/credits/topup", json={"amount": 5})
        with pytest.raises(NotFoundError, match="no such endpoint"):
            await af.request("GET", "/api/nope")

    assert (get.call_count, post.call_count, missing.call_count) == (2, 1, 1)  # a POST is never replayed


@pytest.mark.anyio
async def test_request_refuses_a_2xx_that_is_not_json(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.get("/api/export.csv").respond(200, text="a,b\n1,2\n")

    with pytest.raises(ResponseValidationError):
        await af.request("GET", "/api/export.csv")
    raw = await af.with_raw_response.request("GET", "/api/export.csv")
    assert raw.text == "a,b\n1,2\n"


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("method", "path", "message"),
    [
        ("GET", "https://evil.example/api/me", "starting with '/'"),
        ("GET", "//evil.example/api/me", "starting with '/'"),
        ("GET", "api/me", "starting with '/'"),
        ("GET", "/api/../me", "not one URL path segment"),
        ("GET", "/api/./me", "not one URL path segment"),
        ("GET", "/api/%2e%2e/me", "not one URL path segment"),
        ("GET", "/api/me?x=1", "pass query parameters as params="),
        ("GET", "/api/me#frag", "fragment"),
        ("GET", "/api//me", "empty segment"),
        ("GET", "/api/me/", "empty segment"),
        ("GET", "/api/m e", "not one URL path segment"),
        ("GET", "/api/\r\nme", "not one URL path segment"),
        ("TRACE", "/api/me", "method must be one of"),
        ("GET /x", "/api/me", "method must be one of"),
    ],
)
async def test_request_refuses_what_could_leave_the_api_before_sending(
    method: str, path: str, message: str, af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        await af.request(method, path)
    assert not api.calls


@pytest.mark.anyio
async def test_request_refuses_a_header_that_replaces_the_key(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    with pytest.raises(InvalidArgumentError, match="pass api_key="):
        await af.request("GET", "/api/me", headers={"Authorization": "Bearer afm_someone_elses"})
    assert not api.calls


# --- hooks and logger ------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_hooks_see_every_attempt_with_status_elapsed_and_request_id(
    api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get(f"/api/sessions/{SID}")
    route.side_effect = [
        httpx.ConnectError("refused"),
        httpx.Response(503, headers={"x-request-id": "req_a"}),
        httpx.Response(200, json=session(), headers={"x-request-id": "req_b"}),
    ]
    requests: list[RequestInfo] = []
    responses: list[ResponseInfo] = []
    async with AsyncAnyFrame(
        api_key=API_KEY, base_url=BASE_URL, max_retries=2, on_request=requests.append,
        on_response=responses.append,
    ) as af:  # fmt: skip
        assert isinstance(await af.sessions.get(SID, extra_query={"x": "1"}), Session)

    assert [(r.method, r.path, r.attempt, r.stream) for r in requests] == [
        ("GET", f"/api/sessions/{SID}", n, False) for n in (1, 2, 3)
    ]
    assert requests[0].url == f"{BASE_URL}/api/sessions/{SID}?x=1"
    assert [(r.attempt, r.status_code, r.request_id, r.error) for r in responses] == [
        (1, None, None, "ConnectError"), (2, 503, "req_a", None), (3, 200, "req_b", None),
    ]  # fmt: skip
    assert all(r.elapsed >= 0 for r in responses)
    shown = repr(requests) + repr(responses)
    assert API_KEY not in shown
    assert "authorization" not in shown.lower()


@pytest.mark.anyio
async def test_a_hook_that_raises_ends_the_call_with_its_exception(api: respx.MockRouter) -> None:
    route = api.get("/api/me")
    route.side_effect = [httpx.Response(503), httpx.Response(200, json=USER)]

    class HookError(Exception):
        pass

    def fail_request(info: RequestInfo) -> None:
        raise HookError(info.path)

    def fail_response(info: ResponseInfo) -> None:
        raise HookError(str(info.status_code))

    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, on_request=fail_request) as af:
        with pytest.raises(HookError, match="/api/me"):
            await af.me()
    assert not route.called
    async with AsyncAnyFrame(
        api_key=API_KEY, base_url=BASE_URL, max_retries=2, on_response=fail_response
    ) as af:
        with pytest.raises(HookError, match="503"):
            await af.me()
    assert route.call_count == 1  # not retried


@pytest.mark.anyio
async def test_a_stream_response_hook_sees_each_connection(
    api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get(f"/api/sessions/{SID}/events")
    route.side_effect = [
        httpx.Response(503, headers={"x-request-id": "req_1"}),
        httpx.Response(200, text="id: 1\ndata: {}\n\n", headers={"content-type": "text/event-stream", "x-request-id": "req_2"}),
    ]  # fmt: skip
    responses: list[ResponseInfo] = []
    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, on_response=responses.append) as af:
        async for _ in af.sessions.events(SID):
            break

    assert [(r.attempt, r.stream, r.status_code, r.request_id) for r in responses] == [
        (1, True, 503, "req_1"), (2, True, 200, "req_2"),
    ]  # fmt: skip


@pytest.mark.anyio
async def test_a_logger_of_ones_own_gets_the_debug_lines(
    api: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    api.get("/api/me").respond(200, json=USER, headers={"x-request-id": "req_5"})
    mine = logging.getLogger("tests.hatches")
    mine.setLevel(logging.DEBUG)
    logging.getLogger("anyframe").setLevel(logging.DEBUG)
    with caplog.at_level(logging.DEBUG):
        async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, logger=mine) as af:
            await af.me(extra_headers={"X-Secret-Header": "s3cr3t-value"})

    lines = [(r.name, r.getMessage()) for r in caplog.records]
    assert any(
        name == "tests.hatches" and "GET /api/me -> 200" in text and "req_5" in text for name, text in lines
    )
    assert not [text for name, text in lines if name.startswith("anyframe")]
    assert "s3cr3t-value" not in json.dumps(lines)
    mine.setLevel(logging.NOTSET)


@pytest.mark.anyio
async def test_hooks_see_the_url_scrubbed_of_the_clients_secrets(api: respx.MockRouter) -> None:
    api.get(f"/api/invitations/{TOKEN_SECRET}").respond(200, json={})
    api.get(f"/api/sessions/{SID}/events").respond(
        200, text="id: 1\ndata: {}\n\n", headers={"content-type": "text/event-stream"}
    )
    requests: list[RequestInfo] = []
    responses: list[ResponseInfo] = []
    async with AsyncAnyFrame(
        api_key=API_KEY, base_url=BASE_URL, on_request=requests.append, on_response=responses.append
    ) as af:
        await af.request("GET", f"/api/invitations/{TOKEN_SECRET}", params={"key": API_KEY})
        async for _ in af.sessions.events(SID, extra_query={"key": API_KEY}):
            break

    assert [(r.path, r.stream) for r in requests] == [
        ("/api/invitations/afm_***", False),
        (f"/api/sessions/{SID}/events", True),
    ]
    assert len(responses) == 2
    shown = repr(requests) + repr(responses)
    assert API_KEY not in shown
    assert TOKEN_SECRET not in shown


@pytest.mark.anyio
async def test_a_stream_connection_that_fails_is_shown_and_one_a_hook_refuses_is_closed(
    api: respx.MockRouter, sleeps: list[float]
) -> None:
    route = api.get(f"/api/sessions/{SID}/events")
    route.side_effect = [
        httpx.ConnectError("refused"),
        httpx.Response(200, text="id: 1\ndata: {}\n\n", headers={"content-type": "text/event-stream"}),
    ]
    responses: list[ResponseInfo] = []

    class HookError(Exception):
        pass

    def record_then_refuse(info: ResponseInfo) -> None:
        responses.append(info)
        if info.status_code == 200:
            raise HookError("refused by the hook")

    async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, on_response=record_then_refuse) as af:
        with pytest.raises(HookError):
            async for _ in af.sessions.events(SID):
                pass
        pools = af._transport.shared.pools()
        assert (pools.open_streams, len(af._transport.shared.open)) == (0, 0)  # its slot given back

    assert [(r.attempt, r.stream, r.status_code, r.error) for r in responses] == [
        (1, True, None, "ConnectError"), (2, True, 200, None),
    ]  # fmt: skip
