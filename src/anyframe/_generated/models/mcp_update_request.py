from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mcp_update_request_config import McpUpdateRequestConfig


T = TypeVar("T", bound="McpUpdateRequest")


@_attrs_define
class McpUpdateRequest:
    """Any subset; `transport` is not updatable. `secret_ref` set to `null` removes it."""

    name: str | Unset = UNSET
    config: McpUpdateRequestConfig | Unset = UNSET
    secret_ref: None | str | Unset = UNSET
    enabled: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        secret_ref: None | str | Unset
        if isinstance(self.secret_ref, Unset):
            secret_ref = UNSET
        else:
            secret_ref = self.secret_ref

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

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

        def _parse_secret_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret_ref = _parse_secret_ref(d.pop("secret_ref", UNSET))

        enabled = d.pop("enabled", UNSET)

        mcp_update_request = cls(
            name=name,
            config=config,
            secret_ref=secret_ref,
            enabled=enabled,
        )

        return mcp_update_request
