from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.mcp_create_request_transport import (
    McpCreateRequestTransport,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mcp_create_request_config import McpCreateRequestConfig


T = TypeVar("T", bound="McpCreateRequest")


@_attrs_define
class McpCreateRequest:
    name: str
    transport: McpCreateRequestTransport
    """ The MCP transport; other values are rejected with 422. """
    config: McpCreateRequestConfig
    """ `{"url": "..."}` for http/sse, `{"command": "npx", "args": [...]}` for stdio. """
    secret_ref: str | Unset = UNSET
    """ Name of a stored secret to inject. Omit when there is none. """
    enabled: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        transport: str = self.transport

        config = self.config.to_dict()

        secret_ref = self.secret_ref

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "transport": transport,
                "config": config,
            }
        )
        if secret_ref is not UNSET:
            field_dict["secret_ref"] = secret_ref
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mcp_create_request_config import McpCreateRequestConfig  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        transport = d.pop("transport")

        config = McpCreateRequestConfig.from_dict(d.pop("config"))

        secret_ref = d.pop("secret_ref", UNSET)

        enabled = d.pop("enabled", UNSET)

        mcp_create_request = cls(
            name=name,
            transport=transport,
            config=config,
            secret_ref=secret_ref,
            enabled=enabled,
        )

        return mcp_create_request
