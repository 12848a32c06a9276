from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_mcp_config import AgentMcpConfig


T = TypeVar("T", bound="AgentMcp")


@_attrs_define
class AgentMcp:
    id: int
    name: str
    transport: str
    """ Known values: `http`, `sse`, `stdio` (open set). """
    config: AgentMcpConfig
    """ Transport-specific configuration. """
    enabled: bool
    created_at: datetime.datetime
    secret_ref: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        transport = self.transport

        config = self.config.to_dict()

        enabled = self.enabled

        created_at = self.created_at.isoformat()

        secret_ref: None | str | Unset
        if isinstance(self.secret_ref, Unset):
            secret_ref = UNSET
        else:
            secret_ref = self.secret_ref

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "transport": transport,
                "config": config,
                "enabled": enabled,
                "created_at": created_at,
            }
        )
        if secret_ref is not UNSET:
            field_dict["secret_ref"] = secret_ref

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_mcp_config import AgentMcpConfig  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        transport = d.pop("transport")

        config = AgentMcpConfig.from_dict(d.pop("config"))

        enabled = d.pop("enabled")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_secret_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret_ref = _parse_secret_ref(d.pop("secret_ref", UNSET))

        agent_mcp = cls(
            id=id,
            name=name,
            transport=transport,
            config=config,
            enabled=enabled,
            created_at=created_at,
            secret_ref=secret_ref,
        )

        agent_mcp.additional_properties = d
        return agent_mcp

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
