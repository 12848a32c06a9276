from typing import Any
from urllib.parse import quote

METHOD = "POST"
PATH = "/api/connectors/{connector_id}/reauthorize"


def build_request(
    connector_id: int,
) -> dict[str, Any]:
    """Re-authorize a connector

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/connectors/{connector_id}/reauthorize`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            connector_id=quote(str(connector_id), safe=""),
        ),
    }

    return _kwargs
