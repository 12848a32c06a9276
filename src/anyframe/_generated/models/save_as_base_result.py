from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SaveAsBaseResult")


@_attrs_define
class SaveAsBaseResult:
    warmup_image_id: str
    """ E.g. `im_abc`. """
    warmup_inputs_hash: str
    """ E.g. `sha256:deadbeef`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        warmup_image_id = self.warmup_image_id

        warmup_inputs_hash = self.warmup_inputs_hash

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "warmup_image_id": warmup_image_id,
                "warmup_inputs_hash": warmup_inputs_hash,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        warmup_image_id = d.pop("warmup_image_id")

        warmup_inputs_hash = d.pop("warmup_inputs_hash")

        save_as_base_result = cls(
            warmup_image_id=warmup_image_id,
            warmup_inputs_hash=warmup_inputs_hash,
        )

        save_as_base_result.additional_properties = d
        return save_as_base_result

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
