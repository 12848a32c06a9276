"""One rule for the paths that `plane.requests.filter(path=...)` and `plane.faults.add(path=...)` take.

Both accept the same three forms and reject everything else loudly, so a path never silently matches
nothing:

- an exact path, `/api/agents/7`;
- a pattern, where `*` matches within one path segment and `**` across segments:
  `/api/sessions/*/events`, `/api/agents/**`, `/**` (everything);
- with `regex=True`, a regular expression that must match the whole path: `/api/agents/\\d+`.

Refused, with a message saying what to write instead: anything that does not start with `/` (a full URL
included), a query string or fragment, a spec template such as `{agent_id}`, regular-expression syntax
without `regex=True`, a regex that does not compile, and an exact path or pattern that no operation of
the plane can ever answer (a typo such as `/api/agent`), optionally for the given method.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["METHODS", "PathMatcher", "check_method"]

#: Methods the plane answers (and the wildcard).
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")

_REGEX_SYNTAX = re.compile(r"[\\^$()\[\]+?|]|\.\*|\.\+")
_TEMPLATE = re.compile(r"\{[^/]*\}")


def check_method(method: object, *, wildcard: bool = True) -> str:
    """Return an upper-case HTTP method, or raise `ValueError` saying what is accepted.

    Args:
        method: The value given.
        wildcard: Whether `"*"` (any method) is accepted.

    Returns:
        The method, upper case.

    Raises:
        ValueError: Not a string, or not a method the plane answers.
    """
    allowed = [*METHODS, "*"] if wildcard else list(METHODS)
    if not isinstance(method, str) or method.upper() not in allowed:
        raise ValueError(f"method must be one of {', '.join(allowed)}; got {method!r}")
    return method.upper()


def _templates() -> list[tuple[str, str]]:
    from ._routes import OPERATIONS  # imported late: the route table imports every handler module

    return [(method, template) for method, template, _ in OPERATIONS]


def _glob(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"(\*\*|\*)", pattern)
    return re.compile(
        "".join(".*" if p == "**" else "[^/]*" if p == "*" else re.escape(p) for p in parts) + r"\Z"
    )


def _segment_fits(pattern: str, template: str) -> bool:
    if template.startswith("{"):
        return pattern != ""  # a parameter is one non-empty segment
    return _glob(pattern).match(template) is not None


def _could_match(pattern: list[str], template: list[str]) -> bool:
    """Whether some path that fits `template` also fits `pattern` (both split into segments)."""
    if not pattern:
        return not template
    if pattern[0] == "**":
        return any(_could_match(pattern[1:], template[k:]) for k in range(len(template) + 1))
    return (
        bool(template) and _segment_fits(pattern[0], template[0]) and _could_match(pattern[1:], template[1:])
    )


class PathMatcher:
    """A path, a pattern or a regex, checked once and then matched against request paths.

    Args:
        path: See the module docstring.
        regex: Treat `path` as a regular expression (full match).
        method: When given (not `"*"`), an exact path or pattern must fit an operation of this method.
        templates: `(method, template)` pairs of the operations to check against (default: the plane's).

    Raises:
        ValueError: The path is not one of the accepted forms, or can never match a request.
    """

    def __init__(
        self,
        path: object,
        *,
        regex: object = False,
        method: str | None = None,
        templates: Iterable[tuple[str, str]] | None = None,
    ) -> None:
        if not isinstance(regex, bool):
            raise ValueError(f"regex must be true or false; got {regex!r}")
        if not isinstance(path, str) or not path:
            raise ValueError(f"path must be a non-empty string such as '/api/agents'; got {path!r}")
        self.path = path
        self.regex = regex
        if regex:
            try:
                self.pattern = re.compile(path)
            except re.error as exc:
                raise ValueError(f"path {path!r} is not a valid regular expression ({exc})") from None
            return
        self._check_form(path)
        self.pattern = _glob(path)
        operations = list(_templates() if templates is None else templates)
        candidates = [t for m, t in operations if method in (None, "*", m)]
        wanted = path.split("/")
        if not any(_could_match(wanted, template.split("/")) for template in candidates):
            shown = [_TEMPLATE.sub("*", t) for t in dict.fromkeys(candidates)]
            close = difflib.get_close_matches(_TEMPLATE.sub("*", path), shown, n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            which = f"{method} " if method not in (None, "*") else ""
            raise ValueError(
                f"{which}{path!r} matches no operation of the local control plane{hint}; fix the path, use "
                "* (one segment) or ** (any depth), or pass regex=True to match any path"
            )

    @staticmethod
    def _check_form(path: str) -> None:
        if "://" in path:
            raise ValueError(f"pass the path, not a URL: e.g. '/api/agents' rather than {path!r}")
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/', e.g. '/{path}'")
        if "?" in path or "#" in path:
            raise ValueError(
                f"path {path!r} includes a query string or fragment; match on the path alone (records keep "
                "the query in .query)"
            )
        if _TEMPLATE.search(path):
            raise ValueError(
                f"path {path!r} is a template; write * for a parameter, e.g. {_TEMPLATE.sub('*', path)!r}"
            )
        if _REGEX_SYNTAX.search(path):
            raise ValueError(
                f"path {path!r} looks like a regular expression; pass regex=True, or use * (one segment) "
                "and ** (any depth)"
            )

    def matches(self, path: str) -> bool:
        """Whether a request path fits.

        Args:
            path: The request path, without the query string.

        Returns:
            True on a match.
        """
        if self.regex:
            return self.pattern.fullmatch(path) is not None
        return self.pattern.match(path) is not None

    def __repr__(self) -> str:
        return f"PathMatcher({self.path!r}, regex={self.regex})"
