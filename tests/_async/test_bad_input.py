"""Bad input is rejected before anything is sent (DESIGN.md §5 "Bad input"; STYLE.md §6).

Every test runs against a mock with no routes that refuses unmatched requests, and asserts that no call
was made. Each error is an `InvalidArgumentError` (also a `ValueError`) whose message names what to fix.

Contracts pinned here:

- `env_vars` keys must match `[A-Z_][A-Z0-9_]*` (create and update); the message names the bad key and
  never echoes the values.
- Ports must be 1-65535: `preview_ports` of agents, `port=` of the preview calls, `port` of a batch spec.
- Empty or blank names, commands, slugs, URLs and tokens are refused; session ids must be a non-empty
  `str` or a `uuid.UUID` without `/`; integer ids must be non-negative ints (not bools, not strings).
- A batch spec given as a dict without `cmd` is refused, as is an empty batch.
- `agents.update` with an unknown keyword lists the valid fields.
- `message` / `respond` bodies must be dicts (a bare string gets a hint).
- `transcript(limit=0)`, `attention.list(limit=0)`, `sessions.create(idle_timeout_s=0)` and a non-bool
  `enabled` of a connector toggle are refused.
- A value JSON cannot carry anywhere in a chat body (NaN, ±inf, a `set`, `bytes`, `object()`, a tuple
  key, a lone surrogate) is a `LocalValidationError` naming where it is, raised before sending
  (issue 13 items 2 and 3); a lone surrogate in a name is refused the same way.
- The waiters' `timeout` / `poll_interval` must be numbers (`timeout="5"` is refused, not a `TypeError`
  after the first poll), and `on_status` must be callable; nothing is sent.
- The client refuses, at construction, a CRLF or malformed `base_url`, credentials in it, an infinite
  `timeout`, a non-`str` or header-unsafe `api_key` (issue 13 items 2 and 4): nothing raw from httpx,
  urllib or h11, and the key never in the message.
- 1.x catch patterns (issue 14): `agents.create(name="")` and `tokens.create(name="")` are refused
  before sending with an error that `except anyframe.ValidationError` catches (and `ValueError`),
  `status_code` 422 and `.errors` / `.details` naming `["body", "name"]`.
"""

from __future__ import annotations

import math

import httpx
import pytest
import respx

import anyframe
from anyframe import AsyncAnyFrame, InvalidArgumentError, LocalValidationError
from conftest import API_KEY, BASE_URL

from .wire import SID


def assert_nothing_sent(api: respx.MockRouter) -> None:
    assert api.calls.call_count == 0


