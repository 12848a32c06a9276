from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...._core.request import ApiRequest
from ...types import UNSET, Unset

if TYPE_CHECKING:
    from ...types import UNSET, Unset


METHOD = "GET"
PATH = "/api/attention"


def build_request(
    *,
    limit: int | Unset = 20,
) -> ApiRequest:
    """List sessions needing attention

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/attention`.
    """

    params: dict[str, Any] = {}

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH,
        "params": params,
    }

    return ApiRequest(**_kwargs)
