"""Connectors: user-level MCP registrations (`af.connectors`) and the curated catalog."""

from __future__ import annotations

from pydantic import Field

from ._base import AnyFrameModel, Timestamp, _empty_list
from ._vocabulary import CatalogSetupKind, CatalogTrustLevel, ConnectorAuthKind, McpTransport

__all__ = ["Connector", "ConnectorAuthorize", "ConnectorCatalogItem", "ConnectorDiscovery"]


class Connector(AnyFrameModel):
    """A user-scoped MCP server registration, reusable across agents."""

    id: int
    """Numeric connector id."""
    display_name: str
    """Human name shown in the dashboard."""
    mcp_url: str
    """URL of the MCP server."""
    catalog_slug: str | None = None
    """Slug of the catalog entry it was installed from, if any."""
    default_enabled: bool = True
    """Whether new agents get this connector switched on."""
    transport: McpTransport | str
    """MCP transport."""
    auth_kind: ConnectorAuthKind | str
    """How the connector authenticates."""
    secret_last4: str | None = None
    """Last four characters of the stored bearer token or OAuth secret."""
    expires_at: Timestamp | None = None
    """When the current OAuth access token expires."""
    scopes: str | None = None
    """Granted OAuth scopes, as one string (unlike `ConnectorDiscovery.scopes_supported`)."""
    is_authorized: bool
    """`True` once the connector holds a usable credential."""
    last_refresh_attempt_at: Timestamp | None = None
    """When the server last tried to refresh the OAuth token."""
    last_refresh_error: str | None = None
    """Error of the last failed token refresh, if any."""
    created_at: Timestamp
    """When the connector was registered."""
    updated_at: Timestamp
    """When the connector was last changed."""


class ConnectorDiscovery(AnyFrameModel):
    """What the server learned by probing an MCP URL, returned by `af.connectors.discover()`."""

    mcp_url: str
    """The probed MCP URL."""
    supports_dcr: bool
    """Whether the server supports OAuth dynamic client registration."""
    suggested_display_name: str
    """A display name to offer the user."""
    authorization_endpoint: str | None = None
    """The OAuth authorization endpoint, if one was found."""
    token_endpoint: str | None = None
    """The OAuth token endpoint, if one was found."""
    scopes_supported: list[str] = Field(default_factory=_empty_list)
    """OAuth scopes the server advertises."""
    auth_scheme: str | None = None
    """How the MCP server authenticates (e.g. `"oauth2"`); `None` when the server does not say."""
    server_name: str | None = None
    """The name the MCP server gives itself (e.g. `"Linear"`); `None` when the server does not say."""


class ConnectorAuthorize(AnyFrameModel):
    """The start of an OAuth flow: send the user to `authorize_url` to finish it in a browser."""

    connector_id: int
    """Id of the connector being authorized."""
    authorize_url: str
    """URL the user opens to grant access."""
    state: str
    """OAuth `state` value bound to this flow."""


class ConnectorCatalogItem(AnyFrameModel):
    """An entry of the curated connector catalog (Linear, Sentry, ...)."""

    slug: str
    """Catalog identifier, e.g. `"linear"`; pass it to the `install_catalog_*` calls."""
    display_name: str
    """Human name of the integration."""
    category: str
    """Category, e.g. `"issue-tracking"`."""
    description: str
    """One-paragraph description."""
    mcp_url: str
    """URL of the integration's MCP server."""
    transport: McpTransport | str
    """MCP transport."""
    setup_kind: CatalogSetupKind | str
    """Which install call to use (see [CatalogSetupKind][anyframe.models.CatalogSetupKind])."""
    publisher: str
    """Who publishes the MCP server."""
    trust_level: CatalogTrustLevel | str
    """How far the publisher is vetted."""
    docs_url: str
    """Link to the integration's documentation."""
    tags: list[str] = Field(default_factory=_empty_list)
    """Free-form search tags."""
    has_logo: bool = False
    """Whether the catalog serves a logo for this entry."""
    coming_soon: bool = False
    """`True` for announced entries that cannot be installed yet."""
    installed: bool = False
    """`True` when the user already installed this entry."""
    connector_id: int | None = None
    """Id of the user's connector for this entry, when installed."""
    is_authorized: bool | None = None
    """Whether the installed connector holds a usable credential; `None` when not installed."""
