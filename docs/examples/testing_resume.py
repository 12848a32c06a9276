"""Watch a chat stream survive a dropped connection: every event once, in order, no gaps."""

from __future__ import annotations

import anyframe
import anyframe.testing

with anyframe.testing.serve(time_scale=0.1) as plane:
    af = plane.client
    agent = af.agents.create(name="resilient", repo_url="tinyhq/box", install_cmd="bun install")
    af.agents.build(agent.id)
    af.agents.wait_for_build(agent.id)
    session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)

    # --8<-- [start:cut]
    plane.faults.cut_stream(path="/api/sessions/*/events", after=3, times=1)  # drop after 3 events

    af.sessions.message(session.id, {"prompt": "summarise the README"})
    seen = []
    with af.sessions.events(session.id) as events:
        for event in events:
            seen.append(event.id)
            if event.event == "result":
                break
    print(seen)  # ['1', '2', '3', '4', '5', '6']: nothing lost, nothing twice

    streams = plane.requests.filter(method="GET", path=f"/api/sessions/{session.id}/events")
    print([r.headers.get("last-event-id") for r in streams])  # [None, '3']: the reconnect resumed
    # --8<-- [end:cut]

    # --8<-- [start:no_reconnect]
    plane.faults.cut_stream(path="/api/sessions/*/events", after=1, times=1)
    try:
        for event in af.sessions.events(session.id, reconnect=False):
            print("got", event.id)
    except anyframe.APIConnectionError as exc:
        print("dropped:", type(exc).__name__)
    # --8<-- [end:no_reconnect]

    # --8<-- [start:stall]
    plane.faults.stall_stream(path="/api/sessions/*/events", after=2, seconds=3.0)
    impatient = af.with_options(stream_read_timeout=0.5)  # 0.5 s of silence = a dead connection
    ids = []
    with impatient.sessions.events(session.id) as events:
        for event in events:
            ids.append(event.id)
            if len(ids) == 6:
                break
    print(ids)  # the stalled connection was abandoned and reopened after '2'
    # --8<-- [end:stall]
