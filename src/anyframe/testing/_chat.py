"""The chat bridge: messages, scripted agent turns, permission prompts, transcript and live events.

`POST .../message` takes an opaque JSON object and reads the text from `prompt`, `text` or `content`
(a string, or a list of `{"type": "text", "text": ...}` blocks). It appends a `user_message` event and
queues a scripted turn, played one event at a time over `Timings.turn_seconds`:

1. `assistant` text (`{"type": "assistant", "message": {"content": [{"type": "text", ...}]}}`);
2. `assistant` tool call (`tool_use`, `Bash` with `{"command": "ls"}`) and its `tool_result`;
3. a final assistant text (`All done.`) and a `result` event (`subtype: "success"`) that ends the turn.

Words in the message ask for more (case-insensitive; each may be combined with the others), so that
every payload type of the chat can be seen:

- "permission" (anywhere, even inside a word): before the final text, another tool call, then a
  `permission_request` (`request_id`, `tool_name`, `input`, `tool_use_id`); the turn waits until
  `POST .../respond` (`decision: "approve" | "deny"`, or `approve: true | false`; default approve), which
  records a `permission_response` and the tool's result;
- "question" / "questions": after the first text, an `ask_user_question` (`request_id` `q-N`,
  `question`, `options`) that waits for `POST .../respond` with `{"request_id": ..., "answer": ...}`
  (without an answer, an approval picks the first option); it records a `permission_response` holding
  the `answer`, then an assistant text quoting it;
- "think" / "thinking": first, an assistant message with a `thinking` block;
- "stream" / "streaming" / "delta" / "deltas": each assistant text arrives as `delta: true` fragments
  (a few words each), then as the complete message;
- "error" / "errors" / "_error": before the final text, an `_error` event, and the `result` is an error
  (`subtype: "error_during_execution"`, `is_error: true`);
- "unknown": after the tool result, an event of a type the SDK does not know (`"type": "system"`).

Every event gets the next `seq` of its session and a `created_at`. The events stream sends each as
`id: <seq>`, `event: <payload type>`, `data: <payload JSON>`; it replays the whole history (or what
follows `Last-Event-ID`), then tails live, sends `: keepalive` after `keepalive_interval` seconds of
silence, and does not end at `result`. It ends when the session stops (snapshotting for an idle
timeout or a terminate, terminated, in error: once its events are sent, a stream of a stopped session
ends, as the sandbox that served the chat is gone; a session resumed later streams again), when it is
deleted, when the token it was opened with is revoked (the client's reconnect then gets a 401) or
when the plane stops.
"""

from __future__ import annotations

import itertools
import re
import secrets
import time
from collections.abc import Callable, Iterator
from typing import cast

from ._http import ApiError, Frames, Request, Response, StreamResponse, dumps, json_response
from ._routing import SESSION, Handler, Params
from ._rows import JSON, ChatEventRow, SessionRow, TurnState, utcnow
from ._sessions import mark_active
from ._world import World

__all__ = ["ROUTES", "append_event", "events", "message", "respond", "transcript"]

_request_ids = itertools.count(1)
_question_ids = itertools.count(1)
_APPROVE = {"approve", "approved", "allow", "allowed", "accept", "accepted", "yes", "y", "true", "ok"}
_BATCH = 512  # frames per chunk on replay: large enough to be fast, small enough to bound memory
_STREAMING = frozenset({"booting", "running"})  # the statuses in which a session's event streams stay open
_WORD = re.compile(r"[a-z_]+")
# What a message asks for, by the words that ask for it ("permission" is matched anywhere instead).
_ASKS = {
    "question": {"question", "questions"},
    "thinking": {"think", "thinking"},
    "stream": {"stream", "streaming", "delta", "deltas"},
    "error": {"error", "errors", "_error"},
    "unknown": {"unknown"},
}
_FRAGMENT_WORDS = 2  # words per streamed fragment


def append_event(world: World, session: SessionRow, payload: JSON) -> ChatEventRow:
    """Persist one chat event with the next `seq` and wake the streams."""
    seq = len(session.events) + 1
    row = ChatEventRow(seq, payload, utcnow())
    name = str(payload.get("type", "message")).replace("\n", " ")
    row.frame = b"id: %d\nevent: %s\ndata: %s\n\n" % (seq, name.encode(), dumps(payload))
    session.events.append(row)
    mark_active(world, session)
    world.changed()
    return row


