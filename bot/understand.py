"""Question text -> Query: which cities, which topic, what kind of question, which language.

Everything is matched on folded text (no accents, lower case, no punctuation). The order matters
and is the whole algorithm:
1. exact city names of two or more words ("mexico city", "new york city"), so that their words
   are not read as a country or a topic;
2. phrases from `data/phrases.json` (topics, vocabulary values, question markers, countries),
   longest first, each word used once; the topic named most often wins;
3. exact one-word city names, then near misses: a leftover word close to a topic word is that
   topic ("populaton"); leftover runs close to a city name (rapidfuzz, strict cut-off) are that
   city ("saltilo"); whatever is left is an unknown name, answered with the closest known ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from knowledge.identity import city_aliases, city_name_key, country_aliases, exonym, simple
from knowledge.models import Snapshot

CITY_CUTOFF = 88.0  # a misspelt city name must be this close (0-100) to be taken for the city
WORD_CUTOFF = 86.0  # a misspelt topic word likewise
SUGGEST_CUTOFF = 60.0
MAYOR_WORDS = {"mayor", "alcalde", "alcaldesa"}  # a city run by a City Manager is told so when asked this way


@cache
def phrases() -> dict[str, Any]:
    return json.loads(resources.files("bot.data").joinpath("phrases.json").read_text(encoding="utf-8"))


@dataclass
class Query:
    text: str
    lang: str = "en"
    cities: list[str] = field(default_factory=list)  # store keys, in the order asked
    topic: str | None = None
    values: list[tuple[str, str]] = field(default_factory=list)  # (field, label) named in the question
    country: str | None = None
    markers: set[str] = field(default_factory=set)  # compare, across, count, survey, lack, …
    unknown: str | None = None  # words that look like a city we do not know
    suggestions: list[str] = field(default_factory=list)  # store keys of the closest known cities
    named: bool = False  # the unknown words were written as a name (capitalised)
    year: int | None = None  # "in 2016": asks about the version of a page from that year

    @property
    def level(self) -> str | None:
        """The data-availability level asked about, if any."""
        for level in ("no_response", "insufficient", "sufficient"):
            if level in self.markers:
                return level
        return "insufficient" if "lack" in self.markers and self.topic == "data" else None

    @property
    def kind(self) -> str:
        m = self.markers
        about_a_city = self.topic or self.values or {"overview", "compare", "yesno"} & m or self.named
        if self.unknown and not self.cities and not {"across", "count", "survey", "greeting"} & m and about_a_city:
            return "unknown_city"
        if len(self.cities) >= 2 or "compare" in m:
            return "compare"
        if self.cities:
            return "fact" if self.topic or self.values else "overview"
        if "survey" in m:
            return "survey"
        if "largest" in m or "smallest" in m:
            return "extreme"
        if {"across", "count", "popular"} & m or self.country or self.values:
            return "across"
        if self.topic:
            return "which_city"  # "who is the mayor?": of which city?
        return "help"


@dataclass
class Catalog:
    """What names mean in the current store: cities, countries, city-written vocabulary."""

    names: dict[str, str]  # folded name -> store key
    countries: dict[str, str]  # folded country name or alias -> country as stored
    values: dict[str, tuple[str, str]]  # folded phrase -> (field, label)
    team_names: dict[str, str] = field(default_factory=dict)  # other teams named on pages ("implan") -> city
    phrase_index: dict[str, list[tuple[tuple[str, ...], str, Any]]] = field(default_factory=dict)
    name_list: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Index every phrase by its first word, so reading a question never scans the whole table."""
        self.name_list = list(self.names)
        p = phrases()
        rows: list[tuple[str, str, Any]] = []
        for topic, words in p["topics"].items():
            rows += [(w, "topic", topic) for w in words]
        for marker, words in p["markers"].items():
            if marker != "yesno":  # yes/no is read from the first word only
                rows += [(w, "marker", marker) for w in words]
        rows += [(w, "value", v) for w, v in self.values.items()]
        rows += [(w, "country", c) for w, c in self.countries.items()]
        rows += [(w, "topic", "team") for w in self.team_names]
        for text, what, value in rows:
            words = tuple(simple(text).split())
            if words:
                self.phrase_index.setdefault(words[0], []).append((words, what, value))

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
        values: dict[str, tuple[str, str]] = {}
        for fld in ("policy_areas", "roles", "terms", "success_factors", "helping_to"):
            for snap in cities.values():
                for label in getattr(snap, fld) or []:
                    values.setdefault(simple(label), (fld, label))
        for fld, table in phrases()["values"].items():
            for label, words in table.items():
                for w in [label, *words]:
                    values[simple(w)] = (fld, label)
        teams = {simple(t.name): k for k, s in cities.items() if s.team for t in s.team.other_teams}
        return cls(names, countries, values, teams)


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(phrases()["stopwords"]["en"]) | frozenset(phrases()["stopwords"]["es"])


