"""Write a synthetic, schema-valid knowledge base of a given size, for benchmarks.

Records look like the real ones: folded prose of realistic length, three to seven evidence
links per claim, popular-article appearances, relations between claims, reviews that include
primary studies, distinct titles, DOIs and PMIDs. The same size and seed give the same files.

Example:

    python benchmarks/generate.py --size 12k --out benchmarks/out/kb-12k
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

try:
    _Dumper = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - only without libyaml
    _Dumper = yaml.SafeDumper

GENERATOR_VERSION = "3"  # 2: links with direction, design, directness; claims with a question. 3: title, bottom line

# Records by preset: (sources, claims), five sources to a claim. "12k" is the targets' size.
PRESETS: dict[str, tuple[int, int]] = {
    "1k": (833, 167),
    "5k": (4_167, 833),
    "12k": (10_000, 2_000),
    "50k": (41_667, 8_333),
}

WORDS = [
    "gluteus",
    "maximus",
    "medius",
    "minimus",
    "hip",
    "thrust",
    "squat",
    "deadlift",
    "lunge",
    "bridge",
    "split",
    "step",
    "activation",
    "hypertrophy",
    "strength",
    "power",
    "sprint",
    "jump",
    "stance",
    "gait",
    "pelvis",
    "lumbar",
    "knee",
    "valgus",
    "extension",
    "abduction",
    "rotation",
    "flexion",
    "eccentric",
    "concentric",
    "isometric",
    "tempo",
    "load",
    "volume",
    "frequency",
    "repetition",
    "set",
    "rest",
    "interval",
    "protein",
    "leucine",
    "creatine",
    "sleep",
    "recovery",
    "fatigue",
    "pain",
    "disability",
    "injury",
    "hamstring",
    "adductor",
    "iliopsoas",
    "tightness",
    "posture",
    "sitting",
    "office",
    "runner",
    "athlete",
    "novice",
    "trained",
    "untrained",
    "women",
    "men",
    "adolescent",
    "older",
    "adult",
    "clinical",
    "electromyography",
    "ultrasound",
    "magnetic",
    "resonance",
    "thickness",
    "cross-sectional",
    "area",
    "torque",
    "velocity",
    "barbell",
    "kettlebell",
    "band",
    "cable",
    "machine",
    "free",
    "weight",
    "unilateral",
    "bilateral",
    "depth",
    "partial",
    "full",
    "range",
    "motion",
    "warm-up",
    "cool-down",
    "stretching",
    "mobility",
    "stability",
    "balance",
    "core",
    "trunk",
    "lean",
    "footwear",
    "barefoot",
    "heel",
    "elevation",
    "sled",
    "push",
    "pull",
    "carry",
    "swing",
    "rack",
    "pin",
    "periodisation",
    "block",
    "linear",
    "undulating",
    "autoregulation",
    "failure",
    "reserve",
    "intensity",
    "maximal",
    "submaximal",
    "moderate",
    "heavy",
    "light",
    "randomised",
    "controlled",
    "crossover",
    "cohort",
    "observational",
    "review",
    "meta-analysis",
    "systematic",
    "narrative",
    "pooled",
    "effect",
    "size",
    "confidence",
    "interval",
    "participants",
    "weeks",
    "sessions",
    "outcome",
    "measure",
    "primary",
    "secondary",
    "baseline",
    "follow-up",
    "compared",
    "versus",
    "after",
    "before",
    "during",
    "training",
    "programme",
    "intervention",
    "control",
    "group",
]
_JOURNALS = [
    "Journal of Strength and Conditioning Research",
    "Journal of Applied Biomechanics",
    "Sports Medicine",
    "European Journal of Applied Physiology",
    "International Journal of Sports Physical Therapy",
    "Journal of Electromyography and Kinesiology",
    "Physical Therapy in Sport",
    "Clinical Biomechanics",
    "Medicine and Science in Sports and Exercise",
    "Journal of Orthopaedic and Sports Physical Therapy",
]
_PRIMARY = ["randomised-trial", "crossover", "cohort", "case-control", "cross-sectional", "case-series"]
_REVIEWS = ["meta-analysis", "systematic-review", "narrative-review"]
_OUTCOMES = [
    "emg",
    "hypertrophy",
    "strength",
    "power",
    "performance",
    "pain",
    "disability",
    "injury",
    "function",
    "range-of-motion",
]
_DIRECTIONS = [
    "favours-claim",
    "favours-claim",
    "favours-claim",
    "favours-opposite",
    "little-or-no-difference",
    "not-reported",
]
_DESIGNS = ["randomised", "randomised", "observational", "non-randomised", "uncontrolled"]
_STATUSES = ["confirmed", "partly-confirmed", "partly-confirmed", "partly-confirmed"]
_TOPICS = [
    "hip-thrust",
    "squat",
    "deadlift",
    "activation-drills",
    "sitting",
    "low-back-pain",
    "running",
    "knee-pain",
    "hypertrophy",
    "nutrition",
    "programming",
    "mobility",
]


class _Writer:
    """Random prose and records from one seeded generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def prose(self, low_chars: int, high_chars: int) -> str:
        target = self.rng.randint(low_chars, high_chars)
        sentences: list[str] = []
        length = 0
        while length < target:
            sentence = (
                self.words(8, 20).capitalize() + f" ({self.rng.randint(5, 95)}%, p = .0{self.rng.randint(1, 4)})."
            )
            sentences.append(sentence)
            length += len(sentence) + 1
        return " ".join(sentences)

    def source(self, number: int, sid: str, kind: str, primaries: list[str]) -> dict:
        rng = self.rng
        year = rng.randint(1990, 2024)
        # The number in the title keeps every title distinct, as real titles are.
        record: dict = {
            "id": sid,
            "kind": kind,
            "title": f"{self.words(6, 14).capitalize()} in study {number}: {self.words(3, 6)}",
        }
        record["authors"] = [
            f"{self.words(1, 1).capitalize()}, {rng.choice('ABCDEFGHJKLMNPRST')}" for _ in range(rng.randint(1, 6))
        ]
        record["year"] = year
        if kind == "popular-article":
            record["venue"] = f"Glute Blog {number % 40}"
            record["identifiers"] = {"url": f"https://blog{number % 40}.example.org/posts/{sid}"}
            record["findings"] = self.prose(150, 300)
            record["verification"] = {"status": "confirmed", "checked": [record["identifiers"]["url"]]}
            return record
        record["venue"] = rng.choice(_JOURNALS)
        record["volume"] = str(rng.randint(1, 60))
        record["issue"] = str(rng.randint(1, 12))
        record["pages"] = f"{rng.randint(1, 900)}-{rng.randint(901, 999)}"
        record["identifiers"] = {"doi": f"10.5555/syn.{year}.{number}", "pmid": str(20_000_000 + number)}
        if rng.random() < 0.4:
            record["identifiers"]["pmcid"] = f"PMC{5_000_000 + number}"
        record["population"] = {
            "description": self.words(3, 8),
            "training_status": rng.choice(
                ["untrained", "recreational", "trained", "athletes", "clinical", "not-reported"]
            ),
            "sex": rng.choice(["male", "female", "mixed", "not-reported"]),
            "age": f"{rng.randint(18, 40)}.{rng.randint(0, 9)} ± {rng.randint(1, 9)}.{rng.randint(0, 9)} years",
        }
        record["sample"] = {"participants": rng.randint(8, 400)}
        if kind in _REVIEWS:
            record["sample"]["studies"] = rng.randint(4, 60)
        if rng.random() < 0.3:
            record["sample"]["note"] = self.words(4, 10)
        record["outcomes"] = sorted(rng.sample(_OUTCOMES, rng.randint(1, 3)))
        record["findings"] = self.prose(250, 550)
        status = rng.choice(_STATUSES)
        verification: dict = {"status": status, "checked": [f"https://pubmed.ncbi.nlm.nih.gov/{20_000_000 + number}/"]}
        if rng.random() < 0.5:
            verification["checked"].append(f"https://doi.org/10.5555/syn.{year}.{number}")
        if status == "partly-confirmed":
            verification["unconfirmed"] = rng.sample(
                ["authors", "pages", "population.sex", "sample.participants", "issue"], rng.randint(1, 2)
            )
        if number % 50 == 7:
            verification = {
                "status": "failed",
                "failure": "mis-cited",
                "cited_as": self.words(6, 12),
                "found_instead": self.words(6, 12),
            }
        if rng.random() < 0.3:
            verification["note"] = self.prose(80, 200)
        record["verification"] = verification
        if number % 97 == 3:
            record["integrity"] = [{"flag": "expression-of-concern", "note": self.prose(80, 160)}]
        if kind in _REVIEWS and primaries:
            record["includes"] = sorted(set(rng.sample(primaries, min(len(primaries), rng.randint(2, 8)))))
        if rng.random() < 0.4:
            record["notes"] = self.prose(100, 300)
        return record

    def claim(
        self, number: int, cid: str, evidence_ids: list[str], popular_ids: list[str], claim_ids: list[str]
    ) -> dict:
        rng = self.rng
        record: dict = {
            "id": cid,
            "title": f"{self.words(3, 7).capitalize()} ({number})?"[:90],
            "statement": f"{self.words(12, 24).capitalize()} (claim {number}).",
            "bottom_line": f"{self.words(15, 35).capitalize()}.",
            "summary": self.prose(400, 800),
            "aliases": [self.words(3, 9) for _ in range(rng.randint(0, 3))],
            "topics": sorted(rng.sample(_TOPICS, rng.randint(1, 4))),
            "outcome": rng.choice(_OUTCOMES),
            "population": self.words(4, 10),
            "question": {
                "type": rng.choice(["effect", "effect", "cause", "association", "mechanism"]),
                "intervention": self.words(2, 5).capitalize(),
                "comparator": self.words(2, 5),
                "outcome": self.words(2, 4),
                "effect": self.words(4, 8),
                "important_difference": {"threshold": "SMD 0.2", "reason": self.words(6, 12)},
            },
        }
        record["evidence"] = [
            {
                "source": source,
                "outcome": rng.choice(_OUTCOMES),
                "design": rng.choice(_DESIGNS),
                "direction": rng.choice(_DIRECTIONS),
                **({"directness": {"outcome": "surrogate", "why": self.words(6, 12)}} if rng.random() < 0.3 else {}),
                "interval": rng.choice(["rules-in", "rules-out", "crosses", "not-reported", "not-reported"]),
                "finding": self.prose(150, 350),
                "locator": rng.choice(["Abstract", "Abstract, Results", "Table 2", "Figure 3", "Discussion"]),
            }
            for source in rng.sample(evidence_ids, rng.randint(3, 7))
        ]
        if popular_ids and rng.random() < 0.5:
            record["appearances"] = [
                {
                    "source": source,
                    "position": rng.choice(["asserts", "asserts", "disputes"]),
                    "locator": f"paragraph {rng.randint(1, 20)}",
                    "quote": self.words(6, 16),
                }
                for source in rng.sample(popular_ids, min(len(popular_ids), rng.randint(1, 2)))
            ]
        others = [c for c in rng.sample(claim_ids, min(len(claim_ids), rng.randint(0, 2))) if c != cid]
        if others:
            record["relations"] = [
                {
                    "claim": other,
                    "type": rng.choice(["contradicts", "depends-on", "refines"]),
                    "note": self.words(6, 14),
                }
                for other in others
            ]
        if rng.random() < 0.3:
            record["notes"] = self.prose(100, 250)
        return record


