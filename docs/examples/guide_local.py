"""Run the user guide's examples, unchanged, against a local control plane started from a shell.

This script does what the page asks you to do by hand: start `python -m anyframe.testing --seed` in
another process, take the `export` line it prints, then run the guide's "Take over a web session" and
"Build a fresh agent from scratch" code as written.
"""

from __future__ import annotations

import os
import subprocess
import sys


# --8<-- [start:start]
# In a terminal (the plane prints this once its seeded session is running):
#
#   $ python -m anyframe.testing --seed
#   seeded agent 1 (demo) and session 5f0c...-..., running
#   AnyFrame local control plane listening on http://127.0.0.1:53117
#   API key: afm_...
#   Control token (for /_plane): plane_...
#   export ANYFRAME_API_KEY=afm_... ANYFRAME_BASE_URL=http://127.0.0.1:53117 ANYFRAME_PLANE_TOKEN=plane_...
#   Press Ctrl-C to stop.
#
# Copy the export line into the shell where you run the guide's scripts.
# --8<-- [end:start]
def run_the_guide() -> None:
    """The guide's two first examples, as written (the events loop stops at the end of the turn)."""
    # --8<-- [start:takeover]
    import anyframe

    af = anyframe.AnyFrame()
    # Grab the session id from the web UI's URL, or list and pick one:
    session = next(s for s in af.sessions.list() if s.status == "running")
    # Send a turn - same channel the web UI uses.
    af.sessions.message(session.id, {"text": "summarize what you've done so far"})
    # Watch the agent respond. Ctrl-C when you've seen enough.
    for event in af.sessions.events(session.id):
        print(event.event, event.json())
        if event.event == "result":  # the local agent's turn always ends with a `result`
            break
    # --8<-- [end:takeover]

    # --8<-- [start:quickstart]
    agent = af.agents.create(
        name="demo",
        repo_url="tinyhq/box",
        install_cmd="bun install",
    )
    af.agents.build(agent.id)
    af.agents.wait_for_build(agent.id)
    session = af.sessions.create(agent_id=agent.id)
    session = af.sessions.wait_until_running(session.id)
    print(session.sandbox_url)
    # --8<-- [end:quickstart]
    af.close()


with subprocess.Popen(
    [sys.executable, "-m", "anyframe.testing", "--seed", "--time-scale", "0.2"],
    stdout=subprocess.PIPE,
    text=True,
) as plane:
    assert plane.stdout is not None
    for line in plane.stdout:
        if line.startswith("export "):
            for pair in line.split()[1:]:  # what `export` does
                name, _, value = pair.partition("=")
                os.environ[name] = value
        if line.startswith("Press Ctrl-C"):
            break
    print("local plane at", os.environ["ANYFRAME_BASE_URL"])
    try:
        run_the_guide()
    finally:
        plane.terminate()  # what Ctrl-C does
