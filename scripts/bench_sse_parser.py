"""Micro-benchmark: anyframe's SSE parser against httpx-sse's, bytes in, events out.

Both parsers get the same body, cut into the same chunks, the way a streaming response delivers it.
httpx-sse is driven exactly as its `EventSource.iter_sse` drives it: httpx's incremental text decoder,
then `SSELineDecoder` to split lines, then `SSEDecoder.decode` per line. Ours is
`SSEDecoder.feed(chunk)` per chunk. The frames are the bulk case of a transcript replay: many small
chat events per chunk.

Run: `PYTHONPATH=src .venv/bin/python scripts/bench_sse_parser.py [--events N] [--repeat R]`.
It prints events/s for both parsers and the ratio; `--min-ratio X` makes it exit 1 below X.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["main"]

try:
    from anyframe._core.sse import SSEDecoder
except ImportError:  # run from a checkout without PYTHONPATH=src
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from anyframe._core.sse import SSEDecoder

from httpx._decoders import TextDecoder
from httpx_sse._decoders import SSEDecoder as HttpxSSEDecoder
from httpx_sse._decoders import SSELineDecoder

FRAME = b'id: %d\nevent: assistant\ndata: {"type":"assistant","text":"hello world"}\n\n'
CHUNK_SIZES = (64 * 1024, 1024)


def make_body(events: int) -> bytes:
    return b"".join(FRAME % i for i in range(events))


def cut(body: bytes, size: int) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)]


def anyframe_events(chunks: list[bytes]) -> Iterator[tuple[str | None, str, str]]:
    decoder = SSEDecoder()
    for chunk in chunks:
        for event in decoder.feed(chunk):
            yield event.id, event.event, event.data
    decoder.flush()


def count_anyframe(chunks: list[bytes]) -> int:
    decoder = SSEDecoder()
    count = 0
    for chunk in chunks:
        for _event in decoder.feed(chunk):
            count += 1
    decoder.flush()
    return count


def _httpx_sse_lines(chunks: list[bytes]) -> Iterator[str]:
    # httpx_sse._api._iter_sse_lines, with response.iter_text() reduced to its decoding step.
    text_decoder = TextDecoder()
    line_decoder = SSELineDecoder()
    for chunk in chunks:
        yield from line_decoder.decode(text_decoder.decode(chunk))
    tail = text_decoder.flush()
    if tail:
        yield from line_decoder.decode(tail)
    yield from line_decoder.flush()


def httpx_sse_events(chunks: list[bytes]) -> Iterator[tuple[str | None, str, str]]:
    # httpx_sse.EventSource.iter_sse.
    decoder = HttpxSSEDecoder()
    for line in _httpx_sse_lines(chunks):
        line = line.rstrip("\n")
        sse = decoder.decode(line)
        if sse is not None:
            yield sse.id, sse.event, sse.data


def count_httpx_sse(chunks: list[bytes]) -> int:
    decoder = HttpxSSEDecoder()
    count = 0
    for line in _httpx_sse_lines(chunks):
        line = line.rstrip("\n")
        sse = decoder.decode(line)
        if sse is not None:
            count += 1
    return count


def best_time(func: Callable[[list[bytes]], object], chunks: list[bytes], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(chunks)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=200_000, help="events in the body (default 200000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best counts")
    parser.add_argument("--min-ratio", type=float, default=0.0, help="exit 1 if ours is slower than this")
    args = parser.parse_args(argv)

    body = make_body(args.events)
    python = sys.version.split()[0]
    print(f"{args.events} events, {len(body) / 1e6:.1f} MB, best of {args.repeat}, Python {python}")
    worst_ratio = float("inf")
    for size in CHUNK_SIZES:
        chunks = cut(body, size)
        ours, theirs = list(anyframe_events(chunks)), list(httpx_sse_events(chunks))
        if len(ours) != args.events or ours != theirs:
            print("the two parsers disagree on the events; not benchmarking", file=sys.stderr)
            return 2
        t_ours = best_time(count_anyframe, chunks, args.repeat)
        t_theirs = best_time(count_httpx_sse, chunks, args.repeat)
        ratio = t_theirs / t_ours
        worst_ratio = min(worst_ratio, ratio)
        print(
            f"chunk {size:>6} B: anyframe {args.events / t_ours:>12,.0f} events/s   "
            f"httpx-sse {args.events / t_theirs:>12,.0f} events/s   ratio {ratio:.2f}x"
        )
    if worst_ratio < args.min_ratio:
        print(f"below the required ratio {args.min_ratio:.2f}x", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
