from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest
from ...types import UNSET, Unset

if TYPE_CHECKING:
    from ...types import UNSET, Unset


METHOD = "GET"
PATH = "/api/agents/{agent_id}/builds"


def build_request(
    agent_id: int,
    *,
    limit: int | Unset = 20,
) -> ApiRequest:
    """List the agent's builds

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/agents/{agent_id}/builds`.
    """

    params: dict[str, Any] = {}

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
        ),
        "params": params,
    }

    return ApiRequest(**_kwargs)
