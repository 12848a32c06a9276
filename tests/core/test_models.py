"""Tests of `anyframe.models`: the public pydantic models and their parsing helpers.

Contracts pinned here:

- Every JSON fixture of `api-contract.md` parses into its model, with the documented values.
- Optional keys default as the contract says (`[]`, `{}`, `False`, `True`, `"claude"`, `None`), and a
  missing `Credentials.codex` reads as `CredentialPart(set=False)`.
- Required keys missing -> `pydantic.ValidationError`.
- Unknown fields are kept (attribute access and `model_dump()`); unknown enum values parse
  (session `"paused"`, build `"exploded"`, ...); an unknown attention `kind` gives the base `AttentionItem`.
- Attention items dispatch on `kind` to the three subclasses, via `parse_attention_item` and
  `validate_json(list[AttentionItem], ...)`.
- Timestamps are timezone-aware (`Z` parsed, an offset-less one taken as UTC); `Preview.started_at` is a
  float of epoch seconds.
- `TokenCreated.token` is readable and dumped, but never in `repr()`, `str()` or validation errors.
- `ChatEvent.kind` / `.data` read `payload` and are not fields (`model_dump()` unchanged).
- `PreviewSpec` checks `cmd` (required, non-blank) and `port` (1-65535) at construction (its wire shape
  is pinned by the previews tests).
- `validate_json` (`anyframe._core.validation`) parses bytes, caches one adapter per type, and raises
  `ValidationError` on bad JSON.
- Every model and field is documented; `__all__` lists exactly the public names of the package's
  modules; importing the package imports no model module, and importing them builds no validator
  (`defer_build`).
- The fields with known values are typed `<Literal alias> | str`: a known value and an unknown one parse.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import subprocess
import sys
import textwrap
import types
import typing
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated, Any, Literal

import pydantic
import pytest
from typing_extensions import assert_type

import anyframe._core.validation as validation
import anyframe.models as models
from anyframe._core.validation import validate_json, validate_python
from anyframe.models import (
    Agent,
    AgentConnectorToggle,
    AgentDetail,
    AgentImage,
    AgentMcp,
    AgentSkill,
    AnyFrameModel,
    AttentionIdleItem,
    AttentionItem,
    AttentionPausedItem,
    AttentionPendingItem,
    Build,
    BuildQueued,
    BuildStatus,
    ChatEvent,
    Connector,
    ConnectorAuthorize,
    ConnectorCatalogItem,
    ConnectorDiscovery,
    CredentialPart,
    Credentials,
    LogUrl,
    Preview,
    PreviewActionResult,
    PreviewBatchResult,
    PreviewSpec,
    SaveAsBaseResult,
    Session,
    Snapshot,
    Token,
    TokenCreated,
    User,
    parse_attention_item,
)

# `anyframe.models` computes its `__all__` from its modules' (see `anyframe._exports`): type checkers
# see the names, not the list.
_MODELS_MODULE: types.ModuleType = models
MODEL_NAMES: list[str] = _MODELS_MODULE.__all__

TS = "2025-01-01T00:00:00Z"
UTC_2025 = datetime(2025, 1, 1, tzinfo=timezone.utc)
SID = "11111111-2222-3333-4444-555555555555"
SECRET = "afm_abcdefghijklmnop"

# --- Fixtures copied from api-contract.md (and, where it gives only a table, built from §11) ---

USER = {"id": 1, "github_id": 42, "login": "nish", "name": "Nish", "avatar_url": None}
CREDENTIALS = {
    "claude": {"set": True, "last4": "wxyz", "updated_at": TS},
    "codex": {"set": False, "last4": None, "updated_at": None},
    "github": {"set": False, "last4": None, "updated_at": None},
}
TOKEN = {"id": 3, "name": "ci", "prefix": "afm_abcd", "last4": "mnop", "created_at": TS, "revoked_at": None}
TOKEN_CREATED = {**TOKEN, "token": SECRET}
CONNECTOR = {
    "id": 5,
    "display_name": "Linear",
    "mcp_url": "https://mcp.linear.app/sse",
    "catalog_slug": "linear",
    "default_enabled": True,
    "transport": "http",
    "auth_kind": "bearer_token",
    "secret_last4": "wxyz",
    "expires_at": None,
    "scopes": "read write",
    "is_authorized": True,
    "last_refresh_attempt_at": None,
    "last_refresh_error": None,
    "created_at": TS,
    "updated_at": TS,
}
DISCOVERY = {
    "mcp_url": "https://mcp.example.com",
    "supports_dcr": True,
    "suggested_display_name": "Example",
    "authorization_endpoint": "https://mcp.example.com/authorize",
    "token_endpoint": "https://mcp.example.com/token",
    "scopes_supported": ["read", "write"],
}
AUTHORIZE = {"connector_id": 5, "authorize_url": "https://linear.app/oauth/authorize?x=1", "state": "st_1"}
CATALOG_ITEM = {
    "slug": "linear",
    "display_name": "Linear",
    "category": "issue-tracking",
    "description": "Issues and projects.",
    "mcp_url": "https://mcp.linear.app/sse",
    "transport": "http",
    "setup_kind": "oauth_dcr",
    "publisher": "Linear",
    "trust_level": "official",
    "docs_url": "https://linear.app/docs/mcp",
    "tags": ["issues"],
    "has_logo": True,
    "coming_soon": False,
    "installed": False,
    "connector_id": None,
    "is_authorized": None,
}
SKILL = {
    "id": 1,
    "name": "review",
    "source": "inline",
    "content": {"md": "# Review"},
    "enabled": True,
    "created_at": TS,
}
MCP = {
    "id": 2,
    "name": "fs",
    "transport": "stdio",
    "config": {"command": "npx", "args": ["@modelcontextprotocol/server-filesystem", "/work"]},
    "secret_ref": None,
    "enabled": True,
    "created_at": TS,
}
TOGGLE = {
    "connector_id": 5,
    "display_name": "Linear",
    "mcp_url": "https://mcp.linear.app/sse",
    "auth_kind": "oauth_dcr",
    "enabled": False,
    "is_authorized": True,
}
IMAGE = {"build_key": "abc123", "modal_image_id": "im_1", "built_at": TS}
AGENT = {
    "id": 7,
    "name": "demo",
    "description": "A demo agent",
    "system_prompt": "Be brief.",
    "runtime": "claude",
    "repo_url": "tinyhq/box",
    "repo_ref": "main",
    "install_cmd": "bun install",
    "serve_cmd": "bun dev",
    "preview_ports": [3000],
    "build_key": "abc123",
    "permissions": {"preset": "full_trust", "extra_allowed_tools": []},
    "env_vars": {"API_URL": "****"},
    "warmup_image_id": None,
    "created_at": TS,
    "updated_at": TS,
}
AGENT_DETAIL = {**AGENT, "skills": [SKILL], "mcps": [MCP], "connectors": [TOGGLE], "image": IMAGE}
BUILD_QUEUED = {"agent_id": 7, "build_key": "k1", "queued": True}
BUILD_STATUS_NEVER_BUILT = {"agent_id": 7, "build_key": None}
BUILD_STATUS = {
    "agent_id": 7,
    "build_key": "k1",
    "state": "succeeded",
    "started_at": TS,
    "finished_at": TS,
    "error": None,
    "built_image_id": "im_1",
}
BUILD = {
    "id": 9,
    "build_key": "k1",
    "state": "failed",
    "started_at": TS,
    "finished_at": TS,
    "error": "exit 1",
    "log_size": 1024,
}
LOG_URL = {"url": "https://r2/...", "expires_in": 300}
PREVIEW = {
    "port": 3000,
    "name": "web",
    "cmd": "bun dev",
    "status": "running",
    "url": "https://tunnel/3000",
    "started_at": 1234567890.0,
    "exit_code": None,
}
SESSION = {
    "id": SID,
    "agent_id": 7,
    "status": "running",
    "modal_sandbox_id": "sb-1",
    "sandbox_url": "https://sb-1.example",
    "snapshot_image_id": None,
    "idle_timeout_s": 300,
    "previews": [PREVIEW],
    "is_setup_session": False,
    "created_at": TS,
    "last_active": TS,
}
PREVIEW_START = {
    "ok": True,
    "port": 3000,
    "name": "web",
    "url": "https://tunnel/3000",
    "status": "running",
    "restart_pending": False,
    "already_open": False,
    "error": None,
}
PREVIEW_STOP = {"ok": True, "status": "stopped"}
PREVIEW_BATCH = {"ok": True, "restart_pending": True, "previews": [PREVIEW], "error": None}
SAVE_AS_BASE = {"warmup_image_id": "im_abc", "warmup_inputs_hash": "sha256:deadbeef"}
SNAPSHOT = {"id": 4, "modal_image_id": "im_snap", "label": None, "created_at": TS}
TRANSCRIPT = [
    {"seq": 1, "payload": {"type": "user_message"}, "created_at": TS},
    {"seq": 2, "payload": {"type": "assistant_message", "text": "hi"}, "created_at": TS},
]
ATTENTION = [
    {
        "kind": "pending",
        "session_id": SID,
        "agent_id": 7,
        "agent_name": "demo",
        "session_status": "running",
        "seq": 42,
        "payload": {"type": "permission_request", "request_id": "r-1"},
        "at": TS,
        "preview": "Bash(command=ls -la)",
    },
    {
        "kind": "idle",
        "session_id": SID,
        "agent_id": 7,
        "agent_name": "demo",
        "at": TS,
        "preview": "All done.",
    },
    {
        "kind": "paused",
        "session_id": SID,
        "agent_id": 7,
        "agent_name": "demo",
        "snapshot_image_id": "im_abc",
        "at": TS,
    },
]

CASES: list[tuple[type[AnyFrameModel], dict[str, Any]]] = [
    (User, USER),
    (Token, TOKEN),
    (TokenCreated, TOKEN_CREATED),
    (Credentials, CREDENTIALS),
    (Connector, CONNECTOR),
    (ConnectorDiscovery, DISCOVERY),
    (ConnectorAuthorize, AUTHORIZE),
    (ConnectorCatalogItem, CATALOG_ITEM),
    (AgentSkill, SKILL),
    (AgentMcp, MCP),
    (AgentConnectorToggle, TOGGLE),
    (AgentImage, IMAGE),
    (Agent, AGENT),
    (AgentDetail, AGENT_DETAIL),
    (BuildQueued, BUILD_QUEUED),
    (BuildStatus, BUILD_STATUS),
    (BuildStatus, BUILD_STATUS_NEVER_BUILT),
    (Build, BUILD),
    (LogUrl, LOG_URL),
    (Preview, PREVIEW),
    (Session, SESSION),
    (PreviewActionResult, PREVIEW_START),
    (PreviewActionResult, PREVIEW_STOP),
    (PreviewBatchResult, PREVIEW_BATCH),
    (SaveAsBaseResult, SAVE_AS_BASE),
    (Snapshot, SNAPSHOT),
    (ChatEvent, TRANSCRIPT[1]),
    (AttentionPendingItem, ATTENTION[0]),
    (AttentionIdleItem, ATTENTION[1]),
    (AttentionPausedItem, ATTENTION[2]),
]
CASE_IDS = [f"{model.__name__}-{i}" for i, (model, _) in enumerate(CASES)]


def _bytes(obj: object) -> bytes:
    return json.dumps(obj).encode()


def _public_models() -> list[type[pydantic.BaseModel]]:
    return [
        obj
        for obj in (getattr(models, name) for name in MODEL_NAMES)
        if inspect.isclass(obj) and issubclass(obj, pydantic.BaseModel)
    ]


def _without(data: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != key}


# --- Fixtures parse ---


@pytest.mark.parametrize(("model", "data"), CASES, ids=CASE_IDS)
def test_contract_fixture_parses_from_json_bytes_and_round_trips(
    model: type[AnyFrameModel], data: dict[str, Any]
) -> None:
    parsed = validate_json(model, _bytes(data))
    assert type(parsed) is model
    # Dumping in JSON mode gives back every key the server sent, so nothing was dropped or renamed.
    dumped = parsed.model_dump(mode="json")
    for key in data:
        assert key in dumped


def test_user_fixture_values() -> None:
    user = validate_json(User, _bytes(USER))
    assert (user.id, user.github_id, user.login, user.name, user.avatar_url) == (1, 42, "nish", "Nish", None)


def test_credentials_fixture_values() -> None:
    creds = validate_json(Credentials, _bytes(CREDENTIALS))
    assert creds.claude == CredentialPart(set=True, last4="wxyz", updated_at=UTC_2025)
    assert creds.codex.set is False
    assert creds.codex.last4 is None
    assert creds.github.updated_at is None


def test_credentials_without_codex_reads_codex_as_not_set() -> None:
    creds = validate_json(Credentials, _bytes(_without(CREDENTIALS, "codex")))
    assert creds.codex == CredentialPart(set=False)
    assert creds.codex.last4 is None


def test_credential_part_with_only_set_key_parses() -> None:
    part = validate_json(CredentialPart, b'{"set": false}')
    assert (part.set, part.last4, part.updated_at) == (False, None, None)


def test_agent_detail_nests_skills_mcps_toggles_and_image() -> None:
    detail = validate_json(AgentDetail, _bytes(AGENT_DETAIL))
    assert isinstance(detail, Agent)
    assert detail.skills[0].content == {"md": "# Review"}
    assert detail.mcps[0].config["command"] == "npx"
    assert detail.connectors[0].enabled is False
    assert detail.image is not None
    assert detail.image.modal_image_id == "im_1"


def test_session_fixture_keeps_uuid_string_and_previews() -> None:
    session = validate_json(Session, _bytes(SESSION))
    assert session.id == SID
    assert isinstance(session.id, str)
    assert session.previews == [Preview.model_validate(PREVIEW)]


def test_build_status_before_any_build_has_no_state() -> None:
    status = validate_json(BuildStatus, _bytes(BUILD_STATUS_NEVER_BUILT))
    assert status.state is None
    assert status.build_key is None
    assert status.started_at is None


def test_build_queued_fixture_defaults_optional_keys_to_none() -> None:
    queued = validate_json(BuildQueued, _bytes(BUILD_QUEUED))
    assert (queued.queued, queued.build_key, queued.reason, queued.build_id) == (True, "k1", None, None)


def test_preview_results_match_the_fixtures() -> None:
    start = validate_json(PreviewActionResult, _bytes(PREVIEW_START))
    assert (start.ok, start.url, start.status) == (True, "https://tunnel/3000", "running")
    stop = validate_json(PreviewActionResult, _bytes(PREVIEW_STOP))
    assert (stop.ok, stop.status, stop.port, stop.restart_pending, stop.already_open) == (
        True,
        "stopped",
        None,
        False,
        False,
    )
    batch = validate_json(PreviewBatchResult, _bytes(PREVIEW_BATCH))
    assert batch.restart_pending is True
    assert batch.previews[0].name == "web"


def test_save_as_base_result_repr_matches_the_guide() -> None:
    result = validate_json(SaveAsBaseResult, _bytes(SAVE_AS_BASE))
    assert repr(result) == "SaveAsBaseResult(warmup_image_id='im_abc', warmup_inputs_hash='sha256:deadbeef')"


def test_transcript_list_parses_in_order() -> None:
    events = validate_json(list[ChatEvent], _bytes(TRANSCRIPT))
    assert [e.seq for e in events] == [1, 2]
    assert events[1].payload == {"type": "assistant_message", "text": "hi"}


# --- Defaults of optional keys ---


def test_agent_minimal_body_gets_documented_defaults() -> None:
    minimal = {"id": 1, "name": "demo", "created_at": TS, "updated_at": TS}
    agent = validate_json(Agent, _bytes(minimal))
    assert agent.runtime == "claude"
    assert agent.preview_ports == []
    assert agent.permissions == {}
    assert agent.env_vars == {}
    assert (agent.description, agent.repo_url, agent.warmup_image_id, agent.build_key) == (None,) * 4


def test_agent_detail_minimal_body_gets_empty_lists_and_no_image() -> None:
    detail = validate_json(AgentDetail, _bytes({"id": 1, "name": "d", "created_at": TS, "updated_at": TS}))
    assert (detail.skills, detail.mcps, detail.connectors, detail.image) == ([], [], [], None)


def test_mutable_defaults_are_not_shared_between_instances() -> None:
    minimal = {"id": 1, "name": "demo", "created_at": TS, "updated_at": TS}
    first, second = Agent.model_validate(minimal), Agent.model_validate(minimal)
    first.preview_ports.append(3000)
    first.env_vars["X"] = "1"
    assert second.preview_ports == []
    assert second.env_vars == {}


def test_pre_1_1_connector_defaults_catalog_slug_none_and_default_enabled_true() -> None:
    old = {k: v for k, v in CONNECTOR.items() if k not in {"catalog_slug", "default_enabled"}}
    connector = validate_json(Connector, _bytes(old))
    assert connector.catalog_slug is None
    assert connector.default_enabled is True


def test_catalog_item_minimal_body_gets_documented_defaults() -> None:
    keys = {"tags", "has_logo", "coming_soon", "installed", "connector_id", "is_authorized"}
    item = validate_json(
        ConnectorCatalogItem, _bytes({k: v for k, v in CATALOG_ITEM.items() if k not in keys})
    )
    assert (item.tags, item.has_logo, item.coming_soon, item.installed) == ([], False, False, False)
    assert (item.connector_id, item.is_authorized) == (None, None)


def test_session_minimal_body_gets_empty_previews_and_not_setup() -> None:
    keys = {"modal_sandbox_id", "sandbox_url", "snapshot_image_id", "previews", "is_setup_session"}
    session = validate_json(Session, _bytes({k: v for k, v in SESSION.items() if k not in keys}))
    assert (session.previews, session.is_setup_session, session.sandbox_url) == ([], False, None)


def test_discovery_without_scopes_supported_defaults_to_empty_list() -> None:
    discovery = validate_json(ConnectorDiscovery, _bytes(_without(DISCOVERY, "scopes_supported")))
    assert discovery.scopes_supported == []


def test_token_without_revoked_at_defaults_to_none() -> None:
    assert validate_json(Token, _bytes(_without(TOKEN, "revoked_at"))).revoked_at is None


# --- Required keys ---


@pytest.mark.parametrize(
    ("model", "data", "missing"),
    [
        (User, USER, "login"),
        (Token, TOKEN, "created_at"),
        (TokenCreated, TOKEN_CREATED, "token"),
        (Credentials, CREDENTIALS, "claude"),
        (Connector, CONNECTOR, "is_authorized"),
        (Agent, AGENT, "updated_at"),
        (Session, SESSION, "status"),
        (Session, SESSION, "idle_timeout_s"),
        (Build, BUILD, "state"),
        (Preview, PREVIEW, "port"),
        (ChatEvent, TRANSCRIPT[0], "payload"),
        (LogUrl, LOG_URL, "expires_in"),
        (AttentionPendingItem, ATTENTION[0], "seq"),
    ],
)
def test_missing_required_key_raises_validation_error(
    model: type[AnyFrameModel], data: dict[str, Any], missing: str
) -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        validate_json(model, _bytes(_without(data, missing)))
    assert info.value.errors()[0]["loc"] == (missing,)
    assert info.value.errors()[0]["type"] == "missing"


def test_wrong_type_raises_validation_error() -> None:
    with pytest.raises(pydantic.ValidationError):
        validate_json(Session, _bytes({**SESSION, "idle_timeout_s": "soon"}))


def test_invalid_json_raises_validation_error() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        validate_json(list[Agent], b"[{")
    assert info.value.errors()[0]["type"] == "json_invalid"


# --- Forward compatibility ---


def test_unknown_fields_are_kept_as_attributes_and_in_dump() -> None:
    session = validate_json(Session, _bytes({**SESSION, "vnc_url": "https://vnc", "private": True}))
    assert session.vnc_url == "https://vnc"  # type: ignore[attr-defined]
    assert session.model_dump()["private"] is True
    assert json.loads(session.model_dump_json())["vnc_url"] == "https://vnc"


def test_unknown_fields_are_kept_on_nested_models() -> None:
    data = {**AGENT_DETAIL, "skills": [{**SKILL, "catalog_slug": "x"}]}
    detail = validate_json(AgentDetail, _bytes(data))
    assert detail.model_dump()["skills"][0]["catalog_slug"] == "x"


@pytest.mark.parametrize(
    ("model", "data", "field", "value"),
    [
        (Session, SESSION, "status", "paused"),
        (Build, BUILD, "state", "exploded"),
        (BuildStatus, BUILD_STATUS, "state", "exploded"),
        (Preview, PREVIEW, "status", "hibernating"),
        (PreviewActionResult, PREVIEW_START, "status", "hibernating"),
        (Agent, AGENT, "runtime", "gemini"),
        (AgentMcp, MCP, "transport", "websocket"),
        (AgentSkill, SKILL, "source", "builtin"),
        (Connector, CONNECTOR, "auth_kind", "custom_header"),
        (AgentConnectorToggle, TOGGLE, "auth_kind", "stdio"),
        (ConnectorCatalogItem, CATALOG_ITEM, "setup_kind", "magic"),
        (ConnectorCatalogItem, CATALOG_ITEM, "trust_level", "experimental"),
        (AttentionPendingItem, ATTENTION[0], "session_status", "paused"),
    ],
)
def test_unknown_enum_value_is_accepted_as_string(
    model: type[AnyFrameModel], data: dict[str, Any], field: str, value: str
) -> None:
    parsed = validate_json(model, _bytes({**data, field: value}))
    assert getattr(parsed, field) == value


def test_literal_aliases_list_the_known_values() -> None:
    from typing import get_args

    assert set(get_args(models.SessionStatus)) == {
        "booting",
        "running",
        "snapshotting",
        "terminated",
        "error",
    }
    assert set(get_args(models.BuildState)) == {"queued", "running", "succeeded", "failed", "cancelled"}
    assert set(get_args(models.AttentionKind)) == {"pending", "idle", "paused"}
    assert "custom_mcp" in get_args(models.CatalogSetupKind)


# --- Attention items ---


def test_attention_list_dispatches_each_item_on_kind() -> None:
    items = validate_json(list[AttentionItem], _bytes(ATTENTION))
    assert [type(i) for i in items] == [AttentionPendingItem, AttentionIdleItem, AttentionPausedItem]
    pending, idle, paused = items
    assert isinstance(pending, AttentionPendingItem)
    assert pending.payload["request_id"] == "r-1"
    assert (pending.seq, pending.session_status, pending.preview) == (42, "running", "Bash(command=ls -la)")
    assert isinstance(idle, AttentionIdleItem)
    assert idle.preview == "All done."
    assert isinstance(paused, AttentionPausedItem)
    assert paused.snapshot_image_id == "im_abc"
    assert all(isinstance(i, AttentionItem) and i.session_id == SID for i in items)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ATTENTION[0], AttentionPendingItem),
        (ATTENTION[1], AttentionIdleItem),
        (ATTENTION[2], AttentionPausedItem),
    ],
)
def test_parse_attention_item_picks_subclass_from_kind(
    data: dict[str, Any], expected: type[AttentionItem]
) -> None:
    assert type(parse_attention_item(data)) is expected


def test_unknown_attention_kind_falls_back_to_base_item_with_extras() -> None:
    data = {"kind": "mystery", "session_id": SID, "agent_id": 7, "agent_name": "demo", "at": TS, "clue": 1}
    item = parse_attention_item(data)
    assert type(item) is AttentionItem
    assert item.kind == "mystery"
    assert item.model_dump()["clue"] == 1
    listed = validate_json(list[AttentionItem], _bytes([data, ATTENTION[1]]))
    assert [type(i) for i in listed] == [AttentionItem, AttentionIdleItem]


def test_attention_item_of_known_kind_missing_its_fields_is_rejected() -> None:
    with pytest.raises(pydantic.ValidationError):
        parse_attention_item(_without(ATTENTION[0], "payload"))


@pytest.mark.parametrize(
    "bad", [_without(ATTENTION[1], "kind"), _without(ATTENTION[1], "at"), ["idle"], None]
)
def test_attention_item_without_common_fields_is_rejected(bad: object) -> None:
    with pytest.raises(pydantic.ValidationError):
        parse_attention_item(bad)


def test_single_attention_item_via_validate_json_dispatches_too() -> None:
    assert type(validate_json(AttentionItem, _bytes(ATTENTION[2]))) is AttentionPausedItem


# --- Timestamps ---


def test_timestamps_are_timezone_aware_datetimes() -> None:
    agent = validate_json(Agent, _bytes(AGENT))
    assert isinstance(agent.created_at, datetime)
    assert agent.created_at.utcoffset() == timedelta(0)
    assert agent.created_at == UTC_2025
    pending = parse_attention_item(ATTENTION[0])
    assert pending.at.tzinfo is not None


def test_timestamp_without_offset_is_taken_as_utc() -> None:
    token = validate_json(Token, _bytes({**TOKEN, "created_at": "2025-01-01T00:00:00"}))
    assert token.created_at == UTC_2025
    assert token.created_at.utcoffset() == timedelta(0)


def test_timestamp_with_offset_keeps_the_instant() -> None:
    snap = validate_json(Snapshot, _bytes({**SNAPSHOT, "created_at": "2025-01-01T02:00:00+02:00"}))
    assert snap.created_at == UTC_2025


def test_preview_started_at_is_epoch_seconds_float() -> None:
    preview = validate_json(Preview, _bytes(PREVIEW))
    assert preview.started_at == 1234567890.0
    assert isinstance(preview.started_at, float)
    assert isinstance(validate_json(Preview, _bytes({**PREVIEW, "started_at": 17})).started_at, float)


def test_preview_started_at_rejects_iso_string() -> None:
    with pytest.raises(pydantic.ValidationError):
        validate_json(Preview, _bytes({**PREVIEW, "started_at": TS}))


# --- Secrets ---


def test_token_created_exposes_token_but_hides_it_from_repr_and_str() -> None:
    created = validate_json(TokenCreated, _bytes(TOKEN_CREATED))
    assert created.token == SECRET
    assert isinstance(created, Token)
    assert SECRET not in repr(created)
    assert SECRET not in str(created)
    assert "mnop" in repr(created)  # the redacted parts still show, so the repr stays useful


def test_token_created_dump_includes_token_when_asked() -> None:
    created = validate_json(TokenCreated, _bytes(TOKEN_CREATED))
    assert created.model_dump()["token"] == SECRET
    assert json.loads(created.model_dump_json())["token"] == SECRET


@pytest.mark.parametrize("body", [_bytes(_without(TOKEN_CREATED, "created_at")), _bytes({"token": SECRET})])
def test_token_created_validation_error_does_not_echo_the_token(body: bytes) -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        validate_json(TokenCreated, body)
    assert SECRET not in str(info.value)
    assert SECRET not in repr(info.value)
    with pytest.raises(pydantic.ValidationError) as info:
        TokenCreated.model_validate_json(body)
    assert SECRET not in str(info.value)


# --- ChatEvent ---


def test_chat_event_kind_and_data_read_the_payload() -> None:
    event = validate_json(ChatEvent, _bytes(TRANSCRIPT[1]))
    assert event.kind == "assistant_message"
    assert event.data == {"type": "assistant_message", "text": "hi"}
    assert event.data is event.payload


def test_chat_event_kind_is_none_without_a_string_type() -> None:
    assert ChatEvent(seq=1, payload={}, created_at=UTC_2025).kind is None
    assert ChatEvent(seq=1, payload={"type": 3}, created_at=UTC_2025).kind is None


def test_chat_event_dump_holds_only_the_wire_fields() -> None:
    event = validate_json(ChatEvent, _bytes(TRANSCRIPT[0]))
    assert set(event.model_dump()) == {"seq", "payload", "created_at"}
    assert json.loads(event.model_dump_json()) == {
        "seq": 1,
        "payload": {"type": "user_message"},
        "created_at": TS,
    }


# --- PreviewSpec ---


def test_preview_spec_builds_as_the_guide_shows() -> None:
    spec = PreviewSpec(cmd="bun dev", port=3000, name="web")
    assert (spec.cmd, spec.port, spec.name) == ("bun dev", 3000, "web")


def test_preview_spec_leaves_port_and_name_unset_by_default() -> None:
    spec = PreviewSpec(cmd="bun api")
    assert (spec.port, spec.name) == (None, None)


def test_preview_spec_without_cmd_raises_naming_cmd() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        PreviewSpec(port=3000)  # type: ignore[call-arg]
    assert info.value.errors()[0]["loc"] == ("cmd",)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("cmd", ["", "   "])
def test_preview_spec_with_blank_cmd_raises(cmd: str) -> None:
    with pytest.raises(pydantic.ValidationError, match="cmd"):
        PreviewSpec(cmd=cmd)


@pytest.mark.parametrize("port", [0, -1, 65536, 70000])
def test_preview_spec_with_port_out_of_range_raises(port: int) -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        PreviewSpec(cmd="bun dev", port=port)
    assert info.value.errors()[0]["loc"] == ("port",)


@pytest.mark.parametrize("port", [1, 65535])
def test_preview_spec_accepts_port_bounds(port: int) -> None:
    assert PreviewSpec(cmd="bun dev", port=port).port == port


@pytest.mark.parametrize("port", [True, "3000", 3000.0])
def test_preview_spec_rejects_non_int_port(port: object) -> None:
    with pytest.raises(pydantic.ValidationError):
        PreviewSpec(cmd="bun dev", port=port)  # type: ignore[arg-type]


def test_preview_spec_rejects_misspelt_keyword() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        PreviewSpec(cmd="bun dev", prot=3000)  # type: ignore[call-arg]
    assert info.value.errors()[0]["loc"] == ("prot",)


def test_preview_spec_from_plain_dict_and_is_frozen() -> None:
    spec = PreviewSpec.model_validate({"cmd": "bun dev", "port": 3000})
    assert (spec.cmd, spec.port, spec.name) == ("bun dev", 3000, None)
    with pytest.raises(pydantic.ValidationError):
        spec.port = 0


# --- Parsing helpers ---


def test_validate_json_accepts_bytes_and_str() -> None:
    assert validate_json(LogUrl, _bytes(LOG_URL)) == validate_json(LogUrl, json.dumps(LOG_URL))


def test_validate_json_caches_one_adapter_per_type() -> None:
    validate_json(list[Snapshot], _bytes([SNAPSHOT]))
    adapter = validation._ADAPTERS[list[Snapshot]]
    validate_json(list[Snapshot], _bytes([SNAPSHOT, SNAPSHOT]))
    assert validation._ADAPTERS[list[Snapshot]] is adapter


def test_validate_python_validates_decoded_values() -> None:
    previews = validate_python(list[Preview], [PREVIEW])
    assert previews[0].started_at == 1234567890.0
    assert type(validate_python(list[AttentionItem], ATTENTION)[0]) is AttentionPendingItem


def test_validate_json_return_types_follow_the_target_type() -> None:
    agents = validate_json(list[Agent], _bytes([AGENT]))
    assert_type(agents, list[Agent])
    session = validate_json(Session, _bytes(SESSION))
    assert_type(session, Session)
    assert agents[0].id == 7
    assert session.id == SID


def test_parse_100_agents_in_one_call() -> None:
    agents = validate_json(list[Agent], _bytes([{**AGENT, "id": i} for i in range(100)]))
    assert [a.id for a in agents] == list(range(100))


# --- Module hygiene ---


def _model_modules() -> list[Any]:
    return [importlib.import_module(source, models.__name__) for source in models._EXPORTS.sources]


def test_all_is_sorted_and_is_the_union_of_the_modules_all() -> None:
    assert sorted(MODEL_NAMES) == MODEL_NAMES
    assert set(MODEL_NAMES) == {name for module in _model_modules() for name in module.__all__}
    for name in MODEL_NAMES:
        assert getattr(models, name) is not None


def test_each_model_module_exports_every_public_class_and_function_it_defines() -> None:
    for module in _model_modules():
        defined = {
            name
            for name, value in vars(module).items()
            if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__
        }
        if module.__name__.endswith("._vocabulary"):
            defined = {name for name, value in vars(module).items() if typing.get_origin(value) is Literal}
        # A union alias (`ChatPayload`) belongs to `typing`, whatever module writes it.
        defined |= {name for name in module.__all__ if typing.get_origin(getattr(module, name)) is Annotated}
        assert defined == set(module.__all__), module.__name__


def _attribute_docstrings(model: type[pydantic.BaseModel]) -> set[str]:
    """Names of the fields that carry an attribute docstring in the class body (what mkdocstrings shows).

    Read from the source rather than from `Field.description`: pydantic's `use_attribute_docstrings`
    would provide the latter but costs ~40 ms of import time to parse every class body.
    """
    tree = ast.parse(textwrap.dedent(inspect.getsource(model)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    documented = set()
    for node, following in zip(body, [*body[1:], None], strict=True):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            documented.add(node.target.id)
    return documented


def test_every_model_and_field_has_a_docstring() -> None:
    for model in _public_models():
        assert model.__doc__, model
        documented: set[str] = set()
        for klass in model.__mro__:
            if (
                isinstance(klass, type)
                and issubclass(klass, pydantic.BaseModel)
                and klass.__module__.startswith(f"{models.__name__}.")
            ):
                documented |= _attribute_docstrings(klass)
        for name in model.model_fields:
            assert name in documented, f"{model.__name__}.{name}"


def test_response_models_keep_extras_and_the_request_spec_forbids_them() -> None:
    for model in _public_models():
        expected = "forbid" if model is PreviewSpec else "allow"
        assert model.model_config.get("extra") == expected, model


def test_importing_the_package_loads_no_model_and_loading_them_builds_no_validator() -> None:
    code = (
        "import sys, pydantic, anyframe.models as m\n"
        "print([n for n in sys.modules if n.startswith('anyframe.models.')])\n"
        "classes = [getattr(m, n) for n in m.__all__]\n"
        "print([c.__name__ for c in classes if isinstance(c, type)"
        " and issubclass(c, pydantic.BaseModel) and c.__pydantic_complete__])\n"
    )
    src = str(Path(models.__file__).resolve().parents[2])
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src},
        timeout=30,
    )
    assert out.stdout.split() == ["[]", "[]"]


# --- Optional fields the user guide reads (issue 14) ---

GUIDE_FIELDS: list[tuple[type[pydantic.BaseModel], dict[str, Any], str, object]] = [
    (User, USER, "email", "you@example.com"),
    (User, USER, "plan", "free"),
    (Token, TOKEN, "last_used_at", UTC_2025),
    (BuildStatus, BUILD_STATUS, "image_tag", "afm:agent-42-abc123"),
    (ConnectorDiscovery, DISCOVERY, "auth_scheme", "oauth2"),
    (ConnectorDiscovery, DISCOVERY, "server_name", "Linear"),
]


@pytest.mark.parametrize(
    ("model", "data", "field", "value"),
    GUIDE_FIELDS,
    ids=[f"{m.__name__}.{f}" for m, _, f, _ in GUIDE_FIELDS],
)
def test_a_field_the_guide_reads_is_none_when_omitted_and_the_value_when_sent(
    model: type[pydantic.BaseModel], data: dict[str, Any], field: str, value: object
) -> None:
    assert getattr(validate_json(model, _bytes(_without(data, field))), field) is None
    sent = TS if isinstance(value, datetime) else value
    parsed = validate_json(model, _bytes({**data, field: sent}))
    assert getattr(parsed, field) == value
    assert field not in (parsed.model_extra or {})  # a declared field, not a kept extra
