"""The site's "check a text" page: the index its in-browser matcher reads, and the page itself.

The page runs site_templates/assets/javascripts/audit.js on text a visitor pastes, with no
server: everything the Python matcher knows (thesaurus, stop words, weights, phrases, rules)
is written into the index, so the two cannot drift apart in data, only in code, which a test
compares on the four seed articles.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from gluteclaims.audit import lexicon, sentences
from gluteclaims.audit import matcher as audit
from gluteclaims.audit import report as audit_report
from gluteclaims.grading.grade import Grade
from gluteclaims.grading.labels import CERTAINTY_DOTS, CERTAINTY_LABELS, VERDICT_LABELS, VERDICT_SYMBOLS, verdict_words
from gluteclaims.kb.knowledge import KnowledgeBase

INDEX_PATH = "assets/javascripts/audit-index.js"
PAGE_PATH = "check.md"


def audit_index(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> dict:
    """Everything the browser needs to audit a text as `gluteclaims audit` does."""
    matcher = audit.build_matcher(kb.claims.values())
    table, longest = lexicon.compiled()
    claims = {}
    for claim_id in sorted(kb.claims):
        grade = grades.get(claim_id)
        claims[claim_id] = {
            "statement": " ".join(kb.claims[claim_id].statement.split()),
            "verdict": grade.verdict if grade else None,
            "verdict_label": VERDICT_LABELS[grade.verdict] if grade else "not graded",
            "certainty": grade.certainty if grade else None,
            "certainty_label": CERTAINTY_LABELS[grade.certainty] if grade and grade.certainty else None,
            "badge": f"{VERDICT_SYMBOLS[grade.verdict]} {verdict_words(grade.verdict)}" if grade else "not graded",
            "dots": CERTAINTY_DOTS[grade.certainty] if grade and grade.certainty else "",
            "path": f"claims/{claim_id}/",
            "reading": {
                stance: audit_report.reading(claim_id, stance, grade.verdict if grade else None)
                for stance in ("asserts", "disputes")
            },
        }
    return {
        "version": 2,
        "rules": {
            "min_score": audit.DEFAULT_MIN_SCORE,
            "min_shared": audit.MIN_SHARED,
            "max_matches": audit.MAX_MATCHES,
            "margin": audit.MARGIN,
            "context_factor": audit.CONTEXT_FACTOR,
            "pronouns": sorted(audit.PRONOUNS),
            "abbreviations": list(sentences.ABBREVIATIONS),
            "particles": {word: [idea, list(verbs)] for word, (idea, verbs) in sorted(lexicon.PARTICLES.items())},
            "particle_reach": lexicon.PARTICLE_REACH,
            "negations": sorted(lexicon.NEGATIONS),
            "not_negating": [list(p) for p in lexicon.NOT_NEGATING],
            "question_openers": sorted(lexicon.QUESTION_OPENERS),
            "connectives": [[[list(c) for c in group], backward] for group, backward in lexicon.connectives()],
        },
        "word_senses": dict(sorted(lexicon.WORD_SENSES.items())),
        "thesaurus": dict(sorted(table.items())),
        "longest": longest,
        "stop": sorted(lexicon.STOP_STEMS),
        "glue": sorted(lexicon.GLUE),
        **matcher.to_dict(),
        "claims": claims,
    }


def audit_index_script(kb: KnowledgeBase, grades: Mapping[str, Grade]) -> str:
    """The index as a script that sets window.GLUTECLAIMS_AUDIT (a script, not JSON, so it loads from file:// too)."""
    body = json.dumps(audit_index(kb, grades), ensure_ascii=False, sort_keys=True)
    # Record text never closes the script element or opens a comment.
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"window.GLUTECLAIMS_AUDIT = {body};\n"
