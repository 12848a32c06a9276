"""Snapshots: list a session's captures, resume it, or fork a new session from one."""

from __future__ import annotations

import time

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(name="snapshots-demo", repo_url="tinyhq/box", install_cmd="bun install")
af.agents.build(agent.id)
af.agents.wait_for_build(agent.id)
session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)

# --8<-- [start:take]
af.sessions.terminate(session.id)  # terminating (or idling out) takes a snapshot
while af.sessions.get(session.id).status != "terminated":
    time.sleep(0.2)

snapshots = af.sessions.snapshots(session.id)  # newest first
for snap in snapshots:
    print(snap.id, snap.modal_image_id, snap.label, snap.created_at)
# --8<-- [end:take]

# --8<-- [start:resume]
resumed = af.sessions.resume(session.id)  # same session, rebooted from its latest snapshot
resumed = af.sessions.wait_until_running(resumed.id)
print(resumed.id == session.id, resumed.status)
# --8<-- [end:resume]

# --8<-- [start:fork]
fork = af.sessions.create(agent_id=agent.id, resume_from_snapshot_id=snapshots[0].id)
fork = af.sessions.wait_until_running(fork.id)  # a second sandbox with the same files and chat
print(fork.id != session.id, fork.status)
# --8<-- [end:fork]

af.sessions.terminate(resumed.id)
af.sessions.terminate(fork.id)
af.close()
