from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.agent_create_request_runtime import (
    AgentCreateRequestRuntime,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_create_request_env_vars import AgentCreateRequestEnvVars
    from ..models.agent_create_request_permissions import AgentCreateRequestPermissions


T = TypeVar("T", bound="AgentCreateRequest")


@_attrs_define
class AgentCreateRequest:
    """Omitted fields take the server's defaults; `null` is not accepted here (send it on update to
    clear a field).

    """

    name: str
    description: str | Unset = UNSET
    system_prompt: str | Unset = UNSET
    runtime: AgentCreateRequestRuntime | Unset = UNSET
    """ The coding agent inside the sandbox. Server default `claude`. The server rejects other
    values with 422; responses treat the field as an open set (a newer server may add one).
     """
    repo_url: str | Unset = UNSET
    """ GitHub `owner/name`, e.g. `tinyhq/box`. Omit for a repo-less agent. """
    repo_ref: str | Unset = UNSET
    """ Git ref to build. Server default `main`. """
    install_cmd: str | Unset = UNSET
    serve_cmd: str | Unset = UNSET
    """ E.g. `bun dev`. """
    preview_ports: list[int] | Unset = UNSET
    permissions: AgentCreateRequestPermissions | Unset = UNSET
    """ Free-form permission policy, e.g. `{"preset": "full_trust"}`; presets `read_only`,
    `standard`, `full_trust`.
     """
    env_vars: AgentCreateRequestEnvVars | Unset = UNSET
    """ Environment variables; names must match `^[A-Z_][A-Z0-9_]*$`. Values are secrets:
    encrypted at rest, write-only (responses show `"****"`).
     """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        system_prompt = self.system_prompt

        runtime: str | Unset = UNSET
        if not isinstance(self.runtime, Unset):
            runtime = self.runtime

        repo_url = self.repo_url

        repo_ref = self.repo_ref

        install_cmd = self.install_cmd

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

        field_dict.update(
            {
                "name": name,
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
        if permissions is not UNSET:
            field_dict["permissions"] = permissions
        if env_vars is not UNSET:
            field_dict["env_vars"] = env_vars

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_create_request_env_vars import AgentCreateRequestEnvVars  # noqa: PLC0415
        from ..models.agent_create_request_permissions import AgentCreateRequestPermissions  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        system_prompt = d.pop("system_prompt", UNSET)

        _runtime = d.pop("runtime", UNSET)
        runtime: AgentCreateRequestRuntime | Unset
        if isinstance(_runtime, Unset):
            runtime = UNSET
        else:
            runtime = _runtime

        repo_url = d.pop("repo_url", UNSET)

        repo_ref = d.pop("repo_ref", UNSET)

        install_cmd = d.pop("install_cmd", UNSET)

        serve_cmd = d.pop("serve_cmd", UNSET)

        preview_ports = cast(list[int], d.pop("preview_ports", UNSET))

        _permissions = d.pop("permissions", UNSET)
        permissions: AgentCreateRequestPermissions | Unset
        if isinstance(_permissions, Unset):
            permissions = UNSET
        else:
            permissions = AgentCreateRequestPermissions.from_dict(_permissions)

        _env_vars = d.pop("env_vars", UNSET)
        env_vars: AgentCreateRequestEnvVars | Unset
        if isinstance(_env_vars, Unset):
            env_vars = UNSET
        else:
            env_vars = AgentCreateRequestEnvVars.from_dict(_env_vars)

        agent_create_request = cls(
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

        return agent_create_request
