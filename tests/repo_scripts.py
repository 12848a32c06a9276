"""The maintenance scripts of `scripts/`, loaded as modules so that tests can call their functions."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

__all__ = ["SCRIPTS", "load_script"]

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def load_script(name: str) -> ModuleType:
    """Import `scripts/<name>.py` (once) as the module `repo_scripts.<name>`; the scripts import
    each other by plain name, as when run as `python scripts/<name>.py`."""
    if str(SCRIPTS) not in sys.path:
        sys.path.append(str(SCRIPTS))
    module_name = f"repo_scripts.{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, SCRIPTS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # before executing: dataclasses look their module up
    spec.loader.exec_module(module)
    return module
