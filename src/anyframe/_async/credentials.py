"""`af.credentials`: the Claude, Codex and GitHub secrets every sandbox of yours uses."""

from __future__ import annotations

from .._core.options import RequestOptions, Unpack
from .._core.validate import check_text
from .._generated.api.credentials import (
    clear_claude_credential,
    clear_codex_credential,
    clear_github_credential,
    get_credentials,
    set_claude_credential,
    set_codex_credential,
    set_github_credential,
)
from ..models._identity import Credentials
from ._base import AsyncResource

__all__ = ["AsyncCredentialsResource"]


class AsyncCredentialsResource(AsyncResource):
    """Your stored credentials. Values are write-only: reads return `set` and `last4` only."""

    async def get(self, **options: Unpack[RequestOptions]) -> Credentials:
        """Show which credentials are stored (redacted).

        Example:
            ```python
            view = await af.credentials.get()
            print(view.claude.set, view.claude.last4, view.codex.set)  # True 'wxyz' False
            ```

        Returns:
            [`Credentials`][anyframe.Credentials]; an older server without Codex support reports
            `codex.set == False`.
        """
        return await self._transport.model(get_credentials.build_request(), Credentials, options)

    async def set_claude(self, token: str, **options: Unpack[RequestOptions]) -> None:
        """Store the Claude OAuth token used by agents on the Claude runtime.

        Example:
            ```python
            await af.credentials.set_claude("sk-...")  # Claude OAuth token
            ```

        Args:
            token: The secret. It is sent once and never logged or echoed.

        Raises:
            InvalidArgumentError: `token` is empty; nothing was sent.
        """
        from .._generated.models.credential_token_request import CredentialTokenRequest

        body = CredentialTokenRequest(token=check_text("token", token))
        self._transport.secrets.add(token)  # scrubbed from any error that echoes it
        return await self._transport.empty(set_claude_credential.build_request(body=body), options)

    async def set_codex(self, token: str, **options: Unpack[RequestOptions]) -> None:
        """Store the OpenAI Codex token used by agents on the Codex runtime.

        Example:
            ```python
            await af.credentials.set_codex("sk-...")  # OpenAI Codex token
            ```

        Args:
            token: The secret. It is sent once and never logged or echoed.

        Raises:
            InvalidArgumentError: `token` is empty; nothing was sent.
        """
        from .._generated.models.credential_token_request import CredentialTokenRequest

        body = CredentialTokenRequest(token=check_text("token", token))
        self._transport.secrets.add(token)  # scrubbed from any error that echoes it
        return await self._transport.empty(set_codex_credential.build_request(body=body), options)

    async def set_github(self, token: str, **options: Unpack[RequestOptions]) -> None:
        """Store a GitHub personal access token, needed only to clone private repos.

        Example:
            ```python
            await af.credentials.set_github("ghp_...")  # GitHub PAT, for private repos
            ```

        Args:
            token: The secret. It is sent once and never logged or echoed.

        Raises:
            InvalidArgumentError: `token` is empty; nothing was sent.
        """
        from .._generated.models.credential_token_request import CredentialTokenRequest

        body = CredentialTokenRequest(token=check_text("token", token))
        self._transport.secrets.add(token)  # scrubbed from any error that echoes it
        return await self._transport.empty(set_github_credential.build_request(body=body), options)

    async def clear_claude(self, **options: Unpack[RequestOptions]) -> None:
        """Delete the stored Claude token.

        Example:
            ```python
            await af.credentials.clear_claude()
            ```
        """
        return await self._transport.empty(clear_claude_credential.build_request(), options)

    async def clear_codex(self, **options: Unpack[RequestOptions]) -> None:
        """Delete the stored Codex token.

        Example:
            ```python
            await af.credentials.clear_codex()
            ```
        """
        return await self._transport.empty(clear_codex_credential.build_request(), options)

    async def clear_github(self, **options: Unpack[RequestOptions]) -> None:
        """Delete the stored GitHub token.

        Example:
            ```python
            await af.credentials.clear_github()
            ```
        """
        return await self._transport.empty(clear_github_credential.build_request(), options)
