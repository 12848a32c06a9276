from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Connector")


@_attrs_define
class Connector:
    """A user-level remote MCP connector."""

    id: int
    display_name: str
    mcp_url: str
    transport: str
    """ MCP transport. Known values: `http`, `sse`, `stdio` (open set). """
    auth_kind: str
    """ How the connector authenticates. Known values: `oauth_dcr`, `oauth_preregistered`, `bearer_token` (open
    set). """
    is_authorized: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    catalog_slug: None | str | Unset = UNSET
    """ The catalog entry this connector was installed from; absent on pre-1.1 servers. """
    default_enabled: bool | Unset = True
    """ Whether new agents get this connector enabled; absent on pre-1.1 servers. """
    secret_last4: None | str | Unset = UNSET
    """ Last four characters of the bearer token. """
    expires_at: datetime.datetime | None | Unset = UNSET
    """ When the current OAuth access token expires. """
    scopes: None | str | Unset = UNSET
    """ Granted OAuth scopes as one string (unlike `ConnectorDiscovery.scopes_supported`). """
    last_refresh_attempt_at: datetime.datetime | None | Unset = UNSET
    last_refresh_error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        display_name = self.display_name

        mcp_url = self.mcp_url

        transport = self.transport

        auth_kind = self.auth_kind

        is_authorized = self.is_authorized

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        catalog_slug: None | str | Unset
        if isinstance(self.catalog_slug, Unset):
            catalog_slug = UNSET
        else:
            catalog_slug = self.catalog_slug

        default_enabled = self.default_enabled

        secret_last4: None | str | Unset
        if isinstance(self.secret_last4, Unset):
            secret_last4 = UNSET
        else:
            secret_last4 = self.secret_last4

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        scopes: None | str | Unset
        if isinstance(self.scopes, Unset):
            scopes = UNSET
        else:
            scopes = self.scopes

        last_refresh_attempt_at: None | str | Unset
        if isinstance(self.last_refresh_attempt_at, Unset):
            last_refresh_attempt_at = UNSET
        elif isinstance(self.last_refresh_attempt_at, datetime.datetime):
            last_refresh_attempt_at = self.last_refresh_attempt_at.isoformat()
        else:
            last_refresh_attempt_at = self.last_refresh_attempt_at

        last_refresh_error: None | str | Unset
        if isinstance(self.last_refresh_error, Unset):
            last_refresh_error = UNSET
        else:
            last_refresh_error = self.last_refresh_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "display_name": display_name,
                "mcp_url": mcp_url,
                "transport": transport,
                "auth_kind": auth_kind,
                "is_authorized": is_authorized,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if catalog_slug is not UNSET:
            field_dict["catalog_slug"] = catalog_slug
        if default_enabled is not UNSET:
            field_dict["default_enabled"] = default_enabled
        if secret_last4 is not UNSET:
            field_dict["secret_last4"] = secret_last4
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if scopes is not UNSET:
            field_dict["scopes"] = scopes
        if last_refresh_attempt_at is not UNSET:
            field_dict["last_refresh_attempt_at"] = last_refresh_attempt_at
        if last_refresh_error is not UNSET:
            field_dict["last_refresh_error"] = last_refresh_error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        display_name = d.pop("display_name")

        mcp_url = d.pop("mcp_url")

        transport = d.pop("transport")

        auth_kind = d.pop("auth_kind")

        is_authorized = d.pop("is_authorized")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_catalog_slug(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        catalog_slug = _parse_catalog_slug(d.pop("catalog_slug", UNSET))

        default_enabled = d.pop("default_enabled", UNSET)

        def _parse_secret_last4(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret_last4 = _parse_secret_last4(d.pop("secret_last4", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        def _parse_scopes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scopes = _parse_scopes(d.pop("scopes", UNSET))

        def _parse_last_refresh_attempt_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_refresh_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_refresh_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_refresh_attempt_at = _parse_last_refresh_attempt_at(d.pop("last_refresh_attempt_at", UNSET))

        def _parse_last_refresh_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_refresh_error = _parse_last_refresh_error(d.pop("last_refresh_error", UNSET))

        connector = cls(
            id=id,
            display_name=display_name,
            mcp_url=mcp_url,
            transport=transport,
            auth_kind=auth_kind,
            is_authorized=is_authorized,
            created_at=created_at,
            updated_at=updated_at,
            catalog_slug=catalog_slug,
            default_enabled=default_enabled,
            secret_last4=secret_last4,
            expires_at=expires_at,
            scopes=scopes,
            last_refresh_attempt_at=last_refresh_attempt_at,
            last_refresh_error=last_refresh_error,
        )

        connector.additional_properties = d
        return connector

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