def _dump(record: dict, schema: str) -> str:
    header = f"# yaml-language-server: $schema=../schemas/{schema}.schema.json\n"
    return header + yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def generate(out: Path, sources: int, claims: int, seed: int = 1) -> Path:
    """Write `sources` source and `claims` claim files under out/ (replacing what was there)."""
    if out.exists():
        shutil.rmtree(out)
    (out / "sources").mkdir(parents=True)
    (out / "claims").mkdir(parents=True)
    writer = _Writer(seed)
    rng = writer.rng
    kinds = []
    for _ in range(sources):
        roll = rng.random()
        kinds.append(
            "popular-article" if roll < 0.03 else rng.choice(_REVIEWS) if roll < 0.15 else rng.choice(_PRIMARY)
        )
    source_ids = [f"{writer.words(1, 1).replace('-', '')}-{number}-syn" for number in range(sources)]
    primaries: list[str] = []
    evidence_ids: list[str] = []
    popular_ids: list[str] = []
    for number, (sid, kind) in enumerate(zip(source_ids, kinds, strict=False)):
        record = writer.source(number, sid, kind, primaries[-200:])
        (out / "sources" / f"{sid}.yaml").write_text(_dump(record, "source"), encoding="utf-8")
        if kind == "popular-article":
            popular_ids.append(sid)
        elif record["verification"]["status"] != "failed":
            evidence_ids.append(sid)
            if kind in _PRIMARY:
                primaries.append(sid)
    claim_ids = [f"claim-{number}-{writer.words(1, 1).replace('-', '')}" for number in range(claims)]
    for number, cid in enumerate(claim_ids):
        record = writer.claim(number, cid, evidence_ids, popular_ids, claim_ids)
        (out / "claims" / f"{cid}.yaml").write_text(_dump(record, "claim"), encoding="utf-8")
    (out / ".synthetic").write_text(f"{GENERATOR_VERSION} {sources} {claims} {seed}\n")
    return out


def ensure(out: Path, preset: str, seed: int = 1) -> Path:
    """The knowledge base for a preset, generated only when missing or out of date."""
    sources, claims = PRESETS[preset]
    marker = out / ".synthetic"
    if not marker.exists() or marker.read_text() != f"{GENERATOR_VERSION} {sources} {claims} {seed}\n":
        generate(out, sources, claims, seed)
    return out


def main() -> None:
    """Command line: python benchmarks/generate.py --size 12k --out DIR."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(PRESETS), default="1k")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sources, claims = PRESETS[args.size]
    generate(args.out, sources, claims, args.seed)
    print(f"wrote {sources:,} sources and {claims:,} claims under {args.out}")


if __name__ == "__main__":
    main()
