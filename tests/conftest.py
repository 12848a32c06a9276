"""Shared fixtures.

- Every test starts from a clean slate: no `ANYFRAME_*` variables from the developer's shell, and a
  working directory without a `.env` file, so configuration tests are deterministic.
- Async tests run on asyncio via anyio's pytest plugin (`@pytest.mark.anyio`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

BASE_URL = "https://api.test.anyframe.dev"
API_KEY = "afm_test_0123456789abcdef"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith("ANYFRAME_"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    anyframe_logger = logging.getLogger("anyframe")
    level, handlers = anyframe_logger.level, list(anyframe_logger.handlers)
    yield
    anyframe_logger.setLevel(level)
    anyframe_logger.handlers[:] = handlers


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
