"""Checks of the public surface: what `import anyframe` offers and how the two client flavours line up.

Contracts pinned here:

- `anyframe.__all__` is sorted, has no duplicates, and is exactly: every name of `anyframe.models`,
  every exception of `anyframe.exceptions`, the two clients, the two event streams, the two chat
  turns, `SSEEvent`, `SessionId`, the escape hatches' types (`RawResponse`, `RequestOptions`,
  `WaitOptions`, the hooks' `RequestInfo` / `ResponseInfo` and their callable aliases) and
  `__version__`; each name resolves to the very object its home module defines, and
  shows in `dir()`.
- Names are written once: `anyframe` and `anyframe.models` re-export the `__all__` of their source
  modules, and the modules they star-import for type checkers are exactly those sources. Reading a
  source's names from its text gives its `__all__`; a computed or missing one falls back to importing.
- `import anyframe` is lazy: in a fresh interpreter it imports neither pydantic, httpx, python-dotenv
  nor `anyframe._generated`; touching an exception still imports none of them; touching a model
  imports pydantic but not httpx or the generated code.
- Resource class names (`Tokens`, `CredentialsResource`, ...) never clash with a model or exception name.
- The exception tree is the one of STYLE.md §6 (plus the waiter errors), with exactly those bases.
- `AnyFrame` / `AsyncAnyFrame`, every resource pair reachable from them, `EventStream` /
  `AsyncEventStream` and `Turn` / `AsyncTurn` expose the same public members, with the same parameter names, kinds, defaults,
  annotations and docstrings once the `Async` prefixes, `await`, `async with/for` and `aclose` are
  mapped to their sync forms; sync methods are never coroutines.
- Every public method and property is documented; a method with parameters has an `Args:` section
  naming each one, and one returning something has a `Returns:` (or `Yields:`) section.
- No type from `anyframe._generated` appears in any public signature, and every anyframe class that
  does appear is importable from `anyframe`.
"""

from __future__ import annotations

import ast
import builtins
import functools
import importlib
import importlib.util
import inspect
import json
import re
import subprocess
import sys
import types
import typing
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import anyframe
import anyframe.exceptions as exceptions
import anyframe.models as models
from anyframe._async import _raw as raw_async
from anyframe._async._stream import AsyncEventStream
from anyframe._async.client import AsyncAnyFrame
from anyframe._async.turns import AsyncTurn
from anyframe._exports import LazyExports, literal_all
from anyframe._sync import _raw as raw_sync
from surface import RESOURCE_NAMES, member_function, package_names, resource_pairs

# `anyframe.models` computes its `__all__` from its modules' (see `anyframe._exports`): type checkers
# see the names, not the list.
_MODELS_MODULE: types.ModuleType = models
MODEL_NAMES: list[str] = _MODELS_MODULE.__all__

# --- __all__ ---

NOT_FROM_MODELS_OR_EXCEPTIONS = {
    "AnyFrame",
    "AsyncAnyFrame",
    "EventStream",
    "AsyncEventStream",
    "Turn",
    "AsyncTurn",
    "SSEEvent",
    "SessionId",
    "RawResponse",
    "RequestOptions",
    "WaitOptions",
    "RequestInfo",
    "ResponseInfo",
    "RequestHook",
    "ResponseHook",
    "__version__",
}


def test_all_is_sorted_without_duplicates() -> None:
    assert anyframe.__all__ == sorted(anyframe.__all__)
    assert len(anyframe.__all__) == len(set(anyframe.__all__))


def test_all_is_exactly_models_exceptions_clients_and_streams() -> None:
    expected = set(MODEL_NAMES) | set(exceptions.__all__) | NOT_FROM_MODELS_OR_EXCEPTIONS

    assert set(anyframe.__all__) == expected


def test_the_parsing_machinery_is_not_public() -> None:
    assert not {"validate_json", "validate_python", "TypeAdapter"} & set(anyframe.__all__)


def _star_imported(package: types.ModuleType) -> set[str]:
    """The modules an `__init__.py` star-imports under `TYPE_CHECKING`, as absolute names."""
    assert package.__file__ is not None
    tree = ast.parse(Path(package.__file__).read_text())
    return {
        importlib.util.resolve_name("." * node.level + (node.module or ""), package.__name__)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and [alias.name for alias in node.names] == ["*"]
    }


