"""How the field says things: words reduced to stems, and the ways of saying one idea made one term.

"Hours at a desk put your glutes to sleep" and "sitting switches the gluteus maximus off" share
almost no words but the same three ideas (SIT, GLUTE, OFF). Matching on terms from this thesaurus
lets the audit see a paraphrase as the claim. site_templates/assets/javascripts/audit.js receives the
compiled thesaurus and stop words through the audit index and mirrors `stem` and `terms`.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Each idea and the words and phrases that say it; a phrase is matched on whole stemmed words.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "GLUTE": (
        "glute",
        "glutes",
        "gluteal",
        "gluteals",
        "gluteus",
        "gluteus maximus",
        "glute max",
        "glute maximus",
        "butt",
        "buttock",
        "bum",
        "booty",
        "backside",
        "rear end",
        "derriere",
        "cheek",
        "glute muscles",
        "butt muscles",
        "bum muscles",
        "buttocks",
        "bottom",
        "rear",
        "ass",
        "arse",
        "peach",
        "butt cheeks",
        "gmax",
        "glutes max",
    ),
    "GMED": (
        "gluteus medius",
        "glute medius",
        "glute med",
        "side glute",
        "hip abductor",
        "abductor",
        "abduction",
        "medius",
        "outer hip",
        "outer glute",
        "side butt",
        "upper glute",
        "outside of the hip",
        "hip abductors",
        "gmed",
    ),
    "SIT": (
        "sit",
        "sitting",
        "seated",
        "sedentary",
        "desk",
        "couch",
        "sofa",
        "office job",
        "desk job",
        "sit down",
        "sat",
        "seat",
        "office",
        "workstation",
        "computer",
        "armchair",
        "stool",
        "commute",
        "sitting down",
        "desk bound",
        "inactivity",
        "physical inactivity",
        "hours on end",
        "parked",
    ),
    "OFF": (
        "amnesia",
        "inhibit",
        "inhibition",
        "inhibited",
        "asleep",
        "sleepy",
        "dormant",
        "switch off",
        "switched off",
        "shut off",
        "shut down",
        "turn off",
        "turned off",
        "offline",
        "silent",
        "inactive",
        "deactivate",
        "deactivated",
        "forget",
        "forgotten",
        "dead butt",
        "dead",
        "lazy",
        "underactive",
        "under activation",
        "under activated",
        "underactivation",
        "not firing",
        "stop firing",
        "stop working",
        "go to sleep",
        "fall asleep",
        "disconnect",
        "disconnection",
        "underdominance",
        "to sleep",
        "drowsy",
        "dozing",
        "snooze",
        "numb",
        "sluggish",
        "disengage",
        "disengaged",
        "not engage",
        "not engaging",
        "not fire",
        "not fire properly",
        "stop listening",
        "not listening",
        "under active",
        "underperform",
        "underperforming",
        "not pulling its weight",
        "not pulling their weight",
        "not doing its job",
        "not doing their job",
        "forget how to fire",
        "forgot how to fire",
        "gone silent",
        "go silent",
        "checked out",
        "not turning on",
        "not turn on",
        "delayed firing",
        "fire late",
        "firing late",
        "delay in",
        "forget how to function",
        "forgetting how to function",
        "stops sending",
        "stop sending",
    ),
    "RECIPROCAL": ("reciprocal", "reciprocal inhibition", "opposing muscle", "antagonist", "antagonists"),
    "ACTIVE": (
        "activation",
        "activate",
        "activated",
        "activity",
        "active",
        "fire",
        "firing",
        "recruit",
        "recruitment",
        "emg",
        "electromyography",
        "engage",
        "engagement",
        "light up",
        "lights up",
        "muscle activity",
        "electrical activity",
        "demand",
        "work harder",
        "switch on",
        "switched on",
        "turn on",
        "turned on",
        "kick in",
        "kicks in",
        "recruited",
        "work hard",
        "fire up",
        "muscle activation",
        "muscle recruitment",
        "electrical signal",
    ),
    "GROW": (
        "grow",
        "growth",
        "hypertrophy",
        "size",
        "bigger",
        "build",
        "mass",
        "muscle growth",
        "bulk",
        "gain",
        "gains",
        "builder",
        "larger",
        "pack on",
        "develop",
        "development",
        "bulk up",
        "grow bigger",
    ),
    "STRONG": ("strength", "strong", "stronger", "strengthen", "strengthening", "stronger muscles", "get stronger"),
    "HIPFLEXOR": ("hip flexor", "hip flexors", "psoas", "iliopsoas", "flexor", "hip flexor muscles"),
    "TIGHT": (
        "tight",
        "tighten",
        "tightened",
        "tightness",
        "shorten",
        "shortened",
        "shortening",
        "stiff",
        "stiffness",
        "locked up",
    ),
    "SQUAT": ("squat", "back squat", "barbell squat", "goblet squat", "front squat", "box squat", "squatting"),
    "PARTIAL": ("partial", "partials", "half", "quarter", "parallel squat", "half squat", "partial squat", "shallow"),
    "DEEP": (
        "deep",
        "deeper",
        "depth",
        "full depth",
        "full squat",
        "ass to grass",
        "below parallel",
        "full range",
        "full range of motion",
        "rock bottom",
    ),
    # A stretched muscle, including the idiom "a deep stretch", which says nothing of squat depth.
    "STRETCH": ("stretch", "stretched", "stretching", "deep stretch", "deeper stretch"),
    "HIPTHRUST": (
        "hip thrust",
        "barbell hip thrust",
        "thrust",
        "thruster",
        "hip thruster",
        "glute thrust",
        "barbell glute bridge",
    ),
    "BRIDGE": ("bridge", "glute bridge", "hip bridge"),
    "DRILL": (
        "drill",
        "clamshell",
        "clam shell",
        "clam",
        "band",
        "banded",
        "mini band",
        "resistance band",
        "monster walk",
        "lateral walk",
        "band walk",
        "band work",
        "activation circuit",
        "circuit",
        "fire hydrant",
        "primer",
    ),
    # Not "progress" (nor "progression", which stems the same): as a noun it means improvement
    # ("track your progress"), not the principle.
    "PROGRESS": ("progressive", "overload", "progressive overload", "add weight", "adding weight", "more weight"),
    "SAME": ("same", "forever", "never change", "stuck", "plateau"),
    "COMPOUND": ("compound", "multi joint", "big lift", "big lifts", "barbell lift"),
    "HEAVY": ("heavy", "heavier", "load", "loaded", "loading", "weight", "weights", "weighted", "resistance"),
    "WEEK": (
        "week",
        "weekly",
        "times a week",
        "times per week",
        "a week",
        "per week",
        "each week",
        "frequency",
        "frequent",
        "sessions a week",
        "days a week",
    ),
    "2": ("two", "twice", "2", "2x", "couple"),
    "3": ("three", "thrice", "3", "3x"),
    "4": ("four", "4", "4x"),
    "5": ("five", "5"),
    "OVERTRAIN": ("overtraining", "overtrain", "overtrained", "overreaching", "burnout", "burn out", "fried", "fry"),
    "NERVE": (
        "cns",
        "central nervous system",
        "nervous system",
        "neural",
        "neurological",
        "nerve",
        "neuromuscular",
        "brain",
        "nerve supply",
        "brain signal",
        "signals from the brain",
        "listening to the brain",
    ),
    "RECOVER": ("recovery", "recover", "rest", "rest day", "between sessions", "hours between"),
    "CARDIO": (
        "cardio",
        "running",
        "run",
        "jog",
        "jogging",
        "aerobic",
        "endurance",
        "treadmill",
        "miles",
        "runs",
        "jogs",
        "long run",
        "5k",
        "10k",
    ),
    "SHOE": (
        "shoe",
        "shoes",
        "footwear",
        "sneaker",
        "sneakers",
        "running shoe",
        "running shoes",
        "trainer shoes",
        "cushioned",
        "cushion",
        "cushions",
        "air cushion",
        "lifting shoes",
        "flat shoes",
        "vans",
        "converse",
    ),
    "UNSTABLE": (
        "stable",
        "stability",
        "stabilise",
        "stabilize",
        "stabilising",
        "stabilizing",
        "unstable",
        "instability",
        "balance",
        "wobbly",
        "steady",
        "level pelvis",
        "pelvis level",
    ),
    "POWER": ("power", "explosive", "power output", "explosiveness", "blunt", "blunting"),
    "FASCIA": ("fascia", "connective tissue", "myofascial", "fascial"),
    "WATER": (
        "water",
        "hydration",
        "hydrate",
        "hydrated",
        "dehydrated",
        "dehydration",
        "drink",
        "drinking",
        "fluid",
        "fluids",
    ),
    "SUPPLE": ("supple", "loose", "pliable", "elastic", "sticky", "stickiness", "glued"),
    "FAT": ("fat", "body fat", "belly fat", "adipose", "lean", "flab", "fatty", "love handles", "belly", "stomach"),
    "SPOTREDUCE": (
        "spot reduce",
        "spot reduction",
        "spot reducing",
        "target fat",
        "targeted fat",
        "burn fat",
        "burn the fat",
        "burn off fat",
        "burn off the fat",
        "burning fat",
        "fat burning",
        "fat loss",
        "lose fat",
        "losing the fat",
        "burn butt fat",
        "burn belly fat",
        "melt fat",
        "melt the fat",
        "melt away",
        "trim fat",
        "slim down",
        "spot burn",
        "target the fat",
        "targeting fat",
        "burn fat from",
    ),
    "TONE": (
        "tone",
        "toned",
        "toning",
        "firm",
        "firming",
        "sculpt",
        "sculpted",
        "tight and toned",
        "firm up",
        "firmer",
    ),
    "PROTEIN": ("protein", "amino acid", "amino acids", "whey", "grams of protein", "protein intake"),
    "LEUCINE": ("leucine",),
    "CARB": ("carb", "carbs", "carbohydrate", "carbohydrates", "glycogen", "sugar", "starch"),
    "KETO": (
        "keto",
        "ketogenic",
        "low carb",
        "low carbohydrate",
        "no carb",
        "zero carb",
        "carb free",
        "cut carbs",
        "cutting carbs",
        "very low carb",
        "keto diet",
        "carnivore",
    ),
    "BACKPAIN": (
        "back pain",
        "low back pain",
        "lower back pain",
        "lbp",
        "sore back",
        "bad back",
        "backache",
        "cranky lower back",
        "achy back",
        "aching back",
        "back ache",
        "back aches",
        "back problems",
        "sore lower back",
    ),
    "LOWBACK": (
        "lower back",
        "low back",
        "spinal erectors",
        "erector spinae",
        "erectors",
        "lumbar",
        "spine",
        "spinal",
        "back muscles",
    ),
    "HAMSTRING": (
        "hamstring",
        "hamstrings",
        "hammies",
        "biceps femoris",
        "back of the thigh",
        "back of the thighs",
        "back of the leg",
        "back of the legs",
        "hamstring muscles",
    ),
    "QUAD": (
        "quad",
        "quads",
        "quadriceps",
        "thigh",
        "thighs",
        "front of the thigh",
        "front of the thighs",
        "quad muscles",
    ),
    "COMPENSATE": (
        "compensate",
        "compensation",
        "compensating",
        "take over",
        "takes over",
        "taking over",
        "overwork",
        "overworking",
        "overcompensate",
        "overcompensating",
        "synergistic dominance",
        "do the work",
        "doing all the work",
        "do all the work",
        "picks up the slack",
        "pick up the slack",
        "pick up the work",
        "do the job",
        "end up doing",
        "steal the work",
        "take the load",
        "overactive",
    ),
    "PELVICTILT": ("anterior pelvic tilt", "pelvic tilt", "apt", "tilts forward", "tilt forward", "pelvis tilt"),
    "RDL": ("romanian deadlift", "romanian deadlifts", "rdl", "rdls", "stiff leg deadlift"),
    "DEADLIFT": (
        "deadlift",
        "deadlifts",
        "deadlifting",
        "conventional deadlift",
        "sumo deadlift",
        "hinge",
        "hip hinge",
        "hinging",
    ),
    "UNILATERAL": (
        "single leg",
        "one leg",
        "unilateral",
        "split squat",
        "bulgarian split squat",
        "lunge",
        "lunges",
        "step up",
        "step ups",
        "each cheek",
        "each side",
        "per leg",
        "one legged",
        "single legged",
        "one foot",
        "single foot",
        "bulgarian",
        "bulgarians",
        "reverse lunge",
        "walking lunge",
        "rear foot elevated",
        "rfess",
        "unilateral work",
    ),
    "MINDMUSCLE": (
        "mind muscle connection",
        "mind muscle",
        "neural connection",
        "brain and butt",
        "mind body connection",
        "squeeze",
    ),
    "ISOLATION": ("isolation", "isolate", "isolated", "isolating", "single joint"),
    "SORE": ("sore", "soreness", "doms", "delayed onset muscle soreness", "ache", "burn", "burning"),
    "PUMP": ("pump", "pumped", "swelling"),
    "ECCENTRIC": (
        "eccentric",
        "eccentrics",
        "negative phase",
        "negative rep",
        "negative part",
        "negative portion",
        "slow negative",
        "slow down",
        "way down",
        "lowering",
        "lengthen",
        "lengthening",
        "lengthens",
        "tempo",
    ),
    "DAMAGE": (
        "muscle damage",
        "damage",
        "micro tears",
        "microtears",
        "tear",
        "tearing",
        "tears",
        "micro tearing",
        "micro damage",
        "muscle tears",
    ),
    "SLEEP": ("sleep", "sleeping", "slept", "nap"),
    "HIPEXT": (
        "hip extension",
        "extend the hip",
        "hip extensor",
        "hip extensors",
        "extend your hips",
        "hip drive",
        "lockout",
        "straighten the hip",
        "straighten the hips",
        "straightening the hip",
        "hip extend",
        "drive the hips",
        "extend the hips",
    ),
    "HORIZONTAL": ("horizontal", "horizontal tension", "horizontal load", "force vector", "force vectors"),
    "SHAPE": ("shelf", "shape", "round", "rounded", "rounder", "perky", "flat", "flat butt", "flat backside"),
    "PAIN": (
        "pain",
        "painful",
        "hurt",
        "hurts",
        "injury",
        "injuries",
        "injured",
        "strain",
        "strains",
        "osteoarthritis",
        "oa",
        "arthritis",
        "achy",
        "niggle",
        "niggles",
    ),
    "MOVE": (
        "move",
        "moving",
        "movement",
        "movements",
        "physical activity",
        "walk",
        "walking",
        "exercise more",
        "get up",
        "moving around",
        "get up and move",
        "walk around",
    ),
    "POSTURE": ("posture", "postural", "alignment", "misalignment"),
    "WARMUP": (
        "warm up",
        "warmup",
        "warm ups",
        "warming up",
        "before lifting",
        "pre workout",
        "prime",
        "priming",
        "wake up",
        "awaken",
        "before training",
        "before a workout",
        "before the session",
    ),
    "KNEE": ("knee", "knees", "valgus", "knees cave", "caving in", "cave in"),
    "SPRINT": (
        "sprint",
        "sprints",
        "sprinting",
        "sled",
        "sled push",
        "sled pushes",
        "hill sprints",
        "sprinter",
        "sprinters",
        "prowler",
        "sled pull",
        "sled drag",
    ),
    "LANGUAGE": ("language", "words", "wording", "label", "labeling", "labelling", "terminology"),
    "THREAT": (
        "threat",
        "threatening",
        "fear",
        "fearful",
        "scary",
        "alarming",
        "nocebo",
        "catastrophize",
        "catastrophise",
        "catastrophizing",
        "catastrophising",
        "scared",
        "anxious",
        "anxiety",
        "fragile",
    ),
    "WEAK": (
        "weak",
        "weakness",
        "weakened",
        "deconditioned",
        "deconditioning",
        "under trained",
        "undertrained",
        "untrained",
        "detrained",
        "disuse",
        "lost strength",
        "lose strength",
        "out of shape",
        "underused",
        "unused",
    ),
    "LEG": (
        "leg",
        "legs",
        "lower body",
        "leg day",
        "leg session",
        "leg sessions",
        "leg workout",
        "leg training",
        "lower body training",
        "lower body session",
    ),
    "INTENSE": ("high intensity", "intense", "intensity", "maximal", "max effort"),
    "VOLUME": ("volume", "sets", "set", "reps", "repetitions", "repetition"),
}

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "re",
        "s",
        "she",
        "should",
        "so",
        "some",
        "such",
        "t",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "also",
        "even",
        "get",
        "gets",
        "got",
        "make",
        "makes",
        "made",
        "may",
        "might",
        "must",
        "shall",
        "let",
        "lets",
        "really",
        "actually",
        "simply",
        "basically",
        "like",
        "one",
        "ever",
        "every",
        "much",
        "many",
        "well",
        "thing",
        "things",
        "way",
        "ways",
        "lot",
        "lots",
        "still",
        "yet",
        "whether",
        "via",
        "per",
        "cannot",
        "go",
        "goes",
        "going",
        "gone",
        "went",
        "never",
        "nothing",
        "none",
        "neither",
        "without",
    ]
)
# The connective words of a written claim ("produces", "for example", "compared with", "people"):
# a paraphrase says the same relation in other words, so they are not ideas to look for.
FILLER = frozenset(
    [
        "produce",
        "produces",
        "produced",
        "producing",
        "example",
        "examples",
        "include",
        "includes",
        "including",
        "compared",
        "compare",
        "comparison",
        "meaning",
        "mean",
        "means",
        "called",
        "call",
        "person",
        "people",
        "someone",
        "anyone",
        "otherwise",
        "following",
        "follow",
        "such",
        "typically",
        "usually",
        "often",
        "generally",
        "given",
        "give",
        "gives",
        "lead",
        "leads",
        "leading",
        "result",
        "results",
        "resulting",
        "thereby",
        "rather",
        "instead",
        "whereas",
        "order",
    ]
)

# Articles and possessives are skipped when phrases are matched, so "back of the thigh" also
# reads "back of your thighs" and "straighten the hip" reads "straighten your hips".
GLUE = frozenset(["a", "an", "the", "your", "my", "our", "their", "his", "her", "its"])

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_CANT = re.compile(r"\bcan't\b")
_WONT = re.compile(r"\bwon't\b")
_NOT = re.compile(r"n't\b")
_CLITIC = re.compile(r"'(?:s|re|ve|ll|d|m)\b")
_WORD = re.compile(r"[a-z0-9]+")
_KEEP_DOUBLE = "lsz"


# Words read in one sense only, before stemming: "tons" is a weight, not "toned" (both stem to "ton");
# "negatives" are eccentric reps, while "negative" is mostly "bad" ("a negative impact").
WORD_SENSES: dict[str, str] = {"ton": "tonnage", "tons": "tonnage", "tonne": "tonnage", "tonnes": "tonnage"}

# Phrases that look like an idea but are another sense of its words: read as no idea at all.
NOT_IDEAS: tuple[str, ...] = (
    "off the ground",
    "off the floor",
    "off the bench",
    "off the wall",
    "off and on",
    "on and off",
    "on back",
    "lie on back",
    "lying on back",
    "flat on back",
    "back of the knee",
    "back in the day",
    "get back",
    "come back",
    "bounce back",
    "sit up straight",
    "sit ups",
    "sit up",
    "put simply",
    "in a nutshell",
)

# A particle that names an idea only after its verb ("switch them off", "turn your glutes on"); alone,
# "off" is usually a place ("off the ground") and "on" a preposition.
PARTICLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "off": ("OFF", ("switch", "turn", "shut", "knock", "switche", "turne")),
    "down": ("OFF", ("shut",)),
    "on": ("ACTIVE", ("switch", "turn", "switche", "turne")),
}
PARTICLE_REACH = 4

# Words that deny what the sentence says. Their count's parity is a sentence's polarity; a matched
# phrase has one too, so "your glutes are not switched off" asserted by "glutes don't switch off".
NEGATIONS = frozenset(
    [
        "not",
        "cannot",
        "no",
        "never",
        "nothing",
        "none",
        "neither",
        "nor",
        "without",
        "myth",
        "myths",
        "debunk",
        "debunked",
        "debunking",
        "fallacy",
        "misconception",
        "misconceptions",
        "nonsense",
        "bogus",
        "false",
        "untrue",
        "lack",
        "lacks",
        "unsupported",
        "unproven",
        "disproven",
    ]
)
# Negation words that deny nothing in these phrases.
NOT_NEGATING: tuple[tuple[str, ...], ...] = (
    ("not", "only"),
    ("no", "matter"),
    ("no", "doubt"),
    ("not", "to", "mention"),
    ("no", "wonder"),
    ("nothing", "but"),
    ("never", "mind"),
)
# A question that opens like a statement ("Your glutes forget what to do?") doubts what it says.
QUESTION_OPENERS = frozenset(
    [
        "what",
        "why",
        "how",
        "when",
        "where",
        "who",
        "whom",
        "whose",
        "which",
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "can",
        "could",
        "should",
        "would",
        "will",
        "have",
        "has",
        "had",
        "may",
        "might",
        "must",
        "shall",
        "am",
        "ever",
    ]
)

# Where a clause ends: a colon, semicolon or dash, ", and", or a contrasting conjunction (not a bracket:
# "a theory (the lower crossed syndrome) that does not exist" denies what the brackets name). Written with
# ASCII classes so that audit.js's copy splits the same text the same way.
_CLAUSE = re.compile(
    r"([:;—–]| - |, and |(?<![A-Za-z0-9])(?:but|however|although|though|whereas)(?![A-Za-z0-9]))",
    re.IGNORECASE,
)

# Words that relate a cause (before them) to an effect (after them), and those that put the cause
# after ("because", "due to"): "weak glutes cause back pain" is not "back pain means weak glutes".
FORWARD = (
    "cause",
    "causes",
    "lead to",
    "leads to",
    "result in",
    "results in",
    "make",
    "makes",
    "made",
    "trigger",
    "triggers",
    "mean",
    "means",
    "signal",
    "signals",
    "sign of",
    "produce",
    "produces",
    "so",
    "therefore",
    "then",
)
BACKWARD = ("because", "due to", "caused by", "from", "result of", "after", "since")


def negations(text: str) -> int:
    """How many words of the text deny what it says.

    A negation inside an idea's phrase ("do not fire" is OFF) is part of that idea, not a denial;
    one after "than" belongs to the thing compared ("than people without back pain"), not the claim.
    """
    said = [w for w in words(text) if w not in GLUE]
    if "than" in said:
        said = said[: said.index("than")]
    inside = _inside_phrases(said)
    count = 0
    for i, word in enumerate(said):
        if i in inside or word not in NEGATIONS:
            continue
        if not any(tuple(said[i : i + len(p)]) == p for p in NOT_NEGATING):
            count += 1
    return count


def doubts(text: str) -> int:
    """1 for a question that opens like a statement ("Your glutes forget what to do?"), which doubts it; else 0."""
    said = [w for w in words(text) if w not in GLUE]
    stripped = text.rstrip(" \"'”’)")
    return int(stripped.endswith("?") and bool(said) and said[0] not in QUESTION_OPENERS)


def polarity(text: str) -> int:
    """1 when the text, read as one clause, denies what it names (odd negations, or a doubting question)."""
    return (negations(text) + doubts(text)) % 2


def clauses(text: str) -> list[str]:
    """The clauses of a sentence, each with its own yes or no: "Spot reduction is a myth: crunches will not
    burn belly fat" says no twice, once in each clause, and means it both times.

    "Not X but Y" stays one clause: its "not" is the contrast, which aliases such as "it is not sitting
    but our sedentary nature" are written with.
    """
    pieces = _CLAUSE.split(text)
    out = [pieces[0]]
    for mark, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        if mark.lower() == "but" and negations(out[-1]):
            out[-1] += mark + piece
        else:
            out.append(piece)
    return [part for part in out if any(c.isalnum() for c in part)]


def clause_polarities(text: str) -> tuple[tuple[frozenset[str], int], ...]:
    """Each clause of a sentence as the ideas it names and whether it denies them (1) or not (0)."""
    return tuple((frozenset(terms(part)), negations(part) % 2) for part in clauses(text))


def words(text: str) -> list[str]:
    """Lower-case words of the text, with contractions opened ("don't" gives "do", "not")."""
    text = text.lower().translate(_APOSTROPHES)
    text = _NOT.sub(" not", _WONT.sub("will not", _CANT.sub("can not", text)))
    text = _CLITIC.sub("", text)
    return _WORD.findall(text)


def _undouble(word: str) -> str:
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in _KEEP_DOUBLE and not word[-1].isdigit():
        return word[:-1]
    return word


def stem(word: str) -> str:
    """A light stem: plural, -ing, -ed, -ation, -ness, -ly, -er and a final e taken off."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6:
        word = _undouble(word[:-3])
    elif word.endswith("ed") and len(word) >= 5:
        word = _undouble(word[:-2])
    elif (word.endswith("ation") and len(word) >= 7) or (word.endswith("ion") and len(word) >= 7):
        word = word[:-3]
    elif word.endswith("ness") and len(word) >= 7:
        word = word[:-4]
    elif word.endswith("ly") and len(word) >= 6:
        word = word[:-2]
    elif word.endswith("er") and len(word) >= 6:
        word = _undouble(word[:-2])
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    return word


