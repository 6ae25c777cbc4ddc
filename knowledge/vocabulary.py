"""The survey's closed vocabularies, in the survey's own wording.

Pages and records spell the same category in slightly different ways ("Social welfare and social
services", a typo in an admin's upload). Every item is mapped onto one canonical label when it is
close enough; anything further away is a city-written item and is kept as written, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

HELPING_TO = (
    "Improve internal government operations",
    "Improve service delivery",
    "Simplify administrative procedures for firms and residents",
    "Improve resident outcomes",
    "Save costs and improve efficiency within the public sector",
    "Anticipate and manage future challenges",
    "Generate new sources of revenue",
    "Engage residents and other stakeholders",
    "Service current obligations",
)

SUCCESS_FACTORS = (
    "Leadership from Mayor",
    "Leadership from City Manager",
    "Dedicated innovation team",
    "Dedicated innovation staff position",
    "Dedicated funding",
    "Focus on measurement",
    "Culture of innovation in city",
    "Support from outside city administration",
    "Engagement with partners",
    "Human resource support",
)

POLICY_AREAS = (
    "Economic Development",
    "Transport/Mobility",
    "Digital governance",
    "Policing and law enforcement",
    "Social inclusion and equity",
    "Social welfare/social services",
    "Education",
    "Environment and climate change",
    "Housing",
    "Housing and built environment",
    "Health",
    "Culture",
    "Water",
    "Waste and sewage",
    "Tourism",
    "Labour market and skills",
    "Public works",
)

ROLES = (
    "Project manager",
    "Data scientist",
    "Community engagement staff",
    "Communication officer",
    "Designer",
    "Engineer",
    "Sociologist",
)

TERMS = (
    "Experimentation",
    "Data analytics",
    "Human-centered design",
    "Technological innovation",
    "Bold leadership",
    "Big picture re-thinking",
    "Resident engagement",
    "Behavioral economics",
    "Hierarchy-busting",
    "Foresight, scenario planning",
)

# The ranked legend printed under "most common innovation activities".
ACTIVITIES = (
    "Taking risks or testing new ideas",
    "Data-driven analytics/public data management",
    "Engaging residents in new ways",
    "Developing new solutions based on digital technologies",
    "Organizational change within the municipality",
    "Human-centered design",
    "Rethinking your city's approach to financing partnerships",
)

FUNDING_SOURCES = (
    "Municipal budget",
    "Higher levels of government",
)

FUNDED_ACTIVITIES = (
    "Launching or sustaining a project",
    "Idea generation & brainstorming",
    "Investing in digital systems",
    "Investing in physical infrastructure",
    "Paying for services",
)

PARTNERS = (
    "other public agencies",
    "private firms",
    "not-for-profit organizations",
    "city residents/resident associations",
)

APPROACHES = (
    "from a holistic/macro level",
    "in specific policy areas/domains",
    "both from a holistic/macro level, as well as in specific policy areas",
    "at the departmental level",
)

DATA_LEVELS = ("Sufficient data", "Insufficient data", "No Response")

# Scores on rapidfuzz's 0-100 scale. At or above ACCEPT an item is the canonical label; between
# SUGGEST and ACCEPT it stays city-written but the uploader is asked whether they meant the label.
ACCEPT = 90.0
SUGGEST = 75.0


def fold(text: str) -> str:
    """Lower-case, accent-free, one kind of apostrophe and spacing: the form all matching uses."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").casefold()
    return re.sub(r"\s+", " ", text).strip()


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


@dataclass(frozen=True)
class Match:
    """How one written item relates to a vocabulary."""

    label: str
    known: bool
    suggestion: str | None = None


@cache
def _keys(vocabulary: tuple[str, ...]) -> tuple[frozenset[str], list[str]]:
    return frozenset(vocabulary), [_key(v) for v in vocabulary]


def match(item: str, vocabulary: tuple[str, ...]) -> Match:
    """Map a written item onto the vocabulary's label, or keep it as city-written."""
    labels, keys = _keys(vocabulary)
    if item in labels:  # the common case, and every stored item: no fuzzy work
        return Match(item, True)
    item = re.sub(r"\s+", " ", item).strip()
    best = process.extractOne(_key(item), keys, scorer=fuzz.ratio)
    if best is None:
        return Match(item, False)
    _, score, index = best
    if score >= ACCEPT:
        return Match(vocabulary[index], True)
    if score >= SUGGEST:
        return Match(item, False, vocabulary[index])
    return Match(item, False)


def is_known(item: str, vocabulary: tuple[str, ...]) -> bool:
    return item in vocabulary
