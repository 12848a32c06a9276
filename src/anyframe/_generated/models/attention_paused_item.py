from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AttentionPausedItem")


@_attrs_define
class AttentionPausedItem:
    """A session snapshotted (paused) within the last 24 hours."""

    kind: Literal["paused"]
    session_id: UUID
    agent_id: int
    agent_name: str
    at: datetime.datetime
    snapshot_image_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        session_id = str(self.session_id)

        agent_id = self.agent_id

        agent_name = self.agent_name

        at = self.at.isoformat()

        snapshot_image_id: None | str | Unset
        if isinstance(self.snapshot_image_id, Unset):
            snapshot_image_id = UNSET
        else:
            snapshot_image_id = self.snapshot_image_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "session_id": session_id,
                "agent_id": agent_id,
                "agent_name": agent_name,
                "at": at,
            }
        )
        if snapshot_image_id is not UNSET:
            field_dict["snapshot_image_id"] = snapshot_image_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["paused"], d.pop("kind"))
        if kind != "paused":
            raise ValueError(f"kind must match const 'paused', got '{kind}'")

        session_id = UUID(d.pop("session_id"))

        agent_id = d.pop("agent_id")

        agent_name = d.pop("agent_name")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_snapshot_image_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        snapshot_image_id = _parse_snapshot_image_id(d.pop("snapshot_image_id", UNSET))

        attention_paused_item = cls(
            kind=kind,
            session_id=session_id,
            agent_id=agent_id,
            agent_name=agent_name,
            at=at,
            snapshot_image_id=snapshot_image_id,
        )

        attention_paused_item.additional_properties = d
        return attention_paused_item

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
