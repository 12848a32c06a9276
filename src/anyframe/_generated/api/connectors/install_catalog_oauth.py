from typing import Any
from urllib.parse import quote

METHOD = "POST"
PATH = "/api/connectors/catalog/{slug}/oauth"


def build_request(
    slug: str,
) -> dict[str, Any]:
    """Install a catalog connector (OAuth)

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/connectors/catalog/{slug}/oauth`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            slug=quote(str(slug), safe=""),
        ),
    }

    return _kwargs
