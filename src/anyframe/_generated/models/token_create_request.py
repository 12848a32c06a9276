from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TokenCreateRequest")


@_attrs_define
class TokenCreateRequest:
    """Closed, like every request body of this API except the opaque chat bodies: an unknown field is
    rejected with 422 (`extra_forbidden`) instead of being silently ignored. A missing, empty or
    blank `name` answers 422 with the string `detail` `"name required"`.

    """

    name: str
    """ Human label of the token. Must not be empty or blank. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        token_create_request = cls(
            name=name,
        )

        return token_create_request
