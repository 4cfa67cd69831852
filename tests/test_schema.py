"""The committed JSON Schemas are generated from the models and must not go stale."""

from __future__ import annotations

import json

from gluteclaims.kb.models import Claim, Source
from gluteclaims.kb.schema import schema_files
from tests.conftest import REPO


def test_committed_schemas_are_current() -> None:
    for name, text in schema_files().items():
        committed = (REPO / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run `gluteclaims schema`"


def test_every_field_is_described() -> None:
    def walk(schema: dict, where: str) -> list[str]:
        missing = []
        for name, prop in schema.get("properties", {}).items():
            if "description" not in prop:
                missing.append(f"{where}.{name}")
        for def_name, sub in schema.get("$defs", {}).items():
            missing += walk(sub, def_name)
        return missing

    for model in (Claim, Source):
        assert walk(model.model_json_schema(), model.__name__) == []


def test_schema_forbids_unknown_fields() -> None:
    schema = json.loads(schema_files()["source.schema.json"])
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Identifiers"]["additionalProperties"] is False
