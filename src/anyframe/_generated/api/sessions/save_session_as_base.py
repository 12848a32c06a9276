from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from uuid import UUID


METHOD = "POST"
PATH = "/api/sessions/{session_id}/save-as-base"


def build_request(
    session_id: UUID,
) -> ApiRequest:
    """Save a setup session as the agent's warmup image

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/sessions/{session_id}/save-as-base`.
    """

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    return ApiRequest(**_kwargs)
