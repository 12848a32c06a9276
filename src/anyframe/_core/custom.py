"""The request of `af.request()`: any endpoint the SDK does not wrap, checked like its own calls.

The method and path are checked here ([`check_api_path`][anyframe._core.validate.check_api_path]
keeps the API key on the base URL), the query and headers as the per-call options are
(`anyframe._core.options`), and the JSON body by the transport's encoder, so nothing malformed is
ever sent. The result is an ordinary [`ApiRequest`][anyframe._core.request.ApiRequest]: it then goes
through the same auth, retries, error mapping, hooks and logging as every call.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..exceptions import InvalidArgumentError
from .options import check_headers, check_query
from .request import ApiRequest
from .validate import check_api_path

__all__ = ["METHODS", "custom_request"]

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
"""The methods `af.request()` sends (upper or lower case)."""


def custom_request(
    method: object,
    path: object,
    *,
    params: Mapping[str, object] | None = None,
    json: object = None,
    headers: Mapping[str, str] | None = None,
) -> ApiRequest:
    """The checked request for `af.request(method, path, ...)`.

    Args:
        method: One of [`METHODS`][anyframe._core.custom.METHODS], in any case.
        path: The path below the base URL, e.g. `/api/credits`.
        params: Query parameters.
        json: The JSON body; `None` sends no body.
        headers: Headers added to the request (checked like `extra_headers`).

    Raises:
        InvalidArgumentError: A method outside `METHODS`, a path that is not a relative API path, or a
            malformed query parameter or header.
    """
    verb = method.upper() if isinstance(method, str) else None
    if verb not in METHODS:
        raise InvalidArgumentError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    request_headers = check_headers("headers", headers)
    if json is not None and not any(key.lower() == "content-type" for key in request_headers):
        request_headers = {"Content-Type": "application/json", **request_headers}
    return ApiRequest(
        verb,
        check_api_path(path),
        params=check_query("params", params) or None,
        headers=request_headers or None,
        json=json,
    )
