"""Tests of the exception classes themselves (`anyframe.exceptions`): construction, pickling, the
local validation error. Pure values; one test starts a process pool.

Contracts pinned here:

- The 1.x construction patterns run as written, each with the documented status and a `str()` that
  contains both the status and the message: `APIError(503, "upstream timeout")`, `AuthError("nope")`
  (401), `NotFoundError("gone")` (404), `ValidationError("bad")` (422),
  `ValidationError("body invalid", details=[...])`, `ConflictError("dup")` (409),
  `ServerError(503, "boom")`, `RateLimitError("slow down", retry_after=12)`, and the no-argument forms
  with 1.x's default messages. The keyword forms (`status_code=`, `request_id=`, `body=`, `errors=`)
  keep working. Misuse (no status for a plain `APIError`, a status twice, a non-int status) is a
  `TypeError`, as any wrong constructor call.
- Every public exception pickles and unpickles to the same class with the same attributes and `str()`,
  including `BuildFailedError.build_status`, `SessionEndedError.session`, `RateLimitError.retry_after`
  and `ValidationError.errors`; a `NotFoundError` raised in a `ProcessPoolExecutor` worker reaches the
  parent as a `NotFoundError` (not `BrokenProcessPool`).
- `LocalValidationError` is a `ValidationError`, an `InvalidArgumentError` and a `ValueError`; status
  422, no request id or body, one FastAPI-shaped issue naming the field; `str()` is the message alone.
"""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

import anyframe
from anyframe import exceptions
from anyframe._core.errors import error_from_response
from anyframe.exceptions import (
    AnyFrameError,
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthError,
    BuildFailedError,
    ClientClosedError,
    ConflictError,
    InvalidArgumentError,
    LocalValidationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    SessionEndedError,
    TurnTimeoutError,
    ValidationError,
)
from anyframe.models import BuildStatus, Session

ISSUE: dict[str, object] = {"loc": ["body", "name"], "msg": "Field required", "type": "missing"}

# --- the 1.x construction patterns ---


@pytest.mark.parametrize(
    ("error", "cls", "status", "message"),
    [
        (APIError(503, "upstream timeout"), APIError, 503, "upstream timeout"),
        (AuthError("nope"), AuthError, 401, "nope"),
        (NotFoundError("gone"), NotFoundError, 404, "gone"),
        (ValidationError("bad"), ValidationError, 422, "bad"),
        (ConflictError("dup"), ConflictError, 409, "dup"),
        (ServerError(503, "boom"), ServerError, 503, "boom"),
        (RateLimitError("slow down", retry_after=12), RateLimitError, 429, "slow down"),
        (PermissionDeniedError("no"), PermissionDeniedError, 403, "no"),
    ],
)
def test_1x_construction_patterns_carry_the_status_and_show_it_with_the_message(
    error: APIError, cls: type[APIError], status: int, message: str
) -> None:
    assert type(error) is cls
    assert error.status_code == status
    assert error.message == message
    assert str(status) in str(error)
    assert message in str(error)
    assert error.request_id is None
    assert error.body is None


def test_1x_validation_error_with_details_exposes_them_as_errors_and_details() -> None:
    error = ValidationError("body invalid", details=[ISSUE])

    assert error.errors == [ISSUE]
    assert error.details == [ISSUE]
    assert error.status_code == 422


def test_1x_positional_validation_error_order_is_message_details_status() -> None:
    error = ValidationError("bad", [ISSUE], 400)

    assert (error.message, error.errors, error.status_code) == ("bad", [ISSUE], 400)


def test_1x_rate_limit_retry_after_is_kept_and_may_be_positional() -> None:
    assert RateLimitError("slow down", retry_after=12).retry_after == 12
    assert RateLimitError("slow down", 3).retry_after == 3
    assert RateLimitError("slow down").retry_after is None


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (AuthError(), "HTTP 401: authentication failed"),
        (NotFoundError(), "HTTP 404: not found"),
        (ConflictError(), "HTTP 409: conflict"),
        (ValidationError(), "HTTP 422: validation failed"),
        (RateLimitError(), "HTTP 429: rate limited"),
        (ServerError(), "HTTP 500: server error"),
        (APIError(503), "HTTP 503: Service Unavailable"),
        (APIError(499), "HTTP 499: request failed"),
    ],
)
def test_no_argument_forms_use_the_1x_default_messages(error: APIError, text: str) -> None:
    assert str(error) == text


def test_keyword_forms_keep_working() -> None:
    error = APIError("upstream timeout", status_code=503, request_id="req_1", body={"detail": "x"})
    server = ServerError("busy", status_code=502)
    validation = ValidationError("bad", status_code=400, errors=[ISSUE], body={"detail": [ISSUE]})
    keywords_only = APIError(status_code=418, message="teapot")

    assert (error.status_code, error.request_id, error.body) == (503, "req_1", {"detail": "x"})
    assert str(error) == "HTTP 503: upstream timeout (request id: req_1)"
    assert server.status_code == 502
    assert (validation.status_code, validation.errors) == (400, [ISSUE])
    assert str(keywords_only) == "HTTP 418: teapot"


def test_a_subclass_accepts_an_explicit_status_too() -> None:
    assert AuthError("expired", status_code=419).status_code == 419
    assert NotFoundError(410, "gone for good").status_code == 410


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: APIError("no status"), "needs the HTTP status"),
        (lambda: APIError(503, "x", status_code=504), "multiple values"),  # type: ignore[call-overload]
        (lambda: APIError("x", status_code="503"), "status_code must be an int"),  # type: ignore[call-overload]
        (lambda: APIError(503, 7), "message must be a str"),  # type: ignore[call-overload]
        (lambda: APIError(503, "x", "y"), "at most 1 positional"),  # type: ignore[call-overload]
        (lambda: ValidationError("x", errors=[ISSUE], details=[ISSUE]), "not both"),
        (lambda: ValidationError("x", details="oops"), "details must be a list"),  # type: ignore[arg-type]
        (lambda: RateLimitError("x", retry_after="soon"), "retry_after must be a number"),  # type: ignore[arg-type]
    ],
)
def test_wrong_constructor_calls_are_type_errors_saying_how(build: object, match: str) -> None:
    with pytest.raises(TypeError, match=match):
        build()  # type: ignore[operator]


