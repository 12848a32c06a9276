from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreviewStartRequest")


@_attrs_define
class PreviewStartRequest:
    action: Literal["start"]
    cmd: str
    port: int | Unset = UNSET
    """ Omit to let the control plane pick or allocate one. """
    name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        cmd = self.cmd

        port = self.port

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
                "cmd": cmd,
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
        action = cast(Literal["start"], d.pop("action"))
        if action != "start":
            raise ValueError(f"action must match const 'start', got '{action}'")

        cmd = d.pop("cmd")

        port = d.pop("port", UNSET)

        name = d.pop("name", UNSET)

        preview_start_request = cls(
            action=action,
            cmd=cmd,
            port=port,
            name=name,
        )

        return preview_start_request
