"""The user guide's snippets (shared/seeds/000 and the chat-widget example of 001), run as written
against a respx mock of the control plane that answers every route with the contract's fixtures.

Each test copies one snippet of the guide verbatim (indented into the test); the few lines that must
differ carry a comment saying why. They differ for three reasons only:

- the snippet needs a live event stream (`for event in af.sessions.events(...)` never ends by itself):
  those loops are left out, except where the caller stops after one event (the chat widget);
- the snippet uses a name it never defines (`skill`, `connector`, `build_id`, `settings`, ...): it is
  bound just before, to the object the guide means;
- the guide contradicts the API (api-contract.md Appendix B): `me.email` does not exist (`login` does),
  build `line` events carry `content`, not `text`, and session ids are UUID strings, not ints.

Contracts pinned here: every snippet runs without error, reaches the routes it should, and prints
what the guide says it prints; the client reads its key and base URL from `.env` as documented.
"""

from __future__ import annotations

import asyncio
import json
import logging
import types
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx

import anyframe
from _async.wire import (
    AGENT,
    AGENT_DETAIL,
    ATTENTION,
    AUTHORIZE,
    BUILD_QUEUED,
    CATALOG_ITEM,
    CHAT_EVENTS,
    CONNECTOR,
    CREDENTIALS,
    DISCOVERY,
    MCP,
    PREVIEW,
    PREVIEW_BATCH,
    PREVIEW_RESULT,
    SAVE_AS_BASE,
    SID,
    SKILL,
    SNAPSHOT,
    TOGGLE,
    TOKEN,
    TOKEN_CREATED,
    TOKEN_SECRET,
    USER,
    build_status,
    session,
)
from conftest import API_KEY, BASE_URL

SENTRY_ITEM = {**CATALOG_ITEM, "slug": "sentry", "display_name": "Sentry", "setup_kind": "bearer_token"}
BUILD_LOG = (
    b'event: line\ndata: {"offset": 1, "content": "bun install\\n"}\n\n'
    b'event: line\ndata: {"offset": 2, "content": "done\\n"}\n\n'
    b'event: state\ndata: {"state": "succeeded"}\n\n'
)
CHAT_STREAM = (
    b'id: 3\nevent: assistant\ndata: {"type": "assistant", "content": [{"type": "text", "text": "hi"}]}\n\n'
)


def _previews(request: httpx.Request) -> httpx.Response:
    action = json.loads(request.content)["action"]
    answers: dict[str, object] = {
        "list": [PREVIEW],
        "start": PREVIEW_RESULT,
        "status": PREVIEW_RESULT,
        "stop": {"ok": True, "status": "stopped"},
        "logs": {"lines": ["ready on :3000"]},
        "batch_start": PREVIEW_BATCH,
    }
    return httpx.Response(200, json=answers[action])


def _sse(body: bytes) -> httpx.Response:
    return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})


