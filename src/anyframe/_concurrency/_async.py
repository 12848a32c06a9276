"""The event-loop flavour of the primitives of [`anyframe._concurrency`][anyframe._concurrency]: what
the async shells import."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Generic, TypeVar

from . import LoopWatch

__all__ = ["AsyncAlarm", "AsyncDeadline", "AsyncFlat", "AsyncGate", "AsyncLoops", "AsyncSignal"]

T = TypeVar("T")


class AsyncGate:
    """A counting semaphore whose `acquire` gives up after a timeout (bound to one event loop)."""

    __slots__ = ("_semaphore",)

    def __init__(self, limit: int) -> None:
        self._semaphore = asyncio.Semaphore(limit)

    async def acquire(self, timeout: float | None) -> bool:
        """Take a slot, waiting at most `timeout` seconds (`None`: no bound); False when none came."""
        semaphore = self._semaphore
        if not semaphore.locked() or timeout is None:
            await semaphore.acquire()  # the common case pays for no timer
            return True
        try:
            await asyncio.wait_for(semaphore.acquire(), timeout)
        except (asyncio.TimeoutError, TimeoutError):
            return False
        return True

    def release(self) -> None:
        """Give a slot back."""
        self._semaphore.release()


class AsyncDeadline:
    """Run an awaitable under an overall time limit: cancelled and `TimeoutError` when it passes."""

    @staticmethod
    async def run(seconds: float | None, awaitable: Awaitable[T]) -> T:
        """Await `awaitable`, raising the builtin `TimeoutError` after `seconds` (`None`: no limit)."""
        if seconds is None:
            return await awaitable
        if sys.version_info >= (3, 11):
            async with asyncio.timeout(seconds):  # a timer handle, no extra task
                return await awaitable
        try:  # pragma: no cover - Python 3.10, where asyncio's TimeoutError is not the builtin one
            return await asyncio.wait_for(awaitable, seconds)
        except asyncio.TimeoutError:  # pragma: no cover
            raise TimeoutError(f"not done within {seconds} s") from None


class AsyncAlarm:
    """Nothing to arm in the async flavour: there, a deadline cancels the await itself
    ([`AsyncDeadline`][anyframe._concurrency._async.AsyncDeadline])."""

    __slots__ = ()

    def __init__(self, seconds: float | None, ring: Callable[[], object]) -> None:
        del seconds, ring

    def cancel(self) -> None:
        """Nothing to cancel."""


class AsyncLoops:
    """Which event loop a call runs on: connection pools belong to the loop that opened them."""

    @staticmethod
    def current() -> object:
        """The running event loop."""
        return asyncio.get_running_loop()

    @staticmethod
    def is_closed(key: object) -> bool:
        """Whether the loop `key` (from `current`) has been closed."""
        return isinstance(key, asyncio.AbstractEventLoop) and key.is_closed()

    @staticmethod
    def when_closing(callback: Callable[[], Awaitable[None]]) -> LoopWatch:
        """Have `callback` awaited on the running loop when it shuts down; keep the result referenced.

        Connections must be closed on the loop that opened them, and nothing tells a library that a
        loop is ending, except this: `asyncio.run`, `asyncio.Runner` and the pytest plugins all call
        `loop.shutdown_asyncgens()` before closing a loop, which closes every async generator the
        loop has seen start. So start one here, parked at its `yield`, whose `finally` runs the
        callback. (The loop notes the generator when it is first stepped, which `send` does now.)
        Dropped while its loop still runs, the generator is closed on that loop, callback included.
        """
        watch = LoopWatch()

        async def sentinel() -> AsyncGenerator[None, None]:
            try:
                yield
            finally:
                if not watch.cancelled:
                    await callback()

        watch.generator = sentinel()
        with contextlib.suppress(StopIteration):
            watch.generator.__anext__().send(None)  # runs to the `yield`: no await happens before it
        return watch


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class AsyncSignal:
    """A flag set once, from any thread; tasks waiting on it on any event loop wake at once."""

    __slots__ = ("_lock", "_set", "_waiters")

    def __init__(self) -> None:
        self._set = False
        self._lock = threading.Lock()
        self._waiters: set[asyncio.Future[None]] = set()

    def is_set(self) -> bool:
        """Whether `set` was called."""
        return self._set

    def set(self) -> None:
        """Set the flag and wake every waiter, whichever thread or loop it waits on."""
        with self._lock:
            self._set = True
            waiters = list(self._waiters)
        for future in waiters:
            with contextlib.suppress(RuntimeError):  # that loop is closed: nobody waits there any more
                future.get_loop().call_soon_threadsafe(_wake, future)

    async def wait(self, seconds: float) -> bool:
        """Sleep `seconds`, or less if the flag gets set; return whether it is set."""
        if self._set:
            return True
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        with self._lock:
            self._waiters.add(future)
        try:
            if self._set:
                return True
            # asyncio.sleep is looked up at call time, so tests that replace it see every wait.
            sleeper = asyncio.ensure_future(asyncio.sleep(seconds))
            try:
                await asyncio.wait((sleeper, future), return_when=asyncio.FIRST_COMPLETED)
            finally:
                sleeper.cancel()
        finally:
            with self._lock:
                self._waiters.discard(future)
        return self._set


class AsyncFlat(Generic[T]):
    """The items of an async generator of lists, one at a time (an event stream's events, parsed a
    chunk at a time).

    `aclose()` ends the iteration at once, items of the current list included, and closes the
    generator of lists.
    """

    __slots__ = ("_batch", "_batches", "_index")

    def __init__(self, batches: AsyncGenerator[list[T], None]) -> None:
        self._batches = batches
        self._batch: list[T] = []
        self._index = 0

    def __aiter__(self) -> AsyncFlat[T]:
        return self

    async def __anext__(self) -> T:
        while self._index >= len(self._batch):
            self._batch = await self._batches.__anext__()
            self._index = 0
        item = self._batch[self._index]
        self._index += 1
        return item

    async def aclose(self) -> None:
        """Drop what is left of the current list and close the generator of lists."""
        self._batch = []
        await self._batches.aclose()
