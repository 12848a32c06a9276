"""Tests of `anyframe._core.jsonbody.encode_json`: request bodies are valid JSON or a typed error.

Contracts pinned here:

- Whatever JSON can carry is encoded byte for byte as the 1.x SDK did: `json.dumps` with compact
  separators and `ensure_ascii=False`, UTF-8 (property test over JSON values, tuples included).
- NaN, +inf and -inf anywhere are refused (they would go out as `NaN` / `Infinity`, which is not JSON).
- A `set`, `bytes`, `datetime`, `Decimal`, `UUID`, a non-dict mapping or any other object, a key that
  is not str/int/float/bool/None, a lone surrogate (in a value or a key) or an int too long to write is
  refused with a `LocalValidationError` (also `InvalidArgumentError`, `ValueError`, `ValidationError`)
  whose message names where the value sits (`body['a'][0]`) and says what to do, and whose `loc` is
  FastAPI-shaped (`["body", "a", 0]`). Keys of type int, float, bool or None are written as strings,
  as 1.x did.
- A list containing itself, or nesting too deep for the recursion limit, is refused as such, never a
  `RecursionError` or `ValueError`; deep but finite nesting the encoder handles goes out.
"""

from __future__ import annotations

import datetime
import decimal
import json
import math
import uuid
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anyframe import InvalidArgumentError, LocalValidationError, ValidationError
from anyframe._core.jsonbody import encode_json

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=5) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner, max_size=5)
    ),
    max_leaves=30,
)


@given(JSON)
def test_json_values_encode_exactly_as_the_1x_sdk_did(value: object) -> None:
    expected = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()

    assert encode_json(value) == expected


def test_non_ascii_is_written_as_is_and_separators_are_compact() -> None:
    assert encode_json({"prompt": "héllo ✓", "n": [1, 2.5, None, True]}) == (
        '{"prompt":"héllo ✓","n":[1,2.5,null,true]}'.encode()
    )


def refused(value: object) -> LocalValidationError:
    with pytest.raises(LocalValidationError) as info:
        encode_json(value)
    return info.value


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinities_are_refused_naming_where(bad: float) -> None:
    error = refused({"prompt": "x", "options": {"temperature": [0.5, bad]}})

    assert "body['options']['temperature'][1]" in error.message
    assert "not valid JSON" in error.message
    assert error.errors[0]["loc"] == ["body", "options", "temperature", 1]
    assert isinstance(error, InvalidArgumentError)
    assert isinstance(error, ValidationError)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("bad", "kind", "hint"),
    [
        ({1, 2}, "a set", "use a list"),
        (frozenset({1}), "a frozenset", "use a list"),
        (b"\x00\x01", "a bytes", "base64"),
        (bytearray(b"x"), "a bytearray", "decode it to a str"),
        (datetime.datetime(2026, 1, 1), "a datetime", "isoformat()"),
        (datetime.date(2026, 1, 1), "a date", "isoformat()"),
        (decimal.Decimal("1.5"), "a Decimal", "float or a str"),
        (uuid.UUID(int=1), "a UUID", "str(value)"),
        (Ellipsis, "an ellipsis", "dict, list, str"),
        (MappingProxyType({"a": 1}), "a mappingproxy", "dict, list, str"),
        (object(), "an object", "dict, list, str, int, float, bool or None"),
    ],
)
def test_values_json_cannot_represent_are_refused_with_what_to_do(bad: object, kind: str, hint: str) -> None:
    error = refused({"attachments": [{"name": "a.txt", "data": bad}]})

    assert error.message.startswith(f"body['attachments'][0]['data'] is {kind},")
    assert hint in error.message
    assert error.errors[0]["loc"] == ["body", "attachments", 0, "data"]


@pytest.mark.parametrize("key", [("a",), frozenset(), b"k"])
def test_keys_json_cannot_write_are_refused(key: object) -> None:
    error = refused({"meta": {key: "v"}})

    assert "body['meta'] has the key" in error.message
    assert "keys must be str" in error.message


def test_int_float_bool_and_none_keys_are_written_as_strings_as_1x_did() -> None:
    assert (
        encode_json({3: "a", 2.5: "b", True: "c", None: "d"}) == b'{"3":"a","2.5":"b","true":"c","null":"d"}'
    )


def test_a_bad_value_under_an_int_key_is_located() -> None:
    assert refused({"meta": {7: math.nan}}).errors[0]["loc"] == ["body", "meta", "7"]


def test_the_root_itself_is_named_body() -> None:
    assert refused({1, 2}).message.startswith("body is a set")
    assert refused(math.nan).errors[0]["loc"] == ["body"]


def test_a_lone_surrogate_is_refused_naming_the_string() -> None:
    error = refused({"prompt": "ok", "notes": ["fine", "bad \ud800 text"]})

    assert "body['notes'][1]" in error.message
    assert "surrogate" in error.message


def test_a_lone_surrogate_in_a_key_is_refused() -> None:
    assert "surrogate" in refused({"a": {"\udfff": 1}}).message


def test_nesting_too_deep_for_the_encoder_is_refused_not_a_recursion_error() -> None:
    deep: object = "leaf"
    for _ in range(100_000):
        deep = [deep]

    assert "nested too deeply" in refused({"x": deep}).message


def test_deep_nesting_the_encoder_handles_goes_out_unchanged() -> None:
    deep: object = 1
    for _ in range(200):
        deep = [deep]

    assert encode_json(deep) == b"[" * 200 + b"1" + b"]" * 200


def test_a_list_containing_itself_is_refused_not_a_crash() -> None:
    loop: list[object] = []
    loop.append(loop)

    assert "contain itself" in refused({"loop": loop}).message


def test_shared_but_acyclic_references_are_fine() -> None:
    shared = {"a": 1}

    assert encode_json([shared, shared]) == b'[{"a":1},{"a":1}]'


def test_an_int_too_long_to_write_is_refused() -> None:
    assert "too large" in refused({"n": 10**5000}).message


def test_big_ints_that_fit_are_sent_exactly() -> None:
    assert encode_json(2**200) == str(2**200).encode()
