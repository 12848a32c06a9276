"""The documentation site builds cleanly and documents the whole public surface.

Contracts pinned here (skipped when mkdocs is not installed, i.e. without the `docs` extra):

- `mkdocs build --strict` succeeds: no broken links, cross-references, includes or nav entries;
- every public class (every class in `anyframe.__all__`, the sync and async resource managers, the
  `anyframe.testing` API) has an anchor in the API reference, and nothing from `anyframe._generated`
  is documented;
- the reference shows method signatures: every public method of every resource manager appears,
  e.g. `previews_start` on the `af.sessions` page;
- resource pages are titled with the public access path (`af.sessions`, `af.agents.skills`, ...);
- the search index exists and covers the guides; included example code is rendered, with the
  snippet markers stripped.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import anyframe
import anyframe.testing
from anyframe._sync import agent_parts, agents, attention, connectors, credentials, sessions, tokens

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings_handlers.python")

ROOT = Path(__file__).resolve().parents[2]

# (reference page, public access path, class) for every resource manager.
RESOURCES: list[tuple[str, str, type]] = [
    ("agents", "af.agents", agents.Agents),
    ("agents", "af.agents.skills", agent_parts.Skills),
    ("agents", "af.agents.mcps", agent_parts.Mcps),
    ("agents", "af.agents.connectors", agent_parts.AgentConnectors),
    ("sessions", "af.sessions", sessions.Sessions),
    ("connectors", "af.connectors", connectors.Connectors),
    ("credentials", "af.credentials", credentials.CredentialsResource),
    ("tokens", "af.tokens", tokens.Tokens),
    ("attention", "af.attention", attention.Attention),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def _reference(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((site / "reference").rglob("*.html")))


def _public_methods(cls: type) -> list[str]:
    return [name for name, _ in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")]


@pytest.mark.timeout(300)
def test_every_public_class_has_an_anchor_in_the_reference(site: Path) -> None:
    html = _reference(site)
    missing = []
    for name in anyframe.__all__:
        value = getattr(anyframe, name)
        if not inspect.isclass(value):
            continue
        module = value.__module__
        # A model is documented where it is public (`anyframe.models.Agent`), not in its private module.
        candidates = [
            f'id="anyframe.{name}"',
            f'id="{module}.{name}"',
            f'id="{module.split("._")[0]}.{name}"',
        ]
        if not any(c in html for c in candidates):
            missing.append(name)
    for name in anyframe.testing.__all__:
        if f'id="anyframe.testing.{name}"' not in html:
            missing.append(f"testing.{name}")
    assert missing == []


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("page", "access", "cls"), RESOURCES, ids=[r[1] for r in RESOURCES])
def test_resource_pages_show_each_method_under_the_public_access_path(
    site: Path, page: str, access: str, cls: type
) -> None:
    html = _html(site, f"reference/{page}")
    anchor = f"{cls.__module__}.{cls.__name__}"
    assert f'id="{anchor}"' in html
    assert access in html
    for method in _public_methods(cls):
        assert f'id="{anchor}.{method}"' in html, f"{access}.{method} is not documented"
    async_html = _html(site, "reference/async-resources")
    async_cls = f"anyframe._async.{cls.__module__.rsplit('.', 1)[1]}.Async{cls.__name__}"
    for method in _public_methods(cls):
        assert f'id="{async_cls}.{method}"' in async_html, f"async {access}.{method} is not documented"


@pytest.mark.timeout(300)
def test_method_signatures_are_rendered(site: Path) -> None:
    html = _html(site, "reference/sessions")
    assert 'id="anyframe._sync.sessions.Sessions.previews_start"' in html
    # The signature block of previews_start names its keyword arguments.
    start = html.index('id="anyframe._sync.sessions.Sessions.previews_start"')
    signature = html[start : start + 6000]
    for parameter in ("session_id", "cmd", "port", "name"):
        assert parameter in signature
    client = _html(site, "reference/client")
    assert 'id="anyframe.AnyFrame.with_options"' in client
    assert 'id="anyframe.AsyncAnyFrame.aclose"' in client


@pytest.mark.timeout(300)
def test_generated_code_is_not_documented(site: Path) -> None:
    assert "anyframe._generated" not in _reference(site)


@pytest.mark.timeout(300)
def test_search_index_covers_the_guides(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for page in ("quickstart/", "guides/sessions/", "streaming/", "testing/", "reference/sessions/"):
        assert page in locations


@pytest.mark.timeout(300)
def test_included_examples_are_rendered_without_snippet_markers(site: Path) -> None:
    html = _html(site, "quickstart")
    assert "wait_until_running" in html
    assert "on_visitor_message" in html
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "--8&lt;--" not in text, page
        assert "--8<--" not in text, page
