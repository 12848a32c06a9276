from typing import Any

from ...models.agent_create_request import AgentCreateRequest

METHOD = "POST"
PATH = "/api/agents"


def build_request(
    *,
    body: AgentCreateRequest,
) -> dict[str, Any]:
    """Create an agent

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/agents`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs
