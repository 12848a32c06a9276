"""`anyframe sessions tail | send | chat`: a session's chat, followed, sent to, and talked to.

Built on the SDK's typed chat payloads: `tail` reads `af.sessions.events()` (which resumes a dropped
connection by itself, with `Last-Event-ID`) and types each event with `event.payload()`; `send` and
`chat` run turns with `af.sessions.turn()`, each turn reading only its own events, up to its
`result`, and the next one starting where the last ended (`since=turn.last_seq`). What each payload
shows is decided in `_chatview`; this module prints it and reads the person's answers.

How it prints:

- on a live terminal, the reply streams inside a Rich live display: the paragraph being written grows
  in place above a spinner with the elapsed time, and every finished line scrolls up for good;
- otherwise (piped, `TTY_INTERACTIVE=0`), the same lines print as they come, streamed text inline;
- with `--json`, one `{"event": TYPE, "seq": SEQ, "data": PAYLOAD}` line per chat event, the payload as
  the server sent it, and after each turn of `send --wait` / `chat` a `{"event": "turn", ...}` line.

Answers (`chat`, and `send --wait` on a terminal): a permission request is answered `y` or `n`, a
question with text (or the number of one of its options). `chat` reads its messages and answers
line by line from standard input, so it can be scripted as well as typed at; the prompts are shown
only when standard input is a terminal.

Leaving `chat`: end of input (Ctrl-D) exits 0, leaving a request unanswered if one was asked; Ctrl-C
exits 130 like every command, wherever it is pressed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import click

from ._app import App, json_option
from ._errors import EXIT_API, EXIT_OK
from ._format import Mode

if TYPE_CHECKING:
    from rich.live import Live
    from rich.spinner import Spinner

    from anyframe import ChatPayload, Turn, TurnResult

    from ._chatview import ChatView, Piece
    from ._output import Output

__all__ = ["chat", "send", "tail"]

_SESSION = click.argument("session_id", metavar="SESSION_ID")
_TIMEOUT = click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=600.0,
    show_default=True,
    help="Seconds a turn may take to reach its result.",
)
_TOOL_OUTPUT_LINES = 6  # lines of a tool's output shown on a terminal (piped output shows all of it)


# --- printing -----------------------------------------------------------------------------------------------


class _LiveArea:
    """What the live display shows: the paragraph being streamed, over a spinner with the elapsed time."""

    def __init__(self, status: str) -> None:
        from rich.spinner import Spinner

        self.status = status
        self.text = ""
        self.started = time.monotonic()
        self.spinner: Spinner = Spinner("dots", style="cyan")

    def __rich__(self) -> Any:
        from rich.console import Group
        from rich.text import Text

        elapsed = timedelta(seconds=int(time.monotonic() - self.started))
        self.spinner.update(text=Text(f"{self.status} {elapsed}", style="dim"))
        return Group(Text(self.text), self.spinner) if self.text else self.spinner


class ChatPrinter:
    """Prints chat payloads for one command: JSON lines, inline text, or a live display."""

    def __init__(self, out: Output, view: ChatView) -> None:
        self.out = out
        self.view = view
        self._live: Live | None = None
        self._area: _LiveArea | None = None
        self._inline = False  # a streamed paragraph is open on the current output line

    def show(self, payload: ChatPayload, seq: int | None) -> None:
        """Print one payload (`seq`: its event's position in the chat)."""
        from ._chatview import payload_document, payload_type

        if self.out.json:
            self.out.event(payload_type(payload), payload_document(payload), seq=seq)
            return
        for piece in self.view.feed(payload):
            self._print(piece)

    def end(self) -> None:
        """Close a paragraph left open (a stream that ended mid-sentence)."""
        if not self.out.json:
            for piece in self.view.finish():
                self._print(piece)

    def _print(self, piece: Piece) -> None:
        if piece.kind == "fragment":
            if self._live is not None and self._area is not None and not self._inline:
                self._area.text += piece.text  # grows in place, in the live display
                self._live.refresh()
            else:
                self._inline = True
                self._write_inline(piece.text)
            return
        if self._inline:  # the streamed paragraph is on the current line: end that line
            self._inline = False
            self._write_inline("\n")
            if piece.kind == "close":
                return
        elif piece.kind == "close" and self._area is not None:
            self._area.text = ""  # printed for good below, as the live display moves on
        self.out.text(piece.text, style=piece.style or None)

    def _write_inline(self, text: str) -> None:
        if self.out.mode is Mode.TERMINAL:
            from rich.text import Text

            self.out.console.print(Text(text), end="", soft_wrap=True)
        else:
            click.echo(text, nl=False)

    @contextmanager
    def following(self, status: str) -> Iterator[None]:
        """A live display (spinner, elapsed time, the text being streamed) while a reply comes in.

        Nothing live without a live terminal, or with `--json`. A paragraph still streaming when the
        block ends stays on screen; the next line continues it, or, if the block ends with an error
        or Ctrl-C, the paragraph is closed where it broke off (its line ended, so that the error line
        stands on its own, and not printed again).
        """
        try:
            if not self.out.live or self._live is not None:
                yield
            else:
                with self._live_display(status):
                    yield
        except BaseException:
            self.end()
            raise

    @contextmanager
    def _live_display(self, status: str) -> Iterator[None]:
        from rich.live import Live

        area = _LiveArea(status)
        live = Live(area, console=self.out.console, transient=True, refresh_per_second=10)
        self._live, self._area = live, area
        try:
            with live:
                yield
        finally:
            self._live = self._area = None
            if area.text:
                self._write_inline(area.text)
                self._inline = True


# --- reading --------------------------------------------------------------------------------------------------


class Reader:
    """Lines typed by the person (or piped in): messages, and answers to the agent's requests.

    On a terminal, lines are read with line editing and history (`readline`) and a prompt; piped
    input is read line by line, without prompts.
    """

    def __init__(self, out: Output) -> None:
        self.out = out
        self.terminal = _isatty(sys.stdin)
        self._prompt_on_stdout = self.terminal and _isatty(sys.stdout) and not out.json
        self._readline = False
        if self.terminal:
            try:
                import readline  # noqa: F401  (importing it gives input() line editing and history)
            except ImportError:  # pragma: no cover - Python built without readline (Windows)
                pass
            else:
                self._readline = True

    def read(self, prompt: str, *, style: str | None = None) -> str | None:
        """The next line, or `None` at the end of input (Ctrl-D).

        Raises:
            KeyboardInterrupt: Ctrl-C at the prompt (after moving to a fresh line).
        """
        try:
            if not self.terminal:
                line = sys.stdin.readline()
                return line.rstrip("\r\n") if line else None
            if self._prompt_on_stdout:
                return input(self._styled(prompt, style))
            click.echo(prompt, nl=False, err=True)
            return input()
        except EOFError:
            self._new_line()
            return None
        except KeyboardInterrupt:
            self._new_line()
            raise

    def _new_line(self) -> None:
        if self.terminal:
            click.echo("", err=not self._prompt_on_stdout)

    def _styled(self, prompt: str, style: str | None) -> str:
        if not style or not self.out.color:
            return prompt
        codes = {"bold": "1", "cyan": "36", "magenta": "35"}
        sgr = ";".join(codes[word] for word in style.split() if word in codes)
        start, end = f"\x1b[{sgr}m", "\x1b[0m"
        if self._readline:  # tell readline the escapes take no room, or it miscounts the prompt's width
            start, end = f"\001{start}\002", f"\001{end}\002"
        text = prompt.rstrip()
        return f"{start}{text}{end}{prompt[len(text) :]}"


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


# --- turns ---------------------------------------------------------------------------------------------------


def _answer(reader: Reader, request: ChatPayload) -> tuple[bool, str | None] | None:
    """Ask the person about a request of the agent: `(approve, answer)`, or `None` at end of input."""
    from ._chatview import permission_answer, question_answer, question_options, request_prompt

    prompt = request_prompt(request)
    question = request.type == "ask_user_question"
    while True:
        text = reader.read(prompt, style="bold magenta")
        if text is None:
            return None
        if question:
            answer = question_answer(text, question_options(request))
            if answer is not None:
                return True, answer
            reader.out.note("Type an answer (or the number of an option).")
        else:
            approve = permission_answer(text)
            if approve is not None:
                return approve, None
            reader.out.note("Answer y (allow) or n (deny).")


class _Left(Exception):
    """The person ended the input while the agent waited for their answer."""


def _run_turn(printer: ChatPrinter, turn: Turn, reader: Reader | None) -> TurnResult:
    """Print a turn as it comes, answering the agent's requests through `reader` (when given).

    Without a reader, a request is shown and left to another client (the web UI) to answer.

    Raises:
        _Left: End of input at a request's prompt.
        TurnTimeoutError, SessionEndedError: As `Turn` raises them.
    """
    from anyframe import APIError

    while True:
        request = None
        with printer.following("Working"):
            for payload in turn:
                printer.show(payload, turn.last_seq)
                if payload is turn.pending:  # a request of this turn, waiting for its answer
                    request = payload
                    break
        if request is None:
            printer.end()
            assert turn.result is not None  # iterating a turn ends at its result, or raises
            return turn.result
        if reader is None:
            printer.out.note("Waiting for an answer to this request from another client (the web UI).")
            continue
        reply = _answer(reader, request)
        if reply is None:
            raise _Left
        try:
            turn.respond(reply[0], answer=reply[1])
        except APIError as exc:  # answered elsewhere meanwhile, say: the turn goes on either way
            printer.out.note(f"error: the answer was not taken: {exc}")


def _turn_summary(session_id: str, since: int, result: TurnResult) -> dict[str, object]:
    return {
        "session_id": session_id,
        "since": since,
        "last_seq": result.last_seq,
        "text": result.text,
        "is_error": result.is_error,
        "subtype": result.result.subtype if result.result is not None else None,
    }


def _tail_command(session_id: str, seq: int, *, until_result: bool = True) -> str:
    return f"anyframe sessions tail {session_id} --since {seq}" + (" --until-result" if until_result else "")


def _view(out: Output, *, echo_user: bool) -> ChatView:
    from ._chatview import ChatView

    lines = _TOOL_OUTPUT_LINES if out.mode is Mode.TERMINAL else None
    return ChatView(echo_user=echo_user, max_output_lines=lines)


def _not_running(session_id: str, status: str) -> click.ClickException:
    if status == "booting":
        return click.ClickException(f"session {session_id} is still booting: send the message once it runs")
    return click.ClickException(
        f"session {session_id} is {status}, not running: resume it with "
        f"'anyframe sessions resume {session_id} --wait'"
    )


# --- commands ------------------------------------------------------------------------------------------------


@click.command("tail")
@_SESSION
@click.option(
    "--since",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    metavar="SEQ",
    help="Start after this seq (0: the whole history).",
)
@click.option(
    "--until-result",
    is_flag=True,
    help="Stop at the first result (exit 1 if it is an error or none comes before the session stops).",
)
@json_option
@click.pass_obj
def tail(app: App, session_id: str, since: int, until_result: bool) -> int:
    """Follow the chat of session SESSION_ID live: messages, tool calls, prompts, results.

    The history after --since is replayed first, then new events show as they happen, until the
    session stops or Ctrl-C. A dropped connection is resumed where it broke off. --json prints one
    {"event", "seq", "data"} line per event.
    """
    from anyframe import APIConnectionError, ResultPayload

    from ._chatview import seq_of

    af, out = app.client, app.out
    printer = ChatPrinter(out, _view(out, echo_user=True))
    last = since
    try:
        events = af.sessions.events(session_id, last_event_id=str(since) if since else None)
        with events, printer.following(f"Following session {session_id}"):
            for event in events:
                if not event.data:
                    continue  # a labelled keep-alive
                seq = seq_of(event.id)
                last = seq if seq is not None else last
                payload = event.payload()
                printer.show(payload, seq)
                if until_result and isinstance(payload, ResultPayload):
                    printer.end()
                    return EXIT_API if payload.is_error else EXIT_OK
            printer.end()
    except APIConnectionError as exc:
        resume = _tail_command(session_id, last, until_result=until_result)
        raise click.ClickException(f"{' '.join(str(exc).split())} (resume with '{resume}')") from exc
    status = af.sessions.get(session_id).status
    if until_result:
        out.note(f"error: session {session_id} is {status}: its chat ended before a result")
        return EXIT_API
    if not out.json:
        out.note(f"Session {session_id} is {status}: its chat stream ended.")
    return EXIT_OK


@click.command("send")
@_SESSION
@click.argument("text", metavar="TEXT")
@click.option("--wait", is_flag=True, help="Follow the reply to its result; exit 1 if that is an error.")
@_TIMEOUT
@json_option
@click.pass_obj
def send(app: App, session_id: str, text: str, wait: bool, timeout: float) -> int:
    """Send TEXT to the agent of session SESSION_ID (TEXT '-' reads it from standard input).

    Without --wait it returns once the message is taken. With --wait the reply streams as it comes
    and the exit status is the turn's: 0 if its result is a success, 1 if it is an error, if the
    session stops first, or after --timeout seconds. A permission request or question is asked at
    the terminal (y/n, or the answer); when standard input is not a terminal it waits for another
    client, such as the web UI, to answer.
    """
    from anyframe import ConflictError, TurnTimeoutError

    out = app.out
    message = sys.stdin.read() if text == "-" else text
    if not message.strip():
        raise click.UsageError("the message is empty")
    try:
        turn = app.client.sessions.turn(session_id, message, timeout=timeout)
    except ConflictError as exc:  # the chat takes no message: say why, and the command that fixes it
        status = app.client.sessions.get(session_id).status
        if status == "running":
            raise
        raise _not_running(session_id, status) from exc
    with turn:
        if not wait:
            if out.json:
                out.event("sent", {"session_id": session_id, "since": turn.since, "ack": turn.ack})
            else:
                out.text(f"Sent. To follow the reply: {_tail_command(session_id, turn.since)}")
            return EXIT_OK
        printer = ChatPrinter(out, _view(out, echo_user=False))
        reader = Reader(out) if _isatty(sys.stdin) else None
        try:
            result = _run_turn(printer, turn, reader)
        except TurnTimeoutError as exc:
            follow = _tail_command(session_id, exc.last_seq)
            raise click.ClickException(f"{' '.join(str(exc).split())} (follow it with '{follow}')") from exc
        except _Left:
            out.note("No answer given: the request is still pending.")
            return EXIT_API
    if out.json:
        out.event("turn", _turn_summary(session_id, turn.since, result))
    return EXIT_API if result.is_error else EXIT_OK


@click.command("chat")
@_SESSION
@_TIMEOUT
@json_option
@click.pass_obj
def chat(app: App, session_id: str, timeout: float) -> int:
    """Talk with the agent of session SESSION_ID: type a message, watch the reply stream.

    Answer a permission request with y or n, a question with text (or an option's number). Each
    line of standard input is a message, so a conversation can be piped in too. Ctrl-D leaves
    (exit 0); Ctrl-C leaves at once (exit 130). A booting session is waited for.
    """
    from anyframe import TurnTimeoutError

    from ._sessions import wait_running

    af, out = app.client, app.out
    session = af.sessions.get(session_id)
    if session.status == "booting":
        session = wait_running(app, session, 180.0)
    if session.status != "running":
        raise _not_running(session_id, session.status)
    reader = Reader(out)
    printer = ChatPrinter(out, _view(out, echo_user=not reader.terminal))
    if reader.terminal and not out.json:
        out.note(f"Chat with session {session_id}: type a message, Enter sends it; Ctrl-D leaves.")
    since: int | None = None
    while True:
        message = reader.read("you> ", style="bold cyan")
        if message is None:
            return EXIT_OK
        if not message.strip():
            continue
        with af.sessions.turn(session_id, message, timeout=timeout, since=since) as turn:
            try:
                result = _run_turn(printer, turn, reader)
            except TurnTimeoutError as exc:
                out.note(f"error: {' '.join(str(exc).split())}")
                since = exc.last_seq
                continue
            except _Left:
                return EXIT_OK
        if out.json:
            out.event("turn", _turn_summary(session_id, turn.since, result))
        since = result.last_seq
