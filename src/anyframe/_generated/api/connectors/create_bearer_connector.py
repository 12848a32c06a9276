from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from ...models.connector_bearer_create_request import ConnectorBearerCreateRequest


METHOD = "POST"
PATH = "/api/connectors/bearer"


def build_request(
    *,
    body: ConnectorBearerCreateRequest,
) -> ApiRequest:
    """Create a bearer-token connector

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/connectors/bearer`.
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
