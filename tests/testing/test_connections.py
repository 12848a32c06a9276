"""The connection lifecycle of the local plane's server: every accepted socket ends, and ends cleanly.

Contracts pinned (five of these tests failed on the server before its lifecycle was made one piece;
the read-timeout one guards paths that already worked, the client-that-stopped-reading one the bound of
the new stop):
- stopping ends an open event stream with its terminating chunk, so the client reads a complete body:
  also when the stream's thread is slow to notice the stop, and also in the middle of a stall fault;
- a connection that cannot get a thread of its own is closed at once, and the plane still stops;
- a port already in use fails `start()` with `OSError` and leaves no socket open (the wake-up pair
  included);
- every socket the plane accepts is closed once its connection ends, whatever ended it: an answer with
  `Connection: close`, the read timeout (idle, or a request cut short: 408), the connection bound (503),
  a client that reset the connection mid-stream, a revoked token, or the stop (idle keep-alive and open
  streams alike);
- a stream to a client that stopped reading is cut after half of `close`'s timeout: stopping never hangs;
- a keep-alive connection whose answer ends after the stop began is closed, not kept waiting for a next
  request until the cut.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from anyframe.testing import Limits, LocalControlPlane, serve
from anyframe.testing._http import Frames, Request, Response, StreamResponse
from anyframe.testing._server import PlaneServer

from ._helpers import frames, running_session, take, wait_for

pytestmark = pytest.mark.integration


@pytest.fixture
def sockets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[socket.socket]]:
    """Every `socket.socket` created while the test runs (kept alive, so a leak is seen, not collected)."""
    created: list[socket.socket] = []
    init = socket.socket.__init__

    def spy(self: socket.socket, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)  # type: ignore[arg-type]
        created.append(self)

    monkeypatch.setattr(socket.socket, "__init__", spy)
    yield created
    monkeypatch.undo()
    for sock in created:  # a failed test must not spill ResourceWarnings into the next one
        sock.close()


def _accepted(created: list[socket.socket], port: int) -> list[socket.socket]:
    """The sockets a server on `port` accepted that are still open."""
    out = []
    for sock in created:
        if sock.fileno() == -1 or sock.family not in (socket.AF_INET, socket.AF_INET6):
            continue
        try:
            listening = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
            local_port = sock.getsockname()[1]
        except OSError:
            continue
        if not listening and local_port == port:
            out.append(sock)
    return out


def _port(plane: LocalControlPlane) -> int:
    return int(plane.url.rsplit(":", 1)[1])


def _connect(plane: LocalControlPlane) -> socket.socket:
    return socket.create_connection(("127.0.0.1", _port(plane)), timeout=5)


def _reset(sock: socket.socket) -> None:
    """Close with an RST instead of a FIN: a client killed mid-answer."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _read_to_end(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


# -- a fake app: the server alone, with streams whose timing the test controls ----------------------------


class _App:
    """The [App][anyframe.testing._server.App] protocol with one stream, `GET /stream`."""

    def __init__(self, frames: Callable[[], Iterator[Frames]]) -> None:
        self.stop_event = threading.Event()
        self.frames = frames

    def handle(self, request: Request) -> Response | StreamResponse:
        return StreamResponse(self.frames())


