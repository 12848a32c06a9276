"""Wire tests of `af.attention` (api-contract.md §8.14, §11.9).

Contracts pinned here:

- `list()`: `GET /api/attention?limit=20` (limit always sent); `limit=` is sent as given.
- items come back as the subclass matching their `kind` (`AttentionPendingItem`, `AttentionIdleItem`,
  `AttentionPausedItem`), all `AttentionItem`s, in the server's order; an unknown kind is kept as a base
  `AttentionItem` with its extra fields.
"""

from __future__ import annotations

import pytest
import respx

from anyframe import (
    AsyncAnyFrame,
    AttentionIdleItem,
    AttentionItem,
    AttentionPausedItem,
    AttentionPendingItem,
)

from .wire import ATTENTION, SID, TS, assert_sent


@pytest.mark.anyio
async def test_list_always_sends_limit_20_and_dispatches_on_kind(
    af: AsyncAnyFrame, api: respx.MockRouter
) -> None:
    route = api.get("/api/attention").respond(200, json=ATTENTION)
    items = await af.attention.list()
    assert_sent(route, "GET", "/api/attention", params={"limit": "20"})
    assert [type(i) for i in items] == [AttentionPendingItem, AttentionIdleItem, AttentionPausedItem]
    assert all(isinstance(i, AttentionItem) for i in items)
    pending = items[0]
    assert isinstance(pending, AttentionPendingItem)
    assert (pending.seq, pending.payload["request_id"], pending.session_id) == (42, "r-1", SID)
    paused = items[2]
    assert isinstance(paused, AttentionPausedItem)
    assert paused.snapshot_image_id == "im_abc"


@pytest.mark.anyio
@pytest.mark.parametrize("limit", [1, 5, 100])
async def test_list_sends_the_limit_given(af: AsyncAnyFrame, api: respx.MockRouter, limit: int) -> None:
    route = api.get("/api/attention").respond(200, json=[])
    assert await af.attention.list(limit=limit) == []
    assert_sent(route, "GET", "/api/attention", params={"limit": str(limit)})


@pytest.mark.anyio
async def test_an_unknown_kind_is_kept_as_a_base_item(af: AsyncAnyFrame, api: respx.MockRouter) -> None:
    item = {"kind": "mention", "session_id": SID, "agent_id": 7, "agent_name": "demo", "at": TS, "by": "ana"}
    api.get("/api/attention").respond(200, json=[item])
    items = await af.attention.list()
    assert type(items[0]) is AttentionItem
    assert items[0].kind == "mention"
    assert items[0].model_dump()["by"] == "ana"