def stems(text: str) -> list[str]:
    """The stems of a text's words, articles and possessives left out, one-sense words read in their sense."""
    return [stem(WORD_SENSES.get(w, w)) for w in words(text) if w not in GLUE]


@lru_cache(maxsize=1)
def compiled() -> tuple[dict[str, str], int]:
    """The thesaurus as stemmed phrase (words joined by spaces) to term ("" for no idea), and its longest phrase."""
    table: dict[str, str] = {}
    longest = 1
    entries = [(term, phrase) for term, phrases in SYNONYMS.items() for phrase in phrases]
    for term, phrase in [("", p) for p in NOT_IDEAS] + entries:
        key = " ".join(stems(phrase))
        table.setdefault(key, term)
        longest = max(longest, key.count(" ") + 1)
    return table, longest


def ideas(text: str) -> tuple[list[tuple[str, int]], list[str]]:
    """The ideas in a text with the place (stem index) of each, and the stems they were read from (see _ideas)."""
    found, said = _ideas(text)
    return list(found), list(said)


# A sentence is read for its ideas, its polarity and its causal order; it is read once.
@lru_cache(maxsize=4096)
def _ideas(text: str) -> tuple[tuple[tuple[str, int], ...], tuple[str, ...]]:
    """The ideas in a text with the place (stem index) of each, and the stems they were read from.

    Thesaurus terms for known phrases (longest first), stems otherwise; stop words and phrases of
    another sense name nothing, and "off" or "on" names an idea only after its verb.
    """
    table, longest = compiled()
    said = stems(text)
    found: list[tuple[str, int]] = []
    i = 0
    while i < len(said):
        for size in range(min(longest, len(said) - i), 0, -1):
            term = table.get(" ".join(said[i : i + size]))
            if term is not None:
                if term:
                    found.append((term, i))
                i += size
                break
        else:
            word = said[i]
            if word in PARTICLES:
                idea, verbs = PARTICLES[word]
                verb = next((j for j in range(i - 1, max(-1, i - 1 - PARTICLE_REACH), -1) if said[j] in verbs), None)
                if verb is not None:
                    found = [(t, at) for t, at in found if at != verb]
                    found.append((idea, i))
            elif word not in STOP_STEMS:
                found.append((word, i))
            i += 1
    return tuple(found), tuple(said)


