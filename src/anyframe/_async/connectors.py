"""`af.connectors`: user-scoped MCP connectors (configured once, toggled per agent) and the catalog."""

from __future__ import annotations

import builtins

from .._core.options import RequestOptions, Unpack
from .._core.validate import check_id, check_text, path_segment
from .._generated.api.connectors import (
    create_bearer_connector,
    create_oauth_connector,
    delete_connector,
    discover_connector,
    install_catalog_bearer,
    install_catalog_oauth,
    list_connector_catalog,
    list_connectors,
    reauthorize_connector,
)
from ..models._connectors import Connector, ConnectorAuthorize, ConnectorCatalogItem, ConnectorDiscovery
from ._base import AsyncResource

__all__ = ["AsyncConnectors"]


class AsyncConnectors(AsyncResource):
    """MCP servers registered at the user level (Linear, Sentry, Slack, ...), reusable by every agent.

    Flip them on or off per agent with `af.agents.connectors.set(...)`.
    """

    async def list(self, **options: Unpack[RequestOptions]) -> builtins.list[Connector]:
        """List your connectors.

        Example:
            ```python
            for connector in await af.connectors.list():
                print(connector.id, connector.display_name, connector.auth_kind, connector.is_authorized)
            ```

        Returns:
            The [`Connector`][anyframe.Connector]s.
        """
        return await self._transport.models(list_connectors.build_request(), Connector, options)

    async def list_catalog(self, **options: Unpack[RequestOptions]) -> builtins.list[ConnectorCatalogItem]:
        """List the curated catalog. Each entry's `setup_kind` says which install call to use;
        entries with `coming_soon=True` refuse installs.

        Example:
            ```python
            catalog = await af.connectors.list_catalog()
            sentry = next(item for item in catalog if item.slug == "sentry")
            print(sentry.setup_kind, sentry.installed)  # bearer_token False
            ```

        Returns:
            The [`ConnectorCatalogItem`][anyframe.ConnectorCatalogItem]s, with `installed` and, once
            installed, `connector_id` and `is_authorized`.
        """
        return await self._transport.models(
            list_connector_catalog.build_request(), ConnectorCatalogItem, options
        )

    async def discover(self, mcp_url: str, **options: Unpack[RequestOptions]) -> ConnectorDiscovery:
        """Inspect an MCP server URL before registering it: does it support dynamic client
        registration, what is it called, which scopes does it offer.

        Example:
            ```python
            found = await af.connectors.discover("https://mcp.linear.app/mcp")
            print(found.suggested_display_name, found.supports_dcr, found.scopes_supported)
            ```

        Args:
            mcp_url: The server's MCP endpoint.

        Returns:
            A [`ConnectorDiscovery`][anyframe.ConnectorDiscovery].

        Raises:
            InvalidArgumentError: `mcp_url` is empty; nothing was sent.
        """
        from .._generated.models.connector_discover_request import ConnectorDiscoverRequest

        body = ConnectorDiscoverRequest(mcp_url=check_text("mcp_url", mcp_url))
        return await self._transport.model(
            discover_connector.build_request(body=body), ConnectorDiscovery, options
        )

    async def create_oauth(
        self,
        *,
        mcp_url: str,
        display_name: str,
        default_enabled: bool = True,
        **options: Unpack[RequestOptions],
    ) -> ConnectorAuthorize:
        """Register an OAuth connector. Send the user to the returned `authorize_url` to finish.

        Example:
            ```python
            url = "https://mcp.linear.app/mcp"
            pending = await af.connectors.create_oauth(mcp_url=url, display_name="Linear")
            print("finish in a browser:", pending.authorize_url)
            ```

        Args:
            mcp_url: The server's MCP endpoint.
            display_name: How the connector is shown.
            default_enabled: Whether agents get it enabled unless toggled off.

        Returns:
            A [`ConnectorAuthorize`][anyframe.ConnectorAuthorize] with the URL to open.

        Raises:
            InvalidArgumentError: `mcp_url` or `display_name` is empty; nothing was sent.
            ConflictError: A connector for this URL already exists.
        """
        from .._generated.models.connector_o_auth_create_request import ConnectorOAuthCreateRequest

        body = ConnectorOAuthCreateRequest(
            mcp_url=check_text("mcp_url", mcp_url),
            display_name=check_text("display_name", display_name),
            default_enabled=default_enabled,
        )
        return await self._transport.model(
            create_oauth_connector.build_request(body=body), ConnectorAuthorize, options
        )

    async def create_bearer(
        self,
        *,
        mcp_url: str,
        display_name: str,
        token: str,
        default_enabled: bool = True,
        **options: Unpack[RequestOptions],
    ) -> Connector:
        """Register a connector that authenticates with a bearer token you already have.

        Example:
            ```python
            connector = await af.connectors.create_bearer(
                mcp_url="https://mcp.example.com/mcp", display_name="Example", token="bearer-secret"
            )
            ```

        Args:
            mcp_url: The server's MCP endpoint.
            display_name: How the connector is shown.
            token: The bearer secret; stored server-side, only its last 4 characters come back.
            default_enabled: Whether agents get it enabled unless toggled off.

        Returns:
            The new [`Connector`][anyframe.Connector].

        Raises:
            InvalidArgumentError: `mcp_url`, `display_name` or `token` is empty; nothing was sent.
            ConflictError: A connector for this URL already exists.
        """
        from .._generated.models.connector_bearer_create_request import ConnectorBearerCreateRequest

        body = ConnectorBearerCreateRequest(
            mcp_url=check_text("mcp_url", mcp_url),
            display_name=check_text("display_name", display_name),
            token=check_text("token", token),
            default_enabled=default_enabled,
        )
        self._transport.secrets.add(token)
        return await self._transport.model(
            create_bearer_connector.build_request(body=body), Connector, options
        )

    async def install_catalog_oauth(self, slug: str, **options: Unpack[RequestOptions]) -> ConnectorAuthorize:
        """Install a catalog entry whose `setup_kind` is `oauth_dcr` or `oauth_preregistered`.

        Example:
            ```python
            flow = await af.connectors.install_catalog_oauth("linear")
            print("authorize Linear at", flow.authorize_url)
            ```

        Args:
            slug: The catalog entry, e.g. `"linear"`.

        Returns:
            A [`ConnectorAuthorize`][anyframe.ConnectorAuthorize] with the URL to open.

        Raises:
            InvalidArgumentError: `slug` is empty or not one URL path segment; nothing was sent.
            NotFoundError: No catalog entry has this slug.
            APIError: The entry refuses installs: it is `coming_soon`, or its `setup_kind` needs
                `install_catalog_bearer` (the exact status is the server's choice).
        """
        request = install_catalog_oauth.build_request(path_segment("slug", slug))
        return await self._transport.model(request, ConnectorAuthorize, options)

    async def install_catalog_bearer(
        self, slug: str, *, token: str, **options: Unpack[RequestOptions]
    ) -> Connector:
        """Install a catalog entry whose `setup_kind` is `bearer_token`.

        Example:
            ```python
            sentry = await af.connectors.install_catalog_bearer("sentry", token="sntrys_...")
            print(sentry.id, sentry.catalog_slug)  # ... 'sentry'
            ```

        Args:
            slug: The catalog entry, e.g. `"sentry"`.
            token: The bearer secret for that service.

        Returns:
            The new [`Connector`][anyframe.Connector], with `catalog_slug` set.

        Raises:
            InvalidArgumentError: `slug` or `token` is empty, or `slug` is not one URL path segment;
                nothing was sent.
            NotFoundError: No catalog entry has this slug.
            APIError: The entry refuses installs: it is `coming_soon`, or its `setup_kind` needs
                `install_catalog_oauth` (the exact status is the server's choice).
        """
        from .._generated.models.catalog_bearer_install_request import CatalogBearerInstallRequest

        body = CatalogBearerInstallRequest(token=check_text("token", token))
        request = install_catalog_bearer.build_request(path_segment("slug", slug), body=body)
        self._transport.secrets.add(token)
        return await self._transport.model(request, Connector, options)

    async def reauthorize(self, connector_id: int, **options: Unpack[RequestOptions]) -> ConnectorAuthorize:
        """Start a fresh OAuth flow for an existing connector (its row and per-agent toggles stay).

        Example:
            ```python
            again = await af.connectors.reauthorize(connector.id)  # e.g. after its token expired
            print(again.authorize_url)
            ```

        Args:
            connector_id: The connector's `id`.

        Returns:
            A [`ConnectorAuthorize`][anyframe.ConnectorAuthorize] with the URL to open.

        Raises:
            InvalidArgumentError: `connector_id` is not a non-negative int; nothing was sent.
            NotFoundError: No such connector.
        """
        request = reauthorize_connector.build_request(check_id("connector_id", connector_id))
        return await self._transport.model(request, ConnectorAuthorize, options)

    async def delete(self, connector_id: int, **options: Unpack[RequestOptions]) -> None:
        """Delete a connector (the server also revokes its OAuth client where it can).

        Example:
            ```python
            await af.connectors.delete(connector.id)
            ```

        Args:
            connector_id: The connector's `id`.

        Raises:
            InvalidArgumentError: `connector_id` is not a non-negative int; nothing was sent.
            NotFoundError: No such connector.
        """
        return await self._transport.empty(
            delete_connector.build_request(check_id("connector_id", connector_id)), options
        )