@cache
def _topic_words() -> dict[str, str]:
    """One-word topic phrases long enough to be recognised through a typo ('populaton')."""
    return {w: t for t, ws in phrases()["topics"].items() for w in ws if " " not in w and len(w) >= 5}


@cache
def _language_markers() -> tuple[frozenset[str], frozenset[str]]:
    es = frozenset(phrases()["spanish_markers"])
    return es, frozenset(phrases()["stopwords"]["en"]) - es


def detect_language(tokens: list[str], raw: str) -> str:
    if any(c in raw for c in "¿¡ñÑ"):
        return "es"
    es, en = _language_markers()
    score = sum(t in es for t in tokens) - sum(t in en for t in tokens)
    return "es" if score > 0 else "en"


class Reader:
    """One question being read; each step claims the words it recognises."""

    def __init__(self, text: str, catalog: Catalog) -> None:
        self.catalog = catalog
        self.tokens = simple(text).split()
        self.used = [False] * len(self.tokens)
        self.query = Query(text=text, lang=detect_language(self.tokens, text))
        self.found: list[tuple[int, str]] = []  # (position, city key)

    def claim(self, i: int, n: int) -> None:
        for j in range(i, i + n):
            self.used[j] = True

    def read(self) -> Query:
        self._exact_cities(min_words=2)
        self._phrases()
        self._exact_cities(min_words=1)
        self._year()
        self._near_misses()
        self.query.cities = list(dict.fromkeys(k for _, k in sorted(self.found)))
        if not self.query.cities:  # "what is IMPLAN?": a team's name says which city
            text = f" {' '.join(self.tokens)} "
            self.query.cities = [k for name, k in self.catalog.team_names.items() if f" {name} " in text][:1]
        if {"sufficient", "insufficient", "no_response"} & self.query.markers:
            self.query.topic = "data"  # data levels only exist for data availability
        return self.query

    def _exact_cities(self, min_words: int) -> None:
        for n in range(5, min_words - 1, -1):
            for i in range(len(self.tokens) - n + 1):
                if any(self.used[i : i + n]):
                    continue
                key = self.catalog.names.get(" ".join(self.tokens[i : i + n]))
                if key:
                    self.found.append((i, key))
                    self.claim(i, n)

    def _phrases(self) -> None:
        """Every phrase that occurs, claimed longest first so that 'sources of funding' beats 'funding'."""
        hits = []
        for i, tok in enumerate(self.tokens):
            for words, what, value in self.catalog.phrase_index.get(tok, ()):
                n = len(words)
                if tuple(self.tokens[i : i + n]) == words:
                    hits.append((-len(" ".join(words)), i, n, what, value, words))
        hits.sort(key=lambda h: (h[0], h[1]))
        topics: dict[str, list[int]] = {}  # topic -> lengths of its phrases found
        for length, i, n, what, value, words in hits:
            if any(self.used[i : i + n]):
                continue
            self.claim(i, n)
            if what == "topic":
                topics.setdefault(value, []).append(-length)
                if value == "leader" and words[0] in MAYOR_WORDS:
                    self.query.markers.add("mayor")  # asked for the mayor by that title
            elif what == "marker":
                self.query.markers.add(value)
            elif what == "value":
                if value not in self.query.values:
                    self.query.values.append(value)
            elif what == "country":
                self.query.country = value
        if self.tokens and self.tokens[0] in phrases()["markers"]["yesno"]:
            self.query.markers.add("yesno")
        self.query.topic = _main_topic(topics)

    def _year(self) -> None:
        for i, tok in enumerate(self.tokens):
            if tok.isdigit() and len(tok) == 4 and 1990 <= int(tok) <= 2100:
                self.query.year = int(tok)
                self.used[i] = True

    def _near_misses(self) -> None:
        """What exact matching left: misspelt city names first (they may hold stopwords: 'oklahma
        city'), then misspelt topic words ('populaton'), then whatever looks like an unknown name."""
        stop = _stopwords()
        for run in self._runs(lambda i: not self.tokens[i].isdigit()):
            self._cities_in(run, stop)
        topic_words = _topic_words()
        for i, tok in enumerate(self.tokens):
            if not self.used[i] and tok not in stop and len(tok) >= 5:
                hit = process.extractOne(tok, topic_words.keys(), scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF)
                if hit:
                    self.used[i] = True
                    self.query.topic = self.query.topic or topic_words[hit[0]]
        leftover = self._runs(lambda i: self.tokens[i] not in stop and not self.tokens[i].isdigit())
        if leftover:
            self._unknown([self.tokens[i] for i in leftover[0]])

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
                hit = process.extractOne(words, names, scorer=fuzz.ratio, score_cutoff=CITY_CUTOFF)
                if hit:
                    self.found.append((idx[0], self.catalog.names[hit[0]]))
                    for i in idx:
                        self.used[i] = True

    def _unknown(self, leftover: list[str]) -> None:
        words = " ".join(leftover)
        self.query.unknown = words
        raw = self.query.text.split()
        whole = simple(self.query.text) == words
        self.query.named = whole or any(w[:1].isupper() and simple(w) in leftover for w in raw[1:])
        close = process.extract(words, self.catalog.name_list, scorer=fuzz.ratio, limit=6,
                                score_cutoff=SUGGEST_CUTOFF)
        self.query.suggestions = list(dict.fromkeys(self.catalog.names[c] for c, _, _ in close))[:3]


