from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.preview_spec import PreviewSpec


T = TypeVar("T", bound="PreviewBatchStartRequest")


@_attrs_define
class PreviewBatchStartRequest:
    action: Literal["batch_start"]
    previews: list[PreviewSpec]

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        previews = []
        for previews_item_data in self.previews:
            previews_item = previews_item_data.to_dict()
            previews.append(previews_item)

        field_dict: dict[str, Any] = {}

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

        return preview_batch_start_request
