"""`af.sessions`: sandboxes booted from an agent's image: lifecycle, chat, snapshots, setup sessions.

The preview calls (`previews_*`) live in [`previews`][anyframe._async.previews] and are mixed in, so
`af.sessions` keeps the flat surface the user guide documents.
"""

from __future__ import annotations

import builtins
import math
import time
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING

from .._core.options import RequestOptions, Unpack, WaitOptions, bodiless_options, layered
from .._core.polling import SESSION_ENDED, SESSION_READY, Poll
from .._core.turns import MAX_PAGE_SIZE, TranscriptPager, TurnTracker, ack_seq, check_page_size
from .._core.validate import SessionId, check_count, check_id, check_object, check_seconds
from .._generated.api.chat import get_transcript, respond, send_message, stream_events
from .._generated.api.sessions import (
    create_session,
    delete_session,
    get_session,
    list_sessions,
    list_snapshots,
    resume_session,
    save_session_as_base,
    terminate_session,
)
from ..exceptions import SessionEndedError
from ._base import session_arg, unset
from ._waiters import poll_until
from .previews import AsyncPreviews
from .turns import AsyncTurn

if TYPE_CHECKING:
    from ..models._sessions import ChatEvent, SaveAsBaseResult, Session, Snapshot
    from ._stream import AsyncEventStream

# The models are imported by the methods returning them: a process that only streams chat events
# with `events()` never imports pydantic, which keeps its memory and start-up near raw httpx's (a
# `turn()` types its payloads and reads the transcript, so it does import them).

__all__ = ["AsyncSessions"]


def _opaque(value: object) -> dict[str, object]:
    hint = ' (wrap text as {"prompt": text})' if isinstance(value, str) else " forwarded to the chat bridge"
    return check_object("body", value, hint=hint)


def _turn_message(message: object) -> dict[str, object]:
    # Text is sent the way the web client sends it; a dict goes through verbatim, as with `message()`.
    if isinstance(message, str):
        return {"prompt": message}
    return check_object("message", message, hint=' (or a str, sent as {"prompt": text})')


