from typing import Any
from urllib.parse import quote
from uuid import UUID

METHOD = "DELETE"
PATH = "/api/sessions/{session_id}"


def build_request(
    session_id: UUID,
) -> dict[str, Any]:
    """Delete a session

    Returns the keyword arguments of `httpx.Client.build_request` for `DELETE /api/sessions/{session_id}`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    return _kwargs
