"""Any source file -> Snapshot: page text, JSON in the model's schema, or a real city record.

This is the one door into the knowledge base; the CLI import, the bundled data and the Telegram
upload all come through it, so they accept and refuse exactly the same things.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import charset_normalizer
from pydantic import ValidationError

from knowledge import vocabulary as vocab
from knowledge.errors import Problem, SnapshotError, Where, from_pydantic, from_validation
from knowledge.models import VOCABULARY_FIELDS, Snapshot, Source
from knowledge.page import benchmark_from_sentence, parse_page

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
# The default of CITYBOT_MAX_UPLOAD_BYTES; the configured value is passed in wherever files arrive.
DEFAULT_MAX_BYTES = 1_000_000

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
        raise SnapshotError(source, [Problem("not_record_key", Where(path=k), field=k) for k in unknown])
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


BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Control characters no text file holds (tab, line feed, form feed and carriage return are fine).
BINARY = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _binary(source: str) -> SnapshotError:
    return SnapshotError(source, [Problem("binary_file")])


def decode(source: str, raw: bytes) -> str:
    """Text in whatever encoding the admin's editor saved: UTF-8, UTF-16 with a BOM, Windows-1252, Latin-1…"""
    if not raw.strip():
        raise SnapshotError(source, [Problem("empty_file")])
    codec = next((c for bom, c in BOMS if raw.startswith(bom)), None)
    text: str | None = None
    if codec:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            text = None
    elif b"\x00" not in raw:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None:  # not UTF-8: charset-normalizer tells Windows-1252 from Cyrillic, UTF-16 without BOM…
        text = _guess(raw)
    if text is None or BINARY.search(text):
        raise _binary(source)
    return text


def _guess(raw: bytes) -> str | None:
    """The likeliest decoding; among equally clean ones, Windows-1252 (a superset of printable Latin-1).

    A short file gives the detector little to go on ("Bogotá" reads as cleanly in DOS code page 775
    as in Windows-1252), and the admins who send non-UTF-8 files send what Windows editors save.
    """
    matches = list(charset_normalizer.from_bytes(raw))
    if not matches:
        return None
    clean = [m for m in matches if m.chaos <= matches[0].chaos]
    western = next((m for m in clean if "cp1252" in m.could_be_from_charset), None)
    if western is not None:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return str(western)
    return str(matches[0])


def read_source(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, refusing before reading what is not a regular file or is over the limit.

    `/dev/zero`, a FIFO or a 20 GB file are refused from their metadata: nothing is read, nothing
    blocks. Opening non-blocking keeps a FIFO from hanging; checking the open file itself means a
    file swapped after the check is still the one checked.
    """
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise SnapshotError(source, [Problem("cannot_read", reason=e.strerror)]) from None
    st = os.fstat(fd)  # before fdopen, which refuses a folder with a raw IsADirectoryError
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise SnapshotError(source, [Problem("a_folder" if stat.S_ISDIR(st.st_mode) else "not_a_file")])
    with os.fdopen(fd, "rb") as f:
        if st.st_size > max_bytes:
            raise too_big(source, st.st_size, max_bytes)
        try:
            raw = f.read(max_bytes + 1)  # a file growing while read is still cut at the limit
        except OSError as e:  # a failing disk, a network share gone, /proc/self/mem: as one that cannot be opened
            raise SnapshotError(source, [Problem("cannot_read", reason=e.strerror)]) from None
    if len(raw) > max_bytes:
        raise too_big(source, len(raw), max_bytes)
    return raw


def too_big(source: str, size: int, max_bytes: int) -> SnapshotError:
    return SnapshotError(source, [Problem("file_too_big", size=size, limit=max_bytes)])


def _parse_json(source: str, text: str) -> Snapshot:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise SnapshotError(source, [Problem("invalid_json", Where(line=e.lineno, column=e.colno))]) from None
    except RecursionError:
        raise SnapshotError(source, [Problem("json_too_deep")]) from None
    if not isinstance(data, dict):
        raise SnapshotError(source, [Problem("json_list" if isinstance(data, list) else "json_not_object")])
    if _is_record(data):
        return _from_record(source, data)
    if "complete" not in data:  # as for page text: complete when it reaches the page's last section, data availability
        data = {**data, "complete": data.get("data_availability") is not None}
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
                out.append(Problem("not_survey_label", Where(path=field), item=item, suggestion=m.suggestion))
    return out


def _source(source: str, snapshot: Snapshot, uploaded_by: str | None) -> Snapshot:
    """The snapshot with where it came from, validated like everything else that gets stored."""
    fields = {**snapshot.source.model_dump(), "file": Path(source).name, "uploaded_by": uploaded_by}
    try:
        src = Source.model_validate(fields)
    except ValidationError as e:
        raise SnapshotError(source, [from_pydantic(err, Source, Where(path=f"source.{err['loc'][0]}"))
                                     for err in e.errors()]) from None
    return snapshot.model_copy(update={"source": src})


def parse_bytes(source: str, raw: bytes, uploaded_by: str | None = None, max_bytes: int | None = None) -> Parsed:
    """Validate one file completely; raise SnapshotError with its problems located.

    `max_bytes` is the one configured limit (CITYBOT_MAX_UPLOAD_BYTES); callers that read files
    check it before reading (`read_source`), so this is the last line for bytes that arrive whole.
    """
    if max_bytes is not None and len(raw) > max_bytes:
        raise too_big(source, len(raw), max_bytes)
    text = decode(source, raw)
    stripped = text.lstrip()
    snapshot = _parse_json(source, text) if stripped.startswith(("{", "[")) else parse_page(source, text)
    snapshot = _source(source, snapshot, uploaded_by)
    return Parsed(snapshot, warnings_for(snapshot))


def parse_path(path: Path, uploaded_by: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Parsed:
    return parse_bytes(str(path), read_source(path, max_bytes), uploaded_by)
