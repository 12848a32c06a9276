"""Every public call that takes a string path parameter (a session id or a catalog slug), as data:
how to make it, where it must go, and a valid answer. `test_paths` and `test_properties` walk it.

A guard test (`test_paths.test_the_table_covers_every_string_path_parameter`) checks that the table
names every resource method with a `session_id` or `slug` parameter, so a new one is not forgotten.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from anyframe import AsyncAnyFrame

from .wire import CONNECTOR, PREVIEW, PREVIEW_BATCH, PREVIEW_RESULT, SAVE_AS_BASE, SNAPSHOT, session

__all__ = ["PATH_CALLS", "PathCall"]


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
