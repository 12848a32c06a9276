from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from ...models.build_request import BuildRequest


METHOD = "POST"
PATH = "/api/agents/{agent_id}/build"


def build_request(
    agent_id: int,
    *,
    body: BuildRequest,
) -> ApiRequest:
    """Build the agent's image

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/agents/{agent_id}/build`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return ApiRequest(**_kwargs)
