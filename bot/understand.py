"""Question text -> Query: which cities, which topic, what kind of question, which language.

Everything is matched on folded text (no accents, lower case, no punctuation). The order matters
and is the whole algorithm:
1. exact city names of two or more words ("mexico city", "new york city"), so that their words
   are not read as a country or a topic;
2. phrases from `data/phrases.json` (topics, vocabulary values, question markers, countries),
   longest first, each word used once; the topic named most often wins;
3. exact one-word city names, then near misses: a leftover word close to a topic word is that
   topic ("populaton"); leftover runs close to a city name (rapidfuzz, strict cut-off, or a looser
   one when a single candidate is clearly best: "durahm") are that city ("saltilo"), and the
   correction is kept so the answer can say what the word was taken for;
4. whatever is left is either an unknown name (no city was found), answered with the closest known
   ones, or words the bot did not understand, kept in `Query.unexplained` so the answer says so;
5. a follow-up ("and Tulsa?", "compare the two", "which of those are in the US?") takes what it
   leaves out from the chat's `Context`; a question that names its cities stands on its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, get_args

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.query import Condition, Context, Op, Query
from bot.topics import (
    COUNTABLE,
    FIELD_TOPIC,
    FLAG_TOPICS,
    KEY_FACTS_WHOLE,
    LOOSE,
    MADE_OF,
    MORE_SPECIFIC,
    WHAT_VERBS,
    phrase_table,
)
from knowledge import labels
from knowledge.identity import city_aliases, city_name_key, country_aliases, exonym, simple
from knowledge.models import Snapshot

CITY_CUTOFF = 88.0  # a misspelt city name must be this close (0-100) to be taken for the city
WORD_CUTOFF = 86.0  # a misspelt topic word likewise
SUGGEST_CUTOFF = 60.0
CLEAR_CUTOFF = 80.0  # a looser match is taken when it is clearly the best candidate ("durahm")
CLEAR_MARGIN = 8.0  # … by at least this much over the next one
VALUE_FIELDS = ("policy_areas", "roles", "terms", "success_factors", "helping_to")  # list sections asked about by label
TYPO_MARKERS = ("sufficient", "insufficient", "largest", "smallest", "compare", "versions")
TEAM_TOPICS = {"team", "roles", "officers", "activities"}  # after these, "who heads it?" asks for the officers


@cache
def phrases() -> dict[str, Any]:
    return json.loads(resources.files("bot.data").joinpath("phrases.json").read_text(encoding="utf-8"))


def _table(section: str) -> dict[str, Any]:
    """A mapping section of phrases.json without the `_comment` that explains it to whoever edits the data."""
    return {k: v for k, v in phrases()[section].items() if k != "_comment"}


def _operators(section: str) -> dict[tuple[str, ...], Op]:
    """Comparator phrases as word tuples (matched against a question's words), checked at import so that
    a typo in the data ("=<") fails loudly instead of reaching an answer as an unknown comparison."""
    table = {tuple(words.split()): op for words, op in _table(section).items()}
    wrong = sorted(op for op in table.values() if op not in get_args(Op))
    if wrong:
        raise ValueError(f"phrases.json {section}: unknown operators {wrong}")
    return table


def _either(words: list[str]) -> str:
    """A regex alternation of literal words, for vocabulary that is matched inside patterns."""
    return "|".join(map(re.escape, words))


# Vocabularies are data (phrases.json); these names are what the reading code uses, built once at import.
MAYOR_WORDS = frozenset(phrases()["mayor_words"])  # a city run by a City Manager is told so when asked this way
# Comparatives name the population and also ask which of the cities in the conversation it is ("which is larger?").
COMPARATIVES: dict[str, str] = _table("comparatives")
CONJUNCTIONS = frozenset(phrases()["conjunctions"])  # "mayor and innovation officer": both parts asked
CITY_WORDS = frozenset(phrases()["city_words"])
WHAT_WORDS = frozenset(phrases()["what_words"])
# "under 300,000", "more than three", "al menos 3": comparator words -> operator.
COMPARATORS = _operators("comparators")
# "3 or fewer", "5 o más": a number followed by these words.
TRAILING = _operators("trailing")
RANGE_FROM = frozenset(phrases()["range"]["from"])  # "between 100,000 and 200,000", "de 200.000 a 300.000"
RANGE_TO = frozenset(phrases()["range"]["to"])
NUMBER_WORDS: dict[str, int] = dict(phrases()["number_words"])
SPANISH_ARTICLE = re.compile(rf"^(?:{_either(phrases()['spanish_articles'])}) ")  # "la movilidad" is asked as "movilidad"
_UNITS = phrases()["number_units"]
HALF_MILLION = re.compile(rf"\b(?:{_either(_UNITS['half_million'])})\b", re.I)
ONE_MILLION = re.compile(rf"\b(?:{_either(_UNITS['one'])})\s+(?:{_either(_UNITS['million'])})\b", re.I)
MILLIONS = re.compile(rf"(\d+(?:[.,]\d+)?)\s*(?:{_either(_UNITS['millions'])})\b", re.I)
THOUSANDS = re.compile(rf"(\d+)\s*(?:{_either(_UNITS['thousands'])})\b", re.I)


@dataclass
class Catalog:
    """What names mean in the current store: cities, countries, city-written vocabulary."""

    names: dict[str, str]  # folded name -> store key
    countries: dict[str, str]  # folded country name or alias -> country as stored
    values: dict[str, tuple[str, str]]  # folded phrase -> (field, label)
    team_names: dict[str, str] = field(default_factory=dict)  # other teams named on pages ("implan") -> city
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # region key -> its countries as stored
    phrase_index: dict[str, list[tuple[tuple[str, ...], str, Any]]] = field(default_factory=dict)
    name_list: list[str] = field(default_factory=list)
    value_words: dict[str, tuple[str, str]] = field(default_factory=dict)  # one-word labels, for typos ("enviroment")
    known_words: frozenset[str] = frozenset()  # every word of a phrase, name or filler: what needs no spelling fix
    phrase_words: list[str] = field(default_factory=list)  # words of phrases of two or more words ("heads innovation")

    def __post_init__(self) -> None:
        """Index every phrase by its first word, so reading a question never scans the whole table."""
        self.name_list = list(self.names)
        self.value_words = {w: v for w, v in self.values.items() if " " not in w and len(w) >= 6}
        p = phrases()
        rows: list[tuple[str, str, Any]] = []
        for topic, words in phrase_table().items():
            rows += [(w, "topic", topic) for w in words]
        rows += [(w, "oos", w) for w in p["out_of_scope"]]
        for marker, words in p["markers"].items():
            if marker != "yesno":  # yes/no is read from the first word only
                rows += [(w, "marker", marker) for w in words]
        rows += [(w, "value", v) for w, v in self.values.items()]
        rows += [(w, "country", c) for w, c in self.countries.items()]
        rows += [(w, "topic", "team") for w in self.team_names]
        for region, table in p["regions"].items():
            if region != "_comment":
                rows += [(w, "region", region) for w in table["phrases"]]
        for text, what, value in rows:
            words = tuple(simple(text).split())
            if words:
                self.phrase_index.setdefault(words[0], []).append((words, what, value))
        longer = {w for rows_ in self.phrase_index.values() for words, _, _ in rows_ if len(words) > 1 for w in words}
        self.phrase_words = sorted(longer)
        self.known_words = frozenset(longer | set(self.phrase_index) | _stopwords()
                                     | {w for name in self.names for w in name.split()})

    def respelt(self, tokens: list[str]) -> dict[int, str]:
        """Misspelt words that, put right, complete a phrase of two or more words: "who heds inovation" reads
        "heads innovation" (the innovation officers), where word by word "heds" alone would be the mayor. Only
        words one slip from a phrase word (two for long ones) are tried, and only a whole phrase is taken."""
        options: list[set[str]] = []
        for tok in tokens:
            near = {tok}
            if tok not in self.known_words and len(tok) >= 4 and not tok.isdigit():
                slips = 2 if len(tok) >= 8 else 1
                near |= {w for w, _, _ in process.extract(tok, self.phrase_words, scorer=DamerauLevenshtein.distance,
                                                          score_cutoff=slips, limit=None)}
            options.append(near)
        if all(len(near) == 1 for near in options):
            return {}  # nothing misspelt near a phrase word: the usual case, answered without a second pass
        fixed: dict[int, str] = {}
        for i in range(len(tokens)):
            for first in options[i]:
                for words, _, _ in self.phrase_index.get(first, ()):
                    n = len(words)
                    if n > 1 and i + n <= len(tokens) and all(words[k] in options[i + k] for k in range(n)) \
                            and any(words[k] != tokens[i + k] for k in range(n)):
                        fixed.update({i + k: words[k] for k in range(n) if words[k] != tokens[i + k]})
        return fixed

    @classmethod
    def build(cls, cities: dict[str, Snapshot]) -> Catalog:
        names: dict[str, str] = {}
        countries: dict[str, str] = {}
        for key, snap in cities.items():
            for name in (snap.city, city_name_key(snap.city)):
                names[simple(name)] = key
            countries[simple(snap.country)] = snap.country
        for alias, english in city_aliases().items():
            target = names.get(simple(english))
            if target:
                names[alias] = target
        stored = set(countries.values())
        for alias, country in country_aliases().items():
            if country in stored:
                countries[alias] = country
        for english, spanish in labels.spanish_names("countries").items():  # "cities in Spain": none, and said so
            countries.setdefault(simple(english), english)
            countries.setdefault(simple(spanish), english)
        values: dict[str, tuple[str, str]] = {}
        for fld in VALUE_FIELDS:
            for snap in cities.values():
                for label in getattr(snap, fld) or []:
                    values.setdefault(simple(label), (fld, label))
        for fld, table in phrases()["values"].items():
            for label, words in table.items():
                for w in [label, *words]:
                    values[simple(w)] = (fld, label)
        for section, fld in (*((f, f) for f in VALUE_FIELDS), ("approaches", "approach")):
            for label, spanish in labels.spanish_names(section).items():  # names people read are names they ask with
                for name in {simple(spanish), SPANISH_ARTICLE.sub("", simple(spanish))}:
                    values.setdefault(name, (fld, label))
        for word, value in _distinctive_words(values).items():
            values.setdefault(word, value)
        teams = {simple(t.name): k for k, s in cities.items() if s.team for t in s.team.other_teams}
        regions = {key: tuple(c for c in table["countries"] if c in stored)
                   for key, table in phrases()["regions"].items() if key != "_comment"}
        return cls(names, countries, values, teams, regions)

    def suggest(self, words: str) -> list[str]:
        """Store keys of the (up to three) known cities whose names are closest to `words`."""
        close = process.extract(simple(words), self.name_list, scorer=fuzz.ratio, limit=6, score_cutoff=SUGGEST_CUTOFF)
        return list(dict.fromkeys(self.names[c] for c, _, _ in close))[:3]


def _distinctive_words(values: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """A word found in one label only ("broadband" in "Broadband and digital inclusion") names that
    label, unless it is a word questions use for something else (a topic, a marker, a filler)."""
    taken = set(_stopwords()) | {w for ws in phrase_table().values() for p in ws for w in p.split()}
    taken |= {w for ws in phrases()["markers"].values() for p in ws for w in p.split()}
    seen: dict[str, set[tuple[str, str]]] = {}
    for phrase, value in values.items():
        for word in phrase.split():
            if len(word) >= 4 and word not in taken:
                seen.setdefault(word, set()).add(value)
    return {w: next(iter(v)) for w, v in seen.items() if len(v) == 1}


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(phrases()["stopwords"]["en"]) | frozenset(phrases()["stopwords"]["es"])


@cache
def _topic_words() -> dict[str, str]:
    """One-word topic phrases long enough to be recognised through a typo ('populaton')."""
    return {w: t for t, ws in phrase_table().items() for w in ws if " " not in w and len(w) >= 5}


def _singulars(word: str) -> list[str]:
    """What a plural may be the plural of: "strategies" -> "strategy", "mayors" -> "mayor", "alcaldes" -> "alcalde"."""
    forms = [word[:-3] + "y"] if word.endswith("ies") else []
    forms += [word[:-2]] if word.endswith("es") else []
    return forms + ([word[:-1]] if word.endswith("s") else [])


@cache
def _marker_words() -> dict[str, str]:
    """One-word markers long enough to be recognised through a typo ('insufficent', 'smalest')."""
    return {w: m for m in TYPO_MARKERS for w in phrases()["markers"][m] if " " not in w and len(w) >= 7}


@cache
def _language_markers() -> tuple[frozenset[str], frozenset[str]]:
    es = frozenset(phrases()["spanish_markers"])
    return es, (frozenset(phrases()["stopwords"]["en"]) | frozenset(phrases()["english_markers"])) - es


def detect_language(tokens: list[str], raw: str) -> str | None:
    """"es" or "en" when the question shows its language; None when it does not ("Tulsa?")."""
    if any(c in raw for c in "¿¡ñÑ"):
        return "es"
    es, en = _language_markers()
    score = sum(t in es for t in tokens) - sum(t in en for t in tokens)
    return "es" if score > 0 else "en" if score < 0 else None


def _normalise(text: str) -> str:
    """Numbers written for people ("300,000", "1.5 million", "300k") as plain digits; possessives dropped."""
    text = re.sub(r"(?<=\d)[,.\u00a0\u202f ](?=\d{3}\b)", "", text)
    text = HALF_MILLION.sub("500000", text)
    text = ONE_MILLION.sub("1000000", text)
    text = MILLIONS.sub(lambda m: str(int(float(m.group(1).replace(",", ".")) * 1_000_000)), text)
    text = THOUSANDS.sub(lambda m: str(int(m.group(1)) * 1000), text)
    text = re.sub(r"(?<=\w{4})shun\b", "tion", text)  # spelt as said: "innovashun", "populashun"
    return re.sub(r"(?<=\w)['\u2019]s\b", "", text)


def _similarity(a: str, b: str, **_: Any) -> float:
    """Plain edit similarity, or transpositions counted once ("durahm" ~ "durham")."""
    return max(fuzz.ratio(a, b), 100 * DamerauLevenshtein.normalized_similarity(a, b))


def best_match(word: str, choices: list[str]) -> tuple[str, float] | None:
    """The choice a misspelt word stands for: a close one, or one a single slip away (a swapped pair
    of letters: "durahm") that is clearly better than any other."""
    near = process.extract(word, choices, scorer=fuzz.ratio, limit=5, score_cutoff=CLEAR_CUTOFF - 15)
    found = sorted(((c, _similarity(word, c)) for c, _, _ in near), key=lambda f: -f[1])  # few: rescored in Python
    found = [f for f in found if f[1] >= CLEAR_CUTOFF]
    if not found:
        return None
    best, score = found[0]
    if score >= CITY_CUTOFF:
        return best, score
    runner_up = found[1][1] if len(found) > 1 else 0.0
    clear = score - runner_up >= CLEAR_MARGIN and DamerauLevenshtein.distance(word, best) <= 1
    return (best, score) if len(word) >= 5 and clear else None


class Reader:
    """One question being read; each step claims the words it recognises."""

    def __init__(self, text: str, catalog: Catalog, lang: str | None = None) -> None:
        self.catalog = catalog
        self.tokens = simple(_normalise(text)).split()
        self.used = [False] * len(self.tokens)
        self.lang = lang
        self.query = Query(text=text)
        self.city_words: set[int] = set()  # positions of words read as city names (not evidence of a language)
        self.loosely_named: list[str] = []  # topics named only by everyday words ("terms", "associate")
        self.found: list[tuple[int, str]] = []  # (position, city key)
        self.topic_hits: dict[str, list[tuple[int, str]]] = {}  # topic -> (length, phrase) found
        self.country_at: tuple[int, int] | None = None  # where a country was named (position, words)

    def claim(self, i: int, n: int) -> None:
        for j in range(i, i + n):
            self.used[j] = True

    def city_at(self, i: int, n: int, key: str) -> None:
        self.found.append((i, key))
        self.city_words.update(range(i, i + n))

    def read(self) -> Query:
        stop = _stopwords()
        for i, word in self.catalog.respelt(self.tokens).items():
            if word not in stop:  # "inovation" put right is filler, not worth saying
                self.query.corrections.append((self.tokens[i], word))
            self.tokens[i] = word
        self._exact_cities(min_words=2)
        self._condition()
        self._phrases()
        self._exact_cities(min_words=1)
        self._year()
        self._near_misses()
        q = self.query
        # A city's name says nothing of the asker's language ("Buenos Aries population" is English).
        shown = detect_language([w for i, w in enumerate(self.tokens) if i not in self.city_words], q.text)
        q.lang, q.lang_shown = shown or self.lang or "en", shown is not None
        q.cities = list(dict.fromkeys(k for _, k in sorted(self.found)))
        if not q.cities:  # "what is IMPLAN?": a team's name says which city
            text = f" {' '.join(self.tokens)} "
            q.cities = [k for name, k in self.catalog.team_names.items() if f" {name} " in text][:1]
        if {"sufficient", "insufficient", "no_response"} & q.markers:
            q.topic = "data"  # data levels only exist for data availability
            q.topics = ["data"] + [tp for tp in q.topics if tp not in ("data", "policy_areas")]
        if (CONJUNCTIONS & set(self.tokens) or "," in q.text) and q.topic and not (q.unexplained or q.out_of_scope):
            q.topics += self.loosely_named  # "how many people live in Lisbon and what terms does it associate …"
        if q.topic is None and any(fld == "approach" for fld, _ in q.values):  # "is Saltillo's approach holistic?"
            q.topic, q.topics = "approach", ["approach"]
        for fld, _ in q.values:  # "an engineer on their innovation team": the label's own section
            if q.topic in MORE_SPECIFIC.get(FIELD_TOPIC.get(fld, ""), ()):
                q.topic = FIELD_TOPIC[fld]
                q.topics = [q.topic, *(tp for tp in q.topics[1:] if tp != q.topic)]
        if q.condition is not None and not q.condition.field:
            q.condition = self._condition_field(q.condition)
        counted = COUNTABLE.get(q.topic or "")
        if q.condition is None and counted and ("across" in q.markers or q.country or q.region):  # "which cities
            # have two innovation officers?", "which US cities have two lead innovation officers?"
            pairs = set(zip(self.tokens, self.tokens[1:], strict=False))
            op: Op = next((o for words, o in TRAILING.items() if words in pairs), "=")  # "7 factores de éxito o más"
            for i, tok in enumerate(self.tokens):
                number = int(tok) if tok.isdigit() else NUMBER_WORDS.get(tok, 0)
                if not self.used[i] and (tok.isdigit() or number >= 2):  # "una estrategia" is an article, not 1
                    q.condition = Condition(counted, op, number)
                    self.used[i] = True
                    if op != "=":
                        q.markers.discard("either")  # the "or" of "or more"
                    break
        if {"than", "comparative"} <= q.markers and len(q.cities) == 2 and not q.topic:  # "¿Rosario es más grande
            q.topic, q.topics = "population", ["population"]  # que Godoy Cruz?": the comparative names the population
            if not WHAT_WORDS & set(self.tokens[:1]):  # and, not opening with "which", asks yes or no
                q.markers.add("yesno")
        if {"across", "than"} <= q.markers and len(q.cities) == 1 and q.ranking:  # "which cities are bigger than Tulsa?"
            counted = "population" if q.topic in (None, "population") else COUNTABLE.get(q.topic)
            if counted:
                q.condition = Condition(counted, ">" if q.ranking == "max" else "<", 0, than=q.cities[0])
                q.exclude, q.cities = q.cities, []
                q.markers -= {"largest", "smallest", "most", "fewest", "compare"}
                q.topic = q.topic or "population"
                q.topics = [q.topic]
        if "others" in q.markers and "compare" not in q.markers:  # "which other cities besides Philadelphia …"
            q.exclude, q.cities = q.cities, []
            q.markers.add("across")
        return q

    def _exact_cities(self, min_words: int) -> None:
        for n in range(5, min_words - 1, -1):
            for i in range(len(self.tokens) - n + 1):
                if any(self.used[i : i + n]):
                    continue
                key = self.catalog.names.get(" ".join(self.tokens[i : i + n]))
                if key:
                    self.city_at(i, n, key)
                    self.claim(i, n)

    def _number(self, i: int) -> int | None:
        word = self.tokens[i] if i < len(self.tokens) and not self.used[i] else ""
        return int(word) if word.isdigit() else NUMBER_WORDS.get(word)

    def _condition(self) -> None:
        """'under 300000', 'more than three', 'al menos 3', '3 or fewer', 'between 100000 and 200000': up to two
        bounds; what they count is known once the topics are read."""
        bounds: list[tuple[Op, int]] = []
        for i in range(len(self.tokens)):
            low, high = self._number(i + 1), self._number(i + 3)
            if self.tokens[i] in RANGE_FROM and low is not None and high is not None \
                    and self.tokens[i + 2] in RANGE_TO:  # "from 200,000 to 300,000"
                self.claim(i, 4)
                if low < 1000 <= high:  # "between 1 and 2 million": the unit is written once, after the second
                    low *= next(u for u in (1_000_000, 1000, 1) if high % u == 0)
                bounds += [(">=", low), ("<=", high)]
                break
            number = self._number(i)
            after = tuple(self.tokens[i + 1 : i + 3])
            if number is not None and after in TRAILING:  # "3 or fewer"
                self.claim(i, 3)
                bounds.append((TRAILING[after], number))
                continue
            for words, op in COMPARATORS.items():
                n = len(words)
                if tuple(self.tokens[i : i + n]) != words or any(self.used[i : i + n]):
                    continue
                number = self._number(i + n)
                if number is not None:
                    self.claim(i, n + 1)
                    bounds.append((op, number))
                    break
        if bounds:
            (op, number), *rest = bounds
            self.query.condition = Condition("", op, number, rest[0] if rest else None)

    def _condition_field(self, c: Condition) -> Condition | None:
        topic = self.query.topic
        if topic == "population" or (c.number >= 1000 and topic not in COUNTABLE):
            return Condition("population", c.op, c.number, c.also)
        counted = COUNTABLE.get(topic or "")
        return Condition(counted, c.op, c.number, c.also) if counted else None

    def _phrases(self) -> None:
        """Every phrase that occurs, claimed longest first so that 'sources of funding' beats 'funding'."""
        hits = []
        for i, tok in enumerate(self.tokens):
            for words, what, value in self.catalog.phrase_index.get(tok, ()):
                n = len(words)
                if tuple(self.tokens[i : i + n]) == words:
                    hits.append((-len(" ".join(words)), i, n, what, value, words))
        hits.sort(key=lambda h: (h[0], h[1], h[3] != "topic"))
        q = self.query
        for length, i, n, what, value, words in hits:
            if any(self.used[i : i + n]):
                continue
            if what == "marker" and value == "follow" and words[0] in CONJUNCTIONS and i != 0:
                continue  # "and" inside a sentence joins two parts; only a leading one follows up
            self.claim(i, n)
            phrase = " ".join(words)
            if what == "topic":
                self.topic_hits.setdefault(value, []).append((-length, phrase))
                if value == "leader" and words[0] in MAYOR_WORDS:
                    q.markers.add("mayor")  # asked for the mayor by that title
                if value == "leader" and words == ("city", "manager"):
                    q.markers.add("city_manager")
                if phrase in COMPARATIVES:
                    q.markers |= {COMPARATIVES[phrase], "comparative"}
                also = self.catalog.values.get(phrase)
                if also:  # "dedicated funding": a section, and a success factor
                    q.ambiguous = also
            elif what == "marker":
                q.markers.add(value)
                if phrase in COMPARATIVES:  # "más grande que": a comparison that also says which way
                    q.markers |= {COMPARATIVES[phrase], "comparative"}
            elif what == "value":
                if value not in q.values:
                    q.values.append(value)
            elif what == "country":
                q.country = value
                self.country_at = (i, n)
            elif what == "region":
                q.region, q.region_countries = value, self.catalog.regions.get(value, ())
            elif what == "oos":
                q.out_of_scope.append(phrase)
        if self.tokens and self.tokens[0] in phrases()["markers"]["yesno"]:
            q.markers.add("yesno")
        self._settle_topics()

    def _settle_topics(self) -> None:
        """The topics asked, most specific first; a label that is also a section is read in the section
        the question names ('dedicated funding as a success factor')."""
        q = self.query
        if q.ambiguous:
            fld, label = q.ambiguous
            owner = next((tp for tp, f in COUNTABLE.items() if f == fld), None)
            section = next((tp for tp, hits in self.topic_hits.items()  # the topic the label's words were read as
                            if any(self.catalog.values.get(p) == q.ambiguous for _, p in hits)), None)
            if owner in self.topic_hits and section and section != owner:  # the question names the label's section
                del self.topic_hits[section]
                q.values.append((fld, label))
                q.ambiguous = None
        last = self.tokens[-1] if self.tokens else ""
        if self.tokens and self.tokens[0] in WHAT_WORDS and last in WHAT_VERBS:  # "what does Saltillo fund?": what it funds
            for tp, hits in list(self.topic_hits.items()):
                if (len(last), last) in hits and tp != WHAT_VERBS[last]:
                    hits.remove((len(last), last))
                    self.topic_hits.setdefault(WHAT_VERBS[last], []).append((len(last), last))
                    if not hits:
                        del self.topic_hits[tp]
        for whole, parts in MADE_OF.items():  # "which activities does it fund": funded activities
            if all(p in self.topic_hits for p in parts):
                self.topic_hits[whole] = [h for p in parts for h in self.topic_hits.pop(p)] + self.topic_hits.get(whole, [])
        population = self.topic_hits.get("population", [])
        if len(self.topic_hits) > 1 and population and all(p in COMPARATIVES for _, p in population):
            del self.topic_hits["population"]  # "the mayor of the smaller one": the ranking, not the question
        general = {g for tp in self.topic_hits for g in MORE_SPECIFIC.get(tp, ())}
        if CONJUNCTIONS & set(self.tokens[1:]):  # "mayor and innovation officer": a firmly named part stays asked
            # (a leading "and", as in "¿y qué roles tiene su equipo?", joins nothing)
            general = {g for g in general if all((g, p) in LOOSE for _, p in self.topic_hits.get(g, []))}
        found = {tp: hits for tp, hits in self.topic_hits.items() if tp not in general} or self.topic_hits
        ranked = sorted(found, key=lambda tp: (-len(found[tp]), -max(n for n, _ in found[tp])))
        firm = [tp for tp in ranked if not all((tp, p) in LOOSE for _, p in found[tp])]
        q.topic = (firm or ranked)[0] if ranked else None
        # A second part is answered only when named firmly: "who runs them and how many inhabitants".
        q.topics = [q.topic, *(tp for tp in firm if tp != q.topic)] if q.topic else []
        self.loosely_named = [tp for tp in ranked if tp not in q.topics]
        q.loose_topic = bool(q.topic) and not firm

    def _year(self) -> None:
        for i, tok in enumerate(self.tokens):
            if not self.used[i] and tok.isdigit() and len(tok) == 4 and 1990 <= int(tok) <= 2100:
                self.query.year = int(tok)
                self.used[i] = True

    def _near_misses(self) -> None:
        """What exact matching left: misspelt city names first (they may hold stopwords: 'oklahma
        city'), then misspelt topic words ('populaton') and filler ('inovation'), then whatever is
        left: an unknown name when no city was found, else words the bot did not understand."""
        stop = _stopwords()
        for run in self._runs(lambda i: not self.tokens[i].isdigit()):
            self._cities_in(run, stop)
        if not self.found and self.country_at:  # "cuidad de mexico": the country word is part of a misspelt city
            span = range(self.country_at[0], self.country_at[0] + self.country_at[1])
            for j in span:
                self.used[j] = False
            for run in self._runs(lambda k: not self.tokens[k].isdigit()):
                self._cities_in(run, stop)
            if self.found and all(self.used[j] for j in span):
                self.query.country = None
            for j in span:
                self.used[j] = True
        topic_words = _topic_words()
        q = self.query
        for i, tok in enumerate(self.tokens):
            if self.used[i] or tok in stop or len(tok) < 4:
                continue
            singular = next((w for w in _singulars(tok) if w in topic_words), None)  # "strategies", "mayors"
            if singular:
                self.used[i] = True
                if q.topic is None:
                    q.topic, q.topics = topic_words[singular], [topic_words[singular]]
                if q.topic == "leader" and singular in MAYOR_WORDS:
                    q.markers.add("mayor")
                continue
            hit = best_match(tok, list(topic_words))
            if hit and len(tok) == 4 and DamerauLevenshtein.distance(tok, hit[0]) > 1:
                hit = None  # a short word is taken for a topic only one slip away ("mayr")
            marker = None if hit else best_match(tok, list(_marker_words()))
            value = None if hit or marker else best_match(tok, list(self.catalog.value_words))
            if hit:
                self.used[i] = True
                q.corrections.append((tok, hit[0]))
                if q.topic is None:
                    q.topic = topic_words[hit[0]]
                    q.topics = [q.topic]
            elif marker:  # "insufficent", "smalest"
                self.used[i] = True
                q.corrections.append((tok, marker[0]))
                q.markers.add(_marker_words()[marker[0]])
            elif value:  # "enviroment"
                self.used[i] = True
                q.corrections.append((tok, value[0]))
                q.values.append(self.catalog.value_words[value[0]])
            elif process.extractOne(tok, stop, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF):
                self.used[i] = True  # a misspelt filler word ("inovation", "wich")
        q.words = sum(tok not in stop for tok in self.tokens)
        leftover = self._runs(lambda i: self.tokens[i] not in stop and not self.tokens[i].isdigit())
        q.unexplained = [self.tokens[i] for run in leftover for i in run]
        if leftover and (not self.found or "compare" in q.markers):
            written = q.unknowns = [self._as_written(run) for run in leftover]
            named = [run for run, w in zip(leftover, written, strict=True) if w[:1].isupper()]  # "… en Monterrey"
            self._unknown([self.tokens[i] for i in (named or leftover)[0]])

    def _runs(self, keep: Callable[[int], bool]) -> list[list[int]]:
        """Stretches of consecutive unclaimed words that `keep` accepts."""
        runs: list[list[int]] = [[]]
        for i in range(len(self.tokens)):
            if self.used[i] or not keep(i):
                runs.append([])
            else:
                runs[-1].append(i)
        return [r for r in runs if r]

    def _cities_in(self, run: list[int], stop: frozenset[str]) -> None:
        """Longest stretch first, never starting with a stopword: 'fort colins', 'mexic city', 'saltilo'."""
        names = self.catalog.name_list
        for n in range(len(run), 0, -1):
            for s in range(len(run) - n + 1):
                idx = run[s : s + n]
                if any(self.used[i] for i in idx) or self.tokens[idx[0]] in stop:
                    continue
                words = " ".join(self.tokens[i] for i in idx)
                if len(words) < 4:
                    continue
                hit = best_match(words, names)
                if hit:
                    self.city_at(idx[0], len(idx), self.catalog.names[hit[0]])
                    self.query.corrections.append((words, hit[0]))
                    for i in idx:
                        self.used[i] = True

    def _as_written(self, run: list[int]) -> str:
        """Words of the question as the person wrote them ("Gotham"), for quoting back."""
        folded = [self.tokens[i] for i in run]
        raw = [w.strip("¿?¡!.,;:'\"()") for w in self.query.text.split()]
        written = [w for w in raw if simple(w) in folded]
        return " ".join(written) if len(written) == len(folded) else " ".join(folded)

    def _unknown(self, leftover: list[str]) -> None:
        words = " ".join(leftover)
        self.query.unknown = words
        raw = self.query.text.split()
        whole = " ".join(w for w in simple(self.query.text).split() if w not in CITY_WORDS) == words  # "Gotham City"
        self.query.named = whole or any(w[:1].isupper() and simple(w) in leftover for w in raw[1:])
        self.query.suggestions = self.catalog.suggest(words)


def follow_up(q: Query, ctx: Context | None) -> Query:
    """What a question leaves out, taken from the conversation it was asked in.

    A question that names its cities stands on its own ("who is the mayor of Miami?"), except an
    elliptical one ("and Tulsa?", "¿y Rosario?", a bare "Tulsa?") that carries the last topic over. A
    question that names no city is about what was just talked about: the last answer's cities ("how many
    inhabitants?"), the last two ("compare the two", "which is larger?"), or the last list ("how many are
    there?", "which of those are in the US?", "the mayor of the largest of them?"); "any other city" is
    about every city but those.
    """
    q.context = ctx
    if ctx is None:
        return q
    m = q.markers
    section = FIELD_TOPIC.get(q.ambiguous[0]) if q.ambiguous else None
    if q.ambiguous and section and ctx.topic == section:  # "and dedicated funding?" after success factors
        q.values.append(q.ambiguous)
        q.topic, q.topics, q.ambiguous = section, [section], None
        q.from_context.append("section")
    if "others" in m and not q.exclude and "compare" not in m and ctx.cities:
        q.exclude = list(ctx.cities)  # "does any other city focus on homelessness?" (than the one just talked about)
        q.from_context.append("exclude")
        return q
    if q.unknown and not q.named and not q.cities and ctx.cities and (q.topic or q.values):
        q.unknown, q.unknowns, q.suggestions = None, [], []  # "fine, then what are its policy areas?"
    bare = not (q.topic or q.values or q.country or q.region or q.condition or q.year or q.unexplained
                or q.out_of_scope)  # nothing but a city, a pronoun or "how many"
    if q.cities or q.unknown:
        elliptical = "follow" in m and not q.topic and not q.values and not {"overview", "compare"} & m \
            and not (q.out_of_scope or (q.unexplained and not q.unknown))  # "¿qué tal se come en Viena?" is not
        # "and Vienna?"; "¿y en Monterrey?" is (a city it does not know, said so)
        if (elliptical or (bare and not m - {"follow", "yesno"})) and (ctx.topic or ctx.values):  # "and Tulsa?", "Tulsa?"
            q.topic, q.topics = ctx.topic, [ctx.topic] if ctx.topic else []
            q.values = list(ctx.values)  # "which cities have a designer?" -> "does Durham?"
            q.from_context.append("topic")
        if len(q.cities) == 1 and {"than", "compare"} & m and ctx.cities and ctx.cities[0] not in q.cities:
            q.cities = ctx.cities[:1] + q.cities  # "is it bigger than Tulsa?"
            q.from_context.append("cities")
            m.add("compare")
        return q
    plural = "them" in m
    if bare and {"them", "list", "count"} & m and not m - {"them", "list", "count", "follow", "yesno"}:
        if ctx.last == "list":  # "how many are there?", "list them": the last list itself
            q.scope = list(ctx.listed)
            q.from_context.append("list")
            m.add("across")
            return q
        if ctx.cities and ctx.topic:  # "list them" after "Durham uses 5 innovation roles"
            q.cities, q.topic, q.topics = list(ctx.cities), ctx.topic, [ctx.topic]
            q.from_context += ["cities", "topic"]
            m.discard("count")
            q.version = ctx.version
            return q
    about_list = q.country or q.region or q.values or q.condition or {"across", "count"} & m or q.ranking \
        or (q.topic in FLAG_TOPICS and "compare" not in m)  # "which of those have an explicit strategy?"
    # "which is the largest?" is about what was just talked about; "the largest city" is about all of them
    of_all = bool(q.ranking) and "comparative" not in m and bool(CITY_WORDS & set(simple(q.text).split()))
    implicit = bool(q.ranking) and not (q.country or q.region or "across" in m or of_all) and (
        ctx.last == "list" or ("follow" in m and not (q.topic or q.values)))  # "and the smallest?"
    narrowing = ctx.last == "list" and bool(q.country or q.region) and not (q.topic or q.values or q.condition) \
        and "follow" not in m and not CITY_WORDS & set(simple(q.text).split())  # "¿cuáles están fuera de EE. UU.?"
    if ctx.listed and about_list and (plural or implicit or narrowing):
        q.scope = list(ctx.listed)  # "which of those are in the US?", "the smallest of them?", "which is the largest?"
        q.from_context.append("list")
        m.discard("compare")
        return q
    if plural and "city_manager" in m and len(ctx.recent) > 1:  # "which of them is led by a city manager?"
        q.scope = list(ctx.cities if len(ctx.cities) > 1 else ctx.recent[-2:])
        q.from_context.append("cities")
        m.add("across")
        return q
    if "comparative" in m and not (q.country or q.region or q.condition or q.values) and len(ctx.recent) > 1:
        m.discard("across")  # "which city is bigger?": of the two just talked about
    if ctx.last == "list" and "lack" in m and bare and (ctx.values or ctx.topic in FLAG_TOPICS):
        q.values, q.topic, q.topics = list(ctx.values), ctx.topic, [ctx.topic] if ctx.topic else []
        q.country = ctx.country  # "which US cities have a strategy?" -> "and which don't?": US cities still
        q.from_context.append("topic")  # "which cities have a strategy?" -> "and which don't?"
        m.add("across")
        return q
    if ctx.last == "list" and "follow" in m and (q.country or q.region) and ctx.values and not (q.values or q.topic):
        q.values, q.topic, q.topics = list(ctx.values), ctx.topic, [ctx.topic] if ctx.topic else []
        q.from_context.append("topic")  # "which cities focus on transport?" -> "and in Mexico?"
        m.add("across")
        return q
    if "survey" in m and not q.topic and ctx.topic:  # "how common is that among cities surveyed?"
        q.topic, q.topics = ctx.topic, [ctx.topic]
        q.from_context.append("topic")
    if {"across", "survey", "popular"} & m or q.country or q.region or q.condition or (of_all and not plural):
        return q  # about all cities: nothing to take over
    one_listed = len(ctx.listed) == 1 and not q.values  # "… in Europe?" (Vienna) -> "and its population?": Vienna's
    if ctx.last == "list" and "follow" in m and (q.values or q.topic) and not plural and not one_listed:
        m.add("across")  # "which cities focus on transport?" -> "and on housing?"
        return q
    if not (q.topic or q.values or q.off_topic or q.year or q.ranking or {"compare", "them", "yesno", "older", "newer",
                                                                         "back_then", "versions", "follow"} & m):
        return q
    two = (plural or "compare" in m or q.ranking) and len(ctx.cities) < 2  # "compare the two", "which is larger?"
    cities = ctx.recent[-2:] if two else ctx.cities or ctx.recent[-1:]
    if not cities:
        return q
    q.from_context.append("cities")
    if q.topic not in COUNTABLE:  # "how many officers does it have?" is still a count, of that city's
        m.discard("count")  # "how many inhabitants?" of that city, not across cities
    if q.topic == "leader" and not {"mayor", "city_manager"} & m and ctx.topic in TEAM_TOPICS \
            and not CITY_WORDS & set(simple(q.text).split()):  # "and who heads / leads it?" (the team)
        q.topic, q.topics = "officers", ["officers"]
    if q.ranking and len(cities) > 1 and q.topic not in (None, "population"):
        q.scope = list(cities)  # "the mayor of the smaller one?": that city's mayor
        return q
    q.cities = list(cities)
    if "compare" in m and not q.topic and ctx.topic and ctx.topic not in KEY_FACTS_WHOLE and len(cities) > 1:
        q.topic, q.topics = ctx.topic, [ctx.topic]
        q.from_context.append("topic")
    if q.ranking:  # "which one is larger?": of these cities; "which one names more?" after their roles: more roles
        topic = ctx.topic if not q.topic and {"most", "fewest"} & m and ctx.topic in COUNTABLE else None
        q.topic, q.topics = topic or "population", [topic or "population"]
    if ({"older", "newer", "back_then"} & m or q.year) and not q.topic:  # "and on the older page?", "in 2016?"
        q.topic = ctx.topic
        q.topics = [ctx.topic] if ctx.topic else []
    q.version = ctx.version
    return q


def understand(text: str, catalog: Catalog, context: Context | None = None, lang: str | None = None) -> Query:
    """A question, read in the chat's context; `lang` is the user's language when the text shows none."""
    q = Reader(text, catalog, lang).read()
    if not q.lang_shown and lang is None and context is not None:
        q.lang = context.lang  # "Tulsa?" in a Spanish conversation
    return follow_up(q, context)


def resolve_city(name: str, catalog: Catalog) -> tuple[str | None, list[str]]:
    """A city named on its own (a command argument): its key, or the closest keys to offer."""
    folded = simple(name)
    english = exonym(name)
    key = catalog.names.get(folded) or (catalog.names.get(simple(english)) if english else None)
    if key:
        return key, []
    hit = best_match(folded, catalog.name_list)
    if hit:
        return catalog.names[hit[0]], []
    return None, catalog.suggest(folded)
