"""The pydantic models the SDK returns: one per response schema of the AnyFrame API.

Every model derives from [AnyFrameModel][anyframe.models.AnyFrameModel], which fixes three choices:

- **Unknown fields are kept** (`extra="allow"`): a field the server adds later is readable as an attribute
  and survives `model_dump()`, so an older SDK never drops data.
- **Enum-like fields are open strings.** A status the server adds later (a session `"paused"`, say) must
  not turn a working call into a validation error. The known values are listed in each field's docstring
  and exported as `Literal` aliases ([SessionStatus][anyframe.models.SessionStatus] and friends) for code
  that wants to match on them exhaustively.
- **Validators are built on first use** (`defer_build=True`): importing `anyframe` must stay cheap, and
  most programs touch a handful of the models defined here.

Timestamps are timezone-aware `datetime`s; the API sends UTC with a `Z` suffix, and a timestamp that
arrives without an offset is taken as UTC rather than left naive. The one exception is
[Preview.started_at][anyframe.models.Preview.started_at], which the API sends as epoch seconds.

Response bodies are parsed with [validate_json][anyframe.models.validate_json], which validates the raw
bytes in a single pass inside pydantic-core with a validator built once per target type.
Attention items are a union discriminated by `kind`:
[parse_attention_item][anyframe.models.parse_attention_item] and `validate_json(list[AttentionItem], ...)`
return the matching subclass, or the base [AttentionItem][anyframe.models.AttentionItem] for a kind this
SDK does not know yet.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Any, Literal, TypeAlias, TypeVar, cast, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    TypeAdapter,
    field_validator,
)

__all__ = [
    "Agent",
    "AgentConnectorToggle",
    "AgentDetail",
    "AgentImage",
    "AgentMcp",
    "AgentSkill",
    "AnyFrameModel",
    "AttentionIdleItem",
    "AttentionItem",
    "AttentionKind",
    "AttentionPausedItem",
    "AttentionPendingItem",
    "Build",
    "BuildQueued",
    "BuildState",
    "BuildStatus",
    "CatalogSetupKind",
    "CatalogTrustLevel",
    "ChatEvent",
    "Connector",
    "ConnectorAuthKind",
    "ConnectorAuthorize",
    "ConnectorCatalogItem",
    "ConnectorDiscovery",
    "CredentialPart",
    "Credentials",
    "LogUrl",
    "McpTransport",
    "Preview",
    "PreviewActionResult",
    "PreviewBatchResult",
    "PreviewSpec",
    "PreviewStatus",
    "Runtime",
    "SaveAsBaseResult",
    "Session",
    "SessionStatus",
    "SkillSource",
    "Snapshot",
    "Token",
    "TokenCreated",
    "User",
    "parse_attention_item",
    "validate_json",
    "validate_python",
]

_T = TypeVar("_T")

# --- Known values of the open enums (type aliases only; the fields themselves are `str`) ---

SessionStatus: TypeAlias = Literal["booting", "running", "snapshotting", "terminated", "error"]
"""Session statuses known to this SDK version ([Session.status][anyframe.models.Session.status])."""

PreviewStatus: TypeAlias = Literal["starting", "running", "paused", "stopped", "error"]
"""Preview statuses known to this SDK version ([Preview.status][anyframe.models.Preview.status])."""

BuildState: TypeAlias = Literal["queued", "running", "succeeded", "failed", "cancelled"]
"""Build states known to this SDK version; the last three are terminal."""

Runtime: TypeAlias = Literal["claude", "codex"]
"""Agent runtimes known to this SDK version ([Agent.runtime][anyframe.models.Agent.runtime])."""

McpTransport: TypeAlias = Literal["http", "sse", "stdio"]
"""MCP transports known to this SDK version."""

SkillSource: TypeAlias = Literal["inline", "git"]
"""Skill sources known to this SDK version ([AgentSkill.source][anyframe.models.AgentSkill.source])."""

ConnectorAuthKind: TypeAlias = Literal["oauth_dcr", "oauth_preregistered", "bearer_token"]
"""Connector auth kinds known to this SDK version."""

CatalogSetupKind: TypeAlias = Literal["oauth_dcr", "oauth_preregistered", "bearer_token", "custom_mcp"]
"""Catalog setup kinds known to this SDK version; each names the install call to use."""

CatalogTrustLevel: TypeAlias = Literal["official", "verified", "community"]
"""Catalog trust levels known to this SDK version."""

AttentionKind: TypeAlias = Literal["pending", "idle", "paused"]
"""Attention item kinds known to this SDK version ([AttentionItem][anyframe.models.AttentionItem] `kind`)."""


def _assume_utc(value: datetime) -> datetime:
    # Every timestamp the API documents is UTC; pinning an offset-less one to UTC keeps comparisons with
    # aware datetimes from raising TypeError in user code.
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


_Timestamp: TypeAlias = Annotated[datetime, AfterValidator(_assume_utc)]


class AnyFrameModel(BaseModel):
    """Base class of every model the SDK returns.

    Fields the server sends that this SDK version does not declare are kept: they are readable as
    attributes and included in `model_dump()` / `model_dump_json()`.
    """

    model_config = ConfigDict(
        extra="allow",
        defer_build=True,
        populate_by_name=True,
    )


# --- Identity, tokens, credentials ---


class User(AnyFrameModel):
    """The authenticated user, as returned by `af.me()`."""

    id: int
    """Numeric user id."""
    github_id: int
    """The user's GitHub account id."""
    login: str
    """The user's GitHub login."""
    name: str | None = None
    """Display name, if the user set one."""
    avatar_url: str | None = None
    """URL of the user's avatar image."""


class Token(AnyFrameModel):
    """An API token, redacted: only its prefix and last four characters are ever returned."""

    id: int
    """Numeric token id; pass it to `af.tokens.revoke()`."""
    name: str
    """Human label given at creation."""
    prefix: str
    """Leading characters of the token (e.g. `afm_abcd`), to recognise it."""
    last4: str
    """Last four characters of the token."""
    created_at: _Timestamp
    """When the token was created."""
    revoked_at: _Timestamp | None = None
    """When the token was revoked; `None` while it is active."""


class TokenCreated(Token):
    """A freshly created API token, the only response that carries the raw secret.

    The secret is in [token][anyframe.models.TokenCreated.token]; it is left out of `repr()` and `str()`
    so that logging the object does not leak it, and out of validation error messages.
    """

    # A response that fails validation must not echo the raw token into the error message.
    model_config = ConfigDict(hide_input_in_errors=True)

    token: str = Field(repr=False)
    """The raw API token (`afm_...`). Returned once: store it now. Never shown in `repr()`."""


class CredentialPart(AnyFrameModel):
    """Whether one kind of runtime credential is stored; the credential itself is never returned."""

    set: bool
    """`True` when a credential of this kind is stored."""
    last4: str | None = None
    """Last four characters of the stored credential, when one is set."""
    updated_at: _Timestamp | None = None
    """When the credential was last stored."""


class Credentials(AnyFrameModel):
    """The runtime credentials the user stored: a [CredentialPart][anyframe.models.CredentialPart] each."""

    claude: CredentialPart
    """The Claude OAuth token (Claude runtime)."""
    codex: CredentialPart = Field(default_factory=lambda: CredentialPart(set=False))
    """The OpenAI Codex token (Codex runtime). Older servers omit it (or send `null`); it then reads as not set."""
    github: CredentialPart
    """The GitHub personal access token."""

    @field_validator("codex", mode="before")
    @classmethod
    def _codex_null_is_unset(cls, value: object) -> object:
        return {"set": False} if value is None else value


