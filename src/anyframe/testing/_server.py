"""HTTP/1.1 plumbing of the local control plane: a threading server that tracks and can kill connections.

Why not `http.server` as is: its handler writes the status line, headers and body in separate `send`
calls (Nagle plus delayed ACK then adds ~40 ms per request on loopback), logs every request to stderr,
answers errors with HTML, joins no daemon threads on close, and leaves idle keep-alive connections and
open SSE streams hanging after `shutdown()`. This subclass writes each response in one `sendall`, sets
`TCP_NODELAY`, writes SSE frames as HTTP chunks, tracks every accepted socket and handler thread so that
[PlaneServer.close][anyframe.testing._server.PlaneServer.close] ends them all, and implements the
stream faults (cut, stall) at the socket level where they belong.

Connection lifecycle, in one place: the accepting loop owns a socket from `accept` until a thread of its
own takes it over, and that thread's `finally` (or, when no thread ever runs, the accepting loop's)
releases it, so every accepted socket is closed exactly once whatever path it took (refused over
`max_connections`, closed idle, answered 408, dropped by a client that went away, ended by a stop). A
connection is either *waiting* for its next request or *answering* one. Closing the server shuts the
waiting ones down at once (nothing is owed on them) and lets the answering ones finish: an open event
stream sees the plane's stop, sends its terminating chunk and closes, so a client reads a complete
body. Only an answer that has not ended after half the close timeout (a client that stopped reading)
is cut.

It is also a server on a developer's machine that any local process (or web page) can reach, so it is
bounded: a request must arrive whole within `read_timeout` seconds of the connection opening or of the
previous answer (idle keep-alive connections and slow-loris clients are closed; a request cut short
answers 408), a client that stops reading an answer is dropped after the same time, at most
`max_connections` connections are served at once (one thread each; the next one is answered 503 at
once), bodies are capped at 16 MiB, and a malformed `Content-Length` or chunk size answers 400 instead of
reading the socket to its end. Open event streams cost a thread each but no CPU while idle: the default
bound ([Limits][anyframe.testing.Limits]) sits far above the thousand concurrent streams the SDK's
benchmarks hold open.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import itertools
import json
import logging
import re
import selectors
import socket
import threading
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import parse_qsl, urlsplit

from ._faults import StreamFault
from ._http import ApiError, Frames, Request, Response, StreamResponse, error_response

__all__ = ["App", "PlaneServer"]

logger = logging.getLogger("anyframe.testing")

_MAX_BODY = 16 * 1024 * 1024
_MAX_TRAILERS = 64
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")
_LENGTH = re.compile(rb"[0-9]{1,20}")
_request_ids = itertools.count(1)


class _DeadlineReader(io.RawIOBase):
    """Socket reads bounded by one deadline for the whole request, not by a timeout per `recv`.

    A per-read timeout lets a client that trickles one byte every few seconds hold its thread for ever;
    a deadline does not. `received` counts the bytes of the current request, so a timeout can tell an
    idle keep-alive connection (close quietly) from a request cut short (answer 408).
    """

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self.sock = sock
        self.deadline: float | None = None
        self.received = 0
        self.timed_out = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.deadline is not None:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self.timed_out = True
                raise TimeoutError("the request did not arrive in time")
            self.sock.settimeout(remaining)
        try:
            count = self.sock.recv_into(buffer)
        except TimeoutError:
            self.timed_out = True
            raise
        self.received += count
        return count


class App(Protocol):
    """What the server needs from the plane."""

    stop_event: threading.Event

    def handle(self, request: Request) -> Response | StreamResponse:
        """Answer one request."""


class PlaneServer(ThreadingHTTPServer):
    """A `ThreadingHTTPServer` with connection tracking, a deep accept backlog and quiet logging."""

    daemon_threads = True
    request_queue_size = 2048  # a benchmark opens 1,000 requests at once through a 100-connection pool
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        app: App,
        family: socket.AddressFamily,
        *,
        max_connections: int,
        read_timeout: float,
    ) -> None:
        self.address_family = family
        self.app = app
        self.max_connections = max_connections
        self.read_timeout = read_timeout
        self._lock = threading.Lock()
        self._closing = False
        # Every open connection, and whether it is answering a request (else waiting for the next one).
        self._conns: dict[socket.socket, bool] = {}
        # Every handler thread started, until pruned once finished: close() joins those still alive, so
        # it returns only after they have exited (a thread cannot take itself out after it ended).
        self._threads: set[threading.Thread] = set()
        self._wake: tuple[socket.socket, socket.socket] | None = None
        super().__init__(address, _Handler)  # binds; on failure it calls server_close and re-raises
        try:
            self._wake = socket.socketpair()
        except OSError:
            self.server_close()
            raise

    def serve(self) -> None:
        """Accept connections until [wake][anyframe.testing._server.PlaneServer.wake] is called.

        Unlike `serve_forever`, which polls a shutdown flag every `poll_interval`, this loop blocks on the
        listening socket and a wake-up socket, so stopping takes no polling delay and idling costs no CPU.
        """
        assert self._wake is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            selector.register(self._wake[0], selectors.EVENT_READ)
            while True:
                for key, _ in selector.select():
                    if key.fileobj is not self.socket:
                        return
                    self._accept()

    def wake(self) -> None:
        """Make [serve][anyframe.testing._server.PlaneServer.serve] return (thread-safe, idempotent)."""
        if self._wake is not None:
            with contextlib.suppress(OSError):
                self._wake[1].send(b"x")

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup that can take seconds.
        self.socket.bind(self.server_address)
        self.server_address = self.socket.getsockname()
        self.server_name = str(self.server_address[0])
        self.server_port = int(self.server_address[1])

    def server_close(self) -> None:
        """Close the listening socket and the wake-up pair (idempotent)."""
        self.socket.close()
        wake, self._wake = self._wake, None
        for sock in wake or ():
            sock.close()

    def _accept(self) -> None:
        """Accept one connection and hand it to a thread of its own, or refuse it with a 503.

        The socket is closed exactly once: by [_release][anyframe.testing._server.PlaneServer._release]
        in the serving thread's `finally` once that thread runs, else here, whatever went wrong.
        """
        try:
            sock, address = self.socket.accept()
        except OSError:  # the client gave up before it was accepted
            return
        handed_over = False
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                closing, busy = self._closing, len(self._conns)
                if not closing and busy < self.max_connections:
                    self._conns[sock] = False
            if closing:
                return
            if busy >= self.max_connections:
                self._refuse(sock)
                return
            thread = threading.Thread(
                target=self._serve_connection,
                args=(sock, address),
                name="anyframe-plane-conn",
                daemon=True,
            )
            thread.start()
            handed_over = True
            with self._lock:
                if len(self._threads) > 2 * len(self._conns) + 64:  # amortised: O(1) per connection
                    self._threads = {t for t in self._threads if t.is_alive()}
                self._threads.add(thread)
        except Exception:  # e.g. the peer reset the connection already, or no thread could be started
            logger.debug("could not serve an accepted connection", exc_info=True)
        finally:
            if not handed_over:
                self._release(sock)

    def _refuse(self, sock: socket.socket) -> None:
        """Answer 503 at once, on the accepting thread, when every connection slot is taken."""
        detail = (
            f"the local control plane is already serving {self.max_connections} connections "
            "(max_connections); close idle clients or start it with a larger max_connections"
        )
        body = json.dumps({"detail": detail}).encode()
        head = (
            f"HTTP/1.1 503 Service Unavailable\r\nx-request-id: req_{next(_request_ids)}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nRetry-After: 1\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        with contextlib.suppress(OSError):
            sock.settimeout(1.0)
            sock.sendall(head + body)
        logger.debug("refused a connection: %d already open", self.max_connections)

    def _serve_connection(self, sock: socket.socket, client_address: object) -> None:
        try:
            self.finish_request(sock, client_address)
        except Exception:  # the peer vanished mid-request; nothing to report
            logger.debug("connection ended with an error", exc_info=True)
        finally:
            self._release(sock)

    def _release(self, sock: socket.socket) -> None:
        """Forget a connection and close its socket: the one way every accepted socket ends."""
        with self._lock:
            self._conns.pop(sock, None)
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)  # a FIN after whatever was written
        sock.close()

    def next_request(self, sock: socket.socket) -> bool:
        """Mark a connection as waiting for its next request; `False` once closing (serve no more)."""
        with self._lock:
            if self._closing:
                return False
            self._conns[sock] = False
            return True

    def answering(self, sock: socket.socket) -> None:
        """Mark a connection as answering the request it read (closing lets the answer finish)."""
        with self._lock:
            if sock in self._conns:
                self._conns[sock] = True

    def close(self, timeout: float = 2.0) -> None:
        """Stop accepting, end every open connection and join every handler thread.

        Call it once the app has set its `stop_event` (and ended its streams): connections waiting for a
        request are shut down at once; answers in flight get half of `timeout` to end by themselves (an
        open event stream sends its terminating chunk, so its client reads a complete body), then what is
        left is cut.

        Args:
            timeout: Total seconds to wait for handler threads to finish.
        """
        deadline = time.monotonic() + timeout
        with self._lock:
            self._closing = True
            waiting = [sock for sock, answering in self._conns.items() if not answering]
        for sock in waiting:
            _shut(sock)  # wakes a handler blocked reading the next keep-alive request
        if not self._join(deadline - timeout / 2):
            with self._lock:
                stuck = list(self._conns)
            logger.debug("cutting %d answer(s) that did not end in time", len(stuck))
            for sock in stuck:
                _shut(sock)  # wakes a handler blocked writing to a client that stopped reading
            if not self._join(deadline):
                logger.debug("connection thread(s) did not finish in time")
        self.server_close()

    def _join(self, deadline: float) -> bool:
        """Wait until every handler thread has finished, or `deadline`; whether they all did."""
        while True:
            with self._lock:
                threads = [thread for thread in self._threads if thread.is_alive()]
            if not threads:
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            threads[0].join(remaining)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "anyframe-testing"
    sys_version = ""
    server: PlaneServer

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # the stock buffered reader: replaced, and released so the socket can close
        self._reader = _DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self._reader)
        self._responded = False
        # What an answer needs before a request line was parsed (a 408 for a request cut short).
        self.command, self.requestline, self.request_version = "", "", "HTTP/1.1"

    def handle_one_request(self) -> None:
        if not self.server.next_request(self.connection):  # the server is closing: serve no more
            self.close_connection = True
            return
        # The whole next request, from its first byte to the end of its body, must arrive in time.
        self._reader.deadline = time.monotonic() + self.server.read_timeout
        self._reader.received = 0
        self._reader.timed_out = False
        self._responded = False
        super().handle_one_request()  # turns a TimeoutError into close_connection = True
        if self._reader.timed_out and self._reader.received and not self._responded:
            self.close_connection = True
            seconds = self.server.read_timeout
            detail = f"the request did not arrive within {seconds:g} s; send it whole, without pausing"
            with contextlib.suppress(OSError):
                self.connection.settimeout(1.0)
                self._write(error_response(ApiError(408, detail)), f"req_{next(_request_ids)}")

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # The path without its query: a signed log URL's `sig` and an OAuth `state` are secrets.
        path = self.path.split("?", 1)[0] if self.command else "-"
        logger.debug("%s - %s %s %s", self.address_string(), self.command or "-", path, code)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Malformed request lines, 414s and unknown methods: JSON like everything else, then close.
        self.close_connection = True
        detail = message or http.client.responses.get(code, "Error")
        self._write(error_response(ApiError(code, detail)), f"req_{next(_request_ids)}")

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def _dispatch(self) -> None:
        request_id = f"req_{next(_request_ids)}"
        try:
            body = self._read_body()
        except ApiError as exc:
            self.close_connection = True
            self._write(error_response(exc), request_id)
            return
        # The request is in; from now on the socket only writes, and a client that stops reading the
        # answer for `read_timeout` seconds is dropped rather than holding its thread.
        self.server.answering(self.connection)
        self._reader.deadline = None
        self.connection.settimeout(self.server.read_timeout)
        url = urlsplit(self.path)
        request = Request(
            method=self.command.upper(),
            path=url.path or "/",
            query=dict(parse_qsl(url.query, keep_blank_values=True)),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        result = self.server.app.handle(request)
        if isinstance(result, StreamResponse):
            self._write_stream(result, request_id)
        else:
            self._write(result, request_id)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        raw_length = self.headers.get("Content-Length")
        if raw_length is None:
            return b""
        if not _LENGTH.fullmatch(raw_length.strip().encode("latin-1", "replace")):
            raise ApiError(400, "invalid Content-Length: send the body's size in bytes as a decimal number")
        length = int(raw_length)
        if length > _MAX_BODY:
            raise ApiError(413, _too_large(length))
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            raise ApiError(
                400, f"the body ended after {len(body)} of the {length} bytes Content-Length announced"
            )
        return body

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            size_line = self.rfile.readline(1026)
            if not size_line.endswith(b"\n"):
                raise ApiError(
                    400, "malformed chunked body: a chunk size line is missing or longer than 1 KiB"
                )
            size_text = size_line.split(b";", 1)[0].strip()
            if not _CHUNK_SIZE.fullmatch(size_text):
                shown = size_text[:20].decode("latin-1")
                raise ApiError(
                    400, f"malformed chunked body: chunk size {shown!r} is not 1-16 hexadecimal digits"
                )
            size = int(size_text, 16)
            if size == 0:
                for _ in range(_MAX_TRAILERS):
                    if not self.rfile.readline(8192).strip():
                        return b"".join(parts)
                raise ApiError(400, f"malformed chunked body: more than {_MAX_TRAILERS} trailer lines")
            total += size
            if total > _MAX_BODY:
                raise ApiError(413, _too_large(total))
            data = self.rfile.read(size)
            if len(data) < size or self.rfile.readline(3) not in (b"\r\n", b"\n"):
                raise ApiError(
                    400, "malformed chunked body: a chunk is shorter than its size or lacks its CRLF"
                )
            parts.append(data)

    def _head(self, status: int, request_id: str, headers: dict[str, str]) -> bytearray:
        reason = http.client.responses.get(status, "Unknown")
        out = bytearray(f"HTTP/1.1 {status} {reason}\r\nx-request-id: {request_id}\r\n".encode("latin-1"))
        for name, value in headers.items():
            out += f"{name}: {value}\r\n".encode("latin-1")
        if self.close_connection:
            out += b"Connection: close\r\n"
        return out

    def _write(self, response: Response, request_id: str) -> None:
        self._responded = True
        headers = dict(response.headers)
        if response.content_type is not None:
            headers["Content-Type"] = response.content_type
        if response.status != 204 and not 100 <= response.status < 200:
            headers["Content-Length"] = str(len(response.body))
        if self.command == "HEAD":
            self.close_connection = True
        out = self._head(response.status, request_id, headers)
        out += b"\r\n"
        if self.command != "HEAD":
            out += response.body
        self.log_request(response.status)
        self.wfile.write(out)

    def _write_stream(self, response: StreamResponse, request_id: str) -> None:
        headers = {
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",
            "Transfer-Encoding": "chunked",
        }
        self._responded = True
        out = self._head(response.status, request_id, headers) + b"\r\n"
        fault = response.fault if isinstance(response.fault, StreamFault) else None
        try:
            self.wfile.write(out)
            try:
                self._write_frames(response.frames, fault)
            except _Cut:
                self.close_connection = True
                return
            self.wfile.write(b"0\r\n\r\n")  # also when the plane stopped: the client reads a whole body
        except OSError:  # the client went away: end this connection quietly
            self.close_connection = True
        finally:
            close = getattr(response.frames, "close", None)
            if close is not None:
                close()

    def _write_frames(self, frames: Iterable[Frames], fault: StreamFault | None) -> None:
        """Write each batch of frames as one chunk, applying `fault` after its `after` events.

        Raises:
            _Cut: The fault cuts the stream (the caller closes without the terminating chunk).
        """
        if fault is not None and fault.after == 0 and not _cuts_mid_frame(fault):
            if not self._trigger(fault):
                return
            fault = None
        sent = 0
        for batch in frames:
            if fault is None:
                self._chunk(b"".join(batch))
                continue
            for frame in batch:
                if fault is None:
                    self._chunk(frame)
                    continue
                is_event = not frame.startswith(b":")
                if is_event and _cuts_mid_frame(fault) and sent >= fault.after:
                    self._chunk(frame[: max(1, len(frame) // 2)])
                    raise _Cut
                self._chunk(frame)
                if is_event:
                    sent += 1
                    if sent >= fault.after and not _cuts_mid_frame(fault):
                        if not self._trigger(fault):
                            return
                        fault = None

    def _trigger(self, fault: StreamFault) -> bool:
        """Apply a cut (raise `_Cut`) or a stall (silence, then carry on); `False` if the plane stopped meanwhile."""
        if fault.kind == "cut":
            raise _Cut
        stop = self.server.app.stop_event
        return not stop.wait(fault.seconds)

    def _chunk(self, data: bytes) -> None:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))


class _Cut(Exception):
    """A stream fault ends the stream here, without its terminating chunk."""


def _too_large(size: int) -> str:
    return f"request body too large ({size} bytes); the local control plane accepts at most {_MAX_BODY} bytes"


def _cuts_mid_frame(fault: StreamFault) -> bool:
    return fault.kind == "cut" and fault.partial
