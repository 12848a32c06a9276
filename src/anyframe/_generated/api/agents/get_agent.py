from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...._core.request import ApiRequest

METHOD = "GET"
PATH = "/api/agents/{agent_id}"


def build_request(
    agent_id: int,
) -> ApiRequest:
    """Get an agent

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/agents/{agent_id}`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
