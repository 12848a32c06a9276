"""From nothing to a running sandbox: create an agent, build its image, boot a session."""

from __future__ import annotations

# --8<-- [start:scratch]
import anyframe

with anyframe.AnyFrame() as af:
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
# --8<-- [end:scratch]
