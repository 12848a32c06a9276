"""A chat widget backend: one AnyFrame client, one sandbox per visitor, replies streamed as SSE.

The browser talks only to this app; the `afm_` API key stays here. Each visitor gets a session of
their own (its id kept in a signed cookie, so the app holds no state and survives restarts), sends
turns with `POST /api/messages`, and follows the conversation with one `EventSource` on
`GET /api/events`. When that connection drops, the browser reconnects by itself and sends the id of
the last event it got as `Last-Event-ID`; the app passes it on to `af.sessions.events`, so the
stream resumes exactly where it stopped: nothing lost, nothing shown twice.

Run it (see README.md):

    ANYFRAME_API_KEY=afm_... WEB_CHAT_AGENT_ID=42 WEB_CHAT_SECRET=... uvicorn app:app
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

import anyframe

logger = logging.getLogger("web_chat")


def _setting(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if not value:
        raise RuntimeError(f"set {name} (see examples/web_chat/README.md)")
    return value


def _number(name: str, default: str | None = None) -> int:
    value = _setting(name, default)
    if not value.isdigit():
        raise RuntimeError(f"{name} must be a whole number, got {value!r}")
    return int(value)


AGENT_ID = _number("WEB_CHAT_AGENT_ID")  # an agent whose image is built: visitors' sessions boot from it
IDLE_TIMEOUT_S = _number("WEB_CHAT_IDLE_TIMEOUT_S", "600")  # a quiet sandbox snapshots itself and stops
MAX_MESSAGE_CHARS = 4000
RECONNECT_MS = 1000  # how soon a browser reconnects after its stream drops
HEARTBEAT_S = 15.0  # a comment line this often keeps proxies from closing a quiet stream
LAST_EVENT_ID = re.compile(r"[\x21-\x7e]{1,128}")  # the ids we sent are seqs; refuse anything odd

# --8<-- [start:client]
# One client for the whole app: it holds the connection pool that every visitor shares. It reads
# ANYFRAME_API_KEY (and ANYFRAME_BASE_URL) from the environment and fails at start-up without a key.
af = anyframe.AsyncAnyFrame()
# --8<-- [end:client]


# -- sessions: one per visitor -------------------------------------------------------------------


# --8<-- [start:session]
async def running_session(session_id: str | None) -> str:
    """The visitor's sandbox, woken up if it went to sleep, or a new one when there is none."""
    if session_id is not None:
        try:
            session = await af.sessions.get(session_id)
            if session.status == "terminated":  # it idled out and snapshotted itself: resume it
                session = await af.sessions.resume(session_id)
            if session.status in ("booting", "running"):
                return (await af.sessions.wait_until_running(session_id, poll_interval=0.5)).id
        except (anyframe.NotFoundError, anyframe.ConflictError, anyframe.SessionEndedError):
            pass  # gone, or beyond resuming: start afresh
        # (A session caught mid-snapshot, for the second it takes, is replaced as well.)
    session = await af.sessions.create(agent_id=AGENT_ID, idle_timeout_s=IDLE_TIMEOUT_S)
    return (await af.sessions.wait_until_running(session.id, poll_interval=0.5)).id


# --8<-- [end:session]


class Refused(Exception):
    """A request the app turns down; answered as `{"error": message}` with `status`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def visitor_session(request: Request) -> str:
    """The session id in the visitor's (signed) cookie."""
    session_id = request.session.get("session_id")
    if not isinstance(session_id, str):
        raise Refused(401, "start a conversation first: POST /api/session")
    return session_id


async def post_session(request: Request) -> Response:
    """`POST /api/session`: make sure the visitor has a running sandbox (boots one on the first visit)."""
    known = request.session.get("session_id")
    try:
        request.session["session_id"] = await running_session(known if isinstance(known, str) else None)
    except TimeoutError:
        raise Refused(504, "the sandbox is taking too long to start: try again in a moment") from None
    return JSONResponse({"ok": True})


# -- what the visitor sends ---------------------------------------------------------------------


