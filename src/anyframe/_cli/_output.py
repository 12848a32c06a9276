"""Writing a command's results: JSON, Rich tables on a terminal, tab-separated text when piped.

Rich is imported on the first table or live display, never for `--help`, `--json` or piped output.
Every value that came from the API is rendered as Rich `Text` (never as markup), so a log line or a
name containing `[bold]` prints as typed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

import click

from ._format import (
    Column,
    Mode,
    choose_mode,
    color_enabled,
    columns_for,
    detail_rows,
    interactive,
    json_document,
    json_line,
    status_style,
    table_rows,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

__all__ = ["Live", "Output"]

_STYLED_FIELDS = frozenset({"status", "state", "kind", "set", "ok", "queued", "session_status"})


class Output:
    """Where and how one command writes. `stdout` carries results; notes and warnings go to `stderr`."""

    def __init__(self, mode: Mode, *, live: bool = False, color: bool = False) -> None:
        self.mode = mode
        self.live = live
        self.color = color

    @classmethod
    def detect(cls, *, json_flag: bool, env: Mapping[str, str] | None = None) -> Output:
        """The output for this process: `--json`, else whether stdout is a terminal (see `_format`)."""
        environ = os.environ if env is None else env
        isatty = _isatty()
        mode = choose_mode(json_flag=json_flag, stdout_isatty=isatty, env=environ)
        return cls(
            mode,
            live=interactive(mode, stdout_isatty=isatty, env=environ),
            color=color_enabled(mode, environ),
        )

    @property
    def json(self) -> bool:
        """Whether results are JSON."""
        return self.mode is Mode.JSON

    @cached_property
    def console(self) -> Console:
        """The Rich console on stdout (terminal mode only)."""
        from rich.console import Console

        return Console(
            force_terminal=True,
            force_interactive=self.live,
            no_color=not self.color,
            color_system="auto" if self.color else None,
            highlight=False,
            emoji=False,
        )

    # -- results ------------------------------------------------------------------------------------------

    def table(
        self,
        items: Sequence[Any],
        *,
        columns: Sequence[Column] | None = None,
        empty: str = "Nothing to show.",
    ) -> None:
        """Print models as a table (terminal), tab-separated rows (plain) or a JSON array."""
        if self.json:
            click.echo(json_document(list(items)))
            return
        if not items:
            if self.mode is Mode.TERMINAL:
                self.note(empty)
            return
        cols = list(columns or columns_for(items[0]))
        rows = table_rows(items, cols, self.mode)
        if self.mode is Mode.PLAIN:
            for row in rows:
                click.echo("\t".join(row))
            return
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False)
        for column in cols:
            table.add_column(column.header, overflow="fold")
        for row in rows:
            table.add_row(
                *(
                    Text(text, style=(status_style(text) or "") if column.styled else "")
                    for column, text in zip(cols, row, strict=True)
                )
            )
        self.console.print(table)

    def detail(self, model: Any) -> None:
        """Print one model: `field  value` lines (terminal), `field<TAB>value` (plain) or a JSON object."""
        if self.json:
            click.echo(json_document(model))
            return
        rows = detail_rows(model, self.mode)
        if self.mode is Mode.PLAIN:
            for name, text in rows:
                click.echo(f"{name}\t{text}")
            return
        from rich.table import Table
        from rich.text import Text

        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column(overflow="fold")
        for name, text in rows:
            style = status_style(text) if name in _STYLED_FIELDS else None
            grid.add_row(Text(name), Text(text, style=style or ""))
        self.console.print(grid)

    def done(self, message: str, document: Mapping[str, object]) -> None:
        """Report an action that returns nothing (a delete, a revoke): a line, or a small JSON object."""
        if self.json:
            click.echo(json_document(dict(document)))
        elif self.mode is Mode.TERMINAL:
            from rich.text import Text

            self.console.print(Text(message, style="green"))
        else:
            click.echo(message)

    def event(self, event: str, data: object, *, seq: int | None = None) -> None:
        """One JSON line `{"event": ..., "data": ...}` of a stream (JSON mode only); chat events also
        carry their `"seq"`."""
        line: dict[str, object] = {"event": event}
        if seq is not None:
            line["seq"] = seq
        line["data"] = data
        click.echo(json_line(line))

    def text(self, text: str, *, style: str | None = None) -> None:
        """A line of text on stdout, styled on a terminal."""
        if self.mode is Mode.TERMINAL:
            from rich.text import Text

            self.console.print(Text(text, style=style or ""))
        else:
            click.echo(text)

    def log(self, text: str) -> None:
        """A line of a log (build, preview): behind a dim `│` gutter on a terminal, as is when piped."""
        if self.mode is Mode.TERMINAL:
            self.console.print(_log_line(text))
        else:
            click.echo(text)

    def note(self, text: str) -> None:
        """A remark for the person at the terminal, on stderr (keeps stdout clean for pipes)."""
        click.echo(text, err=True)

    # -- live -----------------------------------------------------------------------------------------

    @contextmanager
    def progress(self, description: str) -> Iterator[Live]:
        """A spinner with the elapsed time while something runs; lines printed through it scroll above.

        Without a live terminal (piped, or `TTY_INTERACTIVE=0`) there is no spinner: lines print as
        they come and status changes are not shown.
        """
        if not self.live:
            yield Live(self, None, None)
            return
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
        ) as bar:
            yield Live(self, bar, bar.add_task(description, total=None))


class Live:
    """The handle a `progress()` block writes through."""

    def __init__(self, output: Output, bar: Progress | None, task: TaskID | None) -> None:
        self._output = output
        self._bar = bar
        self._task = task
        self.started = time.monotonic()

    @property
    def elapsed(self) -> float:
        """Seconds since the block started."""
        return time.monotonic() - self.started

    def line(self, text: str) -> None:
        """Print a log line above the spinner."""
        if self._bar is None:
            self._output.log(text)
        else:
            self._bar.console.print(_log_line(text))

    def status(self, description: str) -> None:
        """Change what the spinner says."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=description)


def _log_line(text: str) -> Any:
    from rich.text import Text

    line = Text("│ ", style="dim")
    line.append(text)
    return line


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed stdout
        return False
