"""Retries and timeouts, watched against a local control plane that fails on demand."""

from __future__ import annotations

import time

import httpx

import anyframe
import anyframe.testing

# --8<-- [start:configure]
# Client-wide: a budget of 2 retries (the default), 30 s per request, 5 s to connect.
af = anyframe.AnyFrame(max_retries=2, timeout=httpx.Timeout(30.0, connect=5.0))

# Per call, on a cheap copy that shares the connection pool:
fail_fast = af.with_options(max_retries=0, timeout=5.0)
# --8<-- [end:configure]
print(af.max_retries, fail_fast.max_retries, fail_fast.timeout)
af.close()

with anyframe.testing.serve() as plane:
    af = anyframe.AnyFrame(api_key=plane.api_key, base_url=plane.url, load_dotenv=False)

    # --8<-- [start:transient]
    plane.faults.add(method="GET", path="/api/agents", status=503, times=2)
    print(af.agents.list())  # two 503 answers, retried with backoff, then the real answer
    print([r.status for r in plane.requests.filter(method="GET", path="/api/agents")])  # [503, 503, 200]
    # --8<-- [end:transient]

    # --8<-- [start:post]
    plane.faults.add(method="POST", path="/api/agents", status=503)
    try:
        af.agents.create(name="maybe-twice")  # a POST that failed is never replayed...
    except anyframe.ServerError as exc:
        print("not retried:", exc.status_code)

    plane.faults.add(method="POST", path="/api/agents", status=429, retry_after=1)
    started = time.monotonic()
    af.agents.create(name="once")  # ...except after a 429: the server did not process it
    print(f"created after waiting {time.monotonic() - started:.1f}s as Retry-After asked")
    # --8<-- [end:post]

    # --8<-- [start:rate_limit]
    plane.faults.add(path="/api/agents", status=429, retry_after=120)
    try:
        af.agents.list()  # asked to wait more than 60 s: raised at once, no sleeping
    except anyframe.RateLimitError as exc:
        print("come back in", exc.retry_after, "seconds")
    # --8<-- [end:rate_limit]

    # --8<-- [start:timeout]
    plane.faults.add(path="/api/me", delay=1.0)  # a slow answer
    try:
        af.with_options(timeout=0.2, max_retries=0).me()
    except anyframe.APITimeoutError as exc:  # a subclass of APIConnectionError
        print("timed out:", type(exc).__name__)
    # --8<-- [end:timeout]
    af.close()
