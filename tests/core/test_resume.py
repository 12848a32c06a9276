"""`StreamResume`: what a self-healing event stream does after each event and each connection.

Contracts pinned:
- replayed events (numeric id not past the last delivered) are dropped; new ones pass, in order;
- an event resets the consecutive-failure count;
- a failed or cleanly closed connection is reopened after the backoff, or after the server's
  `retry:` time for the first reconnect;
- `max_failures` consecutive failures raise `APIConnectionError`, chained to the last failure;
- a connection the server closes cleanly right away ends the stream; a slow clean close (an idle
  proxy) or a quick drop (reset, incomplete body) is reopened instead;
- an error answer that spends the budget is raised as itself, not wrapped.
"""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from anyframe import APIConnectionError, ServerError
from anyframe._core.resume import QUICK_EOF_SECONDS, StreamResume
from anyframe._core.sse import SSEEvent


def _state(**kwargs: object) -> StreamResume:
    return StreamResume("/api/sessions/s/events", rand=lambda: 0.0, **kwargs)  # type: ignore[arg-type]


def test_replayed_ids_are_dropped_and_new_ones_admitted() -> None:
    state = _state()
    assert [state.admit(i) for i in ("1", "2", "3")] == [True, True, True]
    assert [state.admit(i) for i in ("2", "3", "4", "5")] == [False, False, True, True]


def test_events_without_numeric_ids_are_always_admitted() -> None:
    state = _state()
    assert state.admit(None)
    assert state.admit("abc")
    assert state.admit("abc")


def test_an_event_resets_the_failure_count() -> None:
    state = _state()
    state.connection_ended(failure=httpx.ReadError("x"), elapsed=5.0, server_retry_ms=None)
    assert state.failures == 1
    state.connection_opened()
    state.admit("1")
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
    state.admit("1")
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


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 30).map(str), st.sampled_from(["x", ""])), max_size=12),
        max_size=6,
    )
)
def test_admit_all_equals_admit_applied_event_by_event(chunks: list[list[str | None]]) -> None:
    one_by_one, batched = _state(), _state()
    for chunk in chunks:
        events = [SSEEvent(f"d{i}", id=event_id) for i, event_id in enumerate(chunk)]
        expected = [e for e in events if one_by_one.admit(e.id)]
        assert batched.admit_all(events) == expected
        assert (batched.failures, batched.new_events) == (one_by_one.failures, one_by_one.new_events)


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
    state.admit("1")
    assert state.answer_failed(502, {}, max_retries=1) is not None
