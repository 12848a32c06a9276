from typing import Any
from urllib.parse import quote

METHOD = "GET"
PATH = "/api/agents/{agent_id}/mcps"


def build_request(
    agent_id: int,
) -> dict[str, Any]:
    """List an agent's inline MCP servers

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/agents/{agent_id}/mcps`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    return _kwargs
