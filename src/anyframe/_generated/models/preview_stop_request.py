from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreviewStopRequest")


@_attrs_define
class PreviewStopRequest:
    action: Literal["stop"]
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
        action = cast(Literal["stop"], d.pop("action"))
        if action != "stop":
            raise ValueError(f"action must match const 'stop', got '{action}'")

        port = d.pop("port", UNSET)

        name = d.pop("name", UNSET)

        preview_stop_request = cls(
            action=action,
            port=port,
            name=name,
        )

        return preview_stop_request
