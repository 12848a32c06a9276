"""Timing knobs and resource bounds of the local control plane.

Every simulated delay (a build, a sandbox boot, an agent turn, a snapshot, the idle timeout) is derived
from one frozen [Timings][anyframe.testing.Timings] value, so a test can make the plane instantaneous
(`time_scale=0`) or slow enough to watch (`time_scale=10`) without touching anything else. The SSE
keep-alive interval is deliberately *not* scaled: it exists to exercise client read timeouts, which are
measured in real seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

__all__ = ["Limits", "Timings"]


@dataclass(frozen=True)
class Timings:
    """Delays of the simulated world, in real seconds before scaling.

    The defaults make the user guide's quickstart (create, build, boot, one chat turn) finish in about a
    second of plane time; client-side poll intervals usually dominate the wall-clock time.

    Attributes:
        time_scale: Multiplier applied to every delay below except `keepalive_interval`.
            `0` makes every transition happen as soon as the scheduler runs.
        build_seconds: Duration of a build from `queued` to its terminal state.
        boot_seconds: Duration of `booting` before a session becomes `running`.
        turn_seconds: Duration of one scripted agent turn (spread over its events).
        snapshot_seconds: Duration of `snapshotting` before a session becomes `terminated`.
        idle_scale: Factor applied to a session's `idle_timeout_s` (300 s becomes 30 s by default).
        keepalive_interval: Seconds of silence after which an SSE stream sends a `: keepalive` comment.
    """

    time_scale: float = 1.0
    build_seconds: float = 0.4
    boot_seconds: float = 0.3
    turn_seconds: float = 0.3
    snapshot_seconds: float = 0.2
    idle_scale: float = 0.1
    keepalive_interval: float = 15.0

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
                raise ValueError(f"Timings.{field.name} must be a finite number, got {value!r}")
            if value < 0:
                raise ValueError(f"Timings.{field.name} must not be negative, got {value!r}")
        if self.keepalive_interval <= 0:
            raise ValueError("Timings.keepalive_interval must be positive")

    def scaled(self, seconds: float) -> float:
        """Return `seconds` multiplied by `time_scale`.

        Args:
            seconds: An unscaled delay.

        Returns:
            The real delay to wait.
        """
        return seconds * self.time_scale

    @property
    def build(self) -> float:
        """Real duration of one build."""
        return self.scaled(self.build_seconds)

    @property
    def boot(self) -> float:
        """Real duration of one boot."""
        return self.scaled(self.boot_seconds)

    @property
    def turn(self) -> float:
        """Real duration of one agent turn."""
        return self.scaled(self.turn_seconds)

    @property
    def snapshot(self) -> float:
        """Real duration of one snapshot."""
        return self.scaled(self.snapshot_seconds)

    def idle(self, idle_timeout_s: int) -> float:
        """Return the real idle delay for a session's `idle_timeout_s`.

        Args:
            idle_timeout_s: The session's configured idle timeout in (simulated) seconds.

        Returns:
            Real seconds of chat inactivity after which the session snapshots itself.
        """
        return self.scaled(idle_timeout_s * self.idle_scale)


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a local control plane safe to leave running on a developer's machine.

    The defaults sit far above what tests and benchmarks need (the SDK's own benchmarks hold 1,000
    event streams open on one plane) and far below what would exhaust the machine.

    Attributes:
        max_connections: Connections served at once, one thread each (an open event stream is one
            connection). The next connection is answered 503 at once, naming this limit.
        read_timeout: Seconds a connection may take to send a whole request, counted from the
            connection opening or from the previous answer; idle keep-alive connections are closed
            after it and a request cut short answers 408. A client that stops reading an answer is
            dropped after the same time.
        max_logged_requests: Records the request log keeps; the oldest are dropped first.
        max_logged_bytes: Total size of the recorded bodies, headers and queries the request log keeps;
            the oldest records are dropped first. A body larger than 1 MiB is never kept whole.
    """

    max_connections: int = 4096
    read_timeout: float = 30.0
    max_logged_requests: int = 10_000
    max_logged_bytes: int = 32 * 1024 * 1024

    def __post_init__(self) -> None:
        for name in ("max_connections", "max_logged_requests", "max_logged_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Limits.{name} must be a positive integer, got {value!r}")
        timeout = self.read_timeout
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not math.isfinite(timeout):
            raise ValueError(f"Limits.read_timeout must be a finite number of seconds, got {timeout!r}")
        if timeout <= 0:
            raise ValueError(f"Limits.read_timeout must be positive, got {timeout!r}")
