"""Tests of `anyframe._core.config`: where settings come from and how they are checked.

The autouse fixture of `tests/conftest.py` scrubs `ANYFRAME_*` from the environment and runs each test
in its own empty working directory, so a `.env` written here is the only one in play.

Contracts pinned here:

- Precedence is keyword argument > environment > `.env` in the working directory, for the API key, the
  base URL and the log level; an empty environment value counts as unset; `.env` never overrides the
  environment and is never loaded into `os.environ`; `load_dotenv=False` reads no file.
- No API key -> `AuthError` (status 401) naming `ANYFRAME_API_KEY`; a blank key is no key; surrounding
  whitespace is stripped; whitespace inside the key -> `InvalidArgumentError` that does not echo it.
  So is anything a header cannot carry (NUL, CR/LF, other controls, non-ASCII) and a key that is not
  a `str`, from the argument or the environment: refused before a connection pool exists.
- The base URL defaults to `https://api.anyfrm.com`, loses trailing slashes and whitespace, must be an
  absolute http(s) URL with a valid host, an optional port 1-65535 and an optional path prefix;
  userinfo (the password is never echoed), a query, a fragment, spaces and control characters (CRLF),
  an unterminated IPv6 literal and a non-`str` are refused with `InvalidArgumentError`, never a raw
  `ValueError` / `httpx.InvalidURL`. Plain http to a non-loopback host warns (`UserWarning`), to
  127.0.0.0/8, `localhost`, `*.localhost` or `[::1]` it does not.
- `timeout` accepts a positive, finite number (-> `httpx.Timeout`) or an `httpx.Timeout` whose phases
  are each `None` or such a number (kept as is); `max_retries` an int from 0 to `MAX_RETRIES`;
  `stream_read_timeout` a positive, finite number; anything else (infinity, NaN, strings) ->
  `InvalidArgumentError`.
- `mask_key` never shows more than the `afm_` prefix and the last four characters; `ClientConfig`'s
  repr hides the key.
- `configure_logging` sets the `anyframe` logger's level, adds exactly one stderr handler only when no
  handler exists (on that logger or the root), and warns on an unknown level name.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import string
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from anyframe._core.config import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    LOG_LEVEL_ENV,
    MAX_RETRIES,
    ClientConfig,
    configure_logging,
    mask_key,
    resolve_config,
    with_changes,
)
from anyframe.exceptions import APIError, AuthError, InvalidArgumentError

KEY = "afm_test_0123456789abcdef"


def resolve(
    *,
    api_key: str | None = None,
    base_url: str | None = None,
    timeout: float | httpx.Timeout = 30.0,
    load_dotenv: bool = True,
    max_retries: int = 2,
    stream_read_timeout: float = 60.0,
    env: dict[str, str] | None = None,
) -> ClientConfig:
    return resolve_config(
        api_key=api_key,
        base_url=base_url,
        timeout=timeout,
        load_dotenv=load_dotenv,
        max_retries=max_retries,
        stream_read_timeout=stream_read_timeout,
        env={} if env is None else env,
    )


def write_dotenv(text: str) -> None:
    Path(".env").write_text(text)


# --- precedence ---


@pytest.mark.parametrize(
    ("kwarg", "env", "dotenv", "expected"),
    [
        ("afm_kwarg_key", "afm_env_key", "afm_dotenv_key", "afm_kwarg_key"),
        (None, "afm_env_key", "afm_dotenv_key", "afm_env_key"),
        (None, None, "afm_dotenv_key", "afm_dotenv_key"),
        (None, "", "afm_dotenv_key", "afm_dotenv_key"),
        ("afm_kwarg_key", None, None, "afm_kwarg_key"),
        (None, "afm_env_key", None, "afm_env_key"),
    ],
)
def test_api_key_precedence_is_kwarg_then_env_then_dotenv(
    kwarg: str | None, env: str | None, dotenv: str | None, expected: str
) -> None:
    if dotenv is not None:
        write_dotenv(f"{API_KEY_ENV}={dotenv}\n")
    environ = {} if env is None else {API_KEY_ENV: env}

    assert resolve(api_key=kwarg, env=environ).api_key == expected


@pytest.mark.parametrize(
    ("kwarg", "env", "dotenv", "expected"),
    [
        ("https://kw.example", "https://env.example", "https://dot.example", "https://kw.example"),
        (None, "https://env.example", "https://dot.example", "https://env.example"),
        (None, None, "https://dot.example", "https://dot.example"),
        (None, None, None, DEFAULT_BASE_URL),
    ],
)
def test_base_url_precedence_is_kwarg_then_env_then_dotenv_then_default(
    kwarg: str | None, env: str | None, dotenv: str | None, expected: str
) -> None:
    if dotenv is not None:
        write_dotenv(f"{BASE_URL_ENV}={dotenv}\n")
    environ = {API_KEY_ENV: KEY} | ({} if env is None else {BASE_URL_ENV: env})

    assert resolve(base_url=kwarg, env=environ).base_url == expected


@pytest.mark.parametrize(
    ("env", "dotenv", "expected"),
    [("DEBUG", "INFO", "DEBUG"), (None, "INFO", "INFO"), (None, None, None), ("", "WARNING", "WARNING")],
)
def test_log_level_comes_from_env_then_dotenv(
    env: str | None, dotenv: str | None, expected: str | None
) -> None:
    if dotenv is not None:
        write_dotenv(f"{LOG_LEVEL_ENV}={dotenv}\n")
    environ = {API_KEY_ENV: KEY} | ({} if env is None else {LOG_LEVEL_ENV: env})

    assert resolve(env=environ).log_level == expected


def test_default_base_url_is_the_one_the_user_guide_documents() -> None:
    assert DEFAULT_BASE_URL == "https://api.anyfrm.com"


def test_dotenv_is_read_but_never_loaded_into_os_environ() -> None:
    write_dotenv(f"{API_KEY_ENV}=afm_from_dotenv_file\n{BASE_URL_ENV}=https://dot.example\n")

    config = resolve_config(
        api_key=None,
        base_url=None,
        timeout=30.0,
        load_dotenv=True,
        max_retries=2,
        stream_read_timeout=60.0,
    )

    assert config.api_key == "afm_from_dotenv_file"
    assert API_KEY_ENV not in os.environ
    assert BASE_URL_ENV not in os.environ


def test_process_environment_is_used_when_no_env_mapping_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(API_KEY_ENV, "afm_from_process_env")
    write_dotenv(f"{API_KEY_ENV}=afm_from_dotenv_file\n")

    config = resolve_config(
        api_key=None,
        base_url=None,
        timeout=30.0,
        load_dotenv=True,
        max_retries=2,
        stream_read_timeout=60.0,
    )

    assert config.api_key == "afm_from_process_env"


def test_dotenv_parsing_handles_comments_quotes_and_export() -> None:
    write_dotenv(
        "# local settings\n"
        f'export {API_KEY_ENV}="afm_quoted_key"\n'
        f"{BASE_URL_ENV}='http://127.0.0.1:8000/'  # the local control plane\n"
    )

    config = resolve()

    assert config.api_key == "afm_quoted_key"
    assert config.base_url == "http://127.0.0.1:8000"


def test_load_dotenv_false_reads_no_file() -> None:
    write_dotenv(f"{API_KEY_ENV}=afm_dotenv_key\n")

    with pytest.raises(AuthError):
        resolve(load_dotenv=False)
    assert resolve(load_dotenv=False, env={API_KEY_ENV: KEY}).api_key == KEY


def test_a_dotenv_directory_is_ignored() -> None:
    Path(".env").mkdir()

    with pytest.raises(AuthError):
        resolve()


# --- API key checks ---


@pytest.mark.parametrize(
    ("kwarg", "env"),
    [(None, {}), ("", {}), ("   ", {}), (None, {API_KEY_ENV: ""}), (None, {API_KEY_ENV: "  \t"})],
)
def test_missing_or_blank_key_raises_auth_error_naming_the_variable(
    kwarg: str | None, env: dict[str, str]
) -> None:
    with pytest.raises(AuthError) as info:
        resolve(api_key=kwarg, env=env)

    assert isinstance(info.value, APIError)
    assert info.value.status_code == 401
    assert API_KEY_ENV in info.value.message
    assert "no request was sent" in info.value.message


def test_surrounding_whitespace_is_stripped_from_the_key() -> None:
    assert resolve(api_key=f"  {KEY}\n").api_key == KEY
    assert resolve(env={API_KEY_ENV: f"{KEY} "}).api_key == KEY


@pytest.mark.parametrize("key", ["afm_abc def_123456", "afm_abc\tdef", "afm_line1\nline2"])
def test_whitespace_inside_the_key_is_rejected_without_echoing_it(key: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        resolve(api_key=key)

    assert "whitespace" in info.value.message
    assert "abc" not in str(info.value)
    assert "line1" not in str(info.value)


# --- base URL ---


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("https://api.example.com", "https://api.example.com"),
        ("https://api.example.com/", "https://api.example.com"),
        ("https://api.example.com///", "https://api.example.com"),
        ("  https://api.example.com/  ", "https://api.example.com"),
        ("https://api.example.com/prefix/", "https://api.example.com/prefix"),
        ("https://api.example.com:8443", "https://api.example.com:8443"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
    ],
)
def test_base_url_is_normalised(raw: str, url: str) -> None:
    assert resolve(api_key=KEY, base_url=raw).base_url == url


@pytest.mark.parametrize(
    "raw",
    [
        "api.example.com",
        "/api",
        "ftp://api.example.com",
        "https://",
        "https:///path",
        "mailto:x@y.z",
        "localhost:8000",
    ],
)
def test_base_url_must_be_an_absolute_http_url(raw: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        resolve(api_key=KEY, base_url=raw)

    assert "base_url must be an absolute http(s) URL" in info.value.message
    assert repr(raw) in info.value.message


@pytest.mark.parametrize("url", ["http://api.example.com", "http://10.0.0.5:8000", "http://[2001:db8::1]/"])
def test_plain_http_to_a_remote_host_warns_that_the_key_travels_in_clear_text(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        config = resolve(api_key=KEY, base_url=url)

    assert config.base_url == url.rstrip("/")
    assert [r.levelname for r in caplog.records if "clear text" in r.getMessage()] == ["WARNING"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000",
        "http://127.0.0.2",
        "http://localhost:8000",
        "http://app.localhost",
        "http://[::1]:8000",
        "https://api.example.com",
    ],
)
def test_loopback_http_and_any_https_do_not_warn(url: str, caplog: pytest.LogCaptureFixture) -> None:
    resolve(api_key=KEY, base_url=url)
    assert "clear text" not in caplog.text


# --- timeouts and retries ---


@pytest.mark.parametrize("value", [5, 5.0, 0.25, 120])
def test_numeric_timeout_becomes_an_httpx_timeout(value: float) -> None:
    timeout = resolve(api_key=KEY, timeout=value).timeout

    assert timeout == httpx.Timeout(float(value))


def test_httpx_timeout_is_kept_as_given() -> None:
    given = httpx.Timeout(10.0, connect=2.0)

    assert resolve(api_key=KEY, timeout=given).timeout is given


@pytest.mark.parametrize("value", [0, -1, -0.5, True, "30", None, float("nan")])
def test_bad_timeout_is_rejected(value: object) -> None:
    with pytest.raises(InvalidArgumentError, match="timeout must be a positive number"):
        resolve(api_key=KEY, timeout=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0, 1, 2, 10])
def test_max_retries_accepts_non_negative_integers(value: int) -> None:
    assert resolve(api_key=KEY, max_retries=value).max_retries == value


@pytest.mark.parametrize("value", [-1, True, False, 1.5, "2", None])
def test_bad_max_retries_is_rejected(value: object) -> None:
    with pytest.raises(InvalidArgumentError, match="max_retries must be an integer >= 0"):
        resolve(api_key=KEY, max_retries=value)  # type: ignore[arg-type]


def test_stream_read_timeout_is_stored_as_a_float() -> None:
    config = resolve(api_key=KEY, stream_read_timeout=5)

    assert config.stream_read_timeout == 5.0
    assert isinstance(config.stream_read_timeout, float)


@pytest.mark.parametrize("value", [0, -1.0, float("nan")])
def test_non_positive_stream_read_timeout_is_rejected(value: float) -> None:
    with pytest.raises(
        InvalidArgumentError, match="stream_read_timeout must be a positive number of seconds"
    ):
        resolve(api_key=KEY, stream_read_timeout=value)


def test_stream_and_size_limits_default_and_are_checked() -> None:
    config = resolve(api_key=KEY)
    assert (config.max_streams, config.max_response_size) == (1000, 128 * 1024 * 1024)
    tuned = resolve_config(
        api_key=KEY, base_url=None, timeout=30.0, load_dotenv=False, max_retries=2,
        stream_read_timeout=60.0, max_streams=5, max_response_size=10, env={},
    )  # fmt: skip
    assert (tuned.max_streams, tuned.max_response_size) == (5, 10)
    assert with_changes(tuned, max_response_size=99).max_response_size == 99
    assert with_changes(tuned).max_response_size == 10
    for name, value in [
        ("max_streams", 0),
        ("max_streams", True),
        ("max_response_size", -1),
        ("max_response_size", 1.5),
    ]:
        with pytest.raises(InvalidArgumentError, match=f"{name} must be an integer >= 1"):
            resolve_config(
                api_key=KEY, base_url=None, timeout=30.0, load_dotenv=False, max_retries=2,
                stream_read_timeout=60.0, env={}, **{name: value},  # type: ignore[arg-type]
            )  # fmt: skip
    with pytest.raises(InvalidArgumentError, match="max_response_size"):
        with_changes(tuned, max_response_size=0)


# --- masking ---


@pytest.mark.parametrize(
    ("key", "masked"),
    [
        ("afm_test_0123456789abcdef", "afm_…cdef"),
        ("afm_12345678", "afm_****"),
        ("afm_123456789", "afm_…6789"),
        ("afm_x", "afm_****"),
        ("short", "****"),
        ("", "****"),
        ("sk-ant-0123456789abcdef", "…cdef"),
    ],
)
def test_mask_key_shows_at_most_the_afm_prefix_and_the_last_four_characters(key: str, masked: str) -> None:
    assert mask_key(key) == masked


@pytest.mark.parametrize("prefix", ["afm_", "", "sk-", "ghp_"])
@pytest.mark.parametrize("length", range(0, 40))
def test_mask_key_never_reveals_more_than_the_last_four_characters(prefix: str, length: int) -> None:
    key = prefix + (string.ascii_letters + string.digits)[:length]

    masked = mask_key(key)

    rest = masked.removeprefix("afm_") if key.startswith("afm_") else masked
    revealed = rest.replace("*", "").replace("…", "")
    assert revealed in ("", key[-4:])
    assert len(revealed) <= 4


def test_client_config_repr_hides_the_api_key() -> None:
    config = resolve(api_key=KEY, base_url="https://api.example.com")

    assert KEY not in repr(config)
    assert "0123456789abcdef" not in repr(config)
    assert "https://api.example.com" in repr(config)


# --- logging ---


@pytest.fixture
def bare_logging() -> logging.Logger:
    """The `anyframe` logger at NOTSET with no handlers (the conftest fixture restores it afterwards)."""
    logger = logging.getLogger("anyframe")
    logger.handlers.clear()
    logger.setLevel(logging.NOTSET)
    return logger


@contextlib.contextmanager
def root_handlers(*handlers: logging.Handler) -> Iterator[None]:
    """Run a block with exactly `handlers` on the root logger.

    Not a fixture: pytest attaches its capture handlers to the root when the test body starts, after
    fixtures ran, and removes them from the same list when it ends; so the list is swapped in place,
    inside the body, and put back before pytest looks at it again.
    """
    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers[:] = list(handlers)
    try:
        yield
    finally:
        root.handlers[:] = saved


@pytest.mark.parametrize(
    ("name", "level"), [("DEBUG", logging.DEBUG), (" info ", logging.INFO), ("warning", 30)]
)
def test_configure_logging_sets_the_level_and_adds_one_stderr_handler(
    bare_logging: logging.Logger, name: str, level: int
) -> None:
    with root_handlers():
        configure_logging(name)

    assert bare_logging.level == level
    assert len(bare_logging.handlers) == 1
    handler = bare_logging.handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    assert handler.stream is sys.stderr


def test_an_unknown_log_level_is_ignored_with_a_warning_naming_the_valid_ones(
    bare_logging: logging.Logger,
) -> None:
    handler = logging.handlers.BufferingHandler(capacity=100)
    bare_logging.addHandler(handler)
    configure_logging("LOUD")

    assert bare_logging.level == logging.NOTSET
    assert [r.getMessage() for r in handler.buffer] == [
        "ignoring ANYFRAME_LOG_LEVEL='LOUD': not a logging level name "
        "(use DEBUG, INFO, WARNING, ERROR or CRITICAL)"
    ]


def test_configure_logging_twice_still_adds_exactly_one_handler(bare_logging: logging.Logger) -> None:
    with root_handlers():
        configure_logging("DEBUG")
        configure_logging("INFO")

    assert bare_logging.level == logging.INFO
    assert len(bare_logging.handlers) == 1


def test_configure_logging_adds_no_handler_when_the_logger_already_has_one(
    bare_logging: logging.Logger,
) -> None:
    mine = logging.NullHandler()
    bare_logging.addHandler(mine)

    with root_handlers():
        configure_logging("DEBUG")

    assert bare_logging.handlers == [mine]
    assert bare_logging.level == logging.DEBUG


def test_configure_logging_adds_no_handler_when_the_root_logger_handles_records(
    bare_logging: logging.Logger,
) -> None:
    with root_handlers(logging.NullHandler()):
        configure_logging("DEBUG")

    assert bare_logging.handlers == []
    assert bare_logging.level == logging.DEBUG


@pytest.mark.parametrize("level", [None, ""])
def test_unset_log_level_leaves_the_library_silent(bare_logging: logging.Logger, level: str | None) -> None:
    with root_handlers():
        configure_logging(level)

    assert bare_logging.level == logging.NOTSET
    assert bare_logging.handlers == []


@pytest.mark.parametrize("level", ["verbose", "10", "LEVEL 5"])
def test_unknown_log_level_name_warns_and_changes_nothing(bare_logging: logging.Logger, level: str) -> None:
    records: list[logging.LogRecord] = []
    sink = logging.Handler()
    sink.emit = records.append  # type: ignore[method-assign, assignment]
    with root_handlers(sink):
        configure_logging(level)

    assert [r.levelno for r in records] == [logging.WARNING]
    assert f"ignoring {LOG_LEVEL_ENV}=" in records[0].getMessage()
    assert bare_logging.level == logging.NOTSET
    assert bare_logging.handlers == []


# --- hostile settings (issue 13: refused with a message, nothing raw) ---


@pytest.mark.parametrize(
    ("key", "what"),
    [
        ("afm_abc\x00def_0123456789", "a control character"),
        ("afm_abc\x7fdef_0123456789", "a control character"),
        ("afm_abc\rdef_0123456789", "whitespace"),
        ("afm_abc\r\nX-Injected: 1", "whitespace"),
        ("afm_caf\u00e9_0123456789", "a non-ASCII character"),
        ("afm_\u200babc_0123456789", "a non-ASCII character"),
    ],
)
def test_header_unsafe_keys_are_refused_without_echoing_them(key: str, what: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        resolve(api_key=key)

    assert what in info.value.message
    assert "HTTP header" in info.value.message
    assert "0123456789" not in str(info.value)
    assert "abc" not in str(info.value)


def test_a_header_unsafe_key_from_the_environment_names_the_variable() -> None:
    with pytest.raises(InvalidArgumentError, match=API_KEY_ENV):
        resolve(env={API_KEY_ENV: "afm_\u00e9t\u00e9_0123456789"})


@pytest.mark.parametrize("key", [12345678, b"afm_bytes_key", ["afm_x"]])
def test_a_key_that_is_not_a_str_is_refused(key: object) -> None:
    with pytest.raises(InvalidArgumentError, match="must be a str"):
        resolve(api_key=key)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("http://api.example.com\r\nX-Injected: 1", "space or a control character"),
        ("http://api.exa mple.com", "space or a control character"),
        ("http://api.example.com/pre\tfix", "space or a control character"),
        ("http://[::1", "not a valid URL"),
        ("http://[::1]:8000:9", "not a valid URL"),
        ("http://host:99999", "not a valid URL"),
        ("http://host:abc", "not a valid URL"),
        ("http://host:0", "between 1 and 65535"),
        ("http://host/?tenant=1", "query"),
        ("http://host/api?", "query"),
        ("http://host/#frag", "fragment"),
        ("http://-bad-.example", "invalid host name"),
        ("http://a..b", "invalid host name"),
        ("http://a!b.example", "invalid host name"),
    ],
)
def test_malformed_base_urls_are_refused_saying_what_is_wrong(raw: str, problem: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        resolve(api_key=KEY, base_url=raw)

    assert info.value.message.startswith("base_url ")
    assert problem in info.value.message
    assert "https://api.anyfrm.com" in info.value.message  # an example of what works


@pytest.mark.parametrize(
    "raw", ["http://user:hunter2pass@api.example.com", "https://:hunter2pass@api.example.com/x", "http://u@h"]
)
def test_credentials_in_the_base_url_are_refused_and_the_password_never_echoed(raw: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        resolve(api_key=KEY, base_url=raw)

    assert "must not contain credentials" in info.value.message
    assert "hunter2pass" not in str(info.value)


@pytest.mark.parametrize("flag", ["no", "false", 0, None])
def test_load_dotenv_must_be_a_bool(flag: object) -> None:
    write_dotenv(f"{API_KEY_ENV}=afm_from_the_dotenv_file_0123\n")
    with pytest.raises(InvalidArgumentError, match=r"load_dotenv must be True or False, got "):
        resolve(api_key=KEY, load_dotenv=flag)  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", [None, 8000, b"https://api.example.com"])
def test_a_base_url_that_is_not_a_str_is_refused(raw: object) -> None:
    if raw is None:
        assert resolve(api_key=KEY, base_url=None).base_url == DEFAULT_BASE_URL
        return
    with pytest.raises(InvalidArgumentError, match="base_url must be a str"):
        resolve(api_key=KEY, base_url=raw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "url",
    [
        "https://api.example.com/v1/prefix",
        "http://127.0.0.1:1",
        "https://api.example.com:65535",
        "http://[::1]:8000/api",
        "https://b\u00fccher.example",
        "https://api_internal.example.com",
    ],
)
def test_well_formed_base_urls_are_accepted(url: str) -> None:
    assert resolve(api_key=KEY, base_url=url).base_url == url


@pytest.mark.parametrize("value", [float("inf"), -float("inf"), 1e9, 10**12])
def test_infinite_or_enormous_timeouts_are_rejected(value: float) -> None:
    with pytest.raises(InvalidArgumentError, match="timeout must be a positive number of seconds"):
        resolve(api_key=KEY, timeout=value)
    with pytest.raises(InvalidArgumentError, match="stream_read_timeout must be a positive number"):
        resolve(api_key=KEY, stream_read_timeout=value)


@pytest.mark.parametrize(
    ("timeout", "phase"),
    [
        (httpx.Timeout(5.0, read=float("inf")), "timeout.read"),
        (httpx.Timeout(5.0, connect=-1.0), "timeout.connect"),
        (httpx.Timeout(5.0, pool=float("nan")), "timeout.pool"),
        (httpx.Timeout(5.0, write=0.0), "timeout.write"),
    ],
)
def test_an_httpx_timeout_with_an_unusable_phase_is_rejected_naming_it(
    timeout: httpx.Timeout, phase: str
) -> None:
    with pytest.raises(InvalidArgumentError, match=phase):
        resolve(api_key=KEY, timeout=timeout)


def test_an_httpx_timeout_with_no_limit_is_accepted() -> None:
    given = httpx.Timeout(None)

    assert resolve(api_key=KEY, timeout=given).timeout is given


def test_none_as_timeout_points_at_httpx_timeout_none() -> None:
    with pytest.raises(InvalidArgumentError, match=r"httpx.Timeout\(None\)"):
        resolve(api_key=KEY, timeout=None)  # type: ignore[arg-type]


def test_max_retries_is_bounded() -> None:
    assert resolve(api_key=KEY, max_retries=MAX_RETRIES).max_retries == MAX_RETRIES
    with pytest.raises(InvalidArgumentError, match=f"<= {MAX_RETRIES}"):
        resolve(api_key=KEY, max_retries=MAX_RETRIES + 1)
