"""The `anyframe` command line: a thin layer over the public SDK (`anyframe.AnyFrame`).

Installed as the `anyframe` console script and runnable as `python -m anyframe`. Built on Click, with
Rich for tables and live displays. Both are dependencies of the package (not an extra), so that
`pip install anyframe` always gives a working command; neither is imported by the SDK itself.

Start-up is kept close to the interpreter's: `anyframe --help` and shell completion import Click and
the command tree only. Each command imports the SDK (httpx, pydantic) when it runs, and Rich on its
first table or spinner.

`main()` owns the exit status and the error line (see `_errors`): Click's usage errors become one
line and status 2, SDK errors one line and status 1, Ctrl-C status 130, and no traceback unless
`--debug` is given. A closed pipe (`anyframe agents list | head -1`) ends the command quietly with
status 1, as Click arranges.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

import click

__all__ = ["main"]


def _command() -> click.Group:
    """The whole command tree (imports Click, not the SDK)."""
    from ._account import credentials, me, tokens
    from ._agents import agents
    from ._app import cli
    from ._chat import chat, send, tail
    from ._connectors import connectors
    from ._plane import plane
    from ._sessions import attention, previews, sessions

    for command in (me, tokens, credentials, connectors, agents, sessions, previews, attention, plane):
        cli.add_command(command)
    for chat_command in (tail, send, chat):
        sessions.add_command(chat_command)
    return cli


def _usage_line(exc: click.UsageError) -> str:
    hint = ""
    if exc.ctx is not None:
        hint = f" (see '{exc.ctx.command_path} --help')"
    return f"error: {exc.format_message().rstrip('.')}{hint}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status.

    Args:
        argv: The arguments after the program name (default `sys.argv[1:]`).

    Returns:
        0 done, 1 API or network error, 2 usage error, 130 interrupted.
    """
    from ._app import App
    from ._errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, failure

    cli = _command()
    app = App()
    try:
        result = cli.main(
            args=list(sys.argv[1:] if argv is None else argv),
            prog_name="anyframe",
            complete_var="_ANYFRAME_COMPLETE",
            standalone_mode=False,
            obj=app,
        )
    except click.exceptions.NoArgsIsHelpError as exc:  # `anyframe` or `anyframe agents` alone: the help
        click.echo(exc.format_message(), err=True)
        return EXIT_USAGE
    except click.UsageError as exc:
        click.echo(_usage_line(exc), err=True)
        return EXIT_USAGE
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo("Interrupted.", err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if app.settings.debug:
            traceback.print_exc()
        status, message = failure(exc)
        click.echo(f"error: {message}", err=True)
        return status
    finally:
        app.close()
    if isinstance(result, int):
        return result
    return EXIT_OK
