"""Wire tests of `af.credentials` (api-contract.md §5).

Contracts pinned here:

- `get()`: `GET /api/credentials` -> `Credentials` with the three parts; an older server that omits
  `codex` reads as `codex.set is False`.
- `set_claude/set_codex/set_github(token)`: `PUT /api/credentials/{kind}` with exactly
  `{"token":"..."}`, 204 -> `None`.
- `clear_claude/clear_codex/clear_github()`: `DELETE /api/credentials/{kind}`, no body, 204 -> `None`.
"""

from __future__ import annotations

import pytest
import respx

from anyframe import AsyncAnyFrame, Credentials

from .wire import CREDENTIALS, TS, assert_sent

KINDS = ["claude", "codex", "github"]


@pytest.mark.anyio
async def test_get_reads_the_redacted_view_of_every_credential(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get("/api/credentials").respond(200, json=CREDENTIALS)
    view = await af.credentials.get()
    assert_sent(route, "GET", "/api/credentials")
    assert isinstance(view, Credentials)
    assert (view.claude.set, view.claude.last4) == (True, "wxyz")
    assert view.claude.updated_at is not None
    assert view.claude.updated_at.isoformat() == "2025-01-01T00:00:00+00:00"
    assert (view.codex.set, view.codex.last4, view.github.set) == (False, None, False)


@pytest.mark.anyio
async def test_get_from_an_older_server_without_codex_reports_codex_not_set(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    api.get("/api/credentials").respond(
        200, json={"claude": {"set": True, "last4": "wxyz", "updated_at": TS}, "github": {"set": False}}
    )
    view = await af.credentials.get()
    assert view.codex.set is False
    assert view.github.last4 is None


@pytest.mark.anyio
@pytest.mark.parametrize("kind", KINDS)
async def test_set_puts_exactly_the_token_to_the_kinds_path(
    af: AsyncAnyFrame, api: respx.MockRouter, kind: str
) -> None:
    route = api.put(f"/api/credentials/{kind}").respond(204)
    setter = {
        "claude": af.credentials.set_claude,
        "codex": af.credentials.set_codex,
        "github": af.credentials.set_github,
    }
    await setter[kind]("sk-secret-1234")
    assert_sent(route, "PUT", f"/api/credentials/{kind}", body=b'{"token":"sk-secret-1234"}')


@pytest.mark.anyio
@pytest.mark.parametrize("kind", KINDS)
async def test_clear_deletes_the_kinds_path_without_a_body(
    af: AsyncAnyFrame, api: respx.MockRouter, kind: str
) -> None:
    route = api.delete(f"/api/credentials/{kind}").respond(204)
    clearer = {
        "claude": af.credentials.clear_claude,
        "codex": af.credentials.clear_codex,
        "github": af.credentials.clear_github,
    }
    await clearer[kind]()
    assert_sent(route, "DELETE", f"/api/credentials/{kind}")
