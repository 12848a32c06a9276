from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attention_pending_item_payload import AttentionPendingItemPayload


T = TypeVar("T", bound="AttentionPendingItem")


@_attrs_define
class AttentionPendingItem:
    """A session waiting for an answer to a permission request or question."""

    kind: Literal["pending"]
    session_id: UUID
    agent_id: int
    agent_name: str
    at: datetime.datetime
    session_status: str
    """ Known values (open set): `booting`, `running`, `snapshotting`, `terminated`, `error`. """
    seq: int
    """ Chat seq of the pending event. """
    payload: AttentionPendingItemPayload
    """ The pending `permission_request` / `ask_user_question` event (carries `request_id`). """
    preview: None | str | Unset = UNSET
    """ Human summary, e.g. `Bash(command=ls -la)`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        session_id = str(self.session_id)

        agent_id = self.agent_id

        agent_name = self.agent_name

        at = self.at.isoformat()

        session_status = self.session_status

        seq = self.seq

        payload = self.payload.to_dict()

        preview: None | str | Unset
        if isinstance(self.preview, Unset):
            preview = UNSET
        else:
            preview = self.preview

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "session_id": session_id,
                "agent_id": agent_id,
                "agent_name": agent_name,
                "at": at,
                "session_status": session_status,
                "seq": seq,
                "payload": payload,
            }
        )
        if preview is not UNSET:
            field_dict["preview"] = preview

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attention_pending_item_payload import AttentionPendingItemPayload  # noqa: PLC0415

        d = dict(src_dict)
        kind = cast(Literal["pending"], d.pop("kind"))
        if kind != "pending":
            raise ValueError(f"kind must match const 'pending', got '{kind}'")

        session_id = UUID(d.pop("session_id"))

        agent_id = d.pop("agent_id")

        agent_name = d.pop("agent_name")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        session_status = d.pop("session_status")

        seq = d.pop("seq")

        payload = AttentionPendingItemPayload.from_dict(d.pop("payload"))

        def _parse_preview(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview = _parse_preview(d.pop("preview", UNSET))

        attention_pending_item = cls(
            kind=kind,
            session_id=session_id,
            agent_id=agent_id,
            agent_name=agent_name,
            at=at,
            session_status=session_status,
            seq=seq,
            payload=payload,
            preview=preview,
        )

        attention_pending_item.additional_properties = d
        return attention_pending_item

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
