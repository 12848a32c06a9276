"""A canned HTTP/1.1 loopback server for `scripts/bench.py`: fixed bytes, keep-alive, no logic.

The benchmark compares the SDK with raw httpx, so the server must cost the same, and as little as
possible, for both: every answer is prebuilt bytes written with one `transport.write`, and the server
runs in its own process (started by the benchmark) so that it does not share the client's GIL.

Routes (GET only; anything else is a 404 or 405 with a JSON `detail`, as the real control plane does):

- `/api/agents`: 100 agents with every field of the contract's `Agent` schema filled in realistically.
- `/api/sessions/{id}`: one running session with a preview.
- `/api/sessions/{id}/events`: a backlog replay of chat events as one chunked `text/event-stream`
  body cut into 64 KiB chunks (many frames per chunk), then the end of the body. The number of events
  is the last group of the session id read as a decimal number, so
  `00000000-0000-0000-0000-000000200000` replays 200,000 events. Bodies are built once per count.
- `/api/sessions/{id}/events` for an id starting `11111111-`: a live chat stream (the chat widget's
  case): event 1 at once, then the connection stays open, receiving whatever is broadcast.
- `/_bench/broadcast?seq=N`: writes event N to every open live stream; answers `{"streams": count}`.

Run: `python scripts/bench_server.py` prints `port <n>` on stdout once listening on 127.0.0.1 (an
ephemeral port) and serves until stdin closes or the process is terminated.
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import datetime, timedelta, timezone

__all__ = ["AGENT_COUNT", "agents_body", "event_frame", "main", "session_body", "sse_body"]

AGENT_COUNT = 100
SSE_CHUNK = 64 * 1024
_T0 = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)


def _ts(offset_s: int) -> str:
    return (_T0 + timedelta(seconds=offset_s)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def agents_body() -> bytes:
    """The JSON array answered for `GET /api/agents`: 100 agents, all contract fields present."""
    agents = [
        {
            "id": i,
            "name": f"agent-{i:03d}",
            "description": f"Agent {i}: keeps the docs site and its examples in sync with the main branch.",
            "system_prompt": (
                "You are a careful senior engineer. Read the repository's CONTRIBUTING.md first, run the "
                "test suite before and after every change, and keep each commit small and reviewable."
            ),
            "runtime": "claude" if i % 3 else "codex",
            "repo_url": f"tinyhq/project-{i % 17}",
            "repo_ref": "main",
            "install_cmd": "bun install --frozen-lockfile",
            "serve_cmd": "bun dev --port 3000",
            "preview_ports": [3000, 5173],
            "build_key": f"{i:08x}c0ffee{i * 7919:010x}",
            "permissions": {"preset": "standard", "allow_network": True},
            "env_vars": {"DATABASE_URL": "****", "NODE_ENV": "****", "SENTRY_DSN": "****"},
            "warmup_image_id": f"im_{i:06d}" if i % 2 else None,
            "created_at": _ts(i * 3600),
            "updated_at": _ts(i * 3600 + 1800),
        }
        for i in range(1, AGENT_COUNT + 1)
    ]
    return json.dumps(agents).encode()


def session_body() -> bytes:
    """The JSON object answered for `GET /api/sessions/{id}`: a running session with one preview."""
    session = {
        "id": "3f2b8c1e-9a47-4d2e-b6f0-5c81d2a7e934",
        "agent_id": 42,
        "status": "running",
        "modal_sandbox_id": "sb-8f3K2mQ9xYz",
        "sandbox_url": "https://sb-8f3k2mq9xyz.sandbox.anyfrm.com",
        "snapshot_image_id": "im_snap_000731",
        "idle_timeout_s": 300,
        "previews": [
            {
                "port": 3000,
                "name": "web",
                "cmd": "bun dev --port 3000",
                "status": "running",
                "url": "https://3000-sb-8f3k2mq9xyz.preview.anyfrm.com",
                "started_at": 1740821400.25,
                "exit_code": None,
            }
        ],
        "is_setup_session": False,
        "created_at": _ts(0),
        "last_active": _ts(754),
    }
    return json.dumps(session).encode()


def event_frame(seq: int) -> bytes:
    """One chat event as the server frames it: `id` (the seq), `event`, one JSON `data` line."""
    payload = {"type": "assistant", "delta": True, "content": [{"type": "text", "text": f"token {seq} "}]}
    return b"id: %d\nevent: assistant\ndata: %s\n\n" % (seq, json.dumps(payload).encode())


def sse_body(count: int) -> bytes:
    """`count` chat events, as a chunked HTTP body of `SSE_CHUNK`-byte chunks, end marker included."""
    raw = b"".join(event_frame(seq) for seq in range(1, count + 1))
    parts = []
    for start in range(0, len(raw), SSE_CHUNK):
        piece = raw[start : start + SSE_CHUNK]
        parts.append(b"%x\r\n%s\r\n" % (len(piece), piece))
    parts.append(b"0\r\n\r\n")
    return b"".join(parts)


def _response(status: str, content_type: str, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\n"
        "date: Sat, 01 Mar 2025 09:30:00 GMT\r\n"
        "server: anyframe-bench\r\n"
        f"content-type: {content_type}\r\n"
        f"content-length: {len(body)}\r\n"
        "x-request-id: req_bench\r\n"
        "\r\n"
    )
    return head.encode() + body


_SSE_HEAD = (
    b"HTTP/1.1 200 OK\r\n"
    b"date: Sat, 01 Mar 2025 09:30:00 GMT\r\n"
    b"server: anyframe-bench\r\n"
    b"content-type: text/event-stream\r\n"
    b"cache-control: no-cache\r\n"
    b"transfer-encoding: chunked\r\n"
    b"x-request-id: req_bench\r\n"
    b"\r\n"
)


class _Routes:
    def __init__(self) -> None:
        self.agents = _response("200 OK", "application/json", agents_body())
        self.session = _response("200 OK", "application/json", session_body())
        self.not_found = _response("404 Not Found", "application/json", b'{"detail":"not found"}')
        self.not_allowed = _response(
            "405 Method Not Allowed", "application/json", b'{"detail":"method not allowed"}'
        )
        self.streams: dict[int, bytes] = {}
        self.live: set[asyncio.Transport] = set()

    def broadcast(self, query: bytes) -> bytes:
        seq = int(query.partition(b"seq=")[2] or b"2")
        frame = event_frame(seq)
        chunk = b"%x\r\n%s\r\n" % (len(frame), frame)
        for transport in list(self.live):
            transport.write(chunk)
        return _response("200 OK", "application/json", json.dumps({"streams": len(self.live)}).encode())

    def answer(self, method: bytes, target: bytes, transport: asyncio.Transport) -> bytes:
        if method != b"GET":
            return self.not_allowed
        path, _, query = target.partition(b"?")
        if path == b"/api/agents":
            return self.agents
        if path == b"/_bench/broadcast":
            return self.broadcast(query)
        if path.startswith(b"/api/sessions/"):
            rest = path[len(b"/api/sessions/") :]
            if b"/" not in rest:
                return self.session
            session_id, _, tail = rest.partition(b"/")
            if tail == b"events" and session_id.startswith(b"11111111-"):
                self.live.add(transport)
                frame = event_frame(1)
                return _SSE_HEAD + b"%x\r\n%s\r\n" % (len(frame), frame)
            if tail == b"events":
                count = int(session_id.rsplit(b"-", 1)[-1] or b"0", 10) if session_id[-1:].isdigit() else 0
                body = self.streams.get(count)
                if body is None:
                    body = self.streams[count] = _SSE_HEAD + sse_body(count)
                return body
        return self.not_found


class _Connection(asyncio.Protocol):
    """One keep-alive connection: parse request heads (no request bodies here), write canned answers."""

    def __init__(self, routes: _Routes) -> None:
        self.routes = routes
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer + data if self.buffer else data
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                break
            line_end = buffer.find(b"\r\n")
            method, target, _version = buffer[:line_end].split(b" ", 2)
            buffer = buffer[end + 4 :]
            assert self.transport is not None
            self.transport.write(self.routes.answer(method, target, self.transport))
        self.buffer = buffer

    def connection_lost(self, exc: Exception | None) -> None:
        if self.transport is not None:
            self.routes.live.discard(self.transport)


async def _serve() -> None:
    routes = _Routes()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Connection(routes), "127.0.0.1", 0, backlog=4096)
    port = server.sockets[0].getsockname()[1]
    print(f"port {port}", flush=True)
    # Serve until the parent closes our stdin (or kills us): no orphan servers if the benchmark dies.
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


def main() -> int:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 8192:  # the live-stream figure holds a thousand connections open at once
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    asyncio.run(_serve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
