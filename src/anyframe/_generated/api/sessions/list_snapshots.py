from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from uuid import UUID


METHOD = "GET"
PATH = "/api/sessions/{session_id}/snapshots"


def build_request(
    session_id: UUID,
) -> ApiRequest:
    """List a session's snapshots

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/sessions/{session_id}/snapshots`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
