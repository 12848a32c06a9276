"""Configuration: every constructor setting, `.env` files, logging, and bringing your own httpx client."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import httpx

import anyframe

# --8<-- [start:constructor]
af = anyframe.AnyFrame(
    api_key=None,  # None: ANYFRAME_API_KEY from the shell, then from .env
    base_url=None,  # None: ANYFRAME_BASE_URL, then https://api.anyfrm.com
    timeout=30.0,  # seconds per request, or an httpx.Timeout
    load_dotenv=True,  # False: never read a .env file
    max_retries=2,  # retries of failed calls, when safe (see Retries & timeouts)
    stream_read_timeout=60.0,  # silence after which an event stream is reopened
)
print(af.base_url, af.timeout, af.max_retries)
# --8<-- [end:constructor]
af.close()

# --8<-- [start:dotenv]
home = os.getcwd()
with tempfile.TemporaryDirectory() as project:
    os.chdir(project)
    Path(".env").write_text("ANYFRAME_BASE_URL=https://staging.example.invalid\n")
    with anyframe.AnyFrame() as af:
        # The shell's ANYFRAME_BASE_URL wins when both set it; .env only fills gaps.
        print(af.base_url)
    with anyframe.AnyFrame(load_dotenv=False) as af:
        print(af.base_url)  # the shell's value or the default: the file is not read
    os.chdir(home)
# --8<-- [end:dotenv]

# --8<-- [start:logging]
logging.basicConfig(format="%(asctime)s %(name)s %(levelname)s %(message)s")
logging.getLogger("anyframe").setLevel(logging.DEBUG)  # one line per request, retry and reconnect

with anyframe.AnyFrame() as af:
    af.me()  # logs e.g. "GET /api/me -> 200 in 1.3ms (attempt 1, request id req_1)"

logging.getLogger("anyframe").setLevel(logging.WARNING)
# --8<-- [end:logging]


# --8<-- [start:http_client]
def show(request: httpx.Request) -> None:
    print("->", request.method, request.url.path)


http = httpx.Client(
    headers={"X-Team": "platform"},  # sent with every request
    event_hooks={"request": [show]},
    # proxy="http://proxy.internal:3128", verify="/etc/ssl/corp-ca.pem", transport=..., etc.
)
with anyframe.AnyFrame(http_client=http) as af:
    af.me()
http.close()  # the SDK leaves closing your client to you
# --8<-- [end:http_client]
