from typing import Any

METHOD = "GET"
PATH = "/api/connectors"


def build_request() -> dict[str, Any]:
    """List connectors

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/connectors`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    return _kwargs
