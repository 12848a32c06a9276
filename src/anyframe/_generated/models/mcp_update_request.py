from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mcp_update_request_config import McpUpdateRequestConfig


T = TypeVar("T", bound="McpUpdateRequest")


@_attrs_define
class McpUpdateRequest:
    name: str | Unset = UNSET
    config: McpUpdateRequestConfig | Unset = UNSET
    secret_ref: str | Unset = UNSET
    enabled: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        secret_ref = self.secret_ref

        enabled = self.enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if config is not UNSET:
            field_dict["config"] = config
        if secret_ref is not UNSET:
            field_dict["secret_ref"] = secret_ref
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mcp_update_request_config import McpUpdateRequestConfig  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _config = d.pop("config", UNSET)
        config: McpUpdateRequestConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = McpUpdateRequestConfig.from_dict(_config)

        secret_ref = d.pop("secret_ref", UNSET)

        enabled = d.pop("enabled", UNSET)

        mcp_update_request = cls(
            name=name,
            config=config,
            secret_ref=secret_ref,
            enabled=enabled,
        )

        mcp_update_request.additional_properties = d
        return mcp_update_request

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