@pytest.fixture
def plane() -> Iterator[respx.MockRouter]:
    """Every route the guide touches, answered with contract fixtures; any other request fails the test."""
    # The guide's `.env` (section "Authentication"), pointed at the mock.
    Path(".env").write_text(f"ANYFRAME_API_KEY={API_KEY}\nANYFRAME_BASE_URL={BASE_URL}\n")
    s = f"/api/sessions/{SID}"
    with respx.mock(base_url=BASE_URL, assert_all_called=False, assert_all_mocked=True) as router:
        router.get("/api/me").respond(200, json=USER)
        router.get("/api/tokens").respond(200, json=[TOKEN])
        router.post("/api/tokens").respond(201, json=TOKEN_CREATED)
        router.delete("/api/tokens/3").respond(204)
        router.get("/api/credentials").respond(200, json=CREDENTIALS)
        for kind in ("claude", "codex", "github"):
            router.put(f"/api/credentials/{kind}", name=f"set_{kind}").respond(204)
            router.delete(f"/api/credentials/{kind}", name=f"clear_{kind}").respond(204)
        router.get("/api/connectors").respond(200, json=[CONNECTOR])
        router.get("/api/connectors/catalog").respond(200, json=[CATALOG_ITEM, SENTRY_ITEM])
        router.post("/api/connectors/discover").respond(200, json=DISCOVERY)
        router.post("/api/connectors/oauth").respond(200, json=AUTHORIZE)
        router.post("/api/connectors/bearer").respond(200, json=CONNECTOR)
        router.post("/api/connectors/catalog/linear/oauth").respond(200, json=AUTHORIZE)
        router.post("/api/connectors/catalog/sentry/bearer").respond(200, json=CONNECTOR)
        router.post("/api/connectors/5/reauthorize").respond(200, json=AUTHORIZE)
        router.delete("/api/connectors/5", name="delete_connector").respond(204)
        router.get("/api/agents").respond(200, json=[AGENT])
        router.post("/api/agents", name="create_agent").respond(201, json=AGENT)
        router.get("/api/agents/7").respond(200, json=AGENT_DETAIL)
        router.get("/api/agents/999").respond(404, json={"detail": "agent not found"})
        router.patch("/api/agents/7").respond(200, json=AGENT_DETAIL)
        router.delete("/api/agents/7", name="delete_agent").respond(204)
        router.get("/api/agents/7/skills").respond(200, json=[SKILL])
        router.post("/api/agents/7/skills").respond(201, json=SKILL)
        router.patch("/api/agents/7/skills/11", name="update_skill").respond(
            200, json={**SKILL, "enabled": False}
        )
        router.delete("/api/agents/7/skills/11").respond(204)
        router.get("/api/agents/7/mcps").respond(200, json=[MCP])
        router.post("/api/agents/7/mcps", name="create_mcp").respond(201, json=MCP)
        router.get("/api/agents/7/connectors").respond(200, json=[TOGGLE])
        router.put("/api/agents/7/connectors/7", name="toggle").respond(
            200, json={**TOGGLE, "connector_id": 7}
        )
        router.post("/api/agents/7/build", name="build").respond(202, json=BUILD_QUEUED)
        router.get("/api/agents/7/build/status").respond(200, json=build_status("succeeded"))
        router.get("/api/agents/7/builds/128/stream").mock(return_value=_sse(BUILD_LOG))
        router.get("/api/sessions").respond(200, json=[session("terminated"), session("running")])
        router.post("/api/sessions", name="create_session").respond(202, json=session("booting"))
        router.get(s).respond(200, json=session("running"))
        router.delete(s, name="delete_session").respond(204)
        router.post(f"{s}/terminate", name="terminate").respond(202, json=session("snapshotting"))
        router.post(f"{s}/resume", name="resume").respond(202, json=session("booting"))
        router.get(f"{s}/snapshots").respond(200, json=[SNAPSHOT])
        router.post(f"{s}/save-as-base").respond(200, json=SAVE_AS_BASE)
        router.post(f"{s}/message", name="message").respond(200, json={"ok": True, "seq": 3})
        router.post(f"{s}/respond", name="respond").respond(200, json={"ok": True})
        router.get(f"{s}/transcript").respond(200, json=CHAT_EVENTS)
        router.get(f"{s}/events", name="events").mock(return_value=_sse(CHAT_STREAM))
        router.post(f"{s}/previews", name="previews").mock(side_effect=_previews)
        router.get("/api/attention").respond(200, json=ATTENTION)
        yield router


def sent(router: respx.MockRouter, name: str) -> object:
    """The decoded JSON body of the last call to the route called `name`."""
    return json.loads(router.routes[name].calls.last.request.content)


