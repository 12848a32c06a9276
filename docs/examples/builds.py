"""Builds: start one, wait for it, follow its live log, read the history, handle failures."""

from __future__ import annotations

import anyframe

af = anyframe.AnyFrame()
agent = af.agents.create(name="builder", repo_url="tinyhq/box", install_cmd="bun install")

# --8<-- [start:build]
queued = af.agents.build(agent.id)
print(queued.queued, queued.build_id)  # True 1

status = af.agents.wait_for_build(
    agent.id,
    timeout=600.0,
    on_status=lambda s: print("  build is", s.state),  # progress, once per poll
)
print(status.state, status.built_image_id)  # succeeded im_...
# --8<-- [end:build]

# --8<-- [start:cache]
again = af.agents.build(agent.id)
print(again.queued, again.reason)  # False cached: same repo, ref and install command

forced = af.agents.build(agent.id, force=True)  # rebuild regardless of the cache
print(forced.queued, forced.build_id)
# --8<-- [end:cache]

# --8<-- [start:stream]
for event in af.agents.stream_build(agent.id, forced.build_id):
    data = event.json()
    if not isinstance(data, dict):
        continue
    if event.event == "line":
        print(data["content"], end="")  # one line of the build's output
    elif event.event == "state":
        print("final state:", data["state"])  # the last event: the stream ends here

# A cached build queued nothing (`build_id` is None): the stream follows the latest build instead.
replayed = [event.event for event in af.agents.stream_build(agent.id, again.build_id)]
print(replayed[-1])  # state
# --8<-- [end:stream]

# --8<-- [start:history]
for build in af.agents.builds(agent.id, limit=5):  # newest first
    print(build.id, build.state, build.started_at, build.log_size)

latest = af.agents.builds(agent.id, limit=1)[0]
log = af.agents.build_log_url(agent.id, latest.id)  # a signed link to the archived log
print(log.url, f"valid for {log.expires_in}s")

print(af.agents.build_status(agent.id).state)  # the latest build only; no waiting
# --8<-- [end:history]

# --8<-- [start:failure]
broken = af.agents.create(name="broken", repo_url="tinyhq/box", install_cmd="bun install && exit 3")
af.agents.build(broken.id)
try:
    af.agents.wait_for_build(broken.id)
except anyframe.BuildFailedError as exc:
    print("build failed:", exc.build_status.error)
# --8<-- [end:failure]

af.close()