@pytest.mark.parametrize("package", [anyframe, models], ids=lambda p: p.__name__)
def test_type_checkers_star_import_exactly_the_runtime_sources(package: types.ModuleType) -> None:
    exports: LazyExports = package._EXPORTS
    sources = {importlib.util.resolve_name(source, package.__name__) for source in exports.sources}

    assert _star_imported(package) == sources


@pytest.mark.parametrize("package", [anyframe, models], ids=lambda p: p.__name__)
def test_all_is_the_union_of_the_sources_all(package: types.ModuleType) -> None:
    exports: LazyExports = package._EXPORTS
    modules = [importlib.import_module(source, package.__name__) for source in exports.sources]

    assert set(package.__all__) == {name for module in modules for name in module.__all__} | set(
        exports.extra
    )
    for module in modules:
        for name in module.__all__:
            assert getattr(package, name) is getattr(module, name), name


def _source_modules() -> list[str]:
    out: list[str] = []
    for package in (anyframe, models):
        exports: LazyExports = package._EXPORTS
        out += [importlib.util.resolve_name(source, package.__name__) for source in exports.sources]
    return out


@pytest.mark.parametrize("module", [m for m in _source_modules() if m != "anyframe.models"])
def test_names_read_from_the_source_text_are_the_module_all(module: str) -> None:
    assert literal_all(module) == list(importlib.import_module(module).__all__)


@pytest.mark.parametrize(
    "source",
    [
        '__all__ = ["A"] + ["B"]\n',  # computed
        '__all__ = ["A"]\n__all__ += ["B"]\n',
        '__all__ = ["A"]\n__all__.append("B")\n',
        '__all__ = [\n    "A",  # a comment\n]\n',  # not only quoted names
        "__all__ = [NAME]\n",
        "A = 1\n",  # no `__all__` at all
    ],
)
def test_an_all_that_is_not_a_literal_list_of_names_is_left_to_the_import(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "probe_all_module.py").write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))

    assert literal_all("probe_all_module") is None
    assert literal_all("anyframe.models") is None  # re-exports its modules' names: not a literal


def test_a_literal_all_is_read_without_importing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "probe_all_module.py").write_text('__all__ = [\n    "B",\n    "A",\n]\nraise SystemExit\n')
    monkeypatch.syspath_prepend(str(tmp_path))

    assert literal_all("probe_all_module") == ["B", "A"]


def test_a_source_without_a_literal_all_is_imported_for_its_names() -> None:
    exports = LazyExports("anyframe", (".models", ".exceptions"))

    assert exports.home("Session") == "anyframe.models"
    assert exports.home("NotFoundError") == "anyframe.exceptions"
    assert exports.home("Nope") is None
    assert exports.load("Session") is models.Session
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        exports.load("Nope")


@pytest.mark.parametrize("name", sorted(MODEL_NAMES))
def test_every_model_is_re_exported_as_the_same_object(name: str) -> None:
    assert getattr(anyframe, name) is getattr(models, name)


@pytest.mark.parametrize("name", exceptions.__all__)
def test_every_exception_is_re_exported_as_the_same_object(name: str) -> None:
    assert getattr(anyframe, name) is getattr(exceptions, name)


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("AnyFrame", "anyframe._sync.client"),
        ("AsyncAnyFrame", "anyframe._async.client"),
        ("EventStream", "anyframe._sync._stream"),
        ("AsyncEventStream", "anyframe._async._stream"),
        ("Turn", "anyframe._sync.turns"),
        ("AsyncTurn", "anyframe._async.turns"),
        ("SSEEvent", "anyframe._core.sse"),
    ],
)
def test_clients_and_streams_resolve_to_their_defining_classes(name: str, module: str) -> None:
    value = getattr(anyframe, name)

    assert isinstance(value, type)
    assert value.__module__ == module
    assert value.__name__ == name


def test_session_id_accepts_str_and_uuid() -> None:
    assert set(typing.get_args(anyframe.SessionId)) == {str, uuid.UUID}


def test_version_is_a_release_string() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+([ab]|rc)?\d*(\.dev\d+)?", anyframe.__version__)


def test_every_name_in_all_resolves_and_is_listed_by_dir() -> None:
    for name in anyframe.__all__:
        assert getattr(anyframe, name) is not None
    assert set(anyframe.__all__) <= set(dir(anyframe))


def test_star_import_binds_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from anyframe import *", namespace)

    assert set(anyframe.__all__) <= set(namespace)


