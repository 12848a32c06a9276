from typing import Any
from urllib.parse import quote
from uuid import UUID

METHOD = "POST"
PATH = "/api/sessions/{session_id}/save-as-base"


def build_request(
    session_id: UUID,
) -> dict[str, Any]:
    """Save a setup session as the agent's warmup image

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/sessions/{session_id}/save-as-base`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    return _kwargs
