"""Validating 2xx bodies into the public models: once, by pydantic, straight from the bytes.

Validators are built on first use per target type and cached (see `anyframe._core.validation`),
so a call pays only for pydantic-core's single pass over the body. pydantic and the models are
imported on the first call, not when the client is imported. Anything off-contract becomes a
[`ResponseValidationError`][anyframe.ResponseValidationError] naming the status and showing an
excerpt of the body, never a raw pydantic or json error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import response_invalid
from .secrets import Secrets

if TYPE_CHECKING:
    from pydantic import ValidationError as PydanticValidationError

__all__ = ["parse_json", "parse_model", "parse_models"]

T = TypeVar("T")


def _problem(exc: PydanticValidationError) -> str:
    first = exc.errors(include_url=False, include_input=False)[:3]
    shown = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '<root>'}: {e['msg']}" for e in first)
    return f"{exc.error_count()} problem(s): {shown}"


def parse_model(
    status: int, headers: Mapping[str, str], content: bytes, model: type[T], *, secrets: Secrets | None = None
) -> T:
    """Validate a JSON body into `model`.

    Raises:
        ResponseValidationError: The body is not JSON or does not fit `model`.
    """
    from pydantic import ValidationError as PydanticValidationError

    from .validation import validate_json

    try:
        return validate_json(model, content)
    except PydanticValidationError as exc:
        raise response_invalid(status, headers, content, _problem(exc), secrets=secrets) from exc


def parse_models(
    status: int, headers: Mapping[str, str], content: bytes, model: type[T], *, secrets: Secrets | None = None
) -> list[T]:
    """Validate a JSON array body into a list of `model`.

    Raises:
        ResponseValidationError: The body is not a JSON array of objects fitting `model`.
    """
    from pydantic import ValidationError as PydanticValidationError

    from .validation import validate_json

    try:
        return validate_json(list[model], content)  # type: ignore[valid-type]
    except PydanticValidationError as exc:
        raise response_invalid(status, headers, content, _problem(exc), secrets=secrets) from exc


def parse_json(
    status: int, headers: Mapping[str, str], content: bytes, *, secrets: Secrets | None = None
) -> Any:
    """Decode an opaque JSON body (chat acks, preview logs). An empty body is `None`.

    Raises:
        ResponseValidationError: The body is not JSON.
    """
    if not content.strip():
        return None
    try:
        return json.loads(content)
    except ValueError as exc:
        raise response_invalid(status, headers, content, "body is not JSON", secrets=secrets) from exc
