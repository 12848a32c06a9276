"""Contract fixtures (`api-contract.md` §4-§11) used as response bodies, and the assertion every
resource test makes about the request that went over the wire.

`assert_sent` pins what `api-contract.md` §2 requires of every call: the method, the exact path,
the query parameters, `Authorization: Bearer <key>`, `User-Agent: anyframe-python/<version>`,
`Accept: application/json`, and `Content-Type: application/json` exactly when a body is sent, with
the exact body bytes.
"""

from __future__ import annotations

from collections.abc import AsyncIterable

import httpx
import respx

import anyframe
from anyframe import SSEEvent
from conftest import API_KEY

__all__ = [
    "AGENT",
    "AGENT_DETAIL",
    "ATTENTION",
    "AUTHORIZE",
    "BUILD",
    "BUILD_QUEUED",
    "CATALOG_ITEM",
    "CHAT_EVENTS",
    "CONNECTOR",
    "CREDENTIALS",
    "DISCOVERY",
    "LOG_URL",
    "MCP",
    "PREVIEW",
    "PREVIEW_BATCH",
    "PREVIEW_RESULT",
    "SAVE_AS_BASE",
    "SID",
    "SKILL",
    "SNAPSHOT",
    "TOGGLE",
    "TOKEN",
    "TOKEN_CREATED",
    "TOKEN_SECRET",
    "TS",
    "USER",
    "assert_sent",
    "build_status",
    "collect",
    "session",
]

TS = "2025-01-01T00:00:00Z"
SID = "11111111-2222-3333-4444-555555555555"
TOKEN_SECRET = "afm_abcdefghijklmnop"

USER: dict[str, object] = {"id": 1, "github_id": 42, "login": "nish", "name": "Nish", "avatar_url": None}
TOKEN: dict[str, object] = {
    "id": 3, "name": "ci", "prefix": "afm_abcd", "last4": "mnop", "created_at": TS, "revoked_at": None,
}  # fmt: skip
TOKEN_CREATED: dict[str, object] = {**TOKEN, "token": TOKEN_SECRET}
CREDENTIALS: dict[str, object] = {
    "claude": {"set": True, "last4": "wxyz", "updated_at": TS},
    "codex": {"set": False, "last4": None, "updated_at": None},
    "github": {"set": False, "last4": None, "updated_at": None},
}
CONNECTOR: dict[str, object] = {
    "id": 5, "display_name": "Sentry", "mcp_url": "https://mcp.sentry.dev/mcp", "catalog_slug": "sentry",
    "default_enabled": True, "transport": "http", "auth_kind": "bearer_token", "secret_last4": "wxyz",
    "expires_at": None, "scopes": None, "is_authorized": True, "last_refresh_attempt_at": None,
    "last_refresh_error": None, "created_at": TS, "updated_at": TS,
}  # fmt: skip
CATALOG_ITEM: dict[str, object] = {
    "slug": "linear", "display_name": "Linear", "category": "issue-tracking", "description": "Issues.",
    "mcp_url": "https://mcp.linear.app/sse", "transport": "http", "setup_kind": "oauth_dcr",
    "publisher": "Linear", "trust_level": "official", "docs_url": "https://linear.app/docs/mcp",
    "tags": ["issues"], "has_logo": True, "coming_soon": False, "installed": False,
    "connector_id": None, "is_authorized": None,
}  # fmt: skip
DISCOVERY: dict[str, object] = {
    "mcp_url": "https://mcp.linear.app/sse", "supports_dcr": True, "suggested_display_name": "Linear",
    "authorization_endpoint": "https://linear.app/oauth/authorize", "token_endpoint": "https://linear.app/oauth/token",
    "scopes_supported": ["read", "write"],
}  # fmt: skip
AUTHORIZE: dict[str, object] = {
    "connector_id": 5, "authorize_url": "https://linear.app/oauth/authorize?state=st-1", "state": "st-1",
}  # fmt: skip
AGENT: dict[str, object] = {
    "id": 7, "name": "demo", "description": None, "system_prompt": None, "runtime": "claude",
    "repo_url": "tinyhq/box", "repo_ref": "main", "install_cmd": "bun install", "serve_cmd": "bun dev",
    "preview_ports": [3000], "build_key": "abc123", "permissions": {"preset": "standard"},
    "env_vars": {"API_TOKEN": "****"}, "warmup_image_id": None, "created_at": TS, "updated_at": TS,
}  # fmt: skip
SKILL: dict[str, object] = {
    "id": 11, "name": "repo-tour", "source": "inline", "content": {"markdown": "# Tour"}, "enabled": True,
    "created_at": TS,
}  # fmt: skip
MCP: dict[str, object] = {
    "id": 12, "name": "local-fs", "transport": "stdio",
    "config": {"command": "npx", "args": ["@modelcontextprotocol/server-filesystem", "/work"]},
    "secret_ref": None, "enabled": True, "created_at": TS,
}  # fmt: skip
TOGGLE: dict[str, object] = {
    "connector_id": 5, "display_name": "Sentry", "mcp_url": "https://mcp.sentry.dev/mcp",
    "auth_kind": "bearer_token", "enabled": True, "is_authorized": True,
}  # fmt: skip
AGENT_DETAIL: dict[str, object] = {
    **AGENT, "skills": [SKILL], "mcps": [MCP], "connectors": [TOGGLE],
    "image": {"build_key": "abc123", "modal_image_id": "im_1", "built_at": TS},
}  # fmt: skip
BUILD_QUEUED: dict[str, object] = {"agent_id": 7, "build_key": "k1", "queued": True, "build_id": 128}
BUILD: dict[str, object] = {
    "id": 128, "build_key": "k1", "state": "succeeded", "started_at": TS, "finished_at": TS,
    "error": None, "log_size": 1024,
}  # fmt: skip
LOG_URL: dict[str, object] = {"url": "https://r2/logs/128?sig=x", "expires_in": 300}
PREVIEW: dict[str, object] = {
    "port": 3000, "name": "web", "cmd": "bun dev", "status": "running", "url": "https://tunnel/3000",
    "started_at": 1234567890.0, "exit_code": None,
}  # fmt: skip
PREVIEW_RESULT: dict[str, object] = {
    "ok": True, "port": 3000, "name": "web", "url": "https://tunnel/3000", "status": "running",
    "restart_pending": False, "already_open": False, "error": None,
}  # fmt: skip
PREVIEW_BATCH: dict[str, object] = {"ok": True, "restart_pending": True, "previews": [PREVIEW], "error": None}
SNAPSHOT: dict[str, object] = {"id": 21, "modal_image_id": "im_snap", "label": None, "created_at": TS}
SAVE_AS_BASE: dict[str, object] = {"warmup_image_id": "im_abc", "warmup_inputs_hash": "sha256:deadbeef"}
CHAT_EVENTS: list[dict[str, object]] = [
    {"seq": 1, "payload": {"type": "user_message"}, "created_at": TS},
    {"seq": 2, "payload": {"type": "assistant_message", "text": "hi"}, "created_at": TS},
]
ATTENTION: list[dict[str, object]] = [
    {"kind": "pending", "session_id": SID, "agent_id": 7, "agent_name": "demo", "session_status": "running",
     "seq": 42, "payload": {"type": "permission_request", "request_id": "r-1"}, "at": TS,
     "preview": "Bash(command=ls -la)"},
    {"kind": "idle", "session_id": SID, "agent_id": 7, "agent_name": "demo", "at": TS, "preview": "All done."},
    {"kind": "paused", "session_id": SID, "agent_id": 7, "agent_name": "demo", "snapshot_image_id": "im_abc",
     "at": TS},
]  # fmt: skip


