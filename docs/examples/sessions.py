"""Sessions: boot a sandbox, inspect it, terminate it, resume it, delete it."""

from __future__ import annotations

import time

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(name="sessions-demo", repo_url="tinyhq/box", install_cmd="bun install")
af.agents.build(agent.id)
af.agents.wait_for_build(agent.id)

# --8<-- [start:boot]
session = af.sessions.create(agent_id=agent.id, idle_timeout_s=300)
print(session.status)  # booting: create() returns at once

session = af.sessions.wait_until_running(
    session.id,
    timeout=180.0,
    on_status=lambda s: print("  still", s.status),
)
print(session.status, session.sandbox_url)
# --8<-- [end:boot]

# --8<-- [start:inspect]
for s in af.sessions.list():  # newest first
    print(s.id, s.agent_id, s.status, s.last_active)

session = af.sessions.get(session.id)
print(session.idle_timeout_s, session.previews)
# --8<-- [end:inspect]


# --8<-- [start:wait_ended]
def wait_until_terminated(session_id: str, timeout: float = 60.0) -> anyframe.Session:
    """Terminating snapshots first; poll until the sandbox is really gone."""
    deadline = time.monotonic() + timeout
    while True:
        current = af.sessions.get(session_id)
        if current.status in ("terminated", "error") or time.monotonic() > deadline:
            return current
        time.sleep(0.5)


# --8<-- [end:wait_ended]


# --8<-- [start:lifecycle]
af.sessions.terminate(session.id)  # snapshot, then stop; safe to call twice
session = wait_until_terminated(session.id)
print(session.status, session.snapshot_image_id)  # terminated im_...

session = af.sessions.resume(session.id)  # boots again from the latest snapshot
session = af.sessions.wait_until_running(session.id)
print("resumed:", session.status)

try:
    af.sessions.delete(session.id)  # refused while the sandbox is live
except anyframe.ConflictError as exc:
    print("cannot delete yet:", exc.message)

af.sessions.terminate(session.id)
wait_until_terminated(session.id)
af.sessions.delete(session.id)  # removes the row for good
# --8<-- [end:lifecycle]

af.close()
