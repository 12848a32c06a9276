"""The attention rail: sessions waiting on a human, most urgent first."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(name="rail-demo", repo_url="tinyhq/box", install_cmd="bun install")
af.agents.build(agent.id)
af.agents.wait_for_build(agent.id)
blocked = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)
af.sessions.message(blocked.id, {"prompt": "delete the build folder, with my permission"})
with af.sessions.events(blocked.id) as events:  # wait until the agent asks
    for event in events:
        if event.event == "permission_request":
            break

# --8<-- [start:rail]
for item in af.attention.list(limit=20):
    if isinstance(item, anyframe.AttentionPendingItem):
        # The agent is blocked on a permission request or a question: answer it.
        print("pending:", item.agent_name, item.preview)
        af.sessions.respond(
            item.session_id, {"request_id": item.payload["request_id"], "decision": "approve"}
        )
    elif isinstance(item, anyframe.AttentionIdleItem):
        print("idle:", item.agent_name, "is waiting for the next prompt")  # a running session
    elif isinstance(item, anyframe.AttentionPausedItem):
        print("paused:", item.agent_name, "- resume it?")  # paused in the last 24 hours
    else:
        print("new kind of item:", item.kind)  # a kind this SDK version does not know yet
# --8<-- [end:rail]

af.sessions.terminate(blocked.id)
af.close()
