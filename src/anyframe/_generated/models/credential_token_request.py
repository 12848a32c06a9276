from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CredentialTokenRequest")


@_attrs_define
class CredentialTokenRequest:
    token: str
    """ The raw secret (Claude OAuth token, OpenAI Codex token or GitHub PAT). Write-only. """

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        credential_token_request = cls(
            token=token,
        )

        return credential_token_request
