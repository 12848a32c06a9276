"""Sessions: the live sandboxes, their snapshots, save-as-base results and chat transcript events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from ._base import AnyFrameModel, Timestamp, _empty_list
from ._previews import Preview
from ._vocabulary import SessionStatus

if TYPE_CHECKING:
    from ._chat import ChatPayload

__all__ = ["ChatEvent", "SaveAsBaseResult", "Session", "Snapshot"]


class Session(AnyFrameModel):
    """A session: a live sandbox running an agent's image, with its chat thread and previews."""

    id: str
    """Session id, a UUID string as the server sends it."""
    agent_id: int
    """The agent the session runs."""
    status: SessionStatus | str
    """The sandbox's lifecycle state; newer servers may report others (e.g. `"paused"`)."""
    modal_sandbox_id: str | None = None
    """Id of the underlying sandbox."""
    sandbox_url: str | None = None
    """URL of the sandbox's chat bridge."""
    snapshot_image_id: str | None = None
    """Image id of the latest snapshot."""
    idle_timeout_s: int
    """Idle seconds after which the sandbox snapshots itself."""
    previews: list[Preview] = Field(default_factory=_empty_list)
    """The session's dev-server previews."""
    is_setup_session: bool = False
    """`True` for setup sessions, which can `save_as_base()`."""
    created_at: Timestamp
    """When the session was created."""
    last_active: Timestamp
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
    created_at: Timestamp
    """When the snapshot was taken."""


class ChatEvent(AnyFrameModel):
    """One persisted chat event of a session, as returned by `af.sessions.transcript()`.

    `kind` and `data` are read-only views of `payload`, so `model_dump()` holds exactly what the server sent.
    """

    seq: int
    """Sequence number within the session; pass the last one seen as `since` to page forward."""
    payload: dict[str, object]
    """The event as the chat bridge recorded it; its `type` key says what it is."""
    created_at: Timestamp
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

    def typed_payload(self) -> ChatPayload:
        """The payload as its typed model, chosen by its `type` ([`ChatPayload`][anyframe.models.ChatPayload]).

        `payload` stays the dict the server sent; this parses it (anew on every call). Never raises:
        an unknown type comes back whole as an [`UnknownChatPayload`][anyframe.models.UnknownChatPayload].

        Example:
            ```python
            for row in af.sessions.iter_transcript(session.id):
                payload = row.typed_payload()
                if isinstance(payload, anyframe.AssistantPayload):
                    print(row.seq, payload.text)
            ```

        Returns:
            The payload's model.
        """
        from ._chat import parse_chat_payload  # the payload models load on first use, not with `Session`

        return parse_chat_payload(self.payload)
