from typing import Any

METHOD = "GET"
PATH = "/api/tokens"


def build_request() -> dict[str, Any]:
    """List API tokens

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/tokens`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    return _kwargs
