from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectorOAuthCreateRequest")


@_attrs_define
class ConnectorOAuthCreateRequest:
    mcp_url: str
    """ URL of the remote MCP server. """
    display_name: str
    default_enabled: bool | Unset = True
    """ Whether agents get the connector enabled by default. """

    def to_dict(self) -> dict[str, Any]:
        mcp_url = self.mcp_url

        display_name = self.display_name

        default_enabled = self.default_enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mcp_url": mcp_url,
                "display_name": display_name,
            }
        )
        if default_enabled is not UNSET:
            field_dict["default_enabled"] = default_enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mcp_url = d.pop("mcp_url")

        display_name = d.pop("display_name")

        default_enabled = d.pop("default_enabled", UNSET)

        connector_o_auth_create_request = cls(
            mcp_url=mcp_url,
            display_name=display_name,
            default_enabled=default_enabled,
        )

        return connector_o_auth_create_request
