from typing import Any
from urllib.parse import quote
from uuid import UUID

METHOD = "GET"
PATH = "/api/sessions/{session_id}"


def build_request(
    session_id: UUID,
) -> dict[str, Any]:
    """Get a session

    Returns the keyword arguments of `httpx.Client.build_request` for `GET /api/sessions/{session_id}`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    return _kwargs
