"""Faults on demand: make the next N matching requests fail, stall or break, from Python or over HTTP.

Two kinds of rules, both matched on method and path, both consumed one match at a time:

* [FaultRule][anyframe.testing.FaultRule] (`Faults.add`) replaces or delays a response: answer a status
  with a `{"detail": ...}` body (and `Retry-After` / `retry-after-ms` / any header), answer 200 with
  truncated JSON (`body="malformed"`) or an HTML page (`body="html"`), wait `delay` seconds first, and,
  with `process=True`, run the request for real before answering the fault status (a POST that was
  processed but whose answer was lost).
* [StreamFault][anyframe.testing.StreamFault] (`Faults.cut_stream` / `Faults.stall_stream`) acts on an
  SSE connection once it has sent `after` event frames: close the socket without the terminating chunk
  (optionally mid-frame), or go silent, keep-alives included, for `seconds`.

Paths follow the same rule as `plane.requests.filter` (see [_paths][anyframe.testing._paths]): an
exact path, or a pattern where `*` matches within one path segment and `**` across segments
(`/api/sessions/*` matches `/api/sessions/<id>` but not `/api/sessions/<id>/events`); `regex=True` takes
a regular expression matching the whole path. A path that can never match (a typo, a URL, a query
string, regex syntax without `regex=True`) is refused with `ValueError`, as is every other out-of-range
option, so a rule never silently does nothing; over HTTP the same problems answer 400 with that message.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from ._paths import PathMatcher, check_method

__all__ = ["FaultRule", "Faults", "StreamFault"]

BodyKind = Literal["malformed", "html"]

_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+\Z")
_FRAMING = frozenset({"content-length", "transfer-encoding", "connection", "content-type", "x-request-id"})


@dataclass
class FaultRule:
    """A response fault; see [Faults.add][anyframe.testing.Faults.add] for the meaning of each field."""

    id: int
    method: str
    path: str
    times: int | None
    status: int | None = None
    detail: str | None = None
    retry_after: str | None = None
    retry_after_ms: int | None = None
    delay: float = 0.0
    body: BodyKind | None = None
    process: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    regex: bool = False
    matcher: PathMatcher | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.matcher is None:
            self.matcher = PathMatcher(self.path, regex=self.regex, method=self.method)

    def matches(self, method: str, path: str) -> bool:
        """Whether the rule applies to a request."""
        assert self.matcher is not None
        return self.method in ("*", method) and self.matcher.matches(path)

    def to_json(self) -> dict[str, object]:
        """Return the rule as the JSON the control endpoint accepts and lists."""
        return {
            "id": self.id,
            "kind": "response",
            "method": self.method,
            "path": self.path,
            "regex": self.regex,
            "times": self.times,
            "status": self.status,
            "detail": self.detail,
            "retry_after": self.retry_after,
            "retry_after_ms": self.retry_after_ms,
            "delay": self.delay,
            "body": self.body,
            "process": self.process,
            "headers": self.headers,
        }


@dataclass
class StreamFault:
    """An SSE fault; see [Faults.cut_stream][anyframe.testing.Faults.cut_stream]."""

    id: int
    kind: Literal["cut", "stall"]
    method: str
    path: str
    times: int | None
    after: int = 0
    seconds: float = 0.0
    partial: bool = False
    regex: bool = False
    matcher: PathMatcher | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.matcher is None:
            self.matcher = PathMatcher(self.path, regex=self.regex, method=self.method)

    def matches(self, method: str, path: str) -> bool:
        """Whether the rule applies to a request."""
        assert self.matcher is not None
        return self.method in ("*", method) and self.matcher.matches(path)

    def to_json(self) -> dict[str, object]:
        """Return the rule as the JSON the control endpoint accepts and lists."""
        return {
            "id": self.id,
            "kind": "cut_stream" if self.kind == "cut" else "stall_stream",
            "method": self.method,
            "path": self.path,
            "regex": self.regex,
            "times": self.times,
            "after": self.after,
            "seconds": self.seconds,
            "partial": self.partial,
        }


def _check_times(times: object) -> None:
    if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
        raise ValueError(
            f"times must be a positive integer, or None for every matching request; got {times!r}"
        )


def _check_flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false; got {value!r}")
    return value


def _check_seconds(name: str, value: object) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value < 0
    ):
        raise ValueError(f"{name} must be a non-negative number of seconds; got {value!r}")
    return float(value)


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer; got {value!r}")
    return value


def _header_safe(name: str, value: object) -> str:
    if not isinstance(value, str) or any(c in value for c in "\r\n\0"):
        raise ValueError(f"{name} must be a string without CR, LF or NUL; got {value!r}")
    return value


def _check_headers(headers: object) -> dict[str, str]:
    if headers is None:
        return {}
    if not isinstance(headers, Mapping):
        raise ValueError(f"headers must be an object of header names to string values; got {headers!r}")
    out: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not _HEADER_NAME.match(name):
            raise ValueError(f"header name {name!r} is not a valid HTTP header name")
        if name.lower() in _FRAMING:
            raise ValueError(f"header {name!r} is set by the plane itself and cannot be injected")
        out[name] = _header_safe(f"header {name!r}", value)
    return out


class Faults:
    """The fault registry of one plane; thread-safe. Rules are tried in the order they were added."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._rules: list[FaultRule] = []
        self._streams: list[StreamFault] = []

    def add(
        self,
        *,
        method: str = "*",
        path: str = "/**",
        status: int | None = None,
        times: int | None = 1,
        detail: str | None = None,
        retry_after: float | str | None = None,
        retry_after_ms: int | None = None,
        delay: float = 0.0,
        body: BodyKind | None = None,
        process: bool = False,
        headers: Mapping[str, str] | None = None,
        regex: bool = False,
    ) -> FaultRule:
        """Make the next `times` matching requests fail or slow down.

        Args:
            method: HTTP method to match, or `"*"` for any.
            path: An exact path (`/api/me`), a pattern (`*` = one segment, `**` = any depth), or a
                regular expression matching the whole path when `regex=True`.
            status: Status to answer instead of the real one (429, 500, 502, 503, 520, ...; 200-599).
                Defaults to 200 when `body` is set.
            times: How many matching requests the rule affects; `None` for every one.
            detail: The `detail` of the JSON error body (a default names the fault).
            retry_after: Value of the `Retry-After` header (seconds, or an HTTP-date string).
            retry_after_ms: Value of the `retry-after-ms` header.
            delay: Seconds to wait before answering (alone: a slow but otherwise normal response).
            body: `"malformed"` answers truncated JSON (`{"id": 1,`), `"html"` an HTML error page.
            process: Run the request for real, then answer `status` (the work happened, the answer was
                lost). Without it the request is not processed.
            headers: Extra response headers.
            regex: Treat `path` as a regular expression.

        Returns:
            The registered rule.

        Raises:
            ValueError: The rule would do nothing, its path can never match a request, or an argument
                has the wrong type or is out of range; the message says which and what to pass.
        """
        method = check_method(method)
        matcher = PathMatcher(path, regex=regex, method=method)
        _check_times(times)
        if status is not None and (
            isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599
        ):
            raise ValueError(f"status must be an integer HTTP status from 200 to 599; got {status!r}")
        if body not in (None, "malformed", "html"):
            raise ValueError(f"body must be 'malformed', 'html' or None; got {body!r}")
        delay = _check_seconds("delay", delay)
        if status is None and body is None and not delay:
            raise ValueError("a fault needs a status, a body or a delay; otherwise it would change nothing")
        if _check_flag("process", process) and status is None:
            raise ValueError("process=True needs a status to answer after processing")
        if detail is not None and not isinstance(detail, str):
            raise ValueError(f"detail must be a string; got {detail!r}")
        if retry_after is not None and not isinstance(retry_after, str):
            retry_after = _check_seconds("retry_after", retry_after)
        after = None if retry_after is None else _header_safe("retry_after", _header_number(retry_after))
        if retry_after_ms is not None:
            _check_count("retry_after_ms", retry_after_ms)
        extra = _check_headers(headers)
        with self._lock:
            rule = FaultRule(
                id=next(self._ids),
                method=method,
                path=matcher.path,
                times=times,
                status=status,
                detail=detail,
                retry_after=after,
                retry_after_ms=retry_after_ms,
                delay=delay,
                body=body,
                process=process,
                headers=extra,
                regex=matcher.regex,
                matcher=matcher,
            )
            self._rules.append(rule)
        return rule

    def cut_stream(
        self,
        *,
        path: str = "/**",
        after: int = 0,
        times: int | None = 1,
        partial: bool = False,
        method: str = "GET",
        regex: bool = False,
    ) -> StreamFault:
        """Drop the next `times` matching SSE connections after `after` event frames.

        The socket is closed without the terminating chunk, so the client sees an incomplete body.

        Args:
            path: Path or pattern of the stream (e.g. `/api/sessions/*/events`), as for `add`.
            after: Event frames to deliver first (keep-alive comments do not count).
            times: How many connections to cut; `None` for every one.
            partial: Also send the first half of the next frame before closing.
            method: HTTP method to match.
            regex: Treat `path` as a regular expression.

        Returns:
            The registered rule.

        Raises:
            ValueError: As for `add`.
        """
        return self._add_stream("cut", path, after, times, 0.0, partial, method, regex)

    def stall_stream(
        self,
        *,
        seconds: float,
        path: str = "/**",
        after: int = 0,
        times: int | None = 1,
        method: str = "GET",
        regex: bool = False,
    ) -> StreamFault:
        """Make the next `times` matching SSE connections go silent for `seconds` after `after` frames.

        Nothing is sent during the stall, not even keep-alives; then the stream resumes normally.

        Args:
            seconds: Length of the silence.
            path: Path or pattern of the stream, as for `add`.
            after: Event frames to deliver first.
            times: How many connections to stall; `None` for every one.
            method: HTTP method to match.
            regex: Treat `path` as a regular expression.

        Returns:
            The registered rule.

        Raises:
            ValueError: As for `add`.
        """
        return self._add_stream(
            "stall", path, after, times, _check_seconds("seconds", seconds), False, method, regex
        )

    def _add_stream(
        self,
        kind: Literal["cut", "stall"],
        path: str,
        after: int,
        times: int | None,
        seconds: float,
        partial: bool,
        method: str,
        regex: bool,
    ) -> StreamFault:
        method = check_method(method)
        matcher = PathMatcher(path, regex=regex, method=method)
        _check_times(times)
        _check_count("after", after)
        _check_flag("partial", partial)
        with self._lock:
            rule = StreamFault(
                next(self._ids),
                kind,
                method,
                matcher.path,
                times,
                after,
                seconds,
                partial,
                matcher.regex,
                matcher,
            )
            self._streams.append(rule)
        return rule

    def clear(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules.clear()
            self._streams.clear()

    @property
    def rules(self) -> list[FaultRule | StreamFault]:
        """The active rules, response rules first."""
        with self._lock:
            return [*self._rules, *self._streams]

    def take(self, method: str, path: str) -> FaultRule | None:
        """Consume one use of the first response rule matching the request, if any."""
        with self._lock:
            return _take(self._rules, method, path)

    def take_stream(self, method: str, path: str) -> StreamFault | None:
        """Consume one use of the first stream rule matching the request, if any."""
        with self._lock:
            return _take(self._streams, method, path)

    def add_from_json(self, spec: object) -> FaultRule | StreamFault:
        """Register a rule described as JSON (the body of `POST /_plane/faults`).

        Args:
            spec: An object with `kind` (`"response"`, default; `"cut_stream"`; `"stall_stream"`) and the
                keyword arguments of the matching method.

        Returns:
            The registered rule.

        Raises:
            ValueError: The description is not valid.
        """
        if not isinstance(spec, dict):
            raise ValueError('the fault must be a JSON object, e.g. {"path": "/api/me", "status": 503}')
        options = dict(spec)
        kind = options.pop("kind", "response")
        allowed = (
            {
                "response": {
                    "method",
                    "path",
                    "status",
                    "times",
                    "detail",
                    "retry_after",
                    "retry_after_ms",
                    "delay",
                    "body",
                    "process",
                    "headers",
                    "regex",
                },
                "cut_stream": {"path", "after", "times", "partial", "method", "regex"},
                "stall_stream": {"seconds", "path", "after", "times", "method", "regex"},
            }.get(kind)
            if isinstance(kind, str)
            else None
        )
        if allowed is None:
            raise ValueError(f"kind must be 'response', 'cut_stream' or 'stall_stream'; got {kind!r}")
        unknown = sorted(set(options) - allowed)
        if unknown:
            raise ValueError(
                f"unknown fault option(s) for {kind}: {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
            )
        if kind == "cut_stream":
            return self.cut_stream(**options)
        if kind == "stall_stream":
            if "seconds" not in options:
                raise ValueError("a stall_stream fault needs seconds, the length of the silence")
            return self.stall_stream(**options)
        return self.add(**options)


def _header_number(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else str(value)


_Rule = TypeVar("_Rule", FaultRule, StreamFault)


def _take(rules: list[_Rule], method: str, path: str) -> _Rule | None:
    for index, rule in enumerate(rules):
        if rule.matches(method, path):
            if rule.times is not None:
                rule.times -= 1
                if rule.times <= 0:
                    del rules[index]
            return rule
    return None
