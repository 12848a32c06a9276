"""Property tests over the public methods' id, slug, timeout and body arguments (issue 13, "Done when").

For arguments drawn from well-formed and hostile values alike (dot segments, `/ ? # %`, control
characters, non-ASCII, lone surrogates, NaN and infinities, sets, bytes, objects, wrong types), each
call either sends its request to the expected path with valid JSON, or raises `InvalidArgumentError`
before anything is sent. Any other exception fails the test. Both flavours run (unasync).

Contracts pinned here:

- String path parameters (every call of `calls.PATH_CALLS`): a refused value sent nothing; an accepted
  one reached `template.format(value)` with exactly the template's number of segments, and every body
  sent is strict JSON (no `NaN` / `Infinity`).
- Integer path ids (`agents.get`): sent as `/api/agents/<decimal>` or refused.
- Chat bodies (`sessions.message` / `respond`): refused exactly when some value is not JSON (NaN, ±inf,
  a set, bytes, an object, a lone surrogate); otherwise the bytes sent are the 1.x encoding of the body
  given (int keys written as strings) and decode strictly.
- Body text (`tokens.create(name=...)`, `credentials.set_claude`): sent as strict JSON or refused.
- Durations: `wait_until_running(timeout=, poll_interval=)` and the client's `timeout`,
  `stream_read_timeout`, `max_retries`: either the call completes or `InvalidArgumentError` comes first.
"""

from __future__ import annotations

import json
import math
import uuid

import httpx
import pytest
import respx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anyframe import AsyncAnyFrame, InvalidArgumentError
from conftest import API_KEY, BASE_URL

from .calls import PATH_CALLS, PathCall
from .wire import AGENT_DETAIL, TOKEN_CREATED, USER, session

# Fixtures are per test, examples per call: the autouse ones (clean environment, shared SSL context)
# hold nothing an example changes, and each example makes its own mock and client.
PROPERTY = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
HOSTILE_TEXT = st.sampled_from(
    [".", "..", "...", "/", "../x", "a/b", "?", "a?b=1", "#", "a#b", "%", "%2e%2e", "%2F", " ", "\t", "\r\n",
     "\x00", "\x7f", "é", "\u2028", "\ud800", "a\udfffb", ""]
)  # fmt: skip
SEGMENT_VALUES = st.one_of(
    st.text(UNRESERVED, min_size=1, max_size=12),
    st.builds(
        lambda a, b, c: a + b + c,
        st.text(UNRESERVED, max_size=4),
        HOSTILE_TEXT,
        st.text(UNRESERVED, max_size=4),
    ),
    st.text(max_size=8),
    st.uuids(),
    st.uuids().map(str),
    st.integers(min_value=-5, max_value=10**12),
    st.none(),
    st.booleans(),
    st.floats(),
    st.binary(max_size=4),
    st.lists(st.integers(), max_size=2),
)
BAD_LEAVES = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf]),
    st.sets(st.integers(), max_size=2),
    st.binary(max_size=3),
    st.builds(object),
    st.sampled_from(["\ud800", "x\udc00"]),
)
GOOD_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)
BODIES = st.dictionaries(
    st.text(max_size=6),
    st.recursive(
        st.one_of(GOOD_LEAVES, BAD_LEAVES),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.one_of(st.text(max_size=4), st.integers()), inner, max_size=3),
        max_leaves=8,
    ),
    max_size=4,
)  # fmt: skip
DURATIONS = st.one_of(
    st.floats(),
    st.integers(min_value=-10, max_value=10**10),
    st.sampled_from(["5", None, True, [1], math.inf, 1e8, 1e8 + 1]),
)


def strict_json(content: bytes) -> object:
    """Decode like a strict JSON parser: `NaN` / `Infinity` are errors, not numbers."""

    def refuse(constant: str) -> object:
        raise AssertionError(f"invalid JSON constant {constant} was sent")

    return json.loads(content, parse_constant=refuse)


def not_json(value: object) -> bool:
    """The oracle: does `value` hold anything JSON cannot carry?"""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if value is None or isinstance(value, (bool, int)):
        return False
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, list):
        return any(not_json(item) for item in value)
    if isinstance(value, dict):
        # int keys are written as strings (as 1.x did); a str key may still hold a surrogate
        return any(not_json(k) or not_json(v) for k, v in value.items())
    return True


def mock() -> respx.MockRouter:
    return respx.mock(base_url=BASE_URL, assert_all_called=False, assert_all_mocked=True)


def sent_requests(router: respx.MockRouter) -> list[httpx.Request]:
    requests = [call.request for call in router.calls]
    for request in requests:
        if request.content:
            strict_json(request.content)
    return requests


