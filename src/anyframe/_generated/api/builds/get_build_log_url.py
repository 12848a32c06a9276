from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...._core.request import ApiRequest

METHOD = "GET"
PATH = "/api/agents/{agent_id}/builds/{build_id}/log_url"


def build_request(
    agent_id: int,
    build_id: int,
) -> ApiRequest:
    """Get a signed URL to a build's archived log

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/agents/{agent_id}/builds/{build_id}/log_url`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
            build_id=quote(str(build_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
