"""Identity, tokens, credentials and authentication of the local control plane.

Contracts pinned:
- every `/api` route needs `Authorization: Bearer <live afm_ token>`; missing, unknown or revoked -> 401
  with a string `detail`;
- `GET /api/me` answers the fixed user;
- tokens: list shows live tokens only, redacted (`prefix` = first 8 chars, `last4`), never the secret;
  create answers 201 with the raw `token` once (usable at once); an empty or missing name -> 422 with the
  string detail `name required`; revoke -> 204 and the token stops working;
- credentials: PUT stores (204), GET shows `set` / `last4` / `updated_at` but never the value, DELETE
  clears (204); an unknown kind is 404 and a missing `token` is 422.
"""

from __future__ import annotations

import httpx
import pytest

from anyframe.testing import LocalControlPlane, serve

from ._helpers import call


def test_me_returns_the_fixed_local_user(api: httpx.Client) -> None:
    response = api.get("/api/me")
    assert response.status_code == 200
    assert response.json() == {
        "id": 1,
        "github_id": 1001,
        "login": "local",
        "name": "Local Plane",
        "avatar_url": None,
    }


@pytest.mark.parametrize("header", [None, "Bearer afm_not_a_real_token", "Basic abc", "Bearer"])
def test_requests_without_a_live_token_get_401(api: httpx.Client, header: str | None) -> None:
    request = api.build_request("GET", "/api/agents")
    del request.headers["authorization"]
    if header is not None:
        request.headers["authorization"] = header
    response = api.send(request)
    assert response.status_code == 401
    assert isinstance(response.json()["detail"], str)


def test_initial_token_is_listed_redacted(plane: LocalControlPlane, api: httpx.Client) -> None:
    tokens = api.get("/api/tokens").json()
    assert len(tokens) == 1
    assert tokens[0]["prefix"] == plane.api_key[:8]
    assert tokens[0]["last4"] == plane.api_key[-4:]
    assert tokens[0]["revoked_at"] is None
    assert plane.api_key not in api.get("/api/tokens").text


def test_created_token_is_returned_once_and_authenticates(api: httpx.Client) -> None:
    response = api.post("/api/tokens", json={"name": "ci"})
    assert response.status_code == 201
    created = response.json()
    assert created["token"].startswith("afm_")
    assert created["name"] == "ci"
    assert created["prefix"] == created["token"][:8]
    assert created["token"] not in api.get("/api/tokens").text
    assert call(api, "GET", "/api/me", token=created["token"]).status_code == 200


@pytest.mark.parametrize("body", [{"name": ""}, {"name": "   "}, {}])
def test_token_without_a_name_is_422_name_required(api: httpx.Client, body: dict[str, str]) -> None:
    response = api.post("/api/tokens", json=body)
    assert response.status_code == 422
    assert response.json() == {"detail": "name required"}


def test_revoked_token_gets_401_and_leaves_the_list(api: httpx.Client) -> None:
    created = api.post("/api/tokens", json={"name": "temp"}).json()
    assert api.delete(f"/api/tokens/{created['id']}").status_code == 204
    assert call(api, "GET", "/api/me", token=created["token"]).status_code == 401
    assert [t["name"] for t in api.get("/api/tokens").json()] == ["local-plane"]
    assert api.delete(f"/api/tokens/{created['id']}").status_code == 404


def test_revoking_the_token_in_use_locks_the_caller_out(plane: LocalControlPlane, api: httpx.Client) -> None:
    own = api.get("/api/tokens").json()[0]
    assert api.delete(f"/api/tokens/{own['id']}").status_code == 204
    assert api.get("/api/me").status_code == 401


def test_fixed_api_key_option_is_the_initial_token() -> None:
    with serve(api_key="afm_fixed_key_for_tests") as plane:
        assert plane.api_key == "afm_fixed_key_for_tests"
        with httpx.Client(base_url=plane.url) as client:
            response = client.get("/api/me", headers={"Authorization": "Bearer afm_fixed_key_for_tests"})
        assert response.status_code == 200
    with pytest.raises(ValueError):
        serve(api_key="not-afm")


def test_credentials_start_unset(api: httpx.Client) -> None:
    unset = {"set": False, "last4": None, "updated_at": None}
    assert api.get("/api/credentials").json() == {"claude": unset, "codex": unset, "github": unset}


@pytest.mark.parametrize("kind", ["claude", "codex", "github"])
def test_credential_is_stored_but_only_last4_is_shown(api: httpx.Client, kind: str) -> None:
    secret = "sk-secret-value-wxyz"
    assert api.put(f"/api/credentials/{kind}", json={"token": secret}).status_code == 204
    response = api.get("/api/credentials")
    part = response.json()[kind]
    assert part["set"] is True
    assert part["last4"] == "wxyz"
    assert part["updated_at"].endswith("Z")
    assert secret not in response.text
    assert api.delete(f"/api/credentials/{kind}").status_code == 204
    assert api.get("/api/credentials").json()[kind] == {"set": False, "last4": None, "updated_at": None}


def test_credential_errors(api: httpx.Client) -> None:
    assert api.put("/api/credentials/openai", json={"token": "x"}).status_code == 404
    missing = api.put("/api/credentials/claude", json={})
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "token"]
