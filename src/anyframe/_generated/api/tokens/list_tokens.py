from __future__ import annotations

from typing import Any

from ...._core.request import ApiRequest

METHOD = "GET"
PATH = "/api/tokens"


def build_request() -> ApiRequest:
    """List API tokens

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/tokens`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH,
    }

    return ApiRequest(**_kwargs)
