"""The attention rail: sessions that need the operator, one subclass per `kind`.

Items are a union discriminated by `kind`: validating `AttentionItem` (or a list of them) returns the
matching subclass, or the base [AttentionItem][anyframe.models.AttentionItem] for a kind this SDK does
not know yet, its other fields kept as extras.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias, get_args

from pydantic import Discriminator, Tag

from .._core.validation import validate_as, validate_python
from ._base import AnyFrameModel, Timestamp
from ._chat import ChatPayload, parse_chat_payload
from ._vocabulary import AttentionKind, SessionStatus

__all__ = [
    "AttentionIdleItem",
    "AttentionItem",
    "AttentionPausedItem",
    "AttentionPendingItem",
    "parse_attention_item",
]


class AttentionItem(AnyFrameModel):
    """An entry of the attention rail: a session that needs the operator.

    Items of a known `kind` are returned as [AttentionPendingItem][anyframe.models.AttentionPendingItem],
    [AttentionIdleItem][anyframe.models.AttentionIdleItem] or
    [AttentionPausedItem][anyframe.models.AttentionPausedItem]; an item of a kind this SDK does not know
    is returned as this base class, with its other fields kept as extras.
    """

    kind: AttentionKind | str
    """What the session waits for; it picks the subclass."""
    session_id: str
    """Id (UUID string) of the session that needs attention."""
    agent_id: int
    """Id of the session's agent."""
    agent_name: str
    """Name of the session's agent."""
    at: Timestamp
    """When the item arose."""


class AttentionPendingItem(AttentionItem):
    """A session blocked on the operator: a permission request or a question (`kind == "pending"`)."""

    session_status: SessionStatus | str
    """The session's status."""
    seq: int
    """Chat `seq` of the pending event."""
    payload: dict[str, object]
    """The pending `permission_request` / `ask_user_question` event; carries its `request_id`."""
    preview: str | None = None
    """Human summary, e.g. `"Bash(command=ls -la)"`."""

    def typed_payload(self) -> ChatPayload:
        """The pending payload as its typed model: a
        [`PermissionRequestPayload`][anyframe.models.PermissionRequestPayload] or an
        [`AskUserQuestionPayload`][anyframe.models.AskUserQuestionPayload], as a rule.

        Example:
            ```python
            for item in af.attention.list():
                if isinstance(item, anyframe.AttentionPendingItem):
                    print(item.agent_name, type(item.typed_payload()).__name__)
            ```

        Returns:
            The payload's model ([`UnknownChatPayload`][anyframe.models.UnknownChatPayload] for a
            type this SDK does not know).
        """
        return parse_chat_payload(self.payload)


class AttentionIdleItem(AttentionItem):
    """A running session waiting for the next prompt (`kind == "idle"`)."""

    preview: str | None = None
    """Human summary of the last turn, e.g. `"All done."`."""


class AttentionPausedItem(AttentionItem):
    """A session paused within the last 24 hours, a candidate to resume (`kind == "paused"`)."""

    snapshot_image_id: str | None = None
    """Image id of the snapshot it would resume from."""


_KNOWN_KINDS = frozenset(get_args(AttentionKind))
_OTHER_KIND = "~other"  # not a valid kind on the wire, so it cannot collide with a real one


def _attention_tag(value: object) -> str:
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    return kind if isinstance(kind, str) and kind in _KNOWN_KINDS else _OTHER_KIND


_AnyAttentionItem: TypeAlias = Annotated[
    Annotated[AttentionPendingItem, Tag("pending")]
    | Annotated[AttentionIdleItem, Tag("idle")]
    | Annotated[AttentionPausedItem, Tag("paused")]
    | Annotated[AttentionItem, Tag(_OTHER_KIND)],
    Discriminator(_attention_tag),
]
validate_as(AttentionItem, _AnyAttentionItem)


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
