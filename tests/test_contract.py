"""Checks of `scripts/check_contract.py`, the `make check` step that holds the SDK to `openapi.yaml`.

Contracts pinned here:

- On the repository as it is, the public models agree with the spec's schemas and the spec's
  operations = the generated builders = the local plane's routes = the builders the curated layer uses.
- Each kind of disagreement is reported, naming the model field or the operation and what to fix: a
  property or field on one side only, `required` vs a default, null vs `| None`, a different type, a
  default that differs, known values (`x-known-values` vs the field's `Literal`, the discriminator
  mapping vs `AttentionKind`), a returned schema without a model, an operation without a builder, a
  plane route or a curated method, a plane route the spec lacks.
- The script exits non-zero on a mismatching spec, so `make check` fails.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import anyframe.testing._routes as routes
from anyframe.models import AnyFrameModel
from repo_scripts import SCRIPTS, load_script

CHECK = load_script("check_contract")
SPEC: dict[str, Any] = yaml.safe_load(CHECK.SPEC.read_text(encoding="utf-8"))


def _schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    schema: dict[str, Any] = spec["components"]["schemas"][name]
    return schema


def test_the_models_agree_with_the_spec() -> None:
    assert CHECK.model_problems(SPEC) == []


def test_the_operations_are_one_relation() -> None:
    assert CHECK.operation_problems(SPEC) == []


def _drop_property(spec: dict[str, Any]) -> None:
    del _schema(spec, "User")["properties"]["email"]


def _add_property(spec: dict[str, Any]) -> None:
    _schema(spec, "Session")["properties"]["vnc_url"] = {"type": ["string", "null"]}


def _unrequire(spec: dict[str, Any]) -> None:
    _schema(spec, "Agent")["required"].remove("name")


def _forbid_null(spec: dict[str, Any]) -> None:
    _schema(spec, "Session")["properties"]["sandbox_url"]["type"] = "string"


def _retype(spec: dict[str, Any]) -> None:
    _schema(spec, "Build")["properties"]["log_size"]["type"] = ["string", "null"]


def _retype_items(spec: dict[str, Any]) -> None:
    _schema(spec, "Agent")["properties"]["preview_ports"]["items"] = {"type": "string"}


def _change_default(spec: dict[str, Any]) -> None:
    _schema(spec, "Agent")["properties"]["runtime"]["default"] = "codex"


def _drop_default(spec: dict[str, Any]) -> None:
    del _schema(spec, "Credentials")["properties"]["codex"]["default"]


def _add_known_value(spec: dict[str, Any]) -> None:
    _schema(spec, "Connector")["properties"]["transport"]["x-known-values"].append("websocket")


def _drop_known_values(spec: dict[str, Any]) -> None:
    del _schema(spec, "Session")["properties"]["status"]["x-known-values"]


def _add_kind(spec: dict[str, Any]) -> None:
    _schema(spec, "AttentionItem")["discriminator"]["mapping"]["blocked"] = (
        "#/components/schemas/AttentionIdleItem"
    )


def _return_unmodelled_schema(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Invoice"] = {
        "type": "object",
        "properties": {"total": {"type": "integer"}},
    }
    ok = spec["paths"]["/api/me"]["get"]["responses"]["200"]
    ok["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/Invoice"}


def _return_unmodelled_schema_through_a_shared_response(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Invoice"] = {
        "type": "object",
        "properties": {"total": {"type": "integer"}},
    }
    spec["components"]["responses"]["InvoiceOk"] = {
        "description": "ok",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Invoice"}}},
    }
    spec["paths"]["/api/me"]["get"]["responses"]["200"] = {"$ref": "#/components/responses/InvoiceOk"}


MODEL_MISMATCHES: list[tuple[Callable[[dict[str, Any]], None], str]] = [
    (_drop_property, "User.email: in the model, not in the spec"),
    (_add_property, "Session.vnc_url: in the spec, not in the model"),
    (_unrequire, "Agent.name: the spec says optional, the model says the opposite"),
    (_forbid_null, "Session.sandbox_url: the spec forbids null, so the field should not allow None"),
    (_retype, "Build.log_size: the spec says str | None, the model says int | None"),
    (_retype_items, "Agent.preview_ports: the spec says list[str], the model says list[int]"),
    (_change_default, "Agent.runtime: default 'claude', the spec says 'codex'"),
    (_drop_default, "Credentials.codex: defaults to CredentialPart(set=False"),
    (
        _add_known_value,
        "Connector.transport: known values differ: spec ['http', 'sse', 'stdio', 'websocket']",
    ),
    (_drop_known_values, "Session.status: the field's Literal has known values the spec does not list"),
    (_add_kind, "AttentionItem.kind: known values differ: spec ['blocked', 'idle', 'paused', 'pending']"),
    (_return_unmodelled_schema, "schema Invoice: a 2xx answer returns it but no public model matches it"),
    (
        _return_unmodelled_schema_through_a_shared_response,
        "schema Invoice: a 2xx answer returns it but no public model matches it",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), MODEL_MISMATCHES, ids=[m.__name__ for m, _ in MODEL_MISMATCHES]
)
def test_a_model_mismatch_is_reported(mutate: Callable[[dict[str, Any]], None], expected: str) -> None:
    spec = copy.deepcopy(SPEC)
    mutate(spec)

    problems = CHECK.model_problems(spec)

    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_model_the_spec_does_not_have_is_reported() -> None:
    class Invoice(AnyFrameModel):
        total: int

    assert CHECK.model_problems(SPEC, {**CHECK.public_models(), "Invoice": Invoice}) == [
        "model Invoice: openapi.yaml has no schema 'Invoice' (add it, or rename the model)"
    ]


def test_a_field_the_spec_does_not_have_is_reported() -> None:
    class User(AnyFrameModel):
        id: int
        github_id: int
        login: str
        name: str | None = None
        avatar_url: str | None = None
        email: str | None = None
        plan: str | None = None
        org: str | None = None

    problems = CHECK.model_problems(SPEC, {**CHECK.public_models(), "User": User})

    assert problems == ["User.org: in the model, not in the spec (add the property)"]


def test_only_a_request_model_may_use_none_for_an_omitted_property() -> None:
    # `PreviewSpec` (a request-side pydantic model) has `port: int | None = None` for a property the
    # spec does not make nullable: fine for a request, where None means "leave it out"...
    assert CHECK.model_problems(SPEC) == []

    class PreviewSpec(AnyFrameModel):  # ...but not for a response model
        cmd: str
        port: int | None = None
        name: str | None = None

    problems = CHECK.model_problems(SPEC, {**CHECK.public_models(), "PreviewSpec": PreviewSpec})

    assert problems == [
        "PreviewSpec.name: the spec forbids null, so the field should not allow None",
        "PreviewSpec.port: the spec forbids null, so the field should not allow None",
    ]


def test_an_operation_nobody_implemented_is_reported_three_times() -> None:
    spec = copy.deepcopy(SPEC)
    spec["paths"]["/api/invoices"] = {
        "get": {
            "operationId": "list_invoices",
            "tags": ["identity"],
            "responses": {"200": {"description": "ok"}},
        }
    }

    problems = CHECK.operation_problems(spec)

    assert problems == [
        "GET /api/invoices: no generated builder anyframe._generated.api.identity.list_invoices for it (run `make generate`)",
        "GET /api/invoices: the local plane has no route (add a handler and its ROUTES entry to the resource's "
        "module in src/anyframe/testing/)",
        "GET /api/invoices: no curated method uses anyframe._generated.api.identity.list_invoices "
        "(wrap it in src/anyframe/_async)",
    ]


def test_an_operation_the_spec_dropped_is_reported() -> None:
    spec = copy.deepcopy(SPEC)
    del spec["paths"]["/api/attention"]

    problems = CHECK.operation_problems(spec)

    assert (
        "anyframe._generated.api.attention.list_attention: a generated builder for no operation"
        in problems[0]
    )
    assert "GET /api/attention: the local plane serves it but the spec has no such operation" in problems


def test_a_missing_plane_route_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes, "OPERATIONS", [r for r in routes.OPERATIONS if r[1] != "/api/attention"])

    assert CHECK.operation_problems(SPEC) == [
        "GET /api/attention: the local plane has no route (add a handler and its ROUTES entry to the resource's "
        "module in src/anyframe/testing/)"
    ]


def test_a_builder_no_curated_method_imports_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    used = CHECK._curated_builders()
    monkeypatch.setattr(
        CHECK, "_curated_builders", lambda: used - {"anyframe._generated.api.attention.list_attention"}
    )

    assert CHECK.operation_problems(SPEC) == [
        "GET /api/attention: no curated method uses anyframe._generated.api.attention.list_attention "
        "(wrap it in src/anyframe/_async)"
    ]


@pytest.mark.parametrize(
    ("template", "paths"),
    [
        ("/api/agents/{agent_id:int}/skills", ["/api/agents/{agent_id}/skills"]),
        ("/api/connectors/catalog/{slug}/oauth", ["/api/connectors/catalog/{slug}/oauth"]),
        ("/api/credentials/{kind:claude|codex}", ["/api/credentials/claude", "/api/credentials/codex"]),
    ],
)
def test_plane_route_templates_map_to_spec_paths(template: str, paths: list[str]) -> None:
    assert CHECK._route_paths(template) == paths


def test_the_script_fails_on_a_mismatching_spec(tmp_path: Path) -> None:
    spec = copy.deepcopy(SPEC)
    _unrequire(spec)
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")

    result = subprocess.run(
        [sys.executable, str(SCRIPTS / "check_contract.py"), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert "check_contract: Agent.name: the spec says optional" in result.stderr