async def read_json_object(request: Request, limit: int = 16_384) -> dict[str, object]:
    """The request's JSON object body, read up to `limit` bytes."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise Refused(415, "send JSON (Content-Type: application/json)")  # also keeps cross-site forms out
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise Refused(413, f"a message is at most {MAX_MESSAGE_CHARS} characters")
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        value = None
    if not isinstance(value, dict):
        raise Refused(400, "send a JSON object")
    return value


async def post_message(request: Request) -> Response:
    """`POST /api/messages` with `{"text": "..."}`: forward one visitor turn to their agent."""
    session_id = visitor_session(request)
    text = (await read_json_object(request)).get("text")
    if not isinstance(text, str) or not text.strip():
        raise Refused(400, 'send {"text": "..."} with a non-empty text')
    if len(text) > MAX_MESSAGE_CHARS:
        raise Refused(413, f"a message is at most {MAX_MESSAGE_CHARS} characters")
    try:
        await af.sessions.message(session_id, {"prompt": text})
    except anyframe.ConflictError:  # the sandbox went to sleep: the page wakes it and sends again
        raise Refused(409, "the sandbox is asleep: POST /api/session to wake it up") from None
    except anyframe.NotFoundError:
        raise Refused(404, "this conversation has ended: reload the page to start a new one") from None
    return JSONResponse({"ok": True}, status_code=202)


async def post_answer(request: Request) -> Response:
    """`POST /api/answers` with `{"request_id": "...", "decision": "approve" | "deny"}`.

    Answers the agent's permission request: the sandbox is the visitor's own, so they decide.
    """
    session_id = visitor_session(request)
    body = await read_json_object(request)
    request_id, decision = body.get("request_id"), body.get("decision")
    if not isinstance(request_id, str) or not request_id or decision not in ("approve", "deny"):
        raise Refused(400, 'send {"request_id": "...", "decision": "approve" or "deny"}')
    try:
        await af.sessions.respond(session_id, {"request_id": request_id, "decision": decision})
    except anyframe.ConflictError:
        raise Refused(409, "that request was already answered") from None
    except anyframe.NotFoundError:
        raise Refused(404, "this conversation has ended: reload the page to start a new one") from None
    return JSONResponse({"ok": True}, status_code=202)


# -- the agent's events, as Server-Sent Events -----------------------------------------------------


def sse_frame(event: anyframe.SSEEvent) -> str:
    """One event for the browser: its id (the seq the browser resumes after) and its JSON data."""
    lines = [] if event.id is None else [f"id: {event.id}"]
    lines += [f"data: {line}" for line in event.data.split("\n")]
    return "\n".join(lines) + "\n\n"


async def with_heartbeat(
    events: anyframe.AsyncEventStream, every: float
) -> AsyncIterator[anyframe.SSEEvent | None]:
    """Yield the stream's events, and `None` after each `every` seconds without one.

    A task reads the stream into a small queue, so waiting for the next event can time out without
    interrupting a read; the stream is closed when the task is cancelled.
    """
    queue: asyncio.Queue[anyframe.SSEEvent | Exception | None] = asyncio.Queue(maxsize=64)

    async def pump() -> None:
        try:
            async with events:
                async for event in events:
                    await queue.put(event)
        except Exception as exc:  # handed over and raised in the response's own task
            await queue.put(exc)
        else:
            await queue.put(None)  # the upstream stream ended

    reader = asyncio.create_task(pump())
    try:
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), every)
            except asyncio.TimeoutError:
                yield None
                continue
            if isinstance(item, Exception):
                raise item
            if item is None:
                return
            yield item
    finally:
        reader.cancel()  # the visitor left (or the stream ended): close the upstream stream too


# --8<-- [start:relay]
async def relay(session_id: str, last_event_id: str | None) -> AsyncIterator[str]:
    """The visitor's conversation as SSE, resuming after `last_event_id` when the browser sent one."""
    yield f"retry: {RECONNECT_MS}\n\n"
    stream = af.sessions.events(session_id, last_event_id=last_event_id)
    try:
        async for event in with_heartbeat(stream, HEARTBEAT_S):
            yield ": ping\n\n" if event is None else sse_frame(event)
    except anyframe.NotFoundError:
        yield "event: gone\ndata: {}\n\n"  # the session was deleted: the page stops reconnecting
    except anyframe.AnyFrameError as exc:
        # Ending the response makes the browser reconnect with its Last-Event-ID: nothing is lost.
        logger.warning("event stream for session %s ended: %s", session_id, exc)


# --8<-- [end:relay]


# --8<-- [start:events]
async def get_events(request: Request) -> Response:
    """`GET /api/events`: the visitor's conversation, history first, then live, as `text/event-stream`."""
    session_id = visitor_session(request)
    last_event_id = request.headers.get("last-event-id")  # set by EventSource when it reconnects
    if last_event_id is not None and not LAST_EVENT_ID.fullmatch(last_event_id):
        raise Refused(400, "Last-Event-ID must be an event id this app sent")
    return StreamingResponse(
        relay(session_id, last_event_id),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},  # no proxy buffering
    )


# --8<-- [end:events]


# -- the application -----------------------------------------------------------------------------


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return error(exc.status, str(exc))


async def upstream_error(request: Request, exc: Exception) -> Response:
    # SDK errors never carry the API key; still, the visitor gets a generic message and the log the detail.
    logger.warning("%s %s failed: %r", request.method, request.url.path, exc)
    return error(502, "the agent is unavailable right now, try again in a moment")


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    yield
    await af.aclose()  # on shutdown: release the connection pool


app = Starlette(
    routes=[
        Route("/api/session", post_session, methods=["POST"]),
        Route("/api/messages", post_message, methods=["POST"]),
        Route("/api/answers", post_answer, methods=["POST"]),
        Route("/api/events", get_events, methods=["GET"]),
        Mount("/", StaticFiles(directory=Path(__file__).parent / "static", html=True)),
    ],
    middleware=[
        Middleware(
            SessionMiddleware,
            secret_key=_setting("WEB_CHAT_SECRET"),  # signs the cookie: visitors cannot forge a session id
            session_cookie="web_chat",
            same_site="strict",
            https_only=_setting("WEB_CHAT_SECURE_COOKIE", "1") != "0",
        )
    ],
    exception_handlers={Refused: refused, anyframe.AnyFrameError: upstream_error},
    lifespan=lifespan,
)
