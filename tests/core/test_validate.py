"""Tests of `anyframe._core.validate`: caller input checked before anything is sent.

Contracts pinned here:

- Every check raises `InvalidArgumentError`, which is both an `AnyFrameError` and a `ValueError`, with a
  message naming the argument.
- `check_id`: an `int` that is not a `bool` and not negative.
- `session_path_id`: a `uuid.UUID` renders lowercase-hyphenated; a `str` passes through unchanged;
  empty, blank, slash-containing or whitespace-containing strings and other types are rejected.
- `session_path_id` and `path_segment` (catalog slugs) accept exactly one URL path segment of
  unreserved characters (`A-Z a-z 0-9 - . _ ~`): `.`, `..` (and other all-dot values), `/`, `?`, `#`,
  `%`, spaces, control characters and non-ASCII are refused, never encoded.
- Request-argument checks raise `LocalValidationError` (also a `ValidationError`) with a FastAPI-shaped
  `loc`: `["path", "session_id"]`, `["body", "name"]`, `["query", "limit"]`, `["body", "preview_ports", 1]`.
- `check_count`: an int of at least `minimum` (limit, since, tail). `check_flag`: a real bool.
  `check_object`: a mapping, copied. `check_callback`: `None` or a callable.
- `check_seconds`: an int/float in `(0, MAX_SECONDS]` (infinity only when allowed); a plain
  `InvalidArgumentError` (a setting, not a request field).
- `check_text`: a non-blank `str` (or `None` when allowed).
- `check_port` / `check_ports`: `None` or ints 1-65535 (not bools); a string is not a list of ports;
  the failing index is named.
- `check_env_vars`: keys match `[A-Z_][A-Z0-9_]*`, values are strings; the result is a copy; the
  message names the key and never echoes the value (often a secret).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from types import MappingProxyType

import pytest

from anyframe._core.validate import (
    MAX_SECONDS,
    check_callback,
    check_count,
    check_env_vars,
    check_flag,
    check_id,
    check_object,
    check_port,
    check_ports,
    check_seconds,
    check_text,
    path_segment,
    session_path_id,
)
from anyframe.exceptions import AnyFrameError, InvalidArgumentError, LocalValidationError, ValidationError


def test_invalid_argument_error_is_an_anyframe_error_and_a_value_error() -> None:
    assert issubclass(InvalidArgumentError, AnyFrameError)
    assert issubclass(InvalidArgumentError, ValueError)
    with pytest.raises(ValueError):
        check_id("agent_id", -1)


# --- check_id ---


@pytest.mark.parametrize("value", [1, 7, 2**40])
def test_check_id_accepts_positive_ints(value: int) -> None:
    assert check_id("agent_id", value) == value


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (-1, "agent_id must be >= 0, got -1"),
        (True, "agent_id must be an int, got bool True"),
        ("7", "agent_id must be an int, got str '7'"),
        (7.0, "agent_id must be an int, got float 7.0"),
        (None, "agent_id must be an int, got NoneType None"),
    ],
)
def test_check_id_rejects_non_ints_bools_and_negatives(value: object, fragment: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        check_id("agent_id", value)

    assert info.value.message == fragment


# --- session_path_id ---

SESSION_UUID = uuid.UUID("3F2504E0-4F89-11D3-9A0C-0305E82C3301")


@pytest.mark.parametrize(
    ("value", "path_id"),
    [
        (SESSION_UUID, "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        (uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        ("3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        ("3F2504E0-4F89-11D3-9A0C-0305E82C3301", "3F2504E0-4F89-11D3-9A0C-0305E82C3301"),
        ("s_1", "s_1"),
    ],
)
def test_session_path_id_renders_uuids_lowercase_and_passes_strings_through(
    value: object, path_id: str
) -> None:
    assert session_path_id(value) == path_id


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "session_id must be a non-empty string"),
        ("   ", "session_id must be a non-empty string"),
        ("a/b", "session_id must be a session UUID, got 'a/b'"),
        ("../agents", "session_id must be a session UUID"),
        ("a b", "session_id must be a session UUID"),
        ("abc\n", "session_id must be a session UUID"),
        (True, "session_id must be a str or uuid.UUID, got bool True"),
        (None, "session_id must be a str or uuid.UUID, got NoneType"),
        (b"abc", "session_id must be a str or uuid.UUID, got bytes"),
    ],
)
def test_session_path_id_rejects_empty_blank_slashed_and_non_string_ids(value: object, fragment: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        session_path_id(value)

    assert info.value.message.startswith(fragment)


def test_session_path_id_tolerates_an_int_as_the_guide_types_it() -> None:
    assert session_path_id(123) == "123"


# --- check_text ---


@pytest.mark.parametrize("value", ["x", "bun dev", " padded "])
def test_check_text_returns_non_blank_strings_unchanged(value: str) -> None:
    assert check_text("name", value) == value


def test_check_text_allows_none_only_when_asked() -> None:
    assert check_text("name", None, allow_none=True) is None
    with pytest.raises(InvalidArgumentError, match="name must be a str, got NoneType"):
        check_text("name", None)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "name must be a non-empty string"),
        (" \t\n", "name must be a non-empty string"),
        (5, "name must be a str, got int"),
        (b"name", "name must be a str, got bytes"),
    ],
)
def test_check_text_rejects_blank_and_non_string_values(value: object, message: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        check_text("name", value, allow_none=True)

    assert info.value.message == message


# --- ports ---


@pytest.mark.parametrize("value", [None, 1, 80, 3000, 65535])
def test_check_port_accepts_none_and_tcp_ports(value: int | None) -> None:
    assert check_port("port", value) == value


@pytest.mark.parametrize("value", [0, -1, 65536, True, False, "80", 80.0])
def test_check_port_rejects_out_of_range_bools_and_non_ints(value: object) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        check_port("port", value)

    assert info.value.message == f"port must be a TCP port between 1 and 65535, got {value!r}"


@pytest.mark.parametrize(
    ("values", "ports"),
    [(None, None), ([], []), ([3000], [3000]), ((3000, 4000), [3000, 4000]), (range(1, 4), [1, 2, 3])],
)
def test_check_ports_returns_a_list_of_ports(values: object, ports: list[int] | None) -> None:
    assert check_ports("preview_ports", values) == ports  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ("3000", "preview_ports must be a list of ports, got a string"),
        (b"3000", "preview_ports must be a list of ports, got a string"),
        ([3000, 0], "preview_ports[1] must be a TCP port between 1 and 65535, got 0"),
        ([None], "preview_ports[0] must be a TCP port between 1 and 65535, got None"),
        ([70000], "preview_ports[0] must be a TCP port between 1 and 65535, got 70000"),
    ],
)
def test_check_ports_rejects_strings_and_names_the_bad_index(values: object, message: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        check_ports("preview_ports", values)  # type: ignore[arg-type]

    assert info.value.message == message


# --- env_vars ---


@pytest.mark.parametrize(
    "value",
    [
        {},
        {"A": "1"},
        {"_X": ""},
        {"API_KEY_2": "afm_secret", "NODE_ENV": "production", "__": "x"},
        MappingProxyType({"DATABASE_URL": "postgres://"}),
    ],
)
def test_check_env_vars_accepts_upper_case_names_with_string_values(value: Mapping[str, str]) -> None:
    checked = check_env_vars(value)

    assert checked == dict(value)
    assert type(checked) is dict
    assert checked is not value


def test_check_env_vars_accepts_none() -> None:
    assert check_env_vars(None) is None


SECRET = "hunter2-very-secret"


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ({"lower": SECRET}, "'lower'"),
        ({"1ABC": SECRET}, "'1ABC'"),
        ({"A-B": SECRET}, "'A-B'"),
        ({"A B": SECRET}, "'A B'"),
        ({"": SECRET}, "''"),
        ({"ÄB": SECRET}, "'ÄB'"),
        ({"OK\n": SECRET}, "'OK\\n'"),
        ({1: SECRET}, "1"),
    ],
)
def test_check_env_vars_rejects_bad_names_naming_the_key_but_never_the_value(
    value: Mapping[str, str], named: str
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        check_env_vars(value)

    assert f"env_vars key {named} is not a valid variable name" in info.value.message
    assert "[A-Z_][A-Z0-9_]*" in info.value.message
    assert SECRET not in str(info.value)
    assert SECRET not in repr(info.value)


@pytest.mark.parametrize(
    ("value", "type_name"),
    [
        ({"TOKEN": 12345678}, "int"),
        ({"TOKEN": b"hunter2-very-secret"}, "bytes"),
        ({"TOKEN": None}, "NoneType"),
    ],
)
def test_check_env_vars_rejects_non_string_values_without_echoing_them(
    value: Mapping[str, object], type_name: str
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        check_env_vars(value)  # type: ignore[arg-type]

    assert info.value.message == f"env_vars['TOKEN'] must be a str, got {type_name}"
    assert "12345678" not in str(info.value)
    assert "hunter2" not in str(info.value)


@pytest.mark.parametrize("value", [["A=1"], "A=1", [("A", "1")]])
def test_check_env_vars_rejects_non_mappings(value: object) -> None:
    with pytest.raises(InvalidArgumentError, match="env_vars must be a dict of str to str"):
        check_env_vars(value)  # type: ignore[arg-type]


# --- one path segment ---

HOSTILE_SEGMENTS = [
    ".", "..", "...", "a/b", "../agents", "a?b", "a#b", "%2e%2e", "a%2Fb", "a b", "a\x00b", "a\r\nb", "caf\u00e9",
    "\u2024\u2024", "a\\b",
]  # fmt: skip


@pytest.mark.parametrize("value", HOSTILE_SEGMENTS)
def test_session_ids_that_are_not_one_plain_segment_are_refused(value: str) -> None:
    with pytest.raises(LocalValidationError) as info:
        session_path_id(value)

    assert info.value.errors[0]["loc"] == ["path", "session_id"]
    assert "one URL path segment" in info.value.message
    assert isinstance(info.value, ValidationError)


@pytest.mark.parametrize("value", HOSTILE_SEGMENTS)
def test_slugs_that_are_not_one_plain_segment_are_refused(value: str) -> None:
    with pytest.raises(LocalValidationError) as info:
        path_segment("slug", value)

    assert info.value.message.startswith("slug must be one URL path segment")
    assert info.value.errors[0]["loc"] == ["path", "slug"]


@pytest.mark.parametrize("value", ["linear", "google-drive", "a.b", "v1.2_x~y", "A-Z"])
def test_plain_segments_pass_unchanged(value: str) -> None:
    assert path_segment("slug", value) == value
    assert session_path_id(value) == value


@pytest.mark.parametrize("value", [None, 5, b"linear", ["linear"]])
def test_a_slug_must_be_a_str(value: object) -> None:
    with pytest.raises(LocalValidationError, match="slug must be a str"):
        path_segment("slug", value)


def test_a_negative_int_session_id_is_refused() -> None:
    with pytest.raises(LocalValidationError):
        session_path_id(-1)


# --- where a refused argument sits ---


@pytest.mark.parametrize(
    ("check", "loc"),
    [
        (lambda: check_id("agent_id", -1), ["path", "agent_id"]),
        (lambda: check_id("agent_id", "7", where="body"), ["body", "agent_id"]),
        (lambda: check_text("name", ""), ["body", "name"]),
        (lambda: check_count("limit", 0, minimum=1), ["query", "limit"]),
        (lambda: check_count("tail", -1, where="body"), ["body", "tail"]),
        (lambda: check_ports("preview_ports", [3000, 0]), ["body", "preview_ports", 1]),
        (lambda: check_port("port", 70000), ["body", "port"]),
        (lambda: check_env_vars({"A": 1}), ["body", "env_vars", "A"]),  # type: ignore[dict-item]
        (lambda: check_flag("enabled", 1), ["body", "enabled"]),
        (lambda: check_object("config", [1]), ["body", "config"]),
    ],
)
def test_request_argument_errors_are_local_validation_errors_with_a_fastapi_loc(
    check: object, loc: list[object]
) -> None:
    with pytest.raises(LocalValidationError) as info:
        check()  # type: ignore[operator]

    assert info.value.errors[0]["loc"] == loc
    assert info.value.status_code == 422


@pytest.mark.parametrize(("value", "minimum"), [(0, 0), (5, 1), (2**40, 1)])
def test_check_count_accepts_ints_from_the_minimum(value: int, minimum: int) -> None:
    assert check_count("limit", value, minimum=minimum) == value


@pytest.mark.parametrize("value", [True, "5", 5.0, None])
def test_check_count_rejects_non_ints(value: object) -> None:
    with pytest.raises(LocalValidationError, match="limit must be an int"):
        check_count("limit", value)


def test_check_flag_and_check_object_accept_the_right_types() -> None:
    assert check_flag("enabled", False) is False
    source = MappingProxyType({"a": 1})
    copy = check_object("config", source)
    assert copy == {"a": 1}
    assert type(copy) is dict


def test_check_object_adds_the_hint() -> None:
    with pytest.raises(LocalValidationError, match=r"body must be a dict \(wrap text"):
        check_object("body", "hi", hint=' (wrap text as {"prompt": text})')


# --- durations and callbacks ---


@pytest.mark.parametrize("value", [0.001, 1, 30.0, MAX_SECONDS])
def test_check_seconds_accepts_positive_finite_numbers_as_floats(value: float) -> None:
    assert check_seconds("timeout", value) == float(value)
    assert isinstance(check_seconds("timeout", value), float)


@pytest.mark.parametrize(
    "value",
    [0, -1, float("nan"), float("inf"), -float("inf"), MAX_SECONDS * 10, 10**400, "5", True, None, [1]],
)
def test_check_seconds_rejects_everything_else_with_a_plain_invalid_argument_error(value: object) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        check_seconds("timeout", value)

    assert not isinstance(info.value, ValidationError)
    assert info.value.message.startswith("timeout must be a positive number of seconds")


def test_check_seconds_allows_infinity_only_when_asked() -> None:
    assert check_seconds("timeout", float("inf"), allow_infinite=True) == float("inf")
    with pytest.raises(InvalidArgumentError, match="large finite number"):
        check_seconds("timeout", float("inf"))
    with pytest.raises(InvalidArgumentError):
        check_seconds("timeout", float("nan"), allow_infinite=True)


def test_check_callback_accepts_none_and_callables_only() -> None:
    check_callback("on_status", None)
    check_callback("on_status", print)
    with pytest.raises(InvalidArgumentError, match="on_status must be a function"):
        check_callback("on_status", "print")
