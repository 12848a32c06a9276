from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConnectorDiscoverRequest")


@_attrs_define
class ConnectorDiscoverRequest:
    mcp_url: str
    """ URL of the remote MCP server, e.g. `https://mcp.example.com/mcp`. """

    def to_dict(self) -> dict[str, Any]:
        mcp_url = self.mcp_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mcp_url": mcp_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mcp_url = d.pop("mcp_url")

        connector_discover_request = cls(
            mcp_url=mcp_url,
        )

        return connector_discover_request
