from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreviewStatusRequest")


@_attrs_define
class PreviewStatusRequest:
    action: Literal["status"]
    port: int | Unset = UNSET
    name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        port = self.port

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
            }
        )
        if port is not UNSET:
            field_dict["port"] = port
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = cast(Literal["status"], d.pop("action"))
        if action != "status":
            raise ValueError(f"action must match const 'status', got '{action}'")

        port = d.pop("port", UNSET)

        name = d.pop("name", UNSET)

        preview_status_request = cls(
            action=action,
            port=port,
            name=name,
        )

        return preview_status_request
