from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...._core.request import ApiRequest
from ...types import UNSET, Unset

if TYPE_CHECKING:
    from uuid import UUID

    from ...types import UNSET, Unset


METHOD = "GET"
PATH = "/api/sessions/{session_id}/transcript"


def build_request(
    session_id: UUID,
    *,
    since: int | Unset = 0,
    limit: int | Unset = 1000,
) -> ApiRequest:
    """Read the persisted chat transcript

    Returns the [`ApiRequest`][anyframe._core.request.ApiRequest] for `GET /api/sessions/{session_id}/transcript`.
    """

    params: dict[str, Any] = {}

    params["since"] = since

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "path": PATH.format(
            session_id=quote(str(session_id), safe=""),
        ),
        "params": params,
    }

    return ApiRequest(**_kwargs)
