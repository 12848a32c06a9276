"""Tests of `anyframe._core.polling.Poll`, the decision half of `wait_for_build` / `wait_until_running`.

A fake clock stands in for `time.monotonic`; nothing sleeps. Contracts pinned here (api-contract.md §15):

- The first answer is acted on at once: a final state on the first poll returns `None` (no sleep).
- Sleeps start small (0.1 s) and double up to `poll_interval`, never beyond it.
- No sleep runs past the deadline: the last one is cut to the time remaining.
- Done states (`succeeded`, `cancelled` / `running`) end the wait with `None`, even when observed at
  the deadline; failure states (`failed` / `terminated`, `error`) raise the internal `PollFailed` carrying
  the status.
- At the deadline the builtin `TimeoutError` is raised (not an `AnyFrameError`), naming what was
  waited for, the last status, the timeout and the number of polls.
- A `None` status (never built) or an unknown one (`"paused"`) keeps polling.
- A non-positive (or NaN) `timeout` or `poll_interval` raises `InvalidArgumentError` at construction; an
  infinite timeout waits for ever. A string, a bool or `None` (`timeout="5"`), an infinite
  `poll_interval` (which would overflow the sync sleep) and values past `MAX_SECONDS` are refused the
  same way, never as a `TypeError` or `OverflowError` mid-wait.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from anyframe._core.polling import (
    BUILD_DONE,
    BUILD_FAILED,
    SESSION_ENDED,
    SESSION_READY,
    Poll,
    PollFailed,
)
from anyframe.exceptions import AnyFrameError, InvalidArgumentError


class FakeClock:
    """A monotonic clock that only moves when the test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def build_poll(clock: FakeClock, *, timeout: float = 600.0, poll_interval: float = 2.0) -> Poll:
    return Poll(
        done=BUILD_DONE,
        failed=BUILD_FAILED,
        timeout=timeout,
        poll_interval=poll_interval,
        what="build of agent 7",
        clock=clock,
    )


def session_poll(clock: FakeClock, *, timeout: float = 180.0, poll_interval: float = 1.0) -> Poll:
    return Poll(
        done=SESSION_READY,
        failed=SESSION_ENDED,
        timeout=timeout,
        poll_interval=poll_interval,
        what="session s-1",
        clock=clock,
    )


def test_state_sets_match_the_contract() -> None:
    assert frozenset({"succeeded", "cancelled"}) == BUILD_DONE
    assert frozenset({"failed"}) == BUILD_FAILED
    assert frozenset({"running"}) == SESSION_READY
    assert frozenset({"terminated", "error"}) == SESSION_ENDED


def test_deadline_is_timeout_seconds_after_construction() -> None:
    poll = build_poll(FakeClock(now=50.0), timeout=10.0)

    assert poll.deadline == 60.0
    assert poll.polls == 0


@pytest.mark.parametrize("status", ["succeeded", "cancelled"])
def test_build_done_on_the_first_poll_returns_none_at_once(status: str) -> None:
    poll = build_poll(FakeClock())

    assert poll.next_delay(status) is None
    assert poll.polls == 1


def test_session_running_ends_the_wait() -> None:
    poll = session_poll(FakeClock())

    assert poll.next_delay("booting") is not None
    assert poll.next_delay("running") is None


def test_first_sleep_is_short_and_growth_is_capped_at_poll_interval() -> None:
    clock = FakeClock()
    poll = build_poll(clock, poll_interval=2.0)

    delays = []
    for _ in range(8):
        delay = poll.next_delay("running")
        assert delay is not None
        delays.append(delay)
        clock.sleep(delay)

    assert delays == pytest.approx([0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0, 2.0])


@pytest.mark.parametrize("poll_interval", [0.05, 0.1, 0.3, 1.0, 5.0])
def test_no_sleep_is_ever_longer_than_poll_interval(poll_interval: float) -> None:
    clock = FakeClock()
    poll = build_poll(clock, poll_interval=poll_interval)

    for _ in range(20):
        delay = poll.next_delay("queued")
        assert delay is not None
        assert 0 < delay <= poll_interval
        clock.sleep(delay)


@pytest.mark.parametrize(("timeout", "poll_interval"), [(1.0, 5.0), (2.5, 1.0), (0.05, 1.0), (7.3, 2.0)])
def test_no_sleep_runs_past_the_deadline_and_the_wait_ends_at_it(
    timeout: float, poll_interval: float
) -> None:
    clock = FakeClock(now=0.0)
    poll = build_poll(clock, timeout=timeout, poll_interval=poll_interval)

    with pytest.raises(TimeoutError):  # noqa: PT012 - the loop is the subject under test
        for _ in range(1000):
            delay = poll.next_delay("running")
            assert delay is not None
            assert clock.now + delay <= poll.deadline
            clock.sleep(delay)

    assert clock.now == pytest.approx(timeout)
    assert poll.polls < 1000


def test_last_sleep_is_cut_to_the_time_remaining() -> None:
    clock = FakeClock(now=0.0)
    poll = build_poll(clock, timeout=10.0, poll_interval=2.0)
    clock.now = 9.95

    assert poll.next_delay("running") == pytest.approx(0.05)


def test_done_state_observed_after_the_deadline_still_ends_the_wait_successfully() -> None:
    clock = FakeClock(now=0.0)
    poll = build_poll(clock, timeout=5.0)
    clock.now = 99.0

    assert poll.next_delay("succeeded") is None


@pytest.mark.parametrize(
    ("make", "status"),
    [(build_poll, "failed"), (session_poll, "terminated"), (session_poll, "error")],
)
def test_failure_state_raises_poll_failed_with_the_status(
    make: Callable[[FakeClock], Poll], status: str
) -> None:
    poll = make(FakeClock())

    with pytest.raises(PollFailed) as info:
        poll.next_delay(status)

    assert info.value.status == status
    assert not isinstance(info.value, AnyFrameError)


def test_failure_state_wins_over_the_deadline() -> None:
    clock = FakeClock(now=0.0)
    poll = build_poll(clock, timeout=1.0)
    clock.now = 5.0

    with pytest.raises(PollFailed):
        poll.next_delay("failed")


@pytest.mark.parametrize("status", [None, "queued", "running", "paused", "some-future-state"])
def test_pending_none_and_unknown_statuses_keep_polling(status: str | None) -> None:
    clock = FakeClock()
    poll = build_poll(clock)

    for _ in range(5):
        delay = poll.next_delay(status)
        assert delay is not None
        clock.sleep(delay)


def test_deadline_raises_builtin_timeout_error_with_a_helpful_message() -> None:
    clock = FakeClock(now=0.0)
    poll = build_poll(clock, timeout=10.0)
    for _ in range(3):
        poll.next_delay("running")
    clock.now = 10.0

    with pytest.raises(TimeoutError) as info:
        poll.next_delay("running")

    assert type(info.value) is TimeoutError
    assert not isinstance(info.value, AnyFrameError)
    assert str(info.value) == "build of agent 7 still 'running' after 10s (4 polls)"


def test_timeout_message_for_a_build_that_never_started_and_a_single_poll() -> None:
    clock = FakeClock(now=0.0)
    poll = session_poll(clock, timeout=0.5)
    clock.now = 1.0

    with pytest.raises(TimeoutError) as info:
        poll.next_delay(None)

    assert str(info.value) == "session s-1 still 'not started' after 0.5s (1 poll)"


def test_a_wait_that_never_saw_a_status_adds_what_to_do_first_and_only_then() -> None:
    clock = FakeClock(now=0.0)
    poll = Poll(
        BUILD_DONE,
        BUILD_FAILED,
        1.0,
        1.0,
        what="build of agent 7",
        not_started="call build() first",
        clock=clock,
    )
    assert poll.next_delay(None) is not None
    clock.now = 2.0
    with pytest.raises(TimeoutError) as info:
        poll.next_delay(None)
    assert str(info.value) == "build of agent 7 still 'not started' after 1s (2 polls): call build() first"

    started = Poll(
        BUILD_DONE, BUILD_FAILED, 1.0, 1.0, what="build", not_started="call build() first", clock=clock
    )
    clock.now = 4.0
    with pytest.raises(TimeoutError) as info:
        started.next_delay("queued")
    assert str(info.value) == "build still 'queued' after 1s (1 poll)"  # it was started: no hint


@pytest.mark.parametrize(
    ("timeout", "poll_interval", "named"),
    [
        (0.0, 1.0, "timeout"),
        (-1.0, 1.0, "timeout"),
        (10.0, 0.0, "poll_interval"),
        (10.0, -2.0, "poll_interval"),
        (float("nan"), 1.0, "timeout"),
        (10.0, float("nan"), "poll_interval"),
    ],
)
def test_non_positive_timeout_or_poll_interval_is_rejected(
    timeout: float, poll_interval: float, named: str
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        build_poll(FakeClock(), timeout=timeout, poll_interval=poll_interval)

    assert info.value.message.startswith(f"{named} must be a positive number of seconds")
    assert isinstance(info.value, ValueError)


def test_default_clock_is_monotonic_time() -> None:
    poll = Poll(done=BUILD_DONE, failed=BUILD_FAILED, timeout=60.0, poll_interval=1.0, what="build")

    assert poll.next_delay("queued") == pytest.approx(0.1)


def test_infinite_timeout_never_times_out() -> None:
    clock = FakeClock(now=0.0)
    poll = build_poll(clock, timeout=float("inf"), poll_interval=2.0)
    clock.now = 1e12

    assert poll.next_delay("running") == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("timeout", "poll_interval", "named"),
    [
        ("5", 1.0, "timeout"),
        (None, 1.0, "timeout"),
        (True, 1.0, "timeout"),
        (10.0, "1", "poll_interval"),
        (10.0, float("inf"), "poll_interval"),
        (1e9, 1.0, "timeout"),
        (10.0, 10**12, "poll_interval"),
    ],
)
def test_non_numbers_and_unsleepable_durations_are_rejected_before_the_first_poll(
    timeout: object, poll_interval: object, named: str
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        build_poll(FakeClock(), timeout=timeout, poll_interval=poll_interval)  # type: ignore[arg-type]

    assert info.value.message.startswith(f"{named} must be a positive number of seconds")
    assert "finite" in info.value.message


def test_integer_durations_are_accepted_as_floats() -> None:
    poll = build_poll(FakeClock(), timeout=5, poll_interval=1)

    assert (poll.timeout, poll.poll_interval) == (5.0, 1.0)
