"""Measure `gluteclaims audit`: speed on a 3,000-word article, and recall/precision of three matchers.

Run from the repository root, with shared/ beside it:  python benchmarks/audit.py
Matchers compared on the four seed articles (ground truth: the claims' recorded appearances, plus
tests/fixtures/audit_reviewed.yaml) and on the three paraphrase sets in tests/fixtures/:
paraphrases.yaml and paraphrases_holdout.yaml (the development sets the thesaurus was tuned on)
and paraphrases_holdout2.yaml (never tuned on):
  rapidfuzz   token_set_ratio of each sentence against each statement and alias (the starting point)
  thesaurus   gluteclaims.audit (what ships)
  wordllama   cosine of WordLlama static embeddings (weights inside the PyPI package), if installed
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml
from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gluteclaims.audit import MAX_MATCHES, AuditedSentence, Match, audit_text, build_matcher, score_sentence  # noqa: E402
from gluteclaims.audit_score import ArticleScore, score_article, squeeze  # noqa: E402
from gluteclaims.load import load_knowledge_base  # noqa: E402
from gluteclaims.sentences import split_sentences, to_plain  # noqa: E402
from tests.test_audit import SEED_FILES, seed_text  # noqa: E402


def reviewed() -> set[tuple[str, str]]:
    items = yaml.safe_load((REPO / "tests/fixtures/audit_reviewed.yaml").read_text(encoding="utf-8"))
    return {(squeeze(i["sentence"]), i["claim"]) for i in items}


def by_similarity(plain: str, phrases: list[tuple[str, str]], similarity, threshold: float) -> list[AuditedSentence]:
    """Audit with a plain similarity: each claim's best phrase, kept at threshold or more (top MAX_MATCHES).

    Headings and reference entries are skipped, as the shipped matcher skips them, so the
    comparison is between matchers, not sentence handling.
    """
    out = []
    sentences = split_sentences(plain)
    scores = similarity([s.text for s in sentences], [t for _, t in phrases])
    for i, sentence in enumerate(sentences):
        best: dict[str, float] = {}
        for j, (claim_id, _) in enumerate(phrases):
            if sentence.kind == "prose" and scores[i][j] >= threshold and scores[i][j] > best.get(claim_id, -1):
                best[claim_id] = scores[i][j]
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:MAX_MATCHES]
        out.append(AuditedSentence(sentence, tuple(Match(c, float(v), "", ()) for c, v in ranked)))
    return out


def rapidfuzz_similarity(sentences, phrases):
    return [[fuzz.token_set_ratio(s.lower(), p.lower()) / 100 for p in phrases] for s in sentences]


def wordllama_similarity():
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    # The package ships its weights and tokenizer; this loads them from the package folder, no download.
    model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)

    def similarity(sentences, phrases):
        return model.embed(sentences, norm=True) @ model.embed(phrases, norm=True).T

    return similarity


def paraphrase_figures(match_one) -> str:
    """Recall and precision on the two development sets and the untouched set, for one sentence matcher."""
    out = []
    for name in ("paraphrases", "paraphrases_holdout", "paraphrases_holdout2"):
        items = yaml.safe_load((REPO / f"tests/fixtures/{name}.yaml").read_text(encoding="utf-8"))
        positives = found = matches = correct = 0
        for item in items:
            got = match_one(item["text"])
            accepted = {item["claim"], *item.get("also", [])} - {None}
            positives += item["claim"] is not None
            found += item["claim"] in got
            matches += len(got)
            correct += sum(1 for g in got if g in accepted)
        out.append(f"{found / positives:.2f}/{correct / matches if matches else 1.0:.2f}")
    return "  ".join(out)


def pooled(kb, audit_one) -> ArticleScore:
    total = ArticleScore("")
    marks = reviewed()
    for source in SEED_FILES:
        plain = to_plain(seed_text(source), "text")
        total = total.add(score_article(source, plain, audit_one(plain), kb.claims.values(), marks))
    return total


def main() -> None:
    kb, _ = load_knowledge_base(REPO)
    matcher = build_matcher(kb.claims.values())
    phrases = [(c.id, t) for c in sorted(kb.claims.values(), key=lambda c: c.id) for t in (c.statement, *c.aliases)]

    article = " ".join(" ".join(seed_text(s).split()) for s in SEED_FILES)
    article = " ".join(article.split()[:3000])
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        audit_text(article, build_matcher(kb.claims.values()))
        runs.append(time.perf_counter() - start)
    print(f"3,000-word article, {len(kb.claims)} claims: best {min(runs) * 1000:.0f} ms, worst {max(runs) * 1000:.0f} ms (index built each run)")

    def one(similarity, threshold):
        return lambda text: [m.claim for m in by_similarity(text, phrases, similarity, threshold)[0].matches]

    print("matcher       threshold  recall  precision  matches  paraphrases (recall/precision: tuned  held-out  held-out 2)")
    for threshold in (0.6, 0.7, 0.8):
        s = pooled(kb, lambda plain, t=threshold: by_similarity(plain, phrases, rapidfuzz_similarity, t))
        print(f"rapidfuzz     {threshold:<9}  {s.recall:.2f}    {s.precision:.2f}       {s.matches:<7}  {paraphrase_figures(one(rapidfuzz_similarity, threshold))}")
    for threshold in (0.55, 0.65, 0.75):
        s = pooled(kb, lambda plain, t=threshold: audit_text(plain, matcher, "text", t))
        figures = paraphrase_figures(lambda text, t=threshold: [m.claim for m in score_sentence(text, matcher, t)])
        print(f"thesaurus     {threshold:<9}  {s.recall:.2f}    {s.precision:.2f}       {s.matches:<7}  {figures}")
    similarity = wordllama_similarity()
    if similarity is None:
        print("wordllama     (not installed: pip install wordllama)")
        return
    for threshold in (0.5, 0.6, 0.7):
        s = pooled(kb, lambda plain, t=threshold: by_similarity(plain, phrases, similarity, t))
        print(f"wordllama     {threshold:<9}  {s.recall:.2f}    {s.precision:.2f}       {s.matches:<7}  {paraphrase_figures(one(similarity, threshold))}")


if __name__ == "__main__":
    main()
