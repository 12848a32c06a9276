"""The plane's spec-driven validation: the stdlib JSON Schema subset, its FastAPI-shaped issues, the spec.

Contracts pinned:
- every keyword a request-side schema of `openapi.yaml` uses is either checked by the validator or a
  deliberate annotation (adding, say, `multipleOf` to a request schema fails here until it is handled);
- each checked keyword reports pydantic's `loc` / `msg` / `type` (`missing`, `extra_forbidden`,
  `string_type`, `int_type`, `int_from_float`, `bool_type`, `enum`, `literal_error`, `string_too_short`,
  `string_too_long`, `string_pattern_mismatch`, `greater_than_equal`, `less_than_equal`, `too_short`,
  `uuid_parsing`, `url_parsing`, `dict_type`, `model_attributes_type`), all issues of a value at once, in
  property order; booleans are never integers; an integral float is an integer; `null` only where the
  type lists it; defaults fill absent properties;
- a discriminated `oneOf` validates the variant its tag names and reports a missing or unknown tag at
  the tag's location; `allOf` applies every part; a plain `anyOf` takes the first variant that fits;
- `redact` replaces every `writeOnly` value, valid or not, and leaves the rest alone;
- the packaged `openapi.json` is the JSON form of `openapi.yaml`, and the route table has exactly one
  route per operation of the spec (no route the spec lacks, no operation without a route).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from anyframe.testing._routes import OPERATIONS
from anyframe.testing._schema import ANNOTATIONS, CHECKED, Validator
from anyframe.testing._spec import load

ROOT = Path(__file__).resolve().parents[2]

DOC: dict[str, Any] = {
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 5},
                    "age": {"type": "integer", "minimum": 0, "maximum": 30},
                    "kind": {"type": "string", "enum": ["cat", "dog"]},
                    "nick": {"type": ["string", "null"]},
                    "tags": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                    "vet": {"type": "boolean", "default": False},
                    "env": {
                        "type": "object",
                        "propertyNames": {"pattern": "^[A-Z]+$"},
                        "additionalProperties": {"type": "string", "writeOnly": True},
                    },
                    "owner": {"type": "string", "format": "uuid"},
                    "home": {"type": "string", "format": "uri"},
                },
            },
            "Start": {
                "type": "object",
                "required": ["action", "cmd"],
                "properties": {"action": {"const": "start"}, "cmd": {"type": "string"}},
            },
            "Stop": {"type": "object", "required": ["action"], "properties": {"action": {"const": "stop"}}},
            "Action": {
                "oneOf": [{"$ref": "#/components/schemas/Start"}, {"$ref": "#/components/schemas/Stop"}],
                "discriminator": {"propertyName": "action"},
            },
        }
    }
}
PET = {"$ref": "#/components/schemas/Pet"}
ACTION = {"$ref": "#/components/schemas/Action"}


def _issues(schema: Mapping[str, Any], value: object) -> list[tuple[list[object], str]]:
    _, found = Validator(DOC).validate(schema, value, ["body"])
    return [(i["loc"], str(i["type"])) for i in found]  # type: ignore[misc]


def test_a_valid_body_passes_with_defaults_filled_in() -> None:
    value, issues = Validator(DOC).validate(PET, {"name": "Rex", "age": 3.0, "nick": None}, ["body"])
    assert issues == []
    assert value == {"name": "Rex", "age": 3, "nick": None, "vet": False}
    assert isinstance(value["age"], int)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, [(["body", "name"], "missing")]),
        ({"name": "Rex", "color": "red"}, [(["body", "color"], "extra_forbidden")]),
        ({"name": 5}, [(["body", "name"], "string_type")]),
        ({"name": ""}, [(["body", "name"], "string_too_short")]),
        ({"name": "Rexxxx"}, [(["body", "name"], "string_too_long")]),
        ({"name": "R", "age": True}, [(["body", "age"], "int_type")]),
        ({"name": "R", "age": 2.5}, [(["body", "age"], "int_from_float")]),
        ({"name": "R", "age": -1}, [(["body", "age"], "greater_than_equal")]),
        ({"name": "R", "age": 31}, [(["body", "age"], "less_than_equal")]),
        ({"name": "R", "kind": "cow"}, [(["body", "kind"], "enum")]),
        ({"name": "R", "kind": None}, [(["body", "kind"], "string_type")]),
        ({"name": "R", "tags": []}, [(["body", "tags"], "too_short")]),
        ({"name": "R", "tags": ["a", 1]}, [(["body", "tags", 1], "string_type")]),
        ({"name": "R", "vet": "yes"}, [(["body", "vet"], "bool_type")]),
        (
            {"name": "R", "env": {"lower": "x"}},
            [(["body", "env", "lower", "[key]"], "string_pattern_mismatch")],
        ),
        ({"name": "R", "env": {"OK": 1}}, [(["body", "env", "OK"], "string_type")]),
        ({"name": "R", "env": []}, [(["body", "env"], "dict_type")]),
        ({"name": "R", "owner": "not-a-uuid"}, [(["body", "owner"], "uuid_parsing")]),
        ({"name": "R", "home": "example.com/x"}, [(["body", "home"], "url_parsing")]),
        ([], [(["body"], "model_attributes_type")]),
        (
            {"name": 1, "age": "x", "zzz": 0},  # every issue at once, properties first, extras last
            [
                (["body", "name"], "string_type"),
                (["body", "age"], "int_type"),
                (["body", "zzz"], "extra_forbidden"),
            ],
        ),
    ],
)
def test_each_keyword_reports_the_pydantic_issue(
    body: object, expected: list[tuple[list[object], str]]
) -> None:
    assert _issues(PET, body) == expected


def test_messages_say_what_to_fix() -> None:
    _, issues = Validator(DOC).validate(PET, {"name": "", "kind": "cow", "age": 99}, ["body"])
    assert [i["msg"] for i in issues] == [
        "String should have at least 1 character",
        "Input should be less than or equal to 30",
        "Input should be 'cat' or 'dog'",
    ]


def test_a_discriminated_union_validates_the_tagged_variant() -> None:
    assert _issues(ACTION, {"action": "start", "cmd": "x"}) == []
    assert _issues(ACTION, {"action": "stop"}) == []
    assert _issues(ACTION, {"action": "start"}) == [(["body", "cmd"], "missing")]
    assert _issues(ACTION, {"cmd": "x"}) == [(["body", "action"], "missing")]
    assert _issues(ACTION, {"action": "jump"}) == [(["body", "action"], "literal_error")]
    assert _issues(ACTION, "start") == [(["body"], "model_attributes_type")]
    _, issues = Validator(DOC).validate(ACTION, {"action": "jump"}, ["body"])
    assert issues[0]["msg"] == "Input should be 'start' or 'stop'"


def test_all_of_and_any_of() -> None:
    both = {"allOf": [{"type": "object", "required": ["a"]}, {"type": "object", "required": ["b"]}]}
    assert _issues(both, {"a": 1}) == [(["body", "b"], "missing")]
    either = {"anyOf": [{"type": "integer"}, {"type": "string", "minLength": 2}]}
    assert _issues(either, 5) == []
    assert _issues(either, "ab") == []
    assert _issues(either, "a") == [(["body"], "string_too_short")]  # the closest variant's issue


def test_redact_replaces_write_only_values_even_in_invalid_bodies() -> None:
    validator = Validator(DOC)
    body = {"name": 5, "env": {"KEY": "s3cret", "bad-key": "also secret"}, "nick": "visible"}
    assert validator.redact(PET, body) == {
        "name": 5,
        "env": {"KEY": "****", "bad-key": "****"},
        "nick": "visible",
    }
    assert validator.has_secrets(PET) is True
    assert validator.has_secrets(ACTION) is False


def _walk(validator: Validator, schema: object, seen: set[int]) -> Iterator[str]:
    """Every keyword used by `schema` and the schemas it reaches."""
    if not isinstance(schema, Mapping) or id(schema) in seen:
        return
    seen.add(id(schema))
    yield from schema
    if "$ref" in schema:
        yield from _walk(validator, validator.resolve(schema), seen)
    for key in ("properties",):
        for child in schema.get(key, {}).values():
            yield from _walk(validator, child, seen)
    for key in ("allOf", "oneOf", "anyOf"):
        for child in schema.get(key, ()):
            yield from _walk(validator, child, seen)
    for key in ("items", "additionalProperties", "propertyNames"):
        yield from _walk(validator, schema.get(key), seen)


def test_the_validator_covers_every_keyword_of_the_request_schemas() -> None:
    spec = load()
    used: set[str] = set()
    for operation in spec.operations.values():
        schemas = [p.schema for p in operation.params] + ([operation.body] if operation.body else [])
        for schema in schemas:
            used |= set(_walk(spec.validator, schema, set()))
    assert used, "no request schema found"
    assert used - CHECKED - ANNOTATIONS == set()


def test_the_packaged_spec_is_the_json_form_of_openapi_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    shipped = json.loads((ROOT / "src/anyframe/testing/openapi.json").read_text(encoding="utf-8"))
    assert shipped == yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    assert load().document == shipped


def test_the_route_table_has_one_route_per_operation_of_the_spec() -> None:
    routes = [(method, template) for method, template, _ in OPERATIONS]
    assert len(routes) == len(set(routes))
    assert set(routes) == set(load().operations)


def _without_formats(value: object) -> object:
    # jsonschema checks `uri` / `date-time` only with optional packages; compare everything else.
    if isinstance(value, dict):
        return {k: _without_formats(v) for k, v in value.items() if k != "format"}
    if isinstance(value, list):
        return [_without_formats(v) for v in value]
    return value


def _near(validator: Validator, schema: Any, st: Any) -> Any:
    """Values that mostly fit `schema` and stray just past its edges (bounds, lengths, types, keys)."""
    schema = validator.resolve(schema)
    junk = st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.just(1.5), st.just("x"), st.just([]))
    if "oneOf" in schema or "anyOf" in schema:
        return st.one_of(*[_near(validator, v, st) for v in schema.get("oneOf") or schema["anyOf"]])
    if "enum" in schema or "const" in schema:
        return st.one_of(st.sampled_from(list(schema.get("enum", [schema.get("const")]))), st.just("other"))
    kinds = schema.get("type", "object")
    kind = next(k for k in ([kinds] if isinstance(kinds, str) else kinds) if k != "null")
    nullable = st.none() if "null" in kinds else st.nothing()
    if kind == "string":
        low = schema.get("minLength", 0)
        texts = st.sampled_from(["", " ", "ABC", "a-b", "bun dev", "https://h.example/mcp", "x" * (low + 1)])
        return st.one_of(texts, nullable, junk)
    if kind == "integer":
        low, high = schema.get("minimum", -5), schema.get("maximum", 5)
        return st.one_of(st.integers(low - 1, low + 1), st.integers(high - 1, high + 1), nullable, junk)
    if kind == "boolean":
        return st.one_of(st.booleans(), nullable, junk)
    if kind == "array":
        return st.one_of(st.lists(_near(validator, schema.get("items", {}), st), max_size=2), nullable, junk)
    properties = schema.get("properties", {})
    if not properties:
        keys = st.sampled_from(["A", "K_1", "b-c"])
        extra = schema.get("additionalProperties")
        values = _near(validator, extra, st) if isinstance(extra, Mapping) else junk
        return st.one_of(st.dictionaries(keys, values, max_size=2), nullable, junk)
    required = set(schema.get("required", ()))
    fields = {n: _near(validator, sub, st) for n, sub in properties.items()}
    whole = st.fixed_dictionaries(
        {n: v for n, v in fields.items() if n in required},
        optional={**{n: v for n, v in fields.items() if n not in required}, "extra": junk},
    )
    dropped = st.dictionaries(st.sampled_from(sorted(properties)), junk, max_size=2)
    return st.one_of(whole, whole, whole, dropped, nullable, junk)


def test_the_validator_agrees_with_jsonschema_on_every_request_body() -> None:
    # An independent implementation as the oracle: same verdict (valid or not) on random bodies.
    jsonschema = pytest.importorskip("jsonschema")
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    document = _without_formats(load().document)
    assert isinstance(document, dict)
    mine = Validator(document)
    registry = Registry().with_resource("urn:spec", Resource.from_contents(document, DRAFT202012))
    schemas = [op.body for op in load().operations.values() if op.body is not None]
    assert all("$ref" in schema for schema in schemas)  # every request body is a named component
    verdicts: list[bool] = []

    @st.composite
    def case(draw: Any) -> tuple[Mapping[str, Any], object]:
        schema = draw(st.sampled_from(schemas))
        return schema, draw(_near(mine, schema, st))

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(case())
    def agree(pair: tuple[Mapping[str, Any], object]) -> None:
        schema, body = pair
        _, issues = mine.validate(schema, body, ["body"])
        oracle = jsonschema.Draft202012Validator({"$ref": "urn:spec" + schema["$ref"]}, registry=registry)
        verdicts.append(oracle.is_valid(body))
        assert (not issues) == verdicts[-1], (schema, body, issues)

    agree()
    assert True in verdicts  # both outcomes were exercised
    assert False in verdicts