def test_messages_still_mask_tokens_whatever_the_constructor_form() -> None:
    assert "afm_***" in str(APIError(500, "key afm_secretsecret leaked"))
    assert "secretsecret" not in str(NotFoundError("afm_secretsecret"))


# --- LocalValidationError ---


def test_local_validation_error_is_both_a_validation_error_and_an_invalid_argument_error() -> None:
    error = LocalValidationError("name must be a non-empty string", loc=("body", "name"))

    assert isinstance(error, ValidationError)
    assert isinstance(error, InvalidArgumentError)
    assert isinstance(error, ValueError)
    assert isinstance(error, APIError)
    assert error.status_code == 422
    assert error.request_id is None
    assert error.body is None
    assert error.errors == [
        {"loc": ["body", "name"], "msg": "name must be a non-empty string", "type": "value_error"}
    ]
    assert error.details is error.errors
    assert str(error) == "name must be a non-empty string"


def test_local_validation_error_keeps_a_short_problem_as_the_issue_msg() -> None:
    error = LocalValidationError("limit must be >= 1, got 0", loc=("query", "limit"), problem="must be >= 1")

    assert error.errors[0]["msg"] == "must be >= 1"
    assert error.message == "limit must be >= 1, got 0"


# --- pickling ---

BUILD_STATUS = BuildStatus(agent_id=7, state="failed", error="npm ERR!")
SESSION = Session.model_validate(
    {
        "id": "s-1", "agent_id": 7, "status": "error", "idle_timeout_s": 300,
        "created_at": "2026-01-01T00:00:00Z", "last_active": "2026-01-01T00:00:00Z",
    }
)  # fmt: skip
SAMPLES: list[AnyFrameError] = [
    AnyFrameError("base", status_code=500, request_id="r", body={"a": 1}),
    APIError(503, "upstream timeout"),
    APIError("teapot", status_code=418, request_id="req_9", body="<html>"),
    AuthError("nope"),
    PermissionDeniedError("no"),
    NotFoundError("gone", request_id="req_1", body={"detail": "gone"}),
    ConflictError("dup"),
    ValidationError("body invalid", details=[ISSUE], status_code=400),
    LocalValidationError("name must be a non-empty string", loc=("body", "name")),
    RateLimitError("slow down", retry_after=12.5, request_id="req_2"),
    ServerError(503, "boom"),
    APIConnectionError("connection failed"),
    APITimeoutError("timed out"),
    ResponseValidationError("bad body", status_code=200, body="excerpt"),
    InvalidArgumentError("timeout must be positive"),
    ClientClosedError("closed"),
    TurnTimeoutError("the turn did not end within 5.0 s", last_seq=42),
    BuildFailedError("build failed: npm ERR!", build_status=BUILD_STATUS),
    SessionEndedError("session s-1 ended", session=SESSION),
]


def test_the_samples_cover_every_public_exception() -> None:
    assert {type(e).__name__ for e in SAMPLES} == set(exceptions.__all__)


@pytest.mark.parametrize("error", SAMPLES, ids=lambda e: type(e).__name__)
def test_every_public_exception_pickles_with_its_attributes(error: AnyFrameError) -> None:
    copy = pickle.loads(pickle.dumps(error))

    assert type(copy) is type(error)
    assert vars(copy) == vars(error)
    assert copy.args == error.args
    assert str(copy) == str(error)
    assert repr(copy) == repr(error)


def test_pickled_errors_keep_their_models_and_typed_extras() -> None:
    build_failed = pickle.loads(pickle.dumps(SAMPLES[-2]))
    ended = pickle.loads(pickle.dumps(SAMPLES[-1]))
    limited = pickle.loads(pickle.dumps(RateLimitError("slow", retry_after=12)))
    invalid = pickle.loads(pickle.dumps(ValidationError("bad", details=[ISSUE])))
    timed_out = pickle.loads(pickle.dumps(TurnTimeoutError("late", last_seq=7)))

    assert isinstance(build_failed, BuildFailedError)
    assert build_failed.build_status == BUILD_STATUS
    assert isinstance(ended, SessionEndedError)
    assert ended.session == SESSION
    assert isinstance(limited, RateLimitError)
    assert limited.retry_after == 12
    assert isinstance(invalid, ValidationError)
    assert invalid.errors == [ISSUE]
    assert invalid.details == [ISSUE]
    assert isinstance(timed_out, TurnTimeoutError)
    assert isinstance(timed_out, TimeoutError)
    assert timed_out.last_seq == 7


def raise_not_found(session_id: str) -> None:
    """Runs in a worker process: the error a 404 answer becomes, raised there."""
    raise error_from_response(404, {"x-request-id": "req_7"}, b'{"detail": "session not found"}')


def test_a_not_found_error_raised_in_a_process_pool_worker_reaches_the_parent_as_itself() -> None:
    # "spawn": a fresh interpreter, so the error really crosses a process boundary as a pickle.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        future = pool.submit(raise_not_found, "s-1")
        with pytest.raises(anyframe.NotFoundError) as info:
            future.result(timeout=50)

    assert info.value.status_code == 404
    assert info.value.message == "session not found"
    assert info.value.request_id == "req_7"
    assert info.value.body == {"detail": "session not found"}
