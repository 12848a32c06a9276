from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.preview import Preview


T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    id: UUID
    agent_id: int
    status: str
    """ Known values (open set): `booting`, `running`, `snapshotting`, `terminated`, `error`.
    Servers may add values (e.g. `paused`); clients must accept unknown strings.
     """
    idle_timeout_s: int
    """ Seconds of inactivity after which the sandbox snapshots itself. """
    created_at: datetime.datetime
    last_active: datetime.datetime
    modal_sandbox_id: None | str | Unset = UNSET
    sandbox_url: None | str | Unset = UNSET
    snapshot_image_id: None | str | Unset = UNSET
    previews: list[Preview] | Unset = UNSET
    is_setup_session: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        agent_id = self.agent_id

        status = self.status

        idle_timeout_s = self.idle_timeout_s

        created_at = self.created_at.isoformat()

        last_active = self.last_active.isoformat()

        modal_sandbox_id: None | str | Unset
        if isinstance(self.modal_sandbox_id, Unset):
            modal_sandbox_id = UNSET
        else:
            modal_sandbox_id = self.modal_sandbox_id

        sandbox_url: None | str | Unset
        if isinstance(self.sandbox_url, Unset):
            sandbox_url = UNSET
        else:
            sandbox_url = self.sandbox_url

        snapshot_image_id: None | str | Unset
        if isinstance(self.snapshot_image_id, Unset):
            snapshot_image_id = UNSET
        else:
            snapshot_image_id = self.snapshot_image_id

        previews: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.previews, Unset):
            previews = []
            for previews_item_data in self.previews:
                previews_item = previews_item_data.to_dict()
                previews.append(previews_item)

        is_setup_session = self.is_setup_session

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "agent_id": agent_id,
                "status": status,
                "idle_timeout_s": idle_timeout_s,
                "created_at": created_at,
                "last_active": last_active,
            }
        )
        if modal_sandbox_id is not UNSET:
            field_dict["modal_sandbox_id"] = modal_sandbox_id
        if sandbox_url is not UNSET:
            field_dict["sandbox_url"] = sandbox_url
        if snapshot_image_id is not UNSET:
            field_dict["snapshot_image_id"] = snapshot_image_id
        if previews is not UNSET:
            field_dict["previews"] = previews
        if is_setup_session is not UNSET:
            field_dict["is_setup_session"] = is_setup_session

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preview import Preview  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        agent_id = d.pop("agent_id")

        status = d.pop("status")

        idle_timeout_s = d.pop("idle_timeout_s")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        last_active = datetime.datetime.fromisoformat(d.pop("last_active"))

        def _parse_modal_sandbox_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        modal_sandbox_id = _parse_modal_sandbox_id(d.pop("modal_sandbox_id", UNSET))

        def _parse_sandbox_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sandbox_url = _parse_sandbox_url(d.pop("sandbox_url", UNSET))

        def _parse_snapshot_image_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        snapshot_image_id = _parse_snapshot_image_id(d.pop("snapshot_image_id", UNSET))

        _previews = d.pop("previews", UNSET)
        previews: list[Preview] | Unset = UNSET
        if _previews is not UNSET:
            previews = []
            for previews_item_data in _previews:
                previews_item = Preview.from_dict(previews_item_data)

                previews.append(previews_item)

        is_setup_session = d.pop("is_setup_session", UNSET)

        session = cls(
            id=id,
            agent_id=agent_id,
            status=status,
            idle_timeout_s=idle_timeout_s,
            created_at=created_at,
            last_active=last_active,
            modal_sandbox_id=modal_sandbox_id,
            sandbox_url=sandbox_url,
            snapshot_image_id=snapshot_image_id,
            previews=previews,
            is_setup_session=is_setup_session,
        )

        session.additional_properties = d
        return session

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
