"""Fixtures of the command-line tests: a fast local control plane and a runner of `anyframe ...`.

- `plane`: a fresh `anyframe.testing` plane per test (`time_scale=0.05`: builds and boots take a few ms).
- `cli`: runs `anyframe ARGS...` in this process through Click's test runner (`CliRunner.isolation`:
  captured stdout and stderr, a given stdin, a patched environment), calling the real entry point
  `anyframe._cli.main`, so exit statuses and error lines are the ones a shell sees. The environment
  points at the plane (`ANYFRAME_API_KEY` / `ANYFRAME_BASE_URL`) and is scrubbed of the variables
  that change the output mode (`TTY_COMPATIBLE`, `TTY_INTERACTIVE`, `NO_COLOR`); as under a pipe,
  output is plain unless a test asks for a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import pytest
from click.testing import CliRunner

from anyframe._cli import main
from anyframe.testing import LocalControlPlane, serve

__all__ = ["Cli", "Run", "cli", "plane"]


@dataclass
class Run:
    """One finished command: its exit status and what it wrote."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """Standard output parsed as one JSON document."""
        return json.loads(self.out)

    def lines(self) -> list[dict[str, Any]]:
        """Standard output parsed as JSON lines."""
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


class Cli(Protocol):
    def __call__(
        self, *args: str, input: str | None = None, env: Mapping[str, str | None] | None = None
    ) -> Run: ...


_OUTPUT_VARIABLES = ("TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "FORCE_COLOR", "COLUMNS")


def invoke(args: tuple[str, ...], *, input: str | None, env: Mapping[str, str | None]) -> Run:
    """Run `anyframe ARGS` through the real entry point inside Click's test isolation."""
    environ: dict[str, str | None] = dict.fromkeys(_OUTPUT_VARIABLES)
    environ.update(env)
    with CliRunner().isolation(input=input, env=environ) as (stdout, stderr, _):
        code = main(list(args))
    return Run(code, stdout.getvalue().decode(), stderr.getvalue().decode())


@pytest.fixture
def plane() -> Iterator[LocalControlPlane]:
    with serve(time_scale=0.05) as running:
        yield running


@pytest.fixture
def cli(plane: LocalControlPlane) -> Cli:
    def run(*args: str, input: str | None = None, env: Mapping[str, str | None] | None = None) -> Run:
        environ: dict[str, str | None] = {"ANYFRAME_API_KEY": plane.api_key, "ANYFRAME_BASE_URL": plane.url}
        environ.update(env or {})
        return invoke(args, input=input, env=environ)

    return run
