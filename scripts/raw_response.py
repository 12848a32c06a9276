"""Write `src/anyframe/_async/_raw.py`, the typed `af.with_raw_response` classes, from the resources.

    python scripts/raw_response.py            # rewrite it (then `make unasync` writes the sync twin)
    python scripts/raw_response.py --check    # fail if it differs from a fresh rewrite (CI)

Python's type system cannot turn "the methods of `AsyncSessions`" into "the same methods returning
`RawResponse[...]` of their result", so the wrapper classes are written out, and written by this
script, from the curated sources, never by hand: for every resource reachable from `AsyncAnyFrame`
(its cached properties, and the annotated sub-resources such as `AsyncAgents.skills`) one class
`Async<Resource>WithRawResponse` with, for each method that makes exactly one request, a method of
the same name and the same parameters returning `RawResponse[<its return type>]`.

"Makes exactly one request" is read off the method's body: an `async def` whose only `await` is
`return await self._transport.<model|models|json_object|json_value|empty>(...)` and that does not
`yield` (a method that awaited it without returning it would hand back `None`, not the raw answer).
That leaves out the event streams (plain `def`, returning an iterator), the waiters (they poll), and
any helper that makes several calls; they are listed in the generated `EXCLUDED` (and in the docs).

The output is normalised with the project's ruff configuration, so `make lint` accepts it as it is.
"""

from __future__ import annotations

import argparse
import ast
import builtins
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Method", "Resource", "main", "render", "resources", "single_request"]

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "anyframe" / "_async"
TARGET = SOURCE / "_raw.py"
CLIENT = "AsyncAnyFrame"
TERMINALS = frozenset({"model", "models", "json_object", "json_value", "empty"})
BIN = Path(sys.executable).parent


@dataclass
class Method:
    """One public method of a resource, as written in its source."""

    node: ast.FunctionDef | ast.AsyncFunctionDef
    module: str

    @property
    def name(self) -> str:
        return self.node.name


@dataclass
class Resource:
    """A class reachable from the client, with its public methods and sub-resources."""

    name: str
    module: str
    attribute: str  # how the parent reaches it (`sessions`), empty for the client
    methods: list[Method] = field(default_factory=list)
    children: list[Resource] = field(default_factory=list)

    @property
    def raw_name(self) -> str:
        return f"{self.name}WithRawResponse"

    def walk(self) -> Iterator[Resource]:
        yield self
        for child in self.children:
            yield from child.walk()


