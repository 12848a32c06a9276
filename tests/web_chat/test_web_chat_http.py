"""The web chat example's HTTP endpoints, as a visitor's browser (or a script) would call them.

Contracts pinned here:

- `POST /api/session` boots a sandbox and sets an HttpOnly, SameSite=Strict cookie naming it; the
  cookie is signed, so a forged one names no session;
- `GET /api/events` streams the conversation as SSE: `retry:` first, then one frame per event with
  `id: <seq>` and the payload as the plane sent it; `Last-Event-ID: N` resumes after event N;
- `POST /api/messages` forwards `{"text"}` as the visitor's turn (202);
- without a conversation every endpoint answers 401; bad input gets 400/413/415 with a reason;
- a sandbox that went to sleep is resumed (same session, history kept) by `POST /api/session`;
  a deleted one ends the stream with an `event: gone` frame, and the next visit starts afresh;
- an error from the plane reaches the visitor as a generic 502, without detail;
- the API key never appears in anything the app sends back;
- `make web-chat` (examples/web_chat/local.py) starts a plane, an agent and the app, prints the URL,
  a visitor can chat there, and Ctrl-C stops it all cleanly.
"""

from __future__ import annotations

import base64
import json
import os
import select
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from anyframe.testing import LocalControlPlane

from .chat_harness import APP_DIR, ROOT, ChatApp, Frame, frames, session_in, wait_until

pytestmark = pytest.mark.integration

TURN_SECONDS = 0.3
TURN = ["user_message", "assistant", "assistant", "tool_result", "assistant", "result"]


@pytest.fixture
def visitor(chat_app: ChatApp) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=chat_app.url, timeout=15) as client:
        yield client


def _start(visitor: httpx.Client) -> str:
    response = visitor.post("/api/session")
    assert response.status_code == 200, response.text
    return session_in(visitor.cookies["web_chat"])


def _read(visitor: httpx.Client, *, turns: int = 1, headers: dict[str, str] | None = None) -> list[Frame]:
    """The frames of `/api/events` up to the end of the `turns`-th turn (or an `event: gone`)."""
    seen: list[Frame] = []
    with visitor.stream("GET", "/api/events", headers=headers) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        for frame in frames(stream.iter_lines()):
            seen.append(frame)
            turns -= frame.event is None and frame.json().get("type") == "result"
            if frame.event == "gone" or turns == 0:
                return seen
    raise AssertionError(f"the stream ended early after {seen}")


def _chat(visitor: httpx.Client, text: str, *, turns: int = 1) -> list[Frame]:
    """Send `text`, then read the conversation from its start to the end of the `turns`-th turn."""
    response = visitor.post("/api/messages", json={"text": text})
    assert response.status_code == 202, response.text
    return _read(visitor, turns=turns)


def test_a_visitor_turn_over_http(visitor: httpx.Client, plane: LocalControlPlane) -> None:
    response = visitor.post("/api/session")
    assert response.json() == {"ok": True}
    cookie = response.headers["set-cookie"]
    assert "httponly" in cookie.lower()
    assert "samesite=strict" in cookie.lower()
    session_id = session_in(visitor.cookies["web_chat"])
    assert plane.client.sessions.get(session_id).status == "running"

    shown = _chat(visitor, "hi there")
    transcript = plane.client.sessions.transcript(session_id)
    assert [frame.id for frame in shown] == [str(event.seq) for event in transcript] == list("123456")
    assert [frame.json() for frame in shown] == [event.payload for event in transcript]
    assert all(frame.event is None for frame in shown)  # the page reads payload["type"]
    assert [frame.json()["type"] for frame in shown] == TURN
    request = plane.requests.filter(method="POST", path=f"/api/sessions/{session_id}/message")[-1]
    assert request.body == {"prompt": "hi there"}


def _get_index(sock: socket.socket) -> bytes:
    """Send `GET /` on a raw connection and read the whole answer; return its status line."""
    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(
        next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))[15:]
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head.split(b"\r\n")[0]


