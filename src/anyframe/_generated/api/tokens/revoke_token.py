from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...._core.request import ApiRequest

METHOD = "DELETE"
PATH = "/api/tokens/{token_id}"


def build_request(
    token_id: int,
) -> ApiRequest:
    """Revoke an API token

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `DELETE /api/tokens/{token_id}`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            token_id=quote(str(token_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
