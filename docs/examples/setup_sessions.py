"""Setup sessions: prepare a sandbox by hand once, then make every new session start from it."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(name="warm-start", repo_url="tinyhq/box", install_cmd="bun install")
af.agents.build(agent.id)
af.agents.wait_for_build(agent.id)

# --8<-- [start:setup]
setup = af.sessions.create(agent_id=agent.id, is_setup_session=True)
setup = af.sessions.wait_until_running(setup.id)
print(setup.is_setup_session)  # True

# ... seed it: chat with the agent, let it clone extra repos, warm caches ...
af.sessions.message(setup.id, {"prompt": "install the dev tools and warm the test cache"})

result = af.sessions.save_as_base(setup.id)  # may be repeated: each call replaces the base
print(result.warmup_image_id, result.warmup_inputs_hash)

print(af.agents.get(agent.id).warmup_image_id)  # new sessions of this agent hydrate from it
# --8<-- [end:setup]

# --8<-- [start:not_setup]
normal = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)
try:
    af.sessions.save_as_base(normal.id)
except anyframe.ValidationError as exc:  # HTTP 400: only setup sessions can be promoted
    print(exc.status_code, exc.message)
# --8<-- [end:not_setup]

af.sessions.terminate(setup.id)
af.sessions.terminate(normal.id)
af.close()
