from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...._core.request import ApiRequest

METHOD = "DELETE"
PATH = "/api/connectors/{connector_id}"


def build_request(
    connector_id: int,
) -> ApiRequest:
    """Delete a connector

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `DELETE /api/connectors/{connector_id}`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            connector_id=quote(str(connector_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
