"""Chat: send turns, follow the reply live, answer a permission prompt, replay the transcript."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(name="chat-demo", repo_url="tinyhq/box", install_cmd="bun install")
af.agents.build(agent.id)
af.agents.wait_for_build(agent.id)
session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)

# --8<-- [start:message]
sent = af.sessions.message(session.id, {"prompt": "list the files in the repo"})
print(sent)  # {'ok': True, 'seq': 1}: the seq of your message in the chat
# --8<-- [end:message]

# --8<-- [start:events]
checkpoint: str | None = None  # the id of the last event seen
with af.sessions.events(session.id) as events:  # replays the history, then follows live
    for event in events:
        print(event.id, event.event, event.json())
        checkpoint = event.id
        if event.event == "result":  # one turn is over; the stream would keep waiting for more
            break
# --8<-- [end:events]

# --8<-- [start:permission]
af.sessions.message(session.id, {"prompt": "clean the build folder, but ask for permission first"})
with af.sessions.events(session.id, last_event_id=checkpoint) as events:  # only what is new
    for event in events:
        payload = event.json()
        if event.event == "permission_request" and isinstance(payload, dict):
            print("agent asks to run", payload["tool_name"], payload["input"])
            af.sessions.respond(session.id, {"request_id": payload["request_id"], "decision": "approve"})
        elif event.event == "result":
            break
# --8<-- [end:permission]

# --8<-- [start:transcript]
for evt in af.sessions.transcript(session.id, since=0, limit=1000):
    print(evt.seq, evt.kind, evt.created_at)

# Page through a long chat: pass the last seq you have as `since`.
since = 0
while page := af.sessions.transcript(session.id, since=since, limit=5):
    since = page[-1].seq
print("events in the chat:", since)
# --8<-- [end:transcript]

af.sessions.terminate(session.id)
af.close()
