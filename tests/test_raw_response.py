"""`af.with_raw_response`: the generated wrapper classes (`scripts/raw_response.py`) against the resources.

Contracts pinned here:

- `src/anyframe/_async/_raw.py` is what the script writes from the current resources (`make check`
  runs `--check` too), and its sync twin is unasync's.
- For each resource of each flavour there is one `<Resource>WithRawResponse` class, reached through
  the same attribute path from `af.with_raw_response`; its methods are exactly the resource's public
  methods less `EXCLUDED`, each with the same parameters (names, kinds, defaults, annotations) and
  the return annotation `RawResponse[<the method's>]`; async ones are coroutines, sync ones are not.
- The page "Escape hatches" names every method left out (`EXCLUDED`).
- The rule: a method is wrapped exactly when it is an `async def` whose only `await` is
  `return await self._transport.<terminal>(...)`, without `yield`.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from pathlib import Path

import pytest

from anyframe._async import _raw as raw_async
from anyframe._async.client import AsyncAnyFrame
from anyframe._sync import _raw as raw_sync
from anyframe._sync.client import AnyFrame
from repo_scripts import load_script
from surface import attribute_types

RAW = load_script("raw_response")


def test_the_committed_raw_classes_are_what_the_script_writes() -> None:
    assert RAW.main(["--check"]) == 0


def test_the_docs_name_every_method_without_a_raw_twin() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "escape-hatches.md").read_text()
    section = page[page.index("## Raw responses") : page.index("## Calling an endpoint")]

    for name in {name for names in raw_async.EXCLUDED.values() for name in names}:
        assert re.search(rf"`(\w+\.)?{name}`", section), name


def _pairs(client: type, module: object) -> list[tuple[type, type]]:
    """(resource class, its raw class) for the client and every resource, walked in step."""
    raw_root = getattr(module, f"{client.__name__}WithRawResponse")
    out = [(client, raw_root)]
    for resource, raw in out:
        raw_children = attribute_types(raw)
        for attr, kind in attribute_types(resource).items():
            if isinstance(kind, type) and kind.__module__.startswith("anyframe._"):
                assert raw_children[attr].__name__ == f"{kind.__name__}WithRawResponse", attr  # type: ignore[attr-defined]
                out.append((kind, raw_children[attr]))
    return out


PAIRS = [*_pairs(AsyncAnyFrame, raw_async), *_pairs(AnyFrame, raw_sync)]


def test_every_resource_of_both_flavours_has_a_raw_class() -> None:
    assert {raw.__name__ for _, raw in PAIRS} == set(raw_async.__all__) | set(raw_sync.__all__)


def _methods(cls: type) -> dict[str, object]:
    names = [n for n in dir(cls) if not n.startswith("_")]
    return {
        n: inspect.getattr_static(cls, n) for n in names if inspect.isfunction(inspect.getattr_static(cls, n))
    }


@pytest.mark.parametrize(("resource", "raw"), PAIRS, ids=lambda c: c.__name__)
def test_raw_methods_mirror_the_resources_single_request_calls(resource: type, raw: type) -> None:
    module = raw_async if resource.__module__.startswith("anyframe._async") else raw_sync
    excluded = set(module.EXCLUDED.get(resource.__name__, ()))
    wrapped = {name: fn for name, fn in _methods(resource).items() if name not in excluded}

    assert set(_methods(raw)) == set(wrapped)
    for name, fn in wrapped.items():
        mine = inspect.signature(getattr(raw, name))
        theirs = inspect.signature(fn)  # type: ignore[arg-type]
        assert list(mine.parameters.values()) == list(theirs.parameters.values()), name
        assert mine.return_annotation == f"RawResponse[{theirs.return_annotation}]", name
        is_async = resource.__module__.startswith("anyframe._async")
        assert inspect.iscoroutinefunction(getattr(raw, name)) is is_async, name


@pytest.mark.parametrize(
    ("source", "wrapped"),
    [
        ("async def f(self):\n    return await self._transport.model(r, M, options)", True),
        ("async def f(self):\n    return await self._transport.empty(r, options)", True),
        ("async def f(self):\n    return await self._transport.json_value(r, options)", True),
        ("async def f(self):\n    await self._transport.empty(r, options)", False),  # the answer is dropped
        ("def f(self):\n    return self._transport.stream(r)", False),
        ("async def f(self):\n    return await poll_until(lambda: self.get(x))", False),
        (
            "async def f(self):\n    a = await self.get(x)\n    return await self._transport.model(r, M)",
            False,
        ),
        ("async def f(self):\n    yield 1\n    return await self._transport.model(r, M)", False),
        ("async def f(self):\n    return await self.other.model(r, M)", False),
        ("async def f(self):\n    return await self._transport.send(r)", False),
    ],
)
def test_the_rule_wraps_methods_that_return_one_request(source: str, wrapped: bool) -> None:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))

    assert RAW.single_request(node) is wrapped