def _main_topic(found: dict[str, list[int]]) -> str | None:
    """The most specific topic named ('funding … come from': its sources), then the one named most
    often, then by its longest phrase ('what skills or roles does the team have': roles)."""
    general = {g for t in found for g in phrases()["more_specific"].get(t, [])}
    found = {t: lengths for t, lengths in found.items() if t not in general} or found
    if not found:
        return None
    return max(found, key=lambda t: (len(found[t]), max(found[t])))


def understand(text: str, catalog: Catalog) -> Query:
    return Reader(text, catalog).read()


def resolve_city(name: str, catalog: Catalog) -> tuple[str | None, list[str]]:
    """A city named on its own (a command argument): its key, or the closest keys to offer."""
    folded = simple(name)
    english = exonym(name)
    key = catalog.names.get(folded) or (catalog.names.get(simple(english)) if english else None)
    if key:
        return key, []
    hit = process.extractOne(folded, catalog.name_list, scorer=fuzz.ratio, score_cutoff=CITY_CUTOFF)
    if hit:
        return catalog.names[hit[0]], []
    close = process.extract(folded, catalog.name_list, scorer=fuzz.ratio, limit=6, score_cutoff=SUGGEST_CUTOFF)
    return None, list(dict.fromkeys(catalog.names[c] for c, _, _ in close))[:3]
