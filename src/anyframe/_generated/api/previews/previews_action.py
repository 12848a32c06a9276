from __future__ import annotations

from typing import Any
from urllib.parse import quote
from uuid import UUID

from ...._core.request import ApiRequest
from ...models.preview_batch_start_request import PreviewBatchStartRequest
from ...models.preview_list_request import PreviewListRequest
from ...models.preview_logs_request import PreviewLogsRequest
from ...models.preview_start_request import PreviewStartRequest
from ...models.preview_status_request import PreviewStatusRequest
from ...models.preview_stop_request import PreviewStopRequest

METHOD = "POST"
PATH = "/api/sessions/{session_id}/previews"


def build_request(
    session_id: UUID,
    *,
    body: PreviewBatchStartRequest
    | PreviewListRequest
    | PreviewLogsRequest
    | PreviewStartRequest
    | PreviewStatusRequest
    | PreviewStopRequest,
) -> ApiRequest:
    """Manage dev-server previews

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `POST /api/sessions/{session_id}/previews`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
    }

    if isinstance(body, PreviewListRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, PreviewStartRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, PreviewStopRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, PreviewStatusRequest):
        _kwargs["json"] = body.to_dict()
    elif isinstance(body, PreviewLogsRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return ApiRequest(**_kwargs)
