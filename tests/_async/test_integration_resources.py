"""Every resource of the SDK against the local control plane, over real sockets.

Contracts pinned (each call is the SDK's real request, answered by `anyframe.testing`):
- identity and tokens: `me`, `tokens.list/create/revoke`;
- credentials: `get`, `set_*`, `clear_*` (values never come back, only `set`/`last4`);
- connectors: `list`, `list_catalog`, `discover`, `create_oauth`, `create_bearer`,
  `install_catalog_oauth`, `install_catalog_bearer`, `reauthorize`, `delete`; a duplicate is a
  `ConflictError`;
- agents: `list/create/get/update/delete`, env vars masked, `skills.*`, `mcps.*`, `connectors.*`;
- builds: `build` (queued, then cached), `build_status`, `builds`, `build_log_url`, `wait_for_build`;
- sessions: `create/get/list/wait_until_running`, `message`, `respond`, `transcript`, `events`,
  every `previews_*`, `terminate`, `snapshots`, `resume`, `delete` (409 while live),
  setup sessions and `save_as_base` (400 for a normal session);
- attention: pending, idle and paused items of the right classes.
"""

from __future__ import annotations

import time

import pytest

from anyframe import (
    AgentDetail,
    AsyncAnyFrame,
    AttentionIdleItem,
    AttentionPendingItem,
    ConflictError,
    NotFoundError,
    PreviewSpec,
    ValidationError,
)

pytestmark = pytest.mark.integration


