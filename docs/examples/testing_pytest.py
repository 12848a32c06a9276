"""A pytest module testing your own code against the local control plane (run: `pytest this_file.py`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

import anyframe
import anyframe.testing


# --8<-- [start:fixtures]
@pytest.fixture(scope="session")
def plane() -> Iterator[anyframe.testing.LocalControlPlane]:
    # One plane for the whole test run; a small time scale makes builds and boots take milliseconds.
    with anyframe.testing.serve(time_scale=0.05) as plane:
        yield plane


@pytest.fixture
def af(plane: anyframe.testing.LocalControlPlane) -> Iterator[anyframe.AnyFrame]:
    plane.faults.clear()
    plane.requests.clear()
    with anyframe.AnyFrame(api_key=plane.api_key, base_url=plane.url, load_dotenv=False) as client:
        yield client


# --8<-- [end:fixtures]


# --8<-- [start:tests]
def start_reviewer(af: anyframe.AnyFrame) -> anyframe.Session:
    """The code under test: build the reviewer agent and boot a sandbox for it."""
    agent = af.agents.create(name="reviewer", repo_url="tinyhq/box", install_cmd="bun install")
    af.agents.build(agent.id)
    af.agents.wait_for_build(agent.id, poll_interval=0.05)
    return af.sessions.wait_until_running(af.sessions.create(agent_id=agent.id).id, poll_interval=0.05)


def test_start_reviewer_boots_a_running_session(af: anyframe.AnyFrame) -> None:
    session = start_reviewer(af)
    assert session.status == "running"
    assert session.sandbox_url


def test_start_reviewer_survives_a_flaky_status_endpoint(
    af: anyframe.AnyFrame, plane: anyframe.testing.LocalControlPlane
) -> None:
    plane.faults.add(method="GET", path="/api/agents/*/build/status", status=503, times=1)
    assert start_reviewer(af).status == "running"


def test_start_reviewer_does_not_replay_a_failed_create(
    af: anyframe.AnyFrame, plane: anyframe.testing.LocalControlPlane
) -> None:
    plane.faults.add(method="POST", path="/api/agents", status=500, times=1)
    with pytest.raises(anyframe.ServerError):
        start_reviewer(af)
    assert len(plane.requests.filter(method="POST", path="/api/agents")) == 1  # never replayed


# --8<-- [end:tests]


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