@pytest.mark.anyio
@pytest.mark.parametrize("key", ["bad-key", "lower", "1ABC", "WITH SPACE", ""])
async def test_agent_create_rejects_a_bad_env_var_name_naming_it(
    af: AsyncAnyFrame, api: respx.MockRouter, key: str
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        await af.agents.create(name="demo", env_vars={"GOOD": "v1", key: "hunter2"})
    assert repr(key) in info.value.message
    assert "[A-Z_][A-Z0-9_]*" in info.value.message
    assert "hunter2" not in str(info.value)
    assert isinstance(info.value, ValueError)
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_agent_update_rejects_a_bad_env_var_name(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    with pytest.raises(InvalidArgumentError, match="my-var"):
        await af.agents.update(7, env_vars={"my-var": "x"})
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_agent_update_rejects_an_unknown_field_listing_the_valid_ones(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        await af.agents.update(7, sytem_prompt="typo")  # type: ignore[call-arg]
    assert "sytem_prompt" in info.value.message
    for field in ("name", "system_prompt", "repo_url", "env_vars", "preview_ports"):
        assert field in info.value.message
    assert_nothing_sent(api)


@pytest.mark.anyio
@pytest.mark.parametrize("port", [0, 70000, -1, 65536])
async def test_preview_ports_out_of_range_are_rejected(
    af: AsyncAnyFrame, api: respx.MockRouter, port: int
) -> None:
    with pytest.raises(InvalidArgumentError, match="1 and 65535"):
        await af.sessions.previews_start(SID, cmd="bun dev", port=port)
    with pytest.raises(InvalidArgumentError):
        await af.sessions.previews_stop(SID, port=port)
    with pytest.raises(InvalidArgumentError):
        await af.sessions.previews_status(SID, port=port)
    with pytest.raises(InvalidArgumentError):
        await af.sessions.previews_logs(SID, port=port)
    with pytest.raises(InvalidArgumentError):
        await af.agents.create(name="demo", preview_ports=[3000, port])
    with pytest.raises(InvalidArgumentError):
        await af.sessions.previews_batch_start(SID, [{"cmd": "bun dev", "port": port}])
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_a_batch_spec_dict_without_cmd_is_rejected(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        await af.sessions.previews_batch_start(SID, [{"cmd": "bun dev"}, {"port": 4000, "name": "api"}])
    assert "specs[1]" in info.value.message
    assert "cmd" in info.value.message
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_an_empty_batch_is_rejected(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    with pytest.raises(InvalidArgumentError):
        await af.sessions.previews_batch_start(SID, [])
    assert_nothing_sent(api)


@pytest.mark.anyio
@pytest.mark.parametrize("blank", ["", "   "])
async def test_empty_names_and_texts_are_rejected(
    af: AsyncAnyFrame, api: respx.MockRouter, blank: str
) -> None:
    with pytest.raises(InvalidArgumentError, match="name"):
        await af.agents.create(name=blank)
    with pytest.raises(InvalidArgumentError, match="name"):
        await af.agents.update(7, name=blank)
    with pytest.raises(InvalidArgumentError, match="name"):
        await af.tokens.create(name=blank)
    with pytest.raises(InvalidArgumentError, match="name"):
        await af.agents.skills.create(7, name=blank, source="inline", content={})
    with pytest.raises(InvalidArgumentError, match="name"):
        await af.agents.mcps.create(7, name=blank, transport="http", config={})
    with pytest.raises(InvalidArgumentError, match="cmd"):
        await af.sessions.previews_start(SID, cmd=blank)
    with pytest.raises(InvalidArgumentError, match="slug"):
        await af.connectors.install_catalog_oauth(blank)
    with pytest.raises(InvalidArgumentError, match="token"):
        await af.connectors.install_catalog_bearer("sentry", token=blank)
    with pytest.raises(InvalidArgumentError, match="mcp_url"):
        await af.connectors.discover(blank)
    with pytest.raises(InvalidArgumentError, match="token"):
        await af.connectors.create_bearer(mcp_url="https://m", display_name="M", token=blank)
    with pytest.raises(InvalidArgumentError, match="token"):
        await af.credentials.set_claude(blank)
    with pytest.raises(InvalidArgumentError, match="token"):
        await af.credentials.set_codex(blank)
    with pytest.raises(InvalidArgumentError, match="token"):
        await af.credentials.set_github(blank)
    assert_nothing_sent(api)


@pytest.mark.anyio
@pytest.mark.parametrize("session_id", ["", "  ", "a/b", "abc def"])
async def test_bad_session_ids_are_rejected(
    af: AsyncAnyFrame, api: respx.MockRouter, session_id: str
) -> None:
    with pytest.raises(InvalidArgumentError, match="session_id"):
        await af.sessions.get(session_id)
    with pytest.raises(InvalidArgumentError, match="session_id"):
        await af.sessions.message(session_id, {"prompt": "hi"})
    with pytest.raises(InvalidArgumentError, match="session_id"):
        await af.sessions.previews_list(session_id)
    with pytest.raises(InvalidArgumentError, match="session_id"):
        af.sessions.events(session_id)
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_a_session_id_of_the_wrong_type_is_rejected(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    with pytest.raises(InvalidArgumentError, match="session_id"):
        await af.sessions.get(4.2)  # type: ignore[arg-type]
    assert_nothing_sent(api)


@pytest.mark.anyio
@pytest.mark.parametrize("bad", [-1, True, "7", 7.0])
async def test_bad_integer_ids_are_rejected(af: AsyncAnyFrame, api: respx.MockRouter, bad: object) -> None:
    with pytest.raises(InvalidArgumentError, match="agent_id"):
        await af.agents.get(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="skill_id"):
        await af.agents.skills.delete(7, bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="token_id"):
        await af.tokens.revoke(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="connector_id"):
        await af.connectors.delete(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="build_id"):
        await af.agents.build_log_url(7, bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="agent_id"):
        await af.sessions.create(agent_id=bad)  # type: ignore[arg-type]
    assert_nothing_sent(api)


@pytest.mark.anyio
@pytest.mark.parametrize("body", ["hello", ["prompt", "hi"], None])
async def test_chat_bodies_must_be_dicts(af: AsyncAnyFrame, api: respx.MockRouter, body: object) -> None:
    with pytest.raises(InvalidArgumentError, match="dict") as info:
        await af.sessions.message(SID, body)  # type: ignore[arg-type]
    if isinstance(body, str):
        assert '{"prompt": text}' in info.value.message
    with pytest.raises(InvalidArgumentError, match="dict"):
        await af.sessions.respond(SID, body)  # type: ignore[arg-type]
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_out_of_range_limits_and_timeouts_are_rejected(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    with pytest.raises(InvalidArgumentError, match="limit"):
        await af.sessions.transcript(SID, limit=0)
    with pytest.raises(InvalidArgumentError, match="since"):
        await af.sessions.transcript(SID, since=-1)
    with pytest.raises(InvalidArgumentError, match="limit"):
        await af.attention.list(limit=0)
    with pytest.raises(InvalidArgumentError, match="limit"):
        await af.agents.builds(7, limit=-5)
    with pytest.raises(InvalidArgumentError, match="idle_timeout_s"):
        await af.sessions.create(agent_id=7, idle_timeout_s=0)
    with pytest.raises(InvalidArgumentError, match="timeout"):
        await af.agents.wait_for_build(7, timeout=0)
    with pytest.raises(InvalidArgumentError, match="poll_interval"):
        await af.sessions.wait_until_running(SID, poll_interval=-1)
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_a_connector_toggle_needs_a_real_bool(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    with pytest.raises(InvalidArgumentError, match="enabled"):
        await af.agents.connectors.set(7, 5, enabled=1)  # type: ignore[arg-type]
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_skill_content_and_mcp_config_must_be_dicts(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    with pytest.raises(InvalidArgumentError, match="content"):
        await af.agents.skills.create(7, name="s", source="inline", content="# md")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="config"):
        await af.agents.mcps.update(7, 12, config=["npx"])  # type: ignore[arg-type]
    assert_nothing_sent(api)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("body", "where", "fragment"),
    [
        ({"prompt": "x", "temperature": math.nan}, "body['temperature']", "not valid JSON"),
        ({"prompt": "x", "weights": [1.0, math.inf]}, "body['weights'][1]", "not valid JSON"),
        ({"prompt": "x", "weights": [-math.inf]}, "body['weights'][0]", "not valid JSON"),
        ({"prompt": "x", "tags": {"a", "b"}}, "body['tags']", "use a list"),
        ({"prompt": "x", "attachments": [{"data": b"\x89PNG"}]}, "body['attachments'][0]['data']", "base64"),
        ({"prompt": "x", "meta": object()}, "body['meta']", "is an object"),
        ({"prompt": "x", "meta": {(1, 2): "a"}}, "body['meta']", "keys must be str"),
        ({"prompt": "bad \ud800"}, "body['prompt']", "surrogate"),
    ],
)
async def test_a_chat_body_json_cannot_carry_is_refused_naming_where(
    af: AsyncAnyFrame, api: respx.MockRouter, body: dict[str, object], where: str, fragment: str
) -> None:
    with pytest.raises(LocalValidationError) as info:
        await af.sessions.message(SID, body)
    assert info.value.message.startswith(where)
    assert fragment in info.value.message
    with pytest.raises(LocalValidationError):
        await af.sessions.respond(SID, body)
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_a_lone_surrogate_in_a_name_is_refused_before_sending(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    with pytest.raises(LocalValidationError, match=r"body\['name'\]"):
        await af.tokens.create(name="ci \udc80")
    assert_nothing_sent(api)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"timeout": "5"}, "timeout"),
        ({"timeout": None}, "timeout"),
        ({"timeout": math.nan}, "timeout"),
        ({"poll_interval": "1"}, "poll_interval"),
        ({"poll_interval": math.inf}, "poll_interval"),
    ],
)
async def test_waiter_durations_must_be_numbers_of_seconds(
    af: AsyncAnyFrame, api: respx.MockRouter, kwargs: dict[str, object], named: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=f"{named} must be a positive number of seconds"):
        await af.sessions.wait_until_running(SID, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match=f"{named} must be a positive number of seconds"):
        await af.agents.wait_for_build(7, **kwargs)  # type: ignore[arg-type]
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_on_status_must_be_callable(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    with pytest.raises(InvalidArgumentError, match="on_status must be a function"):
        await af.sessions.wait_until_running(SID, on_status="print")  # type: ignore[arg-type]
    assert_nothing_sent(api)


@pytest.mark.anyio
@pytest.mark.parametrize(
    "base_url",
    ["https://api.test.anyframe.dev\r\nX-Evil: 1", "http://[::1", "https://host:99999", "https://host/?tenant=1",
     "https://host/#frag", "https://exa mple.com"],
)  # fmt: skip
async def test_a_malformed_base_url_is_refused_at_construction(api: respx.MockRouter, base_url: str) -> None:
    with pytest.raises(InvalidArgumentError, match="base_url"):
        AsyncAnyFrame(api_key=API_KEY, base_url=base_url)
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_credentials_in_the_base_url_are_refused_and_never_shown(api: respx.MockRouter) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        AsyncAnyFrame(api_key=API_KEY, base_url="https://user:hunter2pass@api.test.anyframe.dev")
    assert "hunter2pass" not in str(info.value)
    assert "hunter2pass" not in repr(info.value)


@pytest.mark.anyio
@pytest.mark.parametrize("timeout", [math.inf, httpx.Timeout(5.0, read=math.inf), "30"])
async def test_an_unusable_timeout_is_refused_at_construction_and_in_with_options(
    af: AsyncAnyFrame, timeout: object
) -> None:
    with pytest.raises(InvalidArgumentError, match="timeout"):
        AsyncAnyFrame(api_key=API_KEY, base_url=BASE_URL, timeout=timeout)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="timeout"):
        af.with_options(timeout=timeout)  # type: ignore[arg-type]


@pytest.mark.anyio
@pytest.mark.parametrize(
    "key", ["afm_bad\x00key_0123456789", "afm_bad\r\nkey_0123456789", "afm_bäd_0123456789", 42]
)
async def test_a_header_unsafe_or_non_str_api_key_is_refused_at_construction(
    api: respx.MockRouter, key: object
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        AsyncAnyFrame(api_key=key, base_url=BASE_URL)  # type: ignore[arg-type]
    assert "0123456789" not in str(info.value)
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_1x_except_validation_error_catches_a_locally_refused_agent_name(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    with pytest.raises(anyframe.ValidationError) as info:  # what 1.x code writes as `except ValidationError`
        await af.agents.create(name="")
    assert info.value.status_code == 422
    assert info.value.errors[0]["loc"] == ["body", "name"]
    assert info.value.details == info.value.errors
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, InvalidArgumentError)
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_1x_except_validation_error_catches_a_locally_refused_token_name(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    with pytest.raises(anyframe.ValidationError) as info:
        await af.tokens.create(name="")
    assert info.value.errors == [
        {"loc": ["body", "name"], "msg": "must be a non-empty string", "type": "value_error"}
    ]
    assert str(info.value) == "name must be a non-empty string"
    assert_nothing_sent(api)


@pytest.mark.anyio
async def test_agent_permissions_must_be_a_dict(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    with pytest.raises(LocalValidationError, match="permissions must be a dict"):
        await af.agents.create(name="demo", permissions=5)  # type: ignore[arg-type]
    with pytest.raises(LocalValidationError, match="permissions must be a dict"):
        await af.agents.update(7, permissions=["standard"])  # type: ignore[arg-type]
    assert_nothing_sent(api)
