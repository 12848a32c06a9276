"""Identity, API tokens and stored credentials: what `af.me()`, `af.tokens` and `af.credentials` return."""

from __future__ import annotations

from pydantic import ConfigDict, Field, field_validator

from ._base import AnyFrameModel, Timestamp

__all__ = ["CredentialPart", "Credentials", "Token", "TokenCreated", "User"]


class User(AnyFrameModel):
    """The authenticated user, as returned by `af.me()`."""

    id: int
    """Numeric user id."""
    github_id: int
    """The user's GitHub account id."""
    login: str
    """The user's GitHub login."""
    name: str | None = None
    """Display name, if the user set one."""
    avatar_url: str | None = None
    """URL of the user's avatar image."""
    email: str | None = None
    """The user's email address; `None` when the server does not send it."""
    plan: str | None = None
    """The user's plan (e.g. `"free"`); `None` when the server does not send it."""


class Token(AnyFrameModel):
    """An API token, redacted: only its prefix and last four characters are ever returned."""

    id: int
    """Numeric token id; pass it to `af.tokens.revoke()`."""
    name: str
    """Human label given at creation."""
    prefix: str
    """Leading characters of the token (e.g. `afm_abcd`), to recognise it."""
    last4: str
    """Last four characters of the token."""
    created_at: Timestamp
    """When the token was created."""
    revoked_at: Timestamp | None = None
    """When the token was revoked; `None` while it is active."""
    last_used_at: Timestamp | None = None
    """When the token last authenticated a request; `None` if never, or when the server does not say."""


class TokenCreated(Token):
    """A freshly created API token, the only response that carries the raw secret.

    The secret is in [token][anyframe.models.TokenCreated.token]; it is left out of `repr()` and `str()`
    so that logging the object does not leak it, and out of validation error messages.
    """

    # A response that fails validation must not echo the raw token into the error message.
    model_config = ConfigDict(hide_input_in_errors=True)

    token: str = Field(repr=False)
    """The raw API token (`afm_...`). Returned once: store it now. Never shown in `repr()`."""


class CredentialPart(AnyFrameModel):
    """Whether one kind of runtime credential is stored; the credential itself is never returned."""

    set: bool
    """`True` when a credential of this kind is stored."""
    last4: str | None = None
    """Last four characters of the stored credential, when one is set."""
    updated_at: Timestamp | None = None
    """When the credential was last stored."""


class Credentials(AnyFrameModel):
    """The runtime credentials the user stored: a [CredentialPart][anyframe.models.CredentialPart] each."""

    claude: CredentialPart
    """The Claude OAuth token (Claude runtime)."""
    codex: CredentialPart = Field(default_factory=lambda: CredentialPart(set=False))
    """The OpenAI Codex token (Codex runtime). Older servers omit it (or send `null`); it then reads as not set."""
    github: CredentialPart
    """The GitHub personal access token."""

    @field_validator("codex", mode="before")
    @classmethod
    def _codex_null_is_unset(cls, value: object) -> object:
        return {"set": False} if value is None else value
