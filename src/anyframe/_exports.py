"""Lazy re-exports: how `anyframe` and `anyframe.models` offer names they do not import up front.

Each public name is written once, in the `__all__` of the module that defines it. A re-exporting
package names its source modules twice, both in its own `__init__.py`: as `from .x import *` under
`TYPE_CHECKING` (what type checkers, IDEs and the docs read) and as the sources of a
[`LazyExports`][anyframe._exports.LazyExports] (what runs); a test checks the two lists agree.

Listing the names must not import the sources: `import anyframe` stays free of pydantic and httpx,
touching an exception imports neither, touching a model does not import httpx. So a source's names
are read from its source text when its `__all__` is a literal list of quoted names (every module of
this package writes it that way); a source that ships without its text, or whose `__all__` is
computed, is imported instead, which is slower but gives the same names.
"""

from __future__ import annotations

import _thread
import importlib
import importlib.util
import re
from collections.abc import Callable
from functools import cached_property

__all__ = ["LazyExports", "literal_all"]

_ALL = re.compile(r"^__all__ = \[([^\]]*)\][ \t]*$", re.MULTILINE)
# Patterns that start with the literal `__all__` let `re` skip ahead to each mention; one that starts
# with `\b` or an alternation tries every position (about 1 ms per source file instead of 20 us).
_MENTION = re.compile(r"__all__")
_MUTATION = re.compile(r"\s*(\+=|\.)")
_QUOTED = re.compile(r'"([A-Za-z_]\w*)"')
_SEPARATORS = re.compile(r"[\s,]*")


def literal_all(module: str) -> list[str] | None:
    """The names of `module.__all__` read from its source text, without importing it.

    Args:
        module: An absolute module name. Its parent packages are imported (to find it), not the module.

    Returns:
        The names in source order, or `None` when the source is unavailable or its `__all__` is not a
        literal list of quoted names.
    """
    spec = importlib.util.find_spec(module)
    get_source = getattr(spec.loader, "get_source", None) if spec is not None else None
    if get_source is None:
        return None
    try:
        source = get_source(module)
    except (ImportError, OSError):
        return None
    match = _ALL.search(source) if isinstance(source, str) else None
    if match is None or _bindings(source) != 1:
        return None
    if not _SEPARATORS.fullmatch(_QUOTED.sub("", match.group(1))):
        return None
    return _QUOTED.findall(match.group(1))


def _bindings(source: str) -> int:
    """How many times `source` binds or mutates `__all__`: at the start of a line, or as `__all__ +=`
    or `__all__.` anywhere (`__all__.append(...)`)."""
    count = 0
    for mention in _MENTION.finditer(source):
        start, end = mention.span()
        before, after = source[start - 1 : start] or "\n", source[end : end + 1]
        if after == "_" or after.isalnum() or before == "_" or before.isalnum():
            continue  # part of a longer name
        if before == "\n" or _MUTATION.match(source, end):
            count += 1
    return count


class LazyExports:
    """The public names of a package, gathered from the `__all__` of its source modules, each module
    imported only when one of its names is first used.

    Args:
        package: The re-exporting package (`__name__` of its `__init__.py`).
        sources: Its source modules, relative to it (e.g. `".exceptions"`). A name two sources export
            resolves from the first (they re-export one object, e.g. `SSEEvent` from both clients).
        extra: Names the package defines itself, added to `__all__` (e.g. `"__version__"`).
    """

    def __init__(self, package: str, sources: tuple[str, ...], *, extra: tuple[str, ...] = ()) -> None:
        self.package = package
        self.sources = sources
        self.extra = extra
        self._homes: dict[str, str] = {}  # name -> absolute module name, for the sources read so far
        self._unread = list(sources)
        # Threads touching their first names at once must not see a half-read source (re-entrant:
        # a source imported to read its names may look names up itself).
        self._lock = _thread.RLock()

    def _read_next(self) -> None:
        module = importlib.util.resolve_name(self._unread.pop(0), self.package)
        names = literal_all(module)
        if names is None:
            names = list(importlib.import_module(module).__all__)
        for name in names:
            self._homes.setdefault(name, module)

    def home(self, name: str) -> str | None:
        """The absolute name of the module `name` is loaded from, or `None` if no source exports it.

        Sources are read in order and only until one exports `name`: finding an exception does not
        even read the names of the models.
        """
        with self._lock:
            while name not in self._homes and self._unread:
                self._read_next()
            return self._homes.get(name)

    @cached_property
    def names(self) -> list[str]:
        """The package's `__all__`: every exported name plus `extra`, sorted."""
        with self._lock:
            while self._unread:
                self._read_next()
            return sorted({*self._homes, *self.extra})

    def load(self, name: str) -> object:
        """Import the module exporting `name` and return the object (`__all__` is `names`).

        Raises:
            AttributeError: No source exports `name`.
        """
        if name == "__all__":
            return self.names
        module = self.home(name)
        if module is None:
            raise AttributeError(f"module {self.package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    def hooks(self, namespace: dict[str, object]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
        """The package's module-level `__getattr__` and `__dir__` (PEP 562).

        Args:
            namespace: The package's `globals()`: a loaded name is stored there, so later lookups of
                it skip `__getattr__`.
        """

        def __getattr__(name: str) -> object:
            value = self.load(name)
            namespace[name] = value
            return value

        def __dir__() -> list[str]:
            return sorted({*namespace, *self.names})

        return __getattr__, __dir__
