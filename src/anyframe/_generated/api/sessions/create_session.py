from typing import Any

from ...models.session_create_request import SessionCreateRequest

METHOD = "POST"
PATH = "/api/sessions"


def build_request(
    *,
    body: SessionCreateRequest,
) -> dict[str, Any]:
    """Boot a session

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/sessions`.
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
