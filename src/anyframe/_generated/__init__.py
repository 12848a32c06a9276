"""Request builders generated from openapi.yaml by openapi-python-client. Never edit by hand: run `make generate`.

Internal to anyframe: nothing here is public API. `api/<tag>/<operation>.py` exposes `build_request(...)`;
`models/` holds the attrs classes of the request bodies (and of the schemas they nest), used to serialise
them. Responses are not generated here: the curated layer validates them into `anyframe.models`, and
`scripts/generate.py` drops every module no request builder reaches.
"""
