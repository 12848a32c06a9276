"""`anyframe sessions ...`, `anyframe previews ...` and `anyframe attention`: sandboxes and what they need.

The chat commands (`sessions tail`, `send`, `chat`) live in `_chat`; the entry point adds them to the
`sessions` group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ._app import CONTEXT_SETTINGS, App, json_option
from ._errors import EXIT_API, EXIT_OK
from ._format import json_document

if TYPE_CHECKING:
    from anyframe import PreviewActionResult, Session

__all__ = ["attention", "previews", "sessions", "wait_running"]

_SESSION = click.argument("session_id", metavar="SESSION_ID")


@click.group("sessions", context_settings=CONTEXT_SETTINGS)
def sessions() -> None:
    """Sessions: live sandboxes booted from an agent's image."""


@sessions.command("list")
@json_option
@click.pass_obj
def sessions_list(app: App) -> None:
    """List your sessions, newest first."""
    app.out.table(app.client.sessions.list(), empty="No sessions. Boot one with 'anyframe sessions new'.")


@sessions.command("get")
@_SESSION
@json_option
@click.pass_obj
def sessions_get(app: App, session_id: str) -> None:
    """Show session SESSION_ID."""
    app.out.detail(app.client.sessions.get(session_id))


@sessions.command("new")
@click.argument("agent_id", metavar="AGENT_ID", type=int)
@click.option(
    "--idle-timeout", type=int, default=300, show_default=True, help="Idle seconds before it snapshots."
)
@click.option("--unsafe", is_flag=True, help="Run the coding agent with permission prompts skipped.")
@click.option("--from-snapshot", "snapshot_id", type=int, metavar="ID", help="Hydrate from this snapshot.")
@click.option("--setup", is_flag=True, help="A setup session (boots from the dependencies image).")
@click.option("--wait", is_flag=True, help="Wait until it is running (exit 1 if it ends instead).")
@click.option("--timeout", type=float, default=180.0, show_default=True, help="Seconds --wait waits.")
@json_option
@click.pass_obj
def sessions_new(
    app: App,
    agent_id: int,
    idle_timeout: int,
    unsafe: bool,
    snapshot_id: int | None,
    setup: bool,
    wait: bool,
    timeout: float,
) -> None:
    """Boot a session of agent AGENT_ID from its latest image."""
    session = app.client.sessions.create(
        agent_id=agent_id,
        idle_timeout_s=idle_timeout,
        unsafe=unsafe,
        resume_from_snapshot_id=snapshot_id,
        is_setup_session=setup,
    )
    app.out.detail(wait_running(app, session, timeout) if wait else session)


@sessions.command("terminate")
@_SESSION
@json_option
@click.pass_obj
def sessions_terminate(app: App, session_id: str) -> None:
    """Snapshot and stop session SESSION_ID."""
    app.out.detail(app.client.sessions.terminate(session_id))


@sessions.command("resume")
@_SESSION
@click.option("--unsafe", is_flag=True, help="Run the coding agent with permission prompts skipped.")
@click.option("--wait", is_flag=True, help="Wait until it is running (exit 1 if it ends instead).")
@click.option("--timeout", type=float, default=180.0, show_default=True, help="Seconds --wait waits.")
@json_option
@click.pass_obj
def sessions_resume(app: App, session_id: str, unsafe: bool, wait: bool, timeout: float) -> None:
    """Boot session SESSION_ID again from its latest snapshot."""
    session = app.client.sessions.resume(session_id, unsafe=unsafe)
    app.out.detail(wait_running(app, session, timeout) if wait else session)


@sessions.command("delete")
@_SESSION
@json_option
@click.pass_obj
def sessions_delete(app: App, session_id: str) -> None:
    """Delete session SESSION_ID for good (terminate it first)."""
    app.client.sessions.delete(session_id)
    app.out.done(f"Deleted session {session_id}.", {"deleted": True, "id": session_id})


@sessions.command("snapshots")
@_SESSION
@json_option
@click.pass_obj
def sessions_snapshots(app: App, session_id: str) -> None:
    """List the snapshots of session SESSION_ID, newest first."""
    app.out.table(app.client.sessions.snapshots(session_id), empty="No snapshots yet.")


