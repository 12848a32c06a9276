"""Identity, API tokens and stored credentials (contract §4 and §5).

Tokens are real: every `/api` request must carry a live `afm_` token minted here, and revoking one makes
the next request with it answer 401. Credential values are stored but only their `set` / `last4` /
`updated_at` view ever leaves the plane.
"""

from __future__ import annotations

from ._http import ApiError, Request, Response, empty_response, json_response
from ._routing import Handler, Params, string_detail_when_invalid
from ._rows import utcnow
from ._world import USER, World

__all__ = [
    "ROUTES",
    "clear_credential",
    "create_token",
    "get_credentials",
    "get_me",
    "list_tokens",
    "revoke_token",
    "set_credential",
]


def get_me(world: World, request: Request, params: Params) -> Response:
    """`GET /api/me`: the fixed local user."""
    return json_response(200, USER)


def list_tokens(world: World, request: Request, params: Params) -> Response:
    """`GET /api/tokens`: live tokens, redacted, oldest first."""
    rows = [row.to_json() for row in world.tokens.values() if row.revoked_at is None]
    return json_response(200, rows)


@string_detail_when_invalid("name", "name required")  # the contract's fixture: a string detail
def create_token(world: World, request: Request, params: Params) -> Response:
    """`POST /api/tokens`: mint a token; the raw value is returned this once (201)."""
    row = world.mint_token(str(params.fields()["name"]))
    return json_response(201, {**row.to_json(), "token": row.secret})


def revoke_token(world: World, request: Request, params: Params) -> Response:
    """`DELETE /api/tokens/{token_id}`: soft-delete; later calls with that token answer 401."""
    row = world.tokens.get(params.num("token_id"))
    if row is None or row.revoked_at is not None:
        raise ApiError(404, "token not found")
    row.revoked_at = utcnow()
    world.changed()  # wakes the event streams opened with this token, which then end
    return empty_response()


def get_credentials(world: World, request: Request, params: Params) -> Response:
    """`GET /api/credentials`: the redacted view of the three credentials."""
    return json_response(200, {kind: row.to_json() for kind, row in world.credentials.items()})


def _kind(request: Request) -> str:
    return request.path.rsplit("/", 1)[1]  # the route table has one literal path per kind


def set_credential(world: World, request: Request, params: Params) -> Response:
    """`PUT /api/credentials/{claude|codex|github}`: store a credential value (204)."""
    row = world.credentials[_kind(request)]
    row.value = str(params.fields()["token"])
    row.updated_at = utcnow()
    return empty_response()


def clear_credential(world: World, request: Request, params: Params) -> Response:
    """`DELETE /api/credentials/{claude|codex|github}`: forget a credential (204)."""
    row = world.credentials[_kind(request)]
    row.value = None
    row.updated_at = None
    return empty_response()


#: The operations this module serves, in the contract's order (`_routes.py` gathers them).
ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/api/me", get_me),
    ("GET", "/api/tokens", list_tokens),
    ("POST", "/api/tokens", create_token),
    ("DELETE", "/api/tokens/{token_id}", revoke_token),
    ("GET", "/api/credentials", get_credentials),
    *[
        (method, f"/api/credentials/{kind}", handler)
        for kind in ("claude", "codex", "github")
        for method, handler in (("PUT", set_credential), ("DELETE", clear_credential))
    ],
]
