"""`anyframe connectors ...`: your MCP connectors and the curated catalog.

`install SLUG` reads the catalog entry's `setup_kind` to pick the flow: OAuth entries print the URL
to finish in a browser; bearer-token entries read the token like a credential (hidden prompt or
stdin, never an argument).
"""

from __future__ import annotations

import click

from ._app import CONTEXT_SETTINGS, App, json_option, read_secret

__all__ = ["connectors"]

_OAUTH = frozenset({"oauth_dcr", "oauth_preregistered"})
_BEARER = "bearer_token"


@click.group("connectors", context_settings=CONTEXT_SETTINGS)
def connectors() -> None:
    """MCP connectors and the catalog to install them from.

    Connectors (Linear, Sentry, ...) belong to you, not to one agent; agents toggle them on or off.
    """


@connectors.command("list")
@json_option
@click.pass_obj
def connectors_list(app: App) -> None:
    """List your connectors."""
    app.out.table(app.client.connectors.list(), empty="No connectors. See 'anyframe connectors catalog'.")


@connectors.command("catalog")
@json_option
@click.pass_obj
def connectors_catalog(app: App) -> None:
    """List the curated catalog.

    Install an entry with 'anyframe connectors install SLUG'.
    """
    app.out.table(app.client.connectors.list_catalog(), empty="The catalog is empty.")


@connectors.command("discover")
@click.argument("url")
@json_option
@click.pass_obj
def connectors_discover(app: App, url: str) -> None:
    """Inspect the MCP server at URL before registering it.

    Shows whether it supports dynamic client registration, its OAuth endpoints and scopes.
    """
    app.out.detail(app.client.connectors.discover(url))


@connectors.command("install")
@click.argument("slug")
@json_option
@click.pass_obj
def connectors_install(app: App, slug: str) -> None:
    """Install the catalog entry SLUG.

    OAuth entries print an authorization URL to open in a browser. Bearer-token entries read the
    token at a hidden prompt, or from stdin when piped.
    """
    resource = app.client.connectors
    entry = next((item for item in resource.list_catalog() if item.slug == slug), None)
    if entry is None:
        raise click.BadParameter(
            f"no catalog entry {slug!r}; 'anyframe connectors catalog' lists them", param_hint="SLUG"
        )
    if entry.coming_soon:
        raise click.ClickException(
            f"{entry.display_name} ({slug}) is coming soon and cannot be installed yet"
        )
    if entry.setup_kind == _BEARER:
        connector = resource.install_catalog_bearer(slug, token=read_secret(f"{entry.display_name} token"))
        app.out.detail(connector)
    elif entry.setup_kind in _OAUTH:
        authorize = resource.install_catalog_oauth(slug)
        if app.out.json:
            app.out.detail(authorize)
            return
        app.out.note(f"Open this URL in a browser to finish connecting {entry.display_name}:")
        click.echo(authorize.authorize_url)
    else:
        raise click.ClickException(
            f"{slug!r} is set up with {entry.setup_kind!r}, which this command cannot install; register "
            "the server with the SDK (af.connectors.create_oauth / create_bearer)"
        )


@connectors.command("delete")
@click.argument("connector_id", metavar="ID", type=int)
@json_option
@click.pass_obj
def connectors_delete(app: App, connector_id: int) -> None:
    """Delete connector ID (and its per-agent toggles)."""
    app.client.connectors.delete(connector_id)
    app.out.done(f"Deleted connector {connector_id}.", {"deleted": True, "id": connector_id})
