"""The YAML reader: plain data with positions, and problems instead of exceptions."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gluteclaims.kb.parse import MAX_DEPTH, parse_record


def codes(text: str | bytes) -> list[str]:
    raw = text.encode() if isinstance(text, str) else text
    return [p.code for p in parse_record(raw, "x.yaml").problems]


def test_positions_of_keys_and_items() -> None:
    parsed = parse_record(b"id: a\nevidence:\n  - source: b\n    direction: favours-claim\n", "x.yaml")
    assert parsed.data == {"id": "a", "evidence": [{"source": "b", "direction": "favours-claim"}]}
    assert parsed.positions[("evidence", 0, "source")] == (3, 5)
    assert parsed.positions[("evidence", 0, "direction")] == (4, 5)
    assert parsed.positions[("id",)] == (1, 1)


def test_scalars_resolve_like_yaml_but_dates_stay_text() -> None:
    parsed = parse_record(b'a: 2020-01-02\nb: true\nc: 3\nd: 1.5\ne: null\nf: "7"\ng: !!str 8\n', "x.yaml")
    assert parsed.data == {"a": "2020-01-02", "b": True, "c": 3, "d": 1.5, "e": None, "f": "7", "g": "8"}


def test_duplicate_key_in_a_nested_mapping() -> None:
    parsed = parse_record(b"id: a\nidentifiers:\n  doi: 10.1/x\n  doi: 10.1/y\n", "x.yaml")
    assert [(p.code, p.line) for p in parsed.problems] == [("E003", 4)]


def test_same_key_in_sibling_mappings_is_fine() -> None:
    assert codes("evidence:\n  - source: a\n  - source: b\n") == []


def test_nesting_limit() -> None:
    assert codes("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) == ["E009"]
    assert codes("a: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2)) == []


def test_comment_only_file_is_empty() -> None:
    assert codes("# yaml-language-server: $schema=../schemas/source.schema.json\n") == ["E004"]


def test_byte_order_mark_is_accepted() -> None:
    assert codes(b"\xef\xbb\xbfid: a\n") == []


def test_complex_key_is_refused() -> None:
    assert codes("? [a, b]\n: c\n") == ["E103"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises(text: str) -> None:
    parsed = parse_record(text.encode("utf-8", "surrogatepass"), "x.yaml")
    assert parsed.data is None or isinstance(parsed.data, dict)
    assert all(p.level == "error" and p.line is not None for p in parsed.problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(raw: bytes) -> None:
    parse_record(raw, "x.yaml")


yaml_fragments = st.sampled_from(
    [
        "a: 1\n",
        "- x\n",
        "  b: [\n",
        "]\n",
        "{c: d}\n",
        "&x y\n",
        "*x\n",
        "!!python/name:os.system\n",
        "---\n",
        "\t\n",
        "'q\n",
        "? k\n",
        ": v\n",
        "|\n  t\n",
        "e: &a [*a]\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(yaml_fragments, max_size=12))
def test_random_yaml_structures_never_raise(parts: list[str]) -> None:
    parsed = parse_record("".join(parts).encode(), "x.yaml")
    assert parsed.data is None or isinstance(parsed.data, dict)


def all_paths(value, path=()) -> list[tuple]:
    found = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        found.append((*path, key))
        found.extend(all_paths(child, (*path, key)))
    return found


nested = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=6), nested, min_size=1, max_size=5))
def test_every_key_and_item_has_a_position_in_file_order(data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=False, sort_keys=False)
    parsed = parse_record(text.encode(), "x.yaml")
    assert parsed.problems == [] and parsed.data == yaml.safe_load(text)
    paths = all_paths(parsed.data)
    assert list(parsed.positions) == paths
    places = [parsed.positions[p] for p in paths]
    assert places == sorted(places)
    lines = text.splitlines()
    for path, (line, column) in zip(paths, places, strict=False):
        if isinstance(path[-1], str) and path[-1] and path[-1].isalnum():
            assert lines[line - 1][column - 1 :].lstrip("'\"").startswith(path[-1])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="yYnNtTfFoOuUrReEaAlLsS~0123456789.+-_:xXbB", min_size=1, max_size=8))
def test_plain_scalars_resolve_as_yaml_does(word: str) -> None:
    text = f"a: {word}\n"
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        return
    if not isinstance(expected, dict) or not isinstance(expected.get("a"), (str, int, float, bool, type(None))):
        return  # dates and the like stay text here, by design
    parsed = parse_record(text.encode(), "x.yaml")
    value = parsed.data["a"]
    assert value == expected["a"] or (value != value and expected["a"] != expected["a"])
    assert type(value) is type(expected["a"])


def test_a_key_starting_with_a_no_break_space_is_not_a_comment() -> None:
    # Found by Hypothesis: Python's strip() treats U+00A0 as white space, YAML does not.
    parsed = parse_record("\u00a0#: null\n".encode(), "x.yaml")
    assert parsed.problems == [] and parsed.data == {"\u00a0#": None}
    assert [p.code for p in parse_record(b" \t\n# only a comment\n", "x.yaml").problems] == ["E004"]
