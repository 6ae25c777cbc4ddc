"""The Facts interface: cities, their versions and the survey benchmarks, whatever engine holds them.

Facts change rarely (an admin's publish or rollback, a command-line import) and are read for every
answer, so a backend keeps an in-memory view and offers a cheap `change_token()` that tells a reader
(possibly in another process) when that view is stale. Planning (new / update / older / resembles)
is computed from the view and is the same for every engine; only storing differs.

Nothing outside `knowledge/facts/` and `knowledge/store.py` names the engine behind this interface.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from knowledge.diff import Change, changes
from knowledge.identity import city_key, city_name_key, country_key
from knowledge.models import Snapshot

PUBLISHED = "published"
ROLLED_BACK = "rolled back"
RESEMBLES = 85.0  # name similarity (0-100) at which an upload may be a stored city spelt differently

PlanKind = Literal["new", "update", "older", "same", "resembles"]
Similar = Literal["ask", "update", "new"]


@dataclass(frozen=True)
class Version:
    number: int  # 1-based, oldest first
    snapshot: Snapshot
    stored_at: str
    status: str  # published, or rolled back


@dataclass(frozen=True)
class City:
    key: str
    versions: tuple[Version, ...]

    @property
    def current(self) -> Snapshot:
        return self.current_version.snapshot

    @property
    def current_version(self) -> Version:
        return next(v for v in reversed(self.versions) if v.status == PUBLISHED)


@dataclass(frozen=True)
class Plan:
    """What publishing a snapshot would do; the preview shows it before anything is stored."""

    snapshot: Snapshot
    kind: PlanKind
    key: str
    existing: Snapshot | None = None
    changes: list[Change] = field(default_factory=list)
    resembles: list[str] = field(default_factory=list)  # names of stored cities it may be


class FactsReader(ABC):
    """Read access to cities: what answering needs. A live store and a frozen view both provide it."""

    @abstractmethod
    def cities(self) -> dict[str, City]:
        """Every city by store key. The same dict object until the facts change, so callers can cache on it."""

    def get(self, key: str) -> City | None:
        return self.cities().get(key)

    def current(self) -> list[Snapshot]:
        return [c.current for c in self.cities().values()]

    def is_empty(self) -> bool:
        return not self.cities()

    def plan(self, snapshot: Snapshot, similar: Similar = "ask", target: str | None = None) -> Plan:
        """Decide, without storing, whether a snapshot is a new city, an update, or ambiguous."""
        return self.plan_all([snapshot], similar, target)[0]

    def plan_all(self, snapshots: list[Snapshot], similar: Similar = "ask", target: str | None = None) -> list[Plan]:
        """Plan several snapshots in order, each seeing the ones before it (two versions in one import)."""
        cities = self.cities()
        current = {k: c.current for k, c in cities.items()}
        known = {k: [v.snapshot for v in c.versions] for k, c in cities.items()}
        # Today's identity of every stored city -> its store key. A key is fixed when the city is first
        # stored; a later release may fold names further ('Łódź' was 'łodz', is 'lodz'), so a new
        # version is matched on the stored city's name folded today, and no stored key ever needs rewriting.
        identities = {city_key(s.city, s.country): k for k, s in current.items()}
        plans = []
        for snapshot in snapshots:
            plan = _plan(snapshot, current, identities, similar, target)
            if plan.kind in ("update", "older") and any(not changes(v, snapshot) for v in known[plan.key]):
                plan = Plan(snapshot, "same", plan.key, plan.existing)  # already stored as an earlier version
            if plan.kind in ("new", "update"):
                current[plan.key] = snapshot
                identities.setdefault(city_key(snapshot.city, snapshot.country), plan.key)
            known.setdefault(plan.key, []).append(snapshot)
            plans.append(plan)
        return plans


class FrozenFacts(FactsReader):
    """One moment's cities, never changing: what a running bot answers from while a newer view is built."""

    def __init__(self, cities: dict[str, City]) -> None:
        self._cities = cities

    def cities(self) -> dict[str, City]:
        return self._cities


class Facts(FactsReader):
    """Where cities are stored. Writes are all-or-nothing; a failed write leaves the view as the store holds it."""

    location: str  # for messages to operators: a path or a database name, never a password

    @abstractmethod
    def change_token(self) -> object:
        """Cheap (no parsing): equal tokens mean unchanged facts, also across processes."""

    @abstractmethod
    def publish(self, plans: list[Plan]) -> list[Plan]:
        """Store every plan in one transaction; refuse all if any is ambiguous. Returns what was stored.

        Raises `knowledge.storage.NotStored` (read-only, disk full) with nothing changed.
        """

    @abstractmethod
    def rollback(self, key: str) -> tuple[Snapshot, Snapshot]:
        """Mark the current version rolled back (kept in history); returns (undone, now current).

        KeyError for an unknown city, ValueError when there is no earlier published version.
        """

    def close(self) -> None:  # noqa: B027 - most engines hold nothing open
        """Release what the backend holds open."""


def stored_plans(plans: list[Plan]) -> list[Plan]:
    """The plans that change something; ValueError if any is still ambiguous (a caller's bug: ask first)."""
    ambiguous = [p for p in plans if p.kind == "resembles"]
    if ambiguous:
        raise ValueError("still ambiguous, choose update or new first: " + ", ".join(p.snapshot.city for p in ambiguous))
    return [p for p in plans if p.kind != "same"]


def _plan(snapshot: Snapshot, current: dict[str, Snapshot], identities: dict[str, str], similar: Similar,
          target: str | None) -> Plan:
    identity = city_key(snapshot.city, snapshot.country)
    key = target or (identity if identity in current else identities.get(identity, identity))
    stored = current.get(key)
    if stored is None:
        near = resembling(snapshot, current)
        if near and similar == "update":
            return _plan(snapshot, current, identities, similar, near[0])
        if near and similar == "ask":
            return Plan(snapshot, "resembles", key, resembles=[current[k].city for k in near])
        return Plan(snapshot, "new", key, changes=changes(None, snapshot))
    found = changes(stored, snapshot)
    if not found:
        return Plan(snapshot, "same", key, stored)
    if _older(snapshot, stored):
        return Plan(snapshot, "older", key, stored, found)
    return Plan(snapshot, "update", key, stored, found)


def resembling(snapshot: Snapshot, current: dict[str, Snapshot]) -> list[str]:
    """Keys of stored cities in the same country whose names are close to this one's."""
    name, country = city_name_key(snapshot.city), country_key(snapshot.country)
    scored = []
    for key, stored in current.items():  # as folded today, whatever rule folded the stored key
        stored_name, stored_country = city_name_key(stored.city), country_key(stored.country)
        if stored_country == country:
            score = fuzz.ratio(name, stored_name)
            if score >= RESEMBLES:
                scored.append((score, key))
    return [k for _, k in sorted(scored, reverse=True)]


def _older(new: Snapshot, current: Snapshot) -> bool:
    """Ordered by the page's own year where both have one, else by order of arrival."""
    return new.page_year is not None and current.page_year is not None and new.page_year < current.page_year
