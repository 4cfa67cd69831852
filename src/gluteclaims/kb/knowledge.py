"""The knowledge base as values: claims and sources by id, and where each came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from gluteclaims.kb.models import Claim, Source
from gluteclaims.kb.parse import Path, Position


@dataclass(frozen=True)
class Origin:
    """The file a record was read from and the line of each of its values."""

    path: str
    positions: Mapping[Path, Position] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, loc: tuple) -> tuple[int, int]:
        """Line and column of the value at `loc`, or of its nearest located parent."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return (1, 1)


@dataclass
class KnowledgeBase:
    """Valid records by id, their origins, and the ids of files that failed to validate."""

    claims: dict[str, Claim] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    broken: dict[str, set[str]] = field(default_factory=lambda: {"claims": set(), "sources": set()})

    def origin(self, kind: str, record_id: str) -> Origin:
        """Where the record of `kind` ('claims' or 'sources') with this id was read from."""
        return self.origins.get((kind, record_id)) or Origin(f"{kind}/{record_id}.yaml")

    def source_exists(self, source_id: str) -> bool:
        """True when a source file with this id exists, valid or not."""
        return source_id in self.sources or source_id in self.broken["sources"]

    def claim_exists(self, claim_id: str) -> bool:
        """True when a claim file with this id exists, valid or not."""
        return claim_id in self.claims or claim_id in self.broken["claims"]