# --- Connectors ---


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
    transport: str
    """MCP transport. Known values: `"http"`, `"sse"`, `"stdio"`
    ([McpTransport][anyframe.models.McpTransport])."""
    auth_kind: str
    """How the connector authenticates. Known values: `"oauth_dcr"`, `"oauth_preregistered"`,
    `"bearer_token"` ([ConnectorAuthKind][anyframe.models.ConnectorAuthKind])."""
    secret_last4: str | None = None
    """Last four characters of the stored bearer token or OAuth secret."""
    expires_at: _Timestamp | None = None
    """When the current OAuth access token expires."""
    scopes: str | None = None
    """Granted OAuth scopes, as one string (unlike `ConnectorDiscovery.scopes_supported`)."""
    is_authorized: bool
    """`True` once the connector holds a usable credential."""
    last_refresh_attempt_at: _Timestamp | None = None
    """When the server last tried to refresh the OAuth token."""
    last_refresh_error: str | None = None
    """Error of the last failed token refresh, if any."""
    created_at: _Timestamp
    """When the connector was registered."""
    updated_at: _Timestamp
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
    scopes_supported: list[str] = Field(default_factory=list)
    """OAuth scopes the server advertises."""


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
    transport: str
    """MCP transport. Known values: `"http"`, `"sse"`, `"stdio"`
    ([McpTransport][anyframe.models.McpTransport])."""
    setup_kind: str
    """Which install call to use. Known values: `"oauth_dcr"`, `"oauth_preregistered"` (both:
    `install_catalog_oauth`), `"bearer_token"` (`install_catalog_bearer`), `"custom_mcp"`
    ([CatalogSetupKind][anyframe.models.CatalogSetupKind])."""
    publisher: str
    """Who publishes the MCP server."""
    trust_level: str
    """Known values: `"official"`, `"verified"`, `"community"`
    ([CatalogTrustLevel][anyframe.models.CatalogTrustLevel])."""
    docs_url: str
    """Link to the integration's documentation."""
    tags: list[str] = Field(default_factory=list)
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


# --- Agents ---


class AgentSkill(AnyFrameModel):
    """A Claude Code skill attached to an agent."""

    id: int
    """Numeric skill id."""
    name: str
    """Skill name."""
    source: str
    """Where the skill comes from. Known values: `"inline"`, `"git"`
    ([SkillSource][anyframe.models.SkillSource])."""
    content: dict[str, object]
    """The skill definition (free-form, e.g. `{"markdown": "..."}`)."""
    enabled: bool
    """Whether sessions of the agent load this skill."""
    created_at: _Timestamp
    """When the skill was added."""


class AgentMcp(AnyFrameModel):
    """An MCP server scoped to one agent."""

    id: int
    """Numeric MCP id."""
    name: str
    """Server name."""
    transport: str
    """Known values: `"http"`, `"sse"`, `"stdio"` ([McpTransport][anyframe.models.McpTransport])."""
    config: dict[str, object]
    """Transport configuration, e.g. `{"url": ...}` or `{"command": "npx", "args": [...]}`."""
    secret_ref: str | None = None
    """Name of the stored secret the server is given, if any."""
    enabled: bool
    """Whether sessions of the agent start this server."""
    created_at: _Timestamp
    """When the MCP server was added."""


class AgentConnectorToggle(AnyFrameModel):
    """One of the user's connectors as seen by an agent: on or off for that agent."""

    connector_id: int
    """Id of the user-level connector."""
    display_name: str
    """The connector's display name."""
    mcp_url: str
    """The connector's MCP URL."""
    auth_kind: str
    """Known values: `"oauth_dcr"`, `"oauth_preregistered"`, `"bearer_token"`
    ([ConnectorAuthKind][anyframe.models.ConnectorAuthKind])."""
    enabled: bool
    """Whether the connector is switched on for this agent."""
    is_authorized: bool
    """Whether the connector holds a usable credential."""


class AgentImage(AnyFrameModel):
    """The built image an agent's sessions boot from."""

    build_key: str
    """Cache key of the image recipe."""
    modal_image_id: str
    """Sandbox image id, e.g. `"im_1"`."""
    built_at: _Timestamp
    """When the image was built."""


