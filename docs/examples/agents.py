"""Agents: create, list, read, change and delete the reusable sandbox recipe."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()

# --8<-- [start:create]
agent = af.agents.create(
    name="my-agent",
    description="Triages bugs on the box repo",
    system_prompt="You are a careful, terse engineer.",
    repo_url="tinyhq/box",
    repo_ref="main",
    install_cmd="bun install",
    serve_cmd="bun dev",
    preview_ports=[3000],
    env_vars={"NODE_ENV": "development"},
)
print(agent.id, agent.runtime, agent.env_vars)  # env var values always come back as "****"
# --8<-- [end:create]

# --8<-- [start:minimal]
general = af.agents.create(name="general-purpose")  # no repo: a blank sandbox
print(general.repo_url, general.runtime)  # None claude  (the server's defaults)
# --8<-- [end:minimal]

# --8<-- [start:read]
for summary in af.agents.list():
    print(summary.id, summary.name, summary.repo_url)

detail = af.agents.get(agent.id)  # an AgentDetail: the summary plus skills, MCPs, toggles, image
print(len(detail.skills), len(detail.mcps), len(detail.connectors), detail.image)
# --8<-- [end:read]

# --8<-- [start:update]
detail = af.agents.update(agent.id, system_prompt="Be brief.", preview_ports=[3000, 4000])
print(detail.system_prompt, detail.preview_ports)
# --8<-- [end:update]

# --8<-- [start:checks]
try:
    af.agents.create(name="bad-env", env_vars={"not-valid": "x"})
except anyframe.InvalidArgumentError as exc:  # caught locally: nothing was sent
    print(exc)

try:
    af.agents.update(agent.id, sytem_prompt="typo")  # type: ignore[call-arg]  # misspelt: mypy sees it too
except anyframe.InvalidArgumentError as exc:
    print(exc)
# --8<-- [end:checks]

# --8<-- [start:delete]
af.agents.delete(general.id)  # also removes its skills, MCPs, builds and sessions
try:
    af.agents.get(general.id)
except anyframe.NotFoundError:
    print("gone")
# --8<-- [end:delete]

af.close()
