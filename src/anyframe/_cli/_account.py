"""`anyframe me`, `anyframe tokens ...` and `anyframe credentials ...`: who you are and what you hold.

Secrets go one way only. A minted token is printed once, by `tokens create`; credential values are
read from a hidden prompt or standard input (never from an argument, which `ps` and shell history
would keep) and only their `set` / `last4` ever come back.
"""

from __future__ import annotations

import click

from ._app import CONTEXT_SETTINGS, App, json_option, read_secret
from ._format import CredentialRow
from ._output import Output

__all__ = ["credentials", "me", "tokens"]

_KINDS = ("claude", "codex", "github")
_LABELS = {"claude": "Claude token", "codex": "Codex token", "github": "GitHub token"}


@click.command("me", context_settings=CONTEXT_SETTINGS)
@json_option
@click.pass_obj
def me(app: App) -> None:
    """Show the account the API key belongs to.

    A quick check that the key and the URL work.
    """
    app.out.detail(app.client.me())


# --- tokens ---------------------------------------------------------------------------------------------


@click.group("tokens", context_settings=CONTEXT_SETTINGS)
def tokens() -> None:
    """API tokens: list, create (shown once), revoke."""


@tokens.command("list")
@json_option
@click.pass_obj
def tokens_list(app: App) -> None:
    """List your tokens (prefix and last 4 characters only)."""
    app.out.table(app.client.tokens.list(), empty="No tokens.")


@tokens.command("create")
@click.argument("name")
@json_option
@click.pass_obj
def tokens_create(app: App, name: str) -> None:
    """Mint a token called NAME and print it, once.

    This is the only time the token is shown: store it now.

    When piped, only the token is written to stdout (`KEY=$(anyframe tokens create ci)`).
    """
    created = app.client.tokens.create(name=name)
    out: Output = app.out
    if out.json:
        out.detail(created)  # the one document that carries the secret, as asked
        return
    out.note(f"Created token {created.name!r} (id {created.id}). Store it now: it is not shown again.")
    click.echo(created.token)


@tokens.command("revoke")
@click.argument("token_id", metavar="ID", type=int)
@json_option
@click.pass_obj
def tokens_revoke(app: App, token_id: int) -> None:
    """Revoke token ID; requests with it fail from now on."""
    app.client.tokens.revoke(token_id)
    app.out.done(f"Revoked token {token_id}.", {"revoked": True, "id": token_id})


# --- credentials ----------------------------------------------------------------------------------------


@click.group("credentials", context_settings=CONTEXT_SETTINGS)
def credentials() -> None:
    """Claude, Codex and GitHub credentials (write-only).

    Your sandboxes use them; only whether each is set and its last 4 characters ever come back.
    """


@credentials.command("show")
@json_option
@click.pass_obj
def credentials_show(app: App) -> None:
    """Show which credentials are set (last 4 characters only)."""
    view = app.client.credentials.get()
    if app.out.json:
        app.out.detail(view)
        return
    rows = [
        CredentialRow(kind, part.set, part.last4, part.updated_at)
        for kind, part in (("claude", view.claude), ("codex", view.codex), ("github", view.github))
    ]
    app.out.table(rows)


@credentials.command("set")
@click.argument("kind", type=click.Choice(_KINDS))
@json_option
@click.pass_obj
def credentials_set(app: App, kind: str) -> None:
    """Store the KIND credential, read at a hidden prompt or from stdin.

    Never from an argument, which the shell history and other users (ps) would see.

    \b
    anyframe credentials set claude                      # prompts, input hidden
    printf %s "$GITHUB_PAT" | anyframe credentials set github
    """
    secret = read_secret(_LABELS[kind])
    resource = app.client.credentials
    setter = {"claude": resource.set_claude, "codex": resource.set_codex, "github": resource.set_github}[kind]
    setter(secret)
    app.out.done(f"Stored the {kind} credential.", {"kind": kind, "set": True})


@credentials.command("clear")
@click.argument("kind", type=click.Choice(_KINDS))
@json_option
@click.pass_obj
def credentials_clear(app: App, kind: str) -> None:
    """Remove the KIND credential."""
    resource = app.client.credentials
    clear = {"claude": resource.clear_claude, "codex": resource.clear_codex, "github": resource.clear_github}
    clear[kind]()
    app.out.done(f"Cleared the {kind} credential.", {"kind": kind, "set": False})
