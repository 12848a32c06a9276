"""Check the SDK against `openapi.yaml`, the one source of the contract.

    python scripts/check_contract.py [path/to/openapi.yaml]

Two checks, each printing one line per problem that says what to fix, exit status 1 if any:

1. **Models.** Every public model of `anyframe.models` matches the schema of the same name, field by
   field: properties <-> fields, types, `required` <-> no default, `null` allowed <-> `| None`, the
   spec's `default` <-> the field's default, and `x-known-values` (the documented values of an open
   enum) <-> the `Literal` alias in the field's annotation (`McpTransport | str`). A union schema
   (`oneOf` with a discriminator, e.g. `AttentionItem`) is compared on what its variants share, its
   discriminator's known values being the mapping's keys. A property whose schema is a `$ref` to such
   a union (or to an `anyOf`, e.g. `ContentBlock`) is compared as the union of its members, the way the
   model's field spells it (`TextBlock | ToolUseBlock | ...`). Request-side models (`PreviewSpec`: not an
   `AnyFrameModel`) send `None` as "omitted", so there `| None` means "optional". And every schema a
   2xx answer returns has a model, unless `OPAQUE` says the SDK hands it back as a plain dict.
2. **Operations, as one relation.** The operations of the spec = the generated request builders
   (`METHOD`/`PATH` of `_generated/api/<tag>/<operationId>.py`) = the local plane's routes
   (`anyframe.testing._routes.OPERATIONS`) = the builders the curated layer imports (an endpoint
   nobody wrapped fails here).
"""

from __future__ import annotations

import importlib
import re
import sys
import types
import typing
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from generate import imported_modules
from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

__all__ = ["OPAQUE", "main", "model_problems", "operation_problems"]

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
SRC = ROOT / "src" / "anyframe"
GENERATED = SRC / "_generated"
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

#: Response schemas the SDK returns as a plain `dict` rather than a model, and why.
OPAQUE = {
    "ChatAck": "the in-sandbox chat server's acknowledgement, forwarded verbatim",
    "PreviewLogsResult": "loosely specified; `previews_logs` returns the decoded object",
}


# --- the spec side ---


def _ref_name(node: dict[str, Any]) -> str:
    ref = node["$ref"]
    assert isinstance(ref, str)
    return ref.rsplit("/", 1)[-1]


