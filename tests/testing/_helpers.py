"""Helpers shared by the plane tests: polling, SSE frame parsing and common set-ups."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import httpx

T = TypeVar("T")

Frame = dict[str, str]


def wait_for(check: Callable[[], T | None], timeout: float = 5.0, interval: float = 0.01) -> T:
    """Poll `check` until it returns a truthy value; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s (last value {value!r})")
        time.sleep(interval)


def frames(response: httpx.Response) -> Iterator[Frame]:
    """Parse SSE frames (comments included, as `{"comment": ...}`) from a streaming response."""
    frame: Frame = {}
    for line in response.iter_lines():
        if not line:
            if frame:
                yield frame
            frame = {}
            continue
        if line.startswith(":"):
            yield {"comment": line[1:].strip()}
            continue
        name, _, value = line.partition(":")
        frame[name] = value[1:] if value.startswith(" ") else value
    if frame:
        yield frame


def read_answer(sock: socket.socket) -> tuple[bytes, bytes]:
    """Read one whole response (head, body) sent with a Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length")
        ),
        0,
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head, body


def take(stream: Iterator[Frame], count: int, *, comments: bool = False) -> list[Frame]:
    """Read the next `count` frames from a [frames][] iterator (comments skipped unless asked for)."""
    out: list[Frame] = []
    for frame in stream:
        if "comment" in frame and not comments:
            continue
        out.append(frame)
        if len(out) == count:
            break
    return out


def call(api: httpx.Client, method: str, path: str, *, token: str | None = None) -> httpx.Response:
    """Send a request with another bearer token, or with no `Authorization` header when `token` is None."""
    request = api.build_request(method, path)
    del request.headers["authorization"]
    if token is not None:
        request.headers["authorization"] = f"Bearer {token}"
    return api.send(request)


def make_agent(api: httpx.Client, **fields: object) -> dict[str, Any]:
    """Create an agent (name `demo` unless given) and return its JSON."""
    response = api.post("/api/agents", json={"name": "demo", **fields})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def session_status(api: httpx.Client, session_id: object) -> str:
    status: str = api.get(f"/api/sessions/{session_id}").json()["status"]
    return status


def running_session(api: httpx.Client, agent_id: object | None = None, **fields: object) -> dict[str, Any]:
    """Create a session (and an agent when none is given) and wait until it is running."""
    if agent_id is None:
        agent_id = make_agent(api)["id"]
    response = api.post("/api/sessions", json={"agent_id": agent_id, **fields})
    assert response.status_code == 202, response.text
    session_id = str(response.json()["id"])
    wait_for(lambda: session_status(api, session_id) == "running")
    body: dict[str, Any] = api.get(f"/api/sessions/{session_id}").json()
    return body


def transcript_types(api: httpx.Client, session_id: object) -> list[str]:
    return [e["payload"]["type"] for e in api.get(f"/api/sessions/{session_id}/transcript").json()]


def turn_done(api: httpx.Client, session_id: object, results: int = 1) -> bool:
    return transcript_types(api, session_id).count("result") >= results
