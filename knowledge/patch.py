"""Uploads that change some fields of a city: JSON Merge Patch (RFC 7396) onto the current version.

An admin who sends `{"city": "Saltillo", "leader": "Ana Pérez"}` means "Saltillo's leader is now Ana
Pérez", not "Saltillo is now a page with only a leader": read as a whole snapshot, that file would
wipe every other section. So a JSON object naming a stored city is a patch: each key it gives
replaces that field, `null` removes it (the section becomes "not covered"), objects merge key by key,
and every field it does not mention keeps its current value. A whole new page is still possible, and
says so: page text, a city record, or JSON with `"replace": true`.

A page is complete when it reaches its last section, data availability: a patch that removes that
section leaves a page that is not, and one that adds it to a page that stopped early does not make
the page complete (the sections in between may still be missing) unless it says `"complete": true`.

Whichever it is, `removed` lists the fields that had a value and would have none, so the preview can
warn before anything is stored.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from knowledge.errors import SnapshotError
from knowledge.models import Snapshot
from knowledge.parse import decode

REPLACE = "replace"  # {"replace": true}: the JSON is a whole page, not a patch
UploadMode = Literal["merge", "replace"]
# Derived from `population.text` when absent: a patch that gives a new text must not keep the old number.
DERIVED = {"population": ("number", "year")}
# Bookkeeping, not facts of the city: never counted as removed.
NOT_FACTS = {"source", "schema_version", "complete"}


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396, section 2: the result of applying `patch` to `target` (neither is modified)."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def read_json_object(raw: bytes) -> dict[str, Any] | None:
    """The upload as a JSON object, or None when it is not one (page text, a list, broken JSON: the
    parser reports those in its own words)."""
    try:  # decoded as the parser decodes (UTF-16, Windows-1252…), or a patch would be taken for a whole page
        data = json.loads(decode("upload", raw))
    except (SnapshotError, json.JSONDecodeError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def wants_replace(data: dict[str, Any]) -> bool:
    return data.get(REPLACE) is True


def without_replace(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != REPLACE}


def apply_to(current: Snapshot, patch: dict[str, Any]) -> dict[str, Any]:
    """The current version with the patch applied, as JSON for the parser to validate like any upload."""
    base = current.model_dump(mode="json", exclude={"source"})
    for field, derived in DERIVED.items():
        given = patch.get(field)
        if isinstance(given, dict) and "text" in given and isinstance(base.get(field), dict):
            base[field] = {k: v for k, v in base[field].items() if k not in derived or k in given}
    merged = merge_patch(base, without_replace(patch))
    if "complete" not in patch:  # a patch that removes the last section leaves a page that stops before it
        merged["complete"] = bool(merged.get("complete")) and merged.get("data_availability") is not None
    return merged


def _has_value(value: Any) -> bool:
    return value is not None and value != [] and value != {}


def removed(current: Snapshot | None, new: Snapshot) -> list[str]:
    """Fields of the current version that have a value and would have none after the upload."""
    if current is None:
        return []
    return [name for name in Snapshot.model_fields
            if name not in NOT_FACTS and _has_value(getattr(current, name)) and not _has_value(getattr(new, name))]
