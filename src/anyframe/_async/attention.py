"""`af.attention`: the operator's rail of sessions that need a human."""

from __future__ import annotations

import builtins

from .._core.options import RequestOptions, Unpack
from .._core.validate import check_count
from .._generated.api.attention import list_attention
from ..models._attention import AttentionItem
from ._base import AsyncResource

__all__ = ["AsyncAttention"]


class AsyncAttention(AsyncResource):
    """Sessions waiting on you: pending prompts, idle agents, recently paused sandboxes."""

    async def list(self, limit: int = 20, **options: Unpack[RequestOptions]) -> builtins.list[AttentionItem]:
        """List what needs you, most urgent first: every `pending` item, then `idle`, then `paused`
        (the last 24 hours), newest first within each group.

        Example:
            ```python
            for item in await af.attention.list(limit=20):
                if item.kind == "pending":
                    ...   # an AttentionPendingItem: item.payload holds the prompt
            ```

        Args:
            limit: At most this many items; the server clamps it to 1-100.

        Returns:
            [`AttentionPendingItem`][anyframe.AttentionPendingItem],
            [`AttentionIdleItem`][anyframe.AttentionIdleItem] and
            [`AttentionPausedItem`][anyframe.AttentionPausedItem] objects, all
            [`AttentionItem`][anyframe.AttentionItem]s; a kind this SDK does not know yet arrives as a
            plain `AttentionItem` with its fields kept.

        Raises:
            InvalidArgumentError: `limit` is not an int of at least 1; nothing was sent.
        """
        request = list_attention.build_request(limit=check_count("limit", limit, minimum=1))
        return await self._transport.models(request, AttentionItem, options)
