from __future__ import annotations

from typing import Any

from ...._core.request import ApiRequest

METHOD = "DELETE"
PATH = "/api/credentials/claude"


def build_request() -> ApiRequest:
    """Clear the Claude credential

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `DELETE /api/credentials/claude`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH,
    }

    return ApiRequest(**_kwargs)
