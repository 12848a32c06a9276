"""Checks of the generated request builders in `src/anyframe/_generated` against `openapi.yaml`.

Contracts pinned here:

- Every generated module parses with Python 3.10's grammar and imports nothing that Python 3.10 lacks
  (`typing.Self`, `typing.Never`, `enum.StrEnum`, `tomllib`, `ExceptionGroup`, ...); the scanner that
  enforces this is itself tested on offending snippets.
- The package holds request builders and body models only: no `client.py` or `errors.py` (the SDK has
  its own transport and error mapping), and no module the curated layer does not reach (the response
  schemas' attrs classes are pruned by `scripts/generate.py`); the pruning's reachability is itself
  tested on a small tree.
- Every operation of `openapi.yaml` has a module `api/<tag>/<operationId>.py` exposing `METHOD`,
  `PATH` and `build_request`, with `METHOD` / `PATH` equal to the spec's; there is no module for an
  operation the spec does not define.
- Each builder takes the operation's path parameters and returns a typed `ApiRequest` whose `method`
  is `METHOD` and whose `path` is `PATH` with the values percent-encoded.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
import uuid
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

import pytest
import yaml

import anyframe
from anyframe._core.request import ApiRequest
from repo_scripts import load_script

SRC = Path(anyframe.__file__).resolve().parent
GENERATED = SRC / "_generated"
SPEC_PATH = SRC.parents[1] / "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Names added after Python 3.10, by module; "" holds builtins.
NEWER_THAN_310: dict[str, set[str]] = {
    "typing": {
        "Self",
        "Never",
        "LiteralString",
        "assert_never",
        "assert_type",
        "reveal_type",
        "Unpack",
        "TypeVarTuple",
        "Required",
        "NotRequired",
        "dataclass_transform",
        "get_overloads",
        "clear_overloads",
        "override",
        "TypeAliasType",
        "ReadOnly",
        "TypeIs",
        "NoDefault",
    },
    "enum": {
        "StrEnum",
        "ReprEnum",
        "EnumCheck",
        "FlagBoundary",
        "verify",
        "member",
        "nonmember",
        "global_enum",
    },
    "datetime": {"UTC"},
    "asyncio": {"TaskGroup", "timeout", "timeout_at", "Timeout", "Runner"},
    "contextlib": {"chdir"},
    "hashlib": {"file_digest"},
    "itertools": {"batched"},
    "": {"ExceptionGroup", "BaseExceptionGroup"},
}
NEW_MODULES = {"tomllib", "wsgiref.types"}
# `except*` nodes exist from 3.11; on 3.10 such source does not even parse.
_TRY_STAR: tuple[type[ast.AST], ...] = tuple(t for t in [getattr(ast, "TryStar", None)] if t is not None)


def _generated_files() -> list[Path]:
    return sorted(GENERATED.rglob("*.py"))


def newer_than_310(source: str) -> list[str]:
    """Names or modules in `source` that Python 3.10 does not have."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name in NEW_MODULES]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module in NEW_MODULES:
                found.append(module)
            found += [f"{module}.{a.name}" for a in node.names if a.name in NEWER_THAN_310.get(module, set())]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.attr in NEWER_THAN_310.get(node.value.id, set()):
                found.append(f"{node.value.id}.{node.attr}")
        elif isinstance(node, ast.Name) and node.id in NEWER_THAN_310[""]:
            found.append(node.id)
        elif isinstance(node, _TRY_STAR):
            found.append("except*")
    return found


SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())


class Operation(NamedTuple):
    tag: str
    operation_id: str
    method: str
    path: str
    parameters: list[dict[str, Any]]  # path-level and operation-level, references resolved

    @property
    def module(self) -> str:
        return f"anyframe._generated.api.{self.tag.replace('-', '_')}.{self.operation_id}"


