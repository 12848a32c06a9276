from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.skill_update_request_content import SkillUpdateRequestContent


T = TypeVar("T", bound="SkillUpdateRequest")


@_attrs_define
class SkillUpdateRequest:
    """Any subset; `source` is not updatable."""

    name: str | Unset = UNSET
    content: SkillUpdateRequestContent | Unset = UNSET
    enabled: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        content: dict[str, Any] | Unset = UNSET
        if not isinstance(self.content, Unset):
            content = self.content.to_dict()

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if content is not UNSET:
            field_dict["content"] = content
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.skill_update_request_content import SkillUpdateRequestContent  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _content = d.pop("content", UNSET)
        content: SkillUpdateRequestContent | Unset
        if isinstance(_content, Unset):
            content = UNSET
        else:
            content = SkillUpdateRequestContent.from_dict(_content)

        enabled = d.pop("enabled", UNSET)

        skill_update_request = cls(
            name=name,
            content=content,
            enabled=enabled,
        )

        return skill_update_request
