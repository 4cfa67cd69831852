"""Record text made safe for Markdown: shown as typed, never markup."""

from __future__ import annotations

import json

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from gluteclaims.site.markup import escape_text, json_ld, link, tabs, text, url, yaml_string

EXTENSIONS = ["tables", "attr_list", "def_list", "admonition"]


def html(value: str) -> str:
    return markdown.markdown(value, extensions=EXTENSIONS)


def test_html_and_markdown_syntax_show_as_typed():
    source = "<img src=x onerror=alert(1)> *bold* _em_ [a](javascript:x) `code` {: .x } | pipe"
    assert (
        html(str(text(source)))
        == "<p>&lt;img src=x onerror=alert(1)&gt; *bold* _em_ [a](javascript:x) `code` {: .x } | pipe</p>"
    )


def test_block_syntax_at_the_start_stays_text():
    for source in ("# heading", "- item", "+ item", "1. item", "> quote"):
        assert html(str(text(source))) == f"<p>{source.replace('>', '&gt;')}</p>"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_renders_without_tags_of_its_own(value):
    rendered = html(str(text(value)))
    assert rendered.count("<") == rendered.count("</p>") + rendered.count("<p>") or rendered == ""


def test_only_http_addresses_become_links():
    assert url("javascript:alert(1)") is None and url("data:text/html,x") is None
    assert url("https://doi.org/10.1/a(b)") == "https://doi.org/10.1/a%28b%29"
    assert str(link("x", "javascript:alert(1)")) == "x"
    assert str(link("DOI", "https://doi.org/10.1/x")) == "[DOI](https://doi.org/10.1/x)"


def test_tab_content_cannot_close_its_block_or_become_markup():
    block = str(
        tabs([("APA", "a </code></pre></div> <script>x</script> & b\n", "text"), ("BibTeX", "@article{x,}", "bibtex")])
    )
    assert block.count("<pre") == 2 and block.count("</pre>") == 2 and "<script>" not in block
    assert "a &lt;/code&gt;&lt;/pre&gt;&lt;/div&gt; &lt;script&gt;x&lt;/script&gt; &amp; b</code>" in block
    assert '<input checked id="gc-tab-0"' in block and '<label for="gc-tab-1">BibTeX</label>' in block
    assert 'class="language-bibtex">@article{x,}</code>' in block


def test_json_ld_cannot_end_its_script_element():
    block = str(json_ld({"claimReviewed": "</script><!-- <b>"}))
    inner = block.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in inner and json.loads(inner) == {"claimReviewed": "</script><!-- <b>"}


def test_front_matter_strings_are_escaped_for_html_attributes():
    assert str(yaml_string('a "b" <c>')) == '"a &quot;b&quot; &lt;c&gt;"'


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1. -#>+*_`[]{}|\\&<>\"'\t\n\u00a0é")), max_size=12) | st.integers())
def test_the_shortcut_for_plain_text_changes_nothing(value):
    assert str(text(value)) == str(escape_text(str(value)))
