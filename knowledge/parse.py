"""Any source file -> Snapshot: page text, JSON in the model's schema, or a real city record.

This is the one door into the knowledge base; the CLI import, the bundled data and the Telegram
upload all come through it, so they accept and refuse exactly the same things.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from knowledge import vocabulary as vocab
from knowledge.errors import Problem, SnapshotError, from_validation
from knowledge.models import VOCABULARY_FIELDS, Snapshot
from knowledge.page import benchmark_from_sentence, parse_page

MAX_BYTES = 1_000_000

# Keys of the real city records (shared/cities/README.md) -> fields of the model.
RECORD_KEYS = {
    "city": "city",
    "country": "country",
    "leader_title": "leader_title",
    "leader": "leader",
    "population": "population",
    "innovation_website_listed": "innovation_website_listed",
    "lead_innovation_officers": "lead_innovation_officers",
    "innovation_helping_to": "helping_to",
    "critical_success_factors": "success_factors",
    "pdf_produced_in": "pdf_produced_in",
    "explicit_innovation_strategy": "explicit_strategy",
    "approach": "approach",
    "prioritises_policy_areas": "prioritises_policy_areas",
    "policy_areas": "policy_areas",
    "innovation_roles_count": "roles_count",
    "innovation_roles": "roles",
    "terms_associated_with_innovation": "terms",
    "page_text_complete": "complete",
}
RECORD_ONLY = {"source_url", "strategy_benchmark", "approach_benchmark", "page_text_complete",
               "innovation_helping_to", "critical_success_factors"}


@dataclass(frozen=True)
class Parsed:
    snapshot: Snapshot
    warnings: list[Problem]


def _is_record(data: dict[str, Any]) -> bool:
    return bool(RECORD_ONLY & data.keys())


def _from_record(source: str, data: dict[str, Any]) -> Snapshot:
    unknown = sorted(set(data) - set(RECORD_KEYS) - RECORD_ONLY)
    if unknown:
        raise SnapshotError(source, [Problem(f"field {k}", "not a key of a city record",
                                             "see knowledge/data/cities/README.md for the keys") for k in unknown])
    fields = {RECORD_KEYS[k]: v for k, v in data.items() if k in RECORD_KEYS}
    city = str(data.get("city", ""))
    # A record keeps a benchmark's share apart from its claim; rebuild the page's sentence around it.
    sentences = []
    if isinstance(data.get("strategy_benchmark"), str) and "explicit_innovation_strategy" in data:
        has = "has" if data["explicit_innovation_strategy"] else "does not have"
        sentences.append(("strategy", f"Along with {data['strategy_benchmark']}, {city} {has} an explicit "
                                      "innovation strategy."))
    if isinstance(data.get("approach_benchmark"), str) and data.get("approach"):
        sentences.append(("approach", f"Similar to {data['approach_benchmark']}, {city} approaches innovation "
                                      f"capacity {data['approach']}."))
    benchmarks = [benchmark_from_sentence(topic, sentence, city) for topic, sentence in sentences]
    fields["benchmarks"] = [b for b in benchmarks if b]
    fields["source"] = {"url": data.get("source_url")}
    try:
        return Snapshot.model_validate(fields)
    except ValidationError as e:
        raise from_validation(source, e) from None


def _decode(source: str, raw: bytes) -> str:
    if not raw.strip():
        raise SnapshotError(source, [Problem("file", "the file is empty", "send the snapshot page text or JSON")])
    if len(raw) > MAX_BYTES:
        raise SnapshotError(source, [Problem("file", f"the file is {len(raw):,} bytes, over the "
                                             f"{MAX_BYTES:,}-byte limit", "send one city's snapshot per file")])
    if b"\x00" in raw:
        raise SnapshotError(source, [Problem("file", "this is a binary file, not text",
                                             "send the page as plain text (.txt) or JSON")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise SnapshotError(source, [Problem(f"line {line}", "the text is not UTF-8",
                                             "save the file as UTF-8 and send it again")]) from None


def _parse_json(source: str, text: str) -> Snapshot:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise SnapshotError(source, [Problem(f"line {e.lineno}, column {e.colno}", f"invalid JSON: {e.msg}",
                                             "fix the JSON syntax there")]) from None
    if not isinstance(data, dict):
        raise SnapshotError(source, [Problem("(top level)", f"expected one JSON object, found {type(data).__name__}",
                                             "send one city as an object, as `python -m bot schema` describes")])
    if _is_record(data):
        return _from_record(source, data)
    try:
        return Snapshot.model_validate(data)
    except ValidationError as e:
        raise from_validation(source, e) from None


def warnings_for(snapshot: Snapshot) -> list[Problem]:
    """City-written items that look like a survey label: kept as written, but worth a second look."""
    out = []
    for field, items in snapshot.city_written().items():
        for item in items:
            m = vocab.match(item, VOCABULARY_FIELDS[field])
            if m.suggestion:
                out.append(Problem(f"field {field}", f"'{item}' is not a survey label; kept as the city's own",
                                   f"did you mean '{m.suggestion}'?"))
    return out


def parse_bytes(source: str, raw: bytes, uploaded_by: str | None = None) -> Parsed:
    """Validate one file completely; raise SnapshotError with every problem located."""
    text = _decode(source, raw)
    stripped = text.lstrip()
    snapshot = _parse_json(source, text) if stripped.startswith(("{", "[")) else parse_page(source, text)
    src = snapshot.source.model_copy(update={"file": Path(source).name, "uploaded_by": uploaded_by})
    snapshot = snapshot.model_copy(update={"source": src})
    return Parsed(snapshot, warnings_for(snapshot))


def parse_path(path: Path, uploaded_by: str | None = None) -> Parsed:
    return parse_bytes(str(path), path.read_bytes(), uploaded_by)
