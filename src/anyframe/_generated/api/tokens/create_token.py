from typing import Any

from ...models.token_create_request import TokenCreateRequest

METHOD = "POST"
PATH = "/api/tokens"


def build_request(
    *,
    body: TokenCreateRequest,
) -> dict[str, Any]:
    """Create an API token

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/tokens`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs
