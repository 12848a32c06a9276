"""Previews: run dev servers inside the sandbox and reach them through a tunnel URL."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(
    name="web-app",
    repo_url="tinyhq/box",
    install_cmd="bun install",
    serve_cmd="bun dev",
    preview_ports=[3000],
)
af.agents.build(agent.id)
af.agents.wait_for_build(agent.id)
session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)

# --8<-- [start:start]
result = af.sessions.previews_start(session.id, cmd="bun dev", port=3000, name="web")
if result.ok:
    print(result.name, result.status, result.url)  # web running https://...
else:
    print("could not start:", result.error)
# --8<-- [end:start]

# --8<-- [start:inspect]
print(af.sessions.previews_status(session.id, name="web").status)
for preview in af.sessions.previews_list(session.id):
    print(preview.port, preview.name, preview.status, preview.url)

logs = af.sessions.previews_logs(session.id, name="web", tail=20)
print(logs)  # the raw answer: {'lines': [...]}

print([p.name for p in af.sessions.get(session.id).previews])  # also on the session itself
# --8<-- [end:inspect]

# --8<-- [start:stop]
stopped = af.sessions.previews_stop(session.id, name="web")  # or port=3000
print(stopped.ok, stopped.status)
# --8<-- [end:stop]

# --8<-- [start:batch]
batch = af.sessions.previews_batch_start(
    session.id,
    [
        anyframe.PreviewSpec(cmd="bun dev", port=3000, name="web"),
        {"cmd": "bun run api", "port": 4000, "name": "api"},  # a dict with the same keys works too
    ],
)
print(batch.ok, batch.restart_pending, [p.url for p in batch.previews])
# --8<-- [end:batch]

# --8<-- [start:spec_checks]
try:
    anyframe.PreviewSpec(cmd="", port=70000)
except ValueError as exc:  # a pydantic.ValidationError, raised before anything is sent
    print("bad spec:", exc)
# --8<-- [end:spec_checks]

af.sessions.terminate(session.id)
af.close()
