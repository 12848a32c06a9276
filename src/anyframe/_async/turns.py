"""A chat turn: one message to the agent and its reply, followed until the turn's `result`.

`af.sessions.turn()` sends the message and returns the turn ([`AsyncTurn`][anyframe.AsyncTurn]).
Iterating it reads the session's event stream from the turn's high-water mark, through the SDK's
resilient stream (a dropped connection is resumed with `Last-Event-ID`, so nothing is lost or seen
twice), and yields the typed payload of each event of the turn. Which events those are, when the turn is over, what is
pending and what the assistant said are the pure [`TurnTracker`][anyframe._core.turns.TurnTracker]'s
decisions; this shell only reads, parses and asks.

The stream carries the turn's deadline: past it, reading raises `TimeoutError` wherever it was
(reading, reconnecting, backing off), and the turn raises [`TurnTimeoutError`][anyframe.TurnTimeoutError]
after one last look at the session (a session that stopped raises
[`SessionEndedError`][anyframe.SessionEndedError] instead). A session that stops mid-turn is noticed
when the server ends its event stream (the local control plane does; a stream that ends while the
session still runs is reopened) or, at the latest, at the deadline.

The payload models are imported on first use, not with this module: the clients import it.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING

from .._core.options import RequestOptions, Unpack
from .._core.sse import SSEEvent, carried_id
from .._core.turns import TurnTracker, decode_data, event_seq, reply_to_request, respond_body, session_ended
from .._core.validate import check_callback
from ..exceptions import AnyFrameError, InvalidArgumentError, SessionEndedError, TurnTimeoutError
from ._io import sleep

if TYPE_CHECKING:
    from ..models._chat import ChatPayload, TurnResult
    from ..models._sessions import Session
    from ._stream import AsyncEventStream

__all__ = ["AsyncTurn"]

_Reply = dict[str, object]
"""The chat bridge's JSON answer to a call."""

_REOPEN_PAUSE = 0.5
"""Seconds before reopening a stream the server ended while the session still runs."""


class AsyncTurn:
    """One turn of the agent: iterate it for the turn's events, as typed payloads, until its `result`.

    Returned by `af.sessions.turn()`, which has already sent the message. Iterating yields the
    [`ChatPayload`][anyframe.models.ChatPayload]s of this turn only (none of the earlier history,
    none twice, resumed through dropped connections), from the message itself to the `result`,
    then stops; [`wait()`][anyframe.AsyncTurn.wait] reads the rest and returns the
    [`TurnResult`][anyframe.TurnResult]. When the agent asks for permission or asks a question,
    [`pending`][anyframe.AsyncTurn.pending] holds the request until [`respond()`][anyframe.AsyncTurn.respond]
    answers it.

    Example:
        ```python
        turn = await af.sessions.turn(session.id, "clean the build folder, ask permission first")
        async for payload in turn:
            if isinstance(payload, anyframe.AssistantPayload):
                print(payload.text)
            elif turn.pending is not None:
                await turn.respond(approve=True)
        print(turn.result.text, "next turn since", turn.last_seq)
        ```
    """

    def __init__(
        self,
        session_id: str,
        *,
        ack: dict[str, object],
        tracker: TurnTracker[ChatPayload],
        deadline: float | None,
        timeout: float,
        open_stream: Callable[[str, float | None], AsyncEventStream],
        get_session: Callable[[], Awaitable[Session]],
        respond: Callable[[dict[str, object], RequestOptions], Awaitable[_Reply]],
    ) -> None:
        self._session_id = session_id
        self._ack = ack
        self._tracker = tracker
        self._deadline = deadline
        self._timeout = timeout
        self._open_stream = open_stream
        self._get_session = get_session
        self._respond = respond
        self._stream: AsyncEventStream | None = None
        self._events: list[ChatPayload] = []
        self._result: TurnResult | None = None

    def __repr__(self) -> str:
        state = "done" if self._tracker.done else "pending request" if self.pending is not None else "running"
        return f"<{type(self).__name__} session={self._session_id!r} since={self.since} {state} last_seq={self.last_seq}>"

    @property
    def session_id(self) -> str:
        """The session the turn runs in.

        Example:
            ```python
            session = await af.sessions.get(turn.session_id)
            ```
        """
        return self._session_id

    @property
    def ack(self) -> dict[str, object]:
        """The chat bridge's answer to the message, as `af.sessions.message()` returns it.

        Example:
            ```python
            print(turn.ack)  # {'ok': True, 'seq': 7} from the local plane; free-form in the contract
            ```
        """
        return self._ack

    @property
    def since(self) -> int:
        """The high-water mark the turn started from: the `seq` of the last event before the message.

        Example:
            ```python
            turn = await af.sessions.turn(session.id, "hello")
            before = [row async for row in af.sessions.iter_transcript(session.id) if row.seq <= turn.since]
            ```
        """
        return self._tracker.mark

    @property
    def last_seq(self) -> int:
        """The `seq` of the last event seen so far: store it, and pass it as `since=` to the next turn
        (or as `last_event_id=` to `events()`) to carry on from there.

        Example:
            ```python
            first = await af.sessions.turn(session.id, "list the files")
            await first.wait()
            second = await af.sessions.turn(session.id, "now the tests", since=first.last_seq)
            ```
        """
        return self._tracker.last_seq

    @property
    def done(self) -> bool:
        """Whether the turn's `result` has arrived.

        Example:
            ```python
            async for payload in turn:
                break
            print("over" if turn.done else "still running")
            ```
        """
        return self._tracker.done

    @property
    def pending(self) -> ChatPayload | None:
        """The request of the agent waiting for an answer: a
        [`PermissionRequestPayload`][anyframe.PermissionRequestPayload] or an
        [`AskUserQuestionPayload`][anyframe.AskUserQuestionPayload] (an `UnknownChatPayload` if it
        did not fit its model), or `None`. Answer it with [`respond()`][anyframe.AsyncTurn.respond].

        The agent waits while a request is pending: the turn goes on once it is answered (here, or
        by another client such as the web UI).

        Example:
            ```python
            async for payload in turn:
                if isinstance(turn.pending, anyframe.PermissionRequestPayload):
                    print("the agent asks to run", turn.pending.summary)
                    await turn.respond(approve=True)
            ```
        """
        return self._tracker.pending

    @property
    def text(self) -> str:
        """Everything the assistant has written in this turn so far.

        Example:
            ```python
            async for payload in turn:
                pass
            print(turn.text)
            ```
        """
        return self._tracker.text

    @property
    def new_text(self) -> str:
        """The text the payload yielded last added to [`text`][anyframe.AsyncTurn.text] (`""` if none):
        print it to stream the reply without repeating what fragments already showed.

        Example:
            ```python
            async for payload in turn:
                print(turn.new_text, end="", flush=True)
            ```
        """
        return self._tracker.new_text

    @property
    def result(self) -> TurnResult | None:
        """The [`TurnResult`][anyframe.TurnResult], once the turn is over (`None` until then).

        Example:
            ```python
            async for payload in turn:
                pass
            assert turn.result is not None
            print(turn.result.text)
            ```
        """
        return self._result

    def __aiter__(self) -> AsyncTurn:
        return self

    async def __anext__(self) -> ChatPayload:
        from ..models._chat import AssistantPayload, parse_chat_payload

        tracker = self._tracker
        while not tracker.done:
            event = await self._next_event()
            # Only an id the frame brought itself is its `seq`: `.id` persists into id-less frames.
            if not event.data or not tracker.admit(event_seq(carried_id(event))):
                continue  # an empty frame (a labelled keep-alive), history, or another turn's
            payload = parse_chat_payload(decode_data(event.data))
            if isinstance(payload, AssistantPayload):
                tracker.add(payload.type, text=payload.text, delta=payload.delta)
            else:
                tracker.add(payload.type, item=payload)
            self._events.append(payload)
            if tracker.done:
                await self._finish()
            return payload
        raise StopAsyncIteration

    async def _next_event(self) -> SSEEvent:
        while True:
            if self._stream is None:
                self._stream = self._open_stream(str(self._tracker.last_seq), self._deadline)
            try:
                return await self._stream.__anext__()
            except StopAsyncIteration:
                self._stream = None  # the server ended the stream: has the session stopped?
            except TimeoutError:
                await self.aclose()
                raise await self._expired() from None
            except BaseException:
                await self.aclose()  # a later iteration reopens it from `last_seq`
                raise
            session = await self._get_session()
            if session_ended(session.status):
                raise self._ended(session)
            left = None if self._deadline is None else self._deadline - time.monotonic()
            if left is not None and left <= 0:
                raise await self._expired()
            await sleep(_REOPEN_PAUSE if left is None else min(_REOPEN_PAUSE, left))

    def _ended(self, session: Session) -> SessionEndedError:
        return SessionEndedError(
            f"session {self._session_id} is {session.status!r}: it stopped before the turn's result "
            f"(last seq {self.last_seq})",
            session=session,
        )

    async def _expired(self) -> AnyFrameError:
        try:
            session = await self._get_session()
        except AnyFrameError:
            session = None  # the deadline is what the caller asked about
        if session is not None and session_ended(session.status):
            return self._ended(session)
        return TurnTimeoutError(
            f"the turn in session {self._session_id} did not end within {self._timeout} s (last seq "
            f"{self.last_seq}); the agent may still be working",
            last_seq=self.last_seq,
        )

    async def _finish(self) -> None:
        from ..models._chat import TurnResult

        await self.aclose()
        self._result = TurnResult.from_events(self._events, text=self.text, last_seq=self.last_seq)

    async def respond(
        self, approve: bool = True, *, answer: str | None = None, **options: Unpack[RequestOptions]
    ) -> dict[str, object]:
        """Answer the [`pending`][anyframe.AsyncTurn.pending] request of the agent.

        Sends `{"request_id": ..., "tool_use_id": ..., "decision": "approve" | "deny"}` (the ids the
        request carries), plus `"answer"` for a question, with `af.sessions.respond()`. The turn's
        own options (those given to `turn()`) go with it, under the per-call options given here:
        headers and query parameters are merged, `extra_body` and `timeout` are this call's.

        Example:
            ```python
            async for payload in turn:
                if isinstance(payload, anyframe.PermissionRequestPayload):
                    await turn.respond(approve=payload.tool_name != "Bash")
                elif isinstance(payload, anyframe.AskUserQuestionPayload):
                    await turn.respond(answer="the main branch")
            ```

        Args:
            approve: Approve (`True`) or deny (`False`) the request.
            answer: The answer to a question of the agent.

        Returns:
            The bridge's answer, typically `{"ok": True}`.

        Raises:
            InvalidArgumentError: Nothing is pending (`turn.pending` is `None`), or an option is
                invalid; nothing was sent.
            ConflictError: The request was answered already (by another client, say).
        """
        pending = self.pending
        if pending is None:
            raise InvalidArgumentError(
                "nothing to respond to: no permission request or question of this turn is pending "
                "(turn.pending is None)"
            )
        body = respond_body(
            getattr(pending, "request_id", None), getattr(pending, "tool_use_id", None),
            approve=approve, answer=answer,
        )  # fmt: skip
        ack = await self._respond(body, options)
        self._tracker.answered()
        return ack

    async def wait(
        self, *, on_request: Callable[[ChatPayload], bool | str | None] | None = None
    ) -> TurnResult:
        """Read the rest of the turn and return what it added up to.

        Example:
            ```python
            turn = await af.sessions.turn(session.id, "list the files")
            result = await turn.wait()
            print(result.text, [use.summary for use in result.tool_uses])
            ```

        Args:
            on_request: Called with each request of the agent (a permission request or a question),
                the one already pending when `wait()` is called included: return `True` to approve,
                `False` to deny, a `str` to answer a question, or `None` to leave it pending (someone
                else answers it). Without it, a request nobody answers
                keeps the turn waiting until its timeout.

        Returns:
            The [`TurnResult`][anyframe.TurnResult]: the assistant's text, the `result` payload, the
            tool calls and the requests of the turn.

        Raises:
            TurnTimeoutError: The turn's timeout passed first.
            SessionEndedError: The session stopped before the turn's `result`.
            InvalidArgumentError: `on_request` is not callable, or returned something else than a
                bool, a str or None.
        """
        check_callback("on_request", on_request)
        if on_request is not None and self.pending is not None:
            # Yielded before this call (a loop left at it, Ctrl-C): still waiting, so answer it first.
            await self._answer(on_request, self.pending)
        async for payload in self:
            if on_request is not None and payload is self.pending:
                await self._answer(on_request, payload)
        assert self._result is not None  # the iteration only ends at the result (or raises)
        return self._result

    async def _answer(
        self, on_request: Callable[[ChatPayload], bool | str | None], request: ChatPayload
    ) -> None:
        reply = reply_to_request(on_request(request))
        if reply is not None:
            await self.respond(reply[0], answer=reply[1])

    async def text_stream(self) -> AsyncIterator[str]:
        """Read the turn and yield only the assistant's text, as it arrives.

        Streaming fragments are yielded as they come and never repeated by the complete message that
        follows them; separate messages are separated by a blank line. Requests of the agent are not
        answered here: use the turn's iterator to see them.

        Example:
            ```python
            turn = await af.sessions.turn(session.id, "summarise the README")
            async for text in turn.text_stream():
                print(text, end="", flush=True)
            ```

        Yields:
            Each new piece of text.
        """
        async for _ in self:
            if self.new_text:
                yield self.new_text

    async def __aenter__(self) -> AsyncTurn:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop following the turn and close its connection (the turn goes on on the server). Idempotent.

        Example:
            ```python
            turn = await af.sessions.turn(session.id, "run the tests")
            async for payload in turn:
                break
            await turn.aclose()  # or: async with turn: ...
            ```
        """
        stream, self._stream = self._stream, None
        if stream is not None:
            await stream.aclose()
