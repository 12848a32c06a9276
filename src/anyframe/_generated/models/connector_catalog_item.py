from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectorCatalogItem")


@_attrs_define
class ConnectorCatalogItem:
    """An entry of the curated connector catalog."""

    slug: str
    display_name: str
    category: str
    """ E.g. `issue-tracking`. """
    description: str
    mcp_url: str
    transport: str
    """ MCP transport. Known values: `http`, `sse`, `stdio` (open set). """
    setup_kind: str
    """ Which install operation applies. Known values (open set): `oauth_dcr`,
    `oauth_preregistered` (use `install_catalog_oauth`), `bearer_token`
    (use `install_catalog_bearer`), `custom_mcp`.
     """
    publisher: str
    trust_level: str
    """ Known values: `official`, `verified`, `community` (open set). """
    docs_url: str
    tags: list[str] | Unset = UNSET
    has_logo: bool | Unset = False
    coming_soon: bool | Unset = False
    """ When true, install attempts are refused. """
    installed: bool | Unset = False
    connector_id: int | None | Unset = UNSET
    """ The caller's connector for this entry, when installed. """
    is_authorized: bool | None | Unset = UNSET
    """ Whether the installed connector is authorized. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        display_name = self.display_name

        category = self.category

        description = self.description

        mcp_url = self.mcp_url

        transport = self.transport

        setup_kind = self.setup_kind

        publisher = self.publisher

        trust_level = self.trust_level

        docs_url = self.docs_url

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        has_logo = self.has_logo

        coming_soon = self.coming_soon

        installed = self.installed

        connector_id: int | None | Unset
        if isinstance(self.connector_id, Unset):
            connector_id = UNSET
        else:
            connector_id = self.connector_id

        is_authorized: bool | None | Unset
        if isinstance(self.is_authorized, Unset):
            is_authorized = UNSET
        else:
            is_authorized = self.is_authorized

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "display_name": display_name,
                "category": category,
                "description": description,
                "mcp_url": mcp_url,
                "transport": transport,
                "setup_kind": setup_kind,
                "publisher": publisher,
                "trust_level": trust_level,
                "docs_url": docs_url,
            }
        )
        if tags is not UNSET:
            field_dict["tags"] = tags
        if has_logo is not UNSET:
            field_dict["has_logo"] = has_logo
        if coming_soon is not UNSET:
            field_dict["coming_soon"] = coming_soon
        if installed is not UNSET:
            field_dict["installed"] = installed
        if connector_id is not UNSET:
            field_dict["connector_id"] = connector_id
        if is_authorized is not UNSET:
            field_dict["is_authorized"] = is_authorized

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slug = d.pop("slug")

        display_name = d.pop("display_name")

        category = d.pop("category")

        description = d.pop("description")

        mcp_url = d.pop("mcp_url")

        transport = d.pop("transport")

        setup_kind = d.pop("setup_kind")

        publisher = d.pop("publisher")

        trust_level = d.pop("trust_level")

        docs_url = d.pop("docs_url")

        tags = cast(list[str], d.pop("tags", UNSET))

        has_logo = d.pop("has_logo", UNSET)

        coming_soon = d.pop("coming_soon", UNSET)

        installed = d.pop("installed", UNSET)

        def _parse_connector_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        connector_id = _parse_connector_id(d.pop("connector_id", UNSET))

        def _parse_is_authorized(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_authorized = _parse_is_authorized(d.pop("is_authorized", UNSET))

        connector_catalog_item = cls(
            slug=slug,
            display_name=display_name,
            category=category,
            description=description,
            mcp_url=mcp_url,
            transport=transport,
            setup_kind=setup_kind,
            publisher=publisher,
            trust_level=trust_level,
            docs_url=docs_url,
            tags=tags,
            has_logo=has_logo,
            coming_soon=coming_soon,
            installed=installed,
            connector_id=connector_id,
            is_authorized=is_authorized,
        )

        connector_catalog_item.additional_properties = d
        return connector_catalog_item

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