def _text_of(body: dict[str, object]) -> str:
    for key in ("prompt", "text", "content"):
        value = body.get(key)
        if isinstance(value, str):
            return value
        if isinstance(value, list):
            parts = [str(b.get("text", "")) for b in value if isinstance(b, dict) and b.get("type") == "text"]
            if parts:
                return "\n".join(parts)
    return ""


def _assistant(*blocks: JSON) -> JSON:
    return {"type": "assistant", "message": {"role": "assistant", "content": list(blocks)}}


def _tool_use(command: str) -> JSON:
    return {
        "type": "tool_use",
        "id": f"toolu_{secrets.token_hex(8)}",
        "name": "Bash",
        "input": {"command": command},
    }


def _asks(text: str) -> set[str]:
    words = set(_WORD.findall(text.lower()))
    asks = {ask for ask, triggers in _ASKS.items() if words & triggers}
    if "permission" in text.lower():
        asks.add("permission")
    return asks


def _say(text: str, *, stream: bool) -> list[JSON]:
    """An assistant text: one message, or its fragments (`delta: true`) and then the whole message."""
    if not stream:
        return [_assistant({"type": "text", "text": text})]
    words = text.split(" ")
    pieces = [" ".join(words[i : i + _FRAGMENT_WORDS]) for i in range(0, len(words), _FRAGMENT_WORDS)]
    fragments = [piece if i == 0 else " " + piece for i, piece in enumerate(pieces)]
    return [{**_assistant({"type": "text", "text": piece}), "delta": True} for piece in fragments] + [
        _assistant({"type": "text", "text": text})
    ]


def _script(session: SessionRow, text: str) -> list[JSON]:
    asks = _asks(text)
    stream = "stream" in asks
    summary = " ".join(text.split())[:80] or "(empty message)"
    listing = _tool_use("ls")
    steps: list[JSON] = []
    if "thinking" in asks:
        steps.append(_assistant({"type": "thinking", "thinking": f"The user asks: {summary}. Look around first.",
                                 "signature": "local-plane"}))  # fmt: skip
    steps += _say(f"Sure, working on it: {summary}", stream=stream)
    if "question" in asks:
        steps.append({"type": "ask_user_question", "request_id": f"q-{next(_question_ids)}",
                      "question": "Which folder should I look at first?", "options": ["src", "tests"]})  # fmt: skip
    steps += [
        _assistant(listing),
        {"type": "tool_result", "tool_use_id": listing["id"], "content": "README.md\npackage.json\nsrc\n",
         "is_error": False},
    ]  # fmt: skip
    if "unknown" in asks:
        steps.append(
            {"type": "system", "subtype": "notice", "message": "a payload type the SDK does not know"}
        )
    if "permission" in asks:
        risky = _tool_use("rm -rf ./build")
        steps.append(_assistant(risky))
        steps.append({
            "type": "permission_request",
            "request_id": f"r-{next(_request_ids)}",
            "tool_name": "Bash",
            "tool_use_id": risky["id"],
            "input": risky["input"],
        })  # fmt: skip
    failed = "error" in asks
    if failed:
        steps.append({"type": "_error", "error": "the agent hit a simulated error"})
    steps += _say("All done.", stream=stream)
    steps.append({"type": "result", "subtype": "error_during_execution" if failed else "success",
                  "is_error": failed, "result": "The turn failed." if failed else "All done.",
                  "num_turns": 1, "session_id": session.id})  # fmt: skip
    return steps


def _start_next_turn(world: World, session: SessionRow) -> None:
    if session.turn is not None or not session.queue:
        return
    session.turn = TurnState(_script(session, session.queue.popleft()))
    _schedule_step(world, session, session.turn, time.monotonic())


def _schedule_step(world: World, session: SessionRow, turn: TurnState, started: float) -> None:
    delay = world.timings.turn / max(1, len(turn.steps))
    epoch = session.epoch

    def step() -> None:
        if (
            world.sessions.get(session.id) is not session
            or session.epoch != epoch
            or session.turn is not turn
        ):
            return
        payload = turn.steps[turn.index]
        turn.index += 1
        if payload["type"] == "result":
            payload = {**payload, "duration_ms": int((time.monotonic() - started) * 1000)}
        row = append_event(world, session, payload)
        if payload["type"] in ("permission_request", "ask_user_question"):
            turn.waiting = row
        elif turn.index >= len(turn.steps):
            session.turn = None
            _start_next_turn(world, session)
        else:
            _schedule_step(world, session, turn, started)

    world.later(delay, step)


def _running(session: SessionRow) -> None:
    if session.status != "running":
        raise ApiError(409, "session is not running")


