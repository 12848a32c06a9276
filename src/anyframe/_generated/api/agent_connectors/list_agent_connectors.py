from typing import Any
from urllib.parse import quote

METHOD = "GET"
PATH = "/api/agents/{agent_id}/connectors"


def build_request(
    agent_id: int,
) -> dict[str, Any]:
    """List an agent's connector toggles

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/agents/{agent_id}/connectors`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    return _kwargs
