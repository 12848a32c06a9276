"""Request bodies as JSON bytes: valid JSON or a typed error, decided before anything is sent.

`json.dumps` as the 1.x SDK called it sends `NaN` / `Infinity` (not JSON: strict parsers refuse the
whole body) and raises a bare `TypeError` for a `set`, `bytes` or `object()` deep inside a chat
message without saying where; a lone surrogate then fails as a `UnicodeEncodeError`.
[`encode_json`][anyframe._core.jsonbody.encode_json] encodes with `allow_nan=False` and, when that or
the UTF-8 step fails, walks the value to raise a
[`LocalValidationError`][anyframe.LocalValidationError] naming where the culprit sits
(`body['attachments'][0]`, `loc` `["body", "attachments", 0]`) and how to fix it. What it accepts is
encoded exactly as the 1.x SDK did (compact separators, `ensure_ascii=False`, UTF-8), byte for byte,
at the C encoder's speed: the walk runs only on the refusal path.
"""

from __future__ import annotations

import datetime
import decimal
import json
import uuid

from ..exceptions import LocalValidationError

__all__ = ["encode_json"]

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
    article = "an" if kind[:1].lower() in ("a", "e", "i", "o") else "a"  # "an object", "a UUID"
    return _refuse(path, f"is {article} {kind}, which JSON cannot represent: {hint}")


_SCALARS = (str, bool, type(None))
_KEYS = (str, int, float, bool, type(None))  # what json.dumps accepts as keys (writing them as strings)
# Past this many bits an int may exceed the interpreter's int-to-str limit (4,300 digits).
_INT_BITS = 4096 * 3


def _check(value: object, path: _Path) -> None:
    """Raise for the first value JSON cannot carry, depth first, in the order `json.dumps` meets them.

    Only run once `json.dumps` has failed, to say where and why: the encoder itself is the fast path.
    """
    if isinstance(value, _SCALARS):
        return
    if isinstance(value, float):
        if value - value != 0.0:  # NaN and both infinities
            raise _refuse(path, f"is {value!r}, which is not valid JSON: send a finite number or None")
        return
    if isinstance(value, int):
        if value.bit_length() > _INT_BITS:
            try:
                int.__repr__(value)
            except ValueError:
                raise _refuse(path, "is an int too large to write as JSON text: send it as a str") from None
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, _KEYS):
                raise _refuse(
                    path, f"has the key {key!r} ({type(key).__name__}): JSON object keys must be str"
                )
            _check(item, (*path, key if isinstance(key, str) else str(key)))
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
        value: The body: dicts, lists, tuples, str, int, finite float, bool, None. Dict keys may be
            str, or int, float, bool, None, which JSON writes as strings (as the 1.x SDK did).

    Returns:
        The JSON bytes (`separators=(",", ":")`, non-ASCII written as is).

    Raises:
        LocalValidationError: A value JSON cannot carry (NaN, ±infinity, a `set`, `bytes`, an object,
            a key of another type, a lone surrogate, an int too long to write); the message and `loc`
            say where it is. A container that contains itself, or nesting too deep for Python's
            recursion limit, is refused as such. Nothing was sent.
    """
    try:
        # The C encoder is the fast path and the judge; the walk below only explains a refusal.
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        try:
            _check(value, ())
        except RecursionError:
            raise _refuse(
                (), "is nested too deeply to encode as JSON: does a dict or list contain itself?"
            ) from None
        raise _refuse((), f"cannot be encoded as JSON ({type(exc).__name__}: {exc})") from None
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        where = _find_surrogate(value, ()) or ()
        raise _refuse(
            where, "holds a lone surrogate character, which UTF-8 cannot encode: fix the text's decoding"
        ) from None
