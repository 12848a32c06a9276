"""The thread flavour of the primitives of [`anyframe._concurrency`][anyframe._concurrency]: what the
generated sync shells import (no `asyncio` here)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Generator, Iterator
from typing import TypeVar

from . import LoopWatch

__all__ = ["Alarm", "Deadline", "Flat", "Gate", "Loops", "Signal"]

T = TypeVar("T")


class Gate:
    """A counting semaphore whose `acquire` gives up after a timeout (shared by threads)."""

    __slots__ = ("_semaphore",)

    def __init__(self, limit: int) -> None:
        self._semaphore = threading.Semaphore(limit)

    def acquire(self, timeout: float | None) -> bool:
        """Take a slot, waiting at most `timeout` seconds (`None`: no bound); False when none came."""
        return self._semaphore.acquire(timeout=timeout)

    def release(self) -> None:
        """Give a slot back."""
        self._semaphore.release()


class Deadline:
    """The sync twin of [`AsyncDeadline`][anyframe._concurrency._async.AsyncDeadline].

    A blocking call cannot be interrupted from the outside, so the value has already been computed
    when `run` sees it: the sync shells enforce the deadline themselves, between reads.
    """

    @staticmethod
    def run(seconds: float | None, value: T) -> T:
        """Return `value` (computed by the caller under its own deadline checks)."""
        return value


class Alarm:
    """Call `ring` from a timer thread after `seconds` (`None`: never), unless cancelled first.

    A blocking read cannot be cancelled from its own thread; at a deadline, `ring` shuts the socket
    down (as closing the client does), which wakes the reader.
    """

    __slots__ = ("_timer",)

    def __init__(self, seconds: float | None, ring: Callable[[], object]) -> None:
        self._timer: threading.Timer | None = None
        if seconds is not None:
            timer = threading.Timer(max(0.0, seconds), ring)
            timer.daemon = True  # never keeps the process alive
            timer.start()
            self._timer = timer

    def cancel(self) -> None:
        """Stop the timer (`ring` may already be running: it must tolerate being late)."""
        if self._timer is not None:
            self._timer.cancel()


class Loops:
    """The sync twin of [`AsyncLoops`][anyframe._concurrency._async.AsyncLoops]: one pool for every thread."""

    @staticmethod
    def current() -> object:
        """Always `None`: sync pools are shared by all threads."""
        return None

    @staticmethod
    def is_closed(key: object) -> bool:
        """Always False."""
        return False

    @staticmethod
    def when_closing(callback: Callable[[], None]) -> LoopWatch:
        """Nothing to watch: sync pools live until the client is closed."""
        return LoopWatch()


class Signal:
    """The sync twin of [`AsyncSignal`][anyframe._concurrency._async.AsyncSignal], for threads."""

    __slots__ = ("_event",)

    def __init__(self) -> None:
        self._event = threading.Event()

    def is_set(self) -> bool:
        """Whether `set` was called."""
        return self._event.is_set()

    def set(self) -> None:
        """Set the flag and wake every waiting thread."""
        self._event.set()

    def wait(self, seconds: float) -> bool:
        """Sleep `seconds`, or less if the flag gets set; return whether it is set."""
        return self._event.wait(seconds)


class Flat(Iterator[T]):
    """The sync twin of [`AsyncFlat`][anyframe._concurrency._async.AsyncFlat]: the items of a
    generator of lists, one at a time.

    Iterating `iter(flat)` runs at C speed (`itertools.chain`): a backlog replay hands out hundreds
    of thousands of events a second, and a Python `__next__` per event would be a tenth of the cost
    of parsing them. `close()` ends the iteration at once, items of the current list included, and
    closes the generator of lists.
    """

    __slots__ = ("_batches", "_current", "_items")

    def __init__(self, batches: Generator[list[T], None, None]) -> None:
        self._batches = batches
        # The list being handed out, so that close() can empty it under the chain's feet. A shared
        # one-slot box rather than an attribute of self, so that the generator holds no reference
        # to this object (a cycle would keep an abandoned stream's connection alive until the cycle
        # collector ran).
        self._current: list[list[T]] = [[]]
        self._items = itertools.chain.from_iterable(_tracked(batches, self._current))

    def __iter__(self) -> Iterator[T]:
        return self._items

    def __next__(self) -> T:
        return self._items.__next__()

    def close(self) -> None:
        """Drop what is left of the current list and close the generator of lists."""
        self._current[0].clear()
        self._batches.close()


def _tracked(batches: Iterator[list[T]], current: list[list[T]]) -> Iterator[list[T]]:
    for batch in batches:
        current[0] = batch
        yield batch
