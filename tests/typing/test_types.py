"""Static typing of the public surface, checked by mypy (`make typecheck`), never run.

The functions below are never called: collecting this module executes nothing but its imports. Each
`assert_type` pins the exact type mypy infers for a representative call of every resource, in both
flavours, and each `# type: ignore[...]` pins a call mypy must reject (with `warn_unused_ignores` from
`--strict`, an ignore that stops being needed is itself an error).

Contracts pinned here:

- Resource calls return the public models (`Session`, `list[Agent]`, `AgentDetail`, ...), never `Any`;
  bodiless calls return `None`; opaque JSON calls (`message`, `respond`, `previews_logs`) return
  `dict[str, object]`.
- The async client's coroutines resolve to the same types as the sync client's calls.
- Session ids accept `str` and `uuid.UUID`; integer ids reject strings; `events()` / `stream_build()`
  return `EventStream` / `AsyncEventStream`, iterating to `SSEEvent`.
- Clients are context managers returning themselves; `with_options` returns the same client type.
- Chat turns: `turn()` returns `Turn` / `AsyncTurn`, iterating to `ChatPayload` (a union of the payload
  models, narrowed by `isinstance`), `wait()` to `TurnResult`, `respond()` to `dict[str, object]`,
  `text_stream()` to `str`; `iter_transcript()` iterates `ChatEvent`s; `event.payload()` and
  `row.typed_payload()` are `ChatPayload`; `turn()` rejects a message that is neither str nor mapping.
- Error attributes are typed: `status_code`, `request_id`, `retry_after`, `errors`, `build_status`,
  `session`, `last_seq`.
- Escape hatches: every call takes the `RequestOptions` keywords (waiters the `WaitOptions` ones) with
  their types, and rejects any other keyword or a wrongly typed option; `af.with_raw_response.<...>`
  returns `RawResponse[<the call's result>]` in both flavours (`.parse()` is that result), and has no
  streams or waiters; `af.request()` returns `object`; hooks receive `RequestInfo` / `ResponseInfo`.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
from typing_extensions import assert_type

from anyframe import (
    Agent,
    AgentConnectorToggle,
    AgentDetail,
    AgentMcp,
    AgentSkill,
    AnyFrame,
    APIError,
    AsyncAnyFrame,
    AsyncEventStream,
    AsyncTurn,
    AttentionItem,
    Build,
    BuildFailedError,
    BuildQueued,
    BuildStatus,
    ChatEvent,
    ChatPayload,
    Connector,
    ConnectorAuthorize,
    ConnectorCatalogItem,
    ConnectorDiscovery,
    Credentials,
    EventStream,
    LogUrl,
    PermissionRequestPayload,
    Preview,
    PreviewActionResult,
    PreviewBatchResult,
    PreviewSpec,
    RateLimitError,
    RawResponse,
    RequestInfo,
    RequestOptions,
    ResponseInfo,
    SaveAsBaseResult,
    Session,
    SessionEndedError,
    Snapshot,
    SSEEvent,
    Token,
    TokenCreated,
    Turn,
    TurnResult,
    TurnTimeoutError,
    User,
    ValidationError,
    WaitOptions,
)

__all__: list[str] = []

SID = "11111111-2222-3333-4444-555555555555"


def check_sync_client(af: AnyFrame) -> None:
    assert_type(af.me(), User)
    assert_type(af.tokens.list(), list[Token])
    assert_type(af.tokens.create(name="ci"), TokenCreated)
    revoke: Callable[[int], None] = af.tokens.revoke
    assert_type(af.credentials.get(), Credentials)
    set_claude: Callable[[str], None] = af.credentials.set_claude
    assert_type(af.connectors.list(), list[Connector])
    assert_type(af.connectors.list_catalog(), list[ConnectorCatalogItem])
    assert_type(af.connectors.discover("https://mcp.test"), ConnectorDiscovery)
    assert_type(af.connectors.create_oauth(mcp_url="https://m", display_name="M"), ConnectorAuthorize)
    assert_type(af.connectors.create_bearer(mcp_url="https://m", display_name="M", token="t"), Connector)
    assert_type(af.connectors.install_catalog_oauth("linear"), ConnectorAuthorize)
    assert_type(af.connectors.reauthorize(5), ConnectorAuthorize)
    assert_type(af.agents.list(), list[Agent])
    assert_type(af.agents.create(name="demo"), Agent)
    assert_type(af.agents.get(7), AgentDetail)
    assert_type(af.agents.update(7, name="renamed"), AgentDetail)
    assert_type(af.agents.build(7), BuildQueued)
    assert_type(af.agents.build_status(7), BuildStatus)
    assert_type(af.agents.builds(7, limit=5), list[Build])
    assert_type(af.agents.build_log_url(7, 128), LogUrl)
    assert_type(af.agents.wait_for_build(7, timeout=1.0), BuildStatus)
    assert_type(af.agents.stream_build(7, 128), EventStream)
    assert_type(af.agents.skills.list(7), list[AgentSkill])
    assert_type(af.agents.skills.create(7, name="s", source="inline", content={}), AgentSkill)
    assert_type(af.agents.mcps.update(7, 12, enabled=False), AgentMcp)
    assert_type(af.agents.connectors.set(7, 5, enabled=True), AgentConnectorToggle)
    assert_type(af.sessions.list(), list[Session])
    assert_type(af.sessions.create(agent_id=7, is_setup_session=True), Session)
    assert_type(af.sessions.get(SID), Session)
    assert_type(af.sessions.get(uuid.UUID(SID)), Session)
    assert_type(af.sessions.terminate(SID), Session)
    assert_type(af.sessions.resume(SID, unsafe=False), Session)
    assert_type(af.sessions.snapshots(SID), list[Snapshot])
    assert_type(af.sessions.save_as_base(SID), SaveAsBaseResult)
    assert_type(af.sessions.message(SID, {"prompt": "hi"}), dict[str, object])
    assert_type(af.sessions.respond(SID, {"decision": "approve"}), dict[str, object])
    assert_type(af.sessions.transcript(SID, since=0, limit=1000), list[ChatEvent])
    assert_type(af.sessions.wait_until_running(SID), Session)
    assert_type(af.sessions.previews_list(SID), list[Preview])
    assert_type(af.sessions.previews_start(SID, cmd="bun dev", port=3000), PreviewActionResult)
    assert_type(af.sessions.previews_logs(SID, name="web"), dict[str, object])
    assert_type(
        af.sessions.previews_batch_start(SID, [PreviewSpec(cmd="x"), {"cmd": "y"}]), PreviewBatchResult
    )
    assert_type(af.attention.list(limit=20), list[AttentionItem])
    stream = af.sessions.events(SID, last_event_id="7")
    assert_type(stream, EventStream)
    for event in stream:
        assert_type(event, SSEEvent)
        assert_type(event.data, str)
        assert_type(event.id, str | None)
    for event in stream:
        assert_type(event.payload(), ChatPayload)
    turn = af.sessions.turn(SID, "hi", timeout=30.0, since=4)
    assert_type(turn, Turn)
    assert_type(af.sessions.turn(uuid.UUID(SID), {"text": "hi"}), Turn)
    for payload in turn:
        assert_type(payload, ChatPayload)
        if isinstance(payload, PermissionRequestPayload):
            assert_type(payload.summary, str)
        assert_type(turn.pending, ChatPayload | None)
        assert_type(turn.respond(approve=True, answer=None), dict[str, object])
    assert_type(turn.text_stream(), Iterator[str])
    assert_type(turn.wait(on_request=lambda request: True), TurnResult)
    assert_type(turn.last_seq, int)
    assert_type(turn.result, TurnResult | None)
    assert_type(af.sessions.iter_transcript(SID, since=0, page_size=100), Iterator[ChatEvent])
    for row in af.sessions.iter_transcript(SID):
        assert_type(row.typed_payload(), ChatPayload)
    af.sessions.turn(SID, 42)  # type: ignore[arg-type]
    assert_type(af.with_options(timeout=5.0, max_retries=0), AnyFrame)
    with AnyFrame(api_key="afm_x") as client:
        assert_type(client, AnyFrame)
    af.agents.get("7")  # type: ignore[arg-type]
    af.sessions.get(7)  # type: ignore[arg-type]
    af.sessions.create(agent_id=7, idle_timeout_s="300")  # type: ignore[arg-type]
    af.tokens.create("ci")  # type: ignore[call-arg]
    del revoke, set_claude


async def check_async_client(af: AsyncAnyFrame) -> None:
    assert_type(await af.me(), User)
    assert_type(await af.tokens.create(name="ci"), TokenCreated)
    assert_type(await af.credentials.get(), Credentials)
    assert_type(await af.connectors.install_catalog_bearer("sentry", token="t"), Connector)
    assert_type(await af.agents.list(), list[Agent])
    assert_type(await af.agents.get(7), AgentDetail)
    assert_type(await af.agents.wait_for_build(7), BuildStatus)
    assert_type(af.agents.stream_build(7, 128), AsyncEventStream)
    assert_type(await af.agents.skills.update(7, 11, enabled=False), AgentSkill)
    assert_type(await af.agents.mcps.list(7), list[AgentMcp])
    assert_type(await af.agents.connectors.list(7), list[AgentConnectorToggle])
    assert_type(await af.sessions.get(SID), Session)
    assert_type(await af.sessions.get(uuid.UUID(SID)), Session)
    assert_type(await af.sessions.message(SID, {"prompt": "hi"}), dict[str, object])
    assert_type(await af.sessions.transcript(SID), list[ChatEvent])
    assert_type(await af.sessions.previews_stop(SID, name="web"), PreviewActionResult)
    assert_type(await af.attention.list(), list[AttentionItem])
    stream = af.sessions.events(SID)
    assert_type(stream, AsyncEventStream)
    async for event in stream:
        assert_type(event, SSEEvent)
    turn = await af.sessions.turn(SID, "hi")
    assert_type(turn, AsyncTurn)
    async for payload in turn:
        assert_type(payload, ChatPayload)
    assert_type(await turn.respond(approve=False), dict[str, object])
    assert_type(await turn.wait(), TurnResult)
    assert_type(turn.text_stream(), AsyncIterator[str])
    assert_type(af.sessions.iter_transcript(SID), AsyncIterator[ChatEvent])
    assert_type(af.with_options(max_retries=1), AsyncAnyFrame)
    async with AsyncAnyFrame(api_key="afm_x") as client:
        assert_type(client, AsyncAnyFrame)
    await af.agents.get("7")  # type: ignore[arg-type]
    await af.sessions.get(7)  # type: ignore[arg-type]


def check_errors(api: APIError, limited: RateLimitError, invalid: ValidationError) -> None:
    assert_type(api.status_code, int)
    assert_type(api.message, str)
    assert_type(api.request_id, str | None)
    assert_type(api.body, object)
    assert_type(limited.retry_after, float | None)
    assert_type(invalid.errors, list[dict[str, object]])
    assert_type(invalid.details, list[dict[str, object]])


def check_waiter_errors(failed: BuildFailedError, ended: SessionEndedError, late: TurnTimeoutError) -> None:
    assert_type(failed.build_status, BuildStatus)
    assert_type(ended.session, Session)
    assert_type(late.last_seq, int)


def check_escape_hatches_sync(af: AnyFrame) -> None:
    assert_type(af.sessions.get(SID, extra_headers={"X-A": "1"}, extra_query={"q": 1}, timeout=2.0), Session)
    assert_type(af.agents.create(name="demo", extra_body={"template_id": 3}), Agent)
    assert_type(af.sessions.events(SID, timeout=httpx.Timeout(5.0)), EventStream)
    assert_type(af.agents.wait_for_build(7, timeout=60.0, extra_headers={"X-A": "1"}), BuildStatus)
    options: RequestOptions = {"extra_headers": {"X-A": "1"}, "timeout": 1.0}
    assert_type(af.tokens.list(**options), list[Token])
    waits: WaitOptions = {"extra_query": {"q": "1"}}
    assert_type(af.sessions.wait_until_running(SID, **waits), Session)
    raw = af.with_raw_response.sessions.get(SID, extra_headers={"X-A": "1"})
    assert_type(raw, RawResponse[Session])
    assert_type(raw.parse(), Session)
    assert_type(raw.request_id, str | None)
    assert_type(raw.status_code, int)
    assert_type(raw.elapsed, float)
    assert_type(raw.json(), object)
    assert_type(af.with_raw_response.agents.list(), RawResponse[list[Agent]])
    assert_type(
        af.with_raw_response.agents.skills.create(7, name="s", source="inline", content={}),
        RawResponse[AgentSkill],
    )
    assert_type(af.with_raw_response.agents.delete(7), RawResponse[None])
    assert_type(af.with_raw_response.me(), RawResponse[User])
    assert_type(af.with_raw_response.request("GET", "/api/me"), RawResponse[object])
    assert_type(af.request("GET", "/api/credits", params={"a": 1}, json={"b": 2}, headers={"X": "1"}), object)
    af.sessions.get(SID, extra_header={"X-A": "1"})  # type: ignore[call-arg]
    af.sessions.get(SID, timeout="5")  # type: ignore[arg-type]
    af.sessions.get(SID, extra_headers={"X-A": 1})  # type: ignore[dict-item]
    af.agents.wait_for_build(7, extra_body={"x": 1})  # type: ignore[call-arg]
    af.with_raw_response.sessions.events(SID)  # type: ignore[attr-defined]
    af.with_raw_response.agents.wait_for_build(7)  # type: ignore[attr-defined]


async def check_escape_hatches_async(af: AsyncAnyFrame) -> None:
    assert_type(await af.sessions.get(SID, extra_headers={"X-A": "1"}), Session)
    assert_type(await af.with_raw_response.sessions.get(SID), RawResponse[Session])
    assert_type(await af.with_raw_response.attention.list(), RawResponse[list[AttentionItem]])
    assert_type(await af.request("DELETE", "/api/orgs/acme"), object)
    assert_type(af.agents.stream_build(7, 128, extra_headers={"X-A": "1"}), AsyncEventStream)
    await af.me(timeout=object())  # type: ignore[arg-type]


def check_hooks() -> None:
    def on_request(info: RequestInfo) -> None:
        assert_type(info.attempt, int)
        assert_type(info.stream, bool)

    def on_response(info: ResponseInfo) -> None:
        assert_type(info.status_code, int | None)
        assert_type(info.request_id, str | None)
        assert_type(info.elapsed, float)

    AnyFrame(api_key="afm_x", on_request=on_request, on_response=on_response, default_headers={"X": "1"})
    AsyncAnyFrame(api_key="afm_x", on_request=on_response)  # type: ignore[arg-type]
