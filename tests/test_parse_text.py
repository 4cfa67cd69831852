"""The YAML reader refuses input that would read one way and show another: too deep, or with hidden characters."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gluteclaims.kb.load import load_one
from gluteclaims.kb.parse import _HIDDEN, parse_record


def problems(text: str) -> list[tuple]:
    return [(p.code, p.line, p.column, p.message) for p in parse_record(text.encode("utf-8"), "x.yaml").problems]


def test_libyaml_own_flow_depth_limit_is_deep_nesting() -> None:
    assert problems("id: x\nnotes: " + "[" * 1100 + "]" * 1100 + "\n") == [
        ("E009", 2, 1007, "nesting deeper than 32 levels")
    ]


def test_libyaml_own_block_depth_limit_is_deep_nesting() -> None:
    text = "id: x\n" + "".join(" " * i + "a:\n" for i in range(1100))
    assert [p[0] for p in problems(text)] == ["E009"]


HINT = "delete it: it does not show, yet it changes how the text is displayed, searched and compared"


def test_hidden_characters_are_errors_at_their_line_and_column() -> None:
    text = (
        'id: x\ntitle: "a\\u200bb"\nnotes: |\n  fine\n  bad \u202e here\nlist:\n  - ok\n  - '
        '"\\e[31m"\nk\u2060ey: 1\ndoi: 10.1/a\ufeffb\n'
    )
    found = parse_record(text.encode("utf-8"), "x.yaml")
    assert found.problems == []
    assert [(p.code, p.line, p.column, p.message, p.hint) for p in found.hidden] == [
        ("E010", 2, 8, "hidden character U+200B (ZERO WIDTH SPACE) in the value of 'title'", HINT),
        ("E010", 5, 7, "hidden character U+202E (RIGHT-TO-LEFT OVERRIDE) in the value of 'notes'", HINT),
        ("E010", 8, 5, "hidden character U+001B (a control character) in a list item", HINT),
        ("E010", 9, 2, "hidden character U+2060 (WORD JOINER) in the key 'k\\u2060ey'", HINT),
        ("E010", 10, 12, "hidden character U+FEFF (ZERO WIDTH NO-BREAK SPACE) in the value of 'doi'", HINT),
    ]
    assert found.data["title"] == "a\u200bb"


@pytest.mark.parametrize(
    "char",
    [
        "\x00",
        "\x07",
        "\r",
        "\x0b",
        "\x7f",
        "\x85",
        "\x9b",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
    ],
)
def test_every_hidden_character_is_caught_written_as_an_escape(char: str) -> None:
    found = parse_record(f'id: x\ntitle: "a\\u{ord(char):04x}b"\n'.encode(), "x.yaml")
    assert [(p.code, p.line, p.column) for p in found.hidden] == [("E010", 2, 8)]


@pytest.mark.parametrize(
    "text",
    [
        'title: "a\\tb\\nc"\n',
        "title: |\n  two\n  lines\n",
        "title: é — ü 中文 \u00a0 \u200e ok\n",
        "title: a\r\n  b\r\n",
    ],
)
def test_tabs_newlines_and_ordinary_unicode_are_fine(text: str) -> None:
    found = parse_record(("id: x\n" + text).encode("utf-8"), "x.yaml")
    assert (found.problems, found.hidden) == ([], [])


def test_a_record_with_hidden_characters_is_reported_in_full_but_not_kept() -> None:
    loaded = load_one("sources", b'id: evil\nkindd: "\\e[31m"\n', "sources/evil.yaml")
    assert loaded.record is None
    assert [(p.code, p.line) for p in loaded.problems][:1] == [("E010", 2)]
    assert ("E101", 2) in [(p.code, p.line) for p in loaded.problems]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40), st.booleans())
def test_a_value_is_flagged_exactly_when_it_holds_a_hidden_character(value: str, allow_unicode: bool) -> None:
    raw = yaml.safe_dump({"id": "x", "title": value}, allow_unicode=allow_unicode).encode("utf-8")
    found = parse_record(raw, "x.yaml")
    # What was read, which is not always what was dumped: YAML folds a raw U+0085 into a space.
    assert found.problems == []
    assert bool(found.hidden) == bool(_HIDDEN.search(found.data["title"]))
