from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...._core.request import ApiRequest

METHOD = "POST"
PATH = "/api/connectors/catalog/{slug}/oauth"


def build_request(
    slug: str,
) -> ApiRequest:
    """Install a catalog connector (OAuth)

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/connectors/catalog/{slug}/oauth`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            slug=quote(str(slug), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
