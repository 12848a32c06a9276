"""The local control plane: run your code against it, read what it received, make it misbehave."""

from __future__ import annotations

import anyframe
import anyframe.testing


# --8<-- [start:code_under_test]
def ensure_agent(af: anyframe.AnyFrame, name: str) -> anyframe.Agent:
    """Your code: reuse the agent called `name`, or create it."""
    for agent in af.agents.list():
        if agent.name == name:
            return agent
    return af.agents.create(name=name, repo_url="tinyhq/box", install_cmd="bun install")


# --8<-- [end:code_under_test]


# --8<-- [start:serve]
with anyframe.testing.serve(time_scale=0) as plane:  # 127.0.0.1, a free port, instant transitions
    af = plane.client  # an AnyFrame already pointed at the plane, closed with it

    first = ensure_agent(af, "reviewer")
    second = ensure_agent(af, "reviewer")
    assert first.id == second.id
    # --8<-- [end:serve]

    # --8<-- [start:requests]
    creates = plane.requests.filter(method="POST", path="/api/agents")
    assert len(creates) == 1  # the second call found the agent instead of creating another
    print(creates[0].body)  # the JSON your code sent: {'name': 'reviewer', ...}
    print(plane.requests.last.method, plane.requests.last.path, plane.requests.last.status)
    plane.requests.clear()
    # --8<-- [end:requests]

    # --8<-- [start:faults]
    plane.faults.add(method="GET", path="/api/agents", status=503, times=1)
    assert ensure_agent(af, "reviewer").id == first.id  # the SDK retried the GET for you
    print([r.status for r in plane.requests])  # [503, 200]

    plane.faults.add(path="/api/agents", body="malformed")  # 200 with a truncated JSON body
    try:
        ensure_agent(af, "reviewer")
    except anyframe.ResponseValidationError as exc:
        print("surfaced as:", type(exc).__name__)
    # --8<-- [end:faults]

    # --8<-- [start:own_client]
    # Any client works, e.g. one configured exactly like your production code:
    with anyframe.AnyFrame(api_key=plane.api_key, base_url=plane.url, max_retries=0) as mine:
        print(mine.me().login)
    # --8<-- [end:own_client]
