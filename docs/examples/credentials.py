"""Credentials: store the secrets your sandboxes use; reads only ever show a redacted view."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()

# --8<-- [start:credentials]
af.credentials.set_claude("sk-ant-oat01-example-token")  # Claude runtime
af.credentials.set_github("ghp_exampleexampleexample")  # optional: private repos

view = af.credentials.get()
print(view.claude.set, view.claude.last4)  # True 'oken'
print(view.codex.set)  # False: never stored
print(view)  # safe to log: no secret in it

af.credentials.clear_github()
print(af.credentials.get().github.set)  # False
# --8<-- [end:credentials]

af.credentials.set_codex("sk-proj-example")
af.credentials.clear_claude()
af.credentials.clear_codex()
af.close()
