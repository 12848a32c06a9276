from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...._core.request import ApiRequest

METHOD = "DELETE"
PATH = "/api/agents/{agent_id}/mcps/{mcp_id}"


def build_request(
    agent_id: int,
    mcp_id: int,
) -> ApiRequest:
    """Remove an inline MCP server

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `DELETE /api/agents/{agent_id}/mcps/{mcp_id}`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
            mcp_id=quote(str(mcp_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
