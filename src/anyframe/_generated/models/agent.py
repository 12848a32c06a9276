from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_env_vars import AgentEnvVars
    from ..models.agent_permissions import AgentPermissions


T = TypeVar("T", bound="Agent")


@_attrs_define
class Agent:
    """An agent, summary shape (list and create)."""

    id: int
    name: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    description: None | str | Unset = UNSET
    system_prompt: None | str | Unset = UNSET
    runtime: str | Unset = "claude"
    """ The coding agent inside the sandbox. Known values: `claude`, `codex` (open set). """
    repo_url: None | str | Unset = UNSET
    """ GitHub `owner/name` (not a URL); null for a repo-less agent. """
    repo_ref: None | str | Unset = UNSET
    install_cmd: None | str | Unset = UNSET
    serve_cmd: None | str | Unset = UNSET
    preview_ports: list[int] | Unset = UNSET
    build_key: None | str | Unset = UNSET
    """ Cache key of the image recipe. """
    permissions: AgentPermissions | Unset = UNSET
    """ Free-form permission policy, e.g. `{"preset": "full_trust", "extra_allowed_tools": []}`.
    Known presets: `read_only`, `standard`, `full_trust` (open set).
     """
    env_vars: AgentEnvVars | Unset = UNSET
    """ Environment variable names; every value is masked as `"****"`. """
    warmup_image_id: None | str | Unset = UNSET
    """ Image set by `save_session_as_base`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        system_prompt: None | str | Unset
        if isinstance(self.system_prompt, Unset):
            system_prompt = UNSET
        else:
            system_prompt = self.system_prompt

        runtime = self.runtime

        repo_url: None | str | Unset
        if isinstance(self.repo_url, Unset):
            repo_url = UNSET
        else:
            repo_url = self.repo_url

        repo_ref: None | str | Unset
        if isinstance(self.repo_ref, Unset):
            repo_ref = UNSET
        else:
            repo_ref = self.repo_ref

        install_cmd: None | str | Unset
        if isinstance(self.install_cmd, Unset):
            install_cmd = UNSET
        else:
            install_cmd = self.install_cmd

        serve_cmd: None | str | Unset
        if isinstance(self.serve_cmd, Unset):
            serve_cmd = UNSET
        else:
            serve_cmd = self.serve_cmd

        preview_ports: list[int] | Unset = UNSET
        if not isinstance(self.preview_ports, Unset):
            preview_ports = self.preview_ports

        build_key: None | str | Unset
        if isinstance(self.build_key, Unset):
            build_key = UNSET
        else:
            build_key = self.build_key

        permissions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = self.permissions.to_dict()

        env_vars: dict[str, Any] | Unset = UNSET
        if not isinstance(self.env_vars, Unset):
            env_vars = self.env_vars.to_dict()

        warmup_image_id: None | str | Unset
        if isinstance(self.warmup_image_id, Unset):
            warmup_image_id = UNSET
        else:
            warmup_image_id = self.warmup_image_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if system_prompt is not UNSET:
            field_dict["system_prompt"] = system_prompt
        if runtime is not UNSET:
            field_dict["runtime"] = runtime
        if repo_url is not UNSET:
            field_dict["repo_url"] = repo_url
        if repo_ref is not UNSET:
            field_dict["repo_ref"] = repo_ref
        if install_cmd is not UNSET:
            field_dict["install_cmd"] = install_cmd
        if serve_cmd is not UNSET:
            field_dict["serve_cmd"] = serve_cmd
        if preview_ports is not UNSET:
            field_dict["preview_ports"] = preview_ports
        if build_key is not UNSET:
            field_dict["build_key"] = build_key
        if permissions is not UNSET:
            field_dict["permissions"] = permissions
        if env_vars is not UNSET:
            field_dict["env_vars"] = env_vars
        if warmup_image_id is not UNSET:
            field_dict["warmup_image_id"] = warmup_image_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_env_vars import AgentEnvVars  # noqa: PLC0415
        from ..models.agent_permissions import AgentPermissions  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_system_prompt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        system_prompt = _parse_system_prompt(d.pop("system_prompt", UNSET))

        runtime = d.pop("runtime", UNSET)

        def _parse_repo_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        repo_url = _parse_repo_url(d.pop("repo_url", UNSET))

        def _parse_repo_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        repo_ref = _parse_repo_ref(d.pop("repo_ref", UNSET))

        def _parse_install_cmd(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        install_cmd = _parse_install_cmd(d.pop("install_cmd", UNSET))

        def _parse_serve_cmd(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        serve_cmd = _parse_serve_cmd(d.pop("serve_cmd", UNSET))

        preview_ports = cast(list[int], d.pop("preview_ports", UNSET))

        def _parse_build_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        build_key = _parse_build_key(d.pop("build_key", UNSET))

        _permissions = d.pop("permissions", UNSET)
        permissions: AgentPermissions | Unset
        if isinstance(_permissions, Unset):
            permissions = UNSET
        else:
            permissions = AgentPermissions.from_dict(_permissions)

        _env_vars = d.pop("env_vars", UNSET)
        env_vars: AgentEnvVars | Unset
        if isinstance(_env_vars, Unset):
            env_vars = UNSET
        else:
            env_vars = AgentEnvVars.from_dict(_env_vars)

        def _parse_warmup_image_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        warmup_image_id = _parse_warmup_image_id(d.pop("warmup_image_id", UNSET))

        agent = cls(
            id=id,
            name=name,
            created_at=created_at,
            updated_at=updated_at,
            description=description,
            system_prompt=system_prompt,
            runtime=runtime,
            repo_url=repo_url,
            repo_ref=repo_ref,
            install_cmd=install_cmd,
            serve_cmd=serve_cmd,
            preview_ports=preview_ports,
            build_key=build_key,
            permissions=permissions,
            env_vars=env_vars,
            warmup_image_id=warmup_image_id,
        )

        agent.additional_properties = d
        return agent

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
