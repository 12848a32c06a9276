from typing import Any
from urllib.parse import quote
from uuid import UUID

from ...models.chat_message_request import ChatMessageRequest

METHOD = "POST"
PATH = "/api/sessions/{session_id}/message"


def build_request(
    session_id: UUID,
    *,
    body: ChatMessageRequest,
) -> dict[str, Any]:
    """Send a chat message to the session's agent

    Returns the keyword arguments of `httpx.Client.build_request` for `POST /api/sessions/{session_id}/message`.
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
