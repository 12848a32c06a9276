from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CatalogBearerInstallRequest")


@_attrs_define
class CatalogBearerInstallRequest:
    token: str
    """ The bearer token (a secret, write-only). """

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        catalog_bearer_install_request = cls(
            token=token,
        )

        return catalog_bearer_install_request