def test_unknown_attribute_raises_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Sessions'"):
        anyframe.Sessions  # type: ignore[attr-defined]  # noqa: B018  (mypy knows it is missing too)


# --- lazy loading ---

_LAZY_PROBE = """
import json, sys
heavy = ("pydantic", "httpx", "dotenv", "anyframe._generated", "anyframe.models", "anyframe._sync.client")
seen = {}
import anyframe
anyframe.__version__
seen["import"] = [m for m in heavy if m in sys.modules]
anyframe.AnyFrameError, anyframe.NotFoundError, anyframe.InvalidArgumentError
seen["exceptions"] = [m for m in heavy if m in sys.modules]
anyframe.Session, anyframe.PreviewSpec
seen["models"] = [m for m in heavy if m in sys.modules]
client = anyframe.AnyFrame(api_key="afm_probe", base_url="http://127.0.0.1:9", load_dotenv=False)
seen["client"] = [m for m in heavy if m in sys.modules]
client.sessions
seen["resource"] = [m for m in heavy if m in sys.modules]
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def lazy_imports() -> dict[str, list[str]]:
    src = str(Path(anyframe.__file__).resolve().parents[1])
    result = subprocess.run(
        [sys.executable, "-c", _LAZY_PROBE],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
        env={"PYTHONPATH": src, "PATH": ""},
    )
    seen: dict[str, list[str]] = json.loads(result.stdout)
    return seen


def test_import_anyframe_loads_neither_pydantic_httpx_dotenv_nor_generated_code(
    lazy_imports: dict[str, list[str]],
) -> None:
    assert lazy_imports["import"] == []


def test_catching_errors_does_not_load_the_client_stack(lazy_imports: dict[str, list[str]]) -> None:
    assert lazy_imports["exceptions"] == []


def test_models_load_pydantic_but_not_httpx_or_generated_code(lazy_imports: dict[str, list[str]]) -> None:
    assert lazy_imports["models"] == ["pydantic", "anyframe.models"]


def test_building_a_client_loads_httpx_but_no_resource_code(lazy_imports: dict[str, list[str]]) -> None:
    assert "httpx" in lazy_imports["client"]
    assert "anyframe._generated" not in lazy_imports["client"]


def test_a_resource_loads_its_generated_builders_on_first_access(lazy_imports: dict[str, list[str]]) -> None:
    assert {"httpx", "anyframe._generated", "anyframe._sync.client", "anyframe.models"} <= set(
        lazy_imports["resource"]
    )


# --- exception tree ---

EXCEPTION_BASES: dict[str, tuple[type[BaseException], ...]] = {
    "AnyFrameError": (Exception,),
    "APIError": (exceptions.AnyFrameError,),
    "AuthError": (exceptions.APIError,),
    "PermissionDeniedError": (exceptions.APIError,),
    "NotFoundError": (exceptions.APIError,),
    "ConflictError": (exceptions.APIError,),
    "ValidationError": (exceptions.APIError,),
    "RateLimitError": (exceptions.APIError,),
    "ServerError": (exceptions.APIError,),
    "APIConnectionError": (exceptions.AnyFrameError,),
    "APITimeoutError": (exceptions.APIConnectionError,),
    "ResponseValidationError": (exceptions.AnyFrameError,),
    "InvalidArgumentError": (exceptions.AnyFrameError, ValueError),
    "LocalValidationError": (exceptions.ValidationError, exceptions.InvalidArgumentError),
    "ClientClosedError": (exceptions.AnyFrameError, RuntimeError),
    "BuildFailedError": (exceptions.AnyFrameError,),
    "SessionEndedError": (exceptions.AnyFrameError,),
    "TurnTimeoutError": (exceptions.AnyFrameError, TimeoutError),
}


def test_exception_table_covers_every_public_exception() -> None:
    assert set(EXCEPTION_BASES) == set(exceptions.__all__)


@pytest.mark.parametrize(("name", "bases"), EXCEPTION_BASES.items())
def test_exception_has_the_documented_bases(name: str, bases: tuple[type[BaseException], ...]) -> None:
    assert getattr(anyframe, name).__bases__ == bases


def test_waiter_timeout_is_the_builtin_outside_the_tree() -> None:
    assert not issubclass(TimeoutError, anyframe.AnyFrameError)
    assert not issubclass(anyframe.AnyFrameError, TimeoutError)


# --- client / resource classes ---


PAIRS = resource_pairs()
PAIR_IDS = [sync_cls.__name__ for _, sync_cls in PAIRS]
ALL_CLASSES = [cls for pair in PAIRS for cls in pair]
# The `af.with_raw_response` mirrors, like the resource classes reached through an attribute, not imported
# by users (tests/test_raw_response.py checks them).
RAW_CLASSES = [getattr(module, name) for module in (raw_async, raw_sync) for name in module.__all__]


def test_walk_reaches_every_documented_resource() -> None:
    assert set(PAIR_IDS) == RESOURCE_NAMES


@pytest.mark.parametrize(("async_cls", "sync_cls"), PAIRS, ids=PAIR_IDS)
def test_async_and_sync_class_names_differ_only_by_the_async_prefix(async_cls: type, sync_cls: type) -> None:
    assert async_cls.__name__ == "Async" + sync_cls.__name__
    assert async_cls.__module__.startswith("anyframe._async.")
    assert sync_cls.__module__.startswith("anyframe._sync.")


def test_resource_class_names_do_not_clash_with_model_or_exception_names() -> None:
    resource_names = {cls.__name__ for cls in ALL_CLASSES} - NOT_FROM_MODELS_OR_EXCEPTIONS
    public = set(MODEL_NAMES) | set(exceptions.__all__)

    assert not resource_names & public
    assert not resource_names & set(anyframe.__all__)


_RENAMED = {
    "aclose": "close",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
}
_PROTOCOL = set(_RENAMED) | set(_RENAMED.values())


def _to_sync(text: str) -> str:
    """The async spelling of a name, annotation or docstring mapped to the sync one."""
    text = re.sub(r"\bAsync(?=[A-Z])", "", text)
    text = re.sub(r"\bawait ", "", text)
    text = re.sub(r"\basync (with|for)\b", r"\1", text)
    text = re.sub(r"\b_async\b", "_sync", text)
    return re.sub(r"\baclose\b", "close", text)


def _public_members(cls: type) -> set[str]:
    names = {name for name in dir(cls) if not name.startswith("_")}
    return names | {name for name in _PROTOCOL if getattr(cls, name, None) is not None}


def _members(cls: type) -> Iterator[tuple[str, object]]:
    for name in sorted(_public_members(cls)):
        yield name, inspect.getattr_static(cls, name)


def _annotation(value: object) -> str:
    if value is inspect.Parameter.empty:
        return "<none>"
    return value if isinstance(value, str) else inspect.formatannotation(value)


def _shape(func: Callable[..., object], *, to_sync: bool) -> list[tuple[str, str, object, str]]:
    convert = _to_sync if to_sync else (lambda text: text)
    signature = inspect.signature(func)
    shape = [
        (p.name, p.kind.name, p.default, convert(_annotation(p.annotation)))
        for p in signature.parameters.values()
    ]
    return [*shape, ("<return>", "", None, convert(_annotation(signature.return_annotation)))]


@pytest.mark.parametrize(("async_cls", "sync_cls"), PAIRS, ids=PAIR_IDS)
def test_both_flavours_expose_the_same_public_members(async_cls: type, sync_cls: type) -> None:
    assert {_RENAMED.get(name, name) for name in _public_members(async_cls)} == _public_members(sync_cls)


def _member_pairs() -> list[tuple[str, object, object]]:
    out: list[tuple[str, object, object]] = []
    for async_cls, sync_cls in PAIRS:
        for name, async_member in _members(async_cls):
            sync_name = _RENAMED.get(name, name)
            sync_member = inspect.getattr_static(sync_cls, sync_name, None)
            if sync_member is not None:
                out.append((f"{sync_cls.__name__}.{sync_name}", async_member, sync_member))
        if async_cls is AsyncAnyFrame:
            async_init = inspect.getattr_static(async_cls, "__init__")
            sync_init = inspect.getattr_static(sync_cls, "__init__")
            out.append(("AnyFrame.__init__", async_init, sync_init))
    return out


MEMBER_PAIRS = _member_pairs()


@pytest.mark.parametrize(
    ("qualname", "async_member", "sync_member"), MEMBER_PAIRS, ids=[q for q, _, _ in MEMBER_PAIRS]
)
def test_both_flavours_have_the_same_signature_and_docstring(
    qualname: str, async_member: object, sync_member: object
) -> None:
    assert type(async_member) is type(sync_member), qualname
    async_func, sync_func = member_function(async_member), member_function(sync_member)

    assert _shape(async_func, to_sync=True) == _shape(sync_func, to_sync=False)
    assert _to_sync(inspect.getdoc(async_func) or "") == (inspect.getdoc(sync_func) or "")
    assert not inspect.iscoroutinefunction(sync_func)
    assert not inspect.isasyncgenfunction(sync_func)


def test_async_client_methods_that_talk_to_the_server_are_coroutines() -> None:
    assert inspect.iscoroutinefunction(AsyncAnyFrame.me)
    assert inspect.iscoroutinefunction(AsyncAnyFrame.aclose)
    assert inspect.iscoroutinefunction(AsyncEventStream.aclose)
    assert inspect.iscoroutinefunction(AsyncTurn.wait)
    assert inspect.iscoroutinefunction(AsyncTurn.respond)
    assert inspect.isasyncgenfunction(AsyncTurn.text_stream)


# --- docstrings ---

# Known documentation gaps in files this test does not own; strict, so fixing one makes the test fail
# until its entry is removed here.
_DOC_GAPS: dict[str, str] = {}


def _documented_members() -> list[object]:
    out: list[object] = []
    for cls in ALL_CLASSES:
        for name, member in _members(cls):
            if name.startswith("_"):
                continue
            qualname = f"{cls.__name__}.{name}"
            marks = (
                [pytest.mark.xfail(reason=_DOC_GAPS[qualname], strict=True)] if qualname in _DOC_GAPS else []
            )
            out.append(pytest.param(member, id=qualname, marks=marks))
    return out


@pytest.mark.parametrize("member", _documented_members())
def test_every_public_member_is_documented_with_args_and_returns(member: object) -> None:
    func = member_function(member)
    doc = inspect.getdoc(func)
    assert doc, "no docstring"
    if isinstance(member, (property, functools.cached_property)):
        return
    signature = inspect.signature(func)
    params = [
        p
        for p in list(signature.parameters.values())[1:]
        if p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    if params:
        assert "\nArgs:\n" in doc
        for param in params:
            assert re.search(rf"^\s+{param.name}:", doc, re.MULTILINE), f"{param.name} not in Args"
    if signature.return_annotation not in ("None", None):
        assert "\nReturns:\n" in doc or "\nYields:\n" in doc


# --- annotations ---


def _types_in(annotation: object) -> Iterator[object]:
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _types_in(arg)


def _foreign_types(func: Callable[..., object]) -> tuple[list[str], list[str]]:
    """(generated types, anyframe classes not exported by `anyframe`) in the signature of `func`."""
    generated, unexported = [], []
    exported = {id(getattr(anyframe, name)) for name in anyframe.__all__}
    package = func.__module__.rsplit(".", 1)[0]
    localns = package_names(package) if package in ("anyframe._async", "anyframe._sync") else None
    for annotation in typing.get_type_hints(func, localns=localns).values():
        for value in _types_in(annotation):
            module = getattr(value, "__module__", "") or ""
            if module.startswith("anyframe._generated"):
                generated.append(repr(value))
            elif (
                isinstance(value, type)
                and module.startswith("anyframe")
                and id(value) not in exported
                and value not in ALL_CLASSES
                and value not in RAW_CLASSES
            ):
                unexported.append(repr(value))
    return generated, unexported


def _signature_functions() -> list[object]:
    out: list[object] = []
    for cls in ALL_CLASSES:
        for name, member in _members(cls):
            out.append(pytest.param(member_function(member), id=f"{cls.__name__}.{name}"))
        out.append(pytest.param(inspect.getattr_static(cls, "__init__"), id=f"{cls.__name__}.__init__"))
    return out


@pytest.mark.parametrize("func", _signature_functions())
def test_public_signatures_use_only_public_types(func: Callable[..., object]) -> None:
    generated, unexported = _foreign_types(func)

    assert generated == []
    if func.__name__ != "__init__":  # resources are built by the client from its transport
        assert unexported == []


def test_the_signature_check_detects_a_generated_type() -> None:
    from anyframe._generated.models.agent_create_request import AgentCreateRequest

    def leaky(body: AgentCreateRequest | None) -> list[AgentCreateRequest]:
        raise NotImplementedError

    leaky.__annotations__ = {"body": AgentCreateRequest | None, "return": list[AgentCreateRequest]}

    generated, _ = _foreign_types(leaky)

    assert len(generated) == 2


def test_no_builtin_name_is_shadowed_by_a_public_name() -> None:
    assert not set(anyframe.__all__) & set(dir(builtins))
