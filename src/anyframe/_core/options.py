"""Per-call options and client defaults, and the one place they are merged into a request: pure.

Every public method that makes requests takes `**options:`
[`Unpack[RequestOptions]`][anyframe.RequestOptions] (the waiters and `sessions.turn()` take
[`WaitOptions`][anyframe.WaitOptions], their `timeout` being their overall deadline). The shells pass
what they were given to the transport untouched; [`call_options`][anyframe._core.options.call_options]
checks it, once, and [`merge`][anyframe._core.options.merge] layers it over the client's defaults and
the operation's own request. A call whose requests go out later (an event stream, the pages of
`iter_transcript()`, the requests of a turn) checks its options at the call with
[`bodiless_options`][anyframe._core.options.bodiless_options]; a turn's `respond()` sends the turn's
options under its own ([`layered`][anyframe._core.options.layered]). With no option and no default, `merge` hands back the operation's
request exactly as the generated builder made it, so the bytes on the wire do not change.

Precedence, lowest first:

- headers: the SDK's (`Authorization`, `User-Agent`, `Accept`) < `default_headers` < the operation's
  own (`Content-Type` of a body) < `extra_headers` < an event stream's `Accept` and `Last-Event-ID`
  (the stream's position has one owner). Names compare case-insensitively. `Authorization` cannot be
  set this way (the API key goes there, and only a key the client knows is scrubbed from what it
  shows); a `User-Agent` given is appended to the SDK's (`anyframe-python/0.1.0 my-app/2.1`), so the
  server still sees which SDK sent the call; `Host`, `Content-Length`, `Transfer-Encoding` and
  `Connection` belong to the transport. Header values are never logged or shown, so none is quoted
  in a message either.
- query: `default_query` < the operation's parameters < `extra_query`.
- body: `extra_body`'s keys are set on top of the operation's JSON object, and are refused on a
  request without a body (nothing would carry them).
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypedDict, TypeVar

import httpx

from ..exceptions import InvalidArgumentError
from .request import ApiRequest
from .validate import check_seconds

if sys.version_info >= (3, 11):
    from typing import Unpack
else:  # typing_extensions is only imported where typing lacks it (it costs ~15 ms to import)
    from typing_extensions import Unpack

__all__ = [
    "OPTION_NAMES",
    "CallOptions",
    "RequestOptions",
    "Unpack",
    "WaitOptions",
    "bodiless_options",
    "call_options",
    "check_headers",
    "check_query",
    "check_timeout",
    "client_headers",
    "headers_over",
    "layered",
    "merge",
    "stream_timeout",
    "unknown_options",
]


class WaitOptions(TypedDict, total=False):
    """The per-call options of the calls with a deadline of their own: the waiters (`wait_for_build`,
    `wait_until_running`), applied to each poll, and `sessions.turn()`, applied to each of the turn's
    requests. Those of [`RequestOptions`][anyframe.RequestOptions] but `timeout`, which is the call's
    overall deadline, and `extra_body`: polls send no body, and a turn's message is sent as given
    (put any other field in a dict message).

    Attributes:
        extra_headers: Headers added to the request.
        extra_query: Query parameters added to the request.
    """

    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, object]


class RequestOptions(WaitOptions, total=False):
    """The options every call takes as keyword arguments, on top of its own parameters.

    They apply to that call only (every request it makes: each retry, each reconnect of a stream);
    [`AnyFrame`][anyframe.AnyFrame]'s `default_headers=` and `default_query=` apply to every call.
    Each is checked before anything is sent; an unknown keyword raises
    [`InvalidArgumentError`][anyframe.InvalidArgumentError] naming the valid ones.

    Example:
        ```python
        session = af.sessions.get(
            session_id,
            extra_headers={"X-Trace-Id": "4bf92f35"},  # added to this request
            extra_query={"include": "previews"},  # added to the URL's query
            timeout=5.0,  # this call's timeout instead of the client's
        )
        agent = af.agents.create(name="demo", extra_body={"template_id": 3})  # a field the SDK lacks
        ```

    Attributes:
        extra_headers: Headers added to the request, over the client's `default_headers` and the
            operation's own. `Authorization`, `Host`, `Content-Length`, `Transfer-Encoding` and
            `Connection` are refused; a `User-Agent` is appended to the SDK's.
        extra_query: Query parameters added to the URL, over `default_query` and the operation's own.
            Values are `str`, `int`, finite `float`, `bool`, or a list of those (a repeated
            parameter).
        extra_body: Keys set on top of the JSON body the call sends (a field this SDK does not know
            yet, or an explicit `None` to send JSON `null`). Refused on calls that send no body.
        timeout: This call's timeout instead of the client's: seconds, or an `httpx.Timeout`,
            checked like the client's (`None` keeps the client's). For an event stream it bounds
            connecting; the silence allowed stays `stream_read_timeout`.
    """

    extra_body: Mapping[str, object]
    timeout: float | httpx.Timeout


V = TypeVar("V")

OPTION_NAMES: tuple[str, ...] = tuple(RequestOptions.__annotations__)
"""The per-call options, in the order the documentation lists them."""


@dataclass(frozen=True, slots=True)
class CallOptions:
    """Checked per-call options (empty mappings are dropped). The repr leaves out the header and
    body values, which may carry a secret (as `ClientConfig` leaves out `default_headers`).

    Args:
        timeout: Replaces the client's timeout for this call.
        extra_headers: Headers added over the client's and the operation's.
        extra_query: Query parameters added over the client's and the operation's.
        extra_body: Keys set on top of the operation's JSON body.
    """

    timeout: httpx.Timeout | None = None
    extra_headers: Mapping[str, str] | None = field(default=None, repr=False)
    extra_query: Mapping[str, object] | None = None
    extra_body: Mapping[str, object] | None = field(default=None, repr=False)


def check_timeout(name: str, value: object) -> httpx.Timeout:
    """A timeout setting: seconds, or an `httpx.Timeout` (each phase seconds or `None`) as given.

    Raises:
        InvalidArgumentError: Not a positive, finite number of seconds (nor such a `Timeout`).
    """
    if isinstance(value, httpx.Timeout):
        for phase in ("connect", "read", "write", "pool"):
            seconds = getattr(value, phase)
            if seconds is not None:
                check_seconds(f"{name}.{phase}", seconds)
        return value
    if value is None:
        raise InvalidArgumentError(
            f"{name} must be a positive number of seconds or an httpx.Timeout "
            "(httpx.Timeout(None) for no timeout), got None"
        )
    return httpx.Timeout(check_seconds(name, value))


def stream_timeout(
    client: httpx.Timeout,
    options: CallOptions | None,
    read: float,
    *,
    deadline: float | None,
    now: float,
) -> httpx.Timeout:
    """An event stream connection's timeout: the call's (its `timeout` option, else the client's)
    with `read` (the client's `stream_read_timeout`) as its read part, each phase bounded by what
    is left until `deadline` (a `time.monotonic()` value, with `now` the current one), if any.
    """
    base = client if options is None or options.timeout is None else options.timeout
    phases = {"connect": base.connect, "read": read, "write": base.write, "pool": base.pool}
    if deadline is not None:
        left = max(0.001, deadline - now)
        phases = {name: left if value is None else min(value, left) for name, value in phases.items()}
    return httpx.Timeout(**phases)


def unknown_options(given: Mapping[str, object]) -> list[str]:
    """The keys of `given` that are not per-call options, sorted."""
    return sorted(key for key in given if key not in OPTION_NAMES)


def _unknown(keys: list[str]) -> InvalidArgumentError:
    import difflib  # only on this error path: it costs a millisecond to import

    shown = ", ".join(repr(key) for key in keys)
    guesses = [match for key in keys for match in difflib.get_close_matches(key, OPTION_NAMES, n=1)]
    hint = f" (did you mean {', '.join(repr(g) for g in guesses)}?)" if guesses else ""
    return InvalidArgumentError(
        f"unexpected keyword argument{'s' if len(keys) > 1 else ''} {shown}{hint}: besides its own "
        f"parameters, every call takes only the per-call options {', '.join(OPTION_NAMES)}"
    )


def call_options(given: Mapping[str, object] | None) -> CallOptions | None:
    """Check the options a method received as `**options`; `None` when there are none.

    Raises:
        InvalidArgumentError: An unknown keyword (the message lists the options, with a close
            match), or an option of the wrong shape; nothing was sent.
    """
    if not given:
        return None
    unknown = unknown_options(given)
    if unknown:
        raise _unknown(unknown)
    timeout = given.get("timeout")
    return CallOptions(
        timeout=None if timeout is None else check_timeout("timeout", timeout),
        extra_headers=check_headers("extra_headers", given.get("extra_headers")) or None,
        extra_query=check_query("extra_query", given.get("extra_query")) or None,
        extra_body=_check_body(given.get("extra_body")) or None,
    )


def bodiless_options(given: Mapping[str, object] | None, refusal: str) -> CallOptions | None:
    """Check, at the call, the options of a call whose requests go out later and take no
    `extra_body`: an event stream, the pages of `iter_transcript()`, the requests of a turn.

    Args:
        given: What the method received as `**options`.
        refusal: The message refusing an `extra_body` (why the call has no body to put it in).

    Raises:
        InvalidArgumentError: As [`call_options`][anyframe._core.options.call_options], or an
            `extra_body` was given; nothing was sent.
    """
    checked = call_options(given)
    if checked is not None and checked.extra_body:
        raise InvalidArgumentError(refusal)
    return checked


def _keywise(below: Mapping[str, V] | None, above: Mapping[str, V] | None) -> Mapping[str, V] | None:
    """`above` over `below`, key by key, when both are mappings (else `above`, or `below` without it)."""
    if above is None:
        return below
    if isinstance(below, Mapping) and isinstance(above, Mapping):
        return {**below, **above}
    return above  # not a mapping: the transport's check refuses it


def layered(outer: WaitOptions, inner: RequestOptions) -> RequestOptions:
    """The options of a request a call makes within another: `turn.respond(**inner)` within
    `sessions.turn(**outer)`. `extra_headers` and `extra_query` are merged key by key, `inner`'s
    winning (for headers whatever the case: `merge` applies them in order); `inner`'s `extra_body`
    and `timeout` are its own. Nothing is checked here: the transport checks the result like any
    call's options.
    """
    out: RequestOptions = {**outer, **inner}
    headers = _keywise(outer.get("extra_headers"), inner.get("extra_headers"))
    if headers is not None:
        out["extra_headers"] = headers
    query = _keywise(outer.get("extra_query"), inner.get("extra_query"))
    if query is not None:
        out["extra_query"] = query
    return out


# --- headers -------------------------------------------------------------------------------------

_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # an RFC 9110 token
_HEADER_VALUE = re.compile(r"[\t\x20-\x7e]*")  # visible ASCII, space and tab: no CR, LF, NUL
_RESERVED = {
    "authorization": "it carries the API key: pass api_key= to the client (one client per key)",
    "host": "it is the base_url's host",
    "content-length": "the transport frames the body",
    "transfer-encoding": "the transport frames the body",
    "connection": "the transport manages connections",
}


def check_headers(name: str, value: object) -> dict[str, str]:
    """Headers given by the caller (`default_headers`, `extra_headers`, `request(headers=...)`).

    Values are never quoted: a header may carry a secret.

    Raises:
        InvalidArgumentError: Not a mapping of `str` to `str`, a name that is not an HTTP token, a
            value with CR, LF, NUL, another control character or non-ASCII, or a reserved name.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            f"{name} must be a dict of header names to values, got {type(value).__name__}"
        )
    out: dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not _HEADER_NAME.fullmatch(key):
            raise InvalidArgumentError(
                f"{name} has the header name {key!r}, which is not an HTTP token (letters, digits and "
                "!#$%&'*+-.^_`|~)"
            )
        reserved = _RESERVED.get(key.lower())
        if reserved is not None:
            raise InvalidArgumentError(f"{name} cannot set {key!r}: {reserved}")
        if not isinstance(item, str):
            raise InvalidArgumentError(f"{name}[{key!r}] must be a str, got {type(item).__name__}")
        if not _HEADER_VALUE.fullmatch(item):
            raise InvalidArgumentError(
                f"{name}[{key!r}] holds a character a header cannot carry (CR, LF, NUL, another control "
                "character, or non-ASCII); the value is not shown"
            )
        out[key] = item
    return out


def _set_header(merged: dict[str, str], key: str, value: str) -> None:
    """Set `key` in `merged`, replacing a header of the same name in any case."""
    lowered = key.lower()
    for existing in [k for k in merged if k.lower() == lowered]:
        del merged[existing]
    merged[key] = value


def headers_over(below: Mapping[str, str], above: Mapping[str, str]) -> dict[str, str]:
    """`above` over `below`, header names compared case-insensitively (`with_options(default_headers=)`)."""
    merged = dict(below)
    for key, value in above.items():
        _set_header(merged, key, value)
    return merged


def _layer(merged: dict[str, str], headers: Mapping[str, str], user_agent: str) -> None:
    for key, value in headers.items():
        _set_header(merged, key, f"{user_agent} {value}" if key.lower() == "user-agent" else value)


def client_headers(api_key: str, user_agent: str, defaults: Mapping[str, str]) -> dict[str, str]:
    """The headers every request of a client starts from: the SDK's, then its checked defaults."""
    headers = {"Authorization": f"Bearer {api_key}", "User-Agent": user_agent, "Accept": "application/json"}
    _layer(headers, defaults, user_agent)
    return headers


# --- query and body ------------------------------------------------------------------------------

_SCALARS = (str, int, float)


def _query_value(name: str, key: str, value: object) -> object:
    items = value if isinstance(value, (list, tuple)) else (value,)
    for item in items:
        if not isinstance(item, _SCALARS):
            what = "None (leave the key out instead)" if item is None else type(item).__name__
            raise InvalidArgumentError(
                f"{name}[{key!r}] must be a str, int, float or bool, or a list of them, got {what}"
            )
        if isinstance(item, float) and not math.isfinite(item):
            raise InvalidArgumentError(f"{name}[{key!r}] must be a finite number, got {item!r}")
    return list(value) if isinstance(value, tuple) else value


def check_query(name: str, value: object) -> dict[str, object]:
    """Query parameters given by the caller (`default_query`, `extra_query`, `request(params=...)`).

    Raises:
        InvalidArgumentError: Not a mapping with non-empty `str` keys, or a value other than a
            `str`, `int`, finite `float`, `bool` or a list of those.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            f"{name} must be a dict of parameter names to values, got {type(value).__name__}"
        )
    out: dict[str, object] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not key:
            raise InvalidArgumentError(f"{name} has the key {key!r}: query parameter names are non-empty str")
        out[key] = _query_value(name, key, item)
    return out


def _check_body(value: object) -> dict[str, object]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(f"extra_body must be a dict of body fields, got {type(value).__name__}")
    for key in value:
        if not isinstance(key, str):
            raise InvalidArgumentError(f"extra_body has the key {key!r}: JSON object keys are str")
    return dict(value)


# --- merging -------------------------------------------------------------------------------------


def merge(
    request: ApiRequest,
    options: CallOptions | None,
    *,
    headers: Mapping[str, str],
    query: Mapping[str, object] | None,
    user_agent: str,
    stream_headers: Mapping[str, str] | None = None,
) -> tuple[Mapping[str, str], Mapping[str, object] | None, object]:
    """The headers, query parameters and JSON body to send for `request`, in the precedence above.

    Args:
        request: The operation's request, from its generated builder.
        options: The call's checked options, or `None`.
        headers: The client's headers ([`client_headers`][anyframe._core.options.client_headers]).
        query: The client's `default_query`, or `None`.
        user_agent: The SDK's own `User-Agent`, which a given one is appended to.
        stream_headers: An event stream's own headers (`Accept`, `Last-Event-ID`), which win.

    Raises:
        InvalidArgumentError: `extra_body` on a request without a JSON object body.
    """
    if options is None and not query and not stream_headers and not request.headers:
        return headers, request.params, request.json
    out = dict(headers)
    _layer(out, request.headers or {}, user_agent)
    params: Mapping[str, object] | None = request.params
    body = request.json
    if query:
        params = {**query, **(params or {})}
    if options is not None:
        if options.extra_headers:
            _layer(out, options.extra_headers, user_agent)
        if options.extra_query:
            params = {**(params or {}), **options.extra_query}
        if options.extra_body:
            if not isinstance(body, dict):
                raise InvalidArgumentError(
                    f"{request.method} {request.path} sends no JSON object body, so extra_body has nothing to "
                    "go in: use extra_query or extra_headers"
                )
            body = {**body, **options.extra_body}
    for key, value in (stream_headers or {}).items():
        _set_header(out, key, value)
    return out, params, body
