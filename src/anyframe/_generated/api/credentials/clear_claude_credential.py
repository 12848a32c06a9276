from typing import Any

METHOD = "DELETE"
PATH = "/api/credentials/claude"


def build_request() -> dict[str, Any]:
    """Clear the Claude credential

    Returns the keyword arguments of `httpx.Client.build_request` for `DELETE /api/credentials/claude`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    return _kwargs
