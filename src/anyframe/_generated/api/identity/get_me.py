from __future__ import annotations

from typing import Any

from ...._core.request import ApiRequest

METHOD = "GET"
PATH = "/api/me"


def build_request() -> ApiRequest:
    """Get the current user

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/me`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH,
    }

    return ApiRequest(**_kwargs)
