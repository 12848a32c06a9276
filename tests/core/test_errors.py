"""Tests of `anyframe._core.errors` and the exception classes it builds: pure values, no HTTP.

Contracts pinned here:

- `error_from_response` maps every status to the most specific class: 400/422 -> `ValidationError`,
  401 -> `AuthError`, 403 -> `PermissionDeniedError`, 404 -> `NotFoundError`, 409 -> `ConflictError`,
  429 -> `RateLimitError`, any 5xx (500/502/503/504/520) -> `ServerError`, anything else
  (418, 499) -> plain `APIError`; `.status_code` is the status.
- The message depends on the body: `{"detail": str}` -> the string; `{"detail": [issues]}` ->
  "validation failed (n issue(s)): loc: msg; ..." (three shown, then "+k more"); `{"detail": {...}}`
  -> its JSON; JSON without `detail` -> reason phrase + excerpt; a non-JSON page (HTML from a proxy)
  -> reason phrase + tag-free excerpt; empty -> the reason phrase; invalid UTF-8 never raises.
- `.errors` (and `.details`, the same list) hold the dict issues; `.body` is the decoded body;
  `.request_id` comes from `x-request-id`.
- FastAPI's `input` echo is never copied into a message, and anything shaped like an `afm_` token is
  masked in `.message`, `str()` and `repr()`.
- `str()` is "HTTP <status>: <message> (request id: <id>)", `repr()` names the class and fields.
- `RateLimitError.retry_after` reads `retry-after-ms`, then `Retry-After` in seconds or as an HTTP date;
  garbage, negative or NaN values give `None`.
- `translate_errors` turns httpx timeouts into `APITimeoutError`, other transport and stream failures
  into `APIConnectionError`, chains the original as `__cause__`, and lets anything else through.
- `response_invalid` builds a `ResponseValidationError` with the status, request id, problem and a
  bounded excerpt of the body.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from email.utils import format_datetime

import httpx
import pytest

from anyframe._core.errors import (
    error_from_response,
    excerpt,
    reason,
    response_invalid,
    retry_after_seconds,
    translate_errors,
    undecodable,
)
from anyframe.exceptions import (
    AnyFrameError,
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthError,
    BuildFailedError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    SessionEndedError,
    ValidationError,
)
from anyframe.models import BuildStatus, Session

NO_HEADERS = httpx.Headers()


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


# --- status -> class ---


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ValidationError),
        (401, AuthError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, ValidationError),
        (429, RateLimitError),
        (500, ServerError),
        (501, ServerError),
        (502, ServerError),
        (503, ServerError),
        (504, ServerError),
        (520, ServerError),
        (599, ServerError),
        (405, APIError),
        (410, APIError),
        (418, APIError),
        (499, APIError),
        (302, APIError),
    ],
)
def test_each_status_maps_to_its_exact_error_class(status: int, cls: type[APIError]) -> None:
    error = error_from_response(status, NO_HEADERS, _json({"detail": "nope"}))

    assert type(error) is cls
    assert isinstance(error, APIError)
    assert isinstance(error, AnyFrameError)
    assert error.status_code == status
    assert error.message == "nope"


# --- message derived from the body ---


@pytest.mark.parametrize(
    ("status", "content", "message"),
    [
        (404, _json({"detail": "session not found"}), "session not found"),
        (409, _json({"detail": "sandbox still live"}), "sandbox still live"),
        (400, _json({"detail": {"code": "bad", "field": "x"}}), '{"code": "bad", "field": "x"}'),
        (400, _json({"detail": 42}), "42"),
        (500, _json({"error": "boom"}), 'Internal Server Error: {"error": "boom"}'),
        (500, _json({"detail": None}), 'Internal Server Error: {"detail": null}'),
        (400, _json({"detail": ""}), 'Bad Request: {"detail": ""}'),
        (502, _json([1, 2]), "Bad Gateway: [1, 2]"),
        (
            502,
            b"<html>\n<head><title>502 Bad Gateway</title></head>\n<body><h1>Bad  Gateway</h1></body></html>",
            "Bad Gateway (non-JSON body: 502 Bad Gateway Bad Gateway)",
        ),
        (503, b"upstream connect error", "Service Unavailable (non-JSON body: upstream connect error)"),
        (503, b"", "Service Unavailable"),
        (504, b"", "Gateway Timeout"),
        (499, b"", "Unknown Status"),
        (520, b"", "Unknown Status"),
        (418, b"", "I'm a Teapot"),
    ],
)
def test_message_is_derived_from_whatever_body_the_server_sent(
    status: int, content: bytes, message: str
) -> None:
    assert error_from_response(status, NO_HEADERS, content).message == message


def test_html_body_is_kept_as_text_and_the_message_has_no_tags() -> None:
    page = b"<html><body><h1>403 Forbidden</h1><p>cloudflare</p></body></html>"

    error = error_from_response(403, NO_HEADERS, page)

    assert error.body == page.decode()
    assert "<" not in error.message
    assert "403 Forbidden cloudflare" in error.message


def test_long_non_json_body_is_excerpted_to_a_bounded_single_line() -> None:
    page = ("line of proxy output\n" * 500).encode()

    error = error_from_response(502, NO_HEADERS, page)

    assert "\n" not in error.message
    assert len(error.message) < 300
    assert error.message.endswith("…)")


def test_invalid_utf8_body_decodes_with_replacement_characters_instead_of_raising() -> None:
    error = error_from_response(500, NO_HEADERS, b"\xc3\x28 broken \xff")

    assert type(error) is ServerError
    assert isinstance(error.body, str)
    assert "\ufffd" in error.body
    assert "broken" in error.message


@pytest.mark.parametrize(
    ("content", "body"),
    [
        (_json({"detail": "x"}), {"detail": "x"}),
        (_json([{"a": 1}]), [{"a": 1}]),
        (b"plain text", "plain text"),
        (b"", None),
    ],
)
def test_body_attribute_is_the_decoded_answer(content: bytes, body: object) -> None:
    assert error_from_response(500, NO_HEADERS, content).body == body


# --- validation issues ---

ISSUE_NAME = {"loc": ["body", "name"], "msg": "Field required", "type": "missing"}
ISSUE_PORT = {"loc": ["body", "preview_ports", 0], "msg": "Input should be <= 65535", "type": "le"}


@pytest.mark.parametrize(
    ("detail", "message"),
    [
        ([ISSUE_NAME], "validation failed (1 issue(s)): body.name: Field required"),
        (
            [ISSUE_NAME, ISSUE_PORT],
            "validation failed (2 issue(s)): body.name: Field required; "
            "body.preview_ports.0: Input should be <= 65535",
        ),
        (
            [ISSUE_NAME] * 5,
            "validation failed (5 issue(s)): body.name: Field required; body.name: Field required; "
            "body.name: Field required (+2 more)",
        ),
        ([{"msg": "no location"}], "validation failed (1 issue(s)): no location"),
        ([{"loc": "body", "msg": "loc is not a list"}], "validation failed (1 issue(s)): loc is not a list"),
        (["just a string"], "validation failed (1 issue(s)): just a string"),
        ([], "validation failed (0 issue(s)): "),
    ],
)
def test_validation_issue_list_is_summarised_in_the_message(detail: list[object], message: str) -> None:
    error = error_from_response(422, NO_HEADERS, _json({"detail": detail}))

    assert isinstance(error, ValidationError)
    assert error.message == message


def test_validation_error_exposes_dict_issues_as_errors_and_details() -> None:
    detail = [ISSUE_NAME, "not a dict", ISSUE_PORT]

    error = error_from_response(422, NO_HEADERS, _json({"detail": detail}))

    assert isinstance(error, ValidationError)
    assert error.errors == [ISSUE_NAME, ISSUE_PORT]
    assert error.details is error.errors


@pytest.mark.parametrize("status", [400, 422])
def test_validation_error_with_a_string_detail_has_no_issues(status: int) -> None:
    error = error_from_response(status, NO_HEADERS, _json({"detail": "not a setup session"}))

    assert isinstance(error, ValidationError)
    assert error.message == "not a setup session"
    assert error.errors == []
    assert error.details == []


def test_fastapi_input_echo_is_never_copied_into_the_message() -> None:
    secret = "sk-ant-oat01-supersecretvalue"
    detail = [{"loc": ["body", "token"], "msg": "String too long", "type": "x", "input": secret}]

    error = error_from_response(422, NO_HEADERS, _json({"detail": detail}))

    assert secret not in error.message
    assert secret not in str(error)
    assert secret not in repr(error)


@pytest.mark.parametrize(
    "content",
    [
        _json({"detail": "token afm_live_0123456789abcdef is revoked"}),
        _json({"detail": [{"loc": ["body", "afm_live_0123456789abcdef"], "msg": "bad"}]}),
        _json({"detail": {"token": "afm_live_0123456789abcdef"}}),
        _json({"error": "afm_live_0123456789abcdef"}),
        b"<p>key afm_live_0123456789abcdef rejected</p>",
    ],
)
def test_afm_tokens_in_the_body_are_masked_in_message_str_and_repr(content: bytes) -> None:
    error = error_from_response(401, NO_HEADERS, content)

    for text in (error.message, str(error), repr(error)):
        assert "0123456789abcdef" not in text
        assert "afm_***" in text


# --- request id, str(), repr() ---


def test_request_id_is_read_from_the_x_request_id_header_case_insensitively() -> None:
    headers = httpx.Headers({"X-Request-ID": "req_9"})

    error = error_from_response(404, headers, _json({"detail": "gone"}))

    assert error.request_id == "req_9"


def test_request_id_is_none_when_the_header_is_absent() -> None:
    assert error_from_response(404, NO_HEADERS, b"").request_id is None


@pytest.mark.parametrize(
    ("request_id", "text", "representation"),
    [
        (
            "req_9",
            "HTTP 404: gone (request id: req_9)",
            "NotFoundError(message='gone', status_code=404, request_id='req_9')",
        ),
        (None, "HTTP 404: gone", "NotFoundError(message='gone', status_code=404)"),
    ],
)
def test_str_and_repr_formats(request_id: str | None, text: str, representation: str) -> None:
    headers = httpx.Headers({"x-request-id": request_id} if request_id else {})

    error = error_from_response(404, headers, _json({"detail": "gone"}))

    assert str(error) == text
    assert repr(error) == representation


@pytest.mark.parametrize(
    ("error", "text", "representation"),
    [
        (AnyFrameError("plain"), "plain", "AnyFrameError(message='plain')"),
        (
            AnyFrameError("with id", request_id="r1"),
            "with id (request id: r1)",
            "AnyFrameError(message='with id', request_id='r1')",
        ),
        (APIConnectionError("refused"), "refused", "APIConnectionError(message='refused')"),
        (
            RateLimitError("slow down"),
            "HTTP 429: slow down",
            "RateLimitError(message='slow down', status_code=429)",
        ),
    ],
)
def test_str_and_repr_of_directly_built_errors(error: AnyFrameError, text: str, representation: str) -> None:
    assert str(error) == text
    assert repr(error) == representation


def test_error_constructor_masks_tokens_in_any_message() -> None:
    error = APIConnectionError("GET https://x/?token=afm_abc-DEF_123 failed")

    assert error.message == "GET https://x/?token=afm_*** failed"
    assert error.args == ("GET https://x/?token=afm_*** failed",)


def test_waiter_errors_carry_the_final_model() -> None:
    status = BuildStatus(agent_id=7, state="failed", error="npm ERR!")
    session = Session.model_validate(
        {
            "id": "s-1",
            "agent_id": 7,
            "status": "error",
            "idle_timeout_s": 300,
            "created_at": "2026-01-01T00:00:00Z",
            "last_active": "2026-01-01T00:00:00Z",
        }
    )

    build_failed = BuildFailedError("build failed: npm ERR!", build_status=status)
    ended = SessionEndedError("session s-1 ended in state 'error'", session=session)

    assert build_failed.build_status is status
    assert build_failed.status_code is None
    assert ended.session is session
    assert str(ended) == "session s-1 ended in state 'error'"


# --- Retry-After ---

NOW = 1_780_000_000.0


def _http_date(offset: float) -> str:
    return format_datetime(datetime.fromtimestamp(NOW + offset, tz=timezone.utc), usegmt=True)


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": " 30 "}, 30.0),
        ({"Retry-After": "0"}, 0.0),
        ({"Retry-After": "1.5"}, 1.5),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),
        ({"retry-after-ms": "soon", "Retry-After": "9"}, 9.0),
        ({"retry-after-ms": "-5", "Retry-After": "9"}, 9.0),
        ({"retry-after-ms": "nan", "Retry-After": "9"}, 9.0),
        ({"retry-after-ms": ""}, None),
        ({"Retry-After": _http_date(30)}, 30.0),
        ({"Retry-After": _http_date(-30)}, 0.0),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 -0000"}, None),
        ({"Retry-After": "soon"}, None),
        ({"Retry-After": "-1"}, None),
        ({"Retry-After": "nan"}, None),
        ({"Retry-After": ""}, None),
        ({}, None),
    ],
)
def test_retry_after_seconds_reads_ms_then_seconds_then_http_date(
    headers: dict[str, str], seconds: float | None
) -> None:
    assert retry_after_seconds(httpx.Headers(headers), now=NOW) == seconds


def test_retry_after_http_date_uses_the_wall_clock_when_now_is_not_given() -> None:
    far_future = "Fri, 01 Jan 2100 00:00:00 GMT"

    seconds = retry_after_seconds(httpx.Headers({"Retry-After": far_future}))

    assert seconds is not None
    assert seconds > 365 * 24 * 3600


@pytest.mark.parametrize(
    ("headers", "retry_after"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"retry-after-ms": "100"}, 0.1),
        ({"Retry-After": "Thu, 01 Jan 1970 00:00:00 GMT"}, 0.0),
        ({"Retry-After": "later please"}, None),
        ({}, None),
    ],
)
def test_rate_limit_error_carries_retry_after(headers: dict[str, str], retry_after: float | None) -> None:
    error = error_from_response(429, httpx.Headers(headers), _json({"detail": "slow down"}))

    assert isinstance(error, RateLimitError)
    assert error.retry_after == retry_after
    assert error.status_code == 429


# --- helpers ---


@pytest.mark.parametrize(
    ("status", "phrase"),
    [(404, "Not Found"), (429, "Too Many Requests"), (499, "Unknown Status"), (520, "Unknown Status")],
)
def test_reason_gives_the_standard_phrase_or_a_neutral_label(status: int, phrase: str) -> None:
    assert reason(status) == phrase


@pytest.mark.parametrize(
    ("content", "limit", "text"),
    [
        (b"<b>bold</b>   and\n\nspaced", 200, "bold and spaced"),
        (b"abcdefghij", 5, "abcd…"),
        (b"abcde", 5, "abcde"),
        (b"", 10, ""),
    ],
)
def test_excerpt_is_single_line_tag_free_and_bounded(content: bytes, limit: int, text: str) -> None:
    assert excerpt(content, limit) == text


# --- translate_errors ---

REQUEST = httpx.Request("GET", "https://api.test.anyframe.dev/api/me")


@pytest.mark.parametrize(
    ("exc", "cls", "prefix"),
    [
        (
            httpx.ConnectError("refused", request=REQUEST),
            APIConnectionError,
            "connection failed (ConnectError)",
        ),
        (httpx.ReadError("reset", request=REQUEST), APIConnectionError, "connection failed (ReadError)"),
        (httpx.WriteError("broken pipe"), APIConnectionError, "connection failed (WriteError)"),
        (
            httpx.RemoteProtocolError("peer closed connection"),
            APIConnectionError,
            "connection failed (RemoteProtocolError)",
        ),
        (httpx.ProxyError("bad proxy"), APIConnectionError, "connection failed (ProxyError)"),
        (httpx.UnsupportedProtocol("ftp"), APIConnectionError, "connection failed (UnsupportedProtocol)"),
        (httpx.ConnectTimeout("slow connect"), APITimeoutError, "request timed out (ConnectTimeout)"),
        (httpx.ReadTimeout("slow read"), APITimeoutError, "request timed out (ReadTimeout)"),
        (httpx.WriteTimeout("slow write"), APITimeoutError, "request timed out (WriteTimeout)"),
        (httpx.PoolTimeout("pool full"), APITimeoutError, "request timed out (PoolTimeout)"),
        (httpx.StreamConsumed(), APIConnectionError, "stream failed (StreamConsumed)"),
        (httpx.StreamClosed(), APIConnectionError, "stream failed (StreamClosed)"),
        (httpx.DecodingError("bad gzip"), ResponseValidationError, "the answer could not be decoded"),
    ],
)
def test_translate_errors_maps_httpx_failures_and_chains_the_cause(
    exc: Exception, cls: type[AnyFrameError], prefix: str
) -> None:
    with pytest.raises(cls) as info, translate_errors():
        raise exc

    assert type(info.value) is cls
    assert info.value.__cause__ is exc
    assert info.value.message.startswith(prefix)
    assert info.value.status_code is None


@pytest.mark.parametrize(
    ("exc", "server"),
    [
        (
            httpx.ConnectError("refused", request=httpx.Request("GET", "http://127.0.0.1:1/api/me?k=v")),
            "http://127.0.0.1:1",
        ),
        (httpx.ConnectTimeout("slow", request=REQUEST), "https://api.test.anyframe.dev"),
        (httpx.ReadError("reset", request=httpx.Request("GET", "http://[::1]:8080/x")), "http://[::1]:8080"),
    ],
)
def test_a_connection_failure_names_the_server_it_could_not_reach(
    exc: httpx.RequestError, server: str
) -> None:
    # A wrong base URL is the usual cause: the message says which one, without its path or query.
    with pytest.raises(APIConnectionError) as info, translate_errors():
        raise exc

    assert info.value.message.endswith(f" (server {server})")
    assert "/api/me" not in info.value.message
    assert "k=v" not in info.value.message


def test_a_connection_failure_without_a_request_names_no_server() -> None:
    with pytest.raises(APIConnectionError) as info, translate_errors():
        raise httpx.ConnectError("refused")

    assert info.value.message == "connection failed (ConnectError): refused"


def test_translated_timeouts_are_also_connection_errors() -> None:
    with pytest.raises(APIConnectionError), translate_errors():
        raise httpx.ReadTimeout("slow")


def test_translate_errors_masks_tokens_in_the_httpx_message() -> None:
    with pytest.raises(APIConnectionError) as info, translate_errors():
        raise httpx.ConnectError("cannot reach https://h/?k=afm_secret_token_1234")

    assert "secret_token" not in str(info.value)
    assert "secret_token" not in repr(info.value)


@pytest.mark.parametrize("exc", [ValueError("not httpx"), KeyError("k"), NotFoundError("x", status_code=404)])
def test_translate_errors_lets_other_exceptions_through_unchanged(exc: Exception) -> None:
    with pytest.raises(type(exc)) as info, translate_errors():
        raise exc

    assert info.value is exc


def test_translate_errors_is_transparent_when_nothing_fails() -> None:
    with translate_errors():
        value = 1 + 1

    assert value == 2


# --- response_invalid ---


def test_response_invalid_names_status_problem_request_id_and_an_excerpt() -> None:
    headers = httpx.Headers({"x-request-id": "req_2"})

    error = response_invalid(200, headers, b"<html><p>maintenance</p></html>", "body is not JSON")

    assert isinstance(error, ResponseValidationError)
    assert error.status_code == 200
    assert error.request_id == "req_2"
    assert error.body == "maintenance"
    assert error.message == (
        "HTTP 200 answer does not match the API contract: body is not JSON; body starts: 'maintenance'"
    )


def test_response_invalid_excerpt_is_bounded() -> None:
    error = response_invalid(201, NO_HEADERS, b"x" * 10_000, "too long")

    assert "x" * 120 not in error.message
    assert "x" * 119 + "…" in error.message
    assert isinstance(error.body, str)
    assert len(error.body) == 200


def test_response_invalid_masks_tokens_in_the_message() -> None:
    content = b'{"id": 1, "token": "afm_0123456789abcdefghij"}'

    error = response_invalid(201, NO_HEADERS, content, "1 problem(s): name: Field required")

    assert "0123456789abcdefghij" not in error.message
    assert "0123456789abcdefghij" not in str(error)
    assert "0123456789abcdefghij" not in repr(error)


def test_a_pool_timeout_without_a_message_still_says_what_happened() -> None:
    with pytest.raises(APITimeoutError) as info, translate_errors():
        raise httpx.PoolTimeout("")
    assert not info.value.message.endswith(": ")
    assert "no connection of the pool came free" in info.value.message


def test_undecodable_names_the_status_the_encoding_and_the_request_id() -> None:
    error = undecodable(200, httpx.Headers({"content-encoding": "gzip", "x-request-id": "req_1"}))
    assert isinstance(error, ResponseValidationError)
    assert (error.status_code, error.request_id) == (200, "req_1")
    assert "Content-Encoding: gzip" in error.message
