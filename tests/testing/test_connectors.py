"""User connectors and the catalog of the local control plane.

Contracts pinned:
- bearer connectors are authorised at once and show only `secret_last4`; OAuth connectors start
  unauthorised with an `authorize_url` + `state`, and opening that URL authorises them;
- a second connector with the same `mcp_url` -> 409 `already exists`;
- discover derives `suggested_display_name` from the host and reports DCR support;
- the catalog lists Linear (oauth_dcr), Sentry (bearer_token), Google (oauth_preregistered), Slack and a
  `coming_soon` entry whose installs answer 409; items reflect installed state; installs set
  `catalog_slug`; a wrong install kind is 400, an unknown slug 404;
- reauthorize keeps the row id and toggles; delete answers 204 and drops the row's toggles.
"""

from __future__ import annotations

import httpx

from ._helpers import make_agent


def test_bearer_connector_is_authorized_and_redacted(api: httpx.Client) -> None:
    body = {"mcp_url": "https://mcp.example.com/mcp", "display_name": "Example", "token": "bearer-secret-abcd",
            "default_enabled": False}  # fmt: skip
    response = api.post("/api/connectors/bearer", json=body)
    assert response.status_code == 200
    connector = response.json()
    assert connector["is_authorized"] is True
    assert connector["auth_kind"] == "bearer_token"
    assert connector["secret_last4"] == "abcd"
    assert connector["default_enabled"] is False
    assert "bearer-secret" not in response.text
    assert [c["id"] for c in api.get("/api/connectors").json()] == [connector["id"]]


def test_oauth_connector_is_authorized_by_opening_its_url(api: httpx.Client) -> None:
    body = {"mcp_url": "https://mcp.example.com/oauth", "display_name": "Example", "default_enabled": True}
    authorize = api.post("/api/connectors/oauth", json=body).json()
    assert set(authorize) == {"connector_id", "authorize_url", "state"}
    assert api.get("/api/connectors").json()[0]["is_authorized"] is False
    page = httpx.get(authorize["authorize_url"])
    assert page.status_code == 200
    assert api.get("/api/connectors").json()[0]["is_authorized"] is True
    assert httpx.get(authorize["authorize_url"]).status_code == 404  # a state works once


def test_duplicate_mcp_url_is_409_already_exists(api: httpx.Client) -> None:
    body = {"mcp_url": "https://mcp.example.com/dup", "display_name": "One", "default_enabled": True}
    assert api.post("/api/connectors/oauth", json=body).status_code == 200
    again = api.post("/api/connectors/bearer", json={**body, "token": "t"})
    assert again.status_code == 409
    assert again.json() == {"detail": "already exists"}


def test_discover_suggests_a_name_from_the_host(api: httpx.Client) -> None:
    found = api.post("/api/connectors/discover", json={"mcp_url": "https://mcp.acme.io/sse"}).json()
    assert found["mcp_url"] == "https://mcp.acme.io/sse"
    assert found["suggested_display_name"] == "Acme"
    assert found["supports_dcr"] is True
    assert found["scopes_supported"] == ["read", "write"]
    bad = api.post("/api/connectors/discover", json={"mcp_url": "not a url"})
    assert bad.status_code == 422


def test_catalog_lists_the_curated_entries(api: httpx.Client) -> None:
    catalog = {item["slug"]: item for item in api.get("/api/connectors/catalog").json()}
    assert catalog["linear"]["setup_kind"] == "oauth_dcr"
    assert catalog["sentry"]["setup_kind"] == "bearer_token"
    assert catalog["google"]["setup_kind"] == "oauth_preregistered"
    assert "slack" in catalog
    assert [slug for slug, item in catalog.items() if item["coming_soon"]] == ["figma"]
    assert all(item["installed"] is False and item["connector_id"] is None for item in catalog.values())


def test_coming_soon_entry_refuses_installs_with_409(api: httpx.Client) -> None:
    response = api.post("/api/connectors/catalog/figma/oauth")
    assert response.status_code == 409
    assert "coming soon" in response.json()["detail"]
    assert api.get("/api/connectors").json() == []


def test_catalog_installs_set_the_slug_and_show_as_installed(api: httpx.Client) -> None:
    authorize = api.post("/api/connectors/catalog/linear/oauth")
    assert authorize.status_code == 200
    sentry = api.post("/api/connectors/catalog/sentry/bearer", json={"token": "sntrys_wxyz"}).json()
    assert sentry["catalog_slug"] == "sentry"
    assert sentry["secret_last4"] == "wxyz"
    catalog = {item["slug"]: item for item in api.get("/api/connectors/catalog").json()}
    assert catalog["linear"]["installed"] is True
    assert catalog["linear"]["connector_id"] == authorize.json()["connector_id"]
    assert catalog["linear"]["is_authorized"] is False
    assert catalog["sentry"]["is_authorized"] is True
    assert api.post("/api/connectors/catalog/linear/oauth").status_code == 409


def test_catalog_install_errors(api: httpx.Client) -> None:
    assert api.post("/api/connectors/catalog/sentry/oauth").status_code == 400
    assert api.post("/api/connectors/catalog/linear/bearer", json={"token": "t"}).status_code == 400
    assert api.post("/api/connectors/catalog/nope/oauth").status_code == 404
    assert api.post("/api/connectors/catalog/sentry/bearer", json={}).status_code == 422


def test_reauthorize_keeps_the_row_and_its_toggles(api: httpx.Client) -> None:
    first = api.post("/api/connectors/catalog/linear/oauth").json()
    agent = make_agent(api)
    api.put(f"/api/agents/{agent['id']}/connectors/{first['connector_id']}", json={"enabled": False})
    again = api.post(f"/api/connectors/{first['connector_id']}/reauthorize")
    assert again.status_code == 200
    assert again.json()["connector_id"] == first["connector_id"]
    assert again.json()["state"] != first["state"]
    toggles = api.get(f"/api/agents/{agent['id']}/connectors").json()
    assert toggles[0]["enabled"] is False
    assert api.post("/api/connectors/999/reauthorize").status_code == 404


def test_delete_connector_removes_it_and_its_toggles(api: httpx.Client) -> None:
    connector = api.post("/api/connectors/catalog/sentry/bearer", json={"token": "t-1234"}).json()
    agent = make_agent(api)
    assert api.delete(f"/api/connectors/{connector['id']}").status_code == 204
    assert api.get("/api/connectors").json() == []
    assert api.get(f"/api/agents/{agent['id']}/connectors").json() == []
    assert api.delete(f"/api/connectors/{connector['id']}").status_code == 404
