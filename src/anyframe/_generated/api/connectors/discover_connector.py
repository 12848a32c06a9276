from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from ...models.connector_discover_request import ConnectorDiscoverRequest


METHOD = "POST"
PATH = "/api/connectors/discover"


def build_request(
    *,
    body: ConnectorDiscoverRequest,
) -> ApiRequest:
    """Discover an MCP server

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/connectors/discover`.
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
