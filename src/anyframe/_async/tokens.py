"""`af.tokens`: the personal API tokens that authenticate the SDK."""

from __future__ import annotations

import builtins

from .._core.options import RequestOptions, Unpack
from .._core.validate import check_id, check_text
from .._generated.api.tokens import create_token, list_tokens, revoke_token
from ..models._identity import Token, TokenCreated
from ._base import AsyncResource

__all__ = ["AsyncTokens"]


class AsyncTokens(AsyncResource):
    """API tokens (`afm_...`): list, mint, revoke."""

    async def list(self, **options: Unpack[RequestOptions]) -> builtins.list[Token]:
        """List your tokens that are not revoked. Secrets are never listed: only `prefix` and `last4`.

        Example:
            ```python
            for token in await af.tokens.list():
                print(token.id, token.name, f"{token.prefix}...{token.last4}")
            ```

        Returns:
            The [`Token`][anyframe.Token]s.
        """
        return await self._transport.models(list_tokens.build_request(), Token, options)

    async def create(self, *, name: str, **options: Unpack[RequestOptions]) -> TokenCreated:
        """Mint a new API token. Its secret is in the result's `token`, and only there: store it now.

        Example:
            ```python
            created = await af.tokens.create(name="ci-bot")
            print(created.token)    # afm_... shown once; repr(created) never shows it
            ```

        Args:
            name: A label to recognise the token by.

        Returns:
            The [`TokenCreated`][anyframe.TokenCreated], whose `token` holds the raw secret.

        Raises:
            InvalidArgumentError: `name` is empty; nothing was sent.
            ValidationError: The server rejected the name.
        """
        from .._generated.models.token_create_request import TokenCreateRequest

        body = TokenCreateRequest(name=check_text("name", name))
        # The secret is scrubbed from anything this client shows later.
        return await self._transport.model(
            create_token.build_request(body=body), TokenCreated, options, secret=lambda created: created.token
        )

    async def revoke(self, token_id: int, **options: Unpack[RequestOptions]) -> None:
        """Revoke a token. Requests made with it fail with `AuthError` from then on.

        Example:
            ```python
            ci = next(t for t in await af.tokens.list() if t.name == "ci-bot")
            await af.tokens.revoke(ci.id)
            ```

        Args:
            token_id: The token's `id`.

        Raises:
            InvalidArgumentError: `token_id` is not a non-negative int; nothing was sent.
            NotFoundError: No such token.
        """
        return await self._transport.empty(
            revoke_token.build_request(check_id("token_id", token_id)), options
        )
