from typing import Any

from ...._core.request import ApiRequest
from ...models.agent_create_request import AgentCreateRequest

METHOD = "POST"
PATH = "/api/agents"


def build_request(
    *,
    body: AgentCreateRequest,
) -> ApiRequest:
    """Create an agent

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/agents`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return ApiRequest(**_kwargs)
