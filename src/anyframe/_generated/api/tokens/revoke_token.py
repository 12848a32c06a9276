from typing import Any
from urllib.parse import quote

METHOD = "DELETE"
PATH = "/api/tokens/{token_id}"


def build_request(
    token_id: int,
) -> dict[str, Any]:
    """Revoke an API token

    Returns the keyword arguments of `httpx.Client.build_request` for `DELETE /api/tokens/{token_id}`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            token_id=quote(str(token_id), safe=""),
        ),
    }

    return _kwargs
