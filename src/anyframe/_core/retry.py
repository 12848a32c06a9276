"""When to retry a request and how long to wait first: pure decisions, tested with plain values.

The rules (DESIGN.md §5), chosen so that a retry never duplicates work:

* a connection that failed before the request was sent (connect error or connect timeout, pool
  timeout) is retried for any method: the server never saw it;
* 408, 429, 500, 502, 503 and 504 are retried for idempotent methods (GET, HEAD, PUT, DELETE,
  OPTIONS) only; 429 is retried for POST too, because the server refused it unprocessed;
* anything that failed after the request was sent (read error, reset, read timeout) is retried
  for idempotent methods only: a POST that creates a sandbox may already have run;
* waits grow exponentially from 0.5 s, doubling, capped at 8 s, with jitter; a `Retry-After` /
  `retry-after-ms` up to 60 s replaces that; a longer one is not waited for at all: the caller
  gets [`RateLimitError`][anyframe.RateLimitError] at once, with `.retry_after` set.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

import httpx

from .errors import retry_after_seconds

__all__ = [
    "BACKOFF_CAP",
    "BACKOFF_INITIAL",
    "IDEMPOTENT_METHODS",
    "MAX_RETRY_AFTER",
    "RETRYABLE_STATUSES",
    "backoff",
    "reconnect_delay",
    "retry_delay_for_exception",
    "retry_delay_for_status",
    "sent_before_failure",
]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
BACKOFF_INITIAL = 0.5
BACKOFF_CAP = 8.0
MAX_RETRY_AFTER = 60.0


def backoff(attempt: int, *, rand: Callable[[], float] = random.random) -> float:
    """The wait before retry number `attempt + 1` (attempt 0 is the first retry).

    Exponential from [`BACKOFF_INITIAL`] doubling up to [`BACKOFF_CAP`], minus up to 25 % jitter so
    that many clients failing together do not retry in lockstep.
    """
    base = min(BACKOFF_CAP, BACKOFF_INITIAL * 2.0**attempt)
    return base * (1.0 - 0.25 * rand())


def retry_delay_for_status(
    method: str,
    status: int,
    headers: Mapping[str, str],
    attempt: int,
    max_retries: int,
    *,
    rand: Callable[[], float] = random.random,
    now: float | None = None,
) -> float | None:
    """Whether to retry after an answer with `status`, and after how long.

    Args:
        method: The request's HTTP method.
        status: The answer's status code.
        headers: The answer's headers (`Retry-After`, `retry-after-ms`).
        attempt: How many retries were already made for this call.
        max_retries: The retry budget of this call.
        rand: Source of jitter in [0, 1).
        now: Unix time for HTTP-date `Retry-After` values.

    Returns:
        Seconds to wait before the next attempt, or `None` to stop and raise the mapped error.
    """
    if attempt >= max_retries or status not in RETRYABLE_STATUSES:
        return None
    if method.upper() not in IDEMPOTENT_METHODS and status != 429:
        return None
    asked = retry_after_seconds(headers, now=now)
    if asked is not None:
        return asked if asked <= MAX_RETRY_AFTER else None
    return backoff(attempt, rand=rand)


def sent_before_failure(exc: Exception) -> bool:
    """Whether the request may have reached the server before `exc` happened.

    Only connect-phase failures prove it did not: the server cannot have acted on the request.
    """
    return not isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))


def retry_delay_for_exception(
    method: str,
    exc: Exception,
    attempt: int,
    max_retries: int,
    *,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """Whether to retry after a transport failure, and after how long.

    Returns:
        Seconds to wait, or `None` to stop and raise
        [`APIConnectionError`][anyframe.APIConnectionError] / [`APITimeoutError`][anyframe.APITimeoutError].
    """
    if attempt >= max_retries or not isinstance(exc, httpx.TransportError):
        return None
    if sent_before_failure(exc) and method.upper() not in IDEMPOTENT_METHODS:
        return None
    return backoff(attempt, rand=rand)


def reconnect_delay(
    failures: int, server_retry_ms: int | None, *, rand: Callable[[], float] = random.random
) -> float:
    """The wait before reopening a dropped event stream.

    Args:
        failures: Consecutive failed connections so far (1 for the first reconnect).
        server_retry_ms: The last `retry:` value the server sent, in milliseconds, if any.
        rand: Source of jitter in [0, 1).

    Returns:
        The server's reconnection time when it set one (capped at [`MAX_RETRY_AFTER`], like
        `Retry-After`: a server cannot park a stream for hours), otherwise the usual backoff; after
        repeated failures the longer of the two, so a server asking for fast reconnects is not hammered.
    """
    ours = backoff(failures - 1, rand=rand)
    if server_retry_ms is None:
        return ours
    asked = min(server_retry_ms / 1000.0, MAX_RETRY_AFTER)
    return asked if failures <= 1 else max(asked, ours)
