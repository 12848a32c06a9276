"""Server plumbing of the local control plane: lifecycle, threads, sockets, headers, logging, CLI.

Contracts pinned:
- `serve()` binds a free loopback port and answers at once; start + stop take well under a second, even
  with open SSE streams and idle keep-alive connections; afterwards no thread is left and the port
  refuses connections; a stopped plane cannot restart; non-loopback hosts are refused with `ValueError`;
- every response carries `x-request-id` (JSON, errors, SSE); a malformed request line gets a JSON 400; JSON responses carry `Content-Length`;
  HTTP/1.1 keep-alive serves many requests on one connection;
- `plane.requests` records method, path, query, headers without `Authorization`, JSON body and status,
  and `GET /_plane/requests` serves the same log; `clear()` empties it; the record repr hides the body;
- hundreds of concurrent requests all succeed;
- `plane.client` is a lazily built SDK client closed on stop; `plane.async_client()` a new async one;
- `python -m anyframe.testing` prints the URL, the API and control tokens, an export line and a pointer
  to `--seed`, and exits 0 on SIGTERM; with `--seed` it prints them only once the seeded session runs.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from anyframe.testing import LocalControlPlane, serve

from ._helpers import frames, read_answer, running_session

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _control(plane: LocalControlPlane) -> dict[str, str]:
    return {"Authorization": f"Bearer {plane.control_token}"}


def _connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    return socket.create_connection((host, int(port)), timeout=1)


def test_start_and_stop_are_fast_and_leave_nothing_behind() -> None:
    before = set(threading.enumerate())
    started = time.monotonic()
    plane = serve()
    headers = {"Authorization": f"Bearer {plane.api_key}"}
    # Everything is closed even if an assertion fails: a socket left to the garbage collector would
    # fail whichever later test happens to run when it is collected (an unraisable ResourceWarning).
    try:
        assert plane.url.startswith("http://127.0.0.1:")
        with httpx.Client(base_url=plane.url, headers=headers) as client, _connect(plane.url) as idle:
            session = running_session(client)
            # An idle keep-alive connection: answered once, so the plane has accepted it for sure.
            idle.sendall(
                f"GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization: {headers['Authorization']}\r\n\r\n".encode()
            )
            assert read_answer(idle)[0].startswith(b"HTTP/1.1 200")
            with client.stream("GET", f"/api/sessions/{session['id']}/events") as response:
                stopping = time.monotonic()
                plane.stop()
                list(frames(response))  # the open stream ends promptly, with its terminating chunk
            assert time.monotonic() - stopping < 1.0
            assert time.monotonic() - started < 3.0
            assert idle.recv(1) == b""  # closed by the server
    finally:
        plane.stop()
    assert set(threading.enumerate()) <= before
    with pytest.raises(OSError):
        _connect(plane.url)
    with pytest.raises(RuntimeError):
        plane.start()
    plane.stop()  # idempotent


def test_context_manager_start_stop_time() -> None:
    started = time.monotonic()
    with LocalControlPlane() as plane:
        assert plane.running
        assert httpx.get(f"{plane.url}/_plane/health", headers=_control(plane)).json()["ok"] is True
    assert not plane.running
    assert time.monotonic() - started < 1.0
    assert "stopped" in repr(plane)
    assert plane.api_key not in repr(plane)
    assert plane.control_token not in repr(plane)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_non_loopback_hosts_are_refused(host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        LocalControlPlane(host=host)


def test_localhost_and_ipv6_loopback_are_accepted() -> None:
    with serve(host="localhost") as plane:
        assert plane.url.startswith("http://127.0.0.1:")
    if socket.has_ipv6:
        try:
            plane = serve(host="::1")
        except OSError:
            pytest.skip("IPv6 loopback unavailable")
        with plane:
            assert plane.url.startswith("http://[::1]:")
            assert httpx.get(f"{plane.url}/_plane/health", headers=_control(plane)).status_code == 200


def test_every_response_has_a_request_id(api: httpx.Client) -> None:
    ok = api.get("/api/me")
    missing = api.get("/api/nope")
    assert ok.headers["x-request-id"].startswith("req_")
    assert missing.headers["x-request-id"] != ok.headers["x-request-id"]
    assert ok.headers["content-length"] == str(len(ok.content))
    session = running_session(api)
    with api.stream("GET", f"/api/sessions/{session['id']}/events") as response:
        assert response.headers["x-request-id"].startswith("req_")


def test_keep_alive_serves_many_requests_on_one_connection(plane: LocalControlPlane) -> None:
    with _connect(plane.url) as sock:
        request = f"GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {plane.api_key}\r\n\r\n".encode()
        for _ in range(3):
            sock.sendall(request)
            data = b""
            while b"\r\n\r\n" not in data or not data.endswith(b"}"):
                data += sock.recv(4096)
            assert data.startswith(b"HTTP/1.1 200 OK")


def test_request_log_records_attempts_without_the_token(plane: LocalControlPlane, api: httpx.Client) -> None:
    api.post("/api/agents", json={"name": "logged"}, params={"x": "1"})
    record = plane.requests.last
    assert (record.method, record.path, record.status) == ("POST", "/api/agents", 201)
    assert record.body == {"name": "logged"}
    assert record.query == {"x": "1"}
    assert "authorization" not in record.headers
    assert record.headers["content-type"] == "application/json"
    assert "logged" not in repr(record)
    session = running_session(api)
    with api.stream("GET", f"/api/sessions/{session['id']}/events", headers={"Last-Event-ID": "7"}):
        pass  # recorded when the stream starts
    events = plane.requests.filter(method="GET", path=f"/api/sessions/{session['id']}/events")
    assert events[0].headers["last-event-id"] == "7"
    assert events[0].status == 200
    served = httpx.get(f"{plane.url}/_plane/requests", headers=_control(plane)).json()
    assert served[0]["body"] == {"name": "logged"}
    assert plane.api_key not in str(served)
    plane.requests.clear()
    assert len(plane.requests) == 0
    assert httpx.delete(f"{plane.url}/_plane/requests", headers=_control(plane)).status_code == 204


def test_many_concurrent_connections_are_all_served(plane: LocalControlPlane) -> None:
    # Raw asyncio sockets: httpx's own pool bookkeeping would dominate the time of this test.
    host, port = plane.url.removeprefix("http://").rsplit(":", 1)
    request = f"GET /api/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {plane.api_key}\r\n\r\n".encode()

    async def connection() -> list[bytes]:
        reader, writer = await asyncio.open_connection(host, int(port))
        statuses = []
        for _ in range(3):
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
            statuses.append(head.split(b" ")[1])
        writer.close()
        await writer.wait_closed()
        return statuses

    async def fan_out() -> list[list[bytes]]:
        return await asyncio.gather(*(connection() for _ in range(300)))

    assert asyncio.run(fan_out()) == [[b"200"] * 3] * 300


def test_sdk_clients_point_at_the_plane() -> None:
    with serve(time_scale=0.1) as plane:
        client = plane.client
        assert client is plane.client
        assert client.me().login == "local"
        async_client = plane.async_client()

        async def me() -> str:
            async with async_client:
                return (await async_client.me()).login

        assert asyncio.run(me()) == "local"


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "anyframe.testing", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
    )


def test_cli_prints_the_url_and_exits_cleanly_on_sigterm() -> None:
    process = _cli("--port", "0", "--time-scale", "0.5")
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        key_line = process.stdout.readline()
        token_line = process.stdout.readline()
        export = process.stdout.readline()
        tip = process.stdout.readline()
        url = first.strip().rsplit(" ", 1)[-1]
        key = key_line.strip().rsplit(" ", 1)[-1]
        token = token_line.strip().rsplit(" ", 1)[-1]
        assert url.startswith("http://127.0.0.1:")
        assert key.startswith("afm_")
        assert token.startswith("plane_")
        assert export.strip() == (
            f"export ANYFRAME_API_KEY={key} ANYFRAME_BASE_URL={url} ANYFRAME_PLANE_TOKEN={token}"
        )
        assert "--seed" in tip  # where a first-time user looks
        assert process.stdout.readline().strip() == "Press Ctrl-C to stop."
        assert httpx.get(f"{url}/api/me", headers={"Authorization": f"Bearer {key}"}).status_code == 200
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=5)
        assert process.returncode == 0
        assert out.strip().endswith("stopped")
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_seed_prints_its_url_only_once_the_session_is_running() -> None:
    # Boots take 0.3 s x 5: long enough that printing before the session runs would be caught.
    process = _cli("--seed", "--time-scale", "5")
    try:
        assert process.stdout is not None
        lines: list[str] = []
        while not lines or lines[-1] != "Press Ctrl-C to stop.":
            line = process.stdout.readline()
            assert line, process.stderr.read() if process.stderr else "no output"
            lines.append(line.strip())
        url = next(line for line in lines if "listening on" in line).rsplit(" ", 1)[-1]
        key = next(line for line in lines if line.startswith("API key:")).rsplit(" ", 1)[-1]
        assert "running" in lines[0]
        sessions = httpx.get(f"{url}/api/sessions", headers={"Authorization": f"Bearer {key}"}).json()
        assert [s["status"] for s in sessions] == ["running"]  # the guide's takeover script finds it
    finally:
        process.terminate()
        process.communicate(timeout=5)


def test_malformed_requests_get_json_errors(plane: LocalControlPlane) -> None:
    with _connect(plane.url) as sock:
        sock.sendall(b"NOT A REQUEST LINE AT ALL\r\n\r\n")
        data = b""
        while chunk := sock.recv(4096):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert b"x-request-id: req_" in head
    assert body.startswith(b'{"detail":')
