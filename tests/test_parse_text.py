"""The YAML reader refuses input that would read one way and show another: too deep, or with hidden characters."""

from __future__ import annotations

from gluteclaims.kb.parse import parse_record


def problems(text: str) -> list[tuple]:
    return [(p.code, p.line, p.column, p.message) for p in parse_record(text.encode("utf-8"), "x.yaml").problems]


def test_libyaml_own_flow_depth_limit_is_deep_nesting() -> None:
    assert problems("id: x\nnotes: " + "[" * 1100 + "]" * 1100 + "\n") == [("E009", 2, 1007, "nesting deeper than 32 levels")]


def test_libyaml_own_block_depth_limit_is_deep_nesting() -> None:
    text = "id: x\n" + "".join(" " * i + "a:\n" for i in range(1100))
    assert [p[0] for p in problems(text)] == ["E009"]
