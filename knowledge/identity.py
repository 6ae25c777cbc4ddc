"""Which stored city a name means: normalised names, countries, exonyms and near misses.

Versions of one page spell the city differently ("Denver" / "Denver, CO"; "Medellin" without its
accent), and people ask in Spanish ("Viena"). A city is identified by its folded name and country.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources


@cache
def _aliases() -> dict[str, dict[str, str]]:
    raw = json.loads(resources.files("knowledge.data").joinpath("aliases.json").read_text(encoding="utf-8"))
    return {kind: {simple(k): v for k, v in table.items()} for kind, table in raw.items() if kind != "_comment"}


# Latin letters Unicode does not decompose into a base letter and a mark, written as people type
# them on a keyboard without them ('Lodz', 'Tromso', 'Da Nang', 'Aeroskobing'). ß is casefold's: 'ss'.
UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ƚ": "l",
                              "æ": "ae", "œ": "oe", "þ": "th"})


@lru_cache(maxsize=65_536)
def simple(text: str) -> str:
    """Folded and stripped of punctuation: 'Be’er Sheva' and 'beer sheva' are the same.

    Letters, digits and vowel signs of every script are kept ('上海' and '北京' stay two names, and
    'दिल्ली' keeps its vowels); accents are folded on Latin, Greek and Cyrillic letters only, where
    the letter under them remains, and so are the Latin letters with a stroke or ligature ('Łódź' is
    'lodz', 'Ærø' is 'aero'); invisible format characters (zero-width space) are dropped.
    """
    if text.isascii():
        return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("'", "")).strip()
    out: list[str] = []
    base = ""
    for c in unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'")):
        category = unicodedata.category(c)
        if category[0] == "M":
            if base >= "\u0530":  # a vowel sign or mark of a script whose words need it
                out.append(c)
            continue
        base = c
        if category == "Cf" or c == "'":
            continue
        out.append(c.casefold() if c.isalnum() else " ")
    return " ".join("".join(out).translate(UNDECOMPOSED).split())


def city_name_key(name: str) -> str:
    """'Denver, CO' -> 'denver'; a trailing state or region code is not part of the city's name."""
    name = re.sub(r",\s*[A-Z]{2}\.?\s*$", "", name.strip())
    return simple(name)


def country_key(country: str) -> str:
    key = simple(country)
    return simple(_aliases()["countries"].get(key, country))


def city_key(name: str, country: str) -> str:
    return f"{city_name_key(name)}|{country_key(country)}"


def exonym(name: str) -> str | None:
    """The English name of a city written in another language ('Viena' -> 'Vienna'), if known."""
    return _aliases()["cities"].get(simple(name))


def city_aliases() -> dict[str, str]:
    """Every other name of a city that we know of -> its English name as the pages write it."""
    return _aliases()["cities"]


def country_aliases() -> dict[str, str]:
    """Every way of writing a country that we know of -> its name as the pages write it."""
    return _aliases()["countries"]
