"""The route table: every operation of `openapi.yaml`, each mapped to its handler (`make check` proves
the table and the spec hold the same operations).

Each handler module declares the operations it serves in a `ROUTES` list, in the contract's order (§3),
next to the handlers, so a reviewer can check paths and methods against the endpoint index line by line.
Templates are written exactly as the spec writes them: the router refuses a route the spec does not
declare. Path parameter types, query parameters and request bodies come from the spec, not from here.
"""

from __future__ import annotations

from . import _accounts as acc
from . import _agents as ag
from . import _attention as att
from . import _builds as bld
from . import _chat as chat
from . import _connectors as con
from . import _previews as prv
from . import _sessions as ses
from ._routing import Handler, Router
from ._spec import Spec

__all__ = ["OPERATIONS", "build_router"]

# Each handler module lists its own operations next to their handlers (adding an endpoint touches one
# plane module); gathered here in the contract's order.
OPERATIONS: list[tuple[str, str, Handler]] = [
    *acc.ROUTES, *con.ROUTES, *ag.ROUTES, *bld.ROUTES, *ses.ROUTES, *chat.ROUTES, *prv.ROUTES, *att.ROUTES,
]  # fmt: skip


def build_router(spec: Spec) -> Router:
    """Return a router holding every operation of the table.

    Args:
        spec: The spec the routes are checked against and validated with.
    """
    router = Router(spec)
    for method, template, handler in OPERATIONS:
        router.add(method, template, handler)
    return router
