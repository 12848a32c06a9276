from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chat_event_payload import ChatEventPayload


T = TypeVar("T", bound="ChatEvent")


@_attrs_define
class ChatEvent:
    """A persisted chat event."""

    seq: int
    """ Sequence number within the session (the SSE `id:`). """
    payload: ChatEventPayload
    """ The chat payload; has a `type` key in every known example (e.g. `assistant_message`). """
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        payload = self.payload.to_dict()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seq": seq,
                "payload": payload,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_event_payload import ChatEventPayload  # noqa: PLC0415

        d = dict(src_dict)
        seq = d.pop("seq")

        payload = ChatEventPayload.from_dict(d.pop("payload"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        chat_event = cls(
            seq=seq,
            payload=payload,
            created_at=created_at,
        )

        chat_event.additional_properties = d
        return chat_event

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
