"""What changed between two versions of a city, field by field, in words a subscriber can read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from knowledge.models import FIELD_TITLES, Snapshot

# Metadata that differs between every two uploads and says nothing about the city.
IGNORED = {"source", "schema_version"}


def value_text(value: Any) -> str:
    """A stored value as a short line of text; stored wording is kept as it is."""
    if value is None:
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value_text(v) for v in value) if value else "none"
    if isinstance(value, dict):
        if "text" in value:  # population
            return str(value["text"])
        if "name" in value:  # activity, other team
            return str(value["name"])
        if "description" in value:  # team
            return str(value["description"])
        if "sentence" in value:  # benchmark
            return str(value["sentence"])
        parts = [f"{k.replace('_', ' ')}: {value_text(v)}" for k, v in value.items() if v]
        return "; ".join(parts) or "none"
    return str(value)


@dataclass(frozen=True)
class Change:
    field: str
    title: str
    before: str
    after: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reordered: bool = False  # the same items in another order: said as such, not as two whole lists

    def __str__(self) -> str:
        if self.added or self.removed:
            parts = [f"+ {a}" for a in self.added] + [f"− {r}" for r in self.removed]
            return f"{self.title}: {', '.join(parts)}"
        return f"{self.title}: {_short(self.before)} → {_short(self.after)}"


def _short(text: str, limit: int = 300) -> str:
    """Long prose (a spotlight story) is shown by its start; the stored value is untouched."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def changes(old: Snapshot | None, new: Snapshot) -> list[Change]:
    """Every field whose value differs; lists of labels say what was added and removed."""
    before = old.model_dump(exclude=IGNORED) if old else {}
    after = new.model_dump(exclude=IGNORED)
    out = []
    for field, title in FIELD_TITLES.items():
        a, b = before.get(field), after.get(field)
        if a == b or (a in (None, [], {}) and b in (None, [], {})):  # "not stated → none" tells nobody anything
            continue
        if field == "leader" and new.leader_title:
            title = new.leader_title  # "Mayor: A → B", or "City Manager: …"
        if isinstance(a, list) and isinstance(b, list) and all(isinstance(x, str) for x in a + b):
            out.append(Change(field, title, value_text(a), value_text(b), tuple(x for x in b if x not in a),
                              tuple(x for x in a if x not in b), reordered=sorted(a) == sorted(b)))
        else:
            out.append(Change(field, title, value_text(a), value_text(b)))
    return out
