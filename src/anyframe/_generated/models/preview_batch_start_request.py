from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.preview_spec import PreviewSpec


T = TypeVar("T", bound="PreviewBatchStartRequest")


@_attrs_define
class PreviewBatchStartRequest:
    action: Literal["batch_start"]
    previews: list[PreviewSpec]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        previews = []
        for previews_item_data in self.previews:
            previews_item = previews_item_data.to_dict()
            previews.append(previews_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "previews": previews,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preview_spec import PreviewSpec  # noqa: PLC0415

        d = dict(src_dict)
        action = cast(Literal["batch_start"], d.pop("action"))
        if action != "batch_start":
            raise ValueError(f"action must match const 'batch_start', got '{action}'")

        previews = []
        _previews = d.pop("previews")
        for previews_item_data in _previews:
            previews_item = PreviewSpec.from_dict(previews_item_data)

            previews.append(previews_item)

        preview_batch_start_request = cls(
            action=action,
            previews=previews,
        )

        preview_batch_start_request.additional_properties = d
        return preview_batch_start_request

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