def wait_running(app: App, session: Session, timeout: float) -> Session:
    """Wait until the session runs, behind a spinner showing its status (`sessions new|resume --wait`, `chat`)."""
    with app.out.progress(f"Session {session.id}: {session.status}") as live:
        return app.client.sessions.wait_until_running(
            session.id, timeout=timeout, on_status=lambda s: live.status(f"Session {s.id}: {s.status}")
        )


# --- previews ---------------------------------------------------------------------------------------------


@click.group("previews", context_settings=CONTEXT_SETTINGS)
def previews() -> None:
    """Dev servers inside a session's sandbox, tunnelled out."""


def _target(f: click.decorators.FC) -> click.decorators.FC:
    f = click.option("--name", help="The preview's name.")(f)
    return click.option("--port", type=int, help="The preview's port.")(f)


def _require_target(port: int | None, name: str | None) -> None:
    if port is None and name is None:
        raise click.UsageError("say which preview: --port PORT or --name NAME")


def _action(app: App, result: PreviewActionResult) -> int:
    """Print a preview action's result; a result with `ok: false` exits 1 with its error."""
    app.out.detail(result)
    if result.ok:
        return EXIT_OK
    if not app.out.json:
        app.out.note(f"error: {result.error or 'the preview action failed'}")
    return EXIT_API


@previews.command("list")
@_SESSION
@json_option
@click.pass_obj
def previews_list(app: App, session_id: str) -> None:
    """List the previews of session SESSION_ID."""
    app.out.table(app.client.sessions.previews_list(session_id), empty="No previews.")


@previews.command("start")
@_SESSION
@click.argument("cmd", metavar="CMD")
@_target
@json_option
@click.pass_obj
def previews_start(app: App, session_id: str, cmd: str, port: int | None, name: str | None) -> int:
    """Run CMD in session SESSION_ID and tunnel its port.

    Without --port the control plane picks one (and may restart the sandbox to open it).

    \b
    anyframe previews start SESSION_ID "bun dev" --port 3000 --name web
    """
    return _action(app, app.client.sessions.previews_start(session_id, cmd=cmd, port=port, name=name))


@previews.command("status")
@_SESSION
@_target
@json_option
@click.pass_obj
def previews_status(app: App, session_id: str, port: int | None, name: str | None) -> int:
    """Show one preview of session SESSION_ID."""
    _require_target(port, name)
    return _action(app, app.client.sessions.previews_status(session_id, port=port, name=name))


@previews.command("stop")
@_SESSION
@_target
@json_option
@click.pass_obj
def previews_stop(app: App, session_id: str, port: int | None, name: str | None) -> int:
    """Stop one preview of session SESSION_ID."""
    _require_target(port, name)
    return _action(app, app.client.sessions.previews_stop(session_id, port=port, name=name))


@previews.command("logs")
@_SESSION
@_target
@click.option("--tail", type=int, default=200, show_default=True, help="How many lines, from the end.")
@json_option
@click.pass_obj
def previews_logs(app: App, session_id: str, port: int | None, name: str | None, tail: int) -> None:
    """Print the last lines one preview of session SESSION_ID wrote."""
    _require_target(port, name)
    logs = app.client.sessions.previews_logs(session_id, port=port, name=name, tail=tail)
    lines = logs.get("lines")
    if app.out.json or not isinstance(lines, list):  # an answer of another shape is shown as it came
        click.echo(json_document(logs))
        return
    for line in lines:
        app.out.log(str(line).rstrip("\n"))


# --- attention --------------------------------------------------------------------------------------------


@click.command("attention", context_settings=CONTEXT_SETTINGS)
@click.option("--limit", type=int, default=20, show_default=True, help="How many items (1-100).")
@json_option
@click.pass_obj
def attention(app: App, limit: int) -> None:
    """List the sessions that need you.

    Pending prompts first, then idle agents, then recently paused sandboxes.
    """
    app.out.table(app.client.attention.list(limit=limit), empty="Nothing needs you.")
