"""Wire tests of `af.me()` and `af.tokens` (api-contract.md §4).

Contracts pinned here:

- `me()`: `GET /api/me`, no query, no body -> a `User` with the fixture's values.
- `tokens.list()`: `GET /api/tokens` -> `list[Token]`.
- `tokens.create(name=...)`: `POST /api/tokens` with exactly `{"name":"ci"}` -> `TokenCreated`, the raw
  secret readable on `.token` (201 accepted, as any 2xx).
- `tokens.revoke(id)`: `DELETE /api/tokens/{id}`, no body, 204 -> `None`; later calls answered 401
  raise `AuthError`.
- Every call carries `Authorization: Bearer`, the `anyframe-python/<version>` User-Agent,
  `Accept: application/json`, and `Content-Type` only with a body.
"""

from __future__ import annotations

import httpx
import pytest
import respx

from anyframe import AsyncAnyFrame, AuthError, Token, TokenCreated, User

from .wire import TOKEN, TOKEN_CREATED, TOKEN_SECRET, USER, assert_sent


@pytest.mark.anyio
async def test_me_gets_api_me_and_parses_the_user(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get("/api/me").respond(200, json=USER)
    me = await af.me()
    assert_sent(route, "GET", "/api/me")
    assert isinstance(me, User)
    assert (me.id, me.github_id, me.login, me.name, me.avatar_url) == (1, 42, "nish", "Nish", None)


@pytest.mark.anyio
async def test_tokens_list_gets_api_tokens_and_parses_each_token(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get("/api/tokens").respond(200, json=[TOKEN])
    tokens = await af.tokens.list()
    assert_sent(route, "GET", "/api/tokens")
    assert [type(t) for t in tokens] == [Token]
    assert (tokens[0].id, tokens[0].name, tokens[0].prefix, tokens[0].last4) == (3, "ci", "afm_abcd", "mnop")
    assert tokens[0].revoked_at is None


@pytest.mark.anyio
async def test_tokens_create_posts_only_the_name_and_returns_the_secret_once(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/tokens").respond(201, json=TOKEN_CREATED)
    created = await af.tokens.create(name="ci")
    assert_sent(route, "POST", "/api/tokens", body=b'{"name":"ci"}')
    assert isinstance(created, TokenCreated)
    assert created.token == TOKEN_SECRET
    assert created.id == 3


@pytest.mark.anyio
async def test_tokens_revoke_deletes_the_token_without_a_body(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.delete("/api/tokens/3").respond(204)
    await af.tokens.revoke(3)
    assert_sent(route, "DELETE", "/api/tokens/3")


@pytest.mark.anyio
async def test_a_call_with_a_revoked_key_raises_auth_error(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.get("/api/me").respond(401, json={"detail": "invalid or revoked token"})
    with pytest.raises(AuthError) as info:
        await af.me()
    assert info.value.status_code == 401


@pytest.mark.anyio
async def test_a_200_with_an_empty_body_is_accepted_for_a_bodiless_call(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.delete("/api/tokens/3").mock(return_value=httpx.Response(200, content=b""))
    await af.tokens.revoke(3)
    assert route.call_count == 1
