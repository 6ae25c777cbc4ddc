"""The real data shipped with the package, loaded into an empty store on first start."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from knowledge.facts import Facts
from knowledge.parse import Parsed, parse_bytes


def bundled_files() -> list[Traversable]:
    """The Saltillo page and every city record; records in name order, so versions arrive in order."""
    data = resources.files("knowledge.data")
    pages = sorted((f for f in data.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name)
    records = sorted((f for f in data.joinpath("cities").iterdir() if f.name.endswith(".json")),
                     key=lambda f: f.name)
    return pages + records


def parse_bundled() -> list[Parsed]:
    return [parse_bytes(f.name, f.read_bytes(), uploaded_by="bundled") for f in bundled_files()]


def load_bundled(facts: Facts) -> int:
    """Publish the bundled data, versions in order of arrival, in one transaction. Returns versions stored."""
    snapshots = [p.snapshot for p in parse_bundled()]
    return len(facts.publish(facts.plan_all(snapshots)))