def session(status: str = "running", **changes: object) -> dict[str, object]:
    """A `Session` fixture in `status`."""
    return {
        "id": SID, "agent_id": 7, "status": status, "modal_sandbox_id": "sb-1",
        "sandbox_url": "https://sb-1.sandbox.test", "snapshot_image_id": None, "idle_timeout_s": 300,
        "previews": [PREVIEW], "is_setup_session": False, "created_at": TS, "last_active": TS, **changes,
    }  # fmt: skip


def build_status(state: str | None, **changes: object) -> dict[str, object]:
    """A `BuildStatus` fixture in `state` (`None`: never built)."""
    return {
        "agent_id": 7, "build_key": "k1", "state": state, "started_at": TS, "finished_at": None,
        "error": None, "built_image_id": None, **changes,
    }  # fmt: skip


def assert_sent(
    route: respx.Route,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    params: dict[str, str] | None = None,
) -> httpx.Request:
    """Assert `route` was called once, with exactly this request.

    Args:
        route: The respx route the call should have hit.
        method: The expected HTTP method.
        path: The expected path, exactly (no trailing slash, no encoding surprises).
        body: The exact JSON bytes expected, or `None` for a request without a body (and then without
            `Content-Type`).
        params: The expected query parameters (all of them).

    Returns:
        The request, for further checks.
    """
    assert route.call_count == 1, f"expected one call, got {route.call_count}"
    request: httpx.Request = route.calls.last.request
    assert request.method == method
    assert request.url.raw_path.split(b"?")[0].decode() == path
    assert dict(request.url.params) == (params or {})
    assert len(request.url.params.multi_items()) == len(params or {})
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["user-agent"] == f"anyframe-python/{anyframe.__version__}"
    assert request.headers["accept"] == "application/json"
    if body is None:
        assert request.content == b""
        assert "content-type" not in request.headers
    else:
        assert request.content == body
        assert request.headers["content-type"] == "application/json"
    return request


async def collect(stream: AsyncIterable[SSEEvent]) -> list[SSEEvent]:
    """Every event of a (finite) stream, in order."""
    events: list[SSEEvent] = []
    async for event in stream:
        events.append(event)
    return events
