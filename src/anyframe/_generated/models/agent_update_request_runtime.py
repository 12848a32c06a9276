from typing import Literal

AgentUpdateRequestRuntime = Literal["claude", "codex"]

AGENT_UPDATE_REQUEST_RUNTIME_VALUES: set[AgentUpdateRequestRuntime] = {
    "claude",
    "codex",
}


def check_agent_update_request_runtime(value: str) -> AgentUpdateRequestRuntime:
    if value in AGENT_UPDATE_REQUEST_RUNTIME_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AGENT_UPDATE_REQUEST_RUNTIME_VALUES!r}")
