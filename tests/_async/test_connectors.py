"""Wire tests of `af.connectors` (api-contract.md §6).

Contracts pinned here:

- `list()`: `GET /api/connectors` -> `list[Connector]`; `list_catalog()`: `GET /api/connectors/catalog`
  -> `list[ConnectorCatalogItem]`.
- `discover(url)`: `POST /api/connectors/discover` with exactly `{"mcp_url":"..."}` -> `ConnectorDiscovery`.
- `create_oauth(...)`: `POST /api/connectors/oauth` with `mcp_url`, `display_name` and
  `"default_enabled":true` always sent -> `ConnectorAuthorize`; `default_enabled=False` is sent as false;
  a duplicate (409 `already exists`) raises `ConflictError`.
- `create_bearer(...)`: `POST /api/connectors/bearer` with `mcp_url`, `display_name`, `token`,
  `"default_enabled":true` -> `Connector`.
- `install_catalog_oauth(slug)`: `POST /api/connectors/catalog/{slug}/oauth` with NO body and no
  Content-Type -> `ConnectorAuthorize`.
- `install_catalog_bearer(slug, token=)`: `POST /api/connectors/catalog/{slug}/bearer` with exactly
  `{"token":"..."}` -> `Connector` with `catalog_slug`.
- `reauthorize(id)`: `POST /api/connectors/{id}/reauthorize` with NO body -> `ConnectorAuthorize`.
- `delete(id)`: `DELETE /api/connectors/{id}`, 204 -> `None`.
"""

from __future__ import annotations

import pytest
import respx

from anyframe import (
    AsyncAnyFrame,
    ConflictError,
    Connector,
    ConnectorAuthorize,
    ConnectorCatalogItem,
    ConnectorDiscovery,
)

from .wire import AUTHORIZE, CATALOG_ITEM, CONNECTOR, DISCOVERY, assert_sent


@pytest.mark.anyio
async def test_list_gets_the_users_connectors(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get("/api/connectors").respond(200, json=[CONNECTOR])
    connectors = await af.connectors.list()
    assert_sent(route, "GET", "/api/connectors")
    assert [type(c) for c in connectors] == [Connector]
    assert (connectors[0].id, connectors[0].auth_kind, connectors[0].secret_last4) == (
        5,
        "bearer_token",
        "wxyz",
    )


@pytest.mark.anyio
async def test_list_catalog_gets_the_catalog_entries(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.get("/api/connectors/catalog").respond(200, json=[CATALOG_ITEM])
    catalog = await af.connectors.list_catalog()
    assert_sent(route, "GET", "/api/connectors/catalog")
    assert [type(c) for c in catalog] == [ConnectorCatalogItem]
    assert (catalog[0].slug, catalog[0].setup_kind, catalog[0].installed) == ("linear", "oauth_dcr", False)
    assert catalog[0].tags == ["issues"]


@pytest.mark.anyio
async def test_discover_posts_only_the_mcp_url(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/connectors/discover").respond(200, json=DISCOVERY)
    found = await af.connectors.discover("https://mcp.linear.app/sse")
    assert_sent(route, "POST", "/api/connectors/discover", body=b'{"mcp_url":"https://mcp.linear.app/sse"}')
    assert isinstance(found, ConnectorDiscovery)
    assert (found.supports_dcr, found.scopes_supported) == (True, ["read", "write"])


@pytest.mark.anyio
async def test_create_oauth_always_sends_default_enabled_true(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/connectors/oauth").respond(200, json=AUTHORIZE)
    started = await af.connectors.create_oauth(mcp_url="https://mcp.example.com", display_name="Example")
    assert_sent(
        route,
        "POST",
        "/api/connectors/oauth",
        body=b'{"mcp_url":"https://mcp.example.com","display_name":"Example","default_enabled":true}',
    )
    assert isinstance(started, ConnectorAuthorize)
    assert (started.connector_id, started.state) == (5, "st-1")


@pytest.mark.anyio
async def test_create_oauth_sends_default_enabled_false_when_asked(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/connectors/oauth").respond(200, json=AUTHORIZE)
    await af.connectors.create_oauth(
        mcp_url="https://mcp.example.com", display_name="Example", default_enabled=False
    )
    assert route.calls.last.request.content.endswith(b',"default_enabled":false}')


@pytest.mark.anyio
async def test_create_oauth_of_a_duplicate_raises_conflict(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    api.post("/api/connectors/oauth").respond(409, json={"detail": "already exists"})
    with pytest.raises(ConflictError, match="already exists"):
        await af.connectors.create_oauth(mcp_url="https://mcp.example.com", display_name="Example")


@pytest.mark.anyio
async def test_create_bearer_posts_url_name_token_and_default_enabled(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.post("/api/connectors/bearer").respond(200, json=CONNECTOR)
    connector = await af.connectors.create_bearer(
        mcp_url="https://mcp.example.com", display_name="Example", token="bearer-secret"
    )
    assert_sent(
        route,
        "POST",
        "/api/connectors/bearer",
        body=b'{"mcp_url":"https://mcp.example.com","display_name":"Example","token":"bearer-secret","default_enabled":true}',
    )
    assert isinstance(connector, Connector)


@pytest.mark.anyio
async def test_install_catalog_oauth_posts_no_body(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/connectors/catalog/linear/oauth").respond(200, json=AUTHORIZE)
    started = await af.connectors.install_catalog_oauth("linear")
    assert_sent(route, "POST", "/api/connectors/catalog/linear/oauth")
    assert started.authorize_url.startswith("https://linear.app/oauth/authorize")


@pytest.mark.anyio
async def test_install_catalog_bearer_posts_only_the_token(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/connectors/catalog/sentry/bearer").respond(200, json=CONNECTOR)
    connector = await af.connectors.install_catalog_bearer("sentry", token="sntrys_abc")
    assert_sent(route, "POST", "/api/connectors/catalog/sentry/bearer", body=b'{"token":"sntrys_abc"}')
    assert connector.catalog_slug == "sentry"


@pytest.mark.anyio
async def test_reauthorize_posts_no_body(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.post("/api/connectors/5/reauthorize").respond(200, json=AUTHORIZE)
    started = await af.connectors.reauthorize(5)
    assert_sent(route, "POST", "/api/connectors/5/reauthorize")
    assert isinstance(started, ConnectorAuthorize)


@pytest.mark.anyio
async def test_delete_deletes_the_connector(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    route = api.delete("/api/connectors/5").respond(204)
    await af.connectors.delete(5)
    assert_sent(route, "DELETE", "/api/connectors/5")
