from typing import Literal

McpCreateRequestTransport = Literal["http", "sse", "stdio"]

MCP_CREATE_REQUEST_TRANSPORT_VALUES: set[McpCreateRequestTransport] = {
    "http",
    "sse",
    "stdio",
}


def check_mcp_create_request_transport(value: str) -> McpCreateRequestTransport:
    if value in MCP_CREATE_REQUEST_TRANSPORT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MCP_CREATE_REQUEST_TRANSPORT_VALUES!r}")
