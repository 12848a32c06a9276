from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.skill_create_request_content import SkillCreateRequestContent


T = TypeVar("T", bound="SkillCreateRequest")


@_attrs_define
class SkillCreateRequest:
    name: str
    source: str
    """ Known values: `inline`, `git`. """
    content: SkillCreateRequestContent
    """ Free-form, e.g. `{"markdown": "..."}`. """
    enabled: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        source = self.source

        content = self.content.to_dict()

        enabled = self.enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "source": source,
                "content": content,
            }
        )
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.skill_create_request_content import SkillCreateRequestContent  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        source = d.pop("source")

        content = SkillCreateRequestContent.from_dict(d.pop("content"))

        enabled = d.pop("enabled", UNSET)

        skill_create_request = cls(
            name=name,
            source=source,
            content=content,
            enabled=enabled,
        )

        skill_create_request.additional_properties = d
        return skill_create_request

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
