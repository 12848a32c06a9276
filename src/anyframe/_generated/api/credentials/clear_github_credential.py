from typing import Any

METHOD = "DELETE"
PATH = "/api/credentials/github"


def build_request() -> dict[str, Any]:
    """Clear the GitHub credential

    Returns the keyword arguments of `httpx.Client.build_request` for `DELETE /api/credentials/github`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    return _kwargs
