from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgentConnectorToggle")


@_attrs_define
class AgentConnectorToggle:
    """A user connector seen through one agent."""

    connector_id: int
    display_name: str
    mcp_url: str
    auth_kind: str
    """ Known values: `oauth_dcr`, `oauth_preregistered`, `bearer_token` (open set). """
    enabled: bool
    is_authorized: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        connector_id = self.connector_id

        display_name = self.display_name

        mcp_url = self.mcp_url

        auth_kind = self.auth_kind

        enabled = self.enabled

        is_authorized = self.is_authorized

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "connector_id": connector_id,
                "display_name": display_name,
                "mcp_url": mcp_url,
                "auth_kind": auth_kind,
                "enabled": enabled,
                "is_authorized": is_authorized,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connector_id = d.pop("connector_id")

        display_name = d.pop("display_name")

        mcp_url = d.pop("mcp_url")

        auth_kind = d.pop("auth_kind")

        enabled = d.pop("enabled")

        is_authorized = d.pop("is_authorized")

        agent_connector_toggle = cls(
            connector_id=connector_id,
            display_name=display_name,
            mcp_url=mcp_url,
            auth_kind=auth_kind,
            enabled=enabled,
            is_authorized=is_authorized,
        )

        agent_connector_toggle.additional_properties = d
        return agent_connector_toggle

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
