"""The two concurrency primitives the shells need, in their async flavour.

Kept in one module so that the generated sync twin swaps them (time.sleep, threading.Semaphore)
in one place.
"""

from __future__ import annotations

import asyncio

__all__ = ["make_gate", "sleep"]


async def sleep(seconds: float) -> None:
    """Wait `seconds` without blocking other work."""
    await asyncio.sleep(seconds)


def make_gate(limit: int) -> asyncio.Semaphore:
    """A semaphore bounding in-flight requests to the connection pool's size."""
    return asyncio.Semaphore(limit)