def _inside_phrases(said: list[str]) -> set[int]:
    """Places of the words that a thesaurus phrase of two words or more takes up."""
    table, longest = compiled()
    keyed = [stem(WORD_SENSES.get(w, w)) for w in said]
    inside: set[int] = set()
    i = 0
    while i < len(keyed):
        size = next((n for n in range(min(longest, len(keyed) - i), 1, -1) if " ".join(keyed[i : i + n]) in table), 1)
        if size > 1:
            inside.update(range(i, i + size))
        i += size
    return inside


def terms(text: str) -> list[str]:
    """The ideas in a text, in order (see ideas)."""
    return [term for term, _ in ideas(text)[0]]


@lru_cache(maxsize=1)
def connectives() -> tuple[tuple[tuple[tuple[str, ...], ...], bool], ...]:
    """The causal connectives as stem tuples, backward ones first so "caused by" is not read as "cause"."""
    return (
        (tuple(tuple(stems(c)) for c in BACKWARD), True),
        (tuple(tuple(stems(c)) for c in FORWARD), False),
    )


def relation(text: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The ideas on the cause side and on the effect side of the first causal connective, or None."""
    found, said = ideas(text)
    for i in range(len(said)):
        for group, backward in connectives():
            size = next((len(c) for c in group if tuple(said[i : i + len(c)]) == c), 0)
            if size:
                before = frozenset(t for t, at in found if at < i)
                after = frozenset(t for t, at in found if at >= i + size)
                if before and after:
                    return (after, before) if backward else (before, after)
    return None


STOP_STEMS = frozenset(stem(w) for w in STOPWORDS | FILLER) | STOPWORDS | FILLER
