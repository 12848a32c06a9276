"""`StreamResume`: the one owner of a stream's position, and what follows each batch and connection.

Contracts pinned:
- exactly once: on the first connection every frame is delivered, whatever its id (none, repeated,
  odd); after a reconnect, frames that carry an already-delivered id of their own are dropped until
  the first frame with a new id; frames without an `id:` line are never dropped;
- delivered ids are remembered in bounded memory (numeric ranges merged, other ids most recent first);
- the position (`last_event_id`) is the id of the last delivered event that can go in a header; an
  id that cannot (non-ASCII, control characters) is delivered but leaves the position where it was;
  an empty `id:` resets it;
- a caller's `last_event_id` is checked before sending (CR, LF, NUL, non-ASCII, wrong type refused);
- an event resets the consecutive-failure and status-retry counts;
- a failed or cleanly closed connection is reopened after the backoff, or after the server's
  `retry:` time (capped at 60 s; it persists across connections) for the first reconnect;
- `max_failures` consecutive failures raise `APIConnectionError`, chained to the last failure;
- a connection the server closes cleanly right away ends the stream; a slow clean close (an idle
  proxy) or a quick drop (reset, incomplete body) is reopened instead;
- an error answer that spends the budget is raised as itself, not wrapped.
"""

from __future__ import annotations

import httpx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from anyframe import APIConnectionError, InvalidArgumentError, ServerError
from anyframe._core import resume
from anyframe._core.resume import (
    QUICK_EOF_SECONDS,
    DeliveredIds,
    StreamResume,
    check_last_event_id,
    header_safe,
)
from anyframe._core.sse import SSEDecoder, SSEEvent


def _state(**kwargs: object) -> StreamResume:
    return StreamResume("/api/sessions/s/events", rand=lambda: 0.0, **kwargs)  # type: ignore[arg-type]


def _parse(body: bytes, last_event_id: str | None = None) -> list[SSEEvent]:
    decoder = SSEDecoder(last_event_id=last_event_id)
    return decoder.feed(body) + decoder.finish()


def _data(events: list[SSEEvent]) -> list[str]:
    return [e.data for e in events]


# --- exactly once ---


def test_a_frame_without_an_id_is_delivered_not_taken_for_a_replay() -> None:
    state = _state()
    state.connection_opened()
    events = _parse(b'id: 1\ndata: a\n\ndata: {"type":"_error"}\n\nid: 2\ndata: c\n\n')
    assert _data(state.admit_all(events)) == ["a", '{"type":"_error"}', "c"]
    assert state.last_event_id == "2"


def test_a_frame_whose_id_holds_nul_is_delivered_with_the_id_ignored() -> None:
    state = _state()
    state.connection_opened()
    events = _parse(b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\nid: 3\ndata: c\n\n")
    admitted = state.admit_all(events)
    assert [(e.id, e.data) for e in admitted] == [("1", "a"), ("1", "b"), ("3", "c")]


def test_repeated_and_odd_ids_on_a_first_delivery_are_all_delivered() -> None:
    state = _state()
    state.connection_opened()
    events = _parse(
        b"id: 5\ndata: a\n\nid: 5\ndata: b\n\nid: 3\ndata: c\n\nid: x\ndata: d\n\nid: x\ndata: e\n\n"
    )
    assert _data(state.admit_all(events)) == ["a", "b", "c", "d", "e"]


def test_after_a_reconnect_replayed_frames_are_dropped_until_the_first_new_id() -> None:
    state = _state()
    state.connection_opened()
    first = _parse(b"id: 1\ndata: a\n\ndata: err\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n")
    assert _data(state.admit_all(first)) == ["a", "err", "b", "c"]
    state.connection_opened()  # the reconnect; an off-by-one server replays from 2
    again = _parse(b"id: 2\ndata: b\n\nid: 3\ndata: c\n\nid: 4\ndata: d\n\nid: 3\ndata: new\n\n", "3")
    # 4 ends the replay prefix: the later frame reusing id 3 is a new frame, delivered.
    assert _data(state.admit_all(again)) == ["d", "new"]


def test_a_frame_without_id_in_the_replay_prefix_is_delivered() -> None:
    state = _state()
    state.connection_opened()
    state.admit_all(_parse(b"id: 1\ndata: a\n\n"))
    state.connection_opened()
    again = _parse(b"data: fresh\n\nid: 1\ndata: a\n\nid: 2\ndata: b\n\n", "1")
    assert _data(state.admit_all(again)) == ["fresh", "b"]


def test_the_replay_prefix_spans_chunks() -> None:
    state = _state()
    state.connection_opened()
    state.admit_all(_parse(b"id: 1\ndata: a\n\nid: 2\ndata: b\n\n"))
    state.connection_opened()
    assert state.admit_all(_parse(b"id: 1\ndata: a\n\n", "2")) == []
    assert _data(state.admit_all(_parse(b"id: 2\ndata: b\n\nid: 3\ndata: c\n\n", "2"))) == ["c"]


def test_an_id_never_delivered_is_not_a_replay_even_below_the_highest() -> None:
    state = _state()
    state.connection_opened()
    state.admit_all(_parse(b"id: 1\ndata: a\n\nid: 3\ndata: c\n\n"))
    state.connection_opened()
    assert _data(state.admit_all(_parse(b"id: 2\ndata: b\n\n", "3"))) == ["b"]


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 8).map(str), st.sampled_from(["x", "é", ""])), max_size=14),
    st.integers(0, 14),
    st.integers(0, 14),
)
def test_a_drop_anywhere_and_any_suffix_replayed_gives_every_frame_exactly_once(
    ids: list[str | None], cut: int, replay_from: int
) -> None:
    frames = [SSEEvent(f"d{i}", id=event_id) for i, event_id in enumerate(ids)]
    cut = min(cut, len(frames))
    replay_from = min(replay_from, cut)
    state = _state()
    state.connection_opened()
    delivered = state.admit_all(frames[:cut])
    state.connection_opened()
    # The server resends frames[replay_from:cut] (already delivered), then the rest.
    delivered += state.admit_all(frames[replay_from:])
    # A new frame reusing an id delivered before the drop cannot be told from a replay; servers
    # number frames, so that case is left out. Then every frame arrives, and only frames identified by
    # an id of their own are recognised as replays: id-less replayed frames may arrive twice.
    before = {f.id for f in frames[:cut] if f.id}
    assume(not any(f.id in before for f in frames[cut:] if f.id))
    expected = frames[:cut] + [f for f in frames[replay_from:cut] if not f.id] + frames[cut:]
    assert sorted(_data(delivered)) == sorted(_data(expected))
    assert _data(delivered[:cut]) == _data(frames[:cut])


def test_delivered_ids_merge_numeric_ranges_and_bound_other_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    delivered = DeliveredIds()
    delivered.add_all([str(n) for n in range(1, 10_001)] + ["20000", "15000", "15001", "14999"])
    assert delivered._ranges == [[1, 10_000], [14_999, 15_001], [20_000, 20_000]]
    delivered.add_all(["10001", "14998"])
    delivered.add_all([str(n) for n in range(10_002, 14_998)])
    assert delivered._ranges == [[1, 15_001], [20_000, 20_000]]
    assert [i in delivered for i in ("0", "1", "15001", "15002")] == [False, True, True, False]
    assert 7 not in delivered  # only strings are ids
    monkeypatch.setattr(resume, "OTHER_IDS_KEPT", 3)
    monkeypatch.setattr(resume, "NUMERIC_RANGES_KEPT", 2)
    delivered.add_all(["a", "b", "c", "d", "30000"])
    assert [i in delivered for i in "abcd"] == [False, True, True, True]  # the oldest went first
    assert "1" not in delivered  # the lowest range was forgotten to keep two
    assert ["20000" in delivered, "30000" in delivered] == [True, True]
    delivered.add_all(["9" * 40])  # past 18 digits an id is kept as text (no int() of it)
    assert ["9" * 40 in delivered, "b" in delivered] == [True, False]


# --- the position ---


def test_an_id_that_cannot_go_in_a_header_leaves_the_position_at_the_last_one_that_can() -> None:
    state = _state()
    state.connection_opened()
    state.admit_all(_parse("id: 1\ndata: a\n\nid: é2\ndata: b\n\nid: x\x01\ndata: c\n\n".encode()))
    assert state.last_event_id == "1"
    state.admit_all(_parse(b"id: 4\ndata: d\n\n"))
    assert state.last_event_id == "4"


def test_an_empty_id_resets_the_position() -> None:
    state = _state(last_event_id="7")
    state.connection_opened()
    state.admit_all(_parse(b"id\ndata: a\n\n", "7"))
    assert state.last_event_id is None


@pytest.mark.parametrize("value", ["1", "abc-_.~ 9", "~"])
def test_header_safe_ids(value: str) -> None:
    assert header_safe(value)
    assert check_last_event_id(value) == value


@pytest.mark.parametrize("value", ["", " 1", "1 ", "é1", "1\r\n", "1\n", "a\x00b", "\x7f", "\t1"])
def test_a_last_event_id_that_cannot_be_a_header_is_refused_before_sending(value: str) -> None:
    assert not header_safe(value)
    with pytest.raises(InvalidArgumentError) as info:
        check_last_event_id(value)
    assert "Last-Event-ID" in str(info.value)


def test_last_event_id_accepts_an_int_seq_and_refuses_other_types() -> None:
    assert check_last_event_id(42) == "42"
    assert check_last_event_id(None) is None
    with pytest.raises(InvalidArgumentError, match="must be a str"):
        check_last_event_id(4.5)
    with pytest.raises(InvalidArgumentError):
        check_last_event_id(True)


def test_the_next_connection_asks_for_an_event_stream_from_the_position() -> None:
    state = _state()
    assert state.request_headers() == {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
    state.connection_opened()
    state.admit_all(_parse(b"id: 3\ndata: a\n\n"))
    assert state.request_headers()["Last-Event-ID"] == "3"


# --- failures and waits ---


def test_an_event_resets_the_failure_count() -> None:
    state = _state()
    state.connection_ended(failure=httpx.ReadError("x"), elapsed=5.0, server_retry_ms=None)
    assert state.failures == 1
    state.connection_opened()
    state.admit_all([SSEEvent("a", id="1")])
    assert state.failures == 0


def test_failures_back_off_exponentially() -> None:
    state = _state()
    delays = [
        state.connection_ended(failure=httpx.ReadError("x"), elapsed=5.0, server_retry_ms=None)
        for _ in range(3)
    ]
    assert delays == [0.5, 1.0, 2.0]


def test_first_reconnect_uses_the_servers_retry_time() -> None:
    state = _state()
    assert state.connection_ended(failure=httpx.ReadError("x"), elapsed=5.0, server_retry_ms=250) == 0.25


def test_the_servers_retry_time_is_capped_at_60_seconds() -> None:
    state = _state()
    huge = 10**20
    assert state.connection_ended(failure=httpx.ReadError("x"), elapsed=5.0, server_retry_ms=huge) == 60.0


def test_the_servers_retry_time_persists_across_connections() -> None:
    state = _state()
    state.connection_ended(failure=httpx.ReadError("x"), elapsed=5.0, server_retry_ms=3000)
    state.admit_all([SSEEvent("a", id="1")])  # a delivered event: the next failure is a first one again
    assert state.connection_ended(failure=httpx.ReadError("x"), elapsed=5.0, server_retry_ms=None) == 3.0


def test_too_many_consecutive_failures_give_up_chained() -> None:
    state = _state(max_failures=2)
    cause = httpx.RemoteProtocolError("incomplete chunked read")
    state.connection_ended(failure=cause, elapsed=1.0, server_retry_ms=None)
    state.connection_ended(failure=cause, elapsed=1.0, server_retry_ms=None)
    with pytest.raises(APIConnectionError) as info:
        state.connection_ended(failure=cause, elapsed=1.0, server_retry_ms=None)
    assert info.value.__cause__ is cause
    assert "3 times in a row" in info.value.message


def test_a_connection_closed_cleanly_right_away_ends_the_stream() -> None:
    state = _state()
    state.connection_opened()
    state.admit_all([SSEEvent("a", id="1")])
    assert state.connection_ended(failure=None, elapsed=0.1, server_retry_ms=None) is None


def test_a_connection_closed_cleanly_with_nothing_at_all_ends_the_stream() -> None:
    state = _state()
    state.connection_opened()
    assert state.connection_ended(failure=None, elapsed=0.0, server_retry_ms=None) is None


def test_a_slow_clean_close_is_reopened_like_an_idle_proxy_cut() -> None:
    state = _state()
    state.connection_opened()
    assert state.connection_ended(failure=None, elapsed=QUICK_EOF_SECONDS + 1, server_retry_ms=None) == 0.5


def test_a_quick_drop_is_not_an_end_it_is_reopened() -> None:
    state = _state()
    state.connection_opened()
    assert state.connection_ended(failure=httpx.ReadError("reset"), elapsed=0.0, server_retry_ms=None) == 0.5


def test_an_error_answer_past_the_budget_is_raised_as_itself() -> None:
    state = _state(max_failures=0)
    error = ServerError("busy", status_code=503)
    with pytest.raises(ServerError) as info:
        state.connection_ended(failure=error, elapsed=1.0, server_retry_ms=None)
    assert info.value is error


def test_an_error_status_when_opening_follows_the_get_retry_budget() -> None:
    state = _state()
    assert state.answer_failed(503, {}, max_retries=2) == 0.5
    assert state.answer_failed(503, {"retry-after-ms": "20"}, max_retries=2) == 0.02
    assert state.answer_failed(503, {}, max_retries=2) is None  # budget spent: raise the mapped error


def test_a_non_retryable_status_when_opening_is_raised_at_once() -> None:
    assert _state().answer_failed(404, {}, max_retries=5) is None


def test_delivered_events_refill_the_status_budget() -> None:
    state = _state()
    assert state.answer_failed(502, {}, max_retries=1) is not None
    assert state.answer_failed(502, {}, max_retries=1) is None
    state.admit_all([SSEEvent("a", id="1")])
    assert state.answer_failed(502, {}, max_retries=1) is not None


@given(
    st.lists(
        st.lists(
            st.one_of(
                st.integers(min_value=0, max_value=60).map(str),
                st.integers(min_value=0, max_value=60).map(lambda n: f"{n:03d}"),
                st.sampled_from(["x", "٣", "1e3", "-1"]),
            ),
            max_size=8,
        )
        | st.integers(min_value=0, max_value=50).flatmap(
            lambda start: st.integers(min_value=2, max_value=12).map(
                lambda size: [str(n) for n in range(start, start + size)]
            )
        ),
        max_size=12,
    )
)
def test_delivered_ids_answer_exactly_like_a_set_whatever_the_chunks(chunks: list[list[str]]) -> None:
    # Chunks of consecutive seqs take a fast path (one range per chunk); every other shape, the
    # general one. Membership must be exact either way: an id is known iff it was delivered (numeric
    # ids by value, as a reconnect compares them).
    delivered = DeliveredIds()
    numbers: set[int] = set()
    others: set[str] = set()
    for chunk in chunks:
        delivered.add_all(chunk)
        for event_id in chunk:
            if event_id.isdigit() and event_id.isascii():
                numbers.add(int(event_id))
            else:
                others.add(event_id)
    for n in range(0, 70):
        assert (str(n) in delivered) == (n in numbers), n
    for other in ["x", "٣", "1e3", "-1"]:
        assert (other in delivered) == (other in others), other


def test_a_chunk_of_consecutive_seqs_extends_the_last_range_in_one_step() -> None:
    delivered = DeliveredIds()
    delivered.add_all(["1", "2", "3"])
    delivered.add_all([str(n) for n in range(4, 1000)])
    assert "999" in delivered
    assert "1000" not in delivered
    delivered.add_all(["1001", "1000", "1002"])  # not in order: the general path, still exact
    assert all(str(n) in delivered for n in range(1, 1003))
    assert "1003" not in delivered
    assert delivered._ranges == [[1, 1002]]
    delivered.add_all(["5", "7"])  # not consecutive: nothing in between is invented
    delivered.add_all(["2000", "2002", "2003"])
    assert "2001" not in delivered
    assert "2003" in delivered
