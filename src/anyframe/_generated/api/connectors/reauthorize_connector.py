from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...._core.request import ApiRequest

METHOD = "POST"
PATH = "/api/connectors/{connector_id}/reauthorize"


def build_request(
    connector_id: int,
) -> ApiRequest:
    """Re-authorize a connector

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/connectors/{connector_id}/reauthorize`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            connector_id=quote(str(connector_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
