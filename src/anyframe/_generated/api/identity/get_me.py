from typing import Any

METHOD = "GET"
PATH = "/api/me"


def build_request() -> dict[str, Any]:
    """Get the current user

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/me`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    return _kwargs
