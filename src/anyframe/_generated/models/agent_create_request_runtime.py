from typing import Literal

AgentCreateRequestRuntime = Literal["claude", "codex"]

AGENT_CREATE_REQUEST_RUNTIME_VALUES: set[AgentCreateRequestRuntime] = {
    "claude",
    "codex",
}


def check_agent_create_request_runtime(value: str) -> AgentCreateRequestRuntime:
    if value in AGENT_CREATE_REQUEST_RUNTIME_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AGENT_CREATE_REQUEST_RUNTIME_VALUES!r}")
