"""Take over a session that is already running (started from the web UI, say) and talk to it."""

from __future__ import annotations

import anyframe

# --8<-- [start:takeover]
af = anyframe.AnyFrame()  # reads ANYFRAME_API_KEY from the environment or a .env file

# The id is the last part of the session's URL in the web UI; here we take the first running one.
session = next(s for s in af.sessions.list() if s.status == "running")

# Send a turn over the same chat channel the web UI uses.
sent = af.sessions.message(session.id, {"text": "summarize what you've done so far"})

# Follow the reply live, starting right after our message; stop when the turn ends.
with af.sessions.events(session.id, last_event_id=str(sent["seq"])) as events:
    for event in events:
        print(event.event, event.json())
        if event.event == "result":
            break

af.close()
# --8<-- [end:takeover]
