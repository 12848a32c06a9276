"""Drive a running local control plane over HTTP, as a test written in another language would."""

from __future__ import annotations

import httpx

import anyframe
import anyframe.testing

with anyframe.testing.serve() as plane:  # in real use: `python -m anyframe.testing` in another shell
    # --8<-- [start:control]
    control = httpx.Client(base_url=plane.url)  # the /_plane endpoints need no token

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

    # Also over HTTP: cut the next chat stream after two events.
    with httpx.Client(base_url=plane.url) as control:
        spec = {"kind": "cut_stream", "path": "/api/sessions/*/events", "after": 2}
        assert control.post("/_plane/faults", json=spec).status_code == 201