@pytest.mark.anyio
@pytest.mark.parametrize("call", PATH_CALLS, ids=lambda c: c.name)
@PROPERTY
@given(value=SEGMENT_VALUES)
async def test_string_path_parameters_reach_their_path_or_nothing_is_sent(
    call: PathCall, value: object
) -> None:
    with mock() as router:
        router.route(method=call.method).mock(side_effect=lambda request: call.response())
        async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as af:
            try:
                await call.invoke(af, value)
            except InvalidArgumentError:
                assert router.calls.call_count == 0
                return
        requests = sent_requests(router)
    assert requests
    expected = call.template.format(value)  # a UUID lowercase-hyphenated, an int in decimal, a str as is
    for request in requests:
        path = request.url.raw_path.split(b"?")[0].decode()
        assert path == expected
        assert path.count("/") == call.template.count("/")


@pytest.mark.anyio
@PROPERTY
@given(agent_id=SEGMENT_VALUES)
async def test_integer_path_ids_reach_their_path_or_nothing_is_sent(agent_id: object) -> None:
    with mock() as router:
        router.get(path__regex=r"^/api/agents/[^/]+$").respond(200, json=AGENT_DETAIL)
        async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as af:
            try:
                await af.agents.get(agent_id)  # type: ignore[arg-type]
            except InvalidArgumentError:
                assert router.calls.call_count == 0
                return
        requests = sent_requests(router)
    assert isinstance(agent_id, int)
    assert [r.url.raw_path.decode() for r in requests] == [f"/api/agents/{agent_id}"]


@pytest.mark.anyio
@PROPERTY
@given(body=BODIES, respond=st.booleans())
async def test_chat_bodies_are_sent_as_strict_json_or_refused_exactly_when_not_json(
    body: dict[str, object], respond: bool
) -> None:
    sid = str(uuid.UUID(int=7))
    path = f"/api/sessions/{sid}/{'respond' if respond else 'message'}"
    with mock() as router:
        router.post(path).respond(200, json={"ok": True})
        async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as af:
            send = af.sessions.respond if respond else af.sessions.message
            try:
                await send(sid, body)
            except InvalidArgumentError:
                assert router.calls.call_count == 0
                assert not_json(body)
                return
        requests = sent_requests(router)
    assert not not_json(body)
    assert len(requests) == 1
    expected = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    assert requests[0].content == expected.encode()
    assert strict_json(requests[0].content) == json.loads(expected)


@pytest.mark.anyio
@PROPERTY
@given(text=st.one_of(st.text(max_size=10), HOSTILE_TEXT, SEGMENT_VALUES))
async def test_body_text_is_sent_as_strict_json_or_refused(text: object) -> None:
    with mock() as router:
        tokens = router.post("/api/tokens").respond(201, json=TOKEN_CREATED)
        claude = router.put("/api/credentials/claude").respond(204)
        async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as af:
            try:
                await af.tokens.create(name=text)  # type: ignore[arg-type]
            except InvalidArgumentError:
                assert tokens.call_count == 0
            else:
                strict_json(tokens.calls.last.request.content)
            try:
                await af.credentials.set_claude(text)  # type: ignore[arg-type]
            except InvalidArgumentError:
                assert claude.call_count == 0
            else:
                strict_json(claude.calls.last.request.content)


@pytest.mark.anyio
@PROPERTY
@given(timeout=DURATIONS, poll_interval=DURATIONS)
async def test_waiter_durations_complete_the_wait_or_are_refused_before_polling(
    timeout: object, poll_interval: object
) -> None:
    sid = str(uuid.UUID(int=9))
    with mock() as router:
        route = router.get(f"/api/sessions/{sid}").respond(200, json=session("running", id=sid))
        async with AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as af:
            try:
                wait = af.sessions.wait_until_running
                running = await wait(sid, timeout=timeout, poll_interval=poll_interval)  # type: ignore[arg-type]
            except InvalidArgumentError:
                assert route.call_count == 0
                return
    assert running.status == "running"
    assert route.call_count == 1


# A valid timeout too short for any answer to arrive in (1e-300 s) fails every call, by design: with up
# to 100 retries and their backoff, one such example took minutes, and shrinking it ran for ever.
_ANSWERABLE = DURATIONS.filter(lambda value: not (isinstance(value, float) and 0 < value < 0.01))


@pytest.mark.anyio
@PROPERTY
@given(
    timeout=_ANSWERABLE, stream_read_timeout=DURATIONS, max_retries=st.one_of(st.integers(-3, 200), DURATIONS)
)
async def test_client_settings_work_or_are_refused_at_construction(
    timeout: object, stream_read_timeout: object, max_retries: object
) -> None:
    with mock() as router:
        route = router.get("/api/me").respond(200, json=USER)
        try:
            af = AsyncAnyFrame(
                api_key=API_KEY, base_url=BASE_URL, timeout=timeout,  # type: ignore[arg-type]
                stream_read_timeout=stream_read_timeout, max_retries=max_retries,  # type: ignore[arg-type]
            )  # fmt: skip
        except InvalidArgumentError:
            assert router.calls.call_count == 0
            return
        async with af:
            me = await af.me()
    assert me.login == USER["login"]
    assert route.call_count == 1
