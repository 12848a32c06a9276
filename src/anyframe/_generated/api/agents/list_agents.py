from typing import Any

METHOD = "GET"
PATH = "/api/agents"


def build_request() -> dict[str, Any]:
    """List agents

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/agents`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    return _kwargs