class Agent(AnyFrameModel):
    """An agent: the reusable configuration (repo, prompt, runtime, ...) that sessions boot from.

    Returned by `af.agents.list()` and `af.agents.create()`; `get()` and `update()` return the richer
    [AgentDetail][anyframe.models.AgentDetail].
    """

    id: int
    """Numeric agent id."""
    name: str
    """Agent name."""
    description: str | None = None
    """Free-text description."""
    system_prompt: str | None = None
    """System prompt given to the coding agent."""
    runtime: str = "claude"
    """Coding-agent runtime. Known values: `"claude"`, `"codex"` ([Runtime][anyframe.models.Runtime])."""
    repo_url: str | None = None
    """GitHub repository as `owner/name`; `None` for a repo-less agent."""
    repo_ref: str | None = None
    """Branch, tag or commit checked out."""
    install_cmd: str | None = None
    """Command run when building the image."""
    serve_cmd: str | None = None
    """Default dev-server command, e.g. `"bun dev"`."""
    preview_ports: list[int] = Field(default_factory=list)
    """Ports the previews API may tunnel."""
    build_key: str | None = None
    """Cache key of the current image recipe."""
    permissions: dict[str, object] = Field(default_factory=dict)
    """Permission settings (free-form), e.g. `{"preset": "full_trust"}`; presets `read_only`,
    `standard`, `full_trust`."""
    env_vars: dict[str, str] = Field(default_factory=dict)
    """Environment variables of the sandbox; values always come back masked as `"****"`."""
    warmup_image_id: str | None = None
    """Image saved by `save_as_base()` that new sessions hydrate from."""
    created_at: _Timestamp
    """When the agent was created."""
    updated_at: _Timestamp
    """When the agent was last changed."""


class AgentDetail(Agent):
    """An [Agent][anyframe.models.Agent] with its skills, MCPs, connector toggles and image."""

    skills: list[AgentSkill] = Field(default_factory=list)
    """Skills attached to the agent."""
    mcps: list[AgentMcp] = Field(default_factory=list)
    """Agent-scoped MCP servers."""
    connectors: list[AgentConnectorToggle] = Field(default_factory=list)
    """The user's connectors with their on/off state for this agent."""
    image: AgentImage | None = None
    """The built image, once a build succeeded."""


# --- Builds ---


class BuildQueued(AnyFrameModel):
    """The answer to `af.agents.build()`: whether a build was queued, and why not if it was not."""

    agent_id: int
    """The agent being built."""
    build_key: str | None = None
    """Cache key of the image recipe."""
    queued: bool
    """`False` on a cache hit or when a build is already running (see `reason`)."""
    reason: str | None = None
    """Why nothing was queued."""
    build_id: int | None = None
    """Id of the queued build, to stream its log."""


class BuildStatus(AnyFrameModel):
    """The state of an agent's latest build, as polled by `wait_for_build()`."""

    agent_id: int
    """The agent."""
    build_key: str | None = None
    """Cache key of the image recipe."""
    state: str | None = None
    """`None` when the agent was never built. Known values: `"queued"`, `"running"`, `"succeeded"`,
    `"failed"`, `"cancelled"` ([BuildState][anyframe.models.BuildState])."""
    started_at: _Timestamp | None = None
    """When the build started."""
    finished_at: _Timestamp | None = None
    """When the build finished."""
    error: str | None = None
    """Error message of a failed build."""
    built_image_id: str | None = None
    """Image id produced by a successful build."""


class Build(AnyFrameModel):
    """One build in an agent's build history."""

    id: int
    """Numeric build id."""
    build_key: str
    """Cache key of the image recipe."""
    state: str
    """Known values: `"queued"`, `"running"`, `"succeeded"`, `"failed"`, `"cancelled"`
    ([BuildState][anyframe.models.BuildState])."""
    started_at: _Timestamp
    """When the build started."""
    finished_at: _Timestamp | None = None
    """When the build finished."""
    error: str | None = None
    """Error message of a failed build."""
    log_size: int | None = None
    """Size of the archived log in bytes."""


class LogUrl(AnyFrameModel):
    """A short-lived signed URL to an archived build log."""

    url: str
    """The signed URL."""
    expires_in: int
    """Seconds until the URL stops working."""


# --- Sessions, previews, snapshots, chat ---


