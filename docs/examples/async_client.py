"""The async client: the same calls with `await`, streams with `async for`, and concurrent fan-out."""

from __future__ import annotations

import asyncio

from anyframe import AsyncAnyFrame


# --8<-- [start:async]
async def main() -> None:
    async with AsyncAnyFrame() as af:
        agent = await af.agents.create(name="demo", repo_url="tinyhq/box", install_cmd="bun install")
        await af.agents.build(agent.id)
        await af.agents.wait_for_build(agent.id)

        session = await af.sessions.create(agent_id=agent.id)
        session = await af.sessions.wait_until_running(session.id)

        await af.sessions.message(session.id, {"prompt": "hello"})
        async with af.sessions.events(session.id) as events:
            async for event in events:
                print(event.event, event.json())
                if event.event == "result":
                    break
        # --8<-- [end:async]

        # --8<-- [start:fanout]
        # Boot three sandboxes at once: the waits overlap instead of adding up.
        created = await asyncio.gather(*(af.sessions.create(agent_id=agent.id) for _ in range(3)))
        running = await asyncio.gather(*(af.sessions.wait_until_running(s.id) for s in created))
        print([s.status for s in running])

        # Reads fan out just as well; the client caps in-flight requests at its pool size.
        details = await asyncio.gather(*(af.sessions.get(s.id) for s in running))
        print(len(details), "sessions read concurrently")
        # --8<-- [end:fanout]

        await asyncio.gather(*(af.sessions.terminate(s.id) for s in [session, *running]))


asyncio.run(main())
