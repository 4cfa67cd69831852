"""Personal names as records store them ('Family, Given') and as citation formats want them."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# PubMed writes given names as bare capital initials ('AD', 'TLV'); real given names are not all capitals.
_PUBMED_INITIALS = re.compile(r"^[A-Z]{1,4}$")
_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "la",
    "le",
    "ter",
    "ten",
    "dos",
    "das",
    "do",
}


@dataclass(frozen=True)
class Name:
    """A person's name split into family and given parts; an organisation has only `literal`."""

    family: str = ""
    given: str = ""
    literal: str = ""


@functools.lru_cache(maxsize=1 << 16)  # each author is split for every citation format of every page
def split_name(text: str) -> Name:
    """Split a stored 'Family, Given' author (or an organisation's name, braced if it has a comma) into parts."""
    text = " ".join(text.split())
    if text.startswith("{") and text.endswith("}"):
        return Name(literal=text[1:-1])
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return Name(family=family, given=given) if family else Name(literal=given)
    return Name(literal=text)


def parse_person(text: str) -> Name:
    """Read a name written either 'Family, Given' or 'Given Family' (family last, particles kept)."""
    text = " ".join(text.split())
    if "," in text or " " not in text:
        return split_name(text) if "," in text else Name(literal=text)
    words = text.split(" ")
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return Name(family=" ".join(words[start:]), given=" ".join(words[:start]))


def stored(name: Name) -> str:
    """The form records use: 'Family, Given', or the organisation's name."""
    if name.literal:
        return name.literal
    return f"{name.family}, {name.given}" if name.given else name.family


def initials(given: str) -> str:
    """Given names as initials with full stops: 'AD' and 'Andrew David' both give 'A. D.'."""
    given = given.strip()
    if not given:
        return ""
    if _PUBMED_INITIALS.match(given):
        return " ".join(f"{letter}." for letter in given)
    parts = []
    for word in re.split(r"[\s.]+", given):
        if not word:
            continue
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(f"{p[0].upper()}." for p in pieces))
    return " ".join(parts)


def given_for_citation(given: str) -> str:
    """A given name fit for BibTeX or CSL: PubMed initials are spelled out as 'A. D.'; full names are kept."""
    given = given.strip()
    if _PUBMED_INITIALS.match(given) or re.fullmatch(r"(?:[A-Z]\.\s*)+", given):
        return initials(given.replace(".", "").replace(" ", ""))
    return given


def family_key(name: Name) -> str | None:
    """Lower-case ASCII letters of the family name (or organisation), for ids and keys."""
    text = name.family or name.literal
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    key = re.sub(r"[^a-z0-9]", "", folded.lower())
    return key or None
