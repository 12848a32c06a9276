from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from ...models.agent_update_request import AgentUpdateRequest


METHOD = "PATCH"
PATH = "/api/agents/{agent_id}"


def build_request(
    agent_id: int,
    *,
    body: AgentUpdateRequest,
) -> ApiRequest:
    """Update an agent

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `PATCH /api/agents/{agent_id}`.
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
