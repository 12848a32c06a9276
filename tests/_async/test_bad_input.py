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
"""

from __future__ import annotations

import pytest
import respx

from anyframe import AsyncAnyFrame, InvalidArgumentError

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
        await af.agents.update(7, sytem_prompt="typo")
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
