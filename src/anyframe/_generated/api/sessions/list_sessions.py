from typing import Any

METHOD = "GET"
PATH = "/api/sessions"


def build_request() -> dict[str, Any]:
    """List sessions

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/sessions`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    return _kwargs
