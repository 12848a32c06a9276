from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConnectorAuthorize")


@_attrs_define
class ConnectorAuthorize:
    """A pending OAuth authorization of a connector."""

    connector_id: int
    authorize_url: str
    """ Open this URL in a browser to authorize; the callback completes server-side. """
    state: str
    """ The OAuth `state` value of this authorization. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        connector_id = self.connector_id

        authorize_url = self.authorize_url

        state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "connector_id": connector_id,
                "authorize_url": authorize_url,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connector_id = d.pop("connector_id")

        authorize_url = d.pop("authorize_url")

        state = d.pop("state")

        connector_authorize = cls(
            connector_id=connector_id,
            authorize_url=authorize_url,
            state=state,
        )

        connector_authorize.additional_properties = d
        return connector_authorize

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
