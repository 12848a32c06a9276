from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from uuid import UUID


METHOD = "DELETE"
PATH = "/api/sessions/{session_id}"


def build_request(
    session_id: UUID,
) -> ApiRequest:
    """Delete a session

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `DELETE /api/sessions/{session_id}`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
