"""Request bodies as JSON bytes: valid JSON or a typed error, decided before anything is sent.

`json.dumps` alone would send `NaN` / `Infinity` (not JSON: strict parsers refuse the whole body),
silently turn `{1: "a"}` into `{"1": "a"}` (and `{1: "a", "1": "b"}` into duplicate names), and raise a
bare `TypeError` for a `set`, `bytes` or `object()` deep inside a chat message without saying where.
[`encode_json`][anyframe._core.jsonbody.encode_json] walks the value first and refuses anything JSON
cannot carry with a [`LocalValidationError`][anyframe.LocalValidationError] naming where it sits
(`body['attachments'][0]`, `loc` `["body", "attachments", 0]`) and how to fix it. What it accepts is
encoded exactly as the 1.x SDK did (compact separators, `ensure_ascii=False`, UTF-8), byte for byte.
"""

from __future__ import annotations

import datetime
import decimal
import json
import uuid

from ..exceptions import LocalValidationError

__all__ = ["MAX_DEPTH", "encode_json"]

MAX_DEPTH = 200
"""The deepest nesting accepted: far beyond any real body, well inside Python's recursion limit (a
container that contains itself is reported as too deep instead of crashing the encoder)."""

_Path = tuple[str | int, ...]

_HINTS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    ((set, frozenset), "use a list"),
    ((bytes, bytearray, memoryview), "decode it to a str first (for binary data, base64-encode it)"),
    ((datetime.datetime, datetime.date, datetime.time), "send value.isoformat()"),
    (decimal.Decimal, "convert it to a float or a str"),
    (uuid.UUID, "send str(value)"),
)


def _label(path: _Path) -> str:
    return "body" + "".join(f"[{part!r}]" for part in path)


def _refuse(path: _Path, problem: str) -> LocalValidationError:
    return LocalValidationError(f"{_label(path)} {problem}", loc=("body", *path), problem=problem)


def _unsupported(path: _Path, value: object) -> LocalValidationError:
    kind = type(value).__name__
    hint = next((text for types, text in _HINTS if isinstance(value, types)), None)
    if hint is None:
        hint = "convert it to a dict, list, str, int, float, bool or None"
    return _refuse(path, f"is a {kind}, which JSON cannot represent: {hint}")


def _check(value: object, path: _Path) -> None:
    """Raise for the first value JSON cannot carry, depth first, in the order `json.dumps` meets them."""
    if len(path) > MAX_DEPTH:
        raise _refuse(
            path[:3],
            f"is nested more than {MAX_DEPTH} levels deep (does a dict or list contain itself?)",
        )
    if isinstance(value, str) or value is None or isinstance(value, bool):
        return
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _refuse(path, f"is {value!r}, which is not valid JSON: send a finite number or None")
        return
    if isinstance(value, int):
        if value.bit_length() > 4096 * 3:  # near the interpreter's int-to-str digit limit (4,300 digits)
            try:
                int.__repr__(value)
            except ValueError:
                raise _refuse(path, "is an int too large to write as JSON text: send it as a str") from None
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise _refuse(
                    path, f"has the key {key!r} ({type(key).__name__}): JSON object keys must be str"
                )
            _check(item, (*path, key))
        return
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check(item, (*path, index))
        return
    raise _unsupported(path, value)


def _find_surrogate(value: object, path: _Path) -> _Path | None:
    """Where a str holding a lone surrogate (which UTF-8 cannot encode) sits, if anywhere."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path
        return None
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, (list, tuple))
        else ()
    )
    for key, item in items:
        if isinstance(key, str) and _find_surrogate(key, path) is not None:
            return path
        found = _find_surrogate(item, (*path, key))
        if found is not None:
            return found
    return None


def encode_json(value: object) -> bytes:
    """Encode a request body as compact UTF-8 JSON, byte-compatible with the 1.x SDK.

    Args:
        value: The body: dicts with str keys, lists, tuples, str, int, finite float, bool, None.

    Returns:
        The JSON bytes (`separators=(",", ":")`, non-ASCII written as is).

    Raises:
        LocalValidationError: A value JSON cannot carry (NaN, ±infinity, a `set`, `bytes`, an object,
            a non-str key, a lone surrogate, nesting past `MAX_DEPTH`); the message and `loc` say
            where it is. Nothing was sent.
    """
    _check(value, ())
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        where = _find_surrogate(value, ()) or ()
        raise _refuse(
            where, "holds a lone surrogate character, which UTF-8 cannot encode: fix the text's decoding"
        ) from None
