"""Turning command-line strings into SDK arguments: pure functions, tested with plain values.

Only the shape of the input is checked here (`KEY=VALUE`, a JSON object); what the values must be
(variable names, ports, ids) is checked by the SDK, whose `InvalidArgumentError` exits with status 2.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import click

__all__ = ["env_vars", "permissions", "present"]


def env_vars(values: Iterable[str], environ: Mapping[str, str]) -> dict[str, str] | None:
    """`--env KEY=VALUE` or `--env KEY` (the value taken from this process's environment, so that a
    secret need not be typed into the command line). `None` when no `--env` was given.

    Raises:
        click.BadParameter: `KEY` alone is not set here.
    """
    result: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep:
            if name not in environ:
                raise click.BadParameter(
                    f"{name!r} has no '=VALUE' and is not set in the environment", param_hint="--env"
                )
            text = environ[name]
        result[name] = text
    return result or None


def permissions(value: str | None) -> dict[str, object] | None:
    """`--permissions standard` (a preset name) or `--permissions '{"preset": "standard", ...}'`.

    Raises:
        click.BadParameter: The value starts like JSON but is not a JSON object.
    """
    if value is None:
        return None
    text = value.strip()
    if not text.startswith("{"):
        return {"preset": text}
    try:
        parsed = json.loads(text)
    except ValueError as exc:
        raise click.BadParameter(f"not valid JSON: {exc}", param_hint="--permissions") from None
    if not isinstance(parsed, dict):  # pragma: no cover - a text starting with "{" parses to a dict or fails
        raise click.BadParameter("must be a JSON object", param_hint="--permissions")
    return parsed


def present(fields: Mapping[str, object]) -> dict[str, object]:
    """The options the user actually gave: `None` and empty repeated options dropped."""
    return {name: value for name, value in fields.items() if value is not None and value != ()}
