"""Hardened inputs over real loopback sockets, against `anyframe.testing` (issue 13 items 1-3).

Contracts pinned:
- the longest timeout the client accepts (`MAX_SECONDS`) really works on a socket: a call completes
  (an infinite one is refused at construction, because the sync flavour's socket timeout overflowed);
- `sessions.delete("..")`, `sessions.message("..", ...)` and `install_catalog_bearer("..", token=...)`
  reach no endpoint at all: the plane records no request;
- a chat body holding NaN is refused before sending: the plane records nothing, and the same call
  with a valid body goes through.
"""

from __future__ import annotations

import math

import pytest

from anyframe import AsyncAnyFrame, InvalidArgumentError
from anyframe._core.validate import MAX_SECONDS
from anyframe.testing import LocalControlPlane

pytestmark = pytest.mark.integration


@pytest.mark.anyio
async def test_the_longest_accepted_timeout_works_on_a_real_socket(plane: LocalControlPlane) -> None:
    with pytest.raises(InvalidArgumentError):
        AsyncAnyFrame(api_key=plane.api_key, base_url=plane.url, timeout=math.inf, load_dotenv=False)
    async with AsyncAnyFrame(
        api_key=plane.api_key, base_url=plane.url, timeout=MAX_SECONDS, load_dotenv=False
    ) as af:
        me = await af.me()
    assert me.login


@pytest.mark.anyio
async def test_dot_segments_reach_no_endpoint(plane: LocalControlPlane, live: AsyncAnyFrame) -> None:
    plane.requests.clear()

    with pytest.raises(InvalidArgumentError):
        await live.sessions.delete("..")
    with pytest.raises(InvalidArgumentError):
        await live.sessions.message("..", {"prompt": "hi"})
    with pytest.raises(InvalidArgumentError):
        await live.connectors.install_catalog_bearer("..", token="sntrys_secret_token")

    assert len(plane.requests) == 0


@pytest.mark.anyio
async def test_a_nan_in_a_chat_body_is_refused_before_the_plane_sees_it(
    plane: LocalControlPlane, live: AsyncAnyFrame
) -> None:
    plane.requests.clear()

    with pytest.raises(InvalidArgumentError, match="not valid JSON"):
        await live.sessions.message("5b1f6c0e-0000-4000-8000-000000000000", {"prompt": "hi", "t": math.nan})

    assert len(plane.requests) == 0
