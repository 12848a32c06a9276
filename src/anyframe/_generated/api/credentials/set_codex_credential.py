from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from ...models.credential_token_request import CredentialTokenRequest


METHOD = "PUT"
PATH = "/api/credentials/codex"


def build_request(
    *,
    body: CredentialTokenRequest,
) -> ApiRequest:
    """Set the Codex credential

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `PUT /api/credentials/codex`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return ApiRequest(**_kwargs)
