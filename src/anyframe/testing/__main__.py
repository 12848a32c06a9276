"""`python -m anyframe.testing`: run a local control plane in the foreground until Ctrl-C.

Prints the URL, the API token, the control token and a ready `export` line, so another shell can point
any AnyFrame client at it; with `--seed` it first creates a demo agent and a session and prints all of
that only once the session is running, so a script started right after (the user guide's "take over a
running session") finds it. SIGTERM stops it as cleanly as Ctrl-C (exit status 0).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from types import FrameType

from ._config import Limits
from ._plane import serve

__all__ = ["main"]

_DEFAULTS = Limits()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m anyframe.testing",
        description=__doc__.splitlines()[0],
        epilog="Try --seed to start with a demo agent and a running session, ready for the user guide's examples.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="TCP port (default: a free one)")
    parser.add_argument("--time-scale", type=float, default=1.0, help="multiply every simulated delay")
    parser.add_argument("--keepalive-interval", type=float, default=15.0, help="SSE keep-alive seconds")
    parser.add_argument(
        "--api-key", default=None, help="value of the initial token (default: random afm_...)"
    )
    parser.add_argument(
        "--control-token", default=None, help="value of the /_plane control token (default: random)"
    )
    parser.add_argument(
        "--seed",
        action="store_true",
        help="start with a demo agent and a running session (printed once the session runs)",
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=_DEFAULTS.max_connections,
        help=f"connections served at once (default {_DEFAULTS.max_connections})",
    )
    parser.add_argument(
        "--read-timeout",
        type=float,
        default=_DEFAULTS.read_timeout,
        help=f"seconds a client may take to send a request (default {_DEFAULTS.read_timeout:g})",
    )
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
            control_token=args.control_token,
            limits=Limits(max_connections=args.max_connections, read_timeout=args.read_timeout),
            time_scale=args.time_scale,
            keepalive_interval=args.keepalive_interval,
        )
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if args.seed:
            seeded = plane.seed()  # returns once the seeded session is running
            print(
                f"seeded agent {seeded['agent_id']} (demo) and session {seeded['session_id']}, running",
                flush=True,
            )
        print(f"AnyFrame local control plane listening on {plane.url}")
        print(f"API key: {plane.api_key}")
        print(f"Control token (for /_plane): {plane.control_token}")
        print(
            f"export ANYFRAME_API_KEY={plane.api_key} ANYFRAME_BASE_URL={plane.url} "
            f"ANYFRAME_PLANE_TOKEN={plane.control_token}"
        )
        if not args.seed:
            print("Tip: --seed starts it with a demo agent and a running session.")
        print("Press Ctrl-C to stop.", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    except TimeoutError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        plane.stop()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
