"""The in-memory world of one local control plane: every row, the lock that guards them, and the clock.

One re-entrant lock (inside a `Condition`) guards the whole world. Requests hold it for microseconds,
the scheduler holds it while applying a transition, and SSE streams wait on the condition for new
events, so "something changed" is a single `notify_all()`. A coarse lock keeps every invariant (a build
and its agent, a session and its events) trivially consistent, and is nowhere near the cost of parsing
the HTTP request that precedes it.
"""

from __future__ import annotations

import itertools
import secrets
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator

from ._config import Timings
from ._http import ApiError
from ._rows import (
    AgentRow,
    BuildRow,
    CacheEntry,
    ConnectorRow,
    CredentialRow,
    SessionRow,
    SnapshotRow,
    TokenRow,
    utcnow,
)
from ._scheduler import Scheduler

__all__ = ["USER", "World"]

#: The one user every token belongs to.
USER: dict[str, object] = {
    "id": 1,
    "github_id": 1001,
    "login": "local",
    "name": "Local Plane",
    "avatar_url": None,
}

_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def new_secret(prefix: str = "afm_", length: int = 32) -> str:
    """Return a random token such as `afm_...` (letters and digits only)."""
    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(length))


def short_id(prefix: str, length: int = 12) -> str:
    """Return a random id such as `im_3f9a...`."""
    return prefix + secrets.token_hex(length // 2 + 1)[:length]


class World:
    """Every row of the simulated control plane plus the machinery to change them over time."""

    def __init__(self, timings: Timings) -> None:
        self.timings = timings
        self.cond = threading.Condition(threading.RLock())
        self.scheduler = Scheduler()
        self.stopping = threading.Event()
        self.base_url = ""
        #: Signs `(build_id, expires)` for the build log URLs (set by the plane, which holds the key).
        self.sign: Callable[[int, int], str] = lambda build_id, expires: ""
        self._ids: defaultdict[str, Iterator[int]] = defaultdict(lambda: itertools.count(1))
        self.tokens: dict[int, TokenRow] = {}
        self.token_index: dict[str, TokenRow] = {}
        self.credentials: dict[str, CredentialRow] = {
            k: CredentialRow() for k in ("claude", "codex", "github")
        }
        self.connectors: dict[int, ConnectorRow] = {}
        self.agents: dict[int, AgentRow] = {}
        self.builds: dict[int, BuildRow] = {}
        self.build_cache: dict[str, CacheEntry] = {}
        self.sessions: dict[str, SessionRow] = {}
        self.snapshots: dict[int, SnapshotRow] = {}

    def next_id(self, kind: str) -> int:
        """Return the next integer id of a row kind (1, 2, 3, ...)."""
        return next(self._ids[kind])

    def later(self, delay: float, callback: Callable[[], None]) -> None:
        """Run `callback` under the world lock after `delay` real seconds, unless the plane stopped.

        Args:
            delay: Seconds to wait.
            callback: The transition to apply.
        """

        def locked() -> None:
            with self.cond:
                if not self.stopping.is_set():
                    callback()
                    self.cond.notify_all()

        self.scheduler.call_later(delay, locked)

    def changed(self) -> None:
        """Wake every stream waiting for news (call with the lock held)."""
        self.cond.notify_all()

    def stop(self) -> None:
        """Stop all transitions and wake every waiting stream so it can end."""
        with self.cond:
            self.stopping.set()
            self.cond.notify_all()
        self.scheduler.stop()

    # -- lookups that answer the contract's 404s ------------------------------------------------------

    def agent(self, agent_id: int) -> AgentRow:
        """Return an agent or raise 404 `agent not found`."""
        row = self.agents.get(agent_id)
        if row is None:
            raise ApiError(404, "agent not found")
        return row

    def session(self, session_id: str) -> SessionRow:
        """Return a session or raise 404 `session not found`."""
        row = self.sessions.get(session_id)
        if row is None:
            raise ApiError(404, "session not found")
        return row

    def connector(self, connector_id: int) -> ConnectorRow:
        """Return a user connector or raise 404 `connector not found`."""
        row = self.connectors.get(connector_id)
        if row is None:
            raise ApiError(404, "connector not found")
        return row

    def mint_token(self, name: str, secret: str | None = None) -> TokenRow:
        """Create an API token (the plane's initial token, or `POST /api/tokens`)."""
        row = TokenRow(self.next_id("token"), name, secret or new_secret(), utcnow())
        self.tokens[row.id] = row
        self.token_index[row.secret] = row
        return row

    def authenticate(self, secret: str) -> TokenRow | None:
        """Return the live token with this secret, or `None` when unknown or revoked."""
        row = self.token_index.get(secret)
        if row is None or row.revoked_at is not None:
            return None
        return row
