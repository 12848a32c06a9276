"""Streams: follow a build log and a chat live, resume from a checkpoint, tune the stream's timeouts."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(name="streams-demo", repo_url="tinyhq/box", install_cmd="bun install")

# --8<-- [start:build_log]
queued = af.agents.build(agent.id)
if queued.build_id is None:  # an image of this repo, ref and install command exists: nothing to build
    print("nothing to build:", queued.reason)
else:
    for event in af.agents.stream_build(agent.id, queued.build_id):
        data = event.json()
        if event.event == "line" and isinstance(data, dict):
            print(data["content"], end="")
        elif event.event == "state" and isinstance(data, dict):
            print("[state]", data["state"])  # the last event: the loop ends by itself
# --8<-- [end:build_log]

af.agents.wait_for_build(agent.id)
session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)
af.sessions.message(session.id, {"prompt": "run the tests"})

# --8<-- [start:checkpoint]
checkpoint: str | None = None
with af.sessions.events(session.id) as events:
    for event in events:
        print(event.id, event.event)
        checkpoint = event.id  # remember how far you got
        if event.event == "result":
            break

# Later, or in another process: pick up exactly where you left off.
af.sessions.message(session.id, {"prompt": "and now the linter"})
with af.sessions.events(session.id, last_event_id=checkpoint) as events:
    for event in events:
        print(event.id, event.event)  # only events after the checkpoint
        if event.event == "result":
            break
# --8<-- [end:checkpoint]

# --8<-- [start:context]
with af.sessions.events(session.id) as events:  # closes the connection when the block ends
    first = next(iter(events))
    print("first event of the chat:", first.id, first.event, first.json())
# --8<-- [end:context]

# --8<-- [start:options]
# No automatic reconnect: a dropped connection raises APIConnectionError instead.
strict_stream = af.sessions.events(session.id, reconnect=False)

# Treat 20 s without a byte (not even a keep-alive) as a dead connection, for this client copy.
impatient = af.with_options(stream_read_timeout=20.0)
lively_stream = impatient.sessions.events(session.id)
# --8<-- [end:options]
strict_stream.close()
lively_stream.close()

af.sessions.terminate(session.id)
af.close()
