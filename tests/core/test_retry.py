"""Tests of `anyframe._core.retry`: when a call is retried and how long the SDK waits first.

Contracts pinned here (DESIGN.md §5):

- Statuses 408/429/500/502/503/504 are retried for idempotent methods (GET, HEAD, PUT, DELETE,
  OPTIONS, any case); POST and PATCH are retried on 429 only; every other status is never retried.
- No retry once `attempt >= max_retries` (so `max_retries=0` never retries).
- `Retry-After` / `retry-after-ms` up to 60 s replaces the backoff exactly (HTTP dates included);
  longer than 60 s means "do not wait": `None`, and the caller raises `RateLimitError`.
- Transport failures: connect errors, connect timeouts and pool timeouts (never sent) are retried for
  any method; read/write errors, read timeouts and protocol errors (maybe processed) only for idempotent
  methods; anything that is not an `httpx.TransportError` is never retried.
- Backoff: 0.5, 1, 2, 4, 8, 8, ... seconds, minus up to 25 % jitter (never more than the base, never
  less than three quarters of it).
- Stream reconnects: our backoff when the server set no `retry:`; the server's value on the first
  reconnect; the longer of the two after repeated failures.
"""

from __future__ import annotations

from collections.abc import Callable
from email.utils import formatdate

import httpx
import pytest

from anyframe._core.retry import (
    BACKOFF_CAP,
    BACKOFF_INITIAL,
    IDEMPOTENT_METHODS,
    MAX_RETRY_AFTER,
    RETRYABLE_STATUSES,
    backoff,
    reconnect_delay,
    retry_delay_for_exception,
    retry_delay_for_status,
    sent_before_failure,
)


def no_jitter() -> float:
    return 0.0


def fixed(value: float) -> Callable[[], float]:
    return lambda: value


NO_HEADERS = httpx.Headers()
FIRST_BACKOFF = 0.5  # backoff(0) without jitter

IDEMPOTENT = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "get", "delete"]
NOT_IDEMPOTENT = ["POST", "PATCH", "post"]
RETRYABLE = [408, 429, 500, 502, 503, 504]
NEVER_RETRIED = [200, 204, 301, 400, 401, 403, 404, 409, 418, 422, 499, 501, 505, 520]


def test_documented_constants() -> None:
    assert frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}) == IDEMPOTENT_METHODS
    assert frozenset({408, 429, 500, 502, 503, 504}) == RETRYABLE_STATUSES
    assert (BACKOFF_INITIAL, BACKOFF_CAP, MAX_RETRY_AFTER) == (0.5, 8.0, 60.0)


# --- retry_delay_for_status: method x status ---


@pytest.mark.parametrize("method", IDEMPOTENT)
@pytest.mark.parametrize("status", RETRYABLE)
def test_retryable_status_is_retried_for_idempotent_methods(method: str, status: int) -> None:
    assert retry_delay_for_status(method, status, NO_HEADERS, 0, 2, rand=no_jitter) == FIRST_BACKOFF


@pytest.mark.parametrize("method", NOT_IDEMPOTENT)
@pytest.mark.parametrize("status", [408, 500, 502, 503, 504])
def test_server_errors_are_not_retried_for_post_or_patch(method: str, status: int) -> None:
    assert retry_delay_for_status(method, status, NO_HEADERS, 0, 2, rand=no_jitter) is None


@pytest.mark.parametrize("method", NOT_IDEMPOTENT)
def test_429_is_retried_for_post_and_patch_because_the_server_refused_it_unprocessed(method: str) -> None:
    assert retry_delay_for_status(method, 429, NO_HEADERS, 0, 2, rand=no_jitter) == FIRST_BACKOFF


@pytest.mark.parametrize("method", IDEMPOTENT + NOT_IDEMPOTENT)
@pytest.mark.parametrize("status", NEVER_RETRIED)
def test_other_statuses_are_never_retried(method: str, status: int) -> None:
    assert retry_delay_for_status(method, status, NO_HEADERS, 0, 2, rand=no_jitter) is None


@pytest.mark.parametrize(
    ("attempt", "max_retries", "retried"),
    [(0, 2, True), (1, 2, True), (2, 2, False), (3, 2, False), (0, 0, False), (9, 10, True)],
)
def test_status_retries_stop_when_the_budget_is_spent(attempt: int, max_retries: int, retried: bool) -> None:
    delay = retry_delay_for_status("GET", 503, NO_HEADERS, attempt, max_retries, rand=no_jitter)

    assert (delay is not None) is retried


@pytest.mark.parametrize(("attempt", "expected"), [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0)])
def test_status_retry_waits_grow_with_the_attempt(attempt: int, expected: float) -> None:
    assert retry_delay_for_status("GET", 502, NO_HEADERS, attempt, 10, rand=no_jitter) == expected


NOW = 1_780_000_000.0


@pytest.mark.parametrize(
    ("headers", "delay"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "0"}, 0.0),
        ({"Retry-After": "60"}, 60.0),
        ({"Retry-After": "60.5"}, None),
        ({"Retry-After": "61"}, None),
        ({"Retry-After": "3600"}, None),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "60000"}, 60.0),
        ({"retry-after-ms": "60001"}, None),
        ({"Retry-After": "garbage"}, FIRST_BACKOFF),
    ],
)
def test_retry_after_up_to_60_seconds_is_honoured_exactly_and_longer_means_give_up(
    headers: dict[str, str], delay: float | None
) -> None:
    assert retry_delay_for_status("GET", 429, httpx.Headers(headers), 0, 2, rand=no_jitter, now=NOW) == delay


