"""Running `anyframe ARGS...` in this process, as a shell would see it. Shared by `tests/cli` and the docs
transcript (`tests/docs/test_cli_transcript.py`).

`invoke` calls the real entry point `anyframe._cli.main` inside Click's test isolation
(`CliRunner.isolation`: captured stdout and stderr, a given stdin, a patched environment), so exit
statuses and error lines are the ones a shell sees. The variables that change the output mode
(`TTY_COMPATIBLE`, `TTY_INTERACTIVE`, `NO_COLOR`, `COLUMNS`) are unset unless given: as under a pipe,
output is plain unless a caller asks for a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from click.testing import CliRunner

from anyframe._cli import main

__all__ = ["Run", "invoke"]

_OUTPUT_VARIABLES = ("TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "FORCE_COLOR", "COLUMNS")


@dataclass
class Run:
    """One finished command: its exit status and what it wrote (`output`: both streams, in order)."""

    code: int
    out: str
    err: str
    output: str

    def json(self) -> Any:
        """Standard output parsed as one JSON document."""
        return json.loads(self.out)

    def lines(self) -> list[dict[str, Any]]:
        """Standard output parsed as JSON lines."""
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def invoke(
    args: tuple[str, ...], *, input: str | None = None, env: Mapping[str, str | None] | None = None
) -> Run:
    """Run `anyframe ARGS` through the real entry point and return what a shell would have seen."""
    environ: dict[str, str | None] = dict.fromkeys(_OUTPUT_VARIABLES)
    environ.update(env or {})
    with CliRunner().isolation(input=input, env=environ) as (stdout, stderr, output):
        code = main(list(args))
    return Run(code, stdout.getvalue().decode(), stderr.getvalue().decode(), output.getvalue().decode())