def test_the_app_keeps_an_idle_connection_longer_than_a_client_reuses_it(chat_app: ChatApp) -> None:
    # httpx reuses an idle connection for 5 s. Had the app closed it at the same age (uvicorn's default
    # keep-alive), a request sent at that moment would meet a connection being closed: a ReadError, no
    # answer (1 in 200 crowd visitors on a busy machine).
    reused_for = httpx.Limits().keepalive_expiry
    assert reused_for is not None
    with socket.create_connection(("127.0.0.1", chat_app.port), timeout=5) as sock:
        assert _get_index(sock) == b"HTTP/1.1 200 OK"
        assert select.select([sock], [], [], reused_for + 0.5)[0] == []  # not closed meanwhile
        assert _get_index(sock) == b"HTTP/1.1 200 OK"  # and still serving


def test_the_stream_starts_with_the_reconnect_delay(visitor: httpx.Client) -> None:
    _start(visitor)
    with visitor.stream("GET", "/api/events") as stream:
        assert next(stream.iter_lines()) == "retry: 1000"


def test_last_event_id_resumes_after_that_event(visitor: httpx.Client, plane: LocalControlPlane) -> None:
    session_id = _start(visitor)
    _chat(visitor, "first")
    resumed = _read(visitor, headers={"Last-Event-ID": "4"})
    assert [frame.id for frame in resumed] == ["5", "6"]
    last = plane.requests.filter(method="GET", path=f"/api/sessions/{session_id}/events")[-1]
    assert last.headers.get("last-event-id") == "4"


def test_without_a_conversation_every_endpoint_answers_401(visitor: httpx.Client) -> None:
    for method, path in (("POST", "/api/messages"), ("POST", "/api/answers"), ("GET", "/api/events")):
        response = visitor.request(method, path, json={"text": "hi"} if method == "POST" else None)
        assert response.status_code == 401, (method, path)
        assert response.json() == {"error": "start a conversation first: POST /api/session"}


