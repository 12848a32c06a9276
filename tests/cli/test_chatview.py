"""What the chat commands show, on plain values (`anyframe._cli._chatview`).

Contracts pinned here:

- each payload type reads as one line of its own kind: the user's message (only when echoed),
  assistant text, thinking, tool calls as `⚙ Tool(arg=value)`, tool output indented (capped when asked,
  in red when the tool failed), permission requests and questions (with their options) behind `?`,
  their answers, `_error`s, the result (its text only when it adds to what the assistant said, and
  its duration), unknown payloads and blocks as compact JSON;
- streamed fragments print inline as `fragment` pieces; the complete message that follows adds only
  what they had not said and closes the paragraph; any other payload closes it first; a complete
  message that does not continue the streamed text is printed whole;
- answers: `y`/`yes`/`n`/`no` for a permission, text or an option's number for a question; anything
  else asks again;
- a request that did not fit its model is still recognised and shown; JSON documents are the payload
  as sent; `seq_of` reads only decimal ids.
"""

from __future__ import annotations

import pytest

from anyframe import ChatPayload, PermissionRequestPayload, parse_chat_payload
from anyframe._cli._chatview import (
    ChatView,
    Piece,
    is_request,
    payload_document,
    payload_type,
    permission_answer,
    question_answer,
    question_options,
    request_prompt,
    seq_of,
)


def _p(**payload: object) -> ChatPayload:
    return parse_chat_payload(payload)


def _assistant(*blocks: dict[str, object], delta: bool = False) -> ChatPayload:
    return _p(type="assistant", message={"role": "assistant", "content": list(blocks)}, delta=delta)


def _text(text: str) -> dict[str, object]:
    return {"type": "text", "text": text}


def _feed(view: ChatView, *payloads: ChatPayload) -> list[Piece]:
    pieces: list[Piece] = []
    for payload in payloads:
        pieces += view.feed(payload)
    return pieces


def _lines(view: ChatView, *payloads: ChatPayload) -> list[str]:
    return [piece.text for piece in _feed(view, *payloads)]


def test_each_payload_type_reads_as_its_own_line() -> None:
    view = ChatView()
    pieces = _feed(
        view,
        _p(type="user_message", text="clean up"),
        _assistant({"type": "thinking", "thinking": "Look first."}),
        _assistant(
            _text("Sure."), {"type": "tool_use", "id": "t1", "name": "Bash", "input": {"command": "ls"}}
        ),
        _p(type="tool_result", tool_use_id="t1", content="a\nb\n"),
        _p(type="permission_request", request_id="r-1", tool_name="Bash", input={"command": "rm -rf x"}),
        _p(type="permission_response", request_id="r-1", decision="approve"),
        _p(type="_error", error="boom"),
        _p(type="result", subtype="success", result="Cleaned.", duration_ms=1234),
    )
    assert [(p.kind, p.text) for p in pieces] == [
        ("line", "> clean up"),
        ("line", "thinking: Look first."),
        ("line", "Sure."),
        ("line", "⚙ Bash(command=ls)"),
        ("line", "  ↳ a\n    b"),
        ("line", "? permission requested: Bash(command=rm -rf x)"),
        ("line", "  approved"),
        ("line", "✗ error: boom"),
        ("line", "✓ success: Cleaned. (1.2s)"),
    ]
    styles = [p.style for p in pieces]
    assert styles[0] == "bold cyan"
    assert styles[2] == ""  # the assistant's own words, unstyled
    assert styles[3] == "yellow"
    assert styles[5] == "bold magenta"
    assert styles[7] == styles[8].replace("green", "red") == "red"


def test_the_users_message_is_left_out_unless_echoed() -> None:
    assert _lines(ChatView(echo_user=False), _p(type="user_message", text="hi")) == []


def test_questions_show_their_options_and_answers_their_text() -> None:
    view = ChatView()
    question = _p(
        type="ask_user_question", request_id="q-1", question="Which folder?", options=["src", "tests"]
    )
    assert _lines(view, question) == ["? question: Which folder? (src / tests)"]
    answered = _p(type="permission_response", request_id="q-1", decision="approve", answer="tests")
    assert _lines(view, answered) == ["  answered: tests"]
    assert _lines(view, _p(type="permission_response", decision="deny")) == ["  denied"]
    assert _lines(view, _p(type="permission_response", decision="later")) == ["  answered: later"]


def test_a_result_repeating_the_last_text_is_not_repeated_and_a_failed_one_is_red() -> None:
    view = ChatView()
    assert _lines(
        view, _assistant(_text("All done.")), _p(type="result", subtype="success", result="All done.")
    ) == [
        "All done.",
        "✓ success",
    ]
    failed = view.feed(
        _p(type="result", subtype="error_during_execution", is_error=True, result="It failed.")
    )
    assert [(p.text, p.style) for p in failed] == [("✗ error_during_execution: It failed.", "red")]
    assert _lines(ChatView(), _p(type="result")) == ["✓ done"]


def test_streamed_fragments_print_inline_and_the_complete_message_adds_only_the_rest() -> None:
    view = ChatView()
    pieces = _feed(
        view,
        _assistant(_text("Sure,"), delta=True),
        _assistant(_text(" working"), delta=True),
    )
    assert [(p.kind, p.text) for p in pieces] == [("fragment", "Sure,"), ("fragment", " working")]
    assert view.streaming == "Sure, working"
    closing = _feed(view, _assistant(_text("Sure, working on it.")))
    assert [(p.kind, p.text) for p in closing] == [("fragment", " on it."), ("close", "Sure, working on it.")]
    assert view.streaming == ""
    # The complete message saying exactly what was streamed only closes the paragraph.
    again = _feed(view, _assistant(_text("Done."), delta=True), _assistant(_text("Done.")))
    assert [(p.kind, p.text) for p in again] == [("fragment", "Done."), ("close", "Done.")]


def test_any_other_payload_closes_the_streamed_paragraph_first() -> None:
    view = ChatView()
    pieces = _feed(view, _assistant(_text("Half"), delta=True), _p(type="_error", error="cut"))
    assert [(p.kind, p.text) for p in pieces] == [
        ("fragment", "Half"),
        ("close", "Half"),
        ("line", "✗ error: cut"),
    ]
    view = ChatView()
    mixed = _feed(
        view,
        _assistant(_text("Look"), delta=True),
        _assistant({"type": "tool_use", "id": "t", "name": "Read", "input": {"path": "a"}}),
    )
    assert [p.kind for p in mixed] == ["fragment", "close", "line"]
    assert view.finish() == []


def test_a_complete_message_that_does_not_continue_the_stream_is_printed_whole() -> None:
    view = ChatView()
    pieces = _feed(view, _assistant(_text(" on it"), delta=True), _assistant(_text("Sure, on it")))
    assert [(p.kind, p.text) for p in pieces] == [
        ("fragment", " on it"),
        ("close", " on it"),
        ("line", "Sure, on it"),
    ]


def test_finish_closes_a_paragraph_left_open() -> None:
    view = ChatView()
    view.feed(_assistant(_text("cut off mid"), delta=True))
    assert view.finish() == [Piece("close", "cut off mid")]
    assert view.finish() == []


def test_a_plain_text_assistant_payload_and_unknown_blocks_and_payloads() -> None:
    view = ChatView()
    assert _lines(view, _p(type="assistant", text="plain words")) == ["plain words"]
    assert _lines(view, _assistant({"type": "image", "source": "x"})) == ['· image {"source":"x"}']
    assert _lines(view, _p(type="system", subtype="notice", message="hi")) == [
        '· system {"message":"hi","subtype":"notice"}'
    ]
    assert _lines(view, _assistant(_text(""), delta=True)) == []


def test_tool_output_is_capped_when_asked_and_red_when_the_tool_failed() -> None:
    output = "\n".join(f"line {i}" for i in range(10))
    capped = ChatView(max_output_lines=3).feed(_p(type="tool_result", content=output))
    assert capped[0].text == "  ↳ line 0\n    line 1\n    line 2\n    … 7 more lines"
    whole = ChatView().feed(_p(type="tool_result", content=output))
    assert whole[0].text.count("\n") == 9
    failed = ChatView().feed(
        _p(type="tool_result", content=[{"type": "text", "text": "denied"}], is_error=True)
    )
    assert [(p.text, p.style) for p in failed] == [("  ↳ denied", "red")]
    assert ChatView().feed(_p(type="tool_result"))[0].text == "  ↳ (no output)"
    one_more = ChatView(max_output_lines=1).feed(_p(type="tool_result", content="a\nb"))
    assert one_more[0].text.endswith("… 1 more line")


def test_a_request_that_did_not_fit_its_model_is_still_a_request() -> None:
    odd = _p(type="permission_request", tool_name=7)  # tool_name must be a str: kept whole
    assert type(odd).__name__ == "UnknownChatPayload"
    assert is_request(odd)
    assert _lines(ChatView(), odd)[0].startswith("? permission_request: ")
    named = _p(type="permission_request", tool_name="Bash", input="not an object")
    assert _lines(ChatView(), named) == ["? permission requested: Bash()"]
    long = {"command": "x" * 200}
    unfit = _p(type="permission_request", tool_name="Bash", input=long, request_id=5)
    assert type(unfit).__name__ == "UnknownChatPayload"
    fitted = _p(type="permission_request", tool_name="Bash", input=long)
    assert isinstance(fitted, PermissionRequestPayload)
    assert _lines(ChatView(), unfit) == [f"? permission requested: {fitted.summary}"]  # the SDK's summary
    asked = _p(type="ask_user_question", question=["not", "text"])
    assert _lines(ChatView(), asked)[0].startswith("? ask_user_question: ")
    loose = _p(type="ask_user_question", question="Why?", request_id=5)
    assert _lines(ChatView(), loose) == ["? question: Why?"]
    assert not is_request(_p(type="result"))


def test_prompts_and_answers() -> None:
    question = _p(type="ask_user_question", question="Which?", options=["src", "tests"])
    assert question_options(question) == ["src", "tests"]
    assert request_prompt(question) == "Your answer (1=src, 2=tests): "
    assert request_prompt(_p(type="ask_user_question", question="Why?")) == "Your answer: "
    assert request_prompt(_p(type="permission_request", tool_name="Bash")) == "Allow it? [y/n] "
    assert [permission_answer(text) for text in ("y", " YES ", "n", "No", "", "maybe")] == [
        True, True, False, False, None, None,
    ]  # fmt: skip
    options = ["src", "tests"]
    assert question_answer("2", options) == "tests"
    assert question_answer("3", options) == "3"
    assert question_answer("  the docs ", options) == "the docs"
    assert question_answer("   ", options) is None


def test_documents_types_and_seqs() -> None:
    sent = {"type": "system", "subtype": "notice", "nested": {"a": [1, 2]}}
    assert payload_document(parse_chat_payload(sent)) == sent
    assert payload_document(parse_chat_payload({"type": "result", "subtype": "success"})) == {
        "type": "result",
        "subtype": "success",
    }
    assert payload_type(parse_chat_payload({"no": "type"})) == "message"
    assert payload_type(parse_chat_payload({"type": "_error", "error": "x"})) == "_error"
    assert [seq_of(value) for value in ("12", "0", None, "", "1a", "-3", "٣", "9" * 19)] == [
        12, 0, None, None, None, None, None, None,
    ]  # fmt: skip


@pytest.mark.parametrize("limit", [None, 6])
def test_the_view_never_loses_the_assistants_words(limit: int | None) -> None:
    # Whatever mix of fragments and messages comes, every word of every complete message is printed.
    view = ChatView(max_output_lines=limit)
    payloads = [
        _assistant(_text("One"), delta=True),
        _assistant(_text(" two"), delta=True),
        _assistant(_text("One two three")),
        _assistant(_text("Four")),
        _assistant(_text("Fi"), delta=True),
        _p(type="tool_result", content="x"),
        _assistant(_text("Five")),
    ]
    printed = ""
    for piece in _feed(view, *payloads):
        if piece.kind == "fragment":
            printed += piece.text
        elif piece.kind == "close":
            printed += "\n"
        else:
            printed += piece.text + "\n"
    assert printed == "One two three\nFour\nFi\n  ↳ x\nFive\n"
