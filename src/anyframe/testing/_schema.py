"""A small JSON Schema validator for the subset of JSON Schema 2020-12 that `openapi.yaml` uses.

The local control plane validates every request against the spec it ships (see
[_spec][anyframe.testing._spec]) and answers the way the real control plane, a FastAPI app, does: 422
with `{"detail": [{"loc": [...], "msg": ..., "type": ...}, ...]}`, messages and types worded as pydantic
words them (`Field required` / `missing`, `Input should be a valid integer` / `int_type`, ...), one
issue per problem, in the order of the schema's properties.

Why not `jsonschema`: the plane ships in the wheel and must run on the standard library alone, and
`jsonschema` reports JSON Schema's own wording, not the FastAPI shape clients branch on. The subset is
small: `$ref` (local JSON pointers), `type` (one or a list, `null` included), `properties`, `required`,
`additionalProperties`, `propertyNames`, `enum`, `const`, `minLength` / `maxLength`, `pattern`,
`minimum` / `maximum` (and the exclusive forms), `items`, `minItems` / `maxItems`, `allOf`, `oneOf` /
`anyOf` (with an OpenAPI `discriminator` when present), `format` (`uuid`, `uri`, `date-time`; other
formats are annotations), `default` (filled in for absent properties, as pydantic does) and `writeOnly`
(marks secrets: see [redact][anyframe.testing._schema.Validator.redact]). Every other keyword the spec
uses is an annotation (`description`, `examples`, ...); a test fails if a request-side schema starts
using a keyword this module neither checks nor ignores on purpose.

Two choices differ from a literal reading of JSON Schema, both to match pydantic: booleans are not
integers (`true` is not a valid `integer`), and an integral float (`5.0`) is accepted as an integer and
converted.
"""

from __future__ import annotations

import copy
import functools
import re
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

__all__ = ["ANNOTATIONS", "CHECKED", "Issue", "Loc", "Schema", "Validator", "issue"]

Loc = list[str | int]
Issue = dict[str, object]
# A schema is parsed JSON whose shape the spec, not the type checker, guarantees.
Schema = Mapping[str, Any]

#: Keywords this module enforces.
CHECKED = frozenset({
    "$ref", "type", "properties", "required", "additionalProperties", "propertyNames", "enum", "const",
    "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "items", "minItems", "maxItems", "allOf", "oneOf", "anyOf", "discriminator", "format", "default",
    "writeOnly",
})  # fmt: skip
#: Keywords that carry no validation (JSON Schema annotations and OpenAPI extras).
ANNOTATIONS = frozenset({
    "description", "title", "example", "examples", "readOnly", "deprecated", "$comment", "externalDocs",
    "xml",
})  # fmt: skip

_SECRET = "****"

_TYPE_ISSUES = {
    "string": ("Input should be a valid string", "string_type"),
    "integer": ("Input should be a valid integer", "int_type"),
    "number": ("Input should be a valid number", "float_type"),
    "boolean": ("Input should be a valid boolean", "bool_type"),
    "array": ("Input should be a valid list", "list_type"),
    "object": ("Input should be a valid dictionary", "dict_type"),
    "null": ("Input should be None", "none_required"),
}
_BOUNDS = (
    ("minimum", "greater than or equal to", "greater_than_equal"),
    ("exclusiveMinimum", "greater than", "greater_than"),
    ("maximum", "less than or equal to", "less_than_equal"),
    ("exclusiveMaximum", "less than", "less_than"),
)
_MODEL_ISSUE = (
    "Input should be a valid dictionary or object to extract fields from",
    "model_attributes_type",
)


def issue(loc: Loc, msg: str, kind: str) -> Issue:
    """Build one FastAPI/pydantic-style validation issue.

    Args:
        loc: Where the problem is, e.g. `["body", "name"]`.
        msg: What is wrong, worded so the reader knows what to fix.
        kind: The machine-readable type, e.g. `"missing"`.

    Returns:
        `{"loc": loc, "msg": msg, "type": kind}`.
    """
    return {"loc": loc, "msg": msg, "type": kind}