def _flatten(spec: dict[str, Any], schema: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """(properties, required) of an object schema, `$ref`s and `allOf` parts merged; a `oneOf`
    union is reduced to what all its variants share, with its discriminator's known values."""
    schemas = spec["components"]["schemas"]
    if "$ref" in schema:
        return _flatten(spec, schemas[_ref_name(schema)])
    if "oneOf" in schema:
        variants = [_flatten(spec, part) for part in schema["oneOf"]]
        common = set.intersection(*(set(props) for props, _ in variants))
        shared = {name: variants[0][0][name] for name in sorted(common)}
        discriminator = schema.get("discriminator", {})
        if discriminator.get("propertyName") in shared:
            known = sorted(discriminator.get("mapping", {}))
            shared[discriminator["propertyName"]] = {"type": "string", "x-known-values": known}
        return shared, set.intersection(*(required for _, required in variants))
    properties: dict[str, dict[str, Any]] = {}
    required: set[str] = set()
    for part in schema.get("allOf", []):
        part_properties, part_required = _flatten(spec, part)
        properties |= part_properties
        required |= part_required
    properties |= schema.get("properties", {})
    return properties, required | set(schema.get("required", []))


def _inline_unions(spec: dict[str, Any], node: object) -> Any:
    """`node` with each `$ref` to a union schema (a bare `oneOf` / `anyOf`) replaced by its members:
    a model field names the members (`list[TextBlock | ToolUseBlock]`), never the union's name."""
    if isinstance(node, list):
        return [_inline_unions(spec, item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node and node["$ref"].startswith("#/components/schemas/"):
        target = spec["components"]["schemas"][_ref_name(node)]
        members = target.get("oneOf", target.get("anyOf"))
        if members is not None and "properties" not in target:
            return {"anyOf": _inline_unions(spec, members)}
        return node
    return {key: _inline_unions(spec, value) for key, value in node.items()}


def _alternatives(node: dict[str, Any]) -> tuple[bool, list[dict[str, Any]]]:
    """(may be null, the non-null alternatives) of a property schema."""
    if "anyOf" in node or "oneOf" in node:
        parts = node.get("anyOf", node.get("oneOf", []))
        nullable = any(part.get("type") == "null" for part in parts)
        return nullable, [part for part in parts if part.get("type") != "null"]
    kinds = node.get("type")
    if isinstance(kinds, list):
        rest = [kind for kind in kinds if kind != "null"]
        return "null" in kinds, [{**node, "type": rest[0] if len(rest) == 1 else rest}]
    return False, [node]


def _spec_type(node: dict[str, Any]) -> str:
    """A property schema's type, spelt like `_model_type` spells a Python annotation."""
    if "$ref" in node:
        return _ref_name(node)
    nullable, alternatives = _alternatives(node)
    if len(alternatives) != 1 or nullable:
        return " | ".join(sorted(_spec_type(part) for part in alternatives) + (["None"] if nullable else []))
    kind = node.get("type")
    if kind == "array":
        return f"list[{_spec_type(node.get('items', {}))}]"
    if kind == "object" or (kind is None and "additionalProperties" in node):
        values = node.get("additionalProperties", True)
        return f"dict[str, {'object' if values is True else _spec_type(values)}]"
    if kind == "string" and node.get("format") == "date-time":
        return "datetime"
    return {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(
        str(kind), f"?{kind}"
    )


# --- the model side ---


def _members(annotation: object) -> list[object]:
    """The members of a union annotation (`Annotated` unwrapped), or the annotation alone."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


def _known_values(annotation: object) -> set[str] | None:
    literals = [m for m in _members(annotation) if typing.get_origin(m) is typing.Literal]
    return {str(v) for literal in literals for v in typing.get_args(literal)} if literals else None


def _model_type(annotation: object) -> str:
    members = _members(annotation)
    nullable = type(None) in members
    # `Literal[...] | str` is an open string: the literal only documents the known values.
    rest = [m for m in members if m is not type(None) and typing.get_origin(m) is not typing.Literal]
    if not rest and _known_values(annotation) is not None:
        rest = [str]
    if len(rest) != 1 or nullable:
        return " | ".join(sorted(_model_type(m) for m in rest) + (["None"] if nullable else []))
    (member,) = rest
    origin, args = typing.get_origin(member), typing.get_args(member)
    if origin is list:
        return f"list[{_model_type(args[0])}]"
    if origin is dict:
        return f"dict[{_model_type(args[0])}, {_model_type(args[1])}]"
    if member is datetime:
        return "datetime"
    return getattr(member, "__name__", repr(member))


def _default(info: FieldInfo) -> object:
    return info.get_default(call_default_factory=True)


# --- check 1: models ---


def public_models() -> dict[str, type[BaseModel]]:
    """The public pydantic models by name, the shared base class left out."""
    models: Any = importlib.import_module("anyframe.models")
    found = {name: getattr(models, name) for name in models.__all__}
    return {
        name: value
        for name, value in found.items()
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not models.AnyFrameModel
    }


def _field_problems(
    where: str, info: FieldInfo, node: dict[str, Any], required: bool, request: bool
) -> Iterator[str]:
    annotation: Any = info.annotation
    nullable, _ = _alternatives(node)
    if info.is_required() != required:
        yield f"{where}: the spec says {'required' if required else 'optional'}, the model says the opposite"
    spec_type, model_type = _spec_type(node), _model_type(annotation)
    if request and not required:
        nullable = True  # a request-side model sends None as "leave it out"
    if spec_type.removesuffix(" | None") != model_type.removesuffix(" | None"):
        yield f"{where}: the spec says {spec_type}, the model says {model_type}"
    elif nullable != model_type.endswith("| None"):
        wanted = "allow None (`| None`)" if nullable else "not allow None"
        yield f"{where}: the spec {'allows' if nullable else 'forbids'} null, so the field should {wanted}"
    known = node.get("x-known-values")
    if "const" in node:
        values = _known_values(annotation)
        if values is not None and str(node["const"]) not in values:
            yield f"{where}: the spec's const {node['const']!r} is not among the field's known values"
    elif (known is None) != (_known_values(annotation) is None):
        yield (
            f"{where}: the spec lists known values {known}, the field has no Literal"
            if known is not None
            else f"{where}: the field's Literal has known values the spec does not list (add x-known-values)"
        )
    elif known is not None and set(map(str, known)) != _known_values(annotation):
        yield f"{where}: known values differ: spec {sorted(map(str, known))}, model {sorted(_known_values(annotation) or ())}"
    if "default" in node and not info.is_required():
        try:
            expected = TypeAdapter(annotation).validate_python(node["default"])
        except (ValueError, TypeError) as exc:  # pydantic.ValidationError is a ValueError
            yield f"{where}: the spec's default {node['default']!r} does not fit the field ({exc.__class__.__name__})"
        else:
            if expected != _default(info):
                yield f"{where}: default {_default(info)!r}, the spec says {node['default']!r}"
    elif not info.is_required() and _default(info) is not None:
        yield f"{where}: defaults to {_default(info)!r} but the spec states no default (add `default:`)"


def _response_schemas(spec: dict[str, Any]) -> set[str]:
    """The schemas a 2xx answer returns, directly or nested."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "$ref" in node and node["$ref"].startswith("#/components/schemas/"):
                name = _ref_name(node)
                if name not in found:
                    found.add(name)
                    walk(spec["components"]["schemas"][name])
            elif "$ref" in node and node["$ref"].startswith("#/components/responses/"):
                walk(spec["components"]["responses"][_ref_name(node)])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for item in spec["paths"].values():
        for method in _METHODS:
            for status, response in item.get(method, {}).get("responses", {}).items():
                if str(status).startswith("2"):
                    walk(response)
    return found


def model_problems(spec: dict[str, Any], models: dict[str, type[BaseModel]] | None = None) -> list[str]:
    """Every disagreement between the public models and the spec's schemas.

    Args:
        spec: The parsed OpenAPI document.
        models: The models to check by schema name (default: every public model of `anyframe.models`).
    """
    models = public_models() if models is None else models
    schemas = spec["components"]["schemas"]
    problems: list[str] = []
    for name, model in sorted(models.items()):
        if name not in schemas:
            problems.append(
                f"model {name}: openapi.yaml has no schema {name!r} (add it, or rename the model)"
            )
            continue
        properties, required = _flatten(spec, schemas[name])
        request = not any(base.__name__ == "AnyFrameModel" for base in model.__mro__)
        fields = model.model_fields
        problems += [
            f"{name}.{p}: in the spec, not in the model (add the field)"
            for p in sorted(set(properties) - set(fields))
        ]
        problems += [
            f"{name}.{f}: in the model, not in the spec (add the property)"
            for f in sorted(set(fields) - set(properties))
        ]
        for field in sorted(set(fields) & set(properties)):
            node = _inline_unions(spec, properties[field])
            problems += _field_problems(f"{name}.{field}", fields[field], node, field in required, request)
    returned = _response_schemas(spec)
    for schema in sorted(returned - set(models) - set(OPAQUE)):
        problems.append(f"schema {schema}: a 2xx answer returns it but no public model matches it (add one)")
    for schema in sorted(set(OPAQUE) - returned):
        problems.append(f"OPAQUE lists {schema!r}, which no 2xx answer returns (remove the entry)")
    for schema in sorted(set(OPAQUE) & set(models)):
        problems.append(f"OPAQUE lists {schema!r}, which has a model (remove the entry)")
    return problems


# --- check 2: operations ---

_PARAM = re.compile(r"\{(\w+)(?::([\w|]+))?\}")


def _route_paths(template: str) -> list[str]:
    """The spec paths a plane route template serves: `{id:int}` -> `{id}`, `{kind:a|b}` -> `a`, `b`."""
    match = next((m for m in _PARAM.finditer(template) if "|" in (m.group(2) or "")), None)
    if match is None:
        return [_PARAM.sub(lambda m: "{" + m.group(1) + "}", template)]
    return [
        path
        for value in match.group(2).split("|")
        for path in _route_paths(template[: match.start()] + value + template[match.end() :])
    ]


def _curated_builders() -> set[str]:
    """The generated builder modules the hand-written code imports (`_sync` mirrors `_async`)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC.parent)
        if relative.parts[1] in ("_generated", "_sync"):
            continue
        package = ".".join(relative.with_suffix("").parts[:-1])
        found |= {m for m in imported_modules(path, package) if m.startswith("anyframe._generated.api.")}
    return found


def operation_problems(spec: dict[str, Any]) -> list[str]:
    """Every break in the relation spec operations = builders = plane routes = curated builders."""
    operations: dict[tuple[str, str], str] = {}
    for path, item in spec["paths"].items():
        for method in _METHODS:
            if method in item:
                operation = item[method]
                tag = str(operation.get("tags", ["?"])[0]).replace("-", "_")
                operations[(method.upper(), path)] = (
                    f"anyframe._generated.api.{tag}.{operation.get('operationId')}"
                )
    problems: list[str] = []

    builders: dict[str, tuple[str, str]] = {}
    for file in sorted((GENERATED / "api").glob("*/*.py")):
        if file.name != "__init__.py":
            name = f"anyframe._generated.api.{file.parent.name}.{file.stem}"
            builder = importlib.import_module(name)
            builders[name] = (builder.METHOD, builder.PATH)
    for key, name in sorted(operations.items()):
        if builders.get(name) != key:
            problems.append(f"{key[0]} {key[1]}: no generated builder {name} for it (run `make generate`)")
    for name, key in sorted(builders.items()):
        if operations.get(key) != name:
            problems.append(f"{name}: a generated builder for no operation of the spec (run `make generate`)")

    from anyframe.testing._routes import OPERATIONS as ROUTES

    routes = {(method, path) for method, template, *_ in ROUTES for path in _route_paths(template)}
    for method, path in sorted(set(operations) - routes):
        problems.append(
            f"{method} {path}: the local plane has no route (add a handler and its ROUTES entry to the "
            "resource's module in src/anyframe/testing/)"
        )
    for method, path in sorted(routes - set(operations)):
        problems.append(f"{method} {path}: the local plane serves it but the spec has no such operation")

    used = _curated_builders()
    for key, name in sorted(operations.items()):
        if name not in used:
            problems.append(
                f"{key[0]} {key[1]}: no curated method uses {name} (wrap it in src/anyframe/_async)"
            )
    return problems


def main(argv: list[str]) -> int:
    """Check the SDK against the spec at `argv[0]` (default: the repository's `openapi.yaml`)."""
    path = Path(argv[0]) if argv else SPEC
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = model_problems(spec) + operation_problems(spec)
    for problem in problems:
        print(f"check_contract: {problem}", file=sys.stderr)
    if not problems:
        print(f"check_contract: models, builders, plane routes and curated layer agree with {path.name}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