class Preview(AnyFrameModel):
    """A dev server running inside a session's sandbox, tunnelled out on a port."""

    port: int
    """Port inside the sandbox."""
    name: str
    """Preview name, unique within the session."""
    cmd: str | None = None
    """Command that runs the dev server."""
    status: str
    """Known values: `"starting"`, `"running"`, `"paused"`, `"stopped"`, `"error"`
    ([PreviewStatus][anyframe.models.PreviewStatus])."""
    url: str | None = None
    """Public tunnel URL."""
    started_at: float | None = None
    """When the dev server started, in Unix epoch seconds (not a `datetime`, unlike other timestamps)."""
    exit_code: int | None = None
    """Exit code once the process ended."""


class PreviewSpec(BaseModel):
    """One preview to start with `af.sessions.previews_batch_start()`.

    Checked when built: `PreviewSpec(cmd="bun dev", port=3000, name="web")`. A missing or blank `cmd`,
    or a port outside 1-65535, raises `pydantic.ValidationError` (a `ValueError`) before any request.

    Raises:
        pydantic.ValidationError: `cmd` is missing or blank, `port` is out of range, or a keyword is
            misspelt.
    """

    # Request side: an unknown keyword is a typo to report, not data to keep; frozen so a checked spec
    # cannot be changed into an unchecked one.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    cmd: str = Field(strict=True, min_length=1)
    """Command that starts the dev server, e.g. `"bun dev"`. Required."""
    port: int | None = Field(default=None, strict=True, ge=1, le=65535)
    """Port to tunnel (1-65535). Omit to let the control plane pick one."""
    name: str | None = Field(default=None, strict=True)
    """Name to address the preview by."""

    @field_validator("cmd")
    @classmethod
    def _cmd_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("cmd must be a non-empty command, e.g. 'bun dev'")
        return value

    def to_wire(self) -> dict[str, object]:
        """Return the JSON object sent for this spec.

        Returns:
            A dict with `cmd` and, when set, `port` and `name`; keys whose value is `None` are left out.
        """
        wire: dict[str, object] = {"cmd": self.cmd}
        if self.port is not None:
            wire["port"] = self.port
        if self.name is not None:
            wire["name"] = self.name
        return wire


class PreviewActionResult(AnyFrameModel):
    """The outcome of a single preview action (`previews_start`, `previews_stop`, `previews_status`)."""

    ok: bool
    """`False` when the action failed; see `error`."""
    port: int | None = None
    """Port of the preview acted on."""
    name: str | None = None
    """Name of the preview acted on."""
    url: str | None = None
    """Public tunnel URL, once running."""
    status: str | None = None
    """Known values: `"starting"`, `"running"`, `"paused"`, `"stopped"`, `"error"`
    ([PreviewStatus][anyframe.models.PreviewStatus])."""
    restart_pending: bool = False
    """`True` when a newly allocated port needs a sandbox restart first."""
    already_open: bool = False
    """`True` when the preview was already running."""
    error: str | None = None
    """Why the action failed."""


class PreviewBatchResult(AnyFrameModel):
    """The outcome of `previews_batch_start()`: all previews start, restarting the sandbox at most once."""

    ok: bool
    """`False` when the batch failed; see `error`."""
    restart_pending: bool = False
    """`True` when new ports need a sandbox restart first."""
    previews: list[Preview] = Field(default_factory=list)
    """The previews started."""
    error: str | None = None
    """Why the batch failed."""


class Session(AnyFrameModel):
    """A session: a live sandbox running an agent's image, with its chat thread and previews."""

    id: str
    """Session id, a UUID string as the server sends it."""
    agent_id: int
    """The agent the session runs."""
    status: str
    """Known values: `"booting"`, `"running"`, `"snapshotting"`, `"terminated"`, `"error"`
    ([SessionStatus][anyframe.models.SessionStatus]). Newer servers may report others (e.g. `"paused"`)."""
    modal_sandbox_id: str | None = None
    """Id of the underlying sandbox."""
    sandbox_url: str | None = None
    """URL of the sandbox's chat bridge."""
    snapshot_image_id: str | None = None
    """Image id of the latest snapshot."""
    idle_timeout_s: int
    """Idle seconds after which the sandbox snapshots itself."""
    previews: list[Preview] = Field(default_factory=list)
    """The session's dev-server previews."""
    is_setup_session: bool = False
    """`True` for setup sessions, which can `save_as_base()`."""
    created_at: _Timestamp
    """When the session was created."""
    last_active: _Timestamp
    """When the session last saw activity."""


class SaveAsBaseResult(AnyFrameModel):
    """The warmup image saved from a setup session by `save_as_base()`."""

    warmup_image_id: str
    """Image id new sessions of the agent now hydrate from."""
    warmup_inputs_hash: str
    """Hash of the inputs the image was made from, e.g. `"sha256:..."`."""


class Snapshot(AnyFrameModel):
    """A point-in-time capture of a session's filesystem and chat state."""

    id: int
    """Numeric snapshot id; pass it as `resume_from_snapshot_id`."""
    modal_image_id: str
    """Image id of the snapshot."""
    label: str | None = None
    """Optional label."""
    created_at: _Timestamp
    """When the snapshot was taken."""


class ChatEvent(AnyFrameModel):
    """One persisted chat event of a session, as returned by `af.sessions.transcript()`.

    `kind` and `data` are read-only views of `payload`, so `model_dump()` holds exactly what the server sent.
    """

    seq: int
    """Sequence number within the session; pass the last one seen as `since` to page forward."""
    payload: dict[str, object]
    """The event as the chat bridge recorded it; its `type` key says what it is."""
    created_at: _Timestamp
    """When the event was recorded."""

    @property
    def kind(self) -> str | None:
        """The event type (`payload["type"]`, e.g. `"assistant"`, `"result"`), or `None` if absent."""
        kind = self.payload.get("type")
        return kind if isinstance(kind, str) else None

    @property
    def data(self) -> dict[str, object]:
        """The event payload (the same object as `payload`)."""
        return self.payload


# --- Attention rail ---


class AttentionItem(AnyFrameModel):
    """An entry of the attention rail: a session that needs the operator.

    Items of a known `kind` are returned as [AttentionPendingItem][anyframe.models.AttentionPendingItem],
    [AttentionIdleItem][anyframe.models.AttentionIdleItem] or
    [AttentionPausedItem][anyframe.models.AttentionPausedItem]; an item of a kind this SDK does not know
    is returned as this base class, with its other fields kept as extras.
    """

    kind: str
    """Known values: `"pending"`, `"idle"`, `"paused"` ([AttentionKind][anyframe.models.AttentionKind])."""
    session_id: str
    """Id (UUID string) of the session that needs attention."""
    agent_id: int
    """Id of the session's agent."""
    agent_name: str
    """Name of the session's agent."""
    at: _Timestamp
    """When the item arose."""


class AttentionPendingItem(AttentionItem):
    """A session blocked on the operator: a permission request or a question (`kind == "pending"`)."""

    session_status: str
    """Known values: `"booting"`, `"running"`, `"snapshotting"`, `"terminated"`, `"error"`
    ([SessionStatus][anyframe.models.SessionStatus])."""
    seq: int
    """Chat `seq` of the pending event."""
    payload: dict[str, object]
    """The pending `permission_request` / `ask_user_question` event; carries its `request_id`."""
    preview: str | None = None
    """Human summary, e.g. `"Bash(command=ls -la)"`."""


class AttentionIdleItem(AttentionItem):
    """A running session waiting for the next prompt (`kind == "idle"`)."""

    preview: str | None = None
    """Human summary of the last turn, e.g. `"All done."`."""


class AttentionPausedItem(AttentionItem):
    """A session paused within the last 24 hours, a candidate to resume (`kind == "paused"`)."""

    snapshot_image_id: str | None = None
    """Image id of the snapshot it would resume from."""


_ATTENTION_CLASSES: dict[str, type[AttentionItem]] = {
    "pending": AttentionPendingItem,
    "idle": AttentionIdleItem,
    "paused": AttentionPausedItem,
}
_OTHER_KIND = "~other"  # not a valid kind on the wire, so it cannot collide with a real one


def _attention_tag(value: object) -> str:
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    return kind if isinstance(kind, str) and kind in _ATTENTION_CLASSES else _OTHER_KIND


_AnyAttentionItem: TypeAlias = Annotated[
    Annotated[AttentionPendingItem, Tag("pending")]
    | Annotated[AttentionIdleItem, Tag("idle")]
    | Annotated[AttentionPausedItem, Tag("paused")]
    | Annotated[AttentionItem, Tag(_OTHER_KIND)],
    Discriminator(_attention_tag),
]

# --- Parsing helpers ---

_ADAPTERS: dict[object, TypeAdapter[Any]] = {}


def _is_plain_model(type_: object) -> bool:
    # A model class is validated by its own validator, built once on first use: it honours the model's
    # config (`TokenCreated` hides its input from error messages; a TypeAdapter wrapping a not-yet-built
    # model would not) and is the one `Model(...)` and `Model.model_validate()` reuse.
    # `get_origin` first: on Python 3.10 `list[Agent]` passes `isinstance(..., type)` but not `issubclass`.
    return (
        get_origin(type_) is None
        and isinstance(type_, type)
        and issubclass(type_, BaseModel)
        and type_ is not AttentionItem
    )


def _adapter(type_: object) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(type_)
    if adapter is None:
        target: Any = type_
        # The attention union is an implementation detail: callers ask for `AttentionItem` (or a list of
        # them) and get the subclass that matches each item's `kind`.
        if type_ is AttentionItem:
            target = _AnyAttentionItem
        elif get_origin(type_) is list and get_args(type_) == (AttentionItem,):
            target = list[_AnyAttentionItem]
        adapter = TypeAdapter(target)
        # Racing threads may each build one; the last write wins and both are equivalent.
        _ADAPTERS[type_] = adapter
    return adapter


def validate_json(type_: type[_T], data: bytes | bytearray | str) -> _T:
    """Parse a JSON document straight into a model or a list of models.

    The bytes are decoded and validated in one pass inside pydantic-core. A model class uses its own
    validator; any other target (`list[Model]`, ...) gets a `TypeAdapter` built once and cached. Either
    way, parsing a response body costs no more than the validation itself.

    Args:
        type_: The target type, e.g. `Session` or `list[Agent]`. `AttentionItem` and
            `list[AttentionItem]` yield the subclass matching each item's `kind`.
        data: The raw JSON document.

    Returns:
        The validated value.

    Raises:
        pydantic.ValidationError: The document is not valid JSON or does not fit `type_`.
    """
    if _is_plain_model(type_):
        return cast("_T", cast("type[BaseModel]", type_).model_validate_json(data))
    return cast("_T", _adapter(type_).validate_json(data))


def validate_python(type_: type[_T], obj: object) -> _T:
    """Validate an already-decoded JSON value (dicts, lists, ...) into a model or a list of models.

    Prefer [validate_json][anyframe.models.validate_json] when you hold the raw bytes: it is faster.

    Args:
        type_: The target type, e.g. `ChatEvent` or `list[Preview]`. `AttentionItem` and
            `list[AttentionItem]` yield the subclass matching each item's `kind`.
        obj: The decoded value.

    Returns:
        The validated value.

    Raises:
        pydantic.ValidationError: `obj` does not fit `type_`.
    """
    if _is_plain_model(type_):
        return cast("_T", cast("type[BaseModel]", type_).model_validate(obj))
    return cast("_T", _adapter(type_).validate_python(obj))


def parse_attention_item(obj: object) -> AttentionItem:
    """Validate one attention item, choosing the model from its `kind`.

    Args:
        obj: A decoded attention item (a dict as the API sends it).

    Returns:
        An [AttentionPendingItem][anyframe.models.AttentionPendingItem],
        [AttentionIdleItem][anyframe.models.AttentionIdleItem] or
        [AttentionPausedItem][anyframe.models.AttentionPausedItem] for a known `kind`; the base
        [AttentionItem][anyframe.models.AttentionItem], extra fields kept, for any other kind.

    Raises:
        pydantic.ValidationError: The item lacks a field every attention item has, or a field its kind
            requires.
    """
    return validate_python(AttentionItem, obj)