def test_take_over_a_web_session(plane: respx.MockRouter) -> None:
    af = anyframe.AnyFrame()
    # Grab the session id from the web UI's URL, or list and pick one:
    session = next(s for s in af.sessions.list() if s.status == "running")
    # Send a turn - same channel the web UI uses.
    af.sessions.message(session.id, {"text": "summarize what you've done so far"})
    # (The guide then loops over af.sessions.events(session.id) until Ctrl-C: a live stream, left out.)
    af.close()
    assert sent(plane, "message") == {"text": "summarize what you've done so far"}


def test_build_a_fresh_agent_from_scratch(
    plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]
) -> None:
    af = anyframe.AnyFrame()
    agent = af.agents.create(
        name="demo",
        repo_url="tinyhq/box",
        install_cmd="bun install",
    )
    af.agents.build(agent.id)
    af.agents.wait_for_build(agent.id)
    session = af.sessions.create(agent_id=agent.id)
    session = af.sessions.wait_until_running(session.id)
    print(session.sandbox_url)
    af.close()
    assert capsys.readouterr().out == "https://sb-1.sandbox.test\n"
    assert sent(plane, "create_agent") == {
        "name": "demo",
        "repo_url": "tinyhq/box",
        "install_cmd": "bun install",
    }
    assert sent(plane, "build") == {"force": False}
    assert sent(plane, "create_session") == {"agent_id": 7, "idle_timeout_s": 300, "unsafe": False}


