from typing import Any

from ...models.credential_token_request import CredentialTokenRequest

METHOD = "PUT"
PATH = "/api/credentials/github"


def build_request(
    *,
    body: CredentialTokenRequest,
) -> dict[str, Any]:
    """Set the GitHub credential

    Returns the keyword arguments of `httpx.Client.build_request` for `PUT /api/credentials/github`.
    """
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": METHOD,
        "url": PATH,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs
