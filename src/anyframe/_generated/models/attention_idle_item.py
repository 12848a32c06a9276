from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AttentionIdleItem")


@_attrs_define
class AttentionIdleItem:
    """A running session whose agent finished its turn."""

    kind: Literal["idle"]
    session_id: UUID
    agent_id: int
    agent_name: str
    at: datetime.datetime
    preview: None | str | Unset = UNSET
    """ Human summary of the last reply, e.g. `All done.`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        session_id = str(self.session_id)

        agent_id = self.agent_id

        agent_name = self.agent_name

        at = self.at.isoformat()

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
            }
        )
        if preview is not UNSET:
            field_dict["preview"] = preview

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["idle"], d.pop("kind"))
        if kind != "idle":
            raise ValueError(f"kind must match const 'idle', got '{kind}'")

        session_id = UUID(d.pop("session_id"))

        agent_id = d.pop("agent_id")

        agent_name = d.pop("agent_name")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_preview(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview = _parse_preview(d.pop("preview", UNSET))

        attention_idle_item = cls(
            kind=kind,
            session_id=session_id,
            agent_id=agent_id,
            agent_name=agent_name,
            at=at,
            preview=preview,
        )

        attention_idle_item.additional_properties = d
        return attention_idle_item

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
