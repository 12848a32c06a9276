"""The Python SDK for the AnyFrame control plane.

```python
import anyframe

with anyframe.AnyFrame() as af:          # reads ANYFRAME_API_KEY from the environment or .env
    agent = af.agents.create(name="demo", repo_url="tinyhq/box", install_cmd="bun install")
    af.agents.build(agent.id)
    af.agents.wait_for_build(agent.id)
    session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)
    print(session.sandbox_url)
```

Every name below is importable from `anyframe`. They are loaded on first use, so `import anyframe`
stays cheap (a CLI that only prints `anyframe.__version__` never imports pydantic or httpx).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:
    from ._async._stream import (
        AsyncEventStream as AsyncEventStream,
    )
    from ._async.client import (
        AsyncAnyFrame as AsyncAnyFrame,
    )
    from ._core.sse import (
        SSEEvent as SSEEvent,
    )
    from ._core.validate import (
        SessionId as SessionId,
    )
    from ._sync._stream import (
        EventStream as EventStream,
    )
    from ._sync.client import (
        AnyFrame as AnyFrame,
    )
    from .exceptions import (
        AnyFrameError as AnyFrameError,
    )
    from .exceptions import (
        APIConnectionError as APIConnectionError,
    )
    from .exceptions import (
        APIError as APIError,
    )
    from .exceptions import (
        APITimeoutError as APITimeoutError,
    )
    from .exceptions import (
        AuthError as AuthError,
    )
    from .exceptions import (
        BuildFailedError as BuildFailedError,
    )
    from .exceptions import (
        ClientClosedError as ClientClosedError,
    )
    from .exceptions import (
        ConflictError as ConflictError,
    )
    from .exceptions import (
        InvalidArgumentError as InvalidArgumentError,
    )
    from .exceptions import (
        NotFoundError as NotFoundError,
    )
    from .exceptions import (
        PermissionDeniedError as PermissionDeniedError,
    )
    from .exceptions import (
        RateLimitError as RateLimitError,
    )
    from .exceptions import (
        ResponseValidationError as ResponseValidationError,
    )
    from .exceptions import (
        ServerError as ServerError,
    )
    from .exceptions import (
        SessionEndedError as SessionEndedError,
    )
    from .exceptions import (
        ValidationError as ValidationError,
    )
    from .models import (
        Agent as Agent,
    )
    from .models import (
        AgentConnectorToggle as AgentConnectorToggle,
    )
    from .models import (
        AgentDetail as AgentDetail,
    )
    from .models import (
        AgentImage as AgentImage,
    )
    from .models import (
        AgentMcp as AgentMcp,
    )
    from .models import (
        AgentSkill as AgentSkill,
    )
    from .models import (
        AnyFrameModel as AnyFrameModel,
    )
    from .models import (
        AttentionIdleItem as AttentionIdleItem,
    )
    from .models import (
        AttentionItem as AttentionItem,
    )
    from .models import (
        AttentionKind as AttentionKind,
    )
    from .models import (
        AttentionPausedItem as AttentionPausedItem,
    )
    from .models import (
        AttentionPendingItem as AttentionPendingItem,
    )
    from .models import (
        Build as Build,
    )
    from .models import (
        BuildQueued as BuildQueued,
    )
    from .models import (
        BuildState as BuildState,
    )
    from .models import (
        BuildStatus as BuildStatus,
    )
    from .models import (
        CatalogSetupKind as CatalogSetupKind,
    )
    from .models import (
        CatalogTrustLevel as CatalogTrustLevel,
    )
    from .models import (
        ChatEvent as ChatEvent,
    )
    from .models import (
        Connector as Connector,
    )
    from .models import (
        ConnectorAuthKind as ConnectorAuthKind,
    )
    from .models import (
        ConnectorAuthorize as ConnectorAuthorize,
    )
    from .models import (
        ConnectorCatalogItem as ConnectorCatalogItem,
    )
    from .models import (
        ConnectorDiscovery as ConnectorDiscovery,
    )
    from .models import (
        CredentialPart as CredentialPart,
    )
    from .models import (
        Credentials as Credentials,
    )
    from .models import (
        LogUrl as LogUrl,
    )
    from .models import (
        McpTransport as McpTransport,
    )
    from .models import (
        Preview as Preview,
    )
    from .models import (
        PreviewActionResult as PreviewActionResult,
    )
    from .models import (
        PreviewBatchResult as PreviewBatchResult,
    )
    from .models import (
        PreviewSpec as PreviewSpec,
    )
    from .models import (
        PreviewStatus as PreviewStatus,
    )
    from .models import (
        Runtime as Runtime,
    )
    from .models import (
        SaveAsBaseResult as SaveAsBaseResult,
    )
    from .models import (
        Session as Session,
    )
    from .models import (
        SessionStatus as SessionStatus,
    )
    from .models import (
        SkillSource as SkillSource,
    )
    from .models import (
        Snapshot as Snapshot,
    )
    from .models import (
        Token as Token,
    )
    from .models import (
        TokenCreated as TokenCreated,
    )
    from .models import (
        User as User,
    )

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "Agent",
    "AgentConnectorToggle",
    "AgentDetail",
    "AgentImage",
    "AgentMcp",
    "AgentSkill",
    "AnyFrame",
    "AnyFrameError",
    "AnyFrameModel",
    "AsyncAnyFrame",
    "AsyncEventStream",
    "AttentionIdleItem",
    "AttentionItem",
    "AttentionKind",
    "AttentionPausedItem",
    "AttentionPendingItem",
    "AuthError",
    "Build",
    "BuildFailedError",
    "BuildQueued",
    "BuildState",
    "BuildStatus",
    "CatalogSetupKind",
    "CatalogTrustLevel",
    "ChatEvent",
    "ClientClosedError",
    "ConflictError",
    "Connector",
    "ConnectorAuthKind",
    "ConnectorAuthorize",
    "ConnectorCatalogItem",
    "ConnectorDiscovery",
    "CredentialPart",
    "Credentials",
    "EventStream",
    "InvalidArgumentError",
    "LogUrl",
    "McpTransport",
    "NotFoundError",
    "PermissionDeniedError",
    "Preview",
    "PreviewActionResult",
    "PreviewBatchResult",
    "PreviewSpec",
    "PreviewStatus",
    "RateLimitError",
    "ResponseValidationError",
    "Runtime",
    "SSEEvent",
    "SaveAsBaseResult",
    "ServerError",
    "Session",
    "SessionEndedError",
    "SessionId",
    "SessionStatus",
    "SkillSource",
    "Snapshot",
    "Token",
    "TokenCreated",
    "User",
    "ValidationError",
    "__version__",
]

_LAZY: dict[str, str] = {
    "APIConnectionError": ".exceptions",
    "APIError": ".exceptions",
    "APITimeoutError": ".exceptions",
    "Agent": ".models",
    "AgentConnectorToggle": ".models",
    "AgentDetail": ".models",
    "AgentImage": ".models",
    "AgentMcp": ".models",
    "AgentSkill": ".models",
    "AnyFrame": "._sync.client",
    "AnyFrameError": ".exceptions",
    "AnyFrameModel": ".models",
    "AsyncAnyFrame": "._async.client",
    "AsyncEventStream": "._async._stream",
    "AttentionIdleItem": ".models",
    "AttentionItem": ".models",
    "AttentionKind": ".models",
    "AttentionPausedItem": ".models",
    "AttentionPendingItem": ".models",
    "AuthError": ".exceptions",
    "Build": ".models",
    "BuildFailedError": ".exceptions",
    "BuildQueued": ".models",
    "BuildState": ".models",
    "BuildStatus": ".models",
    "CatalogSetupKind": ".models",
    "CatalogTrustLevel": ".models",
    "ChatEvent": ".models",
    "ClientClosedError": ".exceptions",
    "ConflictError": ".exceptions",
    "Connector": ".models",
    "ConnectorAuthKind": ".models",
    "ConnectorAuthorize": ".models",
    "ConnectorCatalogItem": ".models",
    "ConnectorDiscovery": ".models",
    "CredentialPart": ".models",
    "Credentials": ".models",
    "EventStream": "._sync._stream",
    "InvalidArgumentError": ".exceptions",
    "LogUrl": ".models",
    "McpTransport": ".models",
    "NotFoundError": ".exceptions",
    "PermissionDeniedError": ".exceptions",
    "Preview": ".models",
    "PreviewActionResult": ".models",
    "PreviewBatchResult": ".models",
    "PreviewSpec": ".models",
    "PreviewStatus": ".models",
    "RateLimitError": ".exceptions",
    "ResponseValidationError": ".exceptions",
    "Runtime": ".models",
    "SSEEvent": "._core.sse",
    "SaveAsBaseResult": ".models",
    "ServerError": ".exceptions",
    "Session": ".models",
    "SessionEndedError": ".exceptions",
    "SessionId": "._core.validate",
    "SessionStatus": ".models",
    "SkillSource": ".models",
    "Snapshot": ".models",
    "Token": ".models",
    "TokenCreated": ".models",
    "User": ".models",
    "ValidationError": ".exceptions",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'anyframe' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
