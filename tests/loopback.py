"""A scripted HTTP/1.1 server on 127.0.0.1 for tests that need a server to misbehave in ways the local
plane cannot: odd SSE frames, drops at chosen points, corrupt gzip, trickled bodies, hung answers.

Each connection is served by its own thread, which reads one request and hands an `Exchange` to the
test's handler; the handler writes whatever bytes it likes and returns (the connection is then
closed). `Loopback.stop()` closes every socket, so a handler blocked on `exchange.hold()` ends too.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

__all__ = ["Exchange", "Loopback", "serve_loopback", "session_json"]


def session_json(session_id: str) -> dict[str, object]:
    """A minimal valid `Session` body."""
    return {
        "id": session_id,
        "agent_id": 1,
        "status": "running",
        "sandbox_url": None,
        "idle_timeout_s": 600,
        "created_at": "2024-01-01T00:00:00Z",
        "last_active": "2024-01-01T00:00:00Z",
    }


@dataclass
class Exchange:
    """One request received, and the socket to answer it on."""

    index: int
    method: str
    path: str
    headers: dict[str, str]
    sock: socket.socket = field(repr=False)
    stopping: threading.Event = field(repr=False)
    keep_alive: bool = False  # set by an answer that leaves the connection open for the next request

    def send(self, data: bytes) -> None:
        """Write raw bytes (ignoring a client that went away)."""
        with contextlib.suppress(OSError):
            self.sock.sendall(data)

    def respond(
        self,
        status: int = 200,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        keep_alive: bool = False,
    ) -> None:
        """A whole answer with a Content-Length; with `keep_alive` the connection serves the next request."""
        self.keep_alive = keep_alive
        lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}"]
        if not keep_alive:
            lines.append("Connection: close")
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode() + body)

    def json(self, value: object, status: int = 200, *, keep_alive: bool = False) -> None:
        """A JSON answer."""
        body = json.dumps(value).encode()
        self.respond(status, body, {"Content-Type": "application/json"}, keep_alive=keep_alive)

    def sse_head(self, headers: dict[str, str] | None = None) -> None:
        """The head of an event stream whose body is delimited by closing the connection."""
        lines = ["HTTP/1.1 200 OK", "Content-Type: text/event-stream", "Connection: close"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode())

    def chunked_head(self, content_type: str = "text/event-stream") -> None:
        """The head of a chunked answer (a drop before the last chunk is an incomplete body)."""
        self.send(
            f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
        )

    def chunk(self, data: bytes) -> None:
        """One chunk of a chunked body."""
        self.send(f"{len(data):x}\r\n".encode() + data + b"\r\n")

    def hold(self, seconds: float = 10.0) -> None:
        """Keep the connection open without writing, until the server stops or `seconds` pass."""
        self.stopping.wait(seconds)


class Loopback:
    """The server: `url`, the `requests` seen so far, and `stop()`."""

    def __init__(self, handler: Callable[[Exchange], None]) -> None:
        self.handler = handler
        self.requests: list[Exchange] = []
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=2048)
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                self._sockets.add(sock)
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock: socket.socket) -> None:
        try:
            sock.settimeout(10)
            data = b""
            while True:
                while b"\r\n\r\n" not in data:
                    piece = sock.recv(65536)
                    if not piece:
                        return
                    data += piece
                raw_head, _, data = data.partition(b"\r\n\r\n")  # the tests' requests carry small bodies
                head = raw_head.decode("latin-1").split("\r\n")
                method, path, _ = head[0].split(" ", 2)
                headers = {}
                for line in head[1:]:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0"))
                while len(data) < length:
                    data += sock.recv(65536)
                data = data[length:]
                with self._lock:
                    exchange = Exchange(len(self.requests), method, path, headers, sock, self._stopping)
                    self.requests.append(exchange)
                self.handler(exchange)
                if not exchange.keep_alive:
                    return
        except OSError:
            pass
        finally:
            with self._lock:
                self._sockets.discard(sock)
            with contextlib.suppress(OSError):
                sock.close()

    def stop(self) -> None:
        """Stop accepting, and close every connection still open."""
        self._stopping.set()
        self._listener.close()
        with self._lock:
            for sock in list(self._sockets):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        self._acceptor.join(2)

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> None:
        """Block until `count` requests arrived (or fail the test)."""
        deadline = time.monotonic() + timeout
        while len(self.requests) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} requests, saw {len(self.requests)}")
            time.sleep(0.005)


@contextlib.contextmanager
def serve_loopback(handler: Callable[[Exchange], None]) -> Iterator[Loopback]:
    """Run a `Loopback` for the duration of a `with` block."""
    server = Loopback(handler)
    try:
        yield server
    finally:
        server.stop()
