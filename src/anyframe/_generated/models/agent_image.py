from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgentImage")


@_attrs_define
class AgentImage:
    build_key: str
    modal_image_id: str
    """ E.g. `im_1`. """
    built_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        build_key = self.build_key

        modal_image_id = self.modal_image_id

        built_at = self.built_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "build_key": build_key,
                "modal_image_id": modal_image_id,
                "built_at": built_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        build_key = d.pop("build_key")

        modal_image_id = d.pop("modal_image_id")

        built_at = datetime.datetime.fromisoformat(d.pop("built_at"))

        agent_image = cls(
            build_key=build_key,
            modal_image_id=modal_image_id,
            built_at=built_at,
        )

        agent_image.additional_properties = d
        return agent_image

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
