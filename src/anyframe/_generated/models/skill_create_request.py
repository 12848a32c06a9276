from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.skill_create_request_source import SkillCreateRequestSource
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.skill_create_request_content import SkillCreateRequestContent


T = TypeVar("T", bound="SkillCreateRequest")


@_attrs_define
class SkillCreateRequest:
    name: str
    source: SkillCreateRequestSource
    """ Where the skill comes from; other values are rejected with 422. """
    content: SkillCreateRequestContent
    """ Free-form, e.g. `{"markdown": "..."}`. """
    enabled: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        source: str = self.source

        content = self.content.to_dict()

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

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

        return skill_create_request
