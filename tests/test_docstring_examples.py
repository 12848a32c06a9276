"""Every public method and property of the clients, their resource managers and the event streams
carries a usable `Example:` in its docstring, so the API reference shows one for each.

Contracts pinned here:

- The walk from `AsyncAnyFrame` / `AnyFrame` through their resource attributes (cached properties and
  annotated attributes such as `af.agents.skills`) reaches every documented resource manager, and
  `AsyncEventStream` / `EventStream` are checked too.
- Every public method and property of those classes (inherited ones included, e.g. the `previews_*`
  calls of `af.sessions`) has an `Example:` section holding at least one ```python fence.
- The code in each fence compiles: inside `async def` for the async classes, as is (after dedent) for
  the sync twins, so an example that keeps `await` or `async for` in the sync twin fails.
- Each example uses the member it documents (`.name`), and an async example awaits the call when
  the member is a coroutine method.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable

import pytest

from surface import RESOURCE_NAMES, member_function, resource_pairs

# --- the classes and members to check ---


PAIRS = resource_pairs()
ASYNC_CLASSES = [async_cls for async_cls, _ in PAIRS]
SYNC_CLASSES = [sync_cls for _, sync_cls in PAIRS]


def test_the_walk_reaches_every_resource_of_both_clients() -> None:
    assert {cls.__name__ for cls in SYNC_CLASSES} == RESOURCE_NAMES
    assert {cls.__name__ for cls in ASYNC_CLASSES} == {"Async" + name for name in RESOURCE_NAMES}


def _members(classes: list[type]) -> list[object]:
    out: list[object] = []
    for cls in classes:
        for name in sorted(name for name in dir(cls) if not name.startswith("_")):
            member = inspect.getattr_static(cls, name)
            out.append(pytest.param(cls, name, member_function(member), id=f"{cls.__name__}.{name}"))
    return out


# --- reading the examples out of a docstring ---


def example_blocks(doc: str) -> list[str]:
    """The code of every ```python fence in the `Example:` / `Examples:` section of a cleaned docstring."""
    lines = doc.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() in ("Example:", "Examples:")]
    if not starts:
        return []
    body: list[str] = []
    for line in lines[starts[0] + 1 :]:
        if line.strip() and not line.startswith((" ", "\t")):
            break  # the next section (or prose) at the section headers' indentation
        body.append(line)
    blocks: list[str] = []
    current: list[str] | None = None
    for line in body:
        stripped = line.strip()
        if current is None and stripped == "```python":
            current = []
        elif current is not None and stripped == "```":
            blocks.append(textwrap.dedent("\n".join(current)))
            current = None
        elif current is not None:
            current.append(line)
    assert current is None, "unterminated ```python fence"
    return blocks


def compile_example(code: str, *, in_async_function: bool) -> None:
    """Compile an example as a user would run it: inside `async def` for the async flavour."""
    if in_async_function:
        code = "async def _example() -> None:\n" + textwrap.indent(code, "    ")
    compile(code, "<docstring example>", "exec")


def test_example_blocks_reads_only_the_example_section() -> None:
    doc = inspect.cleandoc(
        """Do a thing.

        Example:
            ```python
            x = 1
            ```

            ```python
            y = 2
            ```

        Args:
            x: Not code.

        ```python
        outside = True
        ```
        """
    )

    assert example_blocks(doc) == ["x = 1", "y = 2"]
    assert example_blocks("Do a thing.\n\nArgs:\n    x: y.") == []


def test_compile_example_rejects_await_outside_the_async_wrapper() -> None:
    compile_example("value = await af.me()", in_async_function=True)
    with pytest.raises(SyntaxError):
        compile_example("value = await af.me()", in_async_function=False)
    with pytest.raises(SyntaxError):
        compile_example("async for event in stream:\n    pass", in_async_function=False)


# --- the checks ---


def _check(cls: type, name: str, func: Callable[..., object], *, is_async: bool) -> None:
    doc = inspect.getdoc(func)
    assert doc, f"{cls.__name__}.{name} has no docstring"
    blocks = example_blocks(doc)
    assert blocks, f"{cls.__name__}.{name} has no Example: section with a ```python fence"
    for code in blocks:
        compile_example(code, in_async_function=is_async)
    code = "\n".join(blocks)
    assert re.search(rf"\.{name}\b", code), f"the example of {cls.__name__}.{name} does not use it"
    if is_async and inspect.iscoroutinefunction(func):
        assert re.search(rf"await [\w.]+\.{name}\(", code), f"{name}() is not awaited"


@pytest.mark.parametrize(("cls", "name", "func"), _members(ASYNC_CLASSES))
def test_every_async_member_has_an_example_that_compiles_in_a_coroutine(
    cls: type, name: str, func: Callable[..., object]
) -> None:
    _check(cls, name, func, is_async=True)


@pytest.mark.parametrize(("cls", "name", "func"), _members(SYNC_CLASSES))
def test_every_sync_member_has_an_example_that_compiles_as_plain_code(
    cls: type, name: str, func: Callable[..., object]
) -> None:
    _check(cls, name, func, is_async=False)
