from typing import Any

from ...models.connector_o_auth_create_request import ConnectorOAuthCreateRequest

METHOD = "POST"
PATH = "/api/connectors/oauth"


def build_request(
    *,
    body: ConnectorOAuthCreateRequest,
) -> dict[str, Any]:
    """Create an OAuth connector

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/connectors/oauth`.
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
