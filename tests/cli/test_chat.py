"""`anyframe sessions tail | send | chat` against a real local control plane, through Click's runner.

The plane's scripted agent plays each chat payload type on demand: "permission", "question", "think",
"stream", "error" and "unknown" in a message (see docs/testing.md).

Contracts pinned here:

- `tail` replays the history after `--since` and follows live, rendered readably when piped (assistant
  text, tool calls and output, permission requests, questions, answers, errors, results, unknown
  payloads); `--json` is one `{"event", "seq", "data"}` line per event, the payload as the server sent
  it, every seq once and in order, also when the stream is cut twice; `--until-result` stops at the
  first result, exit 0 for a success and 1 for an error; without it `tail` ends when the session stops
  (exit 0), and `--until-result` then exits 1;
- `send` without `--wait` sends and says how to follow the reply (`--json`: the ack and the turn's
  high-water mark); `send --wait` prints only the reply, streamed text whole, and exits 0 on a success, 1
  on an error result, 1 after `--timeout` (with where to follow on; text streamed before it printed once,
  its line ended), 1 when the session is not running (with the
  `resume` command to run, or, while it boots, to send once it runs);
  `--json` lines end with a `turn` summary; `TEXT` `-` reads standard input; an empty message is a usage
  error; a request is left to another client when standard input is not a terminal;
- `chat` reads messages and answers line by line: a permission request answered `y` is approved and `n`
  denied, a question is answered with text or an option's number, an answer it cannot read is asked
  again; each turn after the first starts at the previous one's `last_seq` (no transcript read); end of
  input leaves with exit 0 (at a prompt too, leaving the request pending); Ctrl-C exits 130 without a
  traceback; a stopped session is refused with a hint, a booting one waited for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

import anyframe
from anyframe.testing import LocalControlPlane, serve
from cli_runner import invoke

from .conftest import Cli

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


@pytest.fixture
def session_id(plane: LocalControlPlane) -> str:
    return str(plane.seed()["session_id"])


def _turn(plane: LocalControlPlane, session_id: str, message: str) -> anyframe.TurnResult:
    """A finished turn of the history, every request of it approved."""
    return plane.client.sessions.turn(session_id, message, timeout=30).wait(on_request=lambda _: True)


def _stop(plane: LocalControlPlane, session_id: str) -> None:
    af = plane.client
    af.sessions.terminate(session_id)
    deadline = time.monotonic() + 20
    while af.sessions.get(session_id).status in ("running", "booting"):
        assert time.monotonic() < deadline, "the session did not stop"
        time.sleep(0.02)


@pytest.fixture
def answerer(plane: LocalControlPlane, session_id: str) -> Iterator[list[str]]:
    """Another client (a thread): approves the session's permission requests as they appear."""
    answered: list[str] = []
    stop = threading.Event()

    def run() -> None:
        af = plane.client
        while not stop.is_set():
            for row in af.sessions.transcript(session_id):
                request = row.typed_payload()
                if (
                    isinstance(request, anyframe.PermissionRequestPayload)
                    and request.request_id not in answered
                ):
                    answered.append(str(request.request_id))
                    af.sessions.respond(session_id, {"request_id": request.request_id, "decision": "approve"})
            stop.wait(0.02)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield answered
    finally:
        stop.set()
        thread.join(5)


# --- tail ---------------------------------------------------------------------------------------------------


def test_tail_renders_every_payload_type_of_the_history_until_the_session_stops(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    _turn(plane, session_id, "think, ask permission, stream, unknown and error")
    _stop(plane, session_id)
    result = cli("sessions", "tail", session_id)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "> think, ask permission, stream, unknown and error"
    assert lines[1].startswith("thinking: The user asks:")
    assert (
        lines[2] == "Sure, working on it: think, ask permission, stream, unknown and error"
    )  # streamed, once
    assert "⚙ Bash(command=ls)" in lines
    assert lines[lines.index("⚙ Bash(command=ls)") + 1 :][:3] == [
        "  ↳ README.md",
        "    package.json",
        "    src",
    ]
    assert '· system {"message":"a payload type the SDK does not know","subtype":"notice"}' in lines
    assert "? permission requested: Bash(command=rm -rf ./build)" in lines
    assert "  approved" in lines
    assert "  ↳ removed ./build" in lines
    assert "✗ error: the agent hit a simulated error" in lines
    assert lines.count("All done.") == 1
    assert lines[-1].startswith("✗ error_during_execution: The turn failed. (")
    assert result.err.strip().endswith("its chat stream ended.")
    assert "terminated" in result.err or "snapshotting" in result.err


def test_tail_json_is_one_line_per_event_as_the_server_sent_it(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    _turn(plane, session_id, "ask a question")
    transcript = plane.client.sessions.transcript(session_id)
    result = cli("sessions", "tail", session_id, "--until-result", "--json")
    assert result.code == 0, result.err
    events = result.lines()
    assert [event["seq"] for event in events] == [row.seq for row in transcript]
    assert [event["data"] for event in events] == [row.payload for row in transcript]
    assert [event["event"] for event in events] == [row.payload["type"] for row in transcript]
    assert events[-1]["event"] == "result"
    assert result.err == ""


def test_tail_since_starts_after_that_seq_and_until_result_stops_at_the_next_result(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    first = _turn(plane, session_id, "list the files")
    _turn(plane, session_id, "now fail with an error")
    result = cli("sessions", "tail", session_id, "--since", str(first.last_seq), "--until-result", "--json")
    assert result.code == 1  # that turn's result is an error
    events = result.lines()
    assert events[0]["seq"] == first.last_seq + 1
    assert events[0]["data"] == {"type": "user_message", "text": "now fail with an error"}
    assert events[-1]["data"]["is_error"] is True
    plain = cli("sessions", "tail", session_id, "--until-result")
    assert plain.code == 0  # the first result of the whole history: a success
    assert plain.out.splitlines()[0] == "> list the files"
    assert plain.out.splitlines()[-1].startswith("✓ success")


def test_tail_follows_live_events_as_they_happen(cli: Cli, plane: LocalControlPlane, session_id: str) -> None:
    def later() -> None:
        time.sleep(0.3)
        plane.client.sessions.message(session_id, {"prompt": "stream it live"})

    sender = threading.Thread(target=later)
    sender.start()
    result = cli("sessions", "tail", session_id, "--until-result")
    sender.join()
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "> stream it live",
        "Sure, working on it: stream it live",
        "⚙ Bash(command=ls)",
        "  ↳ README.md",
        "    package.json",
        "    src",
        "All done.",
        result.out.splitlines()[-1],
    ]
    assert result.out.splitlines()[-1].startswith("✓ success (")


def test_tail_resumes_through_dropped_connections_losing_and_doubling_nothing(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    _turn(plane, session_id, "think, stream and ask permission")
    last = plane.client.sessions.transcript(session_id)[-1].seq
    plane.faults.cut_stream(path="/api/sessions/*/events", after=3, times=2, partial=True)
    plane.requests.clear()
    result = cli("sessions", "tail", session_id, "--until-result", "--json")
    assert result.code == 0, result.err
    assert [event["seq"] for event in result.lines()] == list(range(1, last + 1))
    streams = plane.requests.filter(method="GET", path="/api/sessions/*/events")
    assert [record.headers.get("last-event-id") for record in streams] == [None, "3", "6"]


def test_tail_says_where_to_resume_when_the_stream_gives_up(
    cli: Cli, plane: LocalControlPlane, session_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The SDK resumes by itself within its reconnect budget; past it, the error says where to pick up.
    _turn(plane, session_id, "list the files")
    sessions_class = type(plane.client.sessions)
    real = sessions_class.events

    class GivesUp:
        def __init__(self, stream: anyframe.EventStream) -> None:
            self.stream = stream

        def __enter__(self) -> GivesUp:
            return self

        def __exit__(self, *exc_info: object) -> None:
            self.stream.close()

        def __iter__(self) -> Iterator[anyframe.SSEEvent]:
            for count, event in enumerate(self.stream):
                if count == 3:
                    raise anyframe.APIConnectionError(
                        "event stream /api/sessions/x/events failed 6 times in a row"
                    )
                yield event

    def events(self: object, session_id: str, last_event_id: str | None = None, **options: object) -> GivesUp:
        return GivesUp(real(self, session_id, last_event_id))  # type: ignore[arg-type]

    monkeypatch.setattr(sessions_class, "events", events)
    result = cli("sessions", "tail", session_id)
    assert result.code == 1
    assert result.out.splitlines() == [
        "> list the files",
        "Sure, working on it: list the files",
        "⚙ Bash(command=ls)",
    ]
    assert result.err == (
        "error: event stream /api/sessions/x/events failed 6 times in a row (resume with "
        f"'anyframe sessions tail {session_id} --since 3')\n"
    )


def test_tail_until_result_exits_1_when_the_session_stops_first(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    plane.client.sessions.message(session_id, {"prompt": "ask permission and wait"})
    deadline = time.monotonic() + 10
    while plane.client.sessions.transcript(session_id)[-1].kind != "permission_request":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    _stop(plane, session_id)
    result = cli("sessions", "tail", session_id, "--until-result")
    assert result.code == 1
    assert "? permission requested: Bash(command=rm -rf ./build)" in result.out
    assert result.err.startswith(f"error: session {session_id} is ")
    assert "ended before a result" in result.err


def test_tail_of_an_unknown_session_is_an_api_error(cli: Cli) -> None:
    result = cli("sessions", "tail", "00000000-0000-4000-8000-000000000000")
    assert result.code == 1
    assert result.err.startswith("error: HTTP 404")
    assert cli("sessions", "tail", "x", "--since", "-1").code == 2


# --- send ---------------------------------------------------------------------------------------------------


def test_send_without_wait_sends_and_says_how_to_follow(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    first = _turn(plane, session_id, "hello")
    result = cli("sessions", "send", session_id, "list the files")
    assert result.code == 0, result.err
    assert result.out.strip() == (
        f"Sent. To follow the reply: anyframe sessions tail {session_id} --since {first.last_seq} --until-result"
    )
    assert plane.requests.filter(method="POST", path=f"/api/sessions/{session_id}/message")[-1].body == {
        "prompt": "list the files"
    }
    as_json = cli("sessions", "send", session_id, "again", "--json").lines()
    assert len(as_json) == 1
    assert as_json[0]["event"] == "sent"
    assert as_json[0]["data"]["session_id"] == session_id
    assert as_json[0]["data"]["ack"]["ok"] is True
    assert as_json[0]["data"]["since"] >= first.last_seq + 1


def test_send_wait_prints_the_reply_and_exits_0_on_success(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    result = cli("sessions", "send", session_id, "stream the listing", "--wait")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:2] == ["Sure, working on it: stream the listing", "⚙ Bash(command=ls)"]
    assert lines[-2] == "All done."
    assert lines[-1].startswith("✓ success (")
    assert "> " not in result.out  # the message itself is not repeated
    assert result.err == ""


def test_send_wait_exits_1_when_the_result_is_an_error(cli: Cli, session_id: str) -> None:
    result = cli("sessions", "send", session_id, "hit an error please", "--wait")
    assert result.code == 1
    assert "✗ error: the agent hit a simulated error" in result.out
    assert result.out.splitlines()[-1].startswith("✗ error_during_execution: The turn failed.")


def test_send_wait_json_lines_end_with_the_turn_summary(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    result = cli("sessions", "send", session_id, "think and stream", "--wait", "--json")
    assert result.code == 0, result.err
    events = result.lines()
    transcript = plane.client.sessions.transcript(session_id)
    assert [(e["seq"], e["data"]) for e in events[:-1]] == [(row.seq, row.payload) for row in transcript]
    summary = events[-1]
    assert summary["event"] == "turn"
    assert "seq" not in summary
    assert summary["data"] == {
        "session_id": session_id,
        "since": 0,
        "last_seq": transcript[-1].seq,
        "text": "Sure, working on it: think and stream\n\nAll done.",
        "is_error": False,
        "subtype": "success",
    }


def test_send_wait_leaves_a_request_to_another_client_when_stdin_is_not_a_terminal(
    cli: Cli, session_id: str, answerer: list[str]
) -> None:
    result = cli("sessions", "send", session_id, "ask permission to clean", "--wait")
    assert result.code == 0, result.err
    assert len(answerer) == 1
    assert "? permission requested: Bash(command=rm -rf ./build)" in result.out
    assert "  approved" in result.out
    assert "Waiting for an answer to this request from another client" in result.err


def test_send_wait_times_out_with_exit_1_and_where_to_follow_on(cli: Cli, session_id: str) -> None:
    result = cli(
        "sessions", "send", session_id, "ask permission, nobody answers", "--wait", "--timeout", "0.5"
    )
    assert result.code == 1
    assert "? permission requested" in result.out
    assert "error: the turn in session" in result.err
    assert "did not end within 0.5 s" in result.err
    assert f"anyframe sessions tail {session_id} --since " in result.err
    assert "Traceback" not in result.err


def test_a_turn_that_times_out_mid_stream_prints_the_streamed_text_once(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    # The stream stalls after the user message and two fragments: the turn times out mid-sentence.
    plane.faults.stall_stream(path="/api/sessions/*/events", after=3, seconds=3)
    sent = cli("sessions", "send", session_id, "please stream", "--wait", "--timeout", "1")
    assert sent.code == 1
    assert "did not end within 1.0 s" in sent.err
    assert sent.out == "Sure, working on it:\n"  # its line ended, not printed a second time
    plane.faults.stall_stream(path="/api/sessions/*/events", after=3, seconds=3)
    chatted = cli("sessions", "chat", session_id, "--timeout", "1", input="stream again\n")
    assert chatted.code == 0, chatted.err
    assert chatted.out.splitlines()[-1] == "Sure, working on it:"
    assert chatted.out.count("Sure, working on it:") == 1


def test_send_reads_the_message_from_stdin_and_refuses_an_empty_one(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    result = cli("sessions", "send", session_id, "-", "--wait", input="a message\nover two lines\n")
    assert result.code == 0, result.err
    assert plane.requests.filter(method="POST", path=f"/api/sessions/{session_id}/message")[-1].body == {
        "prompt": "a message\nover two lines\n"
    }
    empty = cli("sessions", "send", session_id, "  ")
    assert empty.code == 2
    assert empty.err.startswith("error: the message is empty")
    assert cli("sessions", "send", session_id, "x", "--timeout", "0").code == 2


def test_send_to_a_stopped_session_is_an_api_error(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    _stop(plane, session_id)
    result = cli("sessions", "send", session_id, "hello", "--wait")
    assert result.code == 1
    # The 409 said only "session is not running": the line says what the session is and what to run.
    status = plane.client.sessions.get(session_id).status
    assert result.err.strip() == (
        f"error: session {session_id} is {status}, not running: resume it with "
        f"'anyframe sessions resume {session_id} --wait'"
    )


def test_send_to_a_booting_session_says_to_send_once_it_runs() -> None:
    with serve(boot_seconds=600) as slow:  # the session stays booting for the whole test
        af = slow.client
        agent = af.agents.create(name="slow", repo_url="tinyhq/box", install_cmd="bun install")
        af.agents.build(agent.id)
        af.agents.wait_for_build(agent.id, timeout=30)
        session = af.sessions.create(agent_id=agent.id)
        result = invoke(
            ("sessions", "send", session.id, "hello"),
            env={"ANYFRAME_API_KEY": slow.api_key, "ANYFRAME_BASE_URL": slow.url},
        )
    assert result.code == 1
    assert (
        result.err.strip() == f"error: session {session.id} is still booting: send the message once it runs"
    )


# --- chat ---------------------------------------------------------------------------------------------------


def test_chat_answers_a_permission_with_y_and_a_question_by_number_then_leaves_at_eof(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    conversation = "please ask permission to clean\nmaybe\ny\n\nask me a question\n2\n"
    result = cli("sessions", "chat", session_id, input=conversation)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "> please ask permission to clean"  # piped input is echoed
    request = lines.index("? permission requested: Bash(command=rm -rf ./build)")
    assert lines[request + 1 : request + 3] == ["  approved", "  ↳ removed ./build"]
    assert "> ask me a question" in lines
    assert "? question: Which folder should I look at first? (src / tests)" in lines
    assert "  answered: tests" in lines
    assert "Looking at tests first." in lines
    assert [line for line in lines if line.startswith("✓ ")] == [
        lines[lines.index("> ask me a question") - 1],
        lines[-1],
    ]
    assert "Answer y (allow) or n (deny)." in result.err  # "maybe" was asked again
    decisions = [
        r.body for r in plane.requests.filter(method="POST", path=f"/api/sessions/{session_id}/respond")
    ]
    assert decisions[0] == {"request_id": decisions[0]["request_id"], "tool_use_id": decisions[0]["tool_use_id"],  # type: ignore[index]
                            "decision": "approve"}  # fmt: skip
    assert decisions[1]["answer"] == "tests"  # type: ignore[index]
    # The second turn started from the first one's last seq: the transcript was read once, before the first.
    assert len(plane.requests.filter(method="GET", path=f"/api/sessions/{session_id}/transcript")) == 1


def test_chat_n_denies_and_json_prints_every_event_and_a_summary_per_turn(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    result = cli("sessions", "chat", session_id, "--json", input="permission please\nn\nthanks\n")
    assert result.code == 0, result.err
    events = result.lines()
    turns = [event for event in events if event["event"] == "turn"]
    assert len(turns) == 2
    assert turns[0]["data"]["since"] == 0
    assert turns[1]["data"]["since"] == turns[0]["data"]["last_seq"]
    chat_events = [event for event in events if event["event"] != "turn"]
    transcript = plane.client.sessions.transcript(session_id)
    assert [(e["seq"], e["data"]) for e in chat_events] == [(row.seq, row.payload) for row in transcript]
    responses = [e["data"] for e in chat_events if e["event"] == "permission_response"]
    assert [response["decision"] for response in responses] == ["deny"]
    assert any(e["data"].get("content") == "permission denied by the user" for e in chat_events)


def test_chat_eof_at_a_prompt_leaves_with_0_and_the_request_pending(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    result = cli("sessions", "chat", session_id, input="ask permission first\n")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "? permission requested: Bash(command=rm -rf ./build)"
    assert plane.client.sessions.transcript(session_id)[-1].kind == "permission_request"
    assert plane.requests.filter(method="POST", path=f"/api/sessions/{session_id}/respond") == []


def test_chat_reports_a_turn_that_timed_out_and_goes_on_with_the_next_message(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    plane.faults.stall_stream(path="/api/sessions/*/events", after=2, seconds=3)
    result = cli("sessions", "chat", session_id, "--timeout", "1", input="first\nsecond\n")
    assert result.code == 0, result.err
    assert "error: the turn in session" in result.err
    assert "did not end within 1.0 s" in result.err
    lines = result.out.splitlines()
    second = lines.index("> second")
    assert lines[second + 1 :] == [
        "Sure, working on it: second",
        "⚙ Bash(command=ls)",
        "  ↳ README.md",
        "    package.json",
        "    src",
        "All done.",
        lines[-1],
    ]
    assert lines[-1].startswith("✓ success")
    # Only the first turn read the transcript; the second starts where the timed-out one got to.
    reads = plane.requests.filter(method="GET", path=f"/api/sessions/{session_id}/transcript")
    assert len(reads) == 1


def test_chat_ctrl_c_exits_130_without_a_traceback(
    cli: Cli, session_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = anyframe.Turn.__next__
    seen: list[object] = []

    def interrupted(self: anyframe.Turn) -> object:
        if seen:
            raise KeyboardInterrupt
        seen.append(real(self))
        return seen[0]

    monkeypatch.setattr(anyframe.Turn, "__next__", interrupted)
    result = cli("sessions", "chat", session_id, input="hello\nnever sent\n")
    assert result.code == 130
    assert result.out.splitlines() == ["> hello"]
    assert result.err.strip() == "Interrupted."


def test_chat_refuses_a_stopped_session_and_waits_for_a_booting_one(
    cli: Cli, plane: LocalControlPlane, session_id: str
) -> None:
    _stop(plane, session_id)
    refused = cli("sessions", "chat", session_id, input="hello\n")
    assert refused.code == 1
    assert f"resume it with 'anyframe sessions resume {session_id} --wait'" in refused.err
    booting = plane.client.sessions.resume(session_id)
    assert booting.status == "booting"
    result = cli("sessions", "chat", session_id, input="hello again\n")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1].startswith("✓ success")


def test_chat_with_no_input_leaves_at_once(cli: Cli, plane: LocalControlPlane, session_id: str) -> None:
    result = cli("sessions", "chat", session_id, input="")
    assert result.code == 0
    assert result.out == ""
    assert plane.requests.filter(method="POST", path=f"/api/sessions/{session_id}/message") == []
