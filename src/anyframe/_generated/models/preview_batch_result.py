from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.preview import Preview


T = TypeVar("T", bound="PreviewBatchResult")


@_attrs_define
class PreviewBatchResult:
    """Result of the `batch_start` action."""

    ok: bool
    restart_pending: bool | Unset = False
    previews: list[Preview] | Unset = UNSET
    error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ok = self.ok

        restart_pending = self.restart_pending

        previews: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.previews, Unset):
            previews = []
            for previews_item_data in self.previews:
                previews_item = previews_item_data.to_dict()
                previews.append(previews_item)

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ok": ok,
            }
        )
        if restart_pending is not UNSET:
            field_dict["restart_pending"] = restart_pending
        if previews is not UNSET:
            field_dict["previews"] = previews
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preview import Preview  # noqa: PLC0415

        d = dict(src_dict)
        ok = d.pop("ok")

        restart_pending = d.pop("restart_pending", UNSET)

        _previews = d.pop("previews", UNSET)
        previews: list[Preview] | Unset = UNSET
        if _previews is not UNSET:
            previews = []
            for previews_item_data in _previews:
                previews_item = Preview.from_dict(previews_item_data)

                previews.append(previews_item)

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        preview_batch_result = cls(
            ok=ok,
            restart_pending=restart_pending,
            previews=previews,
            error=error,
        )

        preview_batch_result.additional_properties = d
        return preview_batch_result

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
