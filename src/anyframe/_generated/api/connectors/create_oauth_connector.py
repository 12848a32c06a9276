from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from ...models.connector_o_auth_create_request import ConnectorOAuthCreateRequest


METHOD = "POST"
PATH = "/api/connectors/oauth"


def build_request(
    *,
    body: ConnectorOAuthCreateRequest,
) -> ApiRequest:
    """Create an OAuth connector

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/connectors/oauth`.
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
