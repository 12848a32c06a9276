from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from ...models.session_create_request import SessionCreateRequest


METHOD = "POST"
PATH = "/api/sessions"


def build_request(
    *,
    body: SessionCreateRequest,
) -> ApiRequest:
    """Boot a session

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/sessions`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return ApiRequest(**_kwargs)