@pytest.mark.parametrize(("offset", "delay"), [(20.0, 20.0), (60.0, 60.0), (90.0, None), (-5.0, 0.0)])
def test_retry_after_http_date_is_measured_from_now(offset: float, delay: float | None) -> None:
    headers = httpx.Headers({"Retry-After": formatdate(NOW + offset, usegmt=True)})

    assert retry_delay_for_status("PUT", 503, headers, 0, 2, rand=no_jitter, now=NOW) == delay


def test_retry_after_applies_to_post_only_for_429() -> None:
    headers = httpx.Headers({"Retry-After": "3"})

    assert retry_delay_for_status("POST", 429, headers, 0, 2) == 3.0
    assert retry_delay_for_status("POST", 503, headers, 0, 2) is None


def test_retry_after_does_not_extend_the_budget() -> None:
    headers = httpx.Headers({"Retry-After": "1"})

    assert retry_delay_for_status("GET", 429, headers, 2, 2) is None


# --- retry_delay_for_exception ---

NEVER_SENT = [
    httpx.ConnectError("refused"),
    httpx.ConnectTimeout("slow connect"),
    httpx.PoolTimeout("pool exhausted"),
]
MAYBE_PROCESSED = [
    httpx.ReadError("reset"),
    httpx.ReadTimeout("slow read"),
    httpx.RemoteProtocolError("peer closed"),
    httpx.WriteError("broken pipe"),
    httpx.WriteTimeout("slow write"),
    httpx.ProxyError("proxy"),
]


@pytest.mark.parametrize("method", IDEMPOTENT + NOT_IDEMPOTENT)
@pytest.mark.parametrize("exc", NEVER_SENT, ids=lambda e: type(e).__name__)
def test_failures_before_the_request_was_sent_are_retried_for_any_method(method: str, exc: Exception) -> None:
    assert sent_before_failure(exc) is False
    assert retry_delay_for_exception(method, exc, 0, 2, rand=no_jitter) == FIRST_BACKOFF


@pytest.mark.parametrize("method", IDEMPOTENT)
@pytest.mark.parametrize("exc", MAYBE_PROCESSED, ids=lambda e: type(e).__name__)
def test_failures_after_sending_are_retried_for_idempotent_methods(method: str, exc: Exception) -> None:
    assert sent_before_failure(exc) is True
    assert retry_delay_for_exception(method, exc, 0, 2, rand=no_jitter) == FIRST_BACKOFF


@pytest.mark.parametrize("method", NOT_IDEMPOTENT)
@pytest.mark.parametrize("exc", MAYBE_PROCESSED, ids=lambda e: type(e).__name__)
def test_failures_after_sending_are_never_retried_for_post_or_patch(method: str, exc: Exception) -> None:
    assert retry_delay_for_exception(method, exc, 0, 2, rand=no_jitter) is None


@pytest.mark.parametrize(
    "exc",
    [ValueError("x"), httpx.StreamConsumed(), httpx.DecodingError("gzip"), RuntimeError("boom")],
    ids=lambda e: type(e).__name__,
)
def test_non_transport_exceptions_are_never_retried(exc: Exception) -> None:
    assert retry_delay_for_exception("GET", exc, 0, 2, rand=no_jitter) is None


@pytest.mark.parametrize(("attempt", "max_retries"), [(2, 2), (5, 2), (0, 0)])
def test_exception_retries_stop_when_the_budget_is_spent(attempt: int, max_retries: int) -> None:
    assert retry_delay_for_exception("GET", httpx.ConnectError("x"), attempt, max_retries) is None


# --- backoff ---


@pytest.mark.parametrize(
    ("attempt", "base"), [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 8.0), (10, 8.0), (60, 8.0)]
)
def test_backoff_doubles_from_half_a_second_and_caps_at_8(attempt: int, base: float) -> None:
    assert backoff(attempt, rand=no_jitter) == base


@pytest.mark.parametrize(
    ("attempt", "rand", "expected"),
    [(0, 0.5, 0.4375), (2, 1.0, 1.5), (4, 0.999999, 8.0 * (1 - 0.25 * 0.999999)), (3, 0.2, 3.8)],
)
def test_backoff_subtracts_up_to_a_quarter_as_jitter(attempt: int, rand: float, expected: float) -> None:
    assert backoff(attempt, rand=fixed(rand)) == pytest.approx(expected)


@pytest.mark.parametrize("attempt", range(7))
def test_backoff_with_real_randomness_stays_within_the_jitter_bounds(attempt: int) -> None:
    base = min(8.0, 0.5 * 2**attempt)

    for _ in range(200):
        assert 0.75 * base < backoff(attempt) <= base


# --- reconnect_delay ---


@pytest.mark.parametrize(
    ("failures", "server_retry_ms", "delay"),
    [
        (1, None, 0.5),
        (2, None, 1.0),
        (3, None, 2.0),
        (10, None, 8.0),
        (1, 3000, 3.0),
        (1, 100, 0.1),
        (1, 0, 0.0),
        (1, 120_000, 60.0),  # capped like Retry-After
        (1, 10**20, 60.0),
        (3, 10**20, 60.0),
        (2, 3000, 3.0),
        (2, 100, 1.0),
        (3, 100, 2.0),
        (6, 0, 8.0),
    ],
)
def test_reconnect_delay_honours_the_server_retry_and_backs_off_after_repeated_failures(
    failures: int, server_retry_ms: int | None, delay: float
) -> None:
    assert reconnect_delay(failures, server_retry_ms, rand=no_jitter) == delay


def test_reconnect_delay_jitters_only_our_own_backoff() -> None:
    assert reconnect_delay(1, None, rand=fixed(1.0)) == 0.375
    assert reconnect_delay(1, 2000, rand=fixed(1.0)) == 2.0