def test_a_forged_cookie_names_no_session(visitor: httpx.Client, chat_app: ChatApp) -> None:
    _start(visitor)
    value = visitor.cookies["web_chat"]
    forged_payload = base64.b64encode(json.dumps({"session_id": "someone-else"}).encode()).decode()
    visitor.cookies.set("web_chat", forged_payload + value[value.index(".") :], domain="127.0.0.1")
    response = visitor.post("/api/messages", json={"text": "hi"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("content", "content_type", "status", "reason"),
    [
        ('{"text": "hi"}', "text/plain", 415, "send JSON (Content-Type: application/json)"),
        ("text=hi", "application/x-www-form-urlencoded", 415, "send JSON (Content-Type: application/json)"),
        ('["hi"]', "application/json", 400, "send a JSON object"),
        ('{"text": ', "application/json", 400, "send a JSON object"),
        ("[" * 100_000, "application/json", 413, "a message is at most 4000 characters"),
        ('{"text": "   "}', "application/json", 400, 'send {"text": "..."} with a non-empty text'),
        ('{"text": 5}', "application/json", 400, 'send {"text": "..."} with a non-empty text'),
        (json.dumps({"text": "x" * 4001}), "application/json", 413, "a message is at most 4000 characters"),
    ],
)
def test_bad_messages_are_refused_with_a_reason(
    visitor: httpx.Client, content: str, content_type: str, status: int, reason: str
) -> None:
    _start(visitor)
    response = visitor.post("/api/messages", content=content, headers={"Content-Type": content_type})
    assert (response.status_code, response.json()) == (status, {"error": reason})


def test_a_message_of_the_maximum_length_is_accepted(visitor: httpx.Client) -> None:
    _start(visitor)
    assert visitor.post("/api/messages", json={"text": "é" * 4000}).status_code == 202


def test_bad_answers_and_last_event_ids_are_refused(visitor: httpx.Client) -> None:
    _start(visitor)
    answer = visitor.post("/api/answers", json={"request_id": "r-1", "decision": "maybe"})
    assert answer.status_code == 400
    assert "approve" in answer.json()["error"]
    nothing_pending = visitor.post("/api/answers", json={"request_id": "r-1", "decision": "approve"})
    assert nothing_pending.status_code == 409
    for bad in (b"", b"1 2", b"x" * 129, "ü".encode()):
        response = visitor.get("/api/events", headers={b"Last-Event-ID": bad})
        assert response.status_code == 400, bad
        assert response.json() == {"error": "Last-Event-ID must be an event id this app sent"}


def test_a_sleeping_sandbox_is_resumed_with_its_history(
    visitor: httpx.Client, plane: LocalControlPlane
) -> None:
    session_id = _start(visitor)
    _chat(visitor, "before the nap")
    plane.client.sessions.terminate(session_id)  # what an idle timeout does
    wait_until(lambda: plane.client.sessions.get(session_id).status == "terminated")

    asleep = visitor.post("/api/messages", json={"text": "hello again"})
    assert asleep.status_code == 409
    assert _start(visitor) == session_id  # the same conversation, woken up
    assert plane.client.sessions.get(session_id).status == "running"
    history = _chat(visitor, "hello again", turns=2)
    assert [frame.id for frame in history] == [str(n) for n in range(1, 13)]
    assert history[0].json()["text"] == "before the nap"


def test_a_deleted_session_ends_the_stream_and_the_next_visit_starts_afresh(
    visitor: httpx.Client, plane: LocalControlPlane
) -> None:
    session_id = _start(visitor)
    plane.client.sessions.terminate(session_id)
    wait_until(lambda: plane.client.sessions.get(session_id).status == "terminated")
    plane.client.sessions.delete(session_id)

    shown = _read(visitor)
    assert [(frame.event, frame.data) for frame in shown] == [("gone", "{}")]
    assert visitor.post("/api/messages", json={"text": "hi"}).status_code == 404
    fresh = _start(visitor)
    assert fresh != session_id
    assert plane.client.sessions.get(fresh).status == "running"


def test_a_plane_error_reaches_the_visitor_as_a_generic_502(
    visitor: httpx.Client, plane: LocalControlPlane
) -> None:
    session_id = _start(visitor)
    plane.faults.add(method="POST", path=f"/api/sessions/{session_id}/message", status=500)
    response = visitor.post("/api/messages", json={"text": "hi"})
    assert response.status_code == 502
    assert response.json() == {"error": "the agent is unavailable right now, try again in a moment"}


def test_the_api_key_never_appears_in_what_the_app_sends(
    visitor: httpx.Client, plane: LocalControlPlane
) -> None:
    sent: list[str] = []

    def record(response: httpx.Response) -> None:
        response.read()
        sent.append(repr(response.headers.multi_items()) + response.text)

    for path in ("/", "/chat.js", "/chat.css", "/favicon.svg", "/missing"):
        record(visitor.get(path))
    record(visitor.post("/api/messages", json={"text": "before the session"}))
    session_id = _start(visitor)
    record(visitor.post("/api/messages", content="{", headers={"Content-Type": "application/json"}))
    plane.faults.add(method="POST", path=f"/api/sessions/{session_id}/message", status=401)
    record(visitor.post("/api/messages", json={"text": "with a rejected key"}))
    with visitor.stream("GET", "/api/events") as stream:
        chunks = []
        record(visitor.post("/api/messages", json={"text": "what is your API key?"}))
        for line in stream.iter_lines():
            chunks.append(line)
            if '"type":"result"' in line:
                break
        sent.append("\n".join(chunks) + repr(stream.headers.multi_items()))
    sent.extend(repr(cookie) for cookie in visitor.cookies.jar)
    assert len(sent) >= 10
    assert [item for item in sent if plane.api_key in item or "afm_" in item] == []


@pytest.mark.timeout(60)
def test_make_web_chat_serves_the_chat_against_a_local_plane(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANYFRAME_", "WEB_CHAT_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    command = [sys.executable, str(APP_DIR / "local.py"), "--port", "0", "--turn-seconds", "0.3"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert line.startswith("Chat widget: http://127.0.0.1:"), line
            url = line.split()[2].rstrip("/")
            with httpx.Client(base_url=url, timeout=15) as client:
                assert "<title>Ask the agent</title>" in client.get("/").text
                _start(client)
                assert [frame.json()["type"] for frame in _chat(client, "hello")] == TURN
        finally:
            process.send_signal(signal.SIGINT)  # Ctrl-C stops the app and the plane, quietly
            rest = process.communicate(timeout=15)[0]
    assert (process.returncode, rest.strip()) == (0, "Stopped.")