def _resolve(parameter: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in parameter:
        resolved: dict[str, Any] = SPEC["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
        return resolved
    return parameter


def _operations() -> list[Operation]:
    out = []
    for path, item in SPEC["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                operation = item[method]
                parameters = [
                    _resolve(p) for p in [*item.get("parameters", []), *operation.get("parameters", [])]
                ]
                out.append(
                    Operation(operation["tags"][0], operation["operationId"], method, path, parameters)
                )
    return out


OPERATIONS = _operations()
OPERATION_IDS = [op.operation_id for op in OPERATIONS]


# --- Python 3.10 compatibility ---


@pytest.mark.parametrize("path", _generated_files(), ids=lambda p: p.relative_to(GENERATED).as_posix())
def test_generated_module_parses_with_the_python_310_grammar(path: Path) -> None:
    ast.parse(path.read_text(), filename=str(path), feature_version=(3, 10))


@pytest.mark.parametrize("path", _generated_files(), ids=lambda p: p.relative_to(GENERATED).as_posix())
def test_generated_module_uses_nothing_newer_than_python_310(path: Path) -> None:
    assert newer_than_310(path.read_text()) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from typing import Self", ["typing.Self"]),
        ("from typing import Any, Never", ["typing.Never"]),
        ("import typing\nx: typing.LiteralString", ["typing.LiteralString"]),
        (
            "from typing import assert_never, Unpack, TypeVarTuple",
            ["typing.assert_never", "typing.Unpack", "typing.TypeVarTuple"],
        ),
        ("from enum import StrEnum", ["enum.StrEnum"]),
        ("import tomllib", ["tomllib"]),
        ("from tomllib import loads", ["tomllib"]),
        ("raise ExceptionGroup('x', [])", ["ExceptionGroup"]),
        pytest.param(
            "try:\n    pass\nexcept* ValueError:\n    pass",
            ["except*"],
            marks=pytest.mark.skipif(sys.version_info < (3, 11), reason="except* is a syntax error on 3.10"),
        ),
        ("from typing import Any, TypeVar, cast\nimport datetime", []),
    ],
)
def test_the_310_scanner_flags_newer_names(source: str, found: list[str]) -> None:
    assert newer_than_310(source) == found


def test_the_310_grammar_check_rejects_newer_syntax() -> None:
    with pytest.raises(SyntaxError):
        ast.parse("try:\n    pass\nexcept* ValueError:\n    pass", feature_version=(3, 10))


# --- shape of the package ---


def test_generated_package_has_no_client_or_errors_module() -> None:
    names = {path.name for path in _generated_files()}

    assert "client.py" not in names
    assert "errors.py" not in names
    assert "__init__.py" in names


def test_operation_ids_are_unique() -> None:
    assert len(set(OPERATION_IDS)) == len(OPERATIONS)


GENERATE = load_script("generate")


def _curated_roots() -> set[str]:
    """The generated modules the hand-written code imports, relative to `_generated`."""
    prefix = "anyframe._generated."
    roots: set[str] = set()
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC.parent)
        if relative.parts[1] in ("_generated", "_sync"):  # _sync is the mechanical twin of _async
            continue
        package = ".".join(relative.with_suffix("").parts[:-1])
        names = GENERATE.imported_modules(path, package)
        roots |= {name.removeprefix(prefix) for name in names if name.startswith(prefix)}
    return roots


def test_every_generated_module_is_reached_from_the_curated_layer() -> None:
    modules = {GENERATE._module_name(GENERATED, path) for path in _generated_files()}

    assert modules - GENERATE.reachable(GENERATED, _curated_roots()) == set()


def test_reachability_follows_imports_and_keeps_the_packages(tmp_path: Path) -> None:
    (tmp_path / "api" / "tag").mkdir(parents=True)
    (tmp_path / "models").mkdir()
    for init in ("__init__.py", "api/__init__.py", "api/tag/__init__.py", "models/__init__.py"):
        (tmp_path / init).write_text("")
    (tmp_path / "types.py").write_text("")
    (tmp_path / "api/tag/op.py").write_text("from ...models.body import Body\nfrom ...types import UNSET\n")
    (tmp_path / "models/body.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..models.part import Part\n"
    )
    (tmp_path / "models/part.py").write_text("def f():\n    from .leaf import Leaf\n")
    (tmp_path / "models/leaf.py").write_text("")
    (tmp_path / "models/response.py").write_text("from .leaf import Leaf\n")  # nothing imports it

    kept = GENERATE.reachable(tmp_path, {"api.tag.op"})
    assert kept == {
        "",
        "api",
        "api.tag",
        "api.tag.op",
        "models",
        "models.body",
        "models.part",
        "models.leaf",
        "types",
    }

    GENERATE.prune(tmp_path)
    assert not (tmp_path / "models/response.py").exists()
    assert (tmp_path / "models/leaf.py").exists()


def test_every_generated_operation_module_belongs_to_a_spec_operation() -> None:
    modules = {
        f"anyframe._generated.api.{path.parent.name}.{path.stem}"
        for path in (GENERATED / "api").glob("*/*.py")
        if path.name != "__init__.py"
    }

    assert modules == {op.module for op in OPERATIONS}


# --- each operation ---


@pytest.mark.parametrize("operation", OPERATIONS, ids=OPERATION_IDS)
def test_operation_module_matches_the_spec(operation: Operation) -> None:
    module = importlib.import_module(operation.module)

    assert operation.method.upper() == module.METHOD
    assert operation.path == module.PATH
    assert callable(module.build_request)


def _sample(parameter: dict[str, Any]) -> object:
    schema = parameter.get("schema", {})
    if "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if schema.get("format") == "uuid":
        return uuid.UUID("3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    if schema.get("type") == "integer":
        return 7
    return "a b/c"  # a string that must be percent-encoded, slash included


@pytest.mark.parametrize("operation", OPERATIONS, ids=OPERATION_IDS)
def test_builder_takes_the_path_parameters_and_fills_the_path(operation: Operation) -> None:
    module = importlib.import_module(operation.module)
    path_values = {p["name"]: _sample(p) for p in operation.parameters if p["in"] == "path"}
    signature = inspect.signature(module.build_request)
    required = {name for name, p in signature.parameters.items() if p.default is inspect.Parameter.empty}
    assert set(path_values) <= required
    if required - set(path_values):
        # The rest is a request body (an attrs model), whose wire shape the resource tests pin.
        assert required - set(path_values) == {"body"}
        return

    request = module.build_request(**path_values)

    encoded = {name: quote(str(value), safe="") for name, value in path_values.items()}
    assert isinstance(request, ApiRequest)
    assert request.method == module.METHOD
    assert request.path == module.PATH.format(**encoded)
    assert "{" not in request.path
