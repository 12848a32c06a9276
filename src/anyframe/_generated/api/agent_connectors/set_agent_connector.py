from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from ...models.connector_toggle_request import ConnectorToggleRequest


METHOD = "PUT"
PATH = "/api/agents/{agent_id}/connectors/{connector_id}"


def build_request(
    agent_id: int,
    connector_id: int,
    *,
    body: ConnectorToggleRequest,
) -> ApiRequest:
    """Enable or disable a connector for an agent

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `PUT /api/agents/{agent_id}/connectors/{connector_id}`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
            connector_id=quote(str(connector_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return ApiRequest(**_kwargs)
