from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreviewSpec")


@_attrs_define
class PreviewSpec:
    """One preview to start in a `batch_start`."""

    cmd: str
    """ Command that starts the dev server, e.g. `bun dev`. """
    port: int | Unset = UNSET
    name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cmd = self.cmd

        port = self.port

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cmd": cmd,
            }
        )
        if port is not UNSET:
            field_dict["port"] = port
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cmd = d.pop("cmd")

        port = d.pop("port", UNSET)

        name = d.pop("name", UNSET)

        preview_spec = cls(
            cmd=cmd,
            port=port,
            name=name,
        )

        return preview_spec
