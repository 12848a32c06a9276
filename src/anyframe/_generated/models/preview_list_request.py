from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="PreviewListRequest")


@_attrs_define
class PreviewListRequest:
    action: Literal["list"]

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = cast(Literal["list"], d.pop("action"))
        if action != "list":
            raise ValueError(f"action must match const 'list', got '{action}'")

        preview_list_request = cls(
            action=action,
        )

        return preview_list_request
