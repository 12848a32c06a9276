"""Sanity-check `openapi.yaml`, the hand-maintained wire contract.

Validates the document against the OpenAPI 3.1 meta-schema and checks the invariants the
generated client and the curated layer rely on: every operation has an `operationId`, `summary`,
`description` and `tags`, and no `operationId` is used twice. How many operations there are is no
fact of its own: `scripts/check_contract.py` checks that the spec's operations, the generated
builders, the local plane's routes and the curated layer are one set.
Run from anywhere as `python scripts/check_spec.py [path]`; exits non-zero on failure.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator import validate

__all__ = ["check", "main"]

_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})
_REQUIRED_KEYS = ("operationId", "summary", "description", "tags")
_DEFAULT_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"


def check(spec: dict[str, Any]) -> list[str]:
    """Return every problem found in a parsed spec (empty when it is sound).

    Args:
        spec: The OpenAPI document as loaded from YAML.

    Returns:
        Human-readable problem descriptions, one per violation.
    """
    problems: list[str] = []
    try:
        validate(spec)
    except Exception as exc:  # the validator raises several unrelated types; report any of them
        problems.append(f"invalid OpenAPI document: {exc!s:.300}")
    operations = [
        (f"{method.upper()} {path}", operation)
        for path, item in spec.get("paths", {}).items()
        for method, operation in item.items()
        if method in _METHODS
    ]
    if not operations:
        problems.append("the spec defines no operation")
    for name, operation in operations:
        problems.extend(f"{name}: missing or empty {key}" for key in _REQUIRED_KEYS if not operation.get(key))
    counts = Counter(op.get("operationId") for _, op in operations if op.get("operationId"))
    problems.extend(f"duplicate operationId {op_id!r}" for op_id, n in counts.items() if n > 1)
    return problems


def main(argv: list[str]) -> int:
    """Check the spec at `argv[0]` (default: the repository's `openapi.yaml`) and report."""
    path = Path(argv[0]) if argv else _DEFAULT_PATH
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = check(spec)
    for problem in problems:
        print(f"check_spec: {problem}", file=sys.stderr)
    if not problems:
        print(f"check_spec: {path.name} OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
