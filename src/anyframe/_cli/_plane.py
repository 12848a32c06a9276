"""`anyframe plane`: the local control plane of `anyframe.testing`, in the foreground until Ctrl-C.

It prints an `export` line so that another shell (or this CLI) talks to it with no account. The
token it prints is minted when the plane starts, the one secret this command exists to hand out.
Ctrl-C or SIGTERM stop it cleanly, with exit status 0: stopping is how it is meant to end.
"""

from __future__ import annotations

import contextlib
import signal
from types import FrameType

import click

from ._app import CONTEXT_SETTINGS, App, json_option
from ._errors import EXIT_OK
from ._format import json_line

__all__ = ["plane"]


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@click.command("plane", context_settings=CONTEXT_SETTINGS)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="TCP port on 127.0.0.1 (default: a free one)."
)
@click.option(
    "--seed",
    is_flag=True,
    help="Start with a demo agent, its build and a session, printed once that session runs.",
)
@click.option(
    "--time-scale",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Multiply every simulated delay.",
)
@json_option
@click.pass_obj
def plane(app: App, port: int, seed: bool, time_scale: float) -> int:
    """Run a local control plane until Ctrl-C.

    The whole API, in memory, on 127.0.0.1; it prints an export line for other shells.

    \b
    anyframe plane --seed            # then, in another shell, paste the export line it prints
    """
    from anyframe.testing import serve

    try:
        running = serve(port=port, time_scale=time_scale)
    except (OSError, ValueError) as exc:
        hint = ""
        if port and isinstance(exc, OSError):  # most likely in use: say which port, and the way out
            hint = f" (port {port}: pick another --port, or leave it out for a free one)"
        raise click.ClickException(f"cannot start the local control plane: {exc}{hint}") from exc
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with running:
            seeded = running.seed() if seed else None
            export = (
                f"export ANYFRAME_API_KEY={running.api_key} ANYFRAME_BASE_URL={running.url} "
                f"ANYFRAME_PLANE_TOKEN={running.control_token}"
            )
            if app.out.json:
                click.echo(
                    json_line(
                        {
                            "url": running.url,
                            "api_key": running.api_key,
                            "control_token": running.control_token,
                            "seeded": seeded,
                        }
                    )
                )
            else:
                click.echo(f"AnyFrame local control plane listening on {running.url}")
                if seeded is not None:
                    click.echo(f"Seeded agent {seeded['agent_id']} and session {seeded['session_id']}.")
                click.echo(export)
                app.out.note("Press Ctrl-C to stop.")
            with contextlib.suppress(KeyboardInterrupt):
                running.stop_event.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
    app.out.note("Stopped.")
    return EXIT_OK
