"""Connectors: register MCP servers once for your account, from a URL or from the curated catalog."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()

# --8<-- [start:discover]
found = af.connectors.discover("https://mcp.linear.app/mcp")
print(found.suggested_display_name, found.supports_dcr, found.scopes_supported)
# --8<-- [end:discover]

# --8<-- [start:oauth]
pending = af.connectors.create_oauth(mcp_url="https://mcp.linear.app/mcp", display_name="Linear")
print("finish in a browser:", pending.authorize_url)
# --8<-- [end:oauth]

# --8<-- [start:bearer]
example = af.connectors.create_bearer(
    mcp_url="https://mcp.example.com/mcp",
    display_name="Example",
    token="bearer-secret",
    default_enabled=False,  # agents get it switched off until you toggle it on
)
print(example.id, example.auth_kind, example.is_authorized, example.secret_last4)  # ... 'cret'
# --8<-- [end:bearer]

# --8<-- [start:list]
for connector in af.connectors.list():
    print(connector.id, connector.display_name, connector.auth_kind, connector.is_authorized)

again = af.connectors.reauthorize(pending.connector_id)  # a fresh OAuth URL, e.g. after expiry
print(again.authorize_url)

af.connectors.delete(example.id)
# --8<-- [end:list]

# --8<-- [start:catalog]
catalog = af.connectors.list_catalog()
for item in catalog:
    print(f"{item.slug:12} {item.setup_kind:20} installed={item.installed} soon={item.coming_soon}")

sentry = next(c for c in catalog if c.slug == "sentry")
if sentry.setup_kind == "bearer_token" and not sentry.installed:
    installed = af.connectors.install_catalog_bearer("sentry", token="sntrys_example")
    print(installed.display_name, installed.catalog_slug)

notion = next(c for c in catalog if c.slug == "notion")
if notion.setup_kind in ("oauth_dcr", "oauth_preregistered") and not notion.installed:
    flow = af.connectors.install_catalog_oauth("notion")  # the entry supplies URL and name
    print("authorize Notion at", flow.authorize_url)
# --8<-- [end:catalog]

# --8<-- [start:coming_soon]
for item in af.connectors.list_catalog():
    if item.coming_soon:
        try:
            af.connectors.install_catalog_oauth(item.slug)
        except anyframe.APIError as exc:  # refused: the entry cannot be installed yet
            print(item.slug, exc.status_code, exc.message)
# --8<-- [end:coming_soon]

af.close()
