"""The few concurrency primitives whose sync and async forms differ in shape, not only in spelling.

Everything else in the shells is written once, async, and rewritten to sync by `scripts/unasync.py`.
These cannot be: a semaphore acquired with a timeout, a hard deadline around an awaitable, and the
key of the event loop a pool belongs to. Each comes as an `AsyncX` class in
[`anyframe._concurrency._async`][anyframe._concurrency._async] and an `X` class with the same methods
in [`anyframe._concurrency._sync`][anyframe._concurrency._sync], so the async source imports
`AsyncGate` from the first and its generated sync twin imports `Gate` from the second (the `_async`
-> `_sync` rule of unasync). A fourth, the signal that a client was closed, wakes sleepers on any
thread or event loop; a fifth, the alarm, cuts a blocking read short at a deadline, which only the
sync flavour needs.

Two modules rather than one so that the sync client never imports `asyncio` (about 15 ms of a cold
start, for a program that never runs an event loop).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator

__all__ = ["LoopWatch"]


class LoopWatch:
    """What [`AsyncLoops.when_closing`][anyframe._concurrency._async.AsyncLoops.when_closing] returns."""

    __slots__ = ("cancelled", "generator")

    def __init__(self) -> None:
        self.cancelled = False
        self.generator: AsyncGenerator[None, None] | None = None

    def cancel(self) -> None:
        """Forget the callback and end the watch now, without awaiting anything (any thread)."""
        self.cancelled = True
        if self.generator is not None:
            with contextlib.suppress(StopIteration, RuntimeError):
                self.generator.aclose().send(None)  # the `finally` awaits nothing once cancelled
            self.generator = None