class _Running:
    def __init__(self, app: _App, read_timeout: float = 30.0) -> None:
        self.app = app
        self.server = PlaneServer(
            ("127.0.0.1", 0), app, socket.AF_INET, max_connections=16, read_timeout=read_timeout
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.accepting = threading.Thread(target=self.server.serve, daemon=True)
        self.accepting.start()
        self.closing = threading.Event()

    def stop(self, timeout: float) -> None:
        """What `LocalControlPlane.stop` does: tell the app, stop accepting, close the connections."""
        self.app.stop_event.set()
        self.server.wake()
        self.accepting.join()
        self.closing.set()
        self.server.close(timeout)


def test_stop_waits_for_a_stream_whose_thread_is_slow_to_see_it() -> None:
    def slow_to_end() -> Iterator[Frames]:
        yield [b"data: first\n\n"]
        running.closing.wait(10)  # the stop has reached the server's close...
        time.sleep(0.2)  # ...and this thread gets the CPU a moment later (a busy machine)
        yield [b"data: last\n\n"]

    running = _Running(_App(slow_to_end))
    threads = set(threading.enumerate())
    with (
        httpx.Client(base_url=running.url, timeout=10) as client,
        client.stream("GET", "/stream") as response,
    ):
        lines = response.iter_lines()
        assert next(lines) == "data: first"
        stopper = threading.Thread(target=running.stop, args=(10.0,))
        stopper.start()
        rest = list(lines)  # a whole body: the terminating chunk came, nothing was cut
        stopper.join()
    assert rest == ["", "data: last", ""]
    assert set(threading.enumerate()) <= threads


def test_stop_cuts_a_stream_to_a_client_that_stopped_reading() -> None:
    def endless() -> Iterator[Frames]:  # never ends by itself: only the cut frees its thread
        frame = b"data: " + b"x" * (1 << 20) + b"\n\n"
        while True:
            yield [frame]

    running = _Running(_App(endless))
    threads = set(threading.enumerate())
    with socket.create_connection(("127.0.0.1", running.server.server_port), timeout=5) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.sendall(b"GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")  # then never reads again
        started = time.monotonic()
        running.stop(2.0)  # one second for the answer to end by itself, then it is cut
        assert time.monotonic() - started < 4.0
    assert set(threading.enumerate()) <= threads


def test_stop_closes_a_keep_alive_connection_whose_stream_ended_at_the_stop() -> None:
    # The stream was being answered when the stop came, so the stop let it finish; the connection
    # must then close instead of waiting for a next request until the stop cuts what is left.
    def until_stop() -> Iterator[Frames]:
        yield [b"data: first\n\n"]
        running.closing.wait(10)  # the stream ends only once the stop has reached the server's close
        time.sleep(0.2)

    running = _Running(_App(until_stop))
    with socket.create_connection(("127.0.0.1", running.server.server_port), timeout=5) as sock:
        sock.sendall(b"GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")  # HTTP/1.1: keep-alive
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        stopper = threading.Thread(target=running.stop, args=(40.0,))  # the cut would come after 20 s
        stopper.start()
        sock.settimeout(10)  # far less than the 20 s before the cut
        body = _read_to_end(sock)  # TimeoutError if the connection waits for a next request
        stopper.join(10)
        assert not stopper.is_alive()
    assert body.endswith(b"0\r\n\r\n")


# -- the plane ---------------------------------------------------------------------------------------------


def test_stop_in_the_middle_of_a_stall_ends_the_stream_cleanly() -> None:
    plane = serve()
    with httpx.Client(base_url=plane.url, headers={"Authorization": f"Bearer {plane.api_key}"}) as api:
        session = running_session(api)
        api.post(f"/api/sessions/{session['id']}/message", json={"text": "hi"})
        plane.faults.stall_stream(path="/api/sessions/*/events", after=1, seconds=30)
        with api.stream("GET", f"/api/sessions/{session['id']}/events") as response:
            stream = frames(response)
            assert len(take(stream, 1)) == 1  # then the stall: silence for 30 s
            started = time.monotonic()
            stopper = threading.Thread(target=plane.stop)
            stopper.start()
            list(stream)  # ends at once, complete: no incomplete chunked read
            stopper.join()
            assert time.monotonic() - started < 5.0


def test_a_connection_that_gets_no_thread_is_closed_and_stop_still_works(
    monkeypatch: pytest.MonkeyPatch, sockets: list[socket.socket]
) -> None:
    start = threading.Thread.start
    refused: list[threading.Thread] = []

    def start_or_fail(self: threading.Thread) -> None:
        if self.name == "anyframe-plane-conn" and not refused:
            refused.append(self)
            raise RuntimeError("can't start new thread")
        start(self)

    monkeypatch.setattr(threading.Thread, "start", start_or_fail)
    plane = serve()
    try:
        with _connect(plane) as sock:
            assert _read_to_end(sock) == b""  # closed at once, not left hanging
        assert refused
        headers = {"Authorization": f"Bearer {plane.api_key}"}
        assert httpx.get(f"{plane.url}/api/me", headers=headers).status_code == 200  # the slot is free
    finally:
        plane.stop()  # joins only threads that started
    assert _accepted(sockets, _port(plane)) == []


def test_a_busy_port_fails_start_and_leaves_no_socket_open(sockets: list[socket.socket]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError):
            LocalControlPlane(port=taken.getsockname()[1]).start()
        assert [sock for sock in sockets if sock is not taken and sock.fileno() != -1] == []


def test_connections_the_read_timeout_ends_close_their_sockets(sockets: list[socket.socket]) -> None:
    with serve(limits=Limits(read_timeout=0.5)) as plane:
        port = _port(plane)
        auth = f"Authorization: Bearer {plane.api_key}\r\n"
        with _connect(plane) as sock:  # an answer with Connection: close
            sock.sendall(f"GET /api/me HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n".encode())
            assert _read_to_end(sock).startswith(b"HTTP/1.1 200")
        with _connect(plane) as sock:  # idle past the read timeout
            assert _read_to_end(sock) == b""
        with _connect(plane) as sock:  # a request cut short: 408
            sock.sendall(b"GET /api/me HTTP/1.1\r\n")
            assert _read_to_end(sock).startswith(b"HTTP/1.1 408")
        wait_for(lambda: _accepted(sockets, port) == [])


def test_every_accepted_socket_is_closed_whatever_ended_its_connection(sockets: list[socket.socket]) -> None:
    plane = serve(limits=Limits(max_connections=3), keepalive_interval=0.05, time_scale=0.1)
    port = _port(plane)
    headers = {"Authorization": f"Bearer {plane.api_key}"}
    try:
        with httpx.Client(base_url=plane.url, headers=headers, timeout=5) as api:
            session = running_session(api)
            minted = api.post("/api/tokens", json={"name": "widget"}).json()
        path = f"/api/sessions/{session['id']}/events"

        def open_stream(token: str = plane.api_key) -> socket.socket:
            sock = _connect(plane)
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n".encode())
            assert sock.recv(4096).startswith(b"HTTP/1.1 200")
            return sock

        held = [open_stream() for _ in range(3)]  # every slot taken: the next connection is refused
        with _connect(plane) as sock:
            assert _read_to_end(sock).startswith(b"HTTP/1.1 503")
        for sock in held:  # clients killed mid-stream: the next keep-alive write fails
            _reset(sock)
        wait_for(lambda: _accepted(sockets, port) == [])

        with open_stream(minted["token"]) as sock:  # a stream whose token is revoked ends
            assert httpx.delete(f"{plane.url}/api/tokens/{minted['id']}", headers=headers).status_code == 204
            data = b""
            while not data.endswith(b"0\r\n\r\n"):
                data += sock.recv(65536)
        wait_for(lambda: len(_accepted(sockets, port)) <= 1)  # its connection waits for a next request

        idle, streaming = _connect(plane), open_stream()  # open at the stop
        plane.stop()
        assert _accepted(sockets, port) == []
        assert _read_to_end(idle) == b""
        assert _read_to_end(streaming).endswith(b"0\r\n\r\n")  # the stream ended whole
        idle.close()
        streaming.close()
    finally:
        plane.stop()
