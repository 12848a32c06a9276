"""The ways to give the client its API key, and a first call to check that it works."""

from __future__ import annotations

import os

import anyframe

# --8<-- [start:implicit]
# Implicit: ANYFRAME_API_KEY from the shell, else from a .env file in the working directory.
af = anyframe.AnyFrame()
# --8<-- [end:implicit]
af.close()

# --8<-- [start:explicit]
# Explicit: wherever your application keeps its secrets.
af = anyframe.AnyFrame(api_key=os.environ["ANYFRAME_API_KEY"])
# --8<-- [end:explicit]
af.close()

# --8<-- [start:library]
# Inside a library: take the key from your caller, and never read the host's .env file.
af = anyframe.AnyFrame(api_key=os.environ["ANYFRAME_API_KEY"], load_dotenv=False)
# --8<-- [end:library]
af.close()

# --8<-- [start:probe]
with anyframe.AnyFrame() as af:
    me = af.me()  # the cheapest call: proves the key works
    print(f"signed in as {me.login} (user #{me.id})")
    print(af)  # the key is masked in the repr
# --8<-- [end:probe]
