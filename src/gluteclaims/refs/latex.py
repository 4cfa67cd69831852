"""BibTeX values as plain Unicode text: LaTeX accents, symbols, logos and math, by pylatexenc.

pylatexenc knows LaTeX's accents and symbols; what it lacks for bibliographies is taught here:
the TeX logos, \\mbox and \\url (it drops their content), and sub- and superscripts in math
(H$_2$O), which become Unicode sub- and superscripts where every character has one.
"""

from __future__ import annotations

import functools
import re

from pylatexenc import latex2text, latexwalker, macrospec

_WALKER = latexwalker.get_default_latex_context_db()
_WALKER.add_context_category(
    "bibliography",
    prepend=True,
    macros=[
        macrospec.MacroSpec("mbox", "{"),
        macrospec.MacroSpec("url", "{"),
        macrospec.MacroSpec("textsubscript", "{"),
        *(macrospec.MacroSpec(name, "") for name in ("TeX", "LaTeX", "LaTeXe", "BibTeX")),
    ],
)
_TEXT = latex2text.get_default_latex_context_db()
_TEXT.add_context_category(
    "bibliography",
    prepend=True,
    macros=[
        latex2text.MacroTextSpec("TeX", simplify_repl="TeX"),
        latex2text.MacroTextSpec("LaTeX", simplify_repl="LaTeX"),
        latex2text.MacroTextSpec("LaTeXe", simplify_repl="LaTeX2e"),
        latex2text.MacroTextSpec("BibTeX", simplify_repl="BibTeX"),
        latex2text.MacroTextSpec("mbox", simplify_repl="%(1)s"),
        latex2text.MacroTextSpec("url", simplify_repl="%(1)s"),
        latex2text.MacroTextSpec("textsubscript", simplify_repl="%(1)s"),
    ],
)
_CONVERTER = latex2text.LatexNodes2Text(latex_context=_TEXT, math_mode="text", strict_latex_spaces=True)

_SUB = str.maketrans("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ")
_SUP = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|(\\?\w))")
_MATH = re.compile(r"(?<!\\)\$([^$]*)\$")
_LATEX_SIGNS = re.compile(r"[\\$~%]|--|``|''")
# The escapes reference managers put in DOIs and URLs, which are verbatim fields in BibTeX.
_VERBATIM_ESCAPE = re.compile(r"\{?\\([_%&#$~])(?:\{\})?\}?|\\textasciitilde\{?\}?|\\textunderscore\{?\}?")
# Accents written with a space or tilde inside a name ("Mu\~noz", "\c c") would be split into two
# words by BibTeX's name rules; braced, they stay one letter, as BibTeX's own manual advises.
_ACCENT = re.compile(r"\\([`'^\"~=.])\s*(\{[^{}]*\}|\\?[A-Za-z])|\\([uvHtcdbkr])(?:\s+|(?=\{))(\{[^{}]*\}|\\?[A-Za-z])")


def _script(match: re.Match) -> str:
    text = match.group(2) if match.group(2) is not None else match.group(3)
    table = _SUB if match.group(1) == "_" else _SUP
    converted = text.translate(table)
    # A script only partly expressible in Unicode stays plain text (VO_{2max} is read 'VO2max').
    return converted if all(a != b for a, b in zip(text, converted, strict=True)) else text


def _math(match: re.Match) -> str:
    return "$" + _SCRIPT.sub(_script, match.group(1)) + "$"


@functools.lru_cache(maxsize=1 << 16)  # names and venues repeat through a library
def to_text(value: str) -> str:
    """A BibTeX value as Unicode text; plain text comes back unchanged."""
    if not _LATEX_SIGNS.search(value):
        # Braces alone (Zotero's '{A} {Comparison}') only protect case: no need for a LaTeX parser.
        return value.replace("{", "").replace("}", "")
    value = _MATH.sub(_math, value)
    try:
        walker = latexwalker.LatexWalker(value, latex_context=_WALKER, tolerant_parsing=True)
        return _CONVERTER.nodelist_to_text(walker.get_latex_nodes()[0])
    except Exception:  # pylatexenc gives up on some malformed LaTeX: keep the raw text rather than lose the field
        return value


def brace_accents(name: str) -> str:
    """Accents in braces, so BibTeX's name rules keep 'Mu\\~noz' one word."""
    return _ACCENT.sub(lambda m: "{" + m.group(0) + "}", name)


def verbatim(value: str) -> str:
    """A DOI or URL with the LaTeX escapes reference managers add taken out (a\\_b is a_b)."""
    value = value.replace("\\url{", "").strip()
    unescaped = _VERBATIM_ESCAPE.sub(
        lambda m: m.group(1) or ("~" if "tilde" in m.group(0) else "_"),
        value,
    )
    return unescaped.replace("{", "").replace("}", "")
