"""The contract between understanding and answering: a `Query`, and the conversation `Context` it was read in.

`understand.py` turns text (+ the chat's context) into a Query; `answer.py` turns a Query into an
Answer; `conversation.py` keeps the Context between questions. A Query says not only what was
asked but how much of the question was explained, so that the answer can tell a full match from
a partial one and say what it did not understand instead of silently answering something else.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

LISTING = {"across", "lack", "yesno", "them", "list"}  # markers of a plain "which cities …" with no criterion of its own
EXPIRY_SECONDS = 30 * 60  # a conversation silent this long is forgotten
RECENT = 6  # cities remembered for "the two", "compare them"
LISTED = 1000  # cities of the last list remembered for "which of those …" (memory per chat stays bounded)

Op = Literal["<", "<=", ">", ">=", "="]
COMPARE: dict[str, Callable[[int, int], bool]] = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
                                                  "=": operator.eq}


@dataclass(frozen=True)
class Condition:
    """'under 300,000 inhabitants', 'more than three success factors': a number compared."""

    field: str  # "population", or a list field whose length is counted
    op: Op
    number: int
    also: tuple[Op, int] | None = None  # a second bound: "between 100,000 and 200,000", "3 or more and under 6"
    than: str | None = None  # "bigger than Tulsa": the number is that city's (store key), read when answering

    def holds(self, value: int) -> bool:
        return COMPARE[self.op](value, self.number) and (self.also is None or COMPARE[self.also[0]](value, self.also[1]))


@dataclass
class Context:
    """What a chat was just talking about. JSON-serialisable (`to_dict`), so any store can keep it."""

    cities: list[str] = field(default_factory=list)  # the cities the last answer was about
    recent: list[str] = field(default_factory=list)  # cities talked about lately, most recent last
    topic: str | None = None
    values: list[tuple[str, str]] = field(default_factory=list)  # labels last asked about ("a designer"): "does Durham?"
    country: str | None = None  # the country the last list was narrowed to: "and which don't?" stays in it
    listed: list[str] = field(default_factory=list)  # the cities of the last across-city list
    version: int | None = None  # the page version asked about (store version number); None: current
    last: str = "city"  # what the last answer was: "city" (about named cities) or "list" (across cities)
    lang: str = "en"
    at: float = field(default_factory=time.time)  # when the chat last spoke

    def expired(self, now: float | None = None) -> bool:
        return (now if now is not None else time.time()) - self.at > EXPIRY_SECONDS

    def to_dict(self) -> dict[str, Any]:
        return {"cities": list(self.cities), "recent": list(self.recent), "topic": self.topic,
                "values": [list(v) for v in self.values], "country": self.country,
                "listed": list(self.listed[:LISTED]), "version": self.version, "last": self.last, "lang": self.lang,
                "at": self.at}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Context | None:
        """A stored context; anything malformed is treated as no context rather than an error."""
        if not isinstance(data, dict):
            return None
        try:
            def keys(name: str) -> list[str]:
                value = data.get(name) or []
                return [str(k) for k in value[:LISTED]] if isinstance(value, list) else []

            version = data.get("version")
            topic = data.get("topic")
            country = data.get("country")
            values = [(str(v[0]), str(v[1])) for v in data.get("values") or [] if isinstance(v, list) and len(v) == 2]
            return cls(cities=keys("cities"), recent=keys("recent")[-RECENT:],
                       topic=topic if isinstance(topic, str) else None, values=values[:RECENT],
                       country=country if isinstance(country, str) else None, listed=keys("listed"),
                       version=version if isinstance(version, int) else None,
                       last="list" if data.get("last") == "list" else "city",
                       lang="es" if data.get("lang") == "es" else "en", at=float(data.get("at", 0)))
        except (TypeError, ValueError):
            return None


@dataclass
class Query:
    text: str
    lang: str = "en"
    lang_shown: bool = False  # the question itself showed its language (else it came from the user or chat)
    cities: list[str] = field(default_factory=list)  # store keys, in the order asked
    topic: str | None = None  # the main topic
    topics: list[str] = field(default_factory=list)  # every topic asked ("who runs them and how many inhabitants")
    values: list[tuple[str, str]] = field(default_factory=list)  # (field, label) named in the question
    country: str | None = None
    region: str | None = None  # "South America": a group of countries (`region_countries`), from phrases.json
    region_countries: tuple[str, ...] = ()
    exclude: list[str] = field(default_factory=list)  # "any other city …": store keys left out of an across answer
    markers: set[str] = field(default_factory=set)  # compare, across, count, survey, lack, …
    unknown: str | None = None  # words that look like a city we do not know
    unknowns: list[str] = field(default_factory=list)  # every such run of words ("compare Denver and Gotham")
    suggestions: list[str] = field(default_factory=list)  # store keys of the closest known cities
    named: bool = False  # the unknown words were written as a name (capitalised)
    year: int | None = None  # "in 2016": asks about the version of a page from that year
    version: int | None = None  # a page version carried over from the conversation ("and on the older page?")
    condition: Condition | None = None  # "cities under 300,000 inhabitants"
    scope: list[str] | None = None  # "which of those …": only the cities of the last list
    # How much of the question was explained:
    words: int = 0  # content words in the question (not filler such as "the", "please", "de")
    unexplained: list[str] = field(default_factory=list)  # content words nothing explained
    out_of_scope: list[str] = field(default_factory=list)  # words naming what snapshots do not hold ("weather")
    corrections: list[tuple[str, str]] = field(default_factory=list)  # typos: (as written, as taken)
    loose_topic: bool = False  # the topic was named only by an everyday word ("team", "people")
    ambiguous: tuple[str, str] | None = None  # a label that is also a section: (field, label) read as the section
    from_context: list[str] = field(default_factory=list)  # what a follow-up took from the conversation
    context: Context | None = None  # the conversation the question was read in

    @property
    def explained(self) -> float:
        """Share of the question's content words the reading accounts for: 1.0 is a full match."""
        missing = len(self.unexplained) + sum(len(w.split()) for w in self.out_of_scope)
        return 1.0 if not self.words else max(0.0, 1 - missing / self.words)

    @property
    def full(self) -> bool:
        """Every content word of the question was explained."""
        return not self.unexplained and not self.out_of_scope

    @property
    def level(self) -> str | None:
        """The data-availability level asked about, if any."""
        for level in ("no_response", "insufficient", "sufficient"):
            if level in self.markers:
                return level
        return "insufficient" if "lack" in self.markers and self.topic == "data" else None

    @property
    def ranking(self) -> str | None:
        """"max" or "min" when the question asks for the top of a ranking ("the largest", "the most roles")."""
        if {"largest", "most"} & self.markers:
            return "max"
        return "min" if {"smallest", "fewest"} & self.markers else None

    @property
    def off_topic(self) -> bool:
        """Words the bot does not know carry the question and nothing it knows does: "is it raining in
        Tulsa?", "Chicago's basketball team". Answered with "I don't have that", never with something else."""
        strong = self.topic is not None and not self.loose_topic
        if self.out_of_scope:  # "which mayors are women?": a criterion it does not hold, for no city named
            return not strong or not self.cities or "cities" in self.from_context
        criterion = self.topic or self.values or self.country or self.region or self.condition or self.scope is not None
        if self.unexplained and "across" in self.markers and self.markers <= LISTING and not criterion:
            return True  # "which cities have a mascot?": not all cities with a caveat
        if not self.unexplained or (self.unknown and not self.cities):
            return False
        return not strong and not self.values and self.condition is None and not (
            {"overview", "compare", "versions", "across", "survey", "largest", "smallest", "most", "fewest", "greeting",
             "farewell"}
            & self.markers)

    @property
    def kind(self) -> str:
        m = self.markers
        if self.off_topic:
            return "out_of_scope"
        if "farewell" in m and not (self.cities or self.topic or self.values):
            return "farewell"
        if "aggregate" in m and not self.cities:
            return "aggregate"  # "the average population": a sum the snapshots do not state, never computed silently
        if "versions" in m and self.cities:
            return "versions"
        about_a_city = self.topic or self.values or {"overview", "compare", "yesno", "follow"} & m or self.named  # "¿y en
        # Monterrey?": a city asked about, one it does not know
        if self.unknown and not self.cities and not {"across", "count", "survey", "greeting", "farewell"} & m \
                and about_a_city:
            return "unknown_city"
        if len(self.cities) >= 2 or ("compare" in m and self.scope is None):
            return "compare"
        if self.cities:
            return "fact" if self.topic or self.values else "overview"
        if "survey" in m:
            return "survey"
        if self.ranking:
            return "extreme"
        counting_people = m & {"count"} and not m & {"across", "popular"} and self.topic == "population"
        if ({"across", "count", "popular"} & m and not counting_people) or self.country or self.region \
                or self.values or self.condition or self.scope is not None:
            return "across"
        if self.topic:
            return "which_city"  # "who is the mayor?": of which city?
        return "help"
