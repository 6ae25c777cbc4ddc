"""Problems with a source file, as data a person can act on: where, what, and how to fix it.

A problem is a code and its parameters (`Problem("unknown_field", field="mayor", suggestion="leader",
where=Where(path="mayor"))`), never a sentence: the same problem reaches an admin on Telegram in
Spanish and a terminal in English, so the words live in `bot/texts.py` (knowledge/ never imports
bot/). pydantic's errors ("Extra inputs are not permitted") are turned into such codes here, and a
file with thousands of problems is summarised: the first few, and how many more there are.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process

from knowledge.models import Snapshot

SHOWN = 10  # problems listed before "…and N more"


@dataclass(frozen=True)
class Where:
    """Where a problem is: a line (and column) of the file, a field path, or the file as a whole."""

    line: int | None = None
    column: int | None = None
    path: str | None = None  # "population.text", "team.other_teams.0.name"; "" is the top level


FILE = Where()


@dataclass(frozen=True, init=False)
class Problem:
    """One problem: its code (worded in bot/texts.py) and the values the wording needs."""

    code: str
    where: Where
    params: dict[str, Any] = field(hash=False)

    def __init__(self, code: str, where: Where = FILE, **params: Any) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "where", where)
        object.__setattr__(self, "params", params)

    def __repr__(self) -> str:
        return f"Problem({self.code!r}, {self.where}, {self.params})"

    def to_json(self) -> dict[str, Any]:
        """As stored with an admin's preview, to be worded when shown, in the admin's language."""
        return {"code": self.code, "where": asdict(self.where), "params": self.params}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Problem:
        return cls(data["code"], Where(**data["where"]), **data["params"])


class SnapshotError(ValueError):
    """A file that cannot become a snapshot; nothing from it is stored."""

    def __init__(self, source: str, problems: list[Problem], total: int | None = None) -> None:
        self.source = source
        self.problems = problems[:SHOWN]
        self.total = max(total or 0, len(problems))  # how many there were, shown or not
        super().__init__(f"{source}: " + ", ".join(p.code for p in self.problems))

    @property
    def hidden(self) -> int:
        """Problems found but not listed: a file with 450,000 bad items must not become 12,000 messages."""
        return self.total - len(self.problems)


# Keys people write for a field of the model, which no spelling distance would find.
KEY_SYNONYMS = {
    "mayor": "leader", "name": "city", "city_name": "city", "nation": "country", "title": "leader_title",
    "inhabitants": "population", "officers": "lead_innovation_officers", "strategy": "explicit_strategy",
    "funding": "dedicated_funding", "website": "innovation_website_listed", "year": "pdf_produced_in",
}
# pydantic's error types -> our codes; the models' own validators raise PydanticCustomError with a code of ours.
CODES = {
    "missing": "missing", "string_too_long": "text_too_long", "string_too_short": "empty_text",
    "too_long": "too_many_items", "int_type": "not_whole_number", "int_parsing": "not_whole_number",
    "int_from_float": "not_whole_number", "bool_type": "not_true_false", "bool_parsing": "not_true_false",
    "string_type": "not_text", "list_type": "not_list", "model_type": "not_object",
    "model_attributes_type": "not_object", "dict_type": "not_object", "literal_error": "not_allowed",
    "greater_than_equal": "too_small", "greater_than": "too_small", "less_than_equal": "too_large",
    "less_than": "too_large", "bidi_override": "bidi_override", "no_visible_characters": "no_visible_characters",
    "no_letters": "no_letters",
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
        found = model.model_fields.get(part)
        if found is None:
            return None
        models = _models_in(found.annotation)
        model = models[0] if models else None
    return model


def did_you_mean(key: str, known: list[str]) -> str | None:
    """The field a misspelt or synonymous key most likely meant."""
    folded = key.strip().lower().replace(" ", "_").replace("-", "_")
    if folded in KEY_SYNONYMS and KEY_SYNONYMS[folded] in known:
        return KEY_SYNONYMS[folded]
    best = process.extractOne(folded, known, scorer=fuzz.ratio, score_cutoff=70)
    return best[0] if best else None


def found(value: object) -> dict[str, Any]:
    """What was found, short: a 100,000-item list is counted, not quoted; a long text is cut at 40 characters."""
    if isinstance(value, list):
        return {"found_items": len(value)}
    if isinstance(value, dict):
        return {"found_object": True}
    text = value if isinstance(value, str) else repr(value)
    return {"found": f"{text[:40]}…" if len(text) > 40 else text}


def from_pydantic(error: Any, root: type[BaseModel] | None, where: Where) -> Problem:
    """One pydantic error -> a problem in our codes: what is wrong and the values that say so."""
    kind, ctx, loc = error["type"], error.get("ctx") or {}, tuple(error["loc"])
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1]) if root else None
        return Problem("unknown_field", where, field=name,
                       suggestion=did_you_mean(name, list(model.model_fields)) if model else None)
    code = CODES.get(kind, "invalid_value")
    if code == "missing":  # located at the object that lacks it: "(top level): 'city' is missing"
        return Problem(code, Where(path=(where.path or "").rpartition(".")[0]), field=name)
    if code == "text_too_long":
        return Problem(code, where, length=len(str(error.get("input", ""))), most=ctx.get("max_length", 0))
    if code == "too_many_items":
        return Problem(code, where, count=ctx.get("actual_length", 0), most=ctx.get("max_length", 0))
    if code == "not_allowed":
        allowed = [a.strip("'") for a in re.split(r", | or ", str(ctx.get("expected", ""))) if a]
        return Problem(code, where, allowed=allowed, **found(error.get("input")))
    if code == "too_small":
        return Problem(code, where, least=ctx.get("ge", ctx.get("gt")), **found(error.get("input")))
    if code == "too_large":
        return Problem(code, where, most=ctx.get("le", ctx.get("lt")), **found(error.get("input")))
    return Problem(code, where, **found(error.get("input")))


def from_validation(source: str, error: ValidationError, root: type[BaseModel] = Snapshot) -> SnapshotError:
    """Turn pydantic's located errors into problems that name the field path."""
    problems = [from_pydantic(e, root, Where(path=".".join(str(p) for p in e["loc"])))
                for e in error.errors(include_url=False)[:SHOWN]]
    return SnapshotError(source, problems, error.error_count())
