"""Problems with a source file, as data a person can act on: where, what, and how to fix it.

Admins read these in a chat, so they are in plain words ("unknown field 'mayor' — did you mean
'leader'?"), never pydantic's ("Extra inputs are not permitted"), and a file with thousands of
problems is summarised: the first few, and how many more there are.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process

from knowledge.models import Snapshot

SHOWN = 10  # problems listed before "…and N more"


@dataclass(frozen=True)
class Problem:
    where: str  # "line 14", "field population.text", "file"
    what: str
    fix: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" + (f" — {self.fix}" if self.fix else "")


class SnapshotError(ValueError):
    """A file that cannot become a snapshot; nothing from it is stored."""

    def __init__(self, source: str, problems: list[Problem], total: int | None = None) -> None:
        self.source = source
        self.problems = problems[:SHOWN]
        self.total = max(total or 0, len(problems))  # how many there were, shown or not
        super().__init__(str(self))

    @property
    def hidden(self) -> int:
        """Problems found but not listed: a file with 450,000 bad items must not become 12,000 messages."""
        return self.total - len(self.problems)

    def __str__(self) -> str:
        lines = [f"{self.source}: not stored"] + [f"  {p}" for p in self.problems]
        if self.hidden:
            lines.append(f"  …and {self.hidden:,} more problem(s) like these")
        return "\n".join(lines)


# Keys people write for a field of the model, which no spelling distance would find.
KEY_SYNONYMS = {
    "mayor": "leader", "name": "city", "city_name": "city", "nation": "country", "title": "leader_title",
    "inhabitants": "population", "officers": "lead_innovation_officers", "strategy": "explicit_strategy",
    "funding": "dedicated_funding", "website": "innovation_website_listed", "year": "pdf_produced_in",
}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models inside an annotation such as `list[Activity] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, typing.Annotated) or args:
        return [m for a in args for m in _models_in(a)]
    return []


def _model_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model whose field list applies at a location such as ('team', 'other_teams', 0)."""
    model: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        found = _models_in(field.annotation)
        model = found[0] if found else None
    return model


def did_you_mean(key: str, known: list[str]) -> str | None:
    """The field a misspelt or synonymous key most likely meant."""
    folded = key.strip().lower().replace(" ", "_").replace("-", "_")
    if folded in KEY_SYNONYMS and KEY_SYNONYMS[folded] in known:
        return KEY_SYNONYMS[folded]
    best = process.extractOne(folded, known, scorer=fuzz.ratio, score_cutoff=70)
    return best[0] if best else None


def _shown(value: object) -> str:
    """A short quotation of what was found: a 100,000-item list is described, not printed."""
    if isinstance(value, list | dict):
        return f"a list of {len(value):,} item(s)" if isinstance(value, list) else "an object"
    text = value if isinstance(value, str) else repr(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def plain_words(error: Any, root: type[BaseModel] | None) -> tuple[str, str]:
    """One pydantic error -> (what is wrong, how to fix it), in words an admin uses."""
    kind, ctx, loc = error["type"], error.get("ctx") or {}, tuple(error["loc"])
    name = str(loc[-1]) if loc else "value"
    schema = "see the upload schema (docs/snapshot.schema.json)"
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1]) if root else None
        hint = did_you_mean(name, list(model.model_fields)) if model else None
        return f"unknown field '{name}'" + (f" — did you mean '{hint}'?" if hint else ""), \
            "rename or remove it" if hint else "remove it; the upload schema (docs/snapshot.schema.json) lists the fields"
    if kind == "missing":
        return f"'{name}' is missing", "add it"
    if kind == "string_too_long":
        return f"text of {len(str(error.get('input', ''))):,} characters; at most {ctx.get('max_length', 0):,} " \
               "are allowed", "shorten it"
    if kind == "string_too_short":
        return "must not be empty", "write a value, or leave the field out"
    if kind == "too_long":
        return f"{ctx.get('actual_length', 0):,} items; at most {ctx.get('max_length', 0):,} are allowed", \
            "a snapshot page lists a few dozen at most: check the file"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {_shown(error.get('input'))}", "write digits only, e.g. 2018"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {_shown(error.get('input'))}", "write true or false"
    if kind in ("string_type",):
        return f"expected text, found {_shown(error.get('input'))}", "put the value in quotes"
    if kind in ("list_type",):
        return f"expected a list, found {_shown(error.get('input'))}", 'write it as ["…", "…"]'
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected an object with fields, found {_shown(error.get('input'))}", schema
    if kind == "literal_error":
        return f"{_shown(error.get('input'))} is not allowed here; use {ctx.get('expected', 'a listed value')}", ""
    if kind in ("greater_than_equal", "greater_than"):
        return f"{_shown(error.get('input'))} is too small; the least is {ctx.get('ge', ctx.get('gt'))}", ""
    if kind in ("less_than_equal", "less_than"):
        return f"{_shown(error.get('input'))} is too large; the most is {ctx.get('le', ctx.get('lt'))}", ""
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, "), ""
    return str(error["msg"]), schema


def from_validation(source: str, error: ValidationError, prefix: str = "",
                    root: type[BaseModel] | None = None) -> SnapshotError:
    """Turn pydantic's located errors into plain-word problems that name the field path."""
    root = root or Snapshot
    problems = []
    for e in error.errors(include_url=False)[:SHOWN]:
        path = ".".join(str(p) for p in e["loc"]) or "(top level)"
        what, fix = plain_words(e, root)
        problems.append(Problem(f"field {prefix}{path}", what, fix))
    return SnapshotError(source, problems, error.error_count())
