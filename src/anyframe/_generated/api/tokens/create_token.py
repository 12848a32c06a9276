from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from ...models.token_create_request import TokenCreateRequest


METHOD = "POST"
PATH = "/api/tokens"


def build_request(
    *,
    body: TokenCreateRequest,
) -> ApiRequest:
    """Create an API token

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/tokens`.
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
