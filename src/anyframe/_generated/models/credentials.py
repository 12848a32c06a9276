from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credential_part import CredentialPart


T = TypeVar("T", bound="Credentials")


@_attrs_define
class Credentials:
    claude: CredentialPart
    """ Status of one stored credential (the value itself is never returned). """
    github: CredentialPart
    """ Status of one stored credential (the value itself is never returned). """
    codex: CredentialPart | Unset = UNSET
    """ Status of one stored credential (the value itself is never returned). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claude = self.claude.to_dict()

        github = self.github.to_dict()

        codex: dict[str, Any] | Unset = UNSET
        if not isinstance(self.codex, Unset):
            codex = self.codex.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claude": claude,
                "github": github,
            }
        )
        if codex is not UNSET:
            field_dict["codex"] = codex

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credential_part import CredentialPart  # noqa: PLC0415

        d = dict(src_dict)
        claude = CredentialPart.from_dict(d.pop("claude"))

        github = CredentialPart.from_dict(d.pop("github"))

        _codex = d.pop("codex", UNSET)
        codex: CredentialPart | Unset
        if isinstance(_codex, Unset):
            codex = UNSET
        else:
            codex = CredentialPart.from_dict(_codex)

        credentials = cls(
            claude=claude,
            github=github,
            codex=codex,
        )

        credentials.additional_properties = d
        return credentials

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
