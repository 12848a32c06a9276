"""Client configuration: where the API key, base URL and log level come from, and the defaults.

Precedence is keyword argument > shell environment > `.env` in the current working directory.
The `.env` file is read, never loaded into `os.environ`: the SDK does not change the host process's
environment, and the shell always wins. `load_dotenv=False` reads no file at all.

Every setting is checked here, before a connection pool exists, so a wrong one fails at
construction with an [`InvalidArgumentError`][anyframe.InvalidArgumentError] that says what to fix:

- the API key must be a `str` of printable ASCII (it goes in a header: a NUL, CR/LF or non-ASCII
  character would otherwise fail inside h11 with the key in the error and httpcore's DEBUG log);
  the key itself is never quoted in a message;
- `base_url` must be an `http(s)` URL with a host, an optional port 1-65535 and an optional path
  prefix: no credentials (`user:pass@` makes httpx send Basic auth instead of the key, and would put
  the password in `repr(client)`), no query and no fragment (every request path is appended to the
  URL), no spaces or control characters;
- timeouts are positive, finite numbers of seconds (an infinite one overflows a socket timeout on
  sync calls); `max_retries` is an int from 0 to `MAX_RETRIES`;
- `default_headers` / `default_query` are checked like the per-call options (`anyframe._core.options`),
  hooks are plain callables, `logger` is a `logging.Logger`.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

import httpx

from .._version import __version__
from ..exceptions import AuthError, InvalidArgumentError
from .hooks import RequestHook, ResponseHook, check_hook
from .options import check_headers, check_query, check_timeout, headers_over
from .validate import check_seconds

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_MAX_STREAMS",
    "DEFAULT_STREAM_READ_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "LOG_LEVEL_ENV",
    "MAX_RETRIES",
    "SDK_LOGGER",
    "USER_AGENT",
    "ClientConfig",
    "configure_logging",
    "mask_key",
    "resolve_config",
    "with_changes",
]

API_KEY_ENV = "ANYFRAME_API_KEY"
BASE_URL_ENV = "ANYFRAME_BASE_URL"
LOG_LEVEL_ENV = "ANYFRAME_LOG_LEVEL"
DEFAULT_BASE_URL = "https://api.anyfrm.com"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 2
# Beyond this a retry loop is a hang, and the backoff arithmetic (2**attempt) would overflow a float.
MAX_RETRIES = 100
# The chat stream idles between turns; the server sends keep-alive comments well inside this
# window, so a stream silent for this long is dead and gets reconnected instead of hanging.
DEFAULT_STREAM_READ_TIMEOUT = 60.0
# Event streams open at once per client (per event loop for async clients), in a pool of their own.
DEFAULT_MAX_STREAMS = 1000
# The largest decoded answer accepted: far above any real one (a 5,000-event transcript page is a
# few MB), low enough that a decompression bomb cannot take the process down.
DEFAULT_MAX_RESPONSE_SIZE = 128 * 1024 * 1024
USER_AGENT = f"anyframe-python/{__version__}"

SDK_LOGGER = logging.getLogger("anyframe")
"""The logger the SDK writes to unless a client is given `logger=`."""


def mask_key(key: str) -> str:
    """Render an API key for reprs and logs: the `afm_` prefix and the last 4 characters at most."""
    # Only the well-known `afm_` prefix is shown: the head of any other key is part of the secret.
    prefix = "afm_" if key.startswith("afm_") else ""
    if len(key) <= 12:
        return f"{prefix}****"
    return f"{prefix}…{key[-4:]}"


@dataclass(frozen=True)
class ClientConfig:
    """The resolved settings of one client. `api_key` is kept out of the repr."""

    api_key: str = field(repr=False)
    base_url: str
    timeout: httpx.Timeout
    max_retries: int
    stream_read_timeout: float
    log_level: str | None = None
    max_streams: int = DEFAULT_MAX_STREAMS
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE
    default_headers: Mapping[str, str] = field(default_factory=dict, repr=False)  # values may be secrets
    default_query: Mapping[str, object] = field(default_factory=dict)
    on_request: RequestHook | None = None
    on_response: ResponseHook | None = None
    logger: logging.Logger = SDK_LOGGER


def _dotenv(load: bool) -> Mapping[str, str | None]:
    if not isinstance(load, bool):  # load_dotenv="no" is truthy: it would read the .env it means to skip
        raise InvalidArgumentError(f"load_dotenv must be True or False, got {type(load).__name__} {load!r}")
    if not load:
        return {}
    path = Path.cwd() / ".env"
    if not path.is_file():
        return {}
    from dotenv import dotenv_values  # only paid for when a .env file exists

    return dotenv_values(path)


def _setting(
    name: str, kwarg: str | None, env: Mapping[str, str], dotenv: Mapping[str, str | None]
) -> str | None:
    if kwarg is not None:
        return kwarg
    value = env.get(name)
    if value:
        return value
    return dotenv.get(name) or None


_UNSAFE = re.compile(r"[\x00-\x20\x7f]")  # controls, space (and CR/LF: header injection)
_KEY_CHARS = re.compile(r"[\x21-\x7e]+")  # what an HTTP header value carries verbatim
_HOST = re.compile(
    r"(?!-)[\w-]+(\.(?!-)[\w-]+)*\.?"
)  # DNS labels; `\w` admits IDN names (httpx encodes them)


def _without_userinfo(raw: str) -> str:
    """`raw` with any `user:password@` masked, for messages: the password must not be echoed."""
    return re.sub(r"(//)[^/?#]*@", r"\1***@", raw)


def _bad_base_url(raw: str, problem: str) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"base_url {problem}; got {_without_userinfo(raw)!r}. Use an http(s) URL such as "
        f"{DEFAULT_BASE_URL!r} or 'http://127.0.0.1:8000/prefix'"
    )


def _base_url(raw: object, log: logging.Logger = SDK_LOGGER) -> str:
    if not isinstance(raw, str):
        raise InvalidArgumentError(f"base_url must be a str, got {type(raw).__name__}")
    url = raw.strip().rstrip("/")
    if _UNSAFE.search(url):
        raise _bad_base_url(raw, "contains a space or a control character (CR, LF, tab, NUL)")
    try:
        parts = urlsplit(url)
        port = parts.port  # parses it: a non-number or a value past 65535 raises here
    except ValueError as exc:
        raise _bad_base_url(raw, f"is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _bad_base_url(raw, "must be an absolute http(s) URL with a host")
    _check_parts(raw, parts, port)
    try:
        httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise _bad_base_url(raw, f"is not a valid URL ({exc})") from None
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        # Logged, not `warnings.warn`: test suites commonly point clients at `http://testserver` under
        # `filterwarnings = error`, and the advice must not turn into a crash there. With no logging
        # configured, Python prints WARNING records to stderr anyway.
        log.warning(
            "base_url %r uses plain http to a non-loopback host: the API key travels in clear text", url
        )
    return url


def _check_parts(raw: str, parts: SplitResult, port: int | None) -> None:
    if "@" in parts.netloc:
        raise _bad_base_url(
            raw, "must not contain credentials (user:password@): the SDK authenticates with the API key"
        )
    host = parts.hostname or ""
    if not _HOST.fullmatch(host) and not _is_ip(host):
        raise _bad_base_url(raw, f"has an invalid host name {host!r}")
    if port is not None and not 1 <= port <= 65535:
        raise _bad_base_url(raw, f"has port {port}; a port must be between 1 and 65535")
    if "?" in raw or "#" in raw:
        raise _bad_base_url(
            raw, "must not have a query (?...) or a fragment (#...): every request path is appended to it"
        )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _logger(value: object) -> logging.Logger:
    if not isinstance(value, logging.Logger):
        raise InvalidArgumentError(
            f"logger must be a logging.Logger (e.g. logging.getLogger('myapp.anyframe')), got {type(value).__name__}"
        )
    return value


def _hooks(on_request: object, on_response: object) -> None:
    check_hook("on_request", on_request)
    check_hook("on_response", on_response)


def _max_retries(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_RETRIES:
        raise InvalidArgumentError(f"max_retries must be an integer >= 0 and <= {MAX_RETRIES}, got {value!r}")
    return value


def _stream_read_timeout(value: float) -> float:
    return check_seconds("stream_read_timeout", value)


def _api_key(value: object, source: str) -> str | None:
    """The key, stripped; `None` when blank. Never quoted in a message: it is the secret."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidArgumentError(f"the API key ({source}) must be a str, got {type(value).__name__}")
    key = value.strip()
    if not key:
        return None
    if not _KEY_CHARS.fullmatch(key):
        position, char = next((i, c) for i, c in enumerate(key) if not _KEY_CHARS.fullmatch(c))
        what = "whitespace" if char.isspace() else "a non-ASCII character" if ord(char) > 0x7F else (
            "a control character"
        )  # fmt: skip
        raise InvalidArgumentError(
            f"the API key ({source}) contains {what} at position {position}, which cannot go in an HTTP "
            "header; check how it was copied (nothing was sent)"
        )
    return key


