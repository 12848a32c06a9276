"""The Python SDK for the AnyFrame control plane.

```python
import anyframe

with anyframe.AnyFrame() as af:          # reads ANYFRAME_API_KEY from the environment or .env
    agent = af.agents.create(name="demo", repo_url="tinyhq/box", install_cmd="bun install")
    af.agents.build(agent.id)
    af.agents.wait_for_build(agent.id)
    session = af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id)
    print(session.sandbox_url)
```

Every public name of the modules below is importable from `anyframe`: the exceptions, the models, and
the two clients with the types their methods take and hand back. Each is written once, in the
`__all__` of the module defining it, and loaded on first use, so `import anyframe` stays cheap (a CLI
that only prints `anyframe.__version__` never imports pydantic or httpx). See `anyframe._exports`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._exports import LazyExports
from ._version import __version__ as __version__

# A name is loaded from the first source exporting it, and sources are read in this order until one
# does: the exceptions (imported by everything else anyway), the clients (the sync one imports no
# asyncio, so the types both export come from it), and the models last, since listing their names
# means reading ten source files (`anyframe.AnyFrame` reads three files, not fourteen).
_EXPORTS = LazyExports(
    __name__,
    (".exceptions", "._sync.client", "._async.client", "._sync.turns", "._async.turns", ".models"),
    extra=("__version__",),
)

if TYPE_CHECKING:
    __all__: list[str]  # built from the sources' `__all__` on first use
    from ._async.client import *
    from ._async.turns import *
    from ._sync.client import *
    from ._sync.turns import *
    from .exceptions import *
    from .models import *
else:
    __getattr__, __dir__ = _EXPORTS.hooks(globals())
