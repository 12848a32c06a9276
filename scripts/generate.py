"""Regenerate `src/anyframe/_generated` from `openapi.yaml`, or check that the committed copy is current.

    python scripts/generate.py            # rewrite src/anyframe/_generated (and the plane's spec copy)
    python scripts/generate.py --check    # regenerate into a temp dir, fail on any difference

The generator is openapi-python-client at the version pinned in pyproject.toml (dev extra), run with
`--meta none`, our config and our endpoint template (request building only; see
scripts/generator/templates). Its output is then pruned to what the request builders reach (see
`prune`) and normalised with the pinned ruff and explicit flags, so two runs on any machine give
byte-identical files.

A second, independent step writes `src/anyframe/testing/openapi.json`, a JSON copy of the spec that the
local control plane ships as package data and validates requests against (it runs on the standard
library alone, so it cannot read YAML); `--check` fails when that copy is stale too.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["drop_empty_type_checking", "imported_modules", "main", "prune", "reachable"]

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "scripts" / "generator" / "config.yaml"
TEMPLATES = ROOT / "scripts" / "generator" / "templates"
TARGET = ROOT / "src" / "anyframe" / "_generated"
BIN = Path(sys.executable).parent
# The stock client.py/errors.py wrap an httpx client we do not use: the curated layer owns the transport.
UNUSED = ("client.py", "errors.py")
RUFF_FLAGS = ["--isolated", "--line-length", "110", "--target-version", "py310"]
SPEC_JSON = ROOT / "src" / "anyframe" / "testing" / "openapi.json"


def _run(*args: str | Path) -> None:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"command failed ({result.returncode}): {' '.join(str(a) for a in args)}")


def generate(out: Path) -> None:
    """Generate the package into `out` (which must not exist) and normalise it."""
    _run(
        BIN / "openapi-python-client", "generate", "--path", SPEC, "--meta", "none", "--config", CONFIG,
        "--custom-template-path", TEMPLATES, "--output-path", out, "--fail-on-warning",
    )  # fmt: skip
    for name in UNUSED:
        (out / name).unlink(missing_ok=True)
    for cache in out.rglob("__pycache__"):
        shutil.rmtree(cache)
    _run(BIN / "ruff", "check", *RUFF_FLAGS, "--select", "F401,I001", "--fix", "--quiet", out)
    if drop_empty_type_checking(out):  # blocks whose only imports the F401 fix removed
        _run(BIN / "ruff", "check", *RUFF_FLAGS, "--select", "F401,I001", "--fix", "--quiet", out)
    prune(out)  # after the F401 fix: the template imports response models it then does not use
    _run(BIN / "ruff", "format", *RUFF_FLAGS, "--quiet", out)


_EMPTY_TYPE_CHECKING = "\nif TYPE_CHECKING:\n    pass\n"


def drop_empty_type_checking(out: Path) -> bool:
    """Remove the `if TYPE_CHECKING: pass` blocks ruff leaves where it removed every import of one.

    The endpoint template imports the operation's types for type checkers only, response models
    included, which the builders never use. Returns whether any file changed (its `TYPE_CHECKING`
    import is then unused too, for the next F401 fix).
    """
    changed = False
    for path in out.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if _EMPTY_TYPE_CHECKING in text:
            path.write_text(text.replace(_EMPTY_TYPE_CHECKING, "\n"), encoding="utf-8")
            changed = True
    return changed


def _module_name(base: Path, path: Path) -> str:
    parts = path.relative_to(base).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, package: str) -> set[str]:
    """Every module a Python file imports with `from ... import ...`, as names relative to the root of
    `package`'s tree (`models.agent_create_request`), at any depth: under `TYPE_CHECKING` and inside
    functions too. `from .pkg import sub` yields both `pkg` and `pkg.sub`; the caller keeps those that
    exist.

    Args:
        path: The file.
        package: Its package, dotted and relative to the same root (`api.agents`), to resolve `from ..x`.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            parts = package.split(".") if package else []
            base = parts[: len(parts) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            found.add(module)
            found.update(f"{module}.{alias.name}".strip(".") for alias in node.names)
    return found


def reachable(base: Path, roots: set[str]) -> set[str]:
    """The modules of the package tree at `base` that `roots` reach by imports (roots included), with
    the packages that hold them."""
    modules = {_module_name(base, path): path for path in base.rglob("*.py")}
    seen: set[str] = set()
    todo = [root for root in roots if root in modules]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = modules[name]
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        todo += [m for m in imported_modules(path, package) if m in modules and m not in seen]
    return seen | {".".join(name.split(".")[:i]) for name in seen for i in range(len(name.split(".")))}


def prune(out: Path) -> None:
    """Delete the generated modules no request builder reaches.

    The generator writes an attrs class for every schema, responses included; our endpoint template
    parses no response (the curated layer validates every body into `anyframe.models`), so the
    response schemas would ship as dead code. The roots are the builders (`api/<tag>/<operation>.py`),
    not the curated layer's imports, so that the output depends on the spec alone: a new operation's
    builder exists as soon as the spec has it, and `make check` proves the curated layer uses it.
    """
    builders = {_module_name(out, p) for p in (out / "api").glob("*/*.py") if p.name != "__init__.py"}
    keep = reachable(out, builders)
    for path in sorted(out.rglob("*.py")):
        if _module_name(out, path) not in keep:
            path.unlink()


def _files(base: Path) -> set[str]:
    return {str(p.relative_to(base)) for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def differences(fresh: Path, committed: Path) -> list[str]:
    """Describe every file that differs between two generated trees (empty when identical)."""
    if not committed.is_dir():
        return [f"{committed} does not exist"]
    new, old = _files(fresh), _files(committed)
    report = [f"only in a fresh regeneration: {n}" for n in sorted(new - old)]
    report += [f"committed but no longer generated: {n}" for n in sorted(old - new)]
    for name in sorted(new & old):
        if not filecmp.cmp(fresh / name, committed / name, shallow=False):
            diff = difflib.unified_diff(
                (committed / name).read_text().splitlines(), (fresh / name).read_text().splitlines(),
                f"committed/{name}", f"fresh/{name}", lineterm="", n=1,
            )  # fmt: skip
            report.append("\n".join(list(diff)[:40]))
    return report


def spec_json() -> str:
    """Return the JSON copy of `openapi.yaml` the local control plane ships (stable bytes)."""
    import yaml  # a dev dependency; imported here so the rest of the script never needs it

    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def check_spec_json() -> list[str]:
    """Describe how the committed spec copy differs from a fresh one (empty when current)."""
    fresh = spec_json()
    if not SPEC_JSON.is_file():
        return [f"{SPEC_JSON.relative_to(ROOT)} does not exist"]
    if SPEC_JSON.read_text(encoding="utf-8") != fresh:
        return [f"{SPEC_JSON.relative_to(ROOT)} is not the JSON form of {SPEC.name}"]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail if the committed package is stale")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "_generated"
        generate(fresh)
        if args.check:
            report = differences(fresh, TARGET) + check_spec_json()
            if report:
                print("generated files are stale; run `make generate` and commit:", *report, sep="\n")
                return 1
            print(f"src/anyframe/_generated and {SPEC_JSON.name} match openapi.yaml")
            return 0
        shutil.rmtree(TARGET, ignore_errors=True)
        shutil.copytree(fresh, TARGET)
    SPEC_JSON.write_text(spec_json(), encoding="utf-8")
    print(f"regenerated {TARGET.relative_to(ROOT)} and {SPEC_JSON.relative_to(ROOT)} from {SPEC.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
