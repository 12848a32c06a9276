"""The one polling loop behind `wait_for_build` and `wait_until_running`.

The decisions (done, failed, how long to sleep, deadline) are the pure
[`Poll`][anyframe._core.polling.Poll]'s; this shell only fetches, reports progress and sleeps.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from .._core.polling import Poll, PollFailed
from .._core.validate import check_callback
from ..exceptions import AnyFrameError
from ._io import sleep

__all__ = ["poll_until"]

M = TypeVar("M")


async def poll_until(
    fetch: Callable[[], Awaitable[M]],
    state: Callable[[M], str | None],
    poll: Poll,
    *,
    on_status: Callable[[M], object] | None,
    failure: Callable[[M, str], AnyFrameError],
) -> M:
    """Fetch until `poll` says the wait is over; return the last model fetched.

    Raises:
        AnyFrameError: What `failure` builds when the state is a failure state.
        TimeoutError: The poll's deadline passed.
    """
    check_callback("on_status", on_status)
    while True:
        model = await fetch()
        if on_status is not None:
            on_status(model)
        try:
            delay = poll.next_delay(state(model))
        except PollFailed as failed:
            raise failure(model, failed.status) from None
        if delay is None:
            return model
        await sleep(delay)
