from typing import Any
from urllib.parse import quote

METHOD = "DELETE"
PATH = "/api/connectors/{connector_id}"


def build_request(
    connector_id: int,
) -> dict[str, Any]:
    """Delete a connector

    Returns the keyword arguments of `httpx.Client.build_request` for `DELETE /api/connectors/{connector_id}`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            connector_id=quote(str(connector_id), safe=""),
        ),
    }

    return _kwargs