def message(world: World, request: Request, params: Params) -> Response:
    """`POST /api/sessions/{session_id}/message`: opaque body; answers `{"ok": true, "seq": N}`."""
    body = params.fields()
    session = world.session(params.text("session_id"))
    _running(session)
    payload: JSON = {"type": "user_message", "text": _text_of(body)}
    if isinstance(body.get("attachments"), list):
        payload["attachments"] = len(body["attachments"])  # type: ignore[arg-type]
    row = append_event(world, session, payload)
    session.queue.append(str(payload["text"]))
    _start_next_turn(world, session)
    return json_response(200, {"ok": True, "seq": row.seq})


def _approved(body: dict[str, object]) -> bool:
    for key in ("approve", "approved", "allow", "allowed"):
        if isinstance(body.get(key), bool):
            return body[key] is True
    for key in ("decision", "behavior", "response"):
        value = body.get(key)
        if isinstance(value, str):
            return value.strip().lower() in _APPROVE
    return True


def respond(world: World, request: Request, params: Params) -> Response:
    """`POST /api/sessions/{session_id}/respond`: answer the pending permission request or question."""
    body = params.fields()
    session = world.session(params.text("session_id"))
    _running(session)
    turn = session.turn
    if turn is None or turn.waiting is None:
        raise ApiError(409, "no pending permission request")
    pending = turn.waiting.payload
    if "request_id" in body and body["request_id"] != pending["request_id"]:
        raise ApiError(409, "no pending permission request with this request_id")
    approved = _approved(body)
    answer: JSON = {"type": "permission_response", "request_id": pending["request_id"],
                    "decision": "approve" if approved else "deny"}  # fmt: skip
    follow: JSON
    if pending["type"] == "ask_user_question":
        given, options = body.get("answer"), cast("list[str]", pending["options"])
        choice = given if isinstance(given, str) and given.strip() else options[0] if approved else None
        answer["answer"] = choice
        said = f"Looking at {choice} first." if choice else "No answer: I will look everywhere."
        follow = _assistant({"type": "text", "text": said})
    else:
        follow = {"type": "tool_result", "tool_use_id": pending["tool_use_id"], "is_error": not approved,
                  "content": "removed ./build" if approved else "permission denied by the user"}  # fmt: skip
    append_event(world, session, answer)
    turn.steps.insert(turn.index, follow)
    turn.waiting = None
    _schedule_step(world, session, turn, time.monotonic())
    return json_response(200, {"ok": True})


def transcript(world: World, request: Request, params: Params) -> Response:
    """`GET /api/sessions/{session_id}/transcript?since=&limit=`: `seq > since`, ascending, limit <= 5000."""
    since = max(0, cast(int, params.query["since"]))  # clamped, as the contract says
    limit = max(0, min(cast(int, params.query["limit"]), 5000))
    session = world.session(params.text("session_id"))
    return json_response(200, [e.to_json() for e in session.events[since : since + limit]])


def events(world: World, request: Request, params: Params) -> StreamResponse:
    """`GET /api/sessions/{session_id}/events`: SSE replay (after `Last-Event-ID`) plus live tail."""
    session = world.session(params.text("session_id"))
    try:
        cursor = max(0, int(request.headers.get("last-event-id", "0").strip() or 0))
    except ValueError:  # an id we never sent: replay everything rather than guess
        cursor = 0
    return StreamResponse(_frames(world, session, cursor, request.authorized))


def _frames(
    world: World, session: SessionRow, cursor: int, authorized: Callable[[], bool]
) -> Iterator[Frames]:
    interval = world.timings.keepalive_interval
    while True:
        deadline = time.monotonic() + interval
        with world.cond:
            while True:
                if (
                    world.stopping.is_set()
                    or world.sessions.get(session.id) is not session
                    or not authorized()
                ):
                    return
                fresh = session.events[cursor : cursor + _BATCH]
                if not fresh and session.status not in _STREAMING:
                    return  # the session stopped and everything it said was sent
                remaining = deadline - time.monotonic()
                if fresh or remaining <= 0:
                    break
                world.cond.wait(remaining)
        if fresh:
            cursor += len(fresh)
            yield [row.frame for row in fresh]
        else:
            yield [b": keepalive\n\n"]


#: The operations this module serves, in the contract's order (`_routes.py` gathers them).
ROUTES: list[tuple[str, str, Handler]] = [
    ("POST", f"{SESSION}/message", message),
    ("POST", f"{SESSION}/respond", respond),
    ("GET", f"{SESSION}/transcript", transcript),
    ("GET", f"{SESSION}/events", events),
]
