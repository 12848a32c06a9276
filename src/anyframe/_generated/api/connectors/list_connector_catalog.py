from __future__ import annotations

from typing import Any

from ...._core.request import ApiRequest

METHOD = "GET"
PATH = "/api/connectors/catalog"


def build_request() -> ApiRequest:
    """List the connector catalog

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/connectors/catalog`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH,
    }

    return ApiRequest(**_kwargs)
