from __future__ import annotations

from typing import Any

from ...._core.request import ApiRequest

METHOD = "GET"
PATH = "/api/credentials"


def build_request() -> ApiRequest:
    """Get credential status

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/credentials`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH,
    }

    return ApiRequest(**_kwargs)
