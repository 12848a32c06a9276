"""`Flat` / `AsyncFlat`: an event stream's events, handed out one by one from the lists of each chunk."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Generator

from anyframe._concurrency._async import AsyncFlat
from anyframe._concurrency._sync import Flat

BATCHES = [[1, 2, 3], [], [4], [5, 6]]


def _batches(closed: list[bool]) -> Generator[list[int], None, None]:
    try:
        for batch in BATCHES:
            yield list(batch)
    finally:
        closed.append(True)


async def _abatches(closed: list[bool]) -> AsyncGenerator[list[int], None]:
    try:
        for batch in BATCHES:
            yield list(batch)
    finally:
        closed.append(True)


def test_flat_hands_out_every_item_in_order_skipping_empty_lists() -> None:
    closed: list[bool] = []
    assert list(Flat(_batches(closed))) == [1, 2, 3, 4, 5, 6]
    assert closed == [True]


def test_flat_next_and_iteration_share_one_position() -> None:
    flat = Flat(_batches([]))
    assert next(flat) == 1
    items = iter(flat)
    assert next(items) == 2
    assert next(flat) == 3
    assert list(items) == [4, 5, 6]


def test_closing_a_flat_drops_the_rest_of_the_current_list_and_closes_the_generator() -> None:
    closed: list[bool] = []
    flat = Flat(_batches(closed))
    items = iter(flat)
    assert next(items) == 1
    flat.close()
    assert closed == [True]
    assert list(items) == []  # not 2 and 3, already parsed: closed means closed
    assert list(flat) == []


def test_async_flat_hands_out_every_item_in_order_and_closes_the_same_way() -> None:
    async def main() -> tuple[list[int], list[int], list[bool]]:
        closed: list[bool] = []
        every = [item async for item in AsyncFlat(_abatches(closed))]
        closed_early: list[bool] = []
        flat = AsyncFlat(_abatches(closed_early))
        first = [await flat.__anext__()]
        await flat.aclose()
        rest = [item async for item in flat]
        assert rest == []
        return every, first, closed + closed_early

    every, first, closed = asyncio.run(main())
    assert every == [1, 2, 3, 4, 5, 6]
    assert first == [1]
    assert closed == [True, True]
