from typing import Any
from urllib.parse import quote

from ...models.skill_update_request import SkillUpdateRequest

METHOD = "PATCH"
PATH = "/api/agents/{agent_id}/skills/{skill_id}"


def build_request(
    agent_id: int,
    skill_id: int,
    *,
    body: SkillUpdateRequest,
) -> dict[str, Any]:
    """Update a skill

    Returns the keyword arguments of `httpx.Client.build_request` for `PATCH /api/agents/{agent_id}/skills/{skill_id}`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            agent_id=quote(str(agent_id), safe=""),
            skill_id=quote(str(skill_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs
