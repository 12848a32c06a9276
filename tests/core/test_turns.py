"""The pure decisions behind chat turns and transcript paging (`anyframe._core.turns`), with plain values.

Contracts pinned here:

- Which events are the turn's: those after the mark (history is dropped, however often replayed),
  each once (a `seq` not above the last seen is a replay), and, when the message's own `seq` is
  known, none before it; nothing after the `result`, which ends
  the turn and is the turn's; events without a numeric `seq` are the turn's; `last_seq` is the
  highest `seq` seen, the turn's or not, starting at the mark. `_error` does not end a turn.
- Text: one paragraph per assistant message, joined by a blank line; fragments (`delta`) extend the
  paragraph they open and the complete message that follows replaces them; any other event closes
  the paragraph; `new_text` is what each event added, so the pieces add up to `text`.
- Pending: a permission request or a question is pending until answered, or until an event shows the
  agent went on; another request replaces it; an unknown event type leaves it pending.
- The answer body carries the request's ids, `decision` and the `answer`; an `on_request` reply maps
  to (approve, answer) or "leave it"; anything else is refused with a message naming the choices.
- Small readings: SSE id -> seq, the ack's seq (only after the mark, never a bool), data decoding
  that never raises, the one-line tool summary (bounded), which session statuses end a turn.
- Paging: a short page is the last; the next page starts after the last `seq`; a full page that does
  not advance is refused (it would loop for ever); `page_size` is 1..5000.
"""

from __future__ import annotations

import pytest

from anyframe import InvalidArgumentError, ResponseValidationError
from anyframe._core.turns import (
    MAX_PAGE_SIZE,
    PARAGRAPH,
    TranscriptPager,
    TurnTracker,
    ack_seq,
    check_page_size,
    decode_data,
    event_seq,
    reply_to_request,
    respond_body,
    session_ended,
    tool_summary,
)


def _feed(tracker: TurnTracker[str], events: list[tuple[int | None, str, str, bool]]) -> list[int | None]:
    """Feed (seq, type, text, delta) events; return the seqs admitted."""
    admitted = []
    for seq, kind, text, delta in events:
        if tracker.admit(seq):
            tracker.add(kind, text=text, delta=delta, item=f"{kind}@{seq}")
            admitted.append(seq)
    return admitted


# --- which events are the turn's ---


def test_events_up_to_the_mark_are_history_and_the_result_ends_the_turn() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=6)
    admitted = _feed(
        tracker,
        [
            (5, "result", "", False),  # replayed history
            (6, "assistant", "old", False),
            (7, "user_message", "", False),
            (8, "assistant", "hi", False),
            (9, "result", "", False),
            (10, "user_message", "", False),  # the next turn's
        ],
    )

    assert admitted == [7, 8, 9]
    assert tracker.done
    assert tracker.last_seq == 10
    assert tracker.text == "hi"


def test_the_message_seq_from_the_ack_drops_an_earlier_turns_tail() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=3, first=6)
    admitted = _feed(
        tracker,
        [
            (4, "assistant", "previous turn", False),
            (5, "result", "", False),  # the previous turn's result does not end this one
            (6, "user_message", "", False),
            (7, "result", "", False),
        ],
    )

    assert admitted == [6, 7]
    assert tracker.done


def test_without_the_message_seq_an_earlier_turns_result_ends_the_turn() -> None:
    # The documented race: without the ack's seq, events after the mark are this turn's.
    tracker: TurnTracker[str] = TurnTracker(mark=3)
    assert _feed(tracker, [(4, "assistant", "tail", False), (5, "result", "", False)]) == [4, 5]
    assert tracker.done


def test_events_without_a_numeric_seq_belong_to_the_turn_and_do_not_move_last_seq() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=2)
    assert _feed(tracker, [(None, "assistant", "x", False), (3, "result", "", False)]) == [None, 3]
    assert tracker.last_seq == 3
    fresh: TurnTracker[str] = TurnTracker(mark=2)
    assert fresh.admit(None)
    assert fresh.last_seq == 2


def test_last_seq_starts_at_the_mark_and_never_goes_back() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=10)
    assert tracker.last_seq == 10
    assert not tracker.admit(4)
    assert tracker.last_seq == 10
    assert tracker.admit(12)
    assert tracker.last_seq == 12


def test_an_event_seen_already_is_dropped_whatever_the_server_replays() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=10)
    assert _feed(tracker, [(11, "user_message", "", False), (12, "assistant", "hi", False)]) == [11, 12]
    # A reopened stream whose server ignored Last-Event-ID sends the turn again.
    assert _feed(tracker, [(11, "user_message", "", False), (12, "assistant", "hi", False),
                           (13, "result", "", False)]) == [13]  # fmt: skip
    assert tracker.text == "hi"


def test_an_error_does_not_end_the_turn() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    _feed(tracker, [(1, "_error", "", False)])
    assert not tracker.done
    _feed(tracker, [(2, "result", "", False)])
    assert tracker.done


def test_nothing_is_admitted_after_the_result() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    _feed(tracker, [(1, "result", "", False)])
    assert not tracker.admit(2)
    assert tracker.last_seq == 2


# --- text ---


def test_messages_are_paragraphs_and_new_text_adds_up_to_text() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    pieces = []
    for seq, kind, text in [(1, "assistant", "Sure."), (2, "tool_result", ""), (3, "assistant", ""),
                            (4, "assistant", "All done.")]:  # fmt: skip
        assert tracker.admit(seq)
        tracker.add(kind, text=text)
        pieces.append(tracker.new_text)

    assert tracker.text == "Sure." + PARAGRAPH + "All done."
    assert pieces == ["Sure.", "", "", PARAGRAPH + "All done."]
    assert "".join(pieces) == tracker.text


def test_fragments_extend_their_paragraph_and_the_complete_message_replaces_them() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    pieces = []
    for seq, text, delta in [(1, "Hel", True), (2, "lo", True), (3, "Hello", False)]:
        assert tracker.admit(seq)
        tracker.add("assistant", text=text, delta=delta)
        pieces.append(tracker.new_text)

    assert tracker.text == "Hello"
    assert pieces == ["Hel", "lo", ""]


def test_a_complete_message_saying_more_than_its_fragments_adds_the_rest() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    for seq, text, delta in [(1, "Hel", True), (2, "Hello!", False)]:
        tracker.admit(seq)
        tracker.add("assistant", text=text, delta=delta)
    assert (tracker.text, tracker.new_text) == ("Hello!", "lo!")


def test_a_complete_message_rewriting_its_fragments_replaces_them_silently() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    for seq, text, delta in [(1, "Draft", True), (2, "Final", False)]:
        tracker.admit(seq)
        tracker.add("assistant", text=text, delta=delta)
    assert (tracker.text, tracker.new_text) == ("Final", "")


def test_another_event_closes_a_run_of_fragments() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    for seq, kind, text, delta in [(1, "assistant", "one", True), (2, "tool_result", "", False),
                                   (3, "assistant", "two", True), (4, "assistant", " more", True)]:  # fmt: skip
        tracker.admit(seq)
        tracker.add(kind, text=text, delta=delta)
    assert tracker.text == "one" + PARAGRAPH + "two more"


def test_fragments_without_a_complete_message_stand() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    for seq, text in [(1, "a"), (2, "b")]:
        tracker.admit(seq)
        tracker.add("assistant", text=text, delta=True)
    tracker.admit(3)
    tracker.add("result")
    assert tracker.text == "ab"


def test_a_complete_message_without_text_keeps_the_fragments_text() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    for seq, text, delta in [(1, "thinking out loud", True), (2, "", False)]:  # e.g. a tool call message
        tracker.admit(seq)
        tracker.add("assistant", text=text, delta=delta)
    assert tracker.text == "thinking out loud"


def test_an_empty_first_fragment_opens_no_paragraph() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    for seq, text in [(1, ""), (2, "x")]:
        tracker.admit(seq)
        tracker.add("assistant", text=text, delta=True)
    assert tracker.text == "x"


def test_an_empty_fragment_left_alone_adds_no_empty_paragraph() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    tracker.admit(1)
    tracker.add("assistant", text="a")
    tracker.admit(2)
    tracker.add("assistant", text="", delta=True)
    assert tracker.new_text == ""
    tracker.admit(3)
    tracker.add("tool_result")  # closes whatever the fragment opened
    tracker.admit(4)
    tracker.add("assistant", text="b")
    assert tracker.text == "a\n\nb"


# --- pending requests ---


def test_a_request_is_pending_until_the_agent_goes_on() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    _feed(tracker, [(1, "permission_request", "", False)])
    assert tracker.pending == "permission_request@1"
    _feed(tracker, [(2, "system", "", False)])  # a type this SDK does not know: still waiting
    assert tracker.pending == "permission_request@1"
    _feed(tracker, [(3, "ask_user_question", "", False)])
    assert tracker.pending == "ask_user_question@3"
    _feed(tracker, [(4, "permission_response", "", False)])
    assert tracker.pending is None


@pytest.mark.parametrize("kind", ["tool_result", "assistant", "_error", "user_message", "result"])
def test_these_events_show_the_agent_went_on(kind: str) -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    _feed(tracker, [(1, "permission_request", "", False), (2, kind, "", False)])
    assert tracker.pending is None


def test_answering_clears_the_pending_request() -> None:
    tracker: TurnTracker[str] = TurnTracker(mark=0)
    _feed(tracker, [(1, "ask_user_question", "", False)])
    tracker.answered()
    assert tracker.pending is None


def test_the_answer_body_carries_the_ids_the_decision_and_the_answer() -> None:
    assert respond_body("r-1", "toolu_1", approve=True, answer=None) == {
        "request_id": "r-1",
        "tool_use_id": "toolu_1",
        "decision": "approve",
    }
    assert respond_body(None, "", approve=False, answer=None) == {"decision": "deny"}
    assert respond_body("", None, approve=False, answer=None) == {"decision": "deny"}  # no empty id
    assert respond_body("q-1", None, approve=True, answer="src") == {
        "request_id": "q-1",
        "decision": "approve",
        "answer": "src",
    }


@pytest.mark.parametrize(("approve", "answer"), [("yes", None), (1, None), (True, 3)])
def test_the_answer_body_refuses_a_non_bool_approve_or_a_non_str_answer(
    approve: object, answer: object
) -> None:
    with pytest.raises(InvalidArgumentError):
        respond_body("r", None, approve=approve, answer=answer)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [(True, (True, None)), (False, (False, None)), ("main", (True, "main")), (None, None)],
)
def test_an_on_request_reply_maps_to_approve_and_answer(reply: object, expected: object) -> None:
    assert reply_to_request(reply) == expected


@pytest.mark.parametrize("reply", [1, {"decision": "approve"}, ["a"]])
def test_an_on_request_reply_of_another_type_is_refused_naming_the_choices(reply: object) -> None:
    with pytest.raises(InvalidArgumentError, match=r"True \(approve\), False \(deny\), a str"):
        reply_to_request(reply)


# --- small readings ---


@pytest.mark.parametrize(
    ("event_id", "seq"),
    [
        ("42", 42),
        ("0", 0),
        (None, None),
        ("", None),
        ("4a", None),
        ("-1", None),
        ("١٢", None),
        ("9" * 19, None),
    ],
)
def test_the_seq_of_an_event_id(event_id: str | None, seq: int | None) -> None:
    assert event_seq(event_id) == seq


@pytest.mark.parametrize(
    ("ack", "expected"),
    [({"ok": True, "seq": 7}, 7), ({"ok": True}, None), ({"seq": 5}, None), ({"seq": True}, None),
     ({"seq": "7"}, None), ({"seq": 7.0}, None)],
)  # fmt: skip
def test_the_ack_seq_is_used_only_when_it_is_an_int_after_the_mark(
    ack: dict[str, object], expected: int | None
) -> None:
    assert ack_seq(ack, mark=5) == expected


def test_a_bool_ack_seq_is_not_a_seq_even_after_a_mark_of_zero() -> None:
    assert ack_seq({"seq": True}, mark=0) is None  # True == 1 > 0, yet it names no event


def test_data_decoding_never_raises() -> None:
    assert decode_data('{"type": "result"}') == {"type": "result"}
    assert decode_data("[1, 2]") == [1, 2]
    assert decode_data("not json") == "not json"
    assert decode_data('{"type": ') == '{"type": '


def test_the_tool_summary_is_one_bounded_line() -> None:
    assert tool_summary("Bash", {"command": "ls -la"}) == "Bash(command=ls -la)"
    assert tool_summary("Read", {}) == "Read()"
    assert tool_summary("Bash", {"command": "echo a\n  b"}) == "Bash(command=echo a b)"
    long = tool_summary("Write", {"content": "x" * 500})
    assert len(long) == 120
    assert long.endswith("…")


@pytest.mark.parametrize(
    ("status", "ended"),
    [("running", False), ("booting", False), ("snapshotting", True), ("terminated", True), ("error", True),
     ("paused", True)],
)  # fmt: skip
def test_which_session_statuses_end_a_turn(status: str, ended: bool) -> None:
    assert session_ended(status) is ended


# --- transcript paging ---


def test_pages_follow_the_last_seq_until_a_short_page() -> None:
    pager = TranscriptPager(since=0, page_size=3)
    starts = []
    for page in ([1, 2, 3], [4, 5, 6], [7]):
        starts.append(pager.since)
        assert not pager.done
        pager.page_read(page)
    assert starts == [0, 3, 6]
    assert pager.done


def test_an_empty_page_ends_the_transcript() -> None:
    pager = TranscriptPager(since=12, page_size=5)
    pager.page_read([])
    assert pager.done
    assert pager.since == 12


def test_a_full_page_that_does_not_advance_is_refused() -> None:
    pager = TranscriptPager(since=10, page_size=2)
    with pytest.raises(ResponseValidationError, match="did not advance past seq 10"):
        pager.page_read([9, 10])


@pytest.mark.parametrize("size", [0, -1, MAX_PAGE_SIZE + 1, True, 1.5, "10", None])
def test_page_size_must_be_from_1_to_5000(size: object) -> None:
    with pytest.raises(InvalidArgumentError, match="from 1 to 5000"):
        check_page_size(size)


def test_page_size_bounds_are_accepted() -> None:
    assert check_page_size(1) == 1
    assert check_page_size(MAX_PAGE_SIZE) == MAX_PAGE_SIZE