class AsyncSessions(AsyncPreviews):
    """Live sandboxes: boot, wait, chat, preview, snapshot, resume, terminate."""

    async def list(self, **options: Unpack[RequestOptions]) -> builtins.list[Session]:
        """List your sessions, newest first.

        Example:
            ```python
            session = next(s for s in await af.sessions.list() if s.status == "running")
            ```

        Returns:
            The [`Session`][anyframe.Session]s.
        """
        from ..models._sessions import Session

        return await self._transport.models(list_sessions.build_request(), Session, options)

    async def create(
        self,
        *,
        agent_id: int,
        idle_timeout_s: int = 300,
        unsafe: bool = False,
        resume_from_snapshot_id: int | None = None,
        is_setup_session: bool = False,
        **options: Unpack[RequestOptions],
    ) -> Session:
        """Boot a sandbox from the agent's latest image. Returns at once, in `booting`; follow with
        [`wait_until_running`][anyframe.AnyFrame.sessions].

        Example:
            ```python
            session = await af.sessions.create(agent_id=agent.id)
            session = await af.sessions.wait_until_running(session.id)
            print(session.sandbox_url)
            ```

        Args:
            agent_id: The agent to run.
            idle_timeout_s: Snapshot and stop after this many idle seconds.
            unsafe: Run the coding agent with permission prompts skipped. Leave off.
            resume_from_snapshot_id: Hydrate from this snapshot instead of booting fresh.
            is_setup_session: Boot from the dependencies image to seed it interactively, then
                promote it with `save_as_base`.

        Returns:
            The new [`Session`][anyframe.Session].

        Raises:
            InvalidArgumentError: `idle_timeout_s` is not a positive int, or an id is not a non-negative
                int; nothing was sent.
            NotFoundError: No such agent (or snapshot).
        """
        from .._generated.models.session_create_request import SessionCreateRequest
        from ..models._sessions import Session

        body = SessionCreateRequest(
            agent_id=check_id("agent_id", agent_id, where="body"),
            idle_timeout_s=check_count("idle_timeout_s", idle_timeout_s, minimum=1, where="body"),
            unsafe=unsafe,
            resume_from_snapshot_id=unset(
                None
                if resume_from_snapshot_id is None
                else check_id("resume_from_snapshot_id", resume_from_snapshot_id, where="body")
            ),
            # Sent only when true, as the 1.x SDK does: `false` is the server's default.
            is_setup_session=True if is_setup_session else unset(None),
        )
        return await self._transport.model(create_session.build_request(body=body), Session, options)

    async def get(self, session_id: SessionId, **options: Unpack[RequestOptions]) -> Session:
        """Get a session's current state.

        Example:
            ```python
            session = await af.sessions.get("11111111-2222-3333-4444-555555555555")  # the id in the web URL
            print(session.status, session.sandbox_url, [p.url for p in session.previews])
            ```

        Args:
            session_id: The session's id.

        Returns:
            The [`Session`][anyframe.Session].

        Raises:
            InvalidArgumentError: `session_id` is not a session id (empty, or not a str/UUID); nothing
                was sent.
            NotFoundError: No such session, or not yours.
        """
        from ..models._sessions import Session

        return await self._transport.model(
            get_session.build_request(session_arg(session_id)), Session, options
        )

    async def delete(self, session_id: SessionId, **options: Unpack[RequestOptions]) -> None:
        """Hard-delete a terminated session's row.

        Example:
            ```python
            session = await af.sessions.get(session.id)
            if session.status in ("terminated", "error"):  # otherwise: ConflictError
                await af.sessions.delete(session.id)
            ```

        Args:
            session_id: The session's id.

        Raises:
            InvalidArgumentError: `session_id` is not a session id; nothing was sent.
            ConflictError: The sandbox is still live: `terminate` it first.
            NotFoundError: No such session.
        """
        return await self._transport.empty(delete_session.build_request(session_arg(session_id)), options)

    async def terminate(self, session_id: SessionId, **options: Unpack[RequestOptions]) -> Session:
        """Snapshot the sandbox, then stop it. Safe to repeat.

        Example:
            ```python
            session = await af.sessions.terminate(session.id)
            print(session.status)  # 'snapshotting', then 'terminated'
            ```

        Args:
            session_id: The session's id.

        Returns:
            The [`Session`][anyframe.Session], typically `snapshotting`.

        Raises:
            InvalidArgumentError: `session_id` is not a session id; nothing was sent.
            NotFoundError: No such session.
        """
        from ..models._sessions import Session

        return await self._transport.model(
            terminate_session.build_request(session_arg(session_id)), Session, options
        )

    async def resume(
        self, session_id: SessionId, unsafe: bool = False, **options: Unpack[RequestOptions]
    ) -> Session:
        """Re-boot a terminated session from its latest snapshot.

        Example:
            ```python
            stopped = next(s for s in await af.sessions.list() if s.status == "terminated")
            session = await af.sessions.resume(stopped.id)
            session = await af.sessions.wait_until_running(session.id)
            ```

        Args:
            session_id: The session's id.
            unsafe: Run the coding agent with permission prompts skipped.

        Returns:
            The [`Session`][anyframe.Session], `booting` again.

        Raises:
            InvalidArgumentError: `session_id` is not a session id; nothing was sent.
            ConflictError: There is no snapshot to resume from, or the session is still live.
            NotFoundError: No such session.
        """
        from .._generated.models.session_resume_request import SessionResumeRequest
        from ..models._sessions import Session

        request = resume_session.build_request(
            session_arg(session_id), body=SessionResumeRequest(unsafe=unsafe)
        )
        return await self._transport.model(request, Session, options)

    async def snapshots(
        self, session_id: SessionId, **options: Unpack[RequestOptions]
    ) -> builtins.list[Snapshot]:
        """List a session's snapshots, newest first.

        Example:
            ```python
            for snap in await af.sessions.snapshots(session.id):
                print(snap.id, snap.label, snap.created_at)
            ```

        Args:
            session_id: The session's id.

        Returns:
            The [`Snapshot`][anyframe.Snapshot]s.

        Raises:
            InvalidArgumentError: `session_id` is not a session id; nothing was sent.
            NotFoundError: No such session.
        """
        from ..models._sessions import Snapshot

        return await self._transport.models(
            list_snapshots.build_request(session_arg(session_id)), Snapshot, options
        )

    async def save_as_base(
        self, session_id: SessionId, **options: Unpack[RequestOptions]
    ) -> SaveAsBaseResult:
        """Promote a setup session's sandbox to the agent's warmup image. Repeatable: each call
        overwrites the saved base.

        Example:
            ```python
            setup = await af.sessions.create(agent_id=agent.id, is_setup_session=True)
            ...  # wait until running, then prepare the sandbox through chat
            base = await af.sessions.save_as_base(setup.id)
            print(base.warmup_image_id)
            ```

        Args:
            session_id: A session created with `is_setup_session=True`.

        Returns:
            A [`SaveAsBaseResult`][anyframe.SaveAsBaseResult].

        Raises:
            InvalidArgumentError: `session_id` is not a session id; nothing was sent.
            ValidationError: The session is not a setup session (HTTP 400).
            NotFoundError: No such session.
        """
        from ..models._sessions import SaveAsBaseResult

        request = save_session_as_base.build_request(session_arg(session_id))
        return await self._transport.model(request, SaveAsBaseResult, options)

    async def message(
        self, session_id: SessionId, body: Mapping[str, object], **options: Unpack[RequestOptions]
    ) -> dict[str, object]:
        """Send a turn to the agent, over the same chat channel the web UI uses.

        The body is forwarded verbatim to the chat bridge inside the sandbox, e.g.
        `{"prompt": "list files"}` (optionally with `attachments`) or `{"text": "..."}`. To send a
        message and follow the agent's reply until its turn ends, use `turn()`.

        Example:
            ```python
            sent = await af.sessions.message(session.id, {"prompt": "list the files in the repo"})
            print(sent)  # {'ok': True, 'seq': 1}
            ```

        Args:
            session_id: The session's id.
            body: The message object.

        Returns:
            The bridge's answer, typically `{"ok": True, "seq": N}`.

        Raises:
            InvalidArgumentError: `body` is not a dict, or `session_id` is not a session id; nothing
                was sent.
            ConflictError: The session is not running.
            NotFoundError: No such session.
        """
        from .._generated.models.chat_message_request import ChatMessageRequest

        wire = ChatMessageRequest.from_dict(_opaque(body))
        return await self._transport.json_object(
            send_message.build_request(session_arg(session_id), body=wire), options
        )

    async def respond(
        self, session_id: SessionId, body: Mapping[str, object], **options: Unpack[RequestOptions]
    ) -> dict[str, object]:
        """Answer a permission prompt or question from the agent (forwarded verbatim).

        Example:
            ```python
            await af.sessions.respond(session.id, {"request_id": "r-1", "decision": "approve"})
            ```

        Args:
            session_id: The session's id.
            body: The answer object, e.g. `{"request_id": ..., "decision": "approve"}`.

        Returns:
            The bridge's answer, typically `{"ok": True}`.

        Raises:
            InvalidArgumentError: `body` is not a dict, or `session_id` is not a session id; nothing
                was sent.
            NotFoundError: No such session.
        """
        from .._generated.models.chat_respond_request import ChatRespondRequest

        wire = ChatRespondRequest.from_dict(_opaque(body))
        return await self._transport.json_object(
            respond.build_request(session_arg(session_id), body=wire), options
        )

    async def transcript(
        self, session_id: SessionId, since: int = 0, limit: int = 1000, **options: Unpack[RequestOptions]
    ) -> builtins.list[ChatEvent]:
        """Read the persisted chat, ordered by `seq`. Page forward by passing the last `seq` as `since`.

        Example:
            ```python
            for evt in await af.sessions.transcript(session.id, since=0, limit=1000):
                print(evt.seq, evt.kind, evt.data)
            ```

        Args:
            session_id: The session's id.
            since: Only events with `seq` greater than this.
            limit: At most this many events (the server caps it at 5,000).

        Returns:
            The [`ChatEvent`][anyframe.ChatEvent]s.

        Raises:
            InvalidArgumentError: `since` is negative, `limit` is below 1, or `session_id` is not a
                session id; nothing was sent.
            NotFoundError: No such session.
        """
        from ..models._sessions import ChatEvent

        request = get_transcript.build_request(
            session_arg(session_id),
            since=check_count("since", since),
            limit=check_count("limit", limit, minimum=1),
        )
        return await self._transport.models(request, ChatEvent, options)

    def iter_transcript(
        self,
        session_id: SessionId,
        *,
        since: int = 0,
        page_size: int = 1000,
        **options: Unpack[RequestOptions],
    ) -> AsyncIterator[ChatEvent]:
        """Read the whole persisted chat, page after page, in `seq` order.

        Each page is one `transcript` call of `page_size` events, starting after the last `seq` of the
        one before; a shorter page is the last. Pages are read as you iterate, so a long chat is never
        held in memory at once. The per-call options go on every page's request (pages send no
        body, so `extra_body` is refused).

        Example:
            ```python
            async for row in af.sessions.iter_transcript(session.id):
                print(row.seq, row.kind, row.typed_payload())
            ```

        Args:
            session_id: The session's id.
            since: Start after this `seq` (`0`: from the beginning).
            page_size: Events per request, from 1 to 5,000 (the server's cap).

        Returns:
            An iterator of [`ChatEvent`][anyframe.ChatEvent]s.

        Raises:
            InvalidArgumentError: `since` is negative, `page_size` is not from 1 to 5,000,
                `session_id` is not a session id, or an option is invalid (or `extra_body`); raised at
                the call, before anything is sent.
            NotFoundError: No such session (raised when iteration starts).
        """
        session = session_arg(session_id)
        pager = TranscriptPager(check_count("since", since), check_page_size(page_size))
        bodiless_options(
            options,
            "iter_transcript() sends no body (each page is a GET), so extra_body has nothing to go in",
        )
        return self._transcript_pages(session, pager, options)

    async def _transcript_pages(
        self, session_id: str, pager: TranscriptPager, options: RequestOptions
    ) -> AsyncIterator[ChatEvent]:
        while not pager.done:
            page = await self.transcript(session_id, since=pager.since, limit=pager.page_size, **options)
            pager.page_read([event.seq for event in page])
            for event in page:
                yield event

    async def turn(
        self,
        session_id: SessionId,
        message: str | Mapping[str, object],
        *,
        timeout: float = 600.0,
        since: int | None = None,
        **options: Unpack[WaitOptions],
    ) -> AsyncTurn:
        """Send a message to the agent and return the [`AsyncTurn`][anyframe.AsyncTurn] that follows its reply.

        Iterate the turn for this turn's events, typed, until its `result`; or `await turn.wait()`
        for the whole [`TurnResult`][anyframe.TurnResult].

        The turn starts after a high-water mark: `since`, or else the last `seq` of the transcript,
        read (page by page) before the message is sent. Pass the previous turn's `last_seq` as
        `since` to skip that read. When the bridge's answer to the message carries the message's
        `seq`, the turn starts exactly there; otherwise the events of an earlier turn still running
        when you sent (or another client's message) count as this turn's: send once the previous
        turn is over.

        The per-call options ([`WaitOptions`][anyframe.WaitOptions], as for the waiters: `timeout`
        is the turn's own) go on every request of the turn: the transcript pages, the message, each
        connection of the event stream, the session reads and the turn's `respond()`.

        Example:
            ```python
            turn = await af.sessions.turn(session.id, "list the files in the repo")
            async for payload in turn:
                print(type(payload).__name__, turn.new_text)
            later = await af.sessions.turn(session.id, "and now the tests", since=turn.last_seq)
            print((await later.wait()).text)
            ```

        Args:
            session_id: The session's id.
            message: The message: a `str` is sent as `{"prompt": message}`; a dict is sent as is (as
                with `message()`).
            timeout: Seconds from this call until the turn's `result`; `float("inf")` waits for ever.
            since: The `seq` after which the turn starts (the previous turn's `last_seq`); `None`
                reads it from the transcript.

        Returns:
            The [`AsyncTurn`][anyframe.AsyncTurn]; the message has been sent.

        Raises:
            InvalidArgumentError: `message` is not a str or a dict, `timeout` is not a positive number
                of seconds, `since` is negative, `session_id` is not a session id, or an option is
                invalid (or `extra_body`: put extra fields in a dict message); nothing was sent.
            ConflictError: The session is not running (nothing was sent).
            NotFoundError: No such session.
        """
        session = session_arg(session_id)
        body = _turn_message(message)
        seconds = check_seconds("timeout", timeout, allow_infinite=True)
        mark = None if since is None else check_count("since", since)
        bodiless_options(
            options,
            "turn() takes no extra_body: its message is sent as given, so put extra fields in a dict message "
            '({"prompt": text, ...})',
        )
        deadline = None if seconds == math.inf else time.monotonic() + seconds
        if mark is None:
            mark = 0
            async for row in self.iter_transcript(session, page_size=MAX_PAGE_SIZE, **options):
                mark = max(mark, row.seq)
        ack = await self.message(session, body, **options)
        request = stream_events.build_request(session)
        return AsyncTurn(
            session,
            ack=ack,
            tracker=TurnTracker(mark, ack_seq(ack, mark)),
            deadline=deadline,
            timeout=seconds,
            open_stream=lambda last_event_id, deadline: self._transport.stream(
                request, resume=True, last_event_id=last_event_id, options=options, deadline=deadline
            ),
            get_session=lambda: self.get(session, **options),
            respond=lambda body, extra: self.respond(session, body, **layered(options, extra)),
        )

    def events(
        self,
        session_id: SessionId,
        last_event_id: str | None = None,
        *,
        reconnect: bool = True,
        **options: Unpack[RequestOptions],
    ) -> AsyncEventStream:
        """Stream the session's chat events live (Server-Sent Events), until you stop iterating.

        Without `last_event_id` the server first replays the whole history, then follows live.
        The stream does not end at the end of a turn (a `result` event): break out when you have
        seen enough, or use [`turn()`][anyframe.AsyncTurn], which follows one turn and stops at its
        end. `event.payload()` gives each event's typed payload. If the connection drops, the SDK reconnects by itself with `Last-Event-ID` set
        to the last event seen, so you get every event once and in order.

        Example:
            ```python
            async for event in af.sessions.events(session.id):
                payload = event.json()
                if payload.get("type") == "result":
                    break
            ```

        Args:
            session_id: The session's id.
            last_event_id: Resume after this event id (a `seq`); sent as `Last-Event-ID`.
            reconnect: Reconnect automatically after a drop. `False` raises instead.

        Returns:
            An iterator of [`SSEEvent`][anyframe.SSEEvent]s (keep-alives are skipped), also usable as
            a context manager; breaking out closes the connection.

        Raises:
            InvalidArgumentError: `session_id` is not a session id, or `last_event_id` cannot be sent
                as a header (CR, LF, NUL, non-ASCII); raised at the call.
            NotFoundError: No such session (raised when iteration starts).
            ClientClosedError: The client was closed while the stream was open.
            APIConnectionError: The stream kept failing past the reconnect budget, or dropped with
                `reconnect=False`.
        """
        request = stream_events.build_request(session_arg(session_id))
        return self._transport.stream(request, resume=reconnect, last_event_id=last_event_id, options=options)

    async def wait_until_running(
        self,
        session_id: SessionId,
        timeout: float = 180.0,
        poll_interval: float = 1.0,
        *,
        on_status: Callable[[Session], object] | None = None,
        **options: Unpack[WaitOptions],
    ) -> Session:
        """Poll `get` until the session is `running`.

        Polls at once, then backs off up to `poll_interval`.

        Example:
            ```python
            session = await af.sessions.create(agent_id=agent.id)
            session = await af.sessions.wait_until_running(session.id, on_status=lambda s: print(s.status))
            print(session.sandbox_url)
            ```

        Args:
            session_id: The session's id.
            timeout: Seconds to wait in total.
            poll_interval: The longest pause between two polls, in seconds.
            on_status: Called with every [`Session`][anyframe.Session] seen, for progress output.

        Returns:
            The running [`Session`][anyframe.Session] (`sandbox_url` is set).

        Raises:
            SessionEndedError: The session ended (`terminated` or `error`) instead.
            TimeoutError: It was still not running after `timeout` seconds.
            NotFoundError: No such session.
            InvalidArgumentError: `timeout` or `poll_interval` is not positive, or `session_id` is not
                a session id; nothing was sent.
        """
        poll = Poll(SESSION_READY, SESSION_ENDED, timeout, poll_interval, what=f"session {session_id}")
        return await poll_until(
            lambda: self.get(session_id, **options),
            lambda session: session.status,
            poll,
            on_status=on_status,
            failure=lambda session, state: SessionEndedError(
                f"session {session_id} ended in state {state!r} instead of running", session=session
            ),
        )
