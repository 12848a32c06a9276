from typing import Any

from ...models.connector_bearer_create_request import ConnectorBearerCreateRequest

METHOD = "POST"
PATH = "/api/connectors/bearer"


def build_request(
    *,
    body: ConnectorBearerCreateRequest,
) -> dict[str, Any]:
    """Create a bearer-token connector

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/connectors/bearer`.
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
