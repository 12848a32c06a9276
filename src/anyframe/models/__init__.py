"""The pydantic models the SDK returns: one per response schema of the AnyFrame API.

Every model derives from [AnyFrameModel][anyframe.models.AnyFrameModel], which fixes three choices:

- **Unknown fields are kept** (`extra="allow"`): a field the server adds later is readable as an attribute
  and survives `model_dump()`, so an older SDK never drops data.
- **Enum-like fields are open strings.** A status the server adds later (a session `"paused"`, say) must
  not turn a working call into a validation error. Such fields are typed `<Alias> | str`, where the
  `Literal` alias ([SessionStatus][anyframe.models.SessionStatus] and friends) lists the values this SDK
  knows, for editors and for code that wants to match on them exhaustively.
- **Validators are built on first use** (`defer_build=True`): importing `anyframe` must stay cheap, and
  most programs touch a handful of the models defined here.

Timestamps are timezone-aware `datetime`s; the API sends UTC with a `Z` suffix, and a timestamp that
arrives without an offset is taken as UTC rather than left naive. The one exception is
[Preview.started_at][anyframe.models.Preview.started_at], which the API sends as epoch seconds.

Chat payloads are a union discriminated by `type` ([ChatPayload][anyframe.models.ChatPayload]):
[parse_chat_payload][anyframe.models.parse_chat_payload], `ChatEvent.typed_payload()` and
`SSEEvent.payload()` return the model of each payload's type, or
[UnknownChatPayload][anyframe.models.UnknownChatPayload], holding it whole, for anything else.

Attention items are a union discriminated by `kind`:
[parse_attention_item][anyframe.models.parse_attention_item] and the attention calls return the matching
subclass, or the base [AttentionItem][anyframe.models.AttentionItem] for a kind this SDK does not know yet.

Each model is declared to match its schema in `openapi.yaml`, field by field (names, required fields,
`None`, known values); `make check` fails when they disagree (`scripts/check_contract.py`). The models
live in one module per resource and load on first use, like the names of `anyframe`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._exports import LazyExports

_EXPORTS = LazyExports(
    __name__,
    ("._vocabulary", "._base", "._identity", "._connectors", "._agents", "._agent_detail", "._builds", "._sessions",
     "._previews", "._attention", "._chat"),
)  # fmt: skip

if TYPE_CHECKING:
    from ._agent_detail import *
    from ._agents import *
    from ._attention import *
    from ._base import *
    from ._builds import *
    from ._chat import *
    from ._connectors import *
    from ._identity import *
    from ._previews import *
    from ._sessions import *
    from ._vocabulary import *
else:
    __getattr__, __dir__ = _EXPORTS.hooks(globals())
