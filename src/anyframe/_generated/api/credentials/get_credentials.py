from typing import Any

METHOD = "GET"
PATH = "/api/credentials"


def build_request() -> dict[str, Any]:
    """Get credential status

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/credentials`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    return _kwargs
