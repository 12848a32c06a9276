from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BuildQueued")


@_attrs_define
class BuildQueued:
    """
    Example:
        {'agent_id': 7, 'build_key': 'k1', 'queued': True}

    """

    agent_id: int
    queued: bool
    """ False when the image is cached or a build is already running (see `reason`). """
    build_key: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    """ Why nothing was queued, e.g. `cached`. """
    build_id: int | None | Unset = UNSET
    """ The queued build, for `stream_build` / `get_build_log_url`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        queued = self.queued

        build_key: None | str | Unset
        if isinstance(self.build_key, Unset):
            build_key = UNSET
        else:
            build_key = self.build_key

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        build_id: int | None | Unset
        if isinstance(self.build_id, Unset):
            build_id = UNSET
        else:
            build_id = self.build_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "queued": queued,
            }
        )
        if build_key is not UNSET:
            field_dict["build_key"] = build_key
        if reason is not UNSET:
            field_dict["reason"] = reason
        if build_id is not UNSET:
            field_dict["build_id"] = build_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        queued = d.pop("queued")

        def _parse_build_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        build_key = _parse_build_key(d.pop("build_key", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_build_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        build_id = _parse_build_id(d.pop("build_id", UNSET))

        build_queued = cls(
            agent_id=agent_id,
            queued=queued,
            build_key=build_key,
            reason=reason,
            build_id=build_id,
        )

        build_queued.additional_properties = d
        return build_queued

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
