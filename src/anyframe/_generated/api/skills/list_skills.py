from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...._core.request import ApiRequest

METHOD = "GET"
PATH = "/api/agents/{agent_id}/skills"


def build_request(
    agent_id: int,
) -> ApiRequest:
    """List an agent's skills

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/agents/{agent_id}/skills`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
