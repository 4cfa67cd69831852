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
    "GLUTE": ("glute", "glutes", "gluteal", "gluteals", "gluteus", "gluteus maximus", "glute max", "glute maximus", "butt", "buttock", "bum", "booty", "backside", "rear end", "derriere", "cheek", "glute muscles", "butt muscles", "bum muscles", "buttocks", "bottom", "rear", "ass", "arse", "peach", "butt cheeks", "gmax", "glutes max"),
    "GMED": ("gluteus medius", "glute medius", "glute med", "side glute", "hip abductor", "abductor", "abduction", "medius", "outer hip", "outer glute", "side butt", "upper glute", "outside of the hip", "hip abductors", "gmed"),
    "SIT": ("sit", "sitting", "seated", "sedentary", "desk", "chair", "couch", "sofa", "office job", "desk job", "sit down", "sat", "seat", "office", "workstation", "computer", "armchair", "stool", "commute", "sitting down", "desk bound", "parked"),
    "OFF": ("amnesia", "inhibit", "inhibition", "inhibited", "asleep", "sleepy", "dormant", "switch off", "switched off", "shut off", "shut down", "turn off", "turned off", "offline", "silent", "inactive", "deactivate", "deactivated", "forget", "forgotten", "dead butt", "dead", "lazy", "underactive", "under activation", "under activated", "underactivation", "not firing", "stop firing", "stop working", "go to sleep", "fall asleep", "disconnect", "disconnection", "underdominance", "off", "shut", "switch", "to sleep", "drowsy", "dozing", "snooze", "numb", "sluggish", "disengage", "disengaged", "not engage", "not engaging", "not fire", "not fire properly", "stop listening", "not listening", "under active", "underperform", "underperforming", "not pulling its weight", "not pulling their weight", "not doing its job", "not doing their job", "forget how to fire", "forgot how to fire"),
    "RECIPROCAL": ("reciprocal", "reciprocal inhibition", "opposing muscle", "antagonist", "antagonists"),
    "ACTIVE": ("activation", "activate", "activated", "activity", "active", "fire", "firing", "recruit", "recruitment", "emg", "electromyography", "engage", "engagement", "light up", "lights up", "muscle activity", "electrical activity", "demand", "work harder", "switch on", "switched on", "turn on", "turned on", "kick in", "kicks in", "recruited", "work hard", "fire up", "muscle activation", "muscle recruitment", "electrical signal"),
    "GROW": ("grow", "growth", "hypertrophy", "size", "bigger", "build", "mass", "muscle growth", "bulk", "gain", "gains", "builder", "larger", "pack on", "develop", "development", "bulk up", "grow bigger"),
    "STRONG": ("strength", "strong", "stronger", "strengthen", "strengthening", "stronger muscles", "get stronger"),
    "HIPFLEXOR": ("hip flexor", "hip flexors", "psoas", "iliopsoas", "flexor", "hip flexor muscles"),
    "TIGHT": ("tight", "tighten", "tightened", "tightness", "shorten", "shortened", "shortening", "stiff", "stiffness", "locked up"),
    "SQUAT": ("squat", "back squat", "barbell squat", "goblet squat", "front squat", "box squat", "squatting"),
    "PARTIAL": ("partial", "partials", "half", "quarter", "parallel squat", "half squat", "partial squat", "shallow"),
    "DEEP": ("deep", "deeper", "depth", "full depth", "full squat", "ass to grass", "below parallel", "full range", "full range of motion", "rock bottom"),
    # A stretched muscle, including the idiom "a deep stretch", which says nothing of squat depth.
    "STRETCH": ("stretch", "stretched", "stretching", "deep stretch", "deeper stretch"),
    "HIPTHRUST": ("hip thrust", "barbell hip thrust", "thrust", "thruster", "hip thruster", "glute thrust", "barbell glute bridge"),
    "BRIDGE": ("bridge", "glute bridge", "hip bridge"),
    "DRILL": ("drill", "clamshell", "clam shell", "clam", "band", "banded", "mini band", "resistance band", "monster walk", "lateral walk", "band walk", "band work", "activation circuit", "circuit", "fire hydrant", "primer"),
    # Not "progress" (nor "progression", which stems the same): as a noun it means improvement
    # ("track your progress"), not the principle.
    "PROGRESS": ("progressive", "overload", "progressive overload", "add weight", "adding weight", "more weight"),
    "SAME": ("same", "forever", "never change", "stuck", "plateau"),
    "COMPOUND": ("compound", "multi joint", "big lift", "big lifts", "barbell lift"),
    "HEAVY": ("heavy", "heavier", "load", "loaded", "loading", "weight", "weights", "weighted", "resistance"),
    "WEEK": ("week", "weekly", "times a week", "times per week", "a week", "per week", "each week", "frequency", "frequent", "sessions a week", "days a week"),
    "2": ("two", "twice", "2", "2x", "couple"),
    "3": ("three", "thrice", "3", "3x"),
    "4": ("four", "4", "4x"),
    "5": ("five", "5"),
    "OVERTRAIN": ("overtraining", "overtrain", "overtrained", "overreaching", "burnout", "burn out", "fried", "fry"),
    "NERVE": ("cns", "central nervous system", "nervous system", "neural", "neurological", "nerve", "neuromuscular", "brain", "nerve supply", "brain signal", "signals from the brain", "listening to the brain"),
    "RECOVER": ("recovery", "recover", "rest", "rest day", "between sessions", "hours between"),
    "CARDIO": ("cardio", "running", "run", "jog", "jogging", "aerobic", "endurance", "treadmill", "miles", "runs", "jogs", "long run", "5k", "10k"),
    "SHOE": ("shoe", "shoes", "footwear", "sneaker", "sneakers", "running shoe", "running shoes", "trainer shoes", "cushioned", "cushion", "cushions", "air cushion", "lifting shoes", "flat shoes", "vans", "converse"),
    "UNSTABLE": ("stable", "stability", "stabilise", "stabilize", "stabilising", "stabilizing", "unstable", "instability", "balance", "wobbly", "steady", "level pelvis", "pelvis level"),
    "POWER": ("power", "explosive", "power output", "explosiveness", "blunt", "blunting"),
    "FASCIA": ("fascia", "connective tissue", "myofascial", "fascial"),
    "WATER": ("water", "hydration", "hydrate", "hydrated", "dehydrated", "dehydration", "drink", "drinking", "fluid", "fluids"),
    "SUPPLE": ("supple", "loose", "pliable", "elastic", "sticky", "stickiness", "glued"),
    "FAT": ("fat", "body fat", "belly fat", "adipose", "lean", "flab", "fatty", "love handles", "belly", "stomach"),
    "SPOTREDUCE": ("spot reduce", "spot reduction", "spot reducing", "target fat", "targeted fat", "burn fat", "burn the fat", "burn off fat", "burn off the fat", "burning fat", "fat burning", "fat loss", "lose fat", "losing the fat", "burn butt fat", "burn belly fat", "melt fat", "melt the fat", "melt away", "trim fat", "slim down", "spot burn", "target the fat", "targeting fat", "burn fat from"),
    "TONE": ("tone", "toned", "toning", "firm", "firming", "sculpt", "sculpted", "tight and toned", "firm up", "firmer"),
    "PROTEIN": ("protein", "amino acid", "amino acids", "whey", "grams of protein", "protein intake"),
    "LEUCINE": ("leucine",),
    "CARB": ("carb", "carbs", "carbohydrate", "carbohydrates", "glycogen", "sugar", "starch"),
    "KETO": ("keto", "ketogenic", "low carb", "low carbohydrate", "no carb", "zero carb", "carb free", "cut carbs", "cutting carbs", "very low carb", "keto diet", "carnivore"),
    "BACKPAIN": ("back pain", "low back pain", "lower back pain", "lbp", "sore back", "bad back", "backache", "cranky lower back", "achy back", "aching back", "back ache", "back aches", "back problems", "sore lower back"),
    "LOWBACK": ("lower back", "low back", "spinal erectors", "erector spinae", "erectors", "lumbar", "spine", "spinal", "back muscles"),
    "HAMSTRING": ("hamstring", "hamstrings", "hammies", "biceps femoris", "back of the thigh", "back of the thighs", "back of the leg", "back of the legs", "hamstring muscles"),
    "QUAD": ("quad", "quads", "quadriceps", "thigh", "thighs", "front of the thigh", "front of the thighs", "quad muscles"),
    "COMPENSATE": ("compensate", "compensation", "compensating", "take over", "takes over", "taking over", "overwork", "overworking", "overcompensate", "overcompensating", "synergistic dominance", "do the work", "doing all the work", "do all the work", "picks up the slack", "pick up the slack", "pick up the work", "do the job", "end up doing", "steal the work", "take the load", "overactive"),
    "PELVICTILT": ("anterior pelvic tilt", "pelvic tilt", "apt", "tilts forward", "tilt forward", "pelvis tilt"),
    "RDL": ("romanian deadlift", "romanian deadlifts", "rdl", "rdls", "stiff leg deadlift"),
    "DEADLIFT": ("deadlift", "deadlifts", "deadlifting", "conventional deadlift", "sumo deadlift", "hinge", "hip hinge", "hinging"),
    "UNILATERAL": ("single leg", "one leg", "unilateral", "split squat", "bulgarian split squat", "lunge", "lunges", "step up", "step ups", "each cheek", "each side", "per leg", "one legged", "single legged", "one foot", "single foot", "bulgarian", "bulgarians", "reverse lunge", "walking lunge", "rear foot elevated", "rfess", "unilateral work"),
    "MINDMUSCLE": ("mind muscle connection", "mind muscle", "neural connection", "brain and butt", "mind body connection", "squeeze"),
    "ISOLATION": ("isolation", "isolate", "isolated", "isolating", "single joint"),
    "SORE": ("sore", "soreness", "doms", "delayed onset muscle soreness", "ache", "burn", "burning"),
    "PUMP": ("pump", "pumped", "swelling"),
    "ECCENTRIC": ("eccentric", "eccentrics", "negative", "negatives", "slow down", "way down", "lowering", "lengthen", "lengthening", "lengthens", "tempo"),
    "DAMAGE": ("muscle damage", "damage", "micro tears", "microtears", "tear", "tearing", "tears", "micro tearing", "micro damage", "muscle tears"),
    "SLEEP": ("sleep", "sleeping", "slept", "nap"),
    "HIPEXT": ("hip extension", "extend the hip", "hip extensor", "hip extensors", "extend your hips", "hip drive", "lockout", "straighten the hip", "straighten the hips", "straightening the hip", "hip extend", "drive the hips", "extend the hips"),
    "HORIZONTAL": ("horizontal", "horizontal tension", "horizontal load", "force vector", "force vectors"),
    "SHAPE": ("shelf", "shape", "round", "rounded", "rounder", "perky", "flat", "flat butt", "flat backside"),
    "PAIN": ("pain", "painful", "hurt", "hurts", "injury", "injuries", "injured", "strain", "strains", "osteoarthritis", "oa", "arthritis", "achy", "niggle", "niggles"),
    "MOVE": ("move", "moving", "movement", "movements", "physical activity", "walk", "walking", "exercise more", "get up", "moving around", "get up and move", "walk around"),
    "POSTURE": ("posture", "postural", "alignment", "misalignment"),
    "WARMUP": ("warm up", "warmup", "warm ups", "warming up", "before lifting", "pre workout", "prime", "priming", "wake up", "awaken", "awake", "before training", "before a workout", "before the session"),
    "KNEE": ("knee", "knees", "valgus", "knees cave", "caving in", "cave in"),
    "SPRINT": ("sprint", "sprints", "sprinting", "sled", "sled push", "sled pushes", "hill sprints", "sprinter", "sprinters", "prowler", "sled pull", "sled drag"),
    "LANGUAGE": ("language", "words", "wording", "label", "labeling", "labelling", "terminology"),
    "THREAT": ("threat", "threatening", "fear", "fearful", "scary", "alarming", "nocebo", "catastrophize", "catastrophise", "catastrophizing", "catastrophising", "scared", "anxious", "anxiety", "fragile"),
    "WEAK": ("weak", "weakness", "weakened", "deconditioned", "deconditioning", "under trained", "undertrained", "untrained", "detrained", "disuse", "lost strength", "lose strength", "out of shape", "underused", "unused"),
    "LEG": ("leg", "legs", "lower body", "leg day", "leg session", "leg sessions", "leg workout", "leg training", "lower body training", "lower body session"),
    "INTENSE": ("high intensity", "intense", "intensity", "maximal", "max effort"),
    "VOLUME": ("volume", "sets", "set", "reps", "repetitions", "repetition"),
}

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been being below
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me
    more most my myself no nor not of on once only or other our ours ourselves out over own re s
    she should so some such t than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why
    will with would you your yours yourself yourselves also even get gets got make makes made may
    might must shall let lets really actually simply basically like one ever every much many well
    thing things way ways lot lots still yet whether via per cannot go goes going gone went
    never nothing none neither without""".split()
)
# The connective words of a written claim ("produces", "for example", "compared with", "people"):
# a paraphrase says the same relation in other words, so they are not ideas to look for.
FILLER = frozenset(
    """produce produces produced producing example examples include includes including compared
    compare comparison meaning mean means called call person people someone anyone otherwise
    following follow such typically usually often generally given give gives lead leads leading
    result results resulting thereby rather instead whereas order""".split()
)

# Articles and possessives are skipped when phrases are matched, so "back of the thigh" also
# reads "back of your thighs" and "straighten the hip" reads "straighten your hips".
GLUE = frozenset("a an the your my our their his her its".split())

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_CANT = re.compile(r"\bcan't\b")
_WONT = re.compile(r"\bwon't\b")
_NOT = re.compile(r"n't\b")
_CLITIC = re.compile(r"'(?:s|re|ve|ll|d|m)\b")
_WORD = re.compile(r"[a-z0-9]+")
_KEEP_DOUBLE = "lsz"


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
    elif word.endswith("ation") and len(word) >= 7:
        word = word[:-3]
    elif word.endswith("ion") and len(word) >= 7:
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


@lru_cache(maxsize=1)
def compiled() -> tuple[dict[str, str], int]:
    """The thesaurus as stemmed phrase (words joined by spaces) to term, and its longest phrase."""
    table: dict[str, str] = {}
    longest = 1
    for term, phrases in SYNONYMS.items():
        for phrase in phrases:
            key = " ".join(stem(w) for w in words(phrase) if w not in GLUE)
            table.setdefault(key, term)
            longest = max(longest, key.count(" ") + 1)
    return table, longest


def terms(text: str) -> list[str]:
    """The ideas in a text: thesaurus terms for known phrases (longest first, articles skipped), stems otherwise."""
    table, longest = compiled()
    stems = [stem(w) for w in words(text) if w not in GLUE]
    found: list[str] = []
    i = 0
    while i < len(stems):
        for size in range(min(longest, len(stems) - i), 0, -1):
            term = table.get(" ".join(stems[i : i + size]))
            if term is not None:
                found.append(term)
                i += size
                break
        else:
            if stems[i] not in STOP_STEMS:
                found.append(stems[i])
            i += 1
    return found


STOP_STEMS = frozenset(stem(w) for w in STOPWORDS | FILLER) | STOPWORDS | FILLER
