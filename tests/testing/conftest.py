"""Fixtures for the local control plane's tests: a fresh fast plane per test and a raw httpx client.

The plane runs with `time_scale=0.1` (builds take ~40 ms, boots ~30 ms, turns ~30 ms) and an idle scale
that keeps the default 300 s idle timeout at 30 s, so only tests that ask for a short
`idle_timeout_s` see sessions pause themselves.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import httpx
import pytest

from anyframe.testing import LocalControlPlane, serve

# Building httpx's default SSL context costs ~35 ms per client; these tests only speak plain HTTP.
_SSL = ssl.create_default_context()


@pytest.fixture
def plane() -> Iterator[LocalControlPlane]:
    with serve(time_scale=0.1, idle_scale=1.0, keepalive_interval=5.0) as running:
        yield running


@pytest.fixture
def api(plane: LocalControlPlane) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {plane.api_key}"}
    with httpx.Client(base_url=plane.url, headers=headers, timeout=5.0, verify=_SSL) as client:
        yield client
