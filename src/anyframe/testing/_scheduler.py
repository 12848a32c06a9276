"""A single daemon thread that runs the simulated world's delayed transitions.

Builds, boots, agent turns, snapshots and idle checks are all "do this in N seconds". One heap-ordered
timer thread keeps the thread count flat no matter how many sessions are alive (a `threading.Timer` per
transition would spawn hundreds of threads under the fan-out benchmark), and stopping it is one call.
Callbacks run on the scheduler thread and take the world lock themselves.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable

__all__ = ["Scheduler"]

logger = logging.getLogger("anyframe.testing")


class Scheduler:
    """Run callables after a delay, in due-time order (FIFO among equal due times)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()
        self._stopped = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the timer thread (idempotent)."""
        with self._cond:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="anyframe-plane-scheduler", daemon=True)
            self._thread.start()

    def call_later(self, delay: float, callback: Callable[[], None]) -> None:
        """Schedule `callback` to run once, `delay` seconds from now.

        Args:
            delay: Seconds to wait; negative values run as soon as possible.
            callback: A function taking no argument. Exceptions are logged, never raised.
        """
        with self._cond:
            if self._stopped:
                return
            heapq.heappush(self._heap, (time.monotonic() + max(0.0, delay), next(self._order), callback))
            self._cond.notify()

    def stop(self, timeout: float = 2.0) -> None:
        """Drop every pending callback and join the timer thread.

        Args:
            timeout: Seconds to wait for a callback that is running right now.
        """
        with self._cond:
            self._stopped = True
            self._heap.clear()
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    if self._stopped:
                        return
                    now = time.monotonic()
                    if self._heap and self._heap[0][0] <= now:
                        _, _, callback = heapq.heappop(self._heap)
                        break
                    self._cond.wait(self._heap[0][0] - now if self._heap else None)
            try:
                callback()
            except Exception:  # a broken transition must not kill every later one
                logger.exception("scheduled transition failed")
