"""The local plane as a server on a developer's machine: hostile input, bounded resources, no leaks.

Contracts pinned (issue 13, items 9-13; each test fails on the plane before these changes):
- a JSON body nested deeper than 100 levels answers 400 with a `detail` (200,000 levels included: no
  dropped connection); a chunk size that is negative, not hex or absurdly long answers 400 at once
  without reading the socket further; a chunked or `Content-Length` body over 16 MiB answers 413; a
  malformed `Content-Length` answers 400; every `detail` says what to fix;
- the request log keeps at most `max_logged_requests` records and `max_logged_bytes` of data, oldest
  dropped first; a request without a live token is recorded by its request line only; credential
  values, bearer tokens and env var values are `"****"` in records and in `GET /_plane/requests`; a body
  over 1 MiB is a placeholder;
- `/_plane/*` answers 401 without the control token (the API key is not it), 403 to a non-loopback
  `Host` (DNS rebinding), 415 to a body that is not `application/json` (CSRF from a browser form); the
  OAuth page and signed log URLs work without the token, a forged log signature is 403;
- a connection that sends no complete request within `read_timeout` is closed (idle) or answered 408
  (partial, also when trickled byte by byte); at most `max_connections` are served at once, the next
  gets a 503 naming the limit, and a freed slot is reused;
- an event stream opened with a token ends once that token is revoked; reconnecting answers 401, and
  the SDK's iterator raises `AuthError`.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

import anyframe
from anyframe.testing import Limits, LocalControlPlane, serve

from ._helpers import frames, make_agent, read_answer, running_session, wait_for


def _connect(plane: LocalControlPlane, timeout: float = 3.0) -> socket.socket:
    host, port = plane.url.removeprefix("http://").rsplit(":", 1)
    return socket.create_connection((host, int(port)), timeout=timeout)


def _post_head(plane: LocalControlPlane, path: str, extra: str) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {plane.api_key}\r\n"
        f"Content-Type: application/json\r\n{extra}\r\n"
    ).encode()


# -- item 9: hostile bodies -----------------------------------------------------------------------------


def test_a_body_nested_200000_levels_deep_is_400(api: httpx.Client) -> None:
    deep = b"[" * 200_000 + b"]" * 200_000
    response = api.post("/api/agents", content=deep, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "levels deep" in response.json()["detail"]
    assert "flatter" in response.json()["detail"]
    assert api.get("/api/me").status_code == 200  # and the plane carries on


def test_nesting_is_bounded_at_100_levels(api: httpx.Client) -> None:
    def nested(levels: int) -> dict[str, object]:
        value: dict[str, object] = {}
        for _ in range(levels - 2):
            value = {"k": value}
        return value

    assert api.post("/api/agents", json={"name": "ok", "permissions": nested(100)}).status_code == 201
    assert api.post("/api/agents", json={"name": "no", "permissions": nested(101)}).status_code == 400


@pytest.mark.parametrize("size", [b"-1", b"+5", b"zz", b"1" * 17, b""])
def test_a_malformed_chunk_size_is_400_at_once(plane: LocalControlPlane, size: bytes) -> None:
    with _connect(plane) as sock:
        sock.sendall(_post_head(plane, "/api/agents", "Transfer-Encoding: chunked\r\n") + size + b"\r\n")
        started = time.monotonic()
        head, body = read_answer(sock)  # the socket stays open: the plane must not wait for its end
    assert head.startswith(b"HTTP/1.1 400"), head
    assert b"chunk size" in body
    assert b"hexadecimal" in body or b"missing" in body
    assert time.monotonic() - started < 2.0


def test_a_huge_chunk_is_413_without_reading_it(plane: LocalControlPlane) -> None:
    with _connect(plane) as sock:
        sock.sendall(_post_head(plane, "/api/agents", "Transfer-Encoding: chunked\r\n") + b"2000000\r\n")
        head, body = read_answer(sock)
    assert head.startswith(b"HTTP/1.1 413")
    assert b"at most 16777216 bytes" in body


@pytest.mark.parametrize("length", ["-1", "+5", "abc", "5, 5", "99999999999999999999999"])
def test_a_malformed_content_length_is_400(plane: LocalControlPlane, length: str) -> None:
    with _connect(plane) as sock:
        sock.sendall(_post_head(plane, "/api/agents", f"Content-Length: {length}\r\n"))
        head, body = read_answer(sock)
    assert head.startswith(b"HTTP/1.1 400"), head
    assert b"Content-Length" in body


# -- item 10: the request log ---------------------------------------------------------------------------


def test_the_request_log_is_bounded_by_count() -> None:
    with serve(limits=Limits(max_logged_requests=5)) as plane:
        client = plane.client
        for _ in range(12):
            client.me()
        assert len(plane.requests) == 5
        assert plane.requests.dropped == 7
        assert "7 dropped" in repr(plane.requests)


def test_the_request_log_is_bounded_by_bytes() -> None:
    with serve(limits=Limits(max_logged_bytes=300_000)) as plane:
        headers = {"Authorization": f"Bearer {plane.api_key}"}
        with httpx.Client(base_url=plane.url, headers=headers) as api:
            session = running_session(api)
            for _ in range(10):
                api.post(f"/api/sessions/{session['id']}/message", json={"text": "x" * 100_000})
        kept = plane.requests.filter(method="POST", path="/api/sessions/*/message")
        assert 1 <= len(kept) <= 3
        assert plane.requests.dropped >= 7


def test_a_body_over_1_mib_is_kept_as_a_placeholder(plane: LocalControlPlane, api: httpx.Client) -> None:
    session = running_session(api)
    api.post(f"/api/sessions/{session['id']}/message", json={"text": "x" * (1024 * 1024 + 10)})
    body = plane.requests.last.body
    assert isinstance(body, str)
    assert body.startswith("<1048")
    assert body.endswith(" bytes, not recorded>")


def test_a_body_that_is_not_json_keeps_its_first_4_kib(plane: LocalControlPlane, api: httpx.Client) -> None:
    api.post("/api/tokens", content=b"[" * 50_000, headers={"Content-Type": "application/json"})
    body = plane.requests.last.body
    assert isinstance(body, str)
    assert body == "[" * 4096 + "... (50000 bytes)"


def test_unauthenticated_requests_keep_only_the_request_line(plane: LocalControlPlane) -> None:
    big = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    with httpx.Client(base_url=plane.url) as anonymous:
        for _ in range(3):
            response = anonymous.post(
                "/api/agents?secret=1", content=big, headers={"Content-Type": "application/json", "X-Y": "z"}
            )
            assert response.status_code == 401
        assert anonymous.get("/api/nope").status_code == 404
    records = plane.requests.snapshot()
    assert [(r.method, r.path, r.status, r.rejected) for r in records] == [
        ("POST", "/api/agents", 401, True),
        ("POST", "/api/agents", 401, True),
        ("POST", "/api/agents", 401, True),
        ("GET", "/api/nope", 404, True),
    ]
    assert all(r.body is None and r.headers == {} and r.query == {} for r in records)


def test_secrets_are_redacted_from_the_log(plane: LocalControlPlane, api: httpx.Client) -> None:
    api.put("/api/credentials/claude", json={"token": "sk-ant-secret-claude"})
    api.put("/api/credentials/codex", json={"token": "sk-secret-codex", "oops": 1})  # invalid, still redacted
    api.put("/api/credentials/github", content=b"ghp_secret_not_json", headers={"Content-Type": "text/plain"})
    api.post("/api/connectors/bearer", json={"mcp_url": "https://m.example/mcp", "display_name": "M",
                                             "token": "bearer-secret-1"})  # fmt: skip
    api.post("/api/connectors/catalog/sentry/bearer", json={"token": "sntrys_secret"})
    invalid = {"name": "demo", "env_vars": {"API_KEY": "env-secret", "bad-name": "env-secret-2"}}
    assert api.post("/api/agents", json=invalid).status_code == 422
    make_agent(api, env_vars={"API_KEY": "env-secret-3"}, description="visible")
    bodies = [r.body for r in plane.requests]
    assert bodies[0] == {"token": "****"}
    assert bodies[1] == {"token": "****", "oops": 1}
    assert bodies[2] == "<19 bytes, not recorded>"
    assert bodies[3] == {"mcp_url": "https://m.example/mcp", "display_name": "M", "token": "****"}
    assert bodies[4] == {"token": "****"}
    assert bodies[5] == {"name": "demo", "env_vars": {"API_KEY": "****", "bad-name": "****"}}
    assert bodies[6] == {"name": "demo", "env_vars": {"API_KEY": "****"}, "description": "visible"}
    with httpx.Client(
        base_url=plane.url, headers={"Authorization": f"Bearer {plane.control_token}"}
    ) as control:
        served = control.get("/_plane/requests").text
    assert "secret" not in served.replace('"rejected"', "")
    assert "visible" in served


# -- item 11: the control endpoints ---------------------------------------------------------------------


def test_control_endpoints_need_the_control_token(plane: LocalControlPlane) -> None:
    rule = {"path": "/api/me", "status": 503}
    for headers in ({}, {"Authorization": f"Bearer {plane.api_key}"}, {"Authorization": "Bearer plane_nope"}):
        for method, path in [
            ("GET", "/_plane/health"),
            ("GET", "/_plane/requests"),
            ("DELETE", "/_plane/faults"),
        ]:
            response = httpx.request(method, f"{plane.url}{path}", headers=headers)
            assert response.status_code == 401, (method, path, headers)
            assert "control token" in response.json()["detail"]
        assert httpx.post(f"{plane.url}/_plane/faults", json=rule, headers=headers).status_code == 401
    assert plane.faults.rules == []


def test_control_endpoints_refuse_a_foreign_host(plane: LocalControlPlane) -> None:
    auth = {"Authorization": f"Bearer {plane.control_token}"}
    port = plane.url.rsplit(":", 1)[1]
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example", "10.0.0.1"):
        response = httpx.get(f"{plane.url}/_plane/requests", headers={**auth, "Host": host})
        assert response.status_code == 403, host
        assert "loopback" in response.json()["detail"]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
        assert httpx.get(f"{plane.url}/_plane/health", headers={**auth, "Host": host}).status_code == 200


def test_control_bodies_must_be_json(plane: LocalControlPlane) -> None:
    auth = {"Authorization": f"Bearer {plane.control_token}"}
    body = b'{"path": "/api/me", "status": 503}'
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        response = httpx.post(
            f"{plane.url}/_plane/faults", content=body, headers={**auth, "Content-Type": content_type}
        )
        assert response.status_code == 415
        assert "application/json" in response.json()["detail"]
    assert plane.faults.rules == []
    ok = httpx.post(
        f"{plane.url}/_plane/faults",
        content=body,
        headers={**auth, "Content-Type": "application/json; charset=utf-8"},
    )
    assert ok.status_code == 201


def test_the_urls_the_plane_hands_out_work_without_the_token(
    plane: LocalControlPlane, api: httpx.Client
) -> None:
    authorize = api.post("/api/connectors/catalog/linear/oauth").json()["authorize_url"]
    assert httpx.get(authorize).status_code == 200
    agent = make_agent(api)
    build = api.post(f"/api/agents/{agent['id']}/build", json={"force": False}).json()
    url = api.get(f"/api/agents/{agent['id']}/builds/{build['build_id']}/log_url").json()["url"]
    assert httpx.get(url).status_code == 200
    forged = url.rsplit("sig=", 1)[0] + "sig=" + "0" * 32
    response = httpx.get(forged)
    assert response.status_code == 403
    assert "log_url" in response.json()["detail"]


def test_the_request_log_leaves_out_the_secrets_in_query_strings(
    plane: LocalControlPlane, api: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    # A signed log URL's `sig` and an OAuth `state` are credentials: the debug request log shows the
    # method, the path and the status, never the query string.
    agent = make_agent(api)
    build = api.post(f"/api/agents/{agent['id']}/build", json={"force": False}).json()
    authorize = api.post("/api/connectors/catalog/linear/oauth").json()["authorize_url"]
    log_url = api.get(f"/api/agents/{agent['id']}/builds/{build['build_id']}/log_url").json()["url"]
    with caplog.at_level(logging.DEBUG, logger="anyframe.testing"):
        assert httpx.get(authorize).status_code == 200
        assert httpx.get(log_url).status_code == 200
    state = authorize.split("state=", 1)[1]
    sig = log_url.split("sig=", 1)[1]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert state not in logged
    assert sig not in logged
    assert f"GET /_plane/logs/{build['build_id']} 200" in logged
    assert "GET /_plane/oauth/authorize 200" in logged


# -- item 12: slow clients and the connection bound -----------------------------------------------------


@pytest.fixture
def strict() -> Iterator[LocalControlPlane]:
    with serve(limits=Limits(read_timeout=0.5, max_connections=4)) as plane:
        yield plane


def test_an_idle_connection_is_closed_after_the_read_timeout(strict: LocalControlPlane) -> None:
    with _connect(strict) as sock:
        started = time.monotonic()
        assert sock.recv(1) == b""  # closed by the plane, no answer owed
        assert 0.4 < time.monotonic() - started < 2.0


def test_a_request_that_stalls_is_answered_408(strict: LocalControlPlane) -> None:
    with _connect(strict) as sock:
        sock.sendall(b"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the head never ends
        head, body = read_answer(sock)
    assert head.startswith(b"HTTP/1.1 408")
    assert b"did not arrive within 0.5 s" in body


def test_a_trickled_request_is_bounded_as_a_whole(strict: LocalControlPlane) -> None:
    request = (
        f"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {strict.api_key}\r\n\r\n".encode()
    )
    with _connect(strict) as sock:
        started = time.monotonic()
        for byte in request:  # one byte every 0.1 s: each read is quick, the request is not
            if select.select([sock], [], [], 0.1)[0]:
                break  # the plane answered: stop sending, or our bytes would reset the connection
            sock.sendall(bytes([byte]))
        head, _ = read_answer(sock)
    assert head.startswith(b"HTTP/1.1 408")
    assert time.monotonic() - started < 2.0


def test_connections_beyond_the_bound_get_a_503_naming_it() -> None:
    # The default read timeout: the held connections must not time out while the test runs.
    with serve(limits=Limits(max_connections=4)) as plane:
        request = f"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {plane.api_key}\r\n\r\n"
        held = [_connect(plane) for _ in range(4)]
        try:
            for sock in held:  # answered, so each is accepted and holds a slot (keep-alive)
                sock.sendall(request.encode())
                assert read_answer(sock)[0].startswith(b"HTTP/1.1 200")
            with _connect(plane) as extra:
                extra.sendall(b"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                head, body = read_answer(extra)
            assert head.startswith(b"HTTP/1.1 503")
            assert b"max_connections" in body
        finally:
            for sock in held:
                sock.close()
        with httpx.Client(base_url=plane.url, headers={"Authorization": f"Bearer {plane.api_key}"}) as api:
            # A slot is free once the plane has seen its client go; it is then reused at once.
            wait_for(lambda: api.get("/api/me").status_code == 200)


def test_stalled_connections_free_their_threads() -> None:
    with serve(limits=Limits(read_timeout=0.4)) as plane:
        before = threading.active_count()
        started = time.monotonic()
        stalled = [_connect(plane) for _ in range(50)]
        wait_for(lambda: threading.active_count() >= before + 40)  # a thread each, while they stall
        wait_for(lambda: threading.active_count() <= before + 2)  # freed by the read timeout...
        assert time.monotonic() - started >= 0.4  # ...not before it
        assert all(sock.recv(1) == b"" for sock in stalled)  # each closed by the plane
        for sock in stalled:
            sock.close()


def test_the_default_bound_is_far_above_a_thousand_streams() -> None:
    assert Limits().max_connections >= 4 * 1000
    assert Limits().read_timeout >= 15  # a client pool's idle connections live 5 s (httpx)


# -- item 13: revoked tokens end their streams ----------------------------------------------------------


def test_a_stream_ends_when_its_token_is_revoked(plane: LocalControlPlane, api: httpx.Client) -> None:
    session = running_session(api)
    minted = api.post("/api/tokens", json={"name": "widget"}).json()
    headers = {"Authorization": f"Bearer {minted['token']}"}
    with httpx.Client(base_url=plane.url, headers=headers, timeout=5.0) as holder:
        with holder.stream("GET", f"/api/sessions/{session['id']}/events") as response:
            assert response.status_code == 200
            stream = frames(response)
            revoker = threading.Timer(0.2, lambda: api.delete(f"/api/tokens/{minted['id']}"))
            revoker.start()
            started = time.monotonic()
            rest = list(stream)  # ends instead of waiting for events forever
            assert time.monotonic() - started < 2.0
            revoker.join()  # its request is answered before `api` closes
            assert all("comment" in frame for frame in rest)
        again = holder.get(f"/api/sessions/{session['id']}/events")
        assert again.status_code == 401


def test_the_sdk_sees_a_revoked_stream_as_an_auth_error(plane: LocalControlPlane, api: httpx.Client) -> None:
    session = running_session(api)
    api.post(f"/api/sessions/{session['id']}/message", json={"text": "hi"})
    minted = api.post("/api/tokens", json={"name": "widget"}).json()
    with (
        anyframe.AnyFrame(api_key=minted["token"], base_url=plane.url, load_dotenv=False) as af,
        af.sessions.events(session["id"]) as events,
    ):
        stream = iter(events)
        assert next(stream).id == "1"
        api.delete(f"/api/tokens/{minted['id']}")
        started = time.monotonic()
        # Closed cleanly: the SDK either ends (a close right after opening means "over") or reconnects
        # and meets the 401. Never a hang, never anything but AuthError.
        with contextlib.suppress(anyframe.AuthError):
            for _ in stream:
                pass
        assert time.monotonic() - started < 5.0
        with pytest.raises(anyframe.AuthError), af.sessions.events(session["id"]) as again:
            next(iter(again))


def test_a_request_that_revokes_its_own_token_is_recorded_whole(plane: LocalControlPlane) -> None:
    with httpx.Client(base_url=plane.url, headers={"Authorization": f"Bearer {plane.api_key}"}) as api:
        own = next(t for t in api.get("/api/tokens").json() if t["name"] == "local-plane")
        assert api.delete(f"/api/tokens/{own['id']}").status_code == 204
        assert api.get("/api/me").status_code == 401
    revoke, after = plane.requests.snapshot()[-2:]
    assert (revoke.method, revoke.status, revoke.rejected) == ("DELETE", 204, False)
    assert after.rejected is True
