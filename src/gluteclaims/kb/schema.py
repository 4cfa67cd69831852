"""JSON Schemas for editors, generated from the models so they are never written twice."""

from __future__ import annotations

import json
from pathlib import Path

from gluteclaims.kb.models import RECORD_TYPES

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_files() -> dict[str, str]:
    """File name to JSON text of each record type's schema."""
    files = {}
    for kind, model in RECORD_TYPES.items():
        name = f"{kind[:-1]}.schema.json"
        schema = {
            "$schema": DIALECT,
            "$id": f"https://gluteclaims.example.org/{SCHEMA_DIR}/{name}",
            **model.model_json_schema(),
        }
        files[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return files


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into folder; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
