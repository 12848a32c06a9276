from typing import Any

from ...models.connector_discover_request import ConnectorDiscoverRequest

METHOD = "POST"
PATH = "/api/connectors/discover"


def build_request(
    *,
    body: ConnectorDiscoverRequest,
) -> dict[str, Any]:
    """Discover an MCP server

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/connectors/discover`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs
