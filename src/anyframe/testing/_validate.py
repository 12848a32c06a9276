"""Request validation with FastAPI/pydantic-shaped 422 answers.

The real control plane is a FastAPI app, so a bad body answers 422 with
`{"detail": [{"loc": ["body", "name"], "msg": "Field required", "type": "missing"}]}`. Checking field
lists here (types strict: `"5"` is not an integer, `1` is not a boolean) and forbidding unknown fields
lets SDK tests catch a misspelt or mistyped request body instead of having it silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ._http import ApiError, Request, validation_error

__all__ = ["ENV_KEY", "Field", "body_object", "check", "query_int", "require_object"]

ENV_KEY = re.compile(r"^[A-Z_][A-Z0-9_]*\Z")

_TYPE_ERRORS = {
    "str": ("Input should be a valid string", "string_type"),
    "int": ("Input should be a valid integer", "int_type"),
    "bool": ("Input should be a valid boolean", "bool_type"),
    "object": ("Input should be a valid dictionary", "dict_type"),
    "list": ("Input should be a valid list", "list_type"),
    "int_list": ("Input should be a valid list", "list_type"),
    "str_map": ("Input should be a valid dictionary", "dict_type"),
}


@dataclass(frozen=True)
class Field:
    """One body field: its kind, whether it is required, nullable, and its allowed values.

    Kinds: `str`, `int`, `bool`, `object` (free-form dict), `list`, `int_list`, `str_map` (str -> str).
    """

    kind: str
    required: bool = False
    nullable: bool = False
    choices: tuple[str, ...] = ()
    min_length: int = 0
    port: bool = False
    ge: int | None = None


Loc = list[str | int]


def _type_ok(kind: str, value: object) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind in ("object", "str_map"):
        return isinstance(value, dict)
    return isinstance(value, list)


def _issue(loc: Loc, msg: str, kind: str) -> dict[str, object]:
    return {"loc": loc, "msg": msg, "type": kind}


def _check_value(name: str, spec: Field, value: object, loc: Loc, issues: list[dict[str, object]]) -> None:
    if not _type_ok(spec.kind, value):
        msg, kind = _TYPE_ERRORS[spec.kind]
        issues.append(_issue(loc, msg, kind))
        return
    if spec.choices and value not in spec.choices:
        quoted = [f"'{c}'" for c in spec.choices]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
        issues.append(_issue(loc, f"Input should be {listed}", "enum"))
    if isinstance(value, str) and len(value) < spec.min_length:
        issues.append(
            _issue(loc, f"String should have at least {spec.min_length} character", "string_too_short")
        )
    if spec.ge is not None and isinstance(value, int) and value < spec.ge:
        issues.append(
            _issue(loc, f"Input should be greater than or equal to {spec.ge}", "greater_than_equal")
        )
    if spec.port and isinstance(value, int) and not 1 <= value <= 65535:
        issues.append(_issue(loc, "Input should be a port between 1 and 65535", "value_error"))
    if spec.kind == "int_list":
        assert isinstance(value, list)
        for index, item in enumerate(value):
            if not isinstance(item, int) or isinstance(item, bool):
                issues.append(_issue([*loc, index], "Input should be a valid integer", "int_type"))
            elif spec.port and not 1 <= item <= 65535:
                issues.append(
                    _issue([*loc, index], "Input should be a port between 1 and 65535", "value_error")
                )
    if spec.kind == "str_map":
        assert isinstance(value, dict)
        for key, item in value.items():
            if not isinstance(item, str):
                issues.append(_issue([*loc, key], "Input should be a valid string", "string_type"))
            if name == "env_vars" and not ENV_KEY.match(key):
                msg = "env var names must match ^[A-Z_][A-Z0-9_]*$"
                issues.append(_issue([*loc, key], msg, "value_error"))


def check(
    data: Mapping[str, object],
    spec: Mapping[str, Field],
    loc: Loc | None = None,
    *,
    forbid_extra: bool = True,
) -> dict[str, object]:
    """Validate a JSON object against a field spec.

    Args:
        data: The decoded object.
        spec: Allowed fields.
        loc: Location prefix of issues (default `["body"]`).
        forbid_extra: Report unknown fields as `extra_forbidden`.

    Returns:
        The fields present in `data` (explicit `null`s included), in spec order.

    Raises:
        ApiError: 422 listing every issue found.
    """
    prefix: Loc = ["body"] if loc is None else loc
    issues: list[dict[str, object]] = []
    out: dict[str, object] = {}
    for name, field in spec.items():
        if name not in data:
            if field.required:
                issues.append(_issue([*prefix, name], "Field required", "missing"))
            continue
        value = data[name]
        if value is None:
            if not field.nullable:
                msg, kind = _TYPE_ERRORS[field.kind]
                issues.append(_issue([*prefix, name], msg, kind))
            out[name] = None
            continue
        _check_value(name, field, value, [*prefix, name], issues)
        out[name] = value
    if forbid_extra:
        for name in data:
            if name not in spec:
                issues.append(_issue([*prefix, name], "Extra inputs are not permitted", "extra_forbidden"))
    if issues:
        raise ApiError(422, issues)
    return out


def require_object(value: object, loc: Loc | None = None) -> dict[str, object]:
    """Return `value` if it is a JSON object, else raise the pydantic-style 422.

    Args:
        value: The decoded body (`None` when the body was empty).
        loc: Location of the value (default `["body"]`).

    Returns:
        The object.

    Raises:
        ApiError: 422 `missing` for an absent body, `model_attributes_type` for a non-object.
    """
    where: Loc = ["body"] if loc is None else loc
    if value is None:
        raise validation_error(where, "Field required", "missing")
    if not isinstance(value, dict):
        raise validation_error(
            where,
            "Input should be a valid dictionary or object to extract fields from",
            "model_attributes_type",
        )
    return value


def body_object(request: Request, spec: Mapping[str, Field], *, optional: bool = False) -> dict[str, object]:
    """Decode and validate a request's JSON object body.

    Args:
        request: The request.
        spec: Allowed fields.
        optional: Treat an empty body as `{}` instead of a missing body.

    Returns:
        The fields present.

    Raises:
        ApiError: 422 for invalid JSON, a non-object, a missing body or any field issue.
    """
    value = request.json()
    if value is None and optional:
        value = {}
    return check(require_object(value), spec)


def query_int(request: Request, name: str, default: int) -> int:
    """Read an integer query parameter.

    Args:
        request: The request.
        name: Parameter name.
        default: Value when absent.

    Returns:
        The parsed integer.

    Raises:
        ApiError: 422 `int_parsing` when the value is not an integer.
    """
    raw = request.query.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise validation_error(
            ["query", name],
            "Input should be a valid integer, unable to parse string as an integer",
            "int_parsing",
        ) from None
