"""Drive a running local control plane over HTTP, as a test written in another language would."""

from __future__ import annotations

import httpx

import anyframe
import anyframe.testing

with anyframe.testing.serve() as plane:  # in real use: `python -m anyframe.testing` in another shell
    # --8<-- [start:control]
    # The /_plane endpoints need the plane's control token (printed by `python -m anyframe.testing`).
    control = httpx.Client(base_url=plane.url, headers={"Authorization": f"Bearer {plane.control_token}"})

    rule = control.post("/_plane/faults", json={"path": "/api/me", "status": 503, "times": 1})
    print(rule.status_code, rule.json()["kind"], rule.json()["times"])  # 201 response 1
    print(len(control.get("/_plane/faults").json()), "active rule(s)")

    with anyframe.AnyFrame(api_key=plane.api_key, base_url=plane.url) as af:
        af.me()  # 503 first, retried, then 200

    for record in control.get("/_plane/requests").json():
        print(record["method"], record["path"], record["status"])

    control.delete("/_plane/faults")  # remove every rule
    control.delete("/_plane/requests")  # forget the log
    print(control.get("/_plane/health").json()["ok"])
    control.close()
    # --8<-- [end:control]

    # --8<-- [start:remote]
    # From Python in another process, PlaneControl does the same (standard library only).
    remote = anyframe.testing.PlaneControl(plane.url, plane.control_token)  # or PlaneControl.from_env()
    remote.add_fault("cut_stream", path="/api/sessions/*/events", after=2)  # cut the next chat stream
    print([rule["kind"] for rule in remote.faults()])  # ['cut_stream']
    try:
        remote.add_fault(path="/api/agent", status=503)  # a typo: refused, never silently ignored
    except ValueError as exc:
        print("refused:", exc)
    remote.clear_faults()
    # --8<-- [end:remote]
