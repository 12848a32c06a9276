"""The typed value a call is made of: the request a generated builder returns.

Every generated `build_request(...)` (see `scripts/generator/templates/endpoint_module.py.jinja`)
returns an [`ApiRequest`][anyframe._core.request.ApiRequest]: the operation's method, its path with
the path parameters already percent-encoded, and the query, headers and JSON body the contract
defines. The transport is the only consumer: it adds the client's base URL, auth and options (see
`anyframe._core.options`), and sends it through its pools. Keeping this value free of httpx means the
builders stay pure data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = ["ApiRequest", "overall_timeout"]


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """One request of the API contract, before the client adds its base URL and credentials.

    Args:
        method: The HTTP method, upper case.
        path: The path below the base URL, path parameters already percent-encoded (one segment each).
        params: Query parameters, if the operation has any.
        headers: Headers the operation defines (`Content-Type` of a body, `Last-Event-ID`, ...).
        json: The JSON body (a value `json.dumps` accepts), or `None` for no body.
    """

    method: str
    path: str
    params: Mapping[str, Any] | None = None
    headers: Mapping[str, str] | None = None
    json: Any = None


def overall_timeout(timeout: httpx.Timeout) -> float | None:
    """The deadline of one attempt of a call, in seconds: its longest phase (connect, write, read).

    `timeout` is documented as the time a request may take, so one attempt as a whole gets that
    long, not each read of it; the pool phase is not included (it bounds the wait for a connection,
    before the attempt starts). `None` when a phase is unbounded.
    """
    phases = (timeout.connect, timeout.write, timeout.read)
    if any(phase is None for phase in phases):
        return None
    return max(phase for phase in phases if phase is not None)
