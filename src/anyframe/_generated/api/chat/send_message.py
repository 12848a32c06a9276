from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest

if TYPE_CHECKING:
    from uuid import UUID

    from ...models.chat_message_request import ChatMessageRequest


METHOD = "POST"
PATH = "/api/sessions/{session_id}/message"


def build_request(
    session_id: UUID,
    *,
    body: ChatMessageRequest,
) -> ApiRequest:
    """Send a chat message to the session's agent

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/sessions/{session_id}/message`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return ApiRequest(**_kwargs)