async def _until(check: object, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await check():  # type: ignore[operator]
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.anyio
async def test_identity_tokens_and_credentials(live: AsyncAnyFrame) -> None:
    me = await live.me()
    assert me.login
    created = await live.tokens.create(name="ci-bot")
    assert created.token.startswith("afm_")
    assert created.token not in repr(created)
    assert any(t.id == created.id for t in await live.tokens.list())
    await live.tokens.revoke(created.id)
    assert all(t.id != created.id for t in await live.tokens.list())

    await live.credentials.set_claude("sk-ant-claude-secret-1234")
    await live.credentials.set_codex("sk-codex-secret-5678")
    await live.credentials.set_github("ghp_github_secret_9012")
    view = await live.credentials.get()
    assert (view.claude.set, view.claude.last4) == (True, "1234")
    assert (view.codex.set, view.github.set) == (True, True)
    await live.credentials.clear_claude()
    await live.credentials.clear_codex()
    await live.credentials.clear_github()
    view = await live.credentials.get()
    assert [view.claude.set, view.codex.set, view.github.set] == [False, False, False]


@pytest.mark.anyio
async def test_connectors_and_catalog(live: AsyncAnyFrame) -> None:
    discovery = await live.connectors.discover("https://mcp.example.com/mcp")
    assert discovery.mcp_url == "https://mcp.example.com/mcp"
    oauth = await live.connectors.create_oauth(mcp_url="https://mcp.example.com/mcp", display_name="Example")
    assert oauth.authorize_url
    with pytest.raises(ConflictError):
        await live.connectors.create_oauth(mcp_url="https://mcp.example.com/mcp", display_name="Again")
    bearer = await live.connectors.create_bearer(
        mcp_url="https://other.example.com/mcp",
        display_name="Other",
        token="bearer-secret-abcd",
        default_enabled=False,
    )
    assert bearer.secret_last4 == "abcd"
    assert bearer.default_enabled is False

    catalog = await live.connectors.list_catalog()
    by_kind = {item.setup_kind: item for item in catalog if not item.coming_soon}
    oauth_item = by_kind["oauth_dcr"]
    bearer_item = by_kind["bearer_token"]
    installed = await live.connectors.install_catalog_oauth(oauth_item.slug)
    assert installed.connector_id
    from_catalog = await live.connectors.install_catalog_bearer(bearer_item.slug, token="sntrys_secret_wxyz")
    assert from_catalog.catalog_slug == bearer_item.slug
    refreshed = {item.slug: item for item in await live.connectors.list_catalog()}
    assert refreshed[bearer_item.slug].installed
    soon = next(item for item in catalog if item.coming_soon)
    with pytest.raises(ConflictError):
        await live.connectors.install_catalog_oauth(soon.slug)

    again = await live.connectors.reauthorize(oauth.connector_id)
    assert again.connector_id == oauth.connector_id
    ids = {c.id for c in await live.connectors.list()}
    assert {oauth.connector_id, bearer.id, from_catalog.id} <= ids
    await live.connectors.delete(bearer.id)
    assert bearer.id not in {c.id for c in await live.connectors.list()}


@pytest.mark.anyio
async def test_agents_with_skills_mcps_and_toggles(live: AsyncAnyFrame) -> None:
    connector = await live.connectors.create_bearer(
        mcp_url="https://mcp.example.com/t", display_name="T", token="tok-1234"
    )
    agent = await live.agents.create(
        name="demo", description="d", system_prompt="be terse", runtime="claude", repo_url="tinyhq/box",
        repo_ref="main", install_cmd="bun install", serve_cmd="bun dev", preview_ports=[3000],
        permissions={"preset": "standard"}, env_vars={"API_TOKEN": "value-secret"},
    )  # fmt: skip
    assert agent.env_vars == {"API_TOKEN": "****"}
    assert [a.id for a in await live.agents.list()] == [agent.id]

    skill = await live.agents.skills.create(
        agent.id, name="tour", source="inline", content={"markdown": "# hi"}
    )
    assert skill.enabled
    skill = await live.agents.skills.update(agent.id, skill.id, enabled=False)
    assert not skill.enabled
    assert [s.id for s in await live.agents.skills.list(agent.id)] == [skill.id]

    mcp = await live.agents.mcps.create(
        agent.id, name="fs", transport="stdio", config={"command": "npx", "args": []}
    )
    mcp = await live.agents.mcps.update(agent.id, mcp.id, name="files", secret_ref="FS_TOKEN")
    assert (mcp.name, mcp.secret_ref) == ("files", "FS_TOKEN")
    assert [m.id for m in await live.agents.mcps.list(agent.id)] == [mcp.id]

    toggles = await live.agents.connectors.list(agent.id)
    assert [t.connector_id for t in toggles] == [connector.id]
    toggle = await live.agents.connectors.set(agent.id, connector_id=connector.id, enabled=False)
    assert toggle.enabled is False

    detail = await live.agents.update(agent.id, system_prompt="Be brief.")
    assert isinstance(detail, AgentDetail)
    assert detail.system_prompt == "Be brief."
    detail = await live.agents.get(agent.id)
    assert ([s.id for s in detail.skills], [m.id for m in detail.mcps]) == ([skill.id], [mcp.id])

    await live.agents.skills.delete(agent.id, skill.id)
    await live.agents.mcps.delete(agent.id, mcp.id)
    with pytest.raises(NotFoundError):
        await live.agents.skills.delete(agent.id, skill.id)
    await live.agents.delete(agent.id)
    with pytest.raises(NotFoundError):
        await live.agents.get(agent.id)


@pytest.mark.anyio
async def test_builds_queue_then_cache(live: AsyncAnyFrame) -> None:
    agent = await live.agents.create(name="b", repo_url="tinyhq/box", install_cmd="bun install")
    assert (await live.agents.build_status(agent.id)).state is None
    queued = await live.agents.build(agent.id)
    assert queued.queued
    assert queued.build_id is not None
    status = await live.agents.wait_for_build(agent.id, timeout=10, poll_interval=0.05)
    assert status.state == "succeeded"
    cached = await live.agents.build(agent.id)
    assert not cached.queued
    assert cached.reason
    forced = await live.agents.build(agent.id, force=True)
    assert forced.queued
    await live.agents.wait_for_build(agent.id, timeout=10, poll_interval=0.05)
    builds = await live.agents.builds(agent.id, limit=5)
    assert [b.id for b in builds][-1] == queued.build_id
    log = await live.agents.build_log_url(agent.id, queued.build_id)
    assert log.url
    assert log.expires_in > 0


@pytest.mark.anyio
async def test_session_lifecycle_chat_previews_and_snapshots(live: AsyncAnyFrame) -> None:
    agent = await live.agents.create(name="s", preview_ports=[3000])
    session = await live.sessions.create(agent_id=agent.id, idle_timeout_s=600)
    assert session.status == "booting"
    session = await live.sessions.wait_until_running(session.id, timeout=10, poll_interval=0.05)
    assert session.sandbox_url
    assert [s.id for s in await live.sessions.list()] == [session.id]

    ack = await live.sessions.message(session.id, {"prompt": "please ask permission to run ls"})
    assert ack["ok"] is True

    async def pending() -> bool:
        return any(isinstance(i, AttentionPendingItem) for i in await live.attention.list())

    await _until(pending, "a permission request")
    item = next(i for i in await live.attention.list() if isinstance(i, AttentionPendingItem))
    assert item.session_id == session.id
    answer = await live.sessions.respond(
        session.id, {"request_id": item.payload["request_id"], "decision": "approve"}
    )
    assert answer["ok"] is True

    async def idle() -> bool:
        return any(isinstance(i, AttentionIdleItem) for i in await live.attention.list(limit=5))

    await _until(idle, "the end of the turn")
    events = await live.sessions.transcript(session.id, since=0, limit=1000)
    assert events[0].kind == "user_message"
    assert events[-1].kind == "result"
    assert [e.seq for e in await live.sessions.transcript(session.id, since=events[1].seq)] == [
        e.seq for e in events[2:]
    ]
    streamed = []
    async with live.sessions.events(session.id) as stream:
        async for event in stream:
            streamed.append(event.json())
            if event.json()["type"] == "result":
                break
    assert [e["type"] for e in streamed] == [e.kind for e in events]

    started = await live.sessions.previews_start(session.id, cmd="bun dev", port=3000, name="web")
    assert started.ok
    assert started.url
    batch = await live.sessions.previews_batch_start(
        session.id, [PreviewSpec(cmd="bun api", port=4000, name="api"), {"cmd": "bun docs"}]
    )
    assert batch.ok
    assert len(batch.previews) == 2
    assert {p.name for p in await live.sessions.previews_list(session.id)} >= {"web", "api"}
    assert (await live.sessions.previews_status(session.id, name="web")).status == "running"
    assert "lines" in await live.sessions.previews_logs(session.id, name="web", tail=10)
    assert (await live.sessions.previews_stop(session.id, port=3000)).ok
    assert any(p.name == "web" for p in (await live.sessions.get(session.id)).previews)

    with pytest.raises(ConflictError):
        await live.sessions.delete(session.id)
    with pytest.raises(ValidationError) as info:
        await live.sessions.save_as_base(session.id)
    assert info.value.status_code == 400
    await live.sessions.terminate(session.id)

    async def terminated() -> bool:
        return (await live.sessions.get(session.id)).status == "terminated"

    await _until(terminated, "termination")
    snapshots = await live.sessions.snapshots(session.id)
    assert snapshots
    resumed = await live.sessions.resume(session.id)
    assert resumed.status == "booting"
    await live.sessions.wait_until_running(session.id, timeout=10, poll_interval=0.05)
    await live.sessions.terminate(session.id)
    await _until(terminated, "termination")
    await live.sessions.delete(session.id)
    with pytest.raises(NotFoundError):
        await live.sessions.get(session.id)


@pytest.mark.anyio
async def test_setup_session_saves_a_base(live: AsyncAnyFrame) -> None:
    agent = await live.agents.create(name="setup")
    session = await live.sessions.create(agent_id=agent.id, is_setup_session=True)
    assert session.is_setup_session
    await live.sessions.wait_until_running(session.id, timeout=10, poll_interval=0.05)
    first = await live.sessions.save_as_base(session.id)
    second = await live.sessions.save_as_base(session.id)
    assert first.warmup_image_id
    assert second.warmup_inputs_hash
    assert (await live.agents.get(agent.id)).warmup_image_id == second.warmup_image_id
