"""Public calls as data: how to make each, where it must go, and a valid answer.

`PATH_CALLS` holds every call that takes a string path parameter (a session id or a catalog slug);
`test_paths` and `test_properties` walk it. `CALLS` holds every public call of the client, with a
way to pass it per-call options and to make it through `af.with_raw_response`; `test_escape_hatches`
walks it.

A guard test (`test_paths.test_the_table_covers_every_string_path_parameter`) checks that the table
names every resource method with a `session_id` or `slug` parameter, so a new one is not forgotten.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from anyframe import AsyncAnyFrame

from .wire import (
    AGENT,
    AGENT_DETAIL,
    ATTENTION,
    AUTHORIZE,
    BUILD,
    BUILD_QUEUED,
    CATALOG_ITEM,
    CHAT_EVENTS,
    CONNECTOR,
    CREDENTIALS,
    DISCOVERY,
    LOG_URL,
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
    USER,
    build_status,
    session,
)

__all__ = ["CALLS", "PATH_CALLS", "Call", "PathCall"]


@dataclass(frozen=True)
class PathCall:
    """One call with a string path parameter.

    Attributes:
        name: `resource.method`, as the user writes it.
        method: The HTTP method it must send.
        template: The path it must reach, `{}` standing for the parameter.
        invoke: Makes the call with the given parameter value.
        status: The status of a valid answer.
        answer: A valid answer body (JSON), or `None` for an empty one.
        content_type: The answer's content type.
    """

    name: str
    method: str
    template: str
    invoke: Callable[[AsyncAnyFrame, object], Awaitable[object]]
    status: int = 200
    answer: object = None
    content_type: str = "application/json"

    def response(self) -> httpx.Response:
        """A fresh valid answer (a stream's body can be read once)."""
        if self.content_type == "text/event-stream":
            return httpx.Response(
                self.status, text=str(self.answer), headers={"content-type": self.content_type}
            )
        if self.answer is None:
            return httpx.Response(self.status)
        return httpx.Response(self.status, json=self.answer)


async def _events(af: AsyncAnyFrame, value: object) -> object:
    async with af.sessions.events(value, reconnect=False) as events:  # type: ignore[arg-type]
        async for event in events:
            return event
    return None


async def _transcript_rows(af: AsyncAnyFrame, value: object) -> object:
    rows = af.sessions.iter_transcript(value)  # type: ignore[arg-type]
    async for row in rows:
        return row
    return None


# Each lambda passes the hostile value where the user would; the type: ignore is the point.
PATH_CALLS: list[PathCall] = [
    PathCall("sessions.get", "GET", "/api/sessions/{}", lambda af, v: af.sessions.get(v), answer=session()),  # type: ignore[arg-type]
    PathCall("sessions.delete", "DELETE", "/api/sessions/{}", lambda af, v: af.sessions.delete(v), status=204),  # type: ignore[arg-type]
    PathCall(
        "sessions.terminate", "POST", "/api/sessions/{}/terminate",
        lambda af, v: af.sessions.terminate(v), status=202, answer=session("snapshotting"),  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.resume", "POST", "/api/sessions/{}/resume",
        lambda af, v: af.sessions.resume(v), status=202, answer=session("booting"),  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.snapshots", "GET", "/api/sessions/{}/snapshots",
        lambda af, v: af.sessions.snapshots(v), answer=[SNAPSHOT],  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.save_as_base", "POST", "/api/sessions/{}/save-as-base",
        lambda af, v: af.sessions.save_as_base(v), answer=SAVE_AS_BASE,  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.message", "POST", "/api/sessions/{}/message",
        lambda af, v: af.sessions.message(v, {"prompt": "hi"}), answer={"ok": True, "seq": 1},  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.respond", "POST", "/api/sessions/{}/respond",
        lambda af, v: af.sessions.respond(v, {"decision": "approve"}), answer={"ok": True},  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.transcript", "GET", "/api/sessions/{}/transcript",
        lambda af, v: af.sessions.transcript(v), answer=[],  # type: ignore[arg-type]
    ),
    PathCall("sessions.iter_transcript", "GET", "/api/sessions/{}/transcript", _transcript_rows, answer=[]),
    PathCall(
        # With `since` given, a turn sends its message and nothing else until it is iterated.
        "sessions.turn", "POST", "/api/sessions/{}/message",
        lambda af, v: af.sessions.turn(v, "hi", since=0), answer={"ok": True, "seq": 1},  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.events", "GET", "/api/sessions/{}/events", _events,
        answer="id: 1\ndata: {}\n\n", content_type="text/event-stream",
    ),
    PathCall(
        "sessions.wait_until_running", "GET", "/api/sessions/{}",
        lambda af, v: af.sessions.wait_until_running(v), answer=session("running"),  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.previews_list", "POST", "/api/sessions/{}/previews",
        lambda af, v: af.sessions.previews_list(v), answer=[PREVIEW],  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.previews_start", "POST", "/api/sessions/{}/previews",
        lambda af, v: af.sessions.previews_start(v, cmd="bun dev"), answer=PREVIEW_RESULT,  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.previews_stop", "POST", "/api/sessions/{}/previews",
        lambda af, v: af.sessions.previews_stop(v, port=3000), answer=PREVIEW_RESULT,  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.previews_status", "POST", "/api/sessions/{}/previews",
        lambda af, v: af.sessions.previews_status(v, port=3000), answer=PREVIEW_RESULT,  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.previews_logs", "POST", "/api/sessions/{}/previews",
        lambda af, v: af.sessions.previews_logs(v, port=3000), answer={"lines": []},  # type: ignore[arg-type]
    ),
    PathCall(
        "sessions.previews_batch_start", "POST", "/api/sessions/{}/previews",
        lambda af, v: af.sessions.previews_batch_start(v, [{"cmd": "bun dev"}]), answer=PREVIEW_BATCH,  # type: ignore[arg-type]
    ),
    PathCall(
        "connectors.install_catalog_oauth", "POST", "/api/connectors/catalog/{}/oauth",
        lambda af, v: af.connectors.install_catalog_oauth(v),  # type: ignore[arg-type]
        answer={"connector_id": 5, "authorize_url": "https://x/authorize", "state": "st"},
    ),
    PathCall(
        "connectors.install_catalog_bearer", "POST", "/api/connectors/catalog/{}/bearer",
        lambda af, v: af.connectors.install_catalog_bearer(v, token="sntrys_secret_token"),  # type: ignore[arg-type]
        answer=CONNECTOR,
    ),
]  # fmt: skip


@dataclass(frozen=True)
class Call:
    """One public call of the client, as data: how to make it with given per-call options, what it
    sends, and a valid answer.

    `invoke` takes the root to call it on, `af` or `af.with_raw_response` (the same attribute path
    reaches a call and its raw twin), and the options to pass.

    Attributes:
        name: The attribute path from the client, as the user writes it (`agents.skills.create`).
        method: The HTTP method it sends.
        path: The path it sends.
        invoke: Makes the call on a root with the given options.
        status: The status of a valid answer.
        answer: A valid answer body (JSON), `None` for an empty one, or SSE text for a stream.
        body: Whether the call sends a JSON body.
        params: The query parameters it sends on its own.
        stream: Whether it is an event stream (iterated to its end by `invoke`).
        waits: Whether its `timeout` is its own deadline (the waiters, a turn), so that it takes
            `WaitOptions` instead of `RequestOptions`.
        several: Whether it makes several requests (the waiters, the paging and turn helpers), so
            that it has no raw twin; `invoke` makes them all, `method` and `path` name the last.
    """

    name: str
    method: str
    path: str
    invoke: Callable[[Any, dict[str, Any]], Awaitable[object]]
    status: int = 200
    answer: object = None
    body: bool = False
    params: dict[str, str] = field(default_factory=dict)
    stream: bool = False
    waits: bool = False
    several: bool = False

    def response(self) -> httpx.Response:
        """A fresh valid answer."""
        if self.stream:
            return httpx.Response(
                self.status, text=str(self.answer), headers={"content-type": "text/event-stream"}
            )
        if self.answer is None:
            return httpx.Response(self.status, headers={"x-request-id": "req_hatch"})
        return httpx.Response(self.status, json=self.answer, headers={"x-request-id": "req_hatch"})


async def _collect(rows: Any) -> object:
    return [row async for row in rows]


async def _drain(stream: Any) -> object:
    events = []
    async with stream:
        async for event in stream:
            events.append(event)
    return events


SSE_ONE = "id: 1\ndata: {}\n\n"
SSE_BUILD = 'event: state\ndata: {"state": "succeeded"}\n\n'
CHAT_BODY = {"prompt": "hi"}

# Every public call of both clients (a guard test in test_escape_hatches checks the list is complete).
CALLS: list[Call] = [
    Call("me", "GET", "/api/me", lambda r, o: r.me(**o), answer=USER),
    Call("request", "GET", "/api/me", lambda r, o: r.request("GET", "/api/me", **o), answer=USER),
    Call("tokens.list", "GET", "/api/tokens", lambda r, o: r.tokens.list(**o), answer=[TOKEN]),
    Call("tokens.create", "POST", "/api/tokens", lambda r, o: r.tokens.create(name="ci", **o), 201, TOKEN_CREATED, True),
    Call("tokens.revoke", "DELETE", "/api/tokens/3", lambda r, o: r.tokens.revoke(3, **o), 204),
    Call("credentials.get", "GET", "/api/credentials", lambda r, o: r.credentials.get(**o), answer=CREDENTIALS),
    Call("credentials.set_claude", "PUT", "/api/credentials/claude", lambda r, o: r.credentials.set_claude("sk-claude-1", **o), 204, body=True),
    Call("credentials.set_codex", "PUT", "/api/credentials/codex", lambda r, o: r.credentials.set_codex("sk-codex-1", **o), 204, body=True),
    Call("credentials.set_github", "PUT", "/api/credentials/github", lambda r, o: r.credentials.set_github("ghp_token_1", **o), 204, body=True),
    Call("credentials.clear_claude", "DELETE", "/api/credentials/claude", lambda r, o: r.credentials.clear_claude(**o), 204),
    Call("credentials.clear_codex", "DELETE", "/api/credentials/codex", lambda r, o: r.credentials.clear_codex(**o), 204),
    Call("credentials.clear_github", "DELETE", "/api/credentials/github", lambda r, o: r.credentials.clear_github(**o), 204),
    Call("connectors.list", "GET", "/api/connectors", lambda r, o: r.connectors.list(**o), answer=[CONNECTOR]),
    Call("connectors.list_catalog", "GET", "/api/connectors/catalog", lambda r, o: r.connectors.list_catalog(**o), answer=[CATALOG_ITEM]),
    Call("connectors.discover", "POST", "/api/connectors/discover", lambda r, o: r.connectors.discover("https://m.test/mcp", **o), answer=DISCOVERY, body=True),
    Call("connectors.create_oauth", "POST", "/api/connectors/oauth", lambda r, o: r.connectors.create_oauth(mcp_url="https://m.test", display_name="M", **o), answer=AUTHORIZE, body=True),
    Call("connectors.create_bearer", "POST", "/api/connectors/bearer", lambda r, o: r.connectors.create_bearer(mcp_url="https://m.test", display_name="M", token="bearer-1", **o), answer=CONNECTOR, body=True),
    Call("connectors.install_catalog_oauth", "POST", "/api/connectors/catalog/linear/oauth", lambda r, o: r.connectors.install_catalog_oauth("linear", **o), answer=AUTHORIZE),
    Call("connectors.install_catalog_bearer", "POST", "/api/connectors/catalog/sentry/bearer", lambda r, o: r.connectors.install_catalog_bearer("sentry", token="sntrys_1", **o), answer=CONNECTOR, body=True),
    Call("connectors.reauthorize", "POST", "/api/connectors/5/reauthorize", lambda r, o: r.connectors.reauthorize(5, **o), answer=AUTHORIZE),
    Call("connectors.delete", "DELETE", "/api/connectors/5", lambda r, o: r.connectors.delete(5, **o), 204),
    Call("agents.list", "GET", "/api/agents", lambda r, o: r.agents.list(**o), answer=[AGENT]),
    Call("agents.create", "POST", "/api/agents", lambda r, o: r.agents.create(name="demo", **o), 201, AGENT, True),
    Call("agents.get", "GET", "/api/agents/7", lambda r, o: r.agents.get(7, **o), answer=AGENT_DETAIL),
    Call("agents.update", "PATCH", "/api/agents/7", lambda r, o: r.agents.update(7, name="renamed", **o), answer=AGENT_DETAIL, body=True),
    Call("agents.delete", "DELETE", "/api/agents/7", lambda r, o: r.agents.delete(7, **o), 204),
    Call("agents.build", "POST", "/api/agents/7/build", lambda r, o: r.agents.build(7, **o), 202, BUILD_QUEUED, True),
    Call("agents.build_status", "GET", "/api/agents/7/build/status", lambda r, o: r.agents.build_status(7, **o), answer=build_status("succeeded")),
    Call("agents.builds", "GET", "/api/agents/7/builds", lambda r, o: r.agents.builds(7, **o), answer=[BUILD], params={"limit": "20"}),
    Call("agents.build_log_url", "GET", "/api/agents/7/builds/128/log_url", lambda r, o: r.agents.build_log_url(7, 128, **o), answer=LOG_URL),
    Call("agents.stream_build", "GET", "/api/agents/7/builds/128/stream", lambda r, o: _drain(r.agents.stream_build(7, 128, **o)), answer=SSE_BUILD, stream=True),
    Call("agents.wait_for_build", "GET", "/api/agents/7/build/status", lambda r, o: r.agents.wait_for_build(7, **o), answer=build_status("succeeded"), waits=True, several=True),
    Call("agents.skills.list", "GET", "/api/agents/7/skills", lambda r, o: r.agents.skills.list(7, **o), answer=[SKILL]),
    Call("agents.skills.create", "POST", "/api/agents/7/skills", lambda r, o: r.agents.skills.create(7, name="s", source="inline", content={}, **o), 201, SKILL, True),
    Call("agents.skills.update", "PATCH", "/api/agents/7/skills/11", lambda r, o: r.agents.skills.update(7, 11, enabled=False, **o), answer=SKILL, body=True),
    Call("agents.skills.delete", "DELETE", "/api/agents/7/skills/11", lambda r, o: r.agents.skills.delete(7, 11, **o), 204),
    Call("agents.mcps.list", "GET", "/api/agents/7/mcps", lambda r, o: r.agents.mcps.list(7, **o), answer=[MCP]),
    Call("agents.mcps.create", "POST", "/api/agents/7/mcps", lambda r, o: r.agents.mcps.create(7, name="fs", transport="stdio", config={}, **o), 201, MCP, True),
    Call("agents.mcps.update", "PATCH", "/api/agents/7/mcps/12", lambda r, o: r.agents.mcps.update(7, 12, enabled=False, **o), answer=MCP, body=True),
    Call("agents.mcps.delete", "DELETE", "/api/agents/7/mcps/12", lambda r, o: r.agents.mcps.delete(7, 12, **o), 204),
    Call("agents.connectors.list", "GET", "/api/agents/7/connectors", lambda r, o: r.agents.connectors.list(7, **o), answer=[TOGGLE]),
    Call("agents.connectors.set", "PUT", "/api/agents/7/connectors/5", lambda r, o: r.agents.connectors.set(7, 5, enabled=True, **o), answer=TOGGLE, body=True),
    Call("sessions.list", "GET", "/api/sessions", lambda r, o: r.sessions.list(**o), answer=[session()]),
    Call("sessions.create", "POST", "/api/sessions", lambda r, o: r.sessions.create(agent_id=7, **o), 202, session("booting"), True),
    Call("sessions.get", "GET", f"/api/sessions/{SID}", lambda r, o: r.sessions.get(SID, **o), answer=session()),
    Call("sessions.delete", "DELETE", f"/api/sessions/{SID}", lambda r, o: r.sessions.delete(SID, **o), 204),
    Call("sessions.terminate", "POST", f"/api/sessions/{SID}/terminate", lambda r, o: r.sessions.terminate(SID, **o), 202, session("snapshotting")),
    Call("sessions.resume", "POST", f"/api/sessions/{SID}/resume", lambda r, o: r.sessions.resume(SID, **o), 202, session("booting"), True),
    Call("sessions.snapshots", "GET", f"/api/sessions/{SID}/snapshots", lambda r, o: r.sessions.snapshots(SID, **o), answer=[SNAPSHOT]),
    Call("sessions.save_as_base", "POST", f"/api/sessions/{SID}/save-as-base", lambda r, o: r.sessions.save_as_base(SID, **o), answer=SAVE_AS_BASE),
    Call("sessions.message", "POST", f"/api/sessions/{SID}/message", lambda r, o: r.sessions.message(SID, CHAT_BODY, **o), answer={"ok": True, "seq": 1}, body=True),
    Call("sessions.respond", "POST", f"/api/sessions/{SID}/respond", lambda r, o: r.sessions.respond(SID, {"decision": "approve"}, **o), answer={"ok": True}, body=True),
    Call("sessions.transcript", "GET", f"/api/sessions/{SID}/transcript", lambda r, o: r.sessions.transcript(SID, **o), answer=CHAT_EVENTS, params={"since": "0", "limit": "1000"}),
    Call("sessions.iter_transcript", "GET", f"/api/sessions/{SID}/transcript", lambda r, o: _collect(r.sessions.iter_transcript(SID, **o)), answer=CHAT_EVENTS, params={"since": "0", "limit": "1000"}, several=True),
    # With `since` given and the turn not iterated, its one request is the message (test_turns follows a whole turn).
    Call("sessions.turn", "POST", f"/api/sessions/{SID}/message", lambda r, o: r.sessions.turn(SID, "hi", since=0, **o), answer={"ok": True, "seq": 1}, body=True, waits=True, several=True),
    Call("sessions.events", "GET", f"/api/sessions/{SID}/events", lambda r, o: _drain(r.sessions.events(SID, reconnect=False, **o)), answer=SSE_ONE, stream=True),
    Call("sessions.wait_until_running", "GET", f"/api/sessions/{SID}", lambda r, o: r.sessions.wait_until_running(SID, **o), answer=session("running"), waits=True, several=True),
    Call("sessions.previews_list", "POST", f"/api/sessions/{SID}/previews", lambda r, o: r.sessions.previews_list(SID, **o), answer=[PREVIEW], body=True),
    Call("sessions.previews_start", "POST", f"/api/sessions/{SID}/previews", lambda r, o: r.sessions.previews_start(SID, cmd="bun dev", **o), answer=PREVIEW_RESULT, body=True),
    Call("sessions.previews_stop", "POST", f"/api/sessions/{SID}/previews", lambda r, o: r.sessions.previews_stop(SID, name="web", **o), answer=PREVIEW_RESULT, body=True),
    Call("sessions.previews_status", "POST", f"/api/sessions/{SID}/previews", lambda r, o: r.sessions.previews_status(SID, name="web", **o), answer=PREVIEW_RESULT, body=True),
    Call("sessions.previews_logs", "POST", f"/api/sessions/{SID}/previews", lambda r, o: r.sessions.previews_logs(SID, name="web", **o), answer={"lines": []}, body=True),
    Call("sessions.previews_batch_start", "POST", f"/api/sessions/{SID}/previews", lambda r, o: r.sessions.previews_batch_start(SID, [{"cmd": "x"}], **o), answer=PREVIEW_BATCH, body=True),
    Call("attention.list", "GET", "/api/attention", lambda r, o: r.attention.list(**o), answer=ATTENTION, params={"limit": "20"}),
]  # fmt: skip
"""Every call; those that are not event streams or waiters also have a `with_raw_response` twin."""
