"""`python -m anyframe.testing`: run a local control plane in the foreground until Ctrl-C.

Prints the URL, the API token and a ready `export` line, so another shell can point any AnyFrame client
at it. SIGTERM stops it as cleanly as Ctrl-C (exit status 0).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from types import FrameType

from ._plane import serve

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m anyframe.testing", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="TCP port (default: a free one)")
    parser.add_argument("--time-scale", type=float, default=1.0, help="multiply every simulated delay")
    parser.add_argument("--keepalive-interval", type=float, default=15.0, help="SSE keep-alive seconds")
    parser.add_argument(
        "--api-key", default=None, help="value of the initial token (default: random afm_...)"
    )
    parser.add_argument("--seed", action="store_true", help="start with a demo agent and a running session")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request to stderr")
    return parser


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the plane until interrupted.

    Args:
        argv: Command-line arguments (default `sys.argv[1:]`).

    Returns:
        The process exit status.
    """
    args = _parser().parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(asctime)s %(message)s")
        logging.getLogger("anyframe.testing").setLevel(logging.DEBUG)
    try:
        plane = serve(
            args.host,
            args.port,
            api_key=args.api_key,
            time_scale=args.time_scale,
            keepalive_interval=args.keepalive_interval,
        )
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _interrupt)
    if args.seed:
        seeded = plane.seed()
        print(f"seeded agent {seeded['agent_id']} and session {seeded['session_id']}")
    print(f"AnyFrame local control plane listening on {plane.url}")
    print(f"API key: {plane.api_key}")
    print(f"export ANYFRAME_API_KEY={plane.api_key} ANYFRAME_BASE_URL={plane.url}")
    print("Press Ctrl-C to stop.", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        plane.stop()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
