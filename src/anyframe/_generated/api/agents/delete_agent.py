from typing import Any
from urllib.parse import quote

METHOD = "DELETE"
PATH = "/api/agents/{agent_id}"


def build_request(
    agent_id: int,
) -> dict[str, Any]:
    """Delete an agent

    Returns the keyword arguments of `httpx.Client.build_request` for `DELETE /api/agents/{agent_id}`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    return _kwargs
