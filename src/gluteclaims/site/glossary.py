"""The words of the field a trainer may not know, defined once and shown where a page uses them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Term:
    """One glossary entry: its anchor on the glossary page, the name shown, its definition, how it is spotted."""

    key: str
    name: str
    definition: str
    pattern: str
    case_sensitive: bool = False

    @property
    def regex(self) -> re.Pattern[str]:
        """Where the term occurs in text, as a whole word."""
        flags = 0 if self.case_sensitive else re.IGNORECASE
        return re.compile(rf"(?<![\w-])(?:{self.pattern})(?![\w-])", flags)


TERMS: tuple[Term, ...] = (
    Term(
        "emg",
        "EMG (electromyography)",
        "The electrical activity of a muscle, recorded with electrodes. It shows how hard a muscle is being driven "
        "during a movement, not how much it will grow or how strong it is.",
        r"EMG|electromyography",
        case_sensitive=True,
    ),
    Term(
        "mvic",
        "MVIC, MVC (maximal voluntary contraction)",
        "The EMG of the hardest contraction a person can make, used as 100% so that EMG can be compared between "
        "people and muscles.",
        r"MVIC|MVC|maximal voluntary (?:isometric )?contraction",
    ),
    Term(
        "hypertrophy",
        "Hypertrophy",
        "Muscle growth: an increase in the size of a muscle, measured with ultrasound, MRI or similar.",
        r"hypertrophy",
    ),
    Term(
        "rct",
        "Randomised trial (RCT)",
        "A study that assigns people to the treatments by chance, so the groups differ only in the treatment. The "
        "strongest design for a question about an effect.",
        r"RCTs?|randomi[sz]ed (?:controlled )?trials?|randomi[sz]ed comparisons?",
    ),
    Term(
        "crossover",
        "Crossover study",
        "A study in which each person does every condition (ideally in a random order), so each is compared with "
        "themselves.",
        r"crossover|within-subject",
    ),
    Term(
        "cross-sectional",
        "Cross-sectional study",
        "A study that compares groups at one point in time, such as people with and without back pain. It cannot "
        "tell a cause from a consequence.",
        r"cross-sectional",
    ),
    Term(
        "meta-analysis",
        "Meta-analysis",
        "A study that combines the results of several studies into one estimate.",
        r"meta-analys[ie]s",
    ),
    Term(
        "systematic-review",
        "Systematic review",
        "A review that looks for every study on a question with a stated method and appraises each.",
        r"systematic reviews?",
    ),
    Term(
        "certainty",
        "Certainty of evidence",
        "How sure we can be that the true effect is close to what the studies found. High: further research is "
        "very unlikely to change the conclusion. Moderate: it probably is close, but could change. Low: the true "
        "effect may be substantially different. Very low: the true effect is likely to be substantially different.",
        r"(?:very low|low|moderate|high) certainty|certainty",
    ),
    Term(
        "grade",
        "GRADE",
        "The method Cochrane and guideline panels use to rate the certainty of a body of evidence; this site "
        "grades every claim with it.",
        r"GRADE",
        case_sensitive=True,
    ),
    Term(
        "surrogate",
        "Surrogate outcome",
        "A stand-in measured instead of what matters, such as EMG during one set instead of muscle growth over "
        "months. Unless it is shown to predict the real outcome, it counts here only as context.",
        r"surrogates?",
    ),
    Term(
        "confidence-interval",
        "Confidence interval",
        "The range of effects the data are compatible with. An interval that includes both no effect and an "
        "important one means the result is imprecise.",
        r"confidence intervals?|95% CI",
    ),
    Term(
        "smd",
        "SMD (standardised mean difference)",
        "A difference between groups measured in standard deviations: about 0.2 is small, 0.5 medium, 0.8 large.",
        r"SMD|standardi[sz]ed mean difference",
    ),
    Term(
        "rm",
        "1RM, 10RM",
        "Repetition maximum: the heaviest load that can be lifted once (1RM), or ten times (10RM).",
        r"\d+RM",
        case_sensitive=True,
    ),
    Term(
        "eccentric",
        "Eccentric, concentric",
        "The eccentric phase is the lowering, with the muscle lengthening under load; the concentric phase is the "
        "lifting.",
        r"eccentrics?|concentric",
    ),
    Term(
        "gluteus-maximus",
        "Gluteus maximus",
        "The largest buttock muscle; it extends the hip, as in standing up from a squat or a hip thrust.",
        r"gluteus maximus|glute max",
    ),
    Term(
        "gluteus-medius",
        "Gluteus medius",
        "The smaller muscle on the side of the hip; it moves the leg out to the side and steadies the pelvis when "
        "standing on one leg.",
        r"gluteus medius|glute med(?:ius)?",
    ),
    Term(
        "muscle-protein-synthesis",
        "Muscle protein synthesis",
        "The rate at which muscle builds new protein, measured over hours. A larger response is not the same "
        "thing as more growth over months.",
        r"muscle protein synthesis",
    ),
    Term(
        "rdl",
        "RDL (Romanian deadlift)",
        "A hip hinge: lowering the bar from standing by pushing the hips back, knees only slightly bent.",
        r"RDLs?|Romanian deadlifts?",
    ),
    Term(
        "reciprocal-inhibition",
        "Reciprocal inhibition",
        "A spinal reflex that relaxes a muscle while the muscle on the opposite side of a joint contracts. The "
        "claim that tight hip flexors silence the glutes this way is one this site grades.",
        r"reciprocal inhibition",
    ),
)


def terms_in(texts: Iterable[str]) -> list[Term]:
    """The terms that occur in any of the texts, in glossary order."""
    joined = "\n".join(texts)
    return [term for term in TERMS if term.regex.search(joined)]


def gloss(value: Markup, seen: set[str], glossary_href: str) -> Markup:
    """`value` with the first occurrence of each term not yet `seen` marked up with its definition.

    `value` is already-escaped Markup; the term is a link to its glossary entry whose title is the
    definition (a tooltip on a desktop; the page's "Words used here" list serves phones).
    """
    text = str(value)
    for term in TERMS:
        if term.key in seen:
            continue
        match = term.regex.search(text)
        if not match or _inside_tag(text, match.start()):
            continue
        seen.add(term.key)
        link = (
            f'<a class="gc-term" href="{glossary_href}#{term.key}" title="{escape(term.definition)}">'
            f"{match.group(0)}</a>"
        )
        text = text[: match.start()] + link + text[match.end() :]
    return Markup(text)


def _inside_tag(text: str, at: int) -> bool:
    """True when position `at` is inside an HTML tag or a link we already inserted."""
    opened, closed = text.rfind("<", 0, at), text.rfind(">", 0, at)
    if opened > closed:
        return True
    link_open, link_close = text.rfind("<a ", 0, at), text.rfind("</a>", 0, at)
    return link_open > link_close


def terms_box(terms: list[Term], glossary_href: str) -> Markup:
    """A folded list of the terms a page uses with their definitions, as raw HTML (for phones, where tooltips fail)."""
    items = "".join(
        f"<dt>{escape(term.name)}</dt><dd>{escape(term.definition)} "
        f'<a href="{glossary_href}#{term.key}">Glossary</a></dd>'
        for term in terms
    )
    return Markup(
        f'<details class="gc-terms"><summary>Words used on this page ({len(terms)})</summary><dl>{items}</dl></details>'
    )
