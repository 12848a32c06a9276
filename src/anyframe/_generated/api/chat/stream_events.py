from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest
from ...types import UNSET, Unset

if TYPE_CHECKING:
    from uuid import UUID

    from ...types import UNSET, Unset


METHOD = "GET"
PATH = "/api/sessions/{session_id}/events"


def build_request(
    session_id: UUID,
    *,
    last_event_id: str | Unset = UNSET,
) -> ApiRequest:
    """Stream chat events (SSE)

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/sessions/{session_id}/events`.
    """
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return ApiRequest(**_kwargs)
