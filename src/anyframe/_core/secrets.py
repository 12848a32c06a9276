"""The secrets one client knows, and scrubbing them out of what the SDK shows: pure, no I/O.

A [`Secrets`][anyframe._core.secrets.Secrets] belongs to one client (its `with_options` copies share
it). It starts with the API key and learns each credential value the client sends
(`credentials.set_*`, a connector's bearer token) and each token it receives (`tokens.create`). The
error mapping passes every message and decoded error body through it, and the transport scrubs the
chain of an httpx failure in place, so a server that echoes a secret back (in a `detail`, a
validation issue, an HTML page) never puts it in `str(error)`, `error.body`, a chained cause or a
log line. Anything shaped like an `afm_` token is masked too, whoever's it is.

Values shorter than `MIN_LENGTH` are not registered: masking `"1"` or `"abc"` everywhere would garble
every message, and such a value protects nothing anyway. The registry is bounded: past `CAPACITY`
values the oldest learned ones are forgotten (the API key never is).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

__all__ = ["CAPACITY", "MASK", "MIN_LENGTH", "Secrets"]

MASK = "***"
MIN_LENGTH = 6
CAPACITY = 256
_TOKEN = r"afm_[A-Za-z0-9_\-]+"


class Secrets:
    """A client's known secrets and the scrubbing that hides them.

    Args:
        values: The secrets known from the start (the API key).
    """

    def __init__(self, values: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._pinned = tuple(v for v in values if isinstance(v, str) and len(v) >= MIN_LENGTH)
        self._learned: dict[str, None] = {}  # insertion-ordered: the oldest is evicted first
        self._pattern = self._compile()

    def _compile(self) -> re.Pattern[str]:
        # Longest first, so a secret that contains another is masked whole.
        known = sorted({*self._pinned, *self._learned}, key=len, reverse=True)
        return re.compile("|".join([*(re.escape(v) for v in known), _TOKEN]))

    def add(self, value: object) -> None:
        """Remember one more secret (a credential value sent, a token received). Thread-safe."""
        if not isinstance(value, str) or len(value) < MIN_LENGTH:
            return
        with self._lock:
            if value in self._learned or value in self._pinned:
                return
            self._learned[value] = None
            while len(self._learned) > CAPACITY:
                del self._learned[next(iter(self._learned))]
            self._pattern = self._compile()

    def text(self, text: str) -> str:
        """`text` with every known secret and `afm_` token replaced by `***` (`afm_***` for tokens)."""
        return self._pattern.sub(_mask, text)

    def value(self, value: object) -> object:
        """A copy of a decoded JSON value (an error body) with every string scrubbed, keys included."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.value(k): self.value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(item) for item in value]
        return value

    def exception_chain(self, exc: BaseException) -> None:
        """Scrub, in place, the string arguments of `exc` and of every exception chained to it.

        httpx, httpcore and h11 put what they choke on in their messages (an illegal header value, a
        URL): the chained causes a traceback prints must not carry a secret either.
        """
        seen: set[int] = set()
        pending: list[BaseException | None] = [exc]
        while pending:
            current = pending.pop()
            if current is None or id(current) in seen:
                continue
            seen.add(id(current))
            if any(isinstance(arg, str) for arg in current.args):
                current.args = tuple(self.text(a) if isinstance(a, str) else a for a in current.args)
            pending += [current.__cause__, current.__context__]


def _mask(match: re.Match[str]) -> str:
    return "afm_" + MASK if match.group().startswith("afm_") else MASK
