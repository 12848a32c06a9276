from typing import Any
from urllib.parse import quote
from uuid import UUID

from ...models.session_resume_request import SessionResumeRequest

METHOD = "POST"
PATH = "/api/sessions/{session_id}/resume"


def build_request(
    session_id: UUID,
    *,
    body: SessionResumeRequest,
) -> dict[str, Any]:
    """Resume a terminated session

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/sessions/{session_id}/resume`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs
