"""The decision half of the waiters (`wait_for_build`, `wait_until_running`): pure, clock-injected.

A [`Poll`][anyframe._core.polling.Poll] is told each observed status and answers how long to sleep
before the next poll, `None` when the wait is over, or raises: the waiter's failure for a terminal
failure state, the builtin `TimeoutError` at the deadline (as the user guide documents). The first
poll happens at once; later ones back off from a short first delay up to `poll_interval`, so a fast
build is noticed quickly and a slow one is not hammered. No sleep ever runs past the deadline.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import get_args

from ..models._vocabulary import BuildDoneState, BuildFailedState, SessionEndedStatus, SessionReadyStatus
from .validate import check_seconds

__all__ = ["BUILD_DONE", "BUILD_FAILED", "SESSION_ENDED", "SESSION_READY", "Poll", "PollFailed"]

# The final states, from the vocabularies the models document (pydantic-free: no model is imported).
BUILD_DONE = frozenset(get_args(BuildDoneState))
BUILD_FAILED = frozenset(get_args(BuildFailedState))
SESSION_READY = frozenset(get_args(SessionReadyStatus))
SESSION_ENDED = frozenset(get_args(SessionEndedStatus))

_FIRST_DELAY = 0.1
_GROWTH = 2.0


class PollFailed(Exception):
    """Internal signal: the observed status is a terminal failure. The shell turns it into the
    waiter's public error, with the final model attached."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


@dataclass
class Poll:
    """State of one wait.

    Args:
        done: Statuses that end the wait successfully.
        failed: Statuses that end it with a failure.
        timeout: Seconds from construction to the deadline.
        poll_interval: The longest sleep between two polls.
        what: How to name the thing waited for in the timeout message.
        not_started: What the timeout message adds when no status was ever seen (`None`: a build
            never queued), such as what to call first.
        clock: Monotonic clock, injectable for tests.

    Raises:
        InvalidArgumentError: `timeout` is not a positive number of seconds (infinity waits for ever),
            or `poll_interval` is not a positive, finite one.
    """

    done: frozenset[str]
    failed: frozenset[str]
    timeout: float
    poll_interval: float
    what: str
    not_started: str = ""
    clock: Callable[[], float] = time.monotonic
    polls: int = 0
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        # Checked before the first poll: a string would raise TypeError mid-wait, NaN would never pass
        # the deadline, and an infinite interval would overflow the sync sleep.
        self.timeout = check_seconds("timeout", self.timeout, allow_infinite=True)  # inf: wait for ever
        self.poll_interval = check_seconds("poll_interval", self.poll_interval)
        self.deadline = self.clock() + self.timeout

    def next_delay(self, status: str | None) -> float | None:
        """Record one observed status.

        Returns:
            `None` when `status` ends the wait, else the seconds to sleep before polling again.

        Raises:
            PollFailed: `status` is a failure state.
            TimeoutError: The deadline has passed without reaching a final state.
        """
        self.polls += 1
        if status in self.done:
            return None
        if status in self.failed:
            raise PollFailed(status or "")
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            hint = f": {self.not_started}" if status is None and self.not_started else ""
            raise TimeoutError(
                f"{self.what} still {status or 'not started'!r} after {self.timeout:g}s "
                f"({self.polls} poll{'s' if self.polls != 1 else ''}){hint}"
            )
        delay = min(self.poll_interval, _FIRST_DELAY * _GROWTH ** (self.polls - 1))
        return min(delay, remaining)
