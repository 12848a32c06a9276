"""User connectors and the curated catalog (contract §6).

OAuth connectors are created unauthorised with an `authorize_url` that points back at the plane itself
(`GET /_plane/oauth/authorize?state=...`): opening it, in a browser or with `httpx.get`, completes the
flow and flips `is_authorized` to true, so code that waits for a user to finish OAuth can be tested
end to end. Bearer connectors are authorised at once; only the last four characters of the token are
ever shown. The catalog entry `figma` is `coming_soon`: installing it answers **409**
`{"detail": "catalog entry 'figma' is coming soon"}` (the contract leaves the status open; 409 says "not
in this state" and maps to `ConflictError`).
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from ._http import ApiError, Request, Response, empty_response, json_response
from ._routing import Handler, Params
from ._rows import ConnectorRow, utcnow
from ._world import World

__all__ = [
    "CATALOG",
    "ROUTES",
    "complete_oauth",
    "create_bearer",
    "create_oauth",
    "delete_connector",
    "discover",
    "install_catalog_bearer",
    "install_catalog_oauth",
    "list_catalog",
    "list_connectors",
    "reauthorize",
]


def _entry(
    slug: str,
    name: str,
    category: str,
    url: str,
    setup: str,
    publisher: str,
    trust: str,
    description: str,
    tags: list[str],
    coming_soon: bool = False,
) -> dict[str, object]:
    return {
        "slug": slug, "display_name": name, "category": category, "description": description, "mcp_url": url,
        "transport": "http", "setup_kind": setup, "publisher": publisher, "trust_level": trust,
        "docs_url": f"https://docs.anyframe.invalid/connectors/{slug}", "tags": tags, "has_logo": True,
        "coming_soon": coming_soon,
    }  # fmt: skip


CATALOG: list[dict[str, object]] = [
    _entry("linear", "Linear", "issue-tracking", "https://mcp.linear.app/mcp", "oauth_dcr", "Linear", "official",
           "Issues, projects and cycles from Linear.", ["issues", "planning"]),
    _entry("sentry", "Sentry", "observability", "https://mcp.sentry.dev/mcp", "bearer_token", "Sentry", "official",
           "Errors, traces and releases from Sentry.", ["errors", "monitoring"]),
    _entry("google", "Google Workspace", "productivity", "https://mcp.google.invalid/workspace",
           "oauth_preregistered", "Google", "verified", "Drive, Docs and Calendar.", ["docs", "calendar"]),
    _entry("slack", "Slack", "communication", "https://mcp.slack.invalid/mcp", "oauth_dcr", "Slack", "verified",
           "Channels, threads and messages.", ["chat"]),
    _entry("github", "GitHub", "source-control", "https://api.githubcopilot.invalid/mcp", "bearer_token",
           "GitHub", "official", "Repositories, issues and pull requests.", ["code", "issues"]),
    _entry("notion", "Notion", "knowledge-base", "https://mcp.notion.invalid/mcp", "oauth_dcr", "Notion",
           "community", "Pages and databases from Notion.", ["docs"]),
    _entry("custom", "Custom MCP server", "custom", "https://example.invalid/mcp", "custom_mcp", "AnyFrame",
           "community", "Any MCP server: register it with POST /api/connectors/oauth or /bearer.", []),
    _entry("figma", "Figma", "design", "https://mcp.figma.invalid/mcp", "oauth_preregistered", "Figma",
           "verified", "Design files and components (coming soon).", ["design"], coming_soon=True),
]  # fmt: skip

_BY_SLUG = {str(entry["slug"]): entry for entry in CATALOG}


def _suggested_name(url: str) -> str:
    host = urlsplit(url).hostname or url
    labels = [label for label in host.split(".") if label not in ("www", "mcp", "api", "app")]
    return (labels[0] if labels else host).capitalize()


def _authorize(world: World, row: ConnectorRow) -> dict[str, object]:
    row.oauth_state = secrets.token_urlsafe(16)
    url = f"{world.base_url}/_plane/oauth/authorize?state={row.oauth_state}"
    return {"connector_id": row.id, "authorize_url": url, "state": row.oauth_state}


def _new_connector(world: World, url: str, name: str, auth_kind: str, default_enabled: bool,
                   slug: str | None = None, secret: str | None = None) -> ConnectorRow:  # fmt: skip
    if any(row.mcp_url == url for row in world.connectors.values()):
        raise ApiError(409, "already exists")
    now = utcnow()
    row = ConnectorRow(
        id=world.next_id("connector"), display_name=name, mcp_url=url, auth_kind=auth_kind,
        is_authorized=secret is not None, created_at=now, updated_at=now, catalog_slug=slug,
        default_enabled=default_enabled, secret=secret, scopes=None if secret else "read write",
    )  # fmt: skip
    world.connectors[row.id] = row
    return row


def list_connectors(world: World, request: Request, params: Params) -> Response:
    """`GET /api/connectors`."""
    return json_response(200, [row.to_json() for row in world.connectors.values()])


def list_catalog(world: World, request: Request, params: Params) -> Response:
    """`GET /api/connectors/catalog`: entries with `installed` / `connector_id` / `is_authorized` from state."""
    items = []
    for entry in CATALOG:
        row = next((r for r in world.connectors.values() if r.catalog_slug == entry["slug"]), None)
        items.append({
            **entry,
            "installed": row is not None,
            "connector_id": None if row is None else row.id,
            "is_authorized": None if row is None else row.is_authorized,
        })  # fmt: skip
    return json_response(200, items)


def discover(world: World, request: Request, params: Params) -> Response:
    """`POST /api/connectors/discover`: what the plane would learn by probing an MCP URL."""
    url = str(params.fields()["mcp_url"])
    entry = next((e for e in CATALOG if e["mcp_url"] == url), None)
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    dcr = entry is None or entry["setup_kind"] == "oauth_dcr"
    return json_response(200, {
        "mcp_url": url,
        "supports_dcr": dcr,
        "suggested_display_name": str(entry["display_name"]) if entry else _suggested_name(url),
        "authorization_endpoint": f"{origin}/authorize",
        "token_endpoint": f"{origin}/token",
        "scopes_supported": ["read", "write"],
    })  # fmt: skip


def create_oauth(world: World, request: Request, params: Params) -> Response:
    """`POST /api/connectors/oauth`: register an OAuth connector; 409 `already exists` on a duplicate URL."""
    body = params.fields()
    row = _new_connector(
        world, str(body["mcp_url"]), str(body["display_name"]), "oauth_dcr", body["default_enabled"] is True
    )
    return json_response(200, _authorize(world, row))


def create_bearer(world: World, request: Request, params: Params) -> Response:
    """`POST /api/connectors/bearer`: register a connector authorised by a bearer token."""
    body = params.fields()
    enabled = body["default_enabled"] is True
    row = _new_connector(
        world,
        str(body["mcp_url"]),
        str(body["display_name"]),
        "bearer_token",
        enabled,
        secret=str(body["token"]),
    )
    return json_response(200, row.to_json())


def _catalog_entry(slug: str, kinds: tuple[str, ...]) -> dict[str, object]:
    entry = _BY_SLUG.get(slug)
    if entry is None:
        raise ApiError(404, "catalog entry not found")
    if entry["coming_soon"]:
        raise ApiError(409, f"catalog entry '{slug}' is coming soon")
    if entry["setup_kind"] not in kinds:
        raise ApiError(400, f"catalog entry '{slug}' is set up with {entry['setup_kind']}")
    return entry


def install_catalog_oauth(world: World, request: Request, params: Params) -> Response:
    """`POST /api/connectors/catalog/{slug}/oauth` (no body)."""
    slug = params.text("slug")
    entry = _catalog_entry(slug, ("oauth_dcr", "oauth_preregistered"))
    row = _new_connector(world, str(entry["mcp_url"]), str(entry["display_name"]), str(entry["setup_kind"]), True,
                         slug=slug)  # fmt: skip
    return json_response(200, _authorize(world, row))


def install_catalog_bearer(world: World, request: Request, params: Params) -> Response:
    """`POST /api/connectors/catalog/{slug}/bearer` with `{"token": ...}`."""
    token = str(params.fields()["token"])
    slug = params.text("slug")
    entry = _catalog_entry(slug, ("bearer_token",))
    row = _new_connector(world, str(entry["mcp_url"]), str(entry["display_name"]), "bearer_token", True,
                         slug=slug, secret=token)  # fmt: skip
    return json_response(200, row.to_json())


def reauthorize(world: World, request: Request, params: Params) -> Response:
    """`POST /api/connectors/{connector_id}/reauthorize`: a fresh OAuth URL for the same row."""
    row = world.connector(params.num("connector_id"))
    if row.auth_kind == "bearer_token":
        raise ApiError(400, "connector uses a bearer token; create it again with a new token")
    row.updated_at = utcnow()
    return json_response(200, _authorize(world, row))


def delete_connector(world: World, request: Request, params: Params) -> Response:
    """`DELETE /api/connectors/{connector_id}`: drop the row and every per-agent toggle of it."""
    row = world.connector(params.num("connector_id"))
    del world.connectors[row.id]
    for agent in world.agents.values():
        agent.toggles.pop(row.id, None)
    return empty_response()


def complete_oauth(world: World, state: str) -> ConnectorRow | None:
    """Finish the OAuth flow whose `state` is given (the `/_plane/oauth/authorize` page)."""
    for row in world.connectors.values():
        if row.oauth_state is not None and secrets.compare_digest(row.oauth_state, state):
            row.is_authorized = True
            row.oauth_state = None
            row.updated_at = utcnow()
            return row
    return None


#: The operations this module serves, in the contract's order (`_routes.py` gathers them).
ROUTES: list[tuple[str, str, Handler]] = [
    ("GET", "/api/connectors", list_connectors),
    ("GET", "/api/connectors/catalog", list_catalog),
    ("POST", "/api/connectors/discover", discover),
    ("POST", "/api/connectors/oauth", create_oauth),
    ("POST", "/api/connectors/bearer", create_bearer),
    ("POST", "/api/connectors/catalog/{slug}/oauth", install_catalog_oauth),
    ("POST", "/api/connectors/catalog/{slug}/bearer", install_catalog_bearer),
    ("POST", "/api/connectors/{connector_id}/reauthorize", reauthorize),
    ("DELETE", "/api/connectors/{connector_id}", delete_connector),
]
