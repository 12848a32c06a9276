"""Every path parameter is exactly one segment (DESIGN.md §5 "Paths"; issue 13 item 1).

httpx removes dot segments, so before this check `sessions.delete("..")` sent `DELETE /api`,
`sessions.message("..", ...)` sent `POST /api/message`, and
`connectors.install_catalog_bearer("..", token=...)` sent the token to `POST /api/connectors/bearer`,
another real endpoint. The mock refuses any request no route matches, so "nothing was sent" is
checked against every route there is.

Contracts pinned here:

- For every call with a string path parameter (`calls.PATH_CALLS`: the session calls, streams and
  waiters included, and the catalog installs), `.`, `..`, `/`, `?`, `#`, `%`, spaces, control characters
  and non-ASCII raise `LocalValidationError` (an `InvalidArgumentError` and a `ValidationError`) with
  `loc` `["path", <name>]`, and nothing is sent: not the request, not the token.
- A plain segment (`A-Z a-z 0-9 - . _ ~`, not all dots) reaches exactly the documented path, one
  segment, unencoded.
- The table covers every public method with a `session_id` or `slug` parameter.
"""

from __future__ import annotations

import inspect

import pytest
import respx

from anyframe import AsyncAnyFrame, InvalidArgumentError, LocalValidationError, ValidationError
from surface import resource_pairs

from .calls import PATH_CALLS, PathCall

HOSTILE = [
    ".",
    "..",
    "...",
    "../agents",
    "a/b",
    "/",
    "a?x=1",
    "#",
    "%2e%2e",
    "a%2Fb",
    "a b",
    "a\x00",
    "a\r\n",
    "sé",
]


def test_the_table_covers_every_string_path_parameter() -> None:
    methods = {
        name
        for async_cls, _ in resource_pairs()
        for name, function in inspect.getmembers(async_cls, inspect.isfunction)
        if not name.startswith("_") and {"session_id", "slug"} & set(inspect.signature(function).parameters)
    }

    assert methods == {call.name.split(".")[1] for call in PATH_CALLS}


@pytest.mark.anyio
@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("call", PATH_CALLS, ids=lambda c: c.name)
async def test_a_value_that_is_not_one_segment_is_refused_and_nothing_is_sent(
    af: AsyncAnyFrame, api: respx.MockRouter, call: PathCall, value: str
) -> None:
    with pytest.raises(LocalValidationError) as info:
        await call.invoke(af, value)

    assert api.calls.call_count == 0
    name = "slug" if call.name.startswith("connectors.") else "session_id"
    assert info.value.errors[0]["loc"] == ["path", name]
    assert isinstance(info.value, InvalidArgumentError)
    assert isinstance(info.value, ValidationError)
    assert "one URL path segment" in info.value.message


@pytest.mark.anyio
async def test_sessions_delete_dot_dot_never_sends_delete_api(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.delete("/api").respond(204)

    with pytest.raises(InvalidArgumentError):
        await af.sessions.delete("..")

    assert route.call_count == 0
    assert api.calls.call_count == 0


@pytest.mark.anyio
async def test_install_catalog_bearer_dot_dot_never_reaches_the_bearer_endpoint_with_the_token(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/connectors/bearer").respond(200, json={})

    with pytest.raises(InvalidArgumentError):
        await af.connectors.install_catalog_bearer("..", token="sntrys_secret_token")

    assert route.call_count == 0
    assert api.calls.call_count == 0


@pytest.mark.anyio
@pytest.mark.parametrize("value", ["11111111-2222-3333-4444-555555555555", "linear", "a.b", "v1_2~x", "A-Z"])
@pytest.mark.parametrize("call", PATH_CALLS, ids=lambda c: c.name)
async def test_a_plain_segment_reaches_exactly_the_documented_path(
    af: AsyncAnyFrame, api: respx.MockRouter, call: PathCall, value: str
) -> None:
    route = api.route(method=call.method).mock(side_effect=lambda request: call.response())

    await call.invoke(af, value)

    assert route.call_count >= 1
    sent = route.calls.last.request.url.raw_path.split(b"?")[0].decode()
    assert sent == call.template.format(value)