def _quoted(values: list[object]) -> str:
    shown = [f"'{v}'" if isinstance(v, str) else repr(v) for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" or {shown[-1]}"


def _same(a: object, b: object) -> bool:
    # `True == 1` in Python; in JSON a boolean is never a number.
    return isinstance(a, bool) == isinstance(b, bool) and a == b


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@functools.lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _format_issue(fmt: object, value: str) -> tuple[str, str] | None:
    if fmt == "uuid":
        try:
            uuid.UUID(value)
        except ValueError:
            return "Input should be a valid UUID", "uuid_parsing"
    elif fmt == "uri":
        parts = urlsplit(value)
        if not parts.scheme or not parts.netloc or any(c.isspace() for c in value):
            return (
                "Input should be a valid URL with a scheme and a host, e.g. 'https://example.com'",
                "url_parsing",
            )
    elif fmt == "date-time":
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return "Input should be a valid datetime, e.g. '2025-01-01T00:00:00Z'", "datetime_parsing"
        if moment.tzinfo is None:
            return "Input should have timezone info, e.g. a trailing 'Z'", "timezone_aware"
    return None


class Validator:
    """Validates JSON values against the schemas of one OpenAPI document.

    Args:
        document: The whole OpenAPI document; `$ref`s are JSON pointers into it (`#/components/...`).
    """

    def __init__(self, document: Mapping[str, object]) -> None:
        self.document = document
        self._secret: dict[int, bool] = {}  # has_secrets by schema id: the spec never changes

    def resolve(self, schema: Schema) -> Schema:
        """Follow `$ref` until a schema without one (a `$ref` with siblings keeps only the target).

        Args:
            schema: A schema, possibly a reference.

        Returns:
            The referenced schema.

        Raises:
            KeyError: The reference points nowhere in the document.
        """
        seen = 0
        while "$ref" in schema:
            ref = str(schema["$ref"])
            if not ref.startswith("#/") or seen > 32:
                raise KeyError(f"unsupported or circular $ref {ref!r}")
            target: object = self.document
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, Mapping) or part not in target:
                    raise KeyError(f"$ref {ref!r} points nowhere")
                target = target[part]
            if not isinstance(target, Mapping):
                raise KeyError(f"$ref {ref!r} is not a schema")
            schema = target
            seen += 1
        return schema

    def validate(self, schema: Schema, value: object, loc: Loc) -> tuple[object, list[Issue]]:
        """Check `value` against `schema`.

        Args:
            schema: The schema (a `$ref` is fine).
            value: A decoded JSON value.
            loc: Location prefix of the issues, e.g. `["body"]`.

        Returns:
            The value with defaults filled in for absent properties (and integral floats converted for
            `integer`), and the issues found (empty when the value is valid).
        """
        issues: list[Issue] = []
        checked = self._check(schema, value, loc, issues)
        return checked, issues

    # -- checking ---------------------------------------------------------------------------------------

    def _check(self, schema: Schema, value: object, loc: Loc, issues: list[Issue]) -> object:
        schema = self.resolve(schema)
        for part in schema.get("allOf", ()):
            value = self._check(part, value, loc, issues)
        if "oneOf" in schema or "anyOf" in schema:
            value, ok = self._union(schema, value, loc, issues)
            if not ok:
                return value
        kind = self._type(schema, value, loc, issues)
        if kind is None:
            return value
        if kind == "null":
            return None
        if "const" in schema and not _same(value, schema["const"]):
            issues.append(issue(loc, f"Input should be {_quoted([schema['const']])}", "literal_error"))
            return value
        if "enum" in schema:
            allowed = list(schema["enum"])
            if not any(_same(value, choice) for choice in allowed):
                issues.append(issue(loc, f"Input should be {_quoted(allowed)}", "enum"))
                return value
        if kind == "string":
            assert isinstance(value, str)
            self._string(schema, value, loc, issues)
        elif kind in ("integer", "number"):
            if kind == "integer" and isinstance(value, float):
                value = int(value)
            self._number(schema, value, loc, issues)
        elif kind == "array":
            assert isinstance(value, list)
            value = self._array(schema, value, loc, issues)
        elif kind == "object":
            assert isinstance(value, dict)
            value = self._object(schema, value, loc, issues)
        return value

    def _type(self, schema: Schema, value: object, loc: Loc, issues: list[Issue]) -> str | None:
        """Return which of the schema's types `value` has (`"any"` when untyped), or record an issue."""
        declared = schema.get("type")
        if declared is None:
            return _json_type(value) or "any"
        allowed = [declared] if isinstance(declared, str) else [str(t) for t in declared]
        actual = _json_type(value)
        if actual in allowed:
            return actual
        if actual == "integer" and "number" in allowed:
            return "number"
        if actual == "number" and "integer" in allowed and isinstance(value, float) and value.is_integer():
            return "integer"
        expected = next((t for t in allowed if t != "null"), "null")
        if expected == "integer" and isinstance(value, float):
            issues.append(
                issue(
                    loc,
                    "Input should be a valid integer, got a number with a fractional part",
                    "int_from_float",
                )
            )
        elif expected == "object" and "properties" in schema:
            issues.append(issue(loc, *_MODEL_ISSUE))
        else:
            issues.append(issue(loc, *_TYPE_ISSUES[expected]))
        return None

    def _union(self, schema: Schema, value: object, loc: Loc, issues: list[Issue]) -> tuple[object, bool]:
        variants = list(schema.get("oneOf") or schema.get("anyOf") or ())
        discriminator = schema.get("discriminator")
        if isinstance(discriminator, Mapping):
            if not isinstance(value, dict):
                issues.append(issue(loc, *_MODEL_ISSUE))
                return value, False
            name = str(discriminator["propertyName"])
            mapping = self._tags(variants, name, discriminator)
            if name not in value:
                issues.append(issue([*loc, name], "Field required", "missing"))
                return value, False
            tag = value[name]
            target = mapping.get(tag) if isinstance(tag, str) else None
            if target is None:
                issues.append(
                    issue([*loc, name], f"Input should be {_quoted(list(mapping))}", "literal_error")
                )
                return value, False
            found: list[Issue] = []
            checked = self._check(target, value, loc, found)
            issues.extend(found)
            return checked, not found
        best: list[Issue] | None = None
        best_score = (True, 0)
        matches: list[object] = []
        for variant in variants:
            attempt: list[Issue] = []
            result = self._check(variant, value, loc, attempt)
            if not attempt:
                matches.append(result)
                continue
            # The closest variant: one whose type fits, then the fewest issues.
            wrong_type = any(i["loc"] == loc and str(i["type"]).endswith("_type") for i in attempt)
            score = (wrong_type, len(attempt))
            if best is None or score < best_score:
                best, best_score = attempt, score
        if "oneOf" in schema and len(matches) > 1:
            issues.append(issue(loc, "Input matches more than one of the allowed shapes", "union_ambiguous"))
            return value, False
        if matches:
            return matches[0], True
        issues.extend(best or [issue(loc, "Input matches none of the allowed shapes", "union_error")])
        return value, False

    def _tags(
        self, variants: list[Schema], name: str, discriminator: Mapping[str, object]
    ) -> dict[str, Schema]:
        mapping = discriminator.get("mapping")
        if isinstance(mapping, Mapping):
            return {str(tag): {"$ref": str(ref)} for tag, ref in mapping.items()}
        tags: dict[str, Schema] = {}
        for variant in variants:
            prop = self.resolve(variant).get("properties", {}).get(name, {})
            if "const" in prop:
                tags[str(prop["const"])] = variant
        return tags

    def _string(self, schema: Schema, value: str, loc: Loc, issues: list[Issue]) -> None:
        low, high = schema.get("minLength"), schema.get("maxLength")
        if isinstance(low, int) and len(value) < low:
            issues.append(
                issue(loc, f"String should have at least {_plural(low, 'character')}", "string_too_short")
            )
        if isinstance(high, int) and len(value) > high:
            issues.append(
                issue(loc, f"String should have at most {_plural(high, 'character')}", "string_too_long")
            )
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and _regex(pattern).search(value) is None:
            issues.append(issue(loc, f"String should match pattern '{pattern}'", "string_pattern_mismatch"))
        problem = _format_issue(schema.get("format"), value)
        if problem is not None:
            issues.append(issue(loc, *problem))

    def _number(self, schema: Schema, value: object, loc: Loc, issues: list[Issue]) -> None:
        assert isinstance(value, (int, float))
        for keyword, words, kind in _BOUNDS:
            bound = schema.get(keyword)
            if not isinstance(bound, (int, float)) or isinstance(bound, bool):
                continue
            exclusive = keyword.startswith("exclusive")
            low = "Min" in keyword or keyword == "minimum"
            fails = (
                (value <= bound if exclusive else value < bound)
                if low
                else (value >= bound if exclusive else value > bound)
            )
            if fails:
                issues.append(issue(loc, f"Input should be {words} {bound}", kind))

    def _array(self, schema: Schema, value: list[object], loc: Loc, issues: list[Issue]) -> list[object]:
        low, high = schema.get("minItems"), schema.get("maxItems")
        if isinstance(low, int) and len(value) < low:
            msg = f"List should have at least {_plural(low, 'item')} after validation, not {len(value)}"
            issues.append(issue(loc, msg, "too_short"))
        if isinstance(high, int) and len(value) > high:
            msg = f"List should have at most {_plural(high, 'item')} after validation, not {len(value)}"
            issues.append(issue(loc, msg, "too_long"))
        items = schema.get("items")
        if not isinstance(items, Mapping):
            return value
        return [self._check(items, item, [*loc, index], issues) for index, item in enumerate(value)]

    def _object(
        self, schema: Schema, value: dict[str, object], loc: Loc, issues: list[Issue]
    ) -> dict[str, object]:
        properties: Mapping[str, Schema] = schema.get("properties", {})
        required: set[str] = set(schema.get("required", ()))
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        out: dict[str, object] = {}
        for name, sub in properties.items():
            if name in value:
                out[name] = self._check(sub, value[name], [*loc, name], issues)
            elif name in required:
                issues.append(issue([*loc, name], "Field required", "missing"))
            else:
                default = self.resolve(sub).get("default", _MISSING)
                if default is not _MISSING:
                    out[name] = copy.deepcopy(default)
        for name in required.difference(properties):  # required without a schema of its own
            if name not in value:
                issues.append(issue([*loc, name], "Field required", "missing"))
        for name, item in value.items():
            if isinstance(names, Mapping):
                self._check(names, name, [*loc, name, "[key]"], issues)
            if name in properties:
                continue
            if extra is False:
                issues.append(issue([*loc, name], "Extra inputs are not permitted", "extra_forbidden"))
            elif isinstance(extra, Mapping):
                out[name] = self._check(extra, item, [*loc, name], issues)
            else:
                out[name] = item
        return out

    # -- secrets ----------------------------------------------------------------------------------------

    def has_secrets(self, schema: Schema) -> bool:
        """Whether any value described by `schema` is `writeOnly` (a secret the server never returns).

        Args:
            schema: A schema, possibly a reference.

        Returns:
            True when a `writeOnly` schema is reachable from it.
        """
        key = id(schema)
        if key not in self._secret:
            self._secret[key] = self._secret_walk(schema, set())
        return self._secret[key]

    def _secret_walk(self, schema: Schema, seen: set[int]) -> bool:
        schema = self.resolve(schema)
        if id(schema) in seen:
            return False
        seen.add(id(schema))
        if schema.get("writeOnly") is True:
            return True
        children: list[object] = [*schema.get("properties", {}).values()]
        for key in ("allOf", "oneOf", "anyOf"):
            children += list(schema.get(key, ()))
        for key in ("items", "additionalProperties"):
            if isinstance(schema.get(key), Mapping):
                children.append(schema[key])
        return any(isinstance(child, Mapping) and self._secret_walk(child, seen) for child in children)

    def redact(self, schema: Schema, value: object) -> object:
        """Return a copy of `value` with every `writeOnly` value replaced by `"****"`.

        Works on invalid values too (a misspelt request still carries its secret): it follows the
        schema as far as the value's shape allows and copies the rest unchanged.

        Args:
            schema: The schema describing `value`.
            value: A decoded JSON value.

        Returns:
            The redacted copy.
        """
        if not self.has_secrets(schema):
            return value  # nothing to hide below here: no copy, no walk
        schema = self.resolve(schema)
        if schema.get("writeOnly") is True and value is not None:
            return _SECRET
        for part in schema.get("allOf", ()):
            value = self.redact(part, value)
        variants = schema.get("oneOf") or schema.get("anyOf")
        discriminator = schema.get("discriminator")
        if variants and isinstance(discriminator, Mapping) and isinstance(value, dict):
            tag = value.get(str(discriminator["propertyName"]))
            target = self._tags(list(variants), str(discriminator["propertyName"]), discriminator).get(
                tag if isinstance(tag, str) else ""
            )
            if target is not None:
                return self.redact(target, value)
        elif variants:
            for variant in variants:
                value = self.redact(variant, value)
        if isinstance(value, list) and isinstance(schema.get("items"), Mapping):
            return [self.redact(schema["items"], item) for item in value]
        if isinstance(value, dict):
            properties: Mapping[str, Schema] = schema.get("properties", {})
            extra = schema.get("additionalProperties")
            out: dict[str, object] = {}
            for name, item in value.items():
                sub = properties.get(name, extra if isinstance(extra, Mapping) else None)
                out[name] = item if sub is None else self.redact(sub, item)
            return out
        return value


_MISSING = object()


def _json_type(value: object) -> str | None:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return None
