"""[PlaneControl][anyframe.testing.PlaneControl]: the `/_plane` control endpoints from another process.

`plane.faults` and `plane.requests` work inside the process that started the plane. A plane started
with `python -m anyframe.testing` (or by a fixture in another process) is driven over HTTP instead;
this client does it with the standard library and passes the control token the endpoints require.
It reads `ANYFRAME_BASE_URL` and `ANYFRAME_PLANE_TOKEN` (both printed by `python -m anyframe.testing`)
when built with [from_env][anyframe.testing.PlaneControl.from_env].
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import cast

__all__ = ["PlaneControl"]

# No proxy: the plane is on loopback, and an HTTP(S)_PROXY in the environment must not intercept it.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class PlaneControl:
    """A client of a local control plane's `/_plane` endpoints.

    Args:
        url: The plane's base URL, e.g. `http://127.0.0.1:8765`.
        control_token: The plane's control token (`plane.control_token`).
        timeout: Seconds to wait for each answer.

    Example:
        ```python
        control = anyframe.testing.PlaneControl(plane.url, plane.control_token)
        control.add_fault(path="/api/me", status=503)
        ```
    """

    def __init__(self, url: str, control_token: str, *, timeout: float = 5.0) -> None:
        if not url.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
            raise ValueError(f"url must be a local control plane's loopback URL, got {url!r}")
        self.url = url.rstrip("/")
        self._token = control_token
        self.timeout = timeout

    @classmethod
    def from_env(cls) -> PlaneControl:
        """Build one from `ANYFRAME_BASE_URL` and `ANYFRAME_PLANE_TOKEN`.

        Returns:
            The client.

        Raises:
            ValueError: A variable is missing.
        """
        url, token = os.environ.get("ANYFRAME_BASE_URL"), os.environ.get("ANYFRAME_PLANE_TOKEN")
        if not url or not token:
            raise ValueError(
                "set ANYFRAME_BASE_URL and ANYFRAME_PLANE_TOKEN (python -m anyframe.testing prints both)"
            )
        return cls(url, token)

    def __repr__(self) -> str:
        return f"PlaneControl({self.url!r})"

    def _call(self, method: str, path: str, body: object = None) -> object:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method)
        request.add_header("Authorization", f"Bearer {self._token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            try:
                detail = json.loads(exc.read()).get("detail", exc.reason)
            except (ValueError, AttributeError):
                detail = exc.reason
            if exc.code == 400:
                raise ValueError(str(detail)) from None
            raise RuntimeError(f"{method} {path} answered {exc.code}: {detail}") from None
        return json.loads(raw) if raw else None

    def health(self) -> dict[str, object]:
        """`GET /_plane/health`: `{"ok": true, "url": ...}`."""
        return cast("dict[str, object]", self._call("GET", "/_plane/health"))

    def add_fault(self, kind: str = "response", **rule: object) -> dict[str, object]:
        """Register a fault: the keywords of `Faults.add` (`kind="cut_stream"` / `"stall_stream"` for the
        stream faults).

        Args:
            kind: `"response"`, `"cut_stream"` or `"stall_stream"`.
            **rule: The rule's options, e.g. `path="/api/me", status=503, times=2`.

        Returns:
            The registered rule as the plane lists it.

        Raises:
            ValueError: The plane refused the rule (the message says why).
        """
        return cast("dict[str, object]", self._call("POST", "/_plane/faults", {"kind": kind, **rule}))

    def faults(self) -> list[dict[str, object]]:
        """The active fault rules."""
        return cast("list[dict[str, object]]", self._call("GET", "/_plane/faults"))

    def clear_faults(self) -> None:
        """Remove every fault rule."""
        self._call("DELETE", "/_plane/faults")

    def requests(self) -> list[dict[str, object]]:
        """The request log, oldest first (method, path, query, headers, body, status, at, rejected)."""
        return cast("list[dict[str, object]]", self._call("GET", "/_plane/requests"))

    def clear_requests(self) -> None:
        """Empty the request log."""
        self._call("DELETE", "/_plane/requests")
