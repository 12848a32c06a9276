from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from ...models.catalog_bearer_install_request import CatalogBearerInstallRequest


METHOD = "POST"
PATH = "/api/connectors/catalog/{slug}/bearer"


def build_request(
    slug: str,
    *,
    body: CatalogBearerInstallRequest,
) -> ApiRequest:
    """Install a catalog connector (bearer token)

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/connectors/catalog/{slug}/bearer`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            slug=quote(str(slug), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return ApiRequest(**_kwargs)