def test_mint_a_key_programmatically(plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    af = anyframe.AnyFrame()
    # Already authed in another script? Mint a new key programmatically:
    created = af.tokens.create(name="ci-bot")
    print(created.token)  # afm_... one-time
    af.close()
    assert capsys.readouterr().out == f"{TOKEN_SECRET}\n"


def test_authentication_implicit_explicit_and_without_dotenv(plane: respx.MockRouter) -> None:
    # Implicit - reads ANYFRAME_API_KEY from env / .env
    af = anyframe.AnyFrame()
    assert af.me().login == "nish"
    af.close()
    # Explicit
    af = anyframe.AnyFrame(api_key="afm_...", base_url=BASE_URL)  # base_url: the mock, not the .env file
    af.me()
    af.close()
    assert plane.routes[0].calls.last.request.headers["authorization"] == "Bearer afm_..."
    settings = types.SimpleNamespace(key=API_KEY)  # the guide's `settings` is the reader's own config object
    # Library code that shouldn't touch the user's environment:
    af = anyframe.AnyFrame(api_key=settings.key, load_dotenv=False)
    assert af.base_url == "https://api.anyfrm.com"  # .env not read, so its ANYFRAME_BASE_URL is not either
    af.close()


def test_the_client(plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    # Synchronous
    af = anyframe.AnyFrame(
        api_key=None,  # falls back to ANYFRAME_API_KEY
        base_url=None,  # falls back to ANYFRAME_BASE_URL
        timeout=30.0,  # per-request seconds
        load_dotenv=True,  # set False to skip .env autoload
    )
    af.close()
    # Asynchronous (same constructor signature)
    from anyframe import AsyncAnyFrame

    af_async = AsyncAnyFrame()  # renamed from `af`: the guide rebinds `af` three times in one block
    asyncio.run(af_async.aclose())
    # Context-managed (preferred - guarantees the connection pool closes)
    with anyframe.AnyFrame() as af:
        me = af.me()
    af = anyframe.AnyFrame()  # the guide goes on using `af` after the `with` block closed it
    # Identity
    me = af.me()
    print(me.login)  # the guide prints `me.email`, which User does not have (api-contract.md Appendix B)
    # Resources
    af.tokens  # API token management  # noqa: B018
    af.credentials  # Claude / Codex / GitHub credentials  # noqa: B018
    af.connectors  # User-scoped MCP registrations + curated catalog  # noqa: B018
    af.agents  # Agents, builds, skills, mcps  # noqa: B018
    af.sessions  # Live sandboxes (chat, previews, snapshots, save-as-base)  # noqa: B018
    af.attention  # Items needing the operator (pending / idle / paused)  # noqa: B018
    af.close()
    assert capsys.readouterr().out == "nish\n"


def test_lifecycle(plane: respx.MockRouter) -> None:
    af = anyframe.AnyFrame()
    try:
        af.me()  # the guide's `...`
    finally:
        af.close()
    # Or with a context manager:
    with anyframe.AnyFrame() as af:
        af.me()  # the guide's `...`
    with pytest.raises(anyframe.ClientClosedError):
        af.me()


def test_agents_crud(plane: respx.MockRouter) -> None:
    af = anyframe.AnyFrame()
    # Create
    agent = af.agents.create(
        name="my-agent",
        description="Triages bugs on the box repo",
        system_prompt="You are a careful, terse engineer.",
        repo_url="tinyhq/box",
        repo_ref="main",
        install_cmd="bun install",
        serve_cmd="bun dev",
        preview_ports=[3000],
    )
    # List / get / update / delete
    af.agents.list()
    detail = af.agents.get(agent.id)  # includes skills, mcps, connector toggles
    af.agents.update(agent.id, system_prompt="Be brief.")
    af.agents.delete(agent.id)  # cascades to sessions + builds
    af.close()
    assert [s.name for s in detail.skills] == ["repo-tour"]
    assert sent(plane, "create_agent") == {
        "name": "my-agent",
        "description": "Triages bugs on the box repo",
        "system_prompt": "You are a careful, terse engineer.",
        "repo_url": "tinyhq/box",
        "repo_ref": "main",
        "install_cmd": "bun install",
        "serve_cmd": "bun dev",
        "preview_ports": [3000],
    }
    assert plane.routes["delete_agent"].call_count == 1


def test_build_wait_and_stream_the_log(plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    af = anyframe.AnyFrame()
    agent = af.agents.create(name="demo", repo_url="tinyhq/box", install_cmd="bun install")
    queued = af.agents.build(agent.id)
    # BuildQueued(queued=True, build_id=128) - or queued=False with a reason
    # if a cached image already exists for this repo + ref + install_cmd.
    status = af.agents.wait_for_build(agent.id, timeout=600.0)
    # Streaming the live log
    for event in af.agents.stream_build(agent.id, queued.build_id):
        print(event.event, event.json())
    af.close()
    assert (queued.queued, queued.build_id, status.state) == (True, 128, "succeeded")
    assert capsys.readouterr().out.splitlines() == [
        "line {'offset': 1, 'content': 'bun install\\n'}",
        "line {'offset': 2, 'content': 'done\\n'}",
        "state {'state': 'succeeded'}",
    ]


def test_skills_mcps_and_connector_toggles(plane: respx.MockRouter) -> None:
    af = anyframe.AnyFrame()
    agent = af.agents.get(7)
    # Skills - Claude Code skills (markdown with frontmatter)
    af.agents.skills.list(agent.id)
    skill = af.agents.skills.create(  # the guide uses `skill` below without binding it
        agent.id,
        name="repo-tour",
        source="inline",
        content={"markdown": "..."},
    )
    af.agents.skills.update(agent.id, skill.id, enabled=False)
    af.agents.skills.delete(agent.id, skill.id)
    # MCPs - agent-scoped MCP servers
    af.agents.mcps.list(agent.id)
    af.agents.mcps.create(
        agent.id,
        name="local-fs",
        transport="stdio",
        config={"command": "npx", "args": ["@modelcontextprotocol/server-filesystem", "/work"]},
    )
    # Connector toggles - flip user-level connectors on or off for this agent
    af.agents.connectors.list(agent.id)
    af.agents.connectors.set(agent.id, connector_id=7, enabled=True)
    af.close()
    assert sent(plane, "update_skill") == {"enabled": False}
    assert sent(plane, "create_mcp") == {
        "name": "local-fs",
        "transport": "stdio",
        "config": {"command": "npx", "args": ["@modelcontextprotocol/server-filesystem", "/work"]},
        "enabled": True,
    }
    assert sent(plane, "toggle") == {"enabled": True}


def test_sessions(plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    af = anyframe.AnyFrame()
    agent = af.agents.get(7)
    # Boot
    session = af.sessions.create(agent_id=agent.id, idle_timeout_s=300)
    session = af.sessions.wait_until_running(session.id)
    print(session.sandbox_url)
    # Inspect
    af.sessions.list()
    af.sessions.get(session.id)
    # Terminate / resume
    af.sessions.terminate(session.id)  # snapshot + stop
    af.sessions.resume(session.id)  # rehydrate from latest snapshot
    af.sessions.delete(session.id)  # hard-delete the row
    af.close()
    assert capsys.readouterr().out == "https://sb-1.sandbox.test\n"
    assert plane.routes["terminate"].calls.last.request.content == b""
    assert sent(plane, "resume") == {"unsafe": False}
    assert plane.routes["delete_session"].call_count == 1


def test_chat_message_respond_and_transcript(
    plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]
) -> None:
    af = anyframe.AnyFrame()
    session = af.sessions.get(SID)
    # Send a message - body is forwarded verbatim to the in-sandbox chat bridge
    af.sessions.message(session.id, {"role": "user", "content": "list files"})
    # Reply to a permission prompt
    af.sessions.respond(session.id, {"prompt_id": "p-...", "approve": True})
    # Replay the persisted transcript
    for evt in af.sessions.transcript(session.id, since=0, limit=1000):
        print(evt.seq, evt.kind, evt.data)
    # (The guide then subscribes to af.sessions.events(session.id): a live stream, left out.)
    af.close()
    assert sent(plane, "message") == {"role": "user", "content": "list files"}
    assert sent(plane, "respond") == {"prompt_id": "p-...", "approve": True}
    assert capsys.readouterr().out.splitlines() == [
        "1 user_message {'type': 'user_message'}",
        "2 assistant_message {'type': 'assistant_message', 'text': 'hi'}",
    ]


def test_previews(plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    af = anyframe.AnyFrame()
    session = af.sessions.get(SID)
    # Start one preview - port is optional; the control plane picks from
    # preview_ports or allocates a new one (restart_pending=True if it does).
    result = af.sessions.previews_start(session.id, cmd="bun dev", port=3000, name="web")
    print(result.url)  # tunnel URL once running
    af.sessions.previews_status(session.id, name="web")
    af.sessions.previews_list(session.id)  # → list[Preview]
    af.sessions.previews_logs(session.id, name="web", tail=200)
    af.sessions.previews_stop(session.id, name="web")
    # Atomic batch - restarts the sandbox at most once if new ports are allocated.
    af.sessions.previews_batch_start(
        session.id,
        [
            anyframe.PreviewSpec(cmd="bun dev", port=3000, name="web"),
            anyframe.PreviewSpec(cmd="bun api", port=4000, name="api"),
        ],
    )
    af.close()
    assert capsys.readouterr().out == "https://tunnel/3000\n"
    bodies = [json.loads(c.request.content) for c in plane.routes["previews"].calls]
    assert [b["action"] for b in bodies] == ["start", "status", "list", "logs", "stop", "batch_start"]
    assert bodies[-1]["previews"] == [
        {"cmd": "bun dev", "port": 3000, "name": "web"},
        {"cmd": "bun api", "port": 4000, "name": "api"},
    ]


def test_setup_sessions_and_snapshots(plane: respx.MockRouter) -> None:
    af = anyframe.AnyFrame()
    agent = af.agents.get(7)
    session = af.sessions.create(agent_id=agent.id, is_setup_session=True)
    af.sessions.wait_until_running(session.id)
    # ... do interactive seeding ...
    result = af.sessions.save_as_base(session.id)
    # SaveAsBaseResult(warmup_image_id='im_abc', warmup_inputs_hash='sha256:...')
    snapshots = af.sessions.snapshots(session.id)
    latest_snapshot_session_id = session.id  # the guide leaves this name to the reader
    af.sessions.resume(latest_snapshot_session_id)
    af.close()
    assert sent(plane, "create_session") == {
        "agent_id": 7,
        "idle_timeout_s": 300,
        "unsafe": False,
        "is_setup_session": True,
    }
    assert result.warmup_image_id == "im_abc"
    assert [s.id for s in snapshots] == [21]


def test_connectors_and_the_catalog(plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    af = anyframe.AnyFrame()
    # User-scoped: configure once, reuse across agents
    af.connectors.list()
    # Inspect an MCP URL before saving
    af.connectors.discover("https://mcp.linear.app")
    # Register
    oauth = af.connectors.create_oauth(mcp_url="https://mcp.linear.app", display_name="Linear")
    print(oauth.authorize_url)  # send the user here to complete OAuth
    bearer = af.connectors.create_bearer(
        mcp_url="https://mcp.example.com",
        display_name="Example",
        token="bearer-secret",
    )
    connector = bearer  # the guide uses `connector` without binding it
    af.connectors.reauthorize(connector.id)  # fresh OAuth URL when a token expires
    af.connectors.delete(connector.id)
    # Catalog
    catalog = af.connectors.list_catalog()  # ConnectorCatalogItem[]
    linear = next(c for c in catalog if c.slug == "linear")
    print(linear.setup_kind, linear.installed)  # "oauth_dcr", False
    # Install by slug - the catalog entry supplies the MCP URL + display name.
    af.connectors.install_catalog_oauth("linear")  # returns ConnectorAuthorize
    af.connectors.install_catalog_bearer("sentry", token="sntrys_...")
    af.close()
    assert capsys.readouterr().out.splitlines() == [
        "https://linear.app/oauth/authorize?state=st-1",
        "oauth_dcr False",
    ]
    assert plane.routes["delete_connector"].call_count == 1


def test_attention_rail(plane: respx.MockRouter) -> None:
    af = anyframe.AnyFrame()
    seen = []  # records which branch ran; the guide's branches hold only `...`
    for item in af.attention.list(limit=20):
        if item.kind == "pending":
            # agent is blocked on a permission_request or ask_user_question
            seen.append(type(item))
        elif item.kind == "idle":
            # running session waiting on the next user prompt
            seen.append(type(item))
        elif item.kind == "paused":
            # session paused within the last 24h - candidate to resume
            seen.append(type(item))
    af.close()
    assert seen == [anyframe.AttentionPendingItem, anyframe.AttentionIdleItem, anyframe.AttentionPausedItem]


def test_credentials(plane: respx.MockRouter) -> None:
    af = anyframe.AnyFrame()
    view = af.credentials.get()
    # Credentials(claude=CredentialPart(set=True, last4='abcd'),
    #   codex=CredentialPart(set=False, last4=None),
    #   github=CredentialPart(set=False, last4=None))
    af.credentials.set_claude("sk-...")  # Claude OAuth token (Claude runtime)
    af.credentials.set_codex("sk-...")  # OpenAI Codex token (Codex runtime)
    af.credentials.set_github("ghp_...")  # GitHub PAT (optional, for private repos)
    af.credentials.clear_claude()
    af.credentials.clear_codex()
    af.credentials.clear_github()
    af.close()
    assert (view.claude.set, view.codex.set, view.github.set) == (True, False, False)
    assert sent(plane, "set_github") == {"token": "ghp_..."}
    assert all(plane.routes[f"clear_{kind}"].call_count == 1 for kind in ("claude", "codex", "github"))


def test_tokens(plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    af = anyframe.AnyFrame()
    af.tokens.list()
    created = af.tokens.create(name="ci-bot")
    print(created.token)  # afm_... - visible once, store it now
    af.tokens.revoke(created.id)
    af.close()
    assert capsys.readouterr().out == f"{TOKEN_SECRET}\n"


def test_streaming_a_build_log(plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    af = anyframe.AnyFrame()
    agent = af.agents.get(7)
    build_id = af.agents.build(agent.id).build_id  # the guide leaves `build_id` to the reader
    assert build_id is not None
    # Stream a live build log
    for event in af.agents.stream_build(agent.id, build_id):
        if event.event == "line":
            # The guide reads "text"; the contract's line events carry "content".
            print(event.json()["content"], end="")
        elif event.event == "state":
            print("\n[state]", event.json())
    # (The guide then subscribes to af.sessions.events(...): a live stream, left out.)
    af.close()
    assert capsys.readouterr().out == "bun install\ndone\n\n[state] {'state': 'succeeded'}\n"


def test_async_quickstart(plane: respx.MockRouter) -> None:
    from anyframe import AsyncAnyFrame

    async def main() -> anyframe.Session:  # the guide's `async def main():`, annotated for mypy --strict
        async with AsyncAnyFrame() as af:
            agent = await af.agents.create(name="demo", repo_url="tinyhq/box", install_cmd="bun install")
            await af.agents.build(agent.id)
            await af.agents.wait_for_build(agent.id)
            session = await af.sessions.create(agent_id=agent.id)
            session = await af.sessions.wait_until_running(session.id)
            # (The guide ends with `async for event in af.sessions.events(session.id)`: a live stream.)
            return session  # noqa: RET504  # returned so the test can check it

    session = asyncio.run(main())
    assert session.status == "running"
    assert plane.routes["create_session"].call_count == 1


def test_async_chat_widget(plane: respx.MockRouter) -> None:
    af = anyframe.AsyncAnyFrame()  # async client - this is a hot path

    async def on_visitor_message(session_id: str, text: str):  # type: ignore[no-untyped-def]
        # (`session_id: int` in the guide; session ids are UUID strings, api-contract.md Appendix B)
        # Forward each visitor turn to the agent's chat bridge.
        await af.sessions.message(session_id, {"prompt": text})
        # Stream the reply back to the browser as SSE. last_event_id lets
        # the browser resume mid-stream after a reconnect.
        async for event in af.sessions.events(session_id):
            yield event.json()

    async def serve_one_turn() -> object:
        # What the web framework does: forward the first event, then the browser disconnects.
        replies = on_visitor_message(SID, "hello")
        first = await replies.__anext__()
        await replies.aclose()
        await af.aclose()
        return first

    first = asyncio.run(serve_one_turn())
    assert first == {"type": "assistant", "content": [{"type": "text", "text": "hi"}]}
    assert sent(plane, "message") == {"prompt": "hello"}
    assert plane.routes["events"].calls.last.request.headers["accept"] == "text/event-stream"


def test_log_level_and_logger(plane: respx.MockRouter, caplog: pytest.LogCaptureFixture) -> None:
    logging.getLogger("anyframe").setLevel(logging.DEBUG)
    with caplog.at_level(logging.DEBUG, logger="anyframe"), anyframe.AnyFrame() as af:
        af.me()
    assert any(r.getMessage().startswith("GET /api/me -> 200") for r in caplog.records)


def test_errors(plane: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    af = anyframe.AnyFrame()
    try:
        af.agents.get(999)
    except anyframe.NotFoundError:
        print("no such agent")
    except anyframe.AuthError:
        print("check ANYFRAME_API_KEY")
    except anyframe.AnyFrameError as e:
        # base class - catches everything above
        print(f"unexpected {e!r}")
    af.close()
    assert capsys.readouterr().out == "no such agent\n"


def test_support(capsys: pytest.CaptureFixture[str]) -> None:
    print(anyframe.__version__)
    # When opening an issue, include the SDK version and a minimal repro.
    assert capsys.readouterr().out.strip() == anyframe.__version__
