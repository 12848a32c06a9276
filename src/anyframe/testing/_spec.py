"""The API spec the plane implements, read from the JSON copy of `openapi.yaml` shipped in the package.

`scripts/generate.py` writes `anyframe/testing/openapi.json` from `openapi.yaml` (`make generate`;
`make generate-check` fails when the copy is stale), so the plane needs no YAML parser at run time and
can never validate against anything but the spec the SDK is generated from. What the plane takes from
the spec, per operation (method + path template):

- the path parameters and their schemas (an `integer` id that does not parse answers 422 `int_parsing`,
  a `format: uuid` session id 422 `uuid_parsing`, as FastAPI's path converters do);
- the query parameters: strings from the URL coerced to the declared type, then validated, defaults
  filled in;
- the request body: whether one is required, and the schema every body is validated against (see
  [_schema][anyframe.testing._schema]); defaults of absent properties are filled in;
- which request values are secrets (`writeOnly: true`), redacted from the request log.

Rules that need the plane's state ("this port is not exposed yet", "a duplicate connector URL") stay in
the handlers; everything that can be said about a request on its own is said once, in the spec.
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from ._schema import Issue, Loc, Schema, Validator, issue

__all__ = ["Operation", "Param", "Spec", "load"]

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")


@dataclass(frozen=True)
class Param:
    """One parameter of an operation.

    Attributes:
        name: Its name (a header name as written in the spec).
        where: `"path"`, `"query"` or `"header"`.
        required: Whether a request must carry it.
        schema: Its schema.
    """

    name: str
    where: str
    required: bool
    schema: Schema


@dataclass(frozen=True)
class Operation:
    """What the spec says about one operation's request.

    Attributes:
        operation_id: The spec's `operationId`.
        method: Upper-case method.
        template: Path template as the spec writes it, e.g. `/api/agents/{agent_id}`.
        params: Path, query and header parameters.
        body: The request body schema, or `None` when the operation takes no body.
        body_required: Whether a body must be sent.
        secret_body: Whether the body schema marks any value `writeOnly`.
    """

    operation_id: str
    method: str
    template: str
    params: tuple[Param, ...]
    body: Schema | None
    body_required: bool
    secret_body: bool

    def path_params(self) -> dict[str, Param]:
        """The path parameters by name."""
        return {p.name: p for p in self.params if p.where == "path"}


class Spec:
    """The spec's operations and the validator for their schemas.

    Args:
        document: The parsed OpenAPI document.
    """

    def __init__(self, document: Schema) -> None:
        self.document = document
        self.validator = Validator(document)
        self.operations: dict[tuple[str, str], Operation] = {}
        paths: Schema = document["paths"]
        for template, item in paths.items():
            shared = list(item.get("parameters", ()))
            for method in _METHODS:
                operation = item.get(method)
                if isinstance(operation, Mapping):
                    self.operations[(method.upper(), template)] = self._operation(
                        method.upper(), template, operation, shared
                    )

    def _operation(self, method: str, template: str, operation: Schema, shared: list[object]) -> Operation:
        params: dict[tuple[str, str], Param] = {}
        for raw in [*shared, *operation.get("parameters", ())]:
            param = self._resolve_param(raw)
            where = str(param["in"])
            # An operation-level parameter overrides a path-level one of the same name and location.
            params[(where, str(param["name"]))] = Param(
                str(param["name"]),
                where,
                bool(param.get("required", where == "path")),
                param.get("schema", {}),
            )
        body: Schema | None = None
        required = False
        request_body = operation.get("requestBody")
        if isinstance(request_body, Mapping):
            request_body = self._resolve_ref(request_body)
            content = request_body.get("content", {})
            media = content.get("application/json") if isinstance(content, Mapping) else None
            if isinstance(media, Mapping):
                body = media.get("schema", {})
                required = bool(request_body.get("required", False))
        return Operation(
            operation_id=str(operation.get("operationId", f"{method} {template}")),
            method=method,
            template=template,
            params=tuple(params.values()),
            body=body,
            body_required=required,
            secret_body=body is not None and self.validator.has_secrets(body),
        )

    def _resolve_ref(self, value: Schema) -> Schema:
        return self.validator.resolve(value)

    def _resolve_param(self, raw: object) -> Schema:
        if not isinstance(raw, Mapping):
            raise ValueError(f"malformed parameter in the spec: {raw!r}")
        return self._resolve_ref(raw)

    def operation(self, method: str, template: str) -> Operation:
        """Return an operation; `KeyError` when the spec has no such method + template."""
        return self.operations[(method, template)]

    def coerce(self, param: Param, raw: str, loc: Loc) -> tuple[object, list[Issue]]:
        """Turn a path or query string into the parameter's type and validate it.

        Args:
            param: The parameter.
            raw: Its value as it appeared in the URL.
            loc: Location of issues, e.g. `["query", "limit"]`.

        Returns:
            The converted value and the issues found.
        """
        schema = self.validator.resolve(param.schema)
        kind = schema.get("type")
        value: object = raw
        if kind == "integer":
            if not _INTEGER.match(raw):
                return raw, [
                    issue(
                        loc,
                        "Input should be a valid integer, unable to parse string as an integer",
                        "int_parsing",
                    )
                ]
            value = int(raw)
        elif kind == "number":
            try:
                value = float(raw)
            except ValueError:
                return raw, [
                    issue(
                        loc,
                        "Input should be a valid number, unable to parse string as a number",
                        "float_parsing",
                    )
                ]
        elif kind == "boolean":
            lowered = raw.lower()
            if lowered not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                return raw, [
                    issue(loc, "Input should be a valid boolean, unable to interpret input", "bool_parsing")
                ]
            value = lowered in ("true", "1", "yes", "on")
        checked, issues = self.validator.validate(param.schema, value, loc)
        if kind == "string" and schema.get("format") == "uuid" and not issues:
            checked = str(uuid.UUID(raw))  # the canonical lower-case form, as FastAPI's UUID
        return checked, issues

    def default(self, param: Param) -> object:
        """The parameter's `default`, or `None` when it has none."""
        return self.validator.resolve(param.schema).get("default")


@functools.cache
def load() -> Spec:
    """Load the shipped spec once per process.

    Returns:
        The [Spec][anyframe.testing._spec.Spec] of `anyframe/testing/openapi.json`.
    """
    text = resources.files("anyframe.testing").joinpath("openapi.json").read_text(encoding="utf-8")
    document = json.loads(text)
    return Spec(document)
