"""Client configuration: where the API key, base URL and log level come from, and the defaults.

Precedence is keyword argument > shell environment > `.env` in the current working directory.
The `.env` file is read, never loaded into `os.environ`: the SDK does not change the host process's
environment, and the shell always wins. `load_dotenv=False` reads no file at all.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from .._version import __version__
from ..exceptions import AuthError, InvalidArgumentError

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
# The chat stream idles between turns; the server sends keep-alive comments well inside this
# window, so a stream silent for this long is dead and gets reconnected instead of hanging.
DEFAULT_STREAM_READ_TIMEOUT = 60.0
# Event streams open at once per client (per event loop for async clients), in a pool of their own.
DEFAULT_MAX_STREAMS = 1000
# The largest decoded answer accepted: far above any real one (a 5,000-event transcript page is a
# few MB), low enough that a decompression bomb cannot take the process down.
DEFAULT_MAX_RESPONSE_SIZE = 128 * 1024 * 1024
USER_AGENT = f"anyframe-python/{__version__}"

logger = logging.getLogger("anyframe")


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


def _dotenv(load: bool) -> Mapping[str, str | None]:
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


def _base_url(raw: str) -> str:
    url = raw.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidArgumentError(
            f"base_url must be an absolute http(s) URL such as {DEFAULT_BASE_URL!r}, got {raw!r}"
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        # Logged, not `warnings.warn`: test suites commonly point clients at `http://testserver` under
        # `filterwarnings = error`, and the advice must not turn into a crash there. With no logging
        # configured, Python prints WARNING records to stderr anyway.
        logger.warning(
            "base_url %r uses plain http to a non-loopback host: the API key travels in clear text", url
        )
    return url


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _timeout(value: float | httpx.Timeout) -> httpx.Timeout:
    """A per-request timeout: seconds (positive) or an `httpx.Timeout` as given."""
    if isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:  # NaN too
        raise InvalidArgumentError(
            f"timeout must be a positive number of seconds or an httpx.Timeout, got {value!r}"
        )
    return httpx.Timeout(float(value))


def _max_retries(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidArgumentError(f"max_retries must be an integer >= 0, got {value!r}")
    return value


def _stream_read_timeout(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:  # NaN too
        raise InvalidArgumentError(f"stream_read_timeout must be a positive number of seconds, got {value!r}")
    return float(value)


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
) -> ClientConfig:
    """A copy of `config` with the given settings replaced (`None` keeps one), checked like
    [`resolve_config`][anyframe._core.config.resolve_config] checks them.

    Raises:
        InvalidArgumentError: A value is out of range.
    """
    return dataclasses.replace(
        config,
        timeout=config.timeout if timeout is None else _timeout(timeout),
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
    env: Mapping[str, str] | None = None,
) -> ClientConfig:
    """Resolve the client's settings from its arguments, the environment and `.env`.

    Raises:
        AuthError: No API key resolved (the message names `ANYFRAME_API_KEY`). No request is sent.
        InvalidArgumentError: A setting has the wrong shape (empty key, relative URL, negative timeout).
    """
    environ = os.environ if env is None else env
    dotenv = _dotenv(load_dotenv)
    key = _setting(API_KEY_ENV, api_key, environ, dotenv)
    if key is None or not key.strip():
        raise AuthError(
            f"no API key: pass api_key=... or set {API_KEY_ENV} (in the environment or a .env file in the "
            "working directory); no request was sent",
            status_code=401,
        )
    key = key.strip()
    if any(c.isspace() for c in key):
        raise InvalidArgumentError("the API key contains whitespace; check how it was copied")
    return ClientConfig(
        api_key=key,
        base_url=_base_url(_setting(BASE_URL_ENV, base_url, environ, dotenv) or DEFAULT_BASE_URL),
        timeout=_timeout(timeout),
        max_retries=_max_retries(max_retries),
        stream_read_timeout=_stream_read_timeout(stream_read_timeout),
        log_level=_setting(LOG_LEVEL_ENV, None, environ, dotenv),
        max_streams=_positive_int("max_streams", max_streams),
        max_response_size=_positive_int("max_response_size", max_response_size),
    )


def configure_logging(level: str | None) -> None:
    """Apply `ANYFRAME_LOG_LEVEL`: set the `anyframe` logger's level and, only if nothing handles
    that logger yet, attach one stderr handler. Unset means the library stays silent."""
    if not level:
        return
    numeric = logging.getLevelName(level.strip().upper())
    if not isinstance(numeric, int):
        logger.warning("ignoring %s=%r: not a logging level name", LOG_LEVEL_ENV, level)
        return
    logger.setLevel(numeric)
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
