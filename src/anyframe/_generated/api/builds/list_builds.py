from typing import Any
from urllib.parse import quote

from ...types import UNSET, Unset

METHOD = "GET"
PATH = "/api/agents/{agent_id}/builds"


def build_request(
    agent_id: int,
    *,
    limit: int | Unset = 20,
) -> dict[str, Any]:
    """List the agent's builds

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/agents/{agent_id}/builds`.
    """

    params: dict[str, Any] = {}

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs
