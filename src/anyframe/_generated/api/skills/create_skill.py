from typing import Any
from urllib.parse import quote

from ...models.skill_create_request import SkillCreateRequest

METHOD = "POST"
PATH = "/api/agents/{agent_id}/skills"


def build_request(
    agent_id: int,
    *,
    body: SkillCreateRequest,
) -> dict[str, Any]:
    """Add a skill to an agent

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/agents/{agent_id}/skills`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs
