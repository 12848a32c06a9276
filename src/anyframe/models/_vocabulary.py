"""The known values of the API's open enums, as `Literal` aliases: written once, here.

The fields that carry them are typed `<Alias> | str`: a value a newer server adds (a session
`"paused"`, say) still parses, while editors and type checkers show the values this SDK knows.
`scripts/check_contract.py` checks each alias against the `x-known-values` of its field in
`openapi.yaml`. The waiters' sets of final states are derived from the groups below with
`typing.get_args` (`anyframe._core.polling`), so they cannot disagree with the vocabularies.

This module imports nothing but `typing`: the pure core reads it without loading pydantic.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

__all__ = [
    "AttentionKind",
    "BuildDoneState",
    "BuildFailedState",
    "BuildState",
    "CatalogSetupKind",
    "CatalogTrustLevel",
    "ConnectorAuthKind",
    "McpTransport",
    "PreviewStatus",
    "Runtime",
    "SessionEndedStatus",
    "SessionReadyStatus",
    "SessionStatus",
    "SkillSource",
]

SessionReadyStatus: TypeAlias = Literal["running"]
"""The session status [wait_until_running][anyframe._sync.sessions.Sessions.wait_until_running] waits for."""

SessionEndedStatus: TypeAlias = Literal["terminated", "error"]
"""Session statuses a session never leaves; `wait_until_running` raises `SessionEndedError` on them."""

SessionStatus: TypeAlias = Literal["booting", SessionReadyStatus, "snapshotting", SessionEndedStatus]
"""Session statuses known to this SDK version ([Session.status][anyframe.models.Session.status]);
newer servers may report others (e.g. `"paused"`)."""

PreviewStatus: TypeAlias = Literal["starting", "running", "paused", "stopped", "error"]
"""Preview statuses known to this SDK version ([Preview.status][anyframe.models.Preview.status])."""

BuildDoneState: TypeAlias = Literal["succeeded", "cancelled"]
"""Final build states on which [wait_for_build][anyframe._sync.agents.Agents.wait_for_build] returns."""

BuildFailedState: TypeAlias = Literal["failed"]
"""The final build state on which `wait_for_build` raises `BuildFailedError`."""

BuildState: TypeAlias = Literal["queued", "running", BuildDoneState, BuildFailedState]
"""Build states known to this SDK version ([BuildStatus.state][anyframe.models.BuildStatus.state]):
`queued` and `running`, then a final one."""

Runtime: TypeAlias = Literal["claude", "codex"]
"""Agent runtimes known to this SDK version ([Agent.runtime][anyframe.models.Agent.runtime])."""

McpTransport: TypeAlias = Literal["http", "sse", "stdio"]
"""MCP transports known to this SDK version."""

SkillSource: TypeAlias = Literal["inline", "git"]
"""Skill sources known to this SDK version ([AgentSkill.source][anyframe.models.AgentSkill.source])."""

ConnectorAuthKind: TypeAlias = Literal["oauth_dcr", "oauth_preregistered", "bearer_token"]
"""Connector auth kinds known to this SDK version."""

CatalogSetupKind: TypeAlias = Literal["oauth_dcr", "oauth_preregistered", "bearer_token", "custom_mcp"]
"""Catalog setup kinds known to this SDK version; each names the install call to use: `oauth_dcr` and
`oauth_preregistered` -> `install_catalog_oauth`, `bearer_token` -> `install_catalog_bearer`."""

CatalogTrustLevel: TypeAlias = Literal["official", "verified", "community"]
"""Catalog trust levels known to this SDK version."""

AttentionKind: TypeAlias = Literal["pending", "idle", "paused"]
"""Attention item kinds known to this SDK version ([AttentionItem][anyframe.models.AttentionItem] `kind`)."""
