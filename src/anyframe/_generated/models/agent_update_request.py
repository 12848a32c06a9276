from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.agent_update_request_runtime import (
    AgentUpdateRequestRuntime,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_update_request_env_vars import AgentUpdateRequestEnvVars
    from ..models.agent_update_request_permissions import AgentUpdateRequestPermissions


T = TypeVar("T", bound="AgentUpdateRequest")


@_attrs_define
class AgentUpdateRequest:
    """Any subset of the create fields; omitted keys are unchanged. An explicit `null` on a nullable
    field clears it (`repo_ref` returns to the server default `main`). An env var sent back with
    the masked value `"****"` keeps its stored value.

    """

    name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    system_prompt: None | str | Unset = UNSET
    runtime: AgentUpdateRequestRuntime | Unset = UNSET
    """ The coding agent inside the sandbox; other values are rejected with 422. """
    repo_url: None | str | Unset = UNSET
    """ GitHub `owner/name`. """
    repo_ref: None | str | Unset = UNSET
    install_cmd: None | str | Unset = UNSET
    serve_cmd: None | str | Unset = UNSET
    preview_ports: list[int] | Unset = UNSET
    permissions: AgentUpdateRequestPermissions | Unset = UNSET
    env_vars: AgentUpdateRequestEnvVars | Unset = UNSET
    """ Replaces the whole set. Values are write-only secrets. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

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

        runtime: str | Unset = UNSET
        if not isinstance(self.runtime, Unset):
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

        permissions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = self.permissions.to_dict()

        env_vars: dict[str, Any] | Unset = UNSET
        if not isinstance(self.env_vars, Unset):
            env_vars = self.env_vars.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
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
        if permissions is not UNSET:
            field_dict["permissions"] = permissions
        if env_vars is not UNSET:
            field_dict["env_vars"] = env_vars

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_update_request_env_vars import AgentUpdateRequestEnvVars  # noqa: PLC0415
        from ..models.agent_update_request_permissions import AgentUpdateRequestPermissions  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

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

        _runtime = d.pop("runtime", UNSET)
        runtime: AgentUpdateRequestRuntime | Unset
        if isinstance(_runtime, Unset):
            runtime = UNSET
        else:
            runtime = _runtime

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

        _permissions = d.pop("permissions", UNSET)
        permissions: AgentUpdateRequestPermissions | Unset
        if isinstance(_permissions, Unset):
            permissions = UNSET
        else:
            permissions = AgentUpdateRequestPermissions.from_dict(_permissions)

        _env_vars = d.pop("env_vars", UNSET)
        env_vars: AgentUpdateRequestEnvVars | Unset
        if isinstance(_env_vars, Unset):
            env_vars = UNSET
        else:
            env_vars = AgentUpdateRequestEnvVars.from_dict(_env_vars)

        agent_update_request = cls(
            name=name,
            description=description,
            system_prompt=system_prompt,
            runtime=runtime,
            repo_url=repo_url,
            repo_ref=repo_ref,
            install_cmd=install_cmd,
            serve_cmd=serve_cmd,
            preview_ports=preview_ports,
            permissions=permissions,
            env_vars=env_vars,
        )

        return agent_update_request
