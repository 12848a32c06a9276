from typing import Any

from ...types import UNSET, Unset

METHOD = "GET"
PATH = "/api/attention"


def build_request(
    *,
    limit: int | Unset = 20,
) -> dict[str, Any]:
    """List sessions needing attention

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/attention`.
    """

    params: dict[str, Any] = {}

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
        "params": params,
    }

    return _kwargs
