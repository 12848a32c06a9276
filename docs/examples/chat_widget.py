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
last_seq: dict[str, int] = {}  # per visitor session, where its next turn starts


async def on_visitor_message(session_id: str, text: str) -> AsyncIterator[dict[str, object]]:
    """Forward one visitor turn to the agent and yield the reply, event by event, until it ends."""
    turn = await af.sessions.turn(session_id, text, since=last_seq.get(session_id))
    async with turn:  # the browser may leave mid-turn: the stream is closed then
        async for payload in turn:  # this turn only: nothing of the history, nothing twice
            yield payload.model_dump(exclude_unset=True)  # the event as the agent sent it
    last_seq[session_id] = turn.last_seq


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
            print(f"[{name}] {payload['type']}")
        await af.sessions.terminate(session_id)

    # Two visitors chatting at the same time share the client and its connection pool.
    await asyncio.gather(visitor("alice", "What does this repo do?"), visitor("bob", "Are there tests?"))
    # --8<-- [end:visitors]

    await af.aclose()  # on application shutdown


if __name__ == "__main__":
    asyncio.run(main())
