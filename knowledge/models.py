"""A City Innovation Snapshot as typed data.

`None` always means "this page (version) does not cover that section", never "no": the real
records stop after the first 2,000 bytes of a page, and an answer must be able to tell the two apart.
Lists drawn from the survey's closed vocabularies are mapped onto its wording when written; items
outside them are kept as the city wrote them.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError  # a code of ours (knowledge/errors.py); worded in bot/texts.py

from knowledge import vocabulary as vocab
from knowledge.identity import simple

SCHEMA_VERSION: Literal[1] = 1  # every stored snapshot carries it; bumped with a migration

BenchmarkTopic = Literal["strategy", "approach", "funding"]


def _labels(vocabulary: tuple[str, ...]) -> AfterValidator:
    def canonical(items: list[str] | None) -> list[str] | None:
        if items is None:
            return None
        out: list[str] = []
        for item in items:
            label = vocab.match(item, vocabulary).label
            if label and label not in out:
                out.append(label)
        return out

    return AfterValidator(canonical)


def _names(items: list[str] | None) -> list[str] | None:
    if items is None:
        return None
    return [re.sub(r"\s+", " ", i).strip() for i in items if i.strip()]


# Characters that show nothing: a name written "Salt\u200billo" is Saltillo. Bidirectional controls
# are refused instead, as they change what a reader sees ("\u202eollitlaS" displays as "Saltillo").
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff"))
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
SURROGATE = re.compile("[\ud800-\udfff]")


def _visible(text: str) -> str:
    """Text as a reader sees it: no invisible characters, no lone surrogates, no reordering controls."""
    if BIDI_CONTROLS.search(text):
        raise PydanticCustomError("bidi_override", "contains a right-to-left/left-to-right override")
    text = well_formed(text.translate(INVISIBLE)).strip()
    if not text:
        raise PydanticCustomError("no_visible_characters", "has no visible characters")
    return text


def well_formed(text: str) -> str:
    """Text that can be encoded: a lone surrogate (Telegram's JSON may carry one) becomes U+FFFD.

    Unencodable text fails only where it is written (a store, a log, a reply), far from where it came in.
    """
    return SURROGATE.sub("\ufffd", text)


def _visible_prose(text: str) -> str:
    return well_formed(text.translate(INVISIBLE))


# Bounds that no real page comes near (a page lists a few dozen items at most); they keep a broken or
# hostile upload from becoming an unreadable answer, or a store that takes a minute to load.
MAX_ITEMS = 100
Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_visible)]
Item = Annotated[str, Field(max_length=500), AfterValidator(_visible_prose)]
Text = Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_visible)]
Prose = Annotated[str, Field(max_length=20_000), AfterValidator(_visible_prose)]
Items = Annotated[list[Item], Field(max_length=MAX_ITEMS)]
Names = Annotated[Items | None, AfterValidator(_names)]


class Strict(BaseModel):
    """Unknown keys are an error: a misspelt key in an admin's JSON must not vanish silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Population(Strict):
    """The population as the page states it; a number only where the text parses cleanly."""

    text: Text
    number: int | None = None
    year: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        if isinstance(value, str):
            value = {"text": value}
        if isinstance(value, dict) and "text" in value and "number" not in value:
            value = {**value, **parse_population(str(value["text"]))}
        return value


def parse_population(text: str) -> dict[str, int | None]:
    """'709,671 (2010)' -> number and year; '39,6990' keeps no number, as it is not one."""
    m = re.fullmatch(r"\s*(\d{1,3}(?:,\d{3})*|\d+)\s*(?:\((\d{4})\))?\s*", text)
    if not m:
        year = re.search(r"\((\d{4})\)", text)
        return {"number": None, "year": int(year.group(1)) if year else None}
    return {"number": int(m.group(1).replace(",", "")), "year": int(m.group(2)) if m.group(2) else None}


class Benchmark(Strict):
    """A survey-wide figure as one page version quotes it, e.g. '81% of cities surveyed'."""

    topic: BenchmarkTopic
    share: Text = Field(description="'50%', 'more than half', 'over one-third', …")
    sentence: Text = Field(description="The page's sentence, which says what the share counts.")


class Activity(Strict):
    name: Text
    examples: Items = []


class OtherTeam(Strict):
    name: Text
    purpose: Text | None = None


class Team(Strict):
    """How the innovation work is organised, from the sentence after the roles."""

    description: Prose
    led_by: Text | None = None
    staff: int | None = None
    other_teams: Annotated[list[OtherTeam], Field(max_length=MAX_ITEMS)] = []


class DataAvailability(Strict):
    sufficient: Annotated[Items, _labels(vocab.POLICY_AREAS)] = []
    insufficient: Annotated[Items, _labels(vocab.POLICY_AREAS)] = []
    no_response: Annotated[Items, _labels(vocab.POLICY_AREAS)] = []

    def level_of(self, area: str) -> str | None:
        for level, items in zip(vocab.DATA_LEVELS, (self.sufficient, self.insufficient, self.no_response), strict=False):
            if area in items:
                return level
        return None


class Source(Strict):
    """Where a version came from, so that history can say who published what."""

    file: Text | None = None
    url: Text | None = None
    uploaded_by: Text | None = None


class Snapshot(Strict):
    """One version of one city's page."""

    schema_version: Literal[1] = SCHEMA_VERSION
    city: Name
    country: Name
    leader_title: Name | None = Field(None, description="'Mayor', sometimes 'City Manager'")
    leader: Name | None = None
    population: Population | None = None
    innovation_website_listed: bool | None = None
    lead_innovation_officers: Names = None
    helping_to: Annotated[Items | None, _labels(vocab.HELPING_TO)] = None
    success_factors: Annotated[Items | None, _labels(vocab.SUCCESS_FACTORS)] = None
    spotlight: Prose | None = None
    pdf_produced_in: int | None = Field(None, ge=1990, le=2100)
    explicit_strategy: bool | None = None
    approach: Text | None = None
    benchmarks: Annotated[list[Benchmark], Field(max_length=MAX_ITEMS)] = []
    prioritises_policy_areas: bool | None = None
    policy_areas: Annotated[Items | None, _labels(vocab.POLICY_AREAS)] = None
    policy_area_notes: Names = None
    roles_count: int | None = Field(None, ge=0)
    roles: Annotated[Items | None, _labels(vocab.ROLES)] = None
    team: Team | None = None
    terms: Annotated[Items | None, _labels(vocab.TERMS)] = None
    common_activities: Annotated[list[Activity], Field(max_length=MAX_ITEMS)] | None = None
    activity_ranking: Annotated[Items | None, _labels(vocab.ACTIVITIES)] = None
    other_activities: Prose | None = None
    dedicated_funding: bool | None = None
    funding_sources: Annotated[Items | None, _labels(vocab.FUNDING_SOURCES)] = None
    funded_activities: Annotated[Items | None, _labels(vocab.FUNDED_ACTIVITIES)] = None
    other_investments: Prose | None = None
    partners: Annotated[Items | None, _labels(vocab.PARTNERS)] = None
    data_availability: DataAvailability | None = None
    complete: bool = Field(True, description="False when the page text stops before its end.")
    source: Source = Source()

    @field_validator("city", "country")
    @classmethod
    def _named(cls, name: str) -> str:
        """A name with no letter or digit ('!!!') would be every such city at once."""
        if not simple(name):
            raise PydanticCustomError("no_letters", "has no letters or digits")
        return name

    @property
    def page_year(self) -> int | None:
        """The year that orders versions of one city: the PDF's year, else the population's."""
        if self.pdf_produced_in:
            return self.pdf_produced_in
        return self.population.year if self.population else None

    def benchmark(self, topic: BenchmarkTopic) -> Benchmark | None:
        return next((b for b in self.benchmarks if b.topic == topic), None)

    def labels_in(self, field: str) -> list[str]:
        """The survey labels a list section names: its items, and the labels a city-written item is made of
        ("Sociologist / Political Scientist" names the survey's Sociologist), so "does Aurora have a
        sociologist?" is not answered "no" above a list that shows one."""
        items = getattr(self, field) or []
        vocabulary = FOLDED_VOCABULARY.get(field, {})
        own = (item for item in items if item not in VOCABULARY_FIELDS[field]) if vocabulary else ()
        parts = (part.strip().casefold() for item in own for part in item.split("/"))
        return list(dict.fromkeys([*items, *(vocabulary[p] for p in parts if p in vocabulary)]))  # in page order

    def city_written(self) -> dict[str, list[str]]:
        """Items outside the survey's vocabularies, by field: the city's own words."""
        out: dict[str, list[str]] = {}
        for field, vocabulary in VOCABULARY_FIELDS.items():
            items = getattr(self, field) or []
            unknown = [i for i in items if not vocab.is_known(i, vocabulary)]
            if unknown:
                out[field] = unknown
        return out


VOCABULARY_FIELDS: dict[str, tuple[str, ...]] = {
    "helping_to": vocab.HELPING_TO,
    "success_factors": vocab.SUCCESS_FACTORS,
    "policy_areas": vocab.POLICY_AREAS,
    "roles": vocab.ROLES,
    "terms": vocab.TERMS,
    "activity_ranking": vocab.ACTIVITIES,
    "funding_sources": vocab.FUNDING_SOURCES,
    "funded_activities": vocab.FUNDED_ACTIVITIES,
    "partners": vocab.PARTNERS,
}
# Each vocabulary by its case-folded labels, built once: what a city-written "Sociologist / …" is matched against.
FOLDED_VOCABULARY: dict[str, dict[str, str]] = {f: {v.casefold(): v for v in vs} for f, vs in VOCABULARY_FIELDS.items()}

# How a person names each field, in diffs, history and previews.
FIELD_TITLES: dict[str, str] = {
    "city": "City",
    "country": "Country",
    "leader_title": "Leader's title",
    "leader": "Leader",
    "population": "Population",
    "innovation_website_listed": "Innovation website",
    "lead_innovation_officers": "Lead innovation officers",
    "helping_to": "Innovation is helping to",
    "success_factors": "Critical success factors",
    "spotlight": "Spotlight",
    "pdf_produced_in": "PDF produced in",
    "explicit_strategy": "Explicit innovation strategy",
    "approach": "Approach to innovation capacity",
    "benchmarks": "Survey benchmarks",
    "prioritises_policy_areas": "Prioritises policy areas",
    "policy_areas": "Policy areas",
    "policy_area_notes": "Policy area notes",
    "roles_count": "Number of innovation roles",
    "roles": "Innovation roles",
    "team": "Innovation team",
    "terms": "Terms associated with innovation",
    "common_activities": "Most common innovation activities",
    "activity_ranking": "Ranking of innovation activities",
    "other_activities": "Other innovation activities",
    "dedicated_funding": "Dedicated innovation funding",
    "funding_sources": "Top sources of funding",
    "funded_activities": "Activities being funded",
    "other_investments": "Also invests in",
    "partners": "Partners",
    "data_availability": "Data availability",
    "complete": "Complete page",
}
