from typing import Any

METHOD = "DELETE"
PATH = "/api/credentials/codex"


def build_request() -> dict[str, Any]:
    """Clear the Codex credential

    Returns the keyword arguments of `httpx.Client.build_request` for `DELETE /api/credentials/codex`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    return _kwargs