def single_request(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a method makes exactly one request: see the module docstring."""
    if not isinstance(node, ast.AsyncFunctionDef):
        return False
    awaits = [n for n in ast.walk(node) if isinstance(n, ast.Await)]
    if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)) or len(awaits) != 1:
        return False
    returned = [n for n in ast.walk(node) if isinstance(n, ast.Return) and n.value is awaits[0]]
    call = awaits[0].value
    return (
        bool(returned)  # `return await self._transport...`: the raw transport's answer is handed back
        and isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in TERMINALS
        and ast.unparse(call.func.value) == "self._transport"
    )


class _Sources:
    """Every class of the `_async` modules, by name, with the module defining it."""

    def __init__(self) -> None:
        self.classes: dict[str, tuple[str, ast.ClassDef]] = {}
        self.trees: dict[str, ast.Module] = {}
        for path in sorted(SOURCE.glob("*.py")):
            if path == TARGET:
                continue
            tree = ast.parse(path.read_text())
            self.trees[path.stem] = tree
            for node in tree.body:
                if isinstance(node, ast.ClassDef):
                    self.classes[node.name] = (path.stem, node)

    def methods(self, name: str) -> list[Method]:
        """The public methods of a class and of its bases defined in `_async`, own ones first."""
        module, cls = self.classes[name]
        own = [
            Method(node, module)
            for node in cls.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and not node.name.startswith("_")
            and not node.decorator_list
        ]
        inherited = [m for base in cls.bases if isinstance(base, ast.Name) and base.id in self.classes
                     for m in self.methods(base.id)]  # fmt: skip
        names = {m.name for m in own}
        return own + [m for m in inherited if m.name not in names]

    def children(self, name: str) -> list[tuple[str, str]]:
        """(attribute, class) of the resources a class hands out: cached properties and annotations."""
        _, cls = self.classes[name]
        out: list[tuple[str, str]] = []
        for node in cls.body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                kind = ast.unparse(node.annotation)
                if kind in self.classes:
                    out.append((node.target.id, kind))
            elif isinstance(node, ast.FunctionDef) and any(
                ast.unparse(d) == "cached_property" for d in node.decorator_list
            ):
                kind = ast.unparse(node.returns) if node.returns is not None else ""
                if kind in self.classes and not node.name.startswith("with_"):
                    out.append((node.name, kind))
        return out


def resources() -> Resource:
    """The client and every resource reachable from it."""
    sources = _Sources()

    def build(name: str, attribute: str) -> Resource:
        module, _ = sources.classes[name]
        resource = Resource(name, module, attribute, sources.methods(name))
        resource.children = [build(kind, attr) for attr, kind in sources.children(name)]
        return resource

    return build(CLIENT, "")


def _annotation_names(node: ast.AST | None) -> set[str]:
    if node is None:
        return set()
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    # String annotations (forward references) hold names too.
    for constant in ast.walk(node):
        if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
            names |= _annotation_names(ast.parse(constant.value, mode="eval"))
    return names


def _imports(trees: dict[str, ast.Module], wanted: dict[str, set[str]]) -> list[str]:
    """Import lines for each name used, taken from how its source module imports (or defines) it."""
    lines: dict[str, set[str]] = {}
    plain: set[str] = set()
    for module, names in wanted.items():
        tree = trees[module]
        found: dict[str, str] = {}
        top = [*tree.body, *(n for block in tree.body if isinstance(block, ast.If) for n in block.body)]
        for node in top:
            if isinstance(node, ast.ImportFrom):
                origin = "." * node.level + (node.module or "")
                for alias in node.names:
                    found[alias.asname or alias.name] = origin
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    found[alias.asname or alias.name] = ""
            elif isinstance(node, ast.ClassDef):
                found[node.name] = f".{module}"
        for name in names:
            if name not in found and hasattr(builtins, name):
                continue  # `str`, `int`, `object`, ...
            if name not in found:
                raise SystemExit(f"raw_response: cannot tell where {module}.py gets {name!r} from")
            if found[name]:
                lines.setdefault(found[name], set()).add(name)
            else:
                plain.add(name)
    out = [f"import {name}" for name in sorted(plain)]
    out += [f"from {origin} import {', '.join(sorted(names))}" for origin, names in sorted(lines.items())]
    return out


def _call_arguments(args: ast.arguments) -> str:
    parts = [a.arg for a in [*args.posonlyargs, *args.args][1:]]
    if args.vararg is not None:
        parts.append(f"*{args.vararg.arg}")
    parts += [f"{a.arg}={a.arg}" for a in args.kwonlyargs]
    if args.kwarg is not None:
        parts.append(f"**{args.kwarg.arg}")
    return ", ".join(parts)


def _label(resource_path: str, name: str) -> str:
    return f"af.{resource_path}{name}()" if resource_path else f"af.{name}()"


def render() -> str:
    """The source text of `_raw.py`, before ruff normalises it."""
    root = resources()
    sources = _Sources()
    wanted: dict[str, set[str]] = {"client": {CLIENT}}
    classes: list[str] = []
    excluded: dict[str, list[str]] = {}
    paths: dict[str, str] = {root.name: ""}
    for resource in root.walk():
        for child in resource.children:
            paths[child.name] = f"{paths[resource.name]}{child.attribute}."
    for resource in root.walk():
        wanted.setdefault(resource.module, set()).add(resource.name)
        where = paths[resource.name]
        title = f"`af.with_raw_response.{where.rstrip('.')}`" if where else "`af.with_raw_response`"
        body = [
            f"class {resource.raw_name}:",
            f'    """{title}: the calls of `{resource.name}`, with raw responses.',
            "",
            "    Each makes exactly one request and answers with a [`RawResponse`][anyframe.RawResponse] of its",
            '    result."""',
            "",
            f"    def __init__(self, resource: {resource.name}) -> None:",
            "        self._resource = resource",
        ]
        for child in resource.children:
            body += [
                "",
                "    @cached_property",
                f"    def {child.attribute}(self) -> {child.raw_name}:",
                f'        """`af.with_raw_response.{paths[child.name].rstrip(".")}`: `af.{paths[child.name].rstrip(".")}` with raw responses."""',
                f"        return {child.raw_name}(self._resource.{child.attribute})",
            ]
        for method in resource.methods:
            node = method.node
            if not single_request(node):
                excluded.setdefault(resource.name, []).append(method.name)
                continue
            signature = ast.unparse(node.args)
            returns = ast.unparse(node.returns) if node.returns is not None else "None"
            for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
                wanted.setdefault(method.module, set()).update(_annotation_names(arg.annotation))
            for star in (node.args.vararg, node.args.kwarg):
                if star is not None:
                    wanted.setdefault(method.module, set()).update(_annotation_names(star.annotation))
            wanted.setdefault(method.module, set()).update(_annotation_names(node.returns))
            result = f"RawResponse[{returns}]"
            body += [
                "",
                f"    async def {method.name}({signature}) -> {result}:",
                f'        """Like `{_label(where, method.name)}`, answering with its raw response."""',
                f'        return cast("{result}", await self._resource.{method.name}({_call_arguments(node.args)}))',
            ]
        classes.append("\n".join(body))
    wanted = {module: names - {"builtins"} for module, names in wanted.items()}
    builtins_used = any("builtins." in c for c in classes)
    imports = (["import builtins"] if builtins_used else []) + _imports(sources.trees, wanted)
    names = sorted(resource.raw_name for resource in root.walk())
    excluded_lines = [
        f'    "{name}": ({", ".join(repr(m) for m in methods)},),' for name, methods in excluded.items()
    ]
    header = '''"""GENERATED by scripts/raw_response.py from the resources of src/anyframe/_async: do not edit; edit
the resources, then run `make unasync` (it runs that script first).

`af.with_raw_response`: for each resource, the calls that make exactly one request, with the same
parameters, answering with a [`RawResponse`][anyframe.RawResponse] of their result. The resources
handed in were built on a raw transport (`AsyncTransport.derive(raw=True)`), whose calls return the
raw response; the `cast`s say so to the type checker.
"""

from __future__ import annotations

from functools import cached_property
from typing import cast

from .._core.raw import RawResponse
'''
    return (
        header
        + "\n".join(imports)
        + "\n\n__all__ = ["
        + ", ".join(f'"{n}"' for n in names)
        + "]\n\n"
        + "EXCLUDED: dict[str, tuple[str, ...]] = {\n"
        + "\n".join(excluded_lines)
        + '\n}\n"""The public methods left out, by class: streams, waiters and calls of several requests."""\n\n\n'
        + "\n\n\n".join(classes)
        + "\n"
    )


def _ruff(text: str) -> str:
    """`text` as the project's ruff configuration formats it (imports sorted, then formatted)."""
    stdin = str(TARGET.relative_to(ROOT))
    fixed = subprocess.run(
        [BIN / "ruff", "check", "--fix", "--quiet", "--select", "I001,F401", "--stdin-filename", stdin, "-"],
        input=text, capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    if fixed.returncode not in (0, 1):
        raise SystemExit(f"raw_response: ruff check failed:\n{fixed.stderr}")
    formatted = subprocess.run(
        [BIN / "ruff", "format", "--quiet", "--stdin-filename", stdin, "-"],
        input=fixed.stdout, capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    if formatted.returncode != 0:
        raise SystemExit(f"raw_response: ruff format failed:\n{formatted.stderr}")
    return formatted.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail if _raw.py is stale")
    args = parser.parse_args(argv)
    text = _ruff(render())
    current = TARGET.read_text() if TARGET.exists() else None
    if args.check:
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is stale; run `make unasync` and commit")
            return 1
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return 0
    if current != text:
        TARGET.write_text(text)
    print(f"wrote {TARGET.relative_to(ROOT)}" if current != text else f"{TARGET.relative_to(ROOT)} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
