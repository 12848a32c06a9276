"""The I/O primitives the shells share, in their async flavour (the sync twin is generated).

`sleep` is the plain wait of the pollers; `pause` is the wait of retries and reconnects, which a
client's `close()` cuts short; `shutdown` ends a connection from any thread or task, even while
another one is blocked reading it. The primitives whose two flavours differ in shape live in
`anyframe._concurrency`.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

import httpx

from .._concurrency._async import AsyncSignal

__all__ = ["pause", "shutdown", "sleep"]


async def sleep(seconds: float) -> None:
    """Wait `seconds` without blocking other work."""
    await asyncio.sleep(seconds)


async def pause(seconds: float, closing: AsyncSignal) -> bool:
    """Wait `seconds`, or less when `closing` is set; return whether it is (the caller stops then)."""
    return await closing.wait(seconds)


def shutdown(response: httpx.Response) -> None:
    """Shut down the socket under a streamed response, waking whoever is blocked reading it.

    Closing a socket does not wake a thread blocked in `recv` on it; shutting it down does, in both
    flavours, from any thread. The reader then sees the connection end, and its shell decides what
    that means (the client was closed). Responses not read from a socket (mocks) are left alone.
    """
    stream = response.extensions.get("network_stream")
    raw = stream.get_extra_info("socket") if stream is not None else None
    if raw is not None:
        with contextlib.suppress(OSError, AttributeError):
            raw.shutdown(socket.SHUT_RDWR)
