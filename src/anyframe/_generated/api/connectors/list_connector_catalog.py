from typing import Any

METHOD = "GET"
PATH = "/api/connectors/catalog"


def build_request() -> dict[str, Any]:
    """List the connector catalog

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/connectors/catalog`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    return _kwargs
