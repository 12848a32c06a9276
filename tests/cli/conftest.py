"""Fixtures of the command-line tests: a fast local control plane and a runner of `anyframe ...`.

- `plane`: a fresh `anyframe.testing` plane per test (`time_scale=0.05`: builds and boots take a few ms;
  a session idles 150 s before it pauses).
- `cli`: `anyframe ARGS...` through the real entry point (`cli_runner.invoke`), with the environment
  pointing at the plane (`ANYFRAME_API_KEY` / `ANYFRAME_BASE_URL`); output is plain, as under a pipe,
  unless a test sets `TTY_COMPATIBLE=1`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol

import pytest

from anyframe.testing import LocalControlPlane, serve
from cli_runner import Run, invoke

__all__ = ["Cli", "cli", "plane"]


class Cli(Protocol):
    def __call__(
        self, *args: str, input: str | None = None, env: Mapping[str, str | None] | None = None
    ) -> Run: ...


@pytest.fixture
def plane() -> Iterator[LocalControlPlane]:
    # Fast builds and boots, but sessions never pause for idleness within a test (300 s x 10 x 0.05).
    with serve(time_scale=0.05, idle_scale=10) as running:
        yield running


@pytest.fixture
def cli(plane: LocalControlPlane) -> Cli:
    def run(*args: str, input: str | None = None, env: Mapping[str, str | None] | None = None) -> Run:
        environ: dict[str, str | None] = {"ANYFRAME_API_KEY": plane.api_key, "ANYFRAME_BASE_URL": plane.url}
        environ.update(env or {})
        return invoke(args, input=input, env=environ)

    return run
