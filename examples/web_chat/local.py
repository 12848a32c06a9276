"""`make web-chat`: the chat widget against a local control plane, no account needed.

Starts `anyframe.testing.serve()`, creates and builds an agent, then serves `app.py` on
http://127.0.0.1:8000 (`--port` to change it, `--port 0` for any free one) and prints the URL.
Ctrl-C stops both.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import socket
import sys
from pathlib import Path

import uvicorn

import anyframe.testing

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8000, help="port of the chat page (default 8000)")
    parser.add_argument("--turn-seconds", type=float, default=3.0, help="length of a scripted agent turn")
    args = parser.parse_args(argv)

    try:
        listener = socket.create_server(("127.0.0.1", args.port))  # bound first: the URL printed is right
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        print(f"cannot listen on 127.0.0.1:{args.port}: {reason}; pick another port: make web-chat PORT=8001")
        return 2
    with anyframe.testing.serve(turn_seconds=args.turn_seconds) as plane:
        af = plane.client
        agent = af.agents.create(name="web-chat", repo_url="tinyhq/box", install_cmd="bun install")
        af.agents.build(agent.id)
        af.agents.wait_for_build(agent.id)
        os.environ.update(
            ANYFRAME_API_KEY=plane.api_key,
            ANYFRAME_BASE_URL=plane.url,
            WEB_CHAT_AGENT_ID=str(agent.id),
            WEB_CHAT_SECRET=secrets.token_urlsafe(32),
            WEB_CHAT_SECURE_COOKIE="0",  # plain http on 127.0.0.1; keep the default (1) behind https
        )
        sys.path.insert(0, str(HERE))
        from app import app  # imported now: its module-level client reads the variables above

        port = listener.getsockname()[1]
        print(f"Chat widget: http://127.0.0.1:{port}/  (local control plane at {plane.url}; Ctrl-C stops)")
        sys.stdout.flush()
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=1))
        with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises Ctrl-C once it has shut down
            server.run(sockets=[listener])
    print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
