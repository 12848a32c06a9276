from typing import Any
from urllib.parse import quote
from uuid import UUID

from ...._core.request import ApiRequest

METHOD = "POST"
PATH = "/api/sessions/{session_id}/terminate"


def build_request(
    session_id: UUID,
) -> ApiRequest:
    """Terminate a session

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/sessions/{session_id}/terminate`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
