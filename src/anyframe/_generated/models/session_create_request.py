from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionCreateRequest")


@_attrs_define
class SessionCreateRequest:
    agent_id: int
    idle_timeout_s: int | Unset = 300
    """ Seconds of inactivity after which the sandbox snapshots itself; `0` never does. """
    unsafe: bool | Unset = False
    """ Run the inner agent with permission prompts skipped. """
    resume_from_snapshot_id: int | Unset = UNSET
    """ Hydrate from this snapshot instead of a fresh boot. """
    is_setup_session: bool | Unset = UNSET
    """ Boot a setup session (dependencies image, unlocks save-as-base). Send it only as `true`;
    omit it otherwise.
     """

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        idle_timeout_s = self.idle_timeout_s

        unsafe = self.unsafe

        resume_from_snapshot_id = self.resume_from_snapshot_id

        is_setup_session = self.is_setup_session

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agent_id": agent_id,
            }
        )
        if idle_timeout_s is not UNSET:
            field_dict["idle_timeout_s"] = idle_timeout_s
        if unsafe is not UNSET:
            field_dict["unsafe"] = unsafe
        if resume_from_snapshot_id is not UNSET:
            field_dict["resume_from_snapshot_id"] = resume_from_snapshot_id
        if is_setup_session is not UNSET:
            field_dict["is_setup_session"] = is_setup_session

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        idle_timeout_s = d.pop("idle_timeout_s", UNSET)

        unsafe = d.pop("unsafe", UNSET)

        resume_from_snapshot_id = d.pop("resume_from_snapshot_id", UNSET)

        is_setup_session = d.pop("is_setup_session", UNSET)

        session_create_request = cls(
            agent_id=agent_id,
            idle_timeout_s=idle_timeout_s,
            unsafe=unsafe,
            resume_from_snapshot_id=resume_from_snapshot_id,
            is_setup_session=is_setup_session,
        )

        return session_create_request
