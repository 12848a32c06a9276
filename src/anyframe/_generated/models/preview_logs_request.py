from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreviewLogsRequest")


@_attrs_define
class PreviewLogsRequest:
    action: Literal["logs"]
    port: int | Unset = UNSET
    name: str | Unset = UNSET
    tail: int | Unset = 200
    """ Number of trailing log lines to return. """

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        port = self.port

        name = self.name

        tail = self.tail

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
        if tail is not UNSET:
            field_dict["tail"] = tail

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = cast(Literal["logs"], d.pop("action"))
        if action != "logs":
            raise ValueError(f"action must match const 'logs', got '{action}'")

        port = d.pop("port", UNSET)

        name = d.pop("name", UNSET)

        tail = d.pop("tail", UNSET)

        preview_logs_request = cls(
            action=action,
            port=port,
            name=name,
            tail=tail,
        )

        return preview_logs_request
