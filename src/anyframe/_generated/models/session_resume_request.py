from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionResumeRequest")


@_attrs_define
class SessionResumeRequest:
    unsafe: bool | Unset = False
    """ Run the inner agent with permission prompts skipped. """

    def to_dict(self) -> dict[str, Any]:
        unsafe = self.unsafe

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if unsafe is not UNSET:
            field_dict["unsafe"] = unsafe

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        unsafe = d.pop("unsafe", UNSET)

        session_resume_request = cls(
            unsafe=unsafe,
        )

        return session_resume_request
