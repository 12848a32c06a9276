"""Take over a session that is already running (started from the web UI, say) and talk to it."""

from __future__ import annotations

import anyframe

# --8<-- [start:takeover]
af = anyframe.AnyFrame()  # reads ANYFRAME_API_KEY from the environment or a .env file

# The id is the last part of the session's URL in the web UI; here we take the first running one.
session = next(s for s in af.sessions.list() if s.status == "running")

# Send a turn over the same chat channel the web UI uses, and follow the agent's reply: this turn's
# events only, typed, until the `result` that ends it.
turn = af.sessions.turn(session.id, "summarize what you've done so far")
for payload in turn:
    print(payload.type, payload.model_dump(exclude_unset=True))

af.close()
# --8<-- [end:takeover]