def _positive_int(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(f"{name} must be an integer >= 1, got {value!r}")
    return value


def with_changes(
    config: ClientConfig,
    *,
    timeout: float | httpx.Timeout | None = None,
    max_retries: int | None = None,
    stream_read_timeout: float | None = None,
    max_response_size: int | None = None,
    default_headers: Mapping[str, str] | None = None,
    default_query: Mapping[str, object] | None = None,
    on_request: RequestHook | None = None,
    on_response: ResponseHook | None = None,
    logger: logging.Logger | None = None,
) -> ClientConfig:
    """A copy of `config` with the given settings replaced (`None` keeps one), checked like
    [`resolve_config`][anyframe._core.config.resolve_config] checks them. `default_headers` and
    `default_query` are merged over the config's (a key given replaces the one there).

    Raises:
        InvalidArgumentError: A value is out of range.
    """
    _hooks(on_request, on_response)
    return dataclasses.replace(
        config,
        timeout=config.timeout if timeout is None else check_timeout("timeout", timeout),
        max_retries=config.max_retries if max_retries is None else _max_retries(max_retries),
        stream_read_timeout=(
            config.stream_read_timeout
            if stream_read_timeout is None
            else _stream_read_timeout(stream_read_timeout)
        ),
        max_response_size=(
            config.max_response_size
            if max_response_size is None
            else _positive_int("max_response_size", max_response_size)
        ),
        default_headers=headers_over(
            config.default_headers, check_headers("default_headers", default_headers)
        ),
        default_query={**config.default_query, **check_query("default_query", default_query)},
        on_request=config.on_request if on_request is None else on_request,
        on_response=config.on_response if on_response is None else on_response,
        logger=config.logger if logger is None else _logger(logger),
    )


def resolve_config(
    *,
    api_key: str | None,
    base_url: str | None,
    timeout: float | httpx.Timeout,
    load_dotenv: bool,
    max_retries: int,
    stream_read_timeout: float,
    max_streams: int = DEFAULT_MAX_STREAMS,
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    default_headers: Mapping[str, str] | None = None,
    default_query: Mapping[str, object] | None = None,
    on_request: RequestHook | None = None,
    on_response: ResponseHook | None = None,
    logger: logging.Logger | None = None,
    env: Mapping[str, str] | None = None,
) -> ClientConfig:
    """Resolve the client's settings from its arguments, the environment and `.env`.

    Raises:
        AuthError: No API key resolved (the message names `ANYFRAME_API_KEY`). No request is sent.
        InvalidArgumentError: A setting has the wrong shape (empty key, relative URL, negative timeout).
    """
    environ = os.environ if env is None else env
    log = SDK_LOGGER if logger is None else _logger(logger)
    _hooks(on_request, on_response)
    dotenv = _dotenv(load_dotenv)
    source = "api_key=" if api_key is not None else API_KEY_ENV
    key = _api_key(_setting(API_KEY_ENV, api_key, environ, dotenv), source)
    if key is None:
        raise AuthError(
            f"no API key: pass api_key=... or set {API_KEY_ENV} (in the environment or a .env file in the "
            "working directory); no request was sent",
            status_code=401,
        )
    return ClientConfig(
        api_key=key,
        base_url=_base_url(_setting(BASE_URL_ENV, base_url, environ, dotenv) or DEFAULT_BASE_URL, log),
        timeout=check_timeout("timeout", timeout),
        max_retries=_max_retries(max_retries),
        stream_read_timeout=_stream_read_timeout(stream_read_timeout),
        log_level=_setting(LOG_LEVEL_ENV, None, environ, dotenv),
        max_streams=_positive_int("max_streams", max_streams),
        max_response_size=_positive_int("max_response_size", max_response_size),
        default_headers=check_headers("default_headers", default_headers),
        default_query=check_query("default_query", default_query),
        on_request=on_request,
        on_response=on_response,
        logger=log,
    )


def configure_logging(level: str | None) -> None:
    """Apply `ANYFRAME_LOG_LEVEL`: set the `anyframe` logger's level and, only if nothing handles
    that logger yet, attach one stderr handler. Unset means the library stays silent."""
    if not level:
        return
    numeric = logging.getLevelName(level.strip().upper())
    if not isinstance(numeric, int):
        SDK_LOGGER.warning(
            "ignoring %s=%r: not a logging level name (use DEBUG, INFO, WARNING, ERROR or CRITICAL)",
            LOG_LEVEL_ENV,
            level,
        )
        return
    SDK_LOGGER.setLevel(numeric)
    if not SDK_LOGGER.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        SDK_LOGGER.addHandler(handler)
