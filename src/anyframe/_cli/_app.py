"""The root `anyframe` command, its global options, and what every subcommand shares.

The command modules import Click and this module only; each command body imports the SDK when it
runs, so `anyframe --help` (and shell completion) never loads httpx, pydantic or Rich.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

import click

from .._version import __version__
from ._output import Output

if TYPE_CHECKING:
    from anyframe import AnyFrame

__all__ = ["App", "Settings", "cli", "json_option", "read_secret"]

F = TypeVar("F", bound=Callable[..., object])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@dataclass
class Settings:
    """The global options, as given on the command line (`None` = resolve like the SDK)."""

    api_key: str | None = None
    base_url: str | None = None
    json: bool = False
    debug: bool = False


class App:
    """State shared by the commands of one invocation: the settings, the output, one lazy client."""

    def __init__(self) -> None:
        self.settings = Settings()
        self._client: AnyFrame | None = None

    @cached_property
    def out(self) -> Output:
        """The output, decided on first use (after every `--json` has been parsed)."""
        return Output.detect(json_flag=self.settings.json)

    @property
    def client(self) -> AnyFrame:
        """An `AnyFrame` client, created on first use: `--api-key` / `--base-url` > environment > `.env`."""
        if self._client is None:
            from anyframe import AnyFrame

            self._client = AnyFrame(api_key=self.settings.api_key, base_url=self.settings.base_url)
        return self._client

    def close(self) -> None:
        """Close the client's connection pool, if one was opened."""
        if self._client is not None:
            client, self._client = self._client, None
            client.close()


def _set_json(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(App).settings.json = True


def json_option(f: F) -> F:
    """`--json` on a subcommand, the same as the global one (`anyframe agents list --json`)."""
    return click.option(
        "--json",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_json,
        help="Print JSON (one document; JSON lines for streams).",
    )(f)


def read_secret(label: str) -> str:
    """A secret from a hidden prompt on a terminal, else from standard input; never from argv.

    Raises:
        click.UsageError: Nothing was entered or piped.
    """
    value = click.prompt(label, hide_input=True, err=True) if sys.stdin.isatty() else sys.stdin.read()
    value = value.strip()
    if not value:
        raise click.UsageError(f"no {label.lower()} given: type it at the prompt or pipe it on stdin")
    return value


def _debug_logging() -> None:
    # Request traces of the SDK (method, path, status, timing: never headers or bodies) on stderr.
    logger = logging.getLogger("anyframe")
    logger.setLevel(logging.DEBUG)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)


@click.group(
    context_settings=CONTEXT_SETTINGS,
    help=(
        "Drive the AnyFrame control plane from a terminal: agents, builds, sessions, previews, "
        "connectors, credentials and tokens.\n\n"
        "The API key and URL resolve like the SDK's: --api-key / --base-url, else ANYFRAME_API_KEY / "
        "ANYFRAME_BASE_URL in the environment, else a .env file in the working directory. Output is a "
        "table on a terminal, tab-separated text when piped, JSON with --json.\n\n"
        "Exit status: 0 done, 1 API or network error, 2 usage error, 130 interrupted."
    ),
)
@click.option(
    "--api-key",
    metavar="KEY",
    help="API token (afm_...). Prefer ANYFRAME_API_KEY: arguments are visible to other local users.",
)
@click.option(
    "--base-url", metavar="URL", help="Control-plane URL (default: ANYFRAME_BASE_URL, then the SDK's)."
)
@click.option(
    "--json",
    "json_flag",
    is_flag=True,
    help="Print JSON: one document per command, JSON lines for streams.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and log every request to stderr.")
@click.version_option(__version__, "--version", prog_name="anyframe", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, api_key: str | None, base_url: str | None, json_flag: bool, debug: bool) -> None:
    settings = ctx.ensure_object(App).settings
    settings.api_key = api_key
    settings.base_url = base_url
    settings.json = settings.json or json_flag
    settings.debug = debug
    if debug:
        _debug_logging()


@cli.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script for SHELL.

    \b
    bash:  eval "$(anyframe completion bash)"        (e.g. in ~/.bashrc)
    zsh:   eval "$(anyframe completion zsh)"         (e.g. in ~/.zshrc)
    fish:  anyframe completion fish > ~/.config/fish/completions/anyframe.fish
    """
    from click.shell_completion import get_completion_class

    completion_class = get_completion_class(shell)
    if completion_class is None:  # pragma: no cover - the choices are the shells Click ships
        raise click.UsageError(f"no completion for {shell}")
    click.echo(completion_class(cli, {}, "anyframe", "_ANYFRAME_COMPLETE").source())
