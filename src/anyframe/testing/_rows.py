"""The rows of the in-memory world and their JSON shapes (field names exactly as in the API contract).

Rows are plain mutable dataclasses guarded by the world lock; each knows how to render itself as the
contract's response schema. Secrets (token values, credential values, connector bearer tokens, env var
values) live in fields that no `to_json` ever emits and that are excluded from the dataclass repr.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field
from datetime import datetime, timezone

__all__ = [
    "AgentRow",
    "BuildRow",
    "CacheEntry",
    "ChatEventRow",
    "ConnectorRow",
    "CredentialRow",
    "ImageRow",
    "McpRow",
    "PreviewRow",
    "SessionRow",
    "SkillRow",
    "SnapshotRow",
    "TokenRow",
    "TurnState",
    "iso",
    "iso_opt",
    "utcnow",
]

JSON = dict[str, object]


def utcnow() -> datetime:
    """Return the current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """Render a timestamp the way the contract does: ISO-8601 with a `Z` suffix."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iso_opt(moment: datetime | None) -> str | None:
    """Like [iso][anyframe.testing._rows.iso], passing `None` through."""
    return None if moment is None else iso(moment)


@dataclass
class TokenRow:
    """An API token; `to_json` renders `Token` (the secret never leaves except at creation)."""

    id: int
    name: str
    secret: str = field(repr=False)
    created_at: datetime
    revoked_at: datetime | None = None

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "name": self.name,
            "prefix": self.secret[:8],
            "last4": self.secret[-4:],
            "created_at": iso(self.created_at),
            "revoked_at": iso_opt(self.revoked_at),
        }


@dataclass
class CredentialRow:
    """One stored credential; `to_json` renders `CredentialPart`."""

    value: str | None = field(default=None, repr=False)
    updated_at: datetime | None = None

    def to_json(self) -> JSON:
        return {
            "set": self.value is not None,
            "last4": None if self.value is None else self.value[-4:],
            "updated_at": iso_opt(self.updated_at),
        }


@dataclass
class ConnectorRow:
    """A user connector; `to_json` renders `Connector`."""

    id: int
    display_name: str
    mcp_url: str
    auth_kind: str
    is_authorized: bool
    created_at: datetime
    updated_at: datetime
    catalog_slug: str | None = None
    default_enabled: bool = True
    transport: str = "http"
    secret: str | None = field(default=None, repr=False)
    scopes: str | None = None
    expires_at: datetime | None = None
    oauth_state: str | None = field(default=None, repr=False)

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "display_name": self.display_name,
            "mcp_url": self.mcp_url,
            "catalog_slug": self.catalog_slug,
            "default_enabled": self.default_enabled,
            "transport": self.transport,
            "auth_kind": self.auth_kind,
            "secret_last4": None if self.secret is None else self.secret[-4:],
            "expires_at": iso_opt(self.expires_at),
            "scopes": self.scopes,
            "is_authorized": self.is_authorized,
            "last_refresh_attempt_at": None,
            "last_refresh_error": None,
            "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at),
        }


@dataclass
class SkillRow:
    """A skill of an agent; `to_json` renders `AgentSkill`."""

    id: int
    name: str
    source: str
    content: JSON
    enabled: bool
    created_at: datetime

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "name": self.name,
            "source": self.source,
            "content": self.content,
            "enabled": self.enabled,
            "created_at": iso(self.created_at),
        }


@dataclass
class McpRow:
    """An inline MCP server of an agent; `to_json` renders `AgentMcp`."""

    id: int
    name: str
    transport: str
    config: JSON
    enabled: bool
    created_at: datetime
    secret_ref: str | None = None

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "name": self.name,
            "transport": self.transport,
            "config": self.config,
            "secret_ref": self.secret_ref,
            "enabled": self.enabled,
            "created_at": iso(self.created_at),
        }


@dataclass
class ImageRow:
    """A built image; `to_json` renders `AgentImage`."""

    build_key: str
    modal_image_id: str
    built_at: datetime

    def to_json(self) -> JSON:
        return {
            "build_key": self.build_key,
            "modal_image_id": self.modal_image_id,
            "built_at": iso(self.built_at),
        }


@dataclass
class BuildRow:
    """A build and its log lines; `to_json` renders `Build`, `status_json` renders `BuildStatus`."""

    id: int
    agent_id: int
    build_key: str
    started_at: datetime
    state: str = "queued"
    finished_at: datetime | None = None
    error: str | None = None
    image: ImageRow | None = None
    lines: list[str] = field(default_factory=list, repr=False)

    @property
    def log_size(self) -> int:
        return sum(len(line.encode()) for line in self.lines)

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "build_key": self.build_key,
            "state": self.state,
            "started_at": iso(self.started_at),
            "finished_at": iso_opt(self.finished_at),
            "error": self.error,
            "log_size": self.log_size,
        }

    def status_json(self, agent_id: int) -> JSON:
        return {
            "agent_id": agent_id,
            "build_key": self.build_key,
            "state": self.state,
            "started_at": iso(self.started_at),
            "finished_at": iso_opt(self.finished_at),
            "error": self.error,
            "built_image_id": None if self.image is None else self.image.modal_image_id,
        }


@dataclass
class CacheEntry:
    """A successful build remembered by recipe key; outlives the agent that built it."""

    build: BuildRow


@dataclass
class AgentRow:
    """An agent with its skills, MCPs and toggles; `to_json` renders the `Agent` summary."""

    id: int
    name: str
    created_at: datetime
    updated_at: datetime
    description: str | None = None
    system_prompt: str | None = None
    runtime: str = "claude"
    repo_url: str | None = None
    repo_ref: str | None = "main"
    install_cmd: str | None = None
    serve_cmd: str | None = None
    preview_ports: list[int] = field(default_factory=list)
    permissions: JSON = field(default_factory=dict)
    env_vars: dict[str, str] = field(default_factory=dict, repr=False)
    warmup_image_id: str | None = None
    image: ImageRow | None = None
    status_build: BuildRow | None = None
    skills: dict[int, SkillRow] = field(default_factory=dict)
    mcps: dict[int, McpRow] = field(default_factory=dict)
    toggles: dict[int, bool] = field(default_factory=dict)

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "system_prompt": self.system_prompt,
            "runtime": self.runtime,
            "repo_url": self.repo_url,
            "repo_ref": self.repo_ref,
            "install_cmd": self.install_cmd,
            "serve_cmd": self.serve_cmd,
            "preview_ports": list(self.preview_ports),
            "build_key": None if self.image is None else self.image.build_key,
            "permissions": self.permissions,
            "env_vars": dict.fromkeys(self.env_vars, "****"),
            "warmup_image_id": self.warmup_image_id,
            "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at),
        }


@dataclass
class SnapshotRow:
    """A snapshot of a session; `to_json` renders `Snapshot`."""

    id: int
    session_id: str
    agent_id: int
    modal_image_id: str
    label: str | None
    created_at: datetime

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "modal_image_id": self.modal_image_id,
            "label": self.label,
            "created_at": iso(self.created_at),
        }


@dataclass
class PreviewRow:
    """A dev-server preview in a session; `to_json` renders `Preview`."""

    port: int
    name: str
    cmd: str | None
    status: str
    url: str | None
    started_at: float | None
    exit_code: int | None = None
    logs: list[str] = field(default_factory=list, repr=False)

    def to_json(self) -> JSON:
        return {
            "port": self.port,
            "name": self.name,
            "cmd": self.cmd,
            "status": self.status,
            "url": self.url,
            "started_at": self.started_at,
            "exit_code": self.exit_code,
        }


@dataclass
class ChatEventRow:
    """A persisted chat event with its pre-encoded SSE frame; `to_json` renders `ChatEvent`."""

    seq: int
    payload: JSON
    created_at: datetime
    frame: bytes = field(default=b"", repr=False)

    def to_json(self) -> JSON:
        return {"seq": self.seq, "payload": self.payload, "created_at": iso(self.created_at)}


@dataclass
class TurnState:
    """Progress of the scripted agent turn currently running in a session."""

    steps: list[JSON]
    index: int = 0
    waiting: ChatEventRow | None = None


@dataclass
class SessionRow:
    """A session, its chat history, running turn and previews; `to_json` renders `Session`."""

    id: str
    agent_id: int
    status: str
    idle_timeout_s: int
    unsafe: bool
    is_setup_session: bool
    created_at: datetime
    last_active: datetime
    order: int
    modal_sandbox_id: str | None = None
    sandbox_url: str | None = None
    snapshot_image_id: str | None = None
    epoch: int = 0
    events: list[ChatEventRow] = field(default_factory=list, repr=False)
    queue: collections.deque[str] = field(default_factory=collections.deque, repr=False)
    turn: TurnState | None = field(default=None, repr=False)
    previews: dict[int, PreviewRow] = field(default_factory=dict)
    exposed_ports: set[int] = field(default_factory=set)
    paused_at: datetime | None = None
    idle_deadline: float = 0.0
    idle_check_pending: bool = False

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "agent_id": self.agent_id,
            "status": self.status,
            "modal_sandbox_id": self.modal_sandbox_id,
            "sandbox_url": self.sandbox_url,
            "snapshot_image_id": self.snapshot_image_id,
            "idle_timeout_s": self.idle_timeout_s,
            "previews": [p.to_json() for p in sorted(self.previews.values(), key=lambda p: p.port)],
            "is_setup_session": self.is_setup_session,
            "created_at": iso(self.created_at),
            "last_active": iso(self.last_active),
        }
