"""What rides along with an agent: skills, agent-scoped MCP servers, and connector toggles."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(name="capable", repo_url="tinyhq/box", install_cmd="bun install")

# --8<-- [start:skills]
skill = af.agents.skills.create(
    agent.id,
    name="repo-tour",
    source="inline",
    content={
        "markdown": "---\nname: repo-tour\ndescription: Show a newcomer around\n---\nStart at README.md."
    },
)
print([s.name for s in af.agents.skills.list(agent.id)])  # ['repo-tour']

af.agents.skills.update(agent.id, skill.id, enabled=False)  # keep it, but do not load it
af.agents.skills.delete(agent.id, skill.id)
# --8<-- [end:skills]

# --8<-- [start:mcps]
mcp = af.agents.mcps.create(
    agent.id,
    name="local-fs",
    transport="stdio",
    config={"command": "npx", "args": ["@modelcontextprotocol/server-filesystem", "/work"]},
)
print([(m.name, m.transport, m.enabled) for m in af.agents.mcps.list(agent.id)])

af.agents.mcps.update(agent.id, mcp.id, config={"command": "npx", "args": ["-y", "mcp-fs", "/work"]})
af.agents.mcps.delete(agent.id, mcp.id)
# --8<-- [end:mcps]

# --8<-- [start:toggles]
# A connector is registered once, for your whole account (see the Connectors guide)...
connector = af.connectors.create_bearer(
    mcp_url="https://mcp.example.com/mcp", display_name="Example", token="bearer-secret"
)

# ...and every agent sees it, switched on or off.
for toggle in af.agents.connectors.list(agent.id):
    print(toggle.connector_id, toggle.display_name, toggle.enabled)

toggle = af.agents.connectors.set(agent.id, connector_id=connector.id, enabled=False)
print(toggle.display_name, "enabled for this agent:", toggle.enabled)
# --8<-- [end:toggles]

af.close()
