from typing import Any
from urllib.parse import quote

METHOD = "GET"
PATH = "/api/agents/{agent_id}/builds/{build_id}/log_url"


def build_request(
    agent_id: int,
    build_id: int,
) -> dict[str, Any]:
    """Get a signed URL to a build's archived log

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/agents/{agent_id}/builds/{build_id}/log_url`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
            build_id=quote(str(build_id), safe=""),
        ),
    }

    return _kwargs
