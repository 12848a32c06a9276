"""The server side of a website chat widget: a shared async client and a sandbox for each visitor.

`on_visitor_message` is the piece to wire into your web framework: forward each chunk it yields to
the browser (as Server-Sent Events, a WebSocket message, ...). The API key stays on your server.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import anyframe

# --8<-- [start:widget]
af = anyframe.AsyncAnyFrame()  # one client for the whole web app: it holds the connection pool


async def on_visitor_message(session_id: str, text: str) -> AsyncIterator[object]:
    """Forward one visitor turn to the agent and yield the reply, event by event."""
    sent = await af.sessions.message(session_id, {"prompt": text})
    # Start right after the visitor's own message, so the browser gets this turn only.
    async with af.sessions.events(session_id, last_event_id=str(sent["seq"])) as events:
        async for event in events:
            yield event.json()
            if event.event == "result":  # the turn is over: let the browser's request finish
                return


# --8<-- [end:widget]


async def main() -> None:
    # --8<-- [start:session]
    # Once, at deploy time: an agent with a built image.
    agent = await af.agents.create(name="site-helper", repo_url="tinyhq/box", install_cmd="bun install")
    await af.agents.build(agent.id)
    await af.agents.wait_for_build(agent.id)

    async def new_visitor_session() -> str:
        """Per visitor: a sandbox of their own, so conversations never mix."""
        session = await af.sessions.create(agent_id=agent.id)
        session = await af.sessions.wait_until_running(session.id)
        return session.id

    # --8<-- [end:session]

    # --8<-- [start:visitors]
    async def visitor(name: str, text: str) -> None:
        session_id = await new_visitor_session()
        async for payload in on_visitor_message(session_id, text):
            kind = payload.get("type") if isinstance(payload, dict) else None
            print(f"[{name}] {kind}")
        await af.sessions.terminate(session_id)

    # Two visitors chatting at the same time share the client and its connection pool.
    await asyncio.gather(visitor("alice", "What does this repo do?"), visitor("bob", "Are there tests?"))
    # --8<-- [end:visitors]

    await af.aclose()  # on application shutdown


if __name__ == "__main__":
    asyncio.run(main())
