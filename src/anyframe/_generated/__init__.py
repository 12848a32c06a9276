"""Request builders generated from openapi.yaml by openapi-python-client. Never edit by hand: run `make generate`.

Internal to anyframe: nothing here is public API. `api/<tag>/<operation>.py` exposes `build_request(...)`,
`models/` the request-body schemas (attrs) used to serialise them.
"""
