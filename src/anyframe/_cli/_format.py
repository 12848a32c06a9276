"""What the command line shows, decided on plain values: output modes, table columns, cell text, styles.

Nothing here prints, reads a terminal or imports Rich; `_output` renders what these functions return.
Keeping the decisions here lets them be tested with plain values and keeps `anyframe --help` from
importing anything but Click.

Output modes:

- `json`: `--json`; one JSON document per command, JSON lines for streams.
- `terminal`: standard output is a terminal (or `TTY_COMPATIBLE=1`, the variable Rich also reads):
  tables, short timestamps, colours unless `NO_COLOR` is set.
- `plain`: piped or redirected (or `TTY_COMPATIBLE=0`): tab-separated rows without a header, full
  ISO-8601 timestamps, empty fields for missing values, no colour, nothing truncated — for `cut`,
  `awk` and `while read`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from typing import Any

__all__ = [
    "COLUMNS",
    "Column",
    "CredentialRow",
    "Mode",
    "Row",
    "cell",
    "choose_mode",
    "color_enabled",
    "columns_for",
    "detail_rows",
    "interactive",
    "json_document",
    "json_line",
    "status_style",
    "table_rows",
]


class Mode(str, Enum):
    """How a command's output is written."""

    JSON = "json"
    TERMINAL = "terminal"
    PLAIN = "plain"


def _flag(env: Mapping[str, str], name: str) -> bool | None:
    """Read a `1`/`0` style override; `None` when unset or unrecognised."""
    value = env.get(name, "").strip().lower()
    if value in ("1", "true", "yes"):
        return True
    if value in ("0", "false", "no"):
        return False
    return None


def choose_mode(*, json_flag: bool, stdout_isatty: bool, env: Mapping[str, str]) -> Mode:
    """Pick the output mode: `--json` wins, then `TTY_COMPATIBLE`, then whether stdout is a terminal."""
    if json_flag:
        return Mode.JSON
    forced = _flag(env, "TTY_COMPATIBLE")
    terminal = stdout_isatty if forced is None else forced
    return Mode.TERMINAL if terminal else Mode.PLAIN


def interactive(mode: Mode, *, stdout_isatty: bool, env: Mapping[str, str]) -> bool:
    """Whether live displays (spinners, elapsed-time counters) may redraw the screen.

    Only on a terminal; `TTY_INTERACTIVE=0` (Rich's variable) keeps tables but prints progress as lines.
    """
    if mode is not Mode.TERMINAL:
        return False
    forced = _flag(env, "TTY_INTERACTIVE")
    return stdout_isatty if forced is None else forced


def color_enabled(mode: Mode, env: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never when `NO_COLOR` is set to anything (no-color.org)."""
    return mode is Mode.TERMINAL and not env.get("NO_COLOR")


# --- Cells ---------------------------------------------------------------------------------------------


def _timestamp(value: datetime, mode: Mode) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    if mode is Mode.TERMINAL:
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value.isoformat().replace("+00:00", "Z")


def cell(value: object, mode: Mode, *, epoch: bool = False) -> str:
    """The text of one value in a table or detail view.

    Args:
        value: The field's value as the model holds it.
        mode: `terminal` or `plain` (JSON output never goes through here).
        epoch: The value is a Unix timestamp in seconds (`Preview.started_at`).
    """
    if value is None:
        return "-" if mode is Mode.TERMINAL else ""
    if isinstance(value, bool):
        if mode is Mode.TERMINAL:
            return "yes" if value else "no"
        return "true" if value else "false"
    if epoch and isinstance(value, (int, float)):
        return _timestamp(datetime.fromtimestamp(value, tz=timezone.utc), mode)
    if isinstance(value, datetime):
        return _timestamp(value, mode)
    if isinstance(value, (list, tuple)):
        if not value:
            return "-" if mode is Mode.TERMINAL else ""  # as for None: an empty cell reads as a missing one
        return ", ".join(_item_label(item, mode) for item in value)
    if isinstance(value, Mapping):
        return json.dumps(dict(value), separators=(",", ":"), default=str, sort_keys=True)
    if hasattr(value, "model_dump"):
        return json.dumps(value.model_dump(mode="json"), separators=(",", ":"), sort_keys=True)
    text = str(value)
    # A tab or newline inside a value would break the row apart in plain mode.
    return text.replace("\t", " ").replace("\n", " ") if mode is Mode.PLAIN else text


def _item_label(item: object, mode: Mode) -> str:
    """How one element of a list field reads in a cell: a model by its name (or id), anything else as is."""
    for attribute in ("name", "display_name", "id"):
        label = getattr(item, attribute, None)
        if label is not None:
            return str(label)
    return cell(item, mode)


_STYLES: dict[str, str] = {
    # build and session lifecycles, preview states, attention kinds
    "succeeded": "green",
    "running": "green",
    "failed": "red",
    "error": "red",
    "terminated": "dim",
    "stopped": "dim",
    "cancelled": "yellow",
    "queued": "cyan",
    "booting": "cyan",
    "starting": "cyan",
    "snapshotting": "cyan",
    "paused": "yellow",
    "pending": "bold magenta",
    "idle": "blue",
    "yes": "green",
    "no": "dim",
}


def status_style(text: str) -> str | None:
    """The Rich style for a known state word (`running`, `failed`, ...), or `None`."""
    return _STYLES.get(text)


# --- Tables ----------------------------------------------------------------------------------------------

Row = list[str]


@dataclass(frozen=True)
class Column:
    """One column of a list view: its header and how to read it off a model."""

    header: str
    get: Callable[[Any], object]
    epoch: bool = False
    styled: bool = False  # colour the cell by its value (states)


def _attr(name: str) -> Callable[[Any], object]:
    return lambda item: getattr(item, name, None)


def _token_hint(token: Any) -> str:
    return f"{token.prefix}…{token.last4}"


def _repo(agent: Any) -> str | None:
    if not agent.repo_url:
        return None
    return f"{agent.repo_url}@{agent.repo_ref}" if agent.repo_ref else str(agent.repo_url)


def _attention_detail(item: Any) -> object:
    return getattr(item, "preview", None) or getattr(item, "snapshot_image_id", None)


def _catalog_note(item: Any) -> str | None:
    if item.coming_soon:
        return "coming soon"
    if item.installed:
        return "installed" if item.is_authorized is not False else "installed, not authorized"
    return None


@dataclass(frozen=True)
class CredentialRow:
    """One credential kind of [`Credentials`][anyframe.Credentials], as a row of `credentials show`."""

    kind: str
    set: bool
    last4: str | None
    updated_at: datetime | None


def _c(header: str, attribute: str, **options: bool) -> Column:
    return Column(header, _attr(attribute), **options)


# Keyed by the model's class name, so that rendering needs no import of the models module.
COLUMNS: dict[str, list[Column]] = {
    "Token": [
        _c("ID", "id"),
        _c("NAME", "name"),
        Column("TOKEN", _token_hint),
        _c("CREATED", "created_at"),
    ],
    "Connector": [
        _c("ID", "id"),
        _c("NAME", "display_name"),
        _c("AUTH", "auth_kind"),
        _c("AUTHORIZED", "is_authorized", styled=True),
        _c("SLUG", "catalog_slug"),
        _c("URL", "mcp_url"),
    ],
    "ConnectorCatalogItem": [
        _c("SLUG", "slug"),
        _c("NAME", "display_name"),
        _c("SETUP", "setup_kind"),
        _c("CATEGORY", "category"),
        _c("TRUST", "trust_level"),
        Column("STATE", _catalog_note),
    ],
    "Agent": [
        _c("ID", "id"),
        _c("NAME", "name"),
        _c("RUNTIME", "runtime"),
        Column("REPO", _repo),
        _c("INSTALL", "install_cmd"),
        _c("UPDATED", "updated_at"),
    ],
    "Build": [
        _c("ID", "id"),
        _c("STATE", "state", styled=True),
        _c("STARTED", "started_at"),
        _c("FINISHED", "finished_at"),
        _c("ERROR", "error"),
    ],
    "Session": [
        _c("ID", "id"),
        _c("AGENT", "agent_id"),
        _c("STATUS", "status", styled=True),
        _c("SETUP", "is_setup_session"),
        Column("PREVIEWS", lambda s: len(s.previews) or None),
        _c("LAST ACTIVE", "last_active"),
    ],
    "Snapshot": [
        _c("ID", "id"),
        _c("IMAGE", "modal_image_id"),
        _c("LABEL", "label"),
        _c("CREATED", "created_at"),
    ],
    "Preview": [
        _c("NAME", "name"),
        _c("PORT", "port"),
        _c("STATUS", "status", styled=True),
        _c("URL", "url"),
        _c("CMD", "cmd"),
        _c("STARTED", "started_at", epoch=True),
    ],
    "AttentionItem": [
        _c("KIND", "kind", styled=True),
        _c("AGENT", "agent_name"),
        _c("SESSION", "session_id"),
        _c("AT", "at"),
        Column("DETAIL", _attention_detail),
    ],
    "CredentialRow": [
        _c("KIND", "kind"),
        _c("SET", "set", styled=True),
        _c("LAST4", "last4"),
        _c("UPDATED", "updated_at"),
    ],
}


def columns_for(item: object) -> list[Column]:
    """The list view of a model: by its class, else the nearest base class that has one."""
    for cls in type(item).__mro__:
        columns = COLUMNS.get(cls.__name__)
        if columns is not None:
            return columns
    raise KeyError(f"no list view for {type(item).__name__}")


def table_rows(items: Sequence[object], columns: Sequence[Column], mode: Mode) -> list[Row]:
    """The cells of a list view, one row per item, in column order."""
    return [[cell(column.get(item), mode, epoch=column.epoch) for column in columns] for item in items]


def detail_rows(model: Any, mode: Mode) -> list[tuple[str, str]]:
    """A single object as `(field, text)` pairs, in the model's field order, extras included.

    Nested lists of models read as their names (`skills: repo-tour, lint`), nested objects as compact JSON.
    """
    names = list(type(model).model_fields) + list(model.model_extra or {})
    rows = []
    for name in names:
        value = getattr(model, name, None)
        # `Preview.started_at` is the API's one timestamp sent as epoch seconds (a float, not a datetime).
        epoch = name == "started_at" and isinstance(value, (int, float)) and not isinstance(value, bool)
        rows.append((name, cell(value, mode, epoch=epoch)))
    return rows


# --- JSON ------------------------------------------------------------------------------------------------


def _jsonable(value: object) -> object:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return value


def json_document(value: object) -> str:
    """One JSON document (indented) for a command's result: models dump as the API sent them."""
    return json.dumps(_jsonable(value), indent=2, ensure_ascii=False, default=str)


def json_line(value: object) -> str:
    """One compact JSON line, for streams (`{"event": ..., "data": ...}` per event)."""
    return json.dumps(_jsonable(value), separators=(",", ":"), ensure_ascii=False, default=str)
