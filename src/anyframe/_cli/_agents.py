"""`anyframe agents ...`: agents and their builds.

`agents build ID --wait` follows the build log live (a spinner with the elapsed time on a terminal,
plain lines when piped, JSON lines with `--json`), then reads the final state through the SDK's
`wait_for_build`, which also covers a log stream that dropped: the exit status is 0 only for
`succeeded`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ._app import CONTEXT_SETTINGS, App, json_option
from ._args import env_vars, permissions, present
from ._errors import EXIT_API, EXIT_OK

if TYPE_CHECKING:
    from anyframe import AnyFrame, BuildStatus

    from ._output import Live

__all__ = ["agents"]

F = TypeVar("F", bound=Callable[..., object])

# States of a build that is still going (the log stream of any other build only replays history).
_ACTIVE_BUILD = frozenset({"queued", "running"})


@click.group("agents", context_settings=CONTEXT_SETTINGS)
def agents() -> None:
    """Agents and their image builds.

    An agent is the reusable configuration (repo, system prompt, runtime, install command) that
    sessions boot from, once its image is built.
    """


def _agent_options(*, create: bool) -> Callable[[F], F]:
    """The agent fields, as options shared by `create` and `update`."""

    def decorate(f: F) -> F:
        options = [
            click.option("--name", required=create, help="Human-readable label."),
            click.option("--description", help="Free-text description."),
            click.option("--system-prompt", help="Prefix injected into the runtime's system prompt."),
            click.option("--runtime", help="Coding-agent runtime: claude (the server's default) or codex."),
            click.option("--repo", "repo_url", metavar="OWNER/NAME", help="GitHub repository to build."),
            click.option(
                "--ref", "repo_ref", metavar="REF", help="Branch, tag or SHA (server default main)."
            ),
            click.option("--install-cmd", help="Shell command the build runs to install dependencies."),
            click.option("--serve-cmd", help="Dev-server command, e.g. 'bun dev'."),
            click.option(
                "--preview-port",
                "preview_ports",
                type=int,
                multiple=True,
                metavar="PORT",
                help="A port previews may tunnel (repeat for several).",
            ),
            click.option(
                "--permissions",
                metavar="PRESET|JSON",
                help="A preset (read_only, standard, full_trust) or a JSON object.",
            ),
            click.option(
                "--env",
                "env",
                multiple=True,
                metavar="KEY[=VALUE]",
                help="Environment variable for every session; KEY alone takes the value from your "
                "environment (keeps secrets out of the command line). Repeat for several.",
            ),
        ]
        for option in reversed(options):
            f = option(f)
        return f

    return decorate


def _fields(options: dict[str, Any]) -> dict[str, Any]:
    fields = dict(options)
    fields["env_vars"] = env_vars(fields.pop("env"), os.environ)
    fields["permissions"] = permissions(fields["permissions"])
    fields["preview_ports"] = list(fields["preview_ports"]) or None
    return present(fields)


@agents.command("list")
@json_option
@click.pass_obj
def agents_list(app: App) -> None:
    """List your agents."""
    app.out.table(app.client.agents.list(), empty="No agents. Create one with 'anyframe agents create'.")


@agents.command("get")
@click.argument("agent_id", metavar="ID", type=int)
@json_option
@click.pass_obj
def agents_get(app: App, agent_id: int) -> None:
    """Show agent ID with its skills, MCPs, connector toggles and image."""
    app.out.detail(app.client.agents.get(agent_id))


@agents.command("create")
@_agent_options(create=True)
@json_option
@click.pass_obj
def agents_create(app: App, /, **options: Any) -> None:
    """Create an agent; only the options you give are sent.

    \b
    anyframe agents create --name demo --repo tinyhq/box --install-cmd "bun install"
    """
    app.out.detail(app.client.agents.create(**_fields(options)))


@agents.command("update")
@click.argument("agent_id", metavar="ID", type=int)
@_agent_options(create=False)
@json_option
@click.pass_obj
def agents_update(app: App, /, agent_id: int, **options: Any) -> None:
    """Change some fields of agent ID; the others stay as they are."""
    fields = _fields(options)
    if not fields:
        raise click.UsageError("nothing to update: give at least one field option")
    app.out.detail(app.client.agents.update(agent_id, **fields))


@agents.command("delete")
@click.argument("agent_id", metavar="ID", type=int)
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@json_option
@click.pass_obj
def agents_delete(app: App, agent_id: int, yes: bool) -> None:
    """Delete agent ID and everything it owns.

    Its skills, MCPs, builds and sessions go too, so it asks first on a terminal (and wants --yes
    when not on one).
    """
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("deleting an agent also deletes its sessions and builds: pass --yes")
        try:
            confirmed = click.confirm(f"Delete agent {agent_id} with its sessions and builds?", err=True)
        except click.Abort:  # Ctrl-C at the prompt: end its line, so "Interrupted." gets one of its own
            click.echo("", err=True)
            raise
        if not confirmed:
            raise click.ClickException("nothing deleted")
    app.client.agents.delete(agent_id)
    app.out.done(f"Deleted agent {agent_id}.", {"deleted": True, "id": agent_id})


@agents.command("builds")
@click.argument("agent_id", metavar="ID", type=int)
@click.option("--limit", type=int, default=20, show_default=True, help="How many, newest first.")
@json_option
@click.pass_obj
def agents_builds(app: App, agent_id: int, limit: int) -> None:
    """List the builds of agent ID, newest first."""
    app.out.table(app.client.agents.builds(agent_id, limit=limit), empty="No builds yet.")


@agents.command("build")
@click.argument("agent_id", metavar="ID", type=int)
@click.option("--force", is_flag=True, help="Rebuild even if a cached image matches.")
@click.option("--wait", is_flag=True, help="Follow the build log, then exit 0 if it succeeded, 1 if not.")
@click.option(
    "--timeout", type=float, default=600.0, show_default=True, help="Seconds --wait waits for the end."
)
@json_option
@click.pass_obj
def agents_build(app: App, agent_id: int, force: bool, wait: bool, timeout: float) -> int:
    """Build the image of agent ID.

    Builds are cached by repo, ref and install command: a cached image returns at once unless
    --force. With --wait the log streams live, then the final state is shown; the exit status is 0
    only if the build succeeded.
    """
    af, out = app.client, app.out
    queued = af.agents.build(agent_id, force=force)
    if not wait:
        out.detail(queued)
        return EXIT_OK
    if out.json:
        out.event("queued", queued)
    elif not queued.queued:
        out.note(f"Nothing queued: {queued.reason or 'no reason given'}.")
    build_id = queued.build_id
    if build_id is None:  # cached, or a build already running: follow that one if it is still going
        latest = af.agents.builds(agent_id, limit=1)
        if latest and latest[0].state in _ACTIVE_BUILD:
            build_id = latest[0].id
    with out.progress(f"Building agent {agent_id}") as live:
        if build_id is not None:
            _follow_log(app, agent_id, build_id, live)
        status = _final_status(af, agent_id, timeout, live)
    succeeded = status.state == "succeeded"
    if out.json:
        out.event("status", status)
    else:
        where = f"build {build_id}" if build_id is not None else "build"
        detail = f": {status.error}" if status.error else ""
        out.text(
            f"{where} {status.state or 'unknown'}{detail} ({live.elapsed:.1f}s)",
            style="green" if succeeded else "red",
        )
    return EXIT_OK if succeeded else EXIT_API


def _follow_log(app: App, agent_id: int, build_id: int, live: Live) -> None:
    from anyframe import APIConnectionError

    out = app.out
    try:
        with app.client.agents.stream_build(agent_id, build_id) as stream:
            for event in stream:
                data = event.json()
                if out.json:
                    out.event(event.event, data)
                elif event.event == "line" and isinstance(data, dict):
                    text = data.get("content", data.get("text", ""))
                    live.line(str(text).rstrip("\n"))
                elif event.event == "state" and isinstance(data, dict):
                    live.status(f"Build {build_id}: {data.get('state')}")
    except APIConnectionError as exc:
        # The log is best effort; the state is not: the status poll below still decides the exit code.
        out.note(f"The build log stream broke off ({exc}); waiting for the final state.")


def _final_status(af: AnyFrame, agent_id: int, timeout: float, live: Live) -> BuildStatus:
    from anyframe import BuildFailedError

    try:
        return af.agents.wait_for_build(
            agent_id, timeout=timeout, on_status=lambda s: live.status(f"Build: {s.state or 'pending'}")
        )
    except BuildFailedError as exc:
        return exc.build_status
