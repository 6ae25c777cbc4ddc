"""Snapshot page text -> Snapshot.

A page is a sequence of sections, each opened by a heading that the survey writes the same way on
every page ("Critical success factors:", "<City> utilizes N different innovation skills or roles").
The parser finds those headings first, then reads each section with the knowledge of what belongs
there, so that chart captions, tooltips, survey-wide chart counts and repeated labels are recognised
as the page furniture they are instead of being special-cased.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import ValidationError

from knowledge import vocabulary as vocab
from knowledge.errors import Problem, SnapshotError, Where, from_validation
from knowledge.models import Snapshot

LEADER_TITLES = ("Mayor", "City Manager", "Mayor-President", "Governor", "Intendente", "Prefeito")

# Heading name -> pattern on a folded line (see vocabulary.fold).
HEADINGS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "population": r"population",
        "website": r"innovation website.*",
        "officers": r"lead innovation officers?",
        "helping_to": r"innovation is helping to:?",
        "success_factors": r"critical success factors:?",
        "spotlight": r"spotlight on innovation in .+",
        "note": r"note: the city innovation snapshot \(pdf version\) was produced in (\d{4}).*",
        "vision": r"vision and approach to innovation capacity",
        "policy_areas": r"policy areas that .+ (?:is|are) focused on",
        "roles": r"(?:.+ utili[sz]es (\d+) (?:different )?innovation skills? or roles?|innovation skills or roles)",
        "terms": r"terms .+ most associates? with innovation",
        "activities": r".+'s? most common innovation activities",
        "funding": r"how is innovation funded here\??",
        "funding_sources": r"top sources of funding",
        "funded_activities": r"activities being funded",
        "measured": r"how is innovation measured\??",
        "data": r"data availability by policy area",
        "sufficient": r"sufficient data",
        "insufficient": r"insufficient data",
        "no_response": r"no response",
    }.items()
}

# Lines that are chart furniture, not content, wherever they appear.
CAPTION = re.compile(r".+ by number of cities")
CHART_COUNT = re.compile(r"\d+ cities?")
TOOLTIP = re.compile(r"this could include\b.*")
RANK = re.compile(r"(\d+)\.\s*\d+")
BULLET = re.compile(r"^\s*[•·\-\*]\s*")


@dataclass
class Line:
    number: int
    text: str

    @property
    def folded(self) -> str:
        return vocab.fold(self.text)


@dataclass
class Section:
    name: str
    heading: Line
    match: re.Match[str]
    lines: list[Line] = field(default_factory=list)

    def items(self) -> list[str]:
        """The section's list items, without chart furniture and repeats."""
        out: list[str] = []
        for line in self.lines:
            f = line.folded
            if CAPTION.fullmatch(f) or CHART_COUNT.fullmatch(f) or TOOLTIP.match(f):
                continue
            item = BULLET.sub("", line.text).strip()
            if item and item not in out:
                out.append(item)
        return out

    def prose(self) -> str:
        return " ".join(line.text.strip() for line in self.lines).strip()


def _lines(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return [Line(i, t.rstrip()) for i, t in enumerate(text.split("\n"), start=1) if t.strip()]


def _strip_glued_page_number(lines: list[Line]) -> None:
    """The page's footer digits run into its last word ("Digital governance4397")."""
    if lines:
        last = lines[-1]
        last.text = re.sub(r"(?<=[^\d\s,.])\d+$", "", last.text)


def _split(lines: list[Line]) -> tuple[list[Line], list[Section]]:
    head: list[Line] = []
    sections: list[Section] = []
    for line in lines:
        for name, pattern in HEADINGS.items():
            m = pattern.fullmatch(line.folded)
            if m:
                sections.append(Section(name, line, m))
                break
        else:
            (sections[-1].lines if sections else head).append(line)
    return head, sections


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s.strip()]


def _generalise(sentence: str, city: str) -> str:
    """'Like 81% of cities surveyed, Saltillo has …' -> '81% of cities surveyed have …'."""
    m = re.match(r"(?:along with|like|similar to)\s+(.+?of cities surveyed),\s*(.+)", sentence, re.I)
    if not m:
        return sentence
    share, claim = m.groups()
    claim = re.sub(rf"^{re.escape(city)}\s+", "", claim, flags=re.I)
    verb = {"has": "have", "does": "do", "approaches": "approach", "is": "are"}
    first, _, rest = claim.partition(" ")
    return f"{share} {verb.get(first, first)} {rest}".strip()


BENCHMARK = re.compile(r"(?:along with|like|similar to)\s+(.+?)\s+of cities surveyed", re.I)


def benchmark_from_sentence(topic: str, sentence: str, city: str) -> dict[str, str] | None:
    """A survey-wide figure quoted in a sentence, kept with the sentence it belongs to."""
    m = BENCHMARK.search(sentence)
    if not m:
        return None
    return {"topic": topic, "share": m.group(1), "sentence": _generalise(sentence, city)}


class PageParser:
    """Reads one page; each `_read_<section>` fills the fields that section states."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.lines = _lines(text)
        _strip_glued_page_number(self.lines)
        self.data: dict[str, object] = {}
        self.benchmarks: list[dict[str, str]] = []
        self.city = ""

    def parse(self) -> Snapshot:
        if not self.lines:
            raise SnapshotError(self.source, [Problem("empty_file")])
        head, sections = _split(self.lines)
        found = {s.name for s in sections}
        if len(found) < 2:
            raise SnapshotError(self.source, [Problem("not_a_snapshot_page")])
        self._read_head(head, sections)
        if "population" in found:  # the header is all there: no website line means none is listed
            self.data["innovation_website_listed"] = "website" in found
        for section in sections:
            reader: Callable[[Section], None] | None = getattr(self, f"_read_{section.name}", None)
            if reader:
                reader(section)
        self.data["complete"] = "data" in found
        self.data["benchmarks"] = self.benchmarks
        try:
            return Snapshot.model_validate(self.data)
        except ValidationError as e:
            raise from_validation(self.source, e) from None

    def _read_head(self, head: list[Line], sections: list[Section]) -> None:
        """City, country, leader title and leader sit above 'Population' with no labels of their own."""
        titles = [i for i, line in enumerate(head) if line.text.strip() in LEADER_TITLES]
        if titles:
            t = titles[0]
            before = head[:t]
            self.data["leader_title"] = head[t].text.strip()
            if t + 1 < len(head):
                self.data["leader"] = head[t + 1].text.strip()
        else:
            before = head[:2]
            if len(head) >= 3:  # the title line is gone but the leader's name is there
                self.data["leader"] = head[2].text.strip()
        if len(before) < 2:
            named = _city_in_headings(sections)
            line = before[0].number if before else sections[0].heading.number
            raise SnapshotError(self.source, [Problem("city_country_missing", Where(line=line), named=named)])
        self.city = before[-2].text.strip()
        self.data["city"] = self.city
        self.data["country"] = before[-1].text.strip()

    def _read_population(self, s: Section) -> None:
        if s.lines:
            self.data["population"] = s.lines[0].text.strip()

    def _read_website(self, s: Section) -> None:
        self.data["innovation_website_listed"] = True

    def _read_officers(self, s: Section) -> None:
        if s.lines:
            self.data["lead_innovation_officers"] = [n.strip() for n in s.lines[0].text.split(",")]

    def _read_helping_to(self, s: Section) -> None:
        self.data["helping_to"] = s.items()

    def _read_success_factors(self, s: Section) -> None:
        self.data["success_factors"] = s.items()

    def _read_spotlight(self, s: Section) -> None:
        self.data["spotlight"] = s.prose() or None

    def _read_note(self, s: Section) -> None:
        self.data["pdf_produced_in"] = int(s.match.group(1))

    def _read_vision(self, s: Section) -> None:
        for sentence in _sentences(s.prose()):
            low = sentence.lower()
            if "innovation strategy" in low:
                self.data["explicit_strategy"] = "does not have" not in low and "doesn't have" not in low
                self._add_benchmark("strategy", sentence)
            elif "approaches innovation capacity" in low:
                approach = re.search(r"approaches innovation capacity\s+(.+?)\.?$", sentence, re.I)
                if approach:
                    self.data["approach"] = vocab.match(approach.group(1), vocab.APPROACHES).label
                self._add_benchmark("approach", sentence)

    def _add_benchmark(self, topic: str, sentence: str) -> None:
        benchmark = benchmark_from_sentence(topic, sentence, self.city)
        if benchmark:
            self.benchmarks.append(benchmark)

    def _read_policy_areas(self, s: Section) -> None:
        prose = s.prose().lower()
        if "does not prioriti" in prose:
            self.data["prioritises_policy_areas"] = False
            self.data["policy_areas"] = []
            return
        areas: list[str] = []
        notes: list[str] = []
        for item in s.items():
            (notes if len(item) > 60 or item.endswith(".") else areas).append(item)
        self.data["policy_areas"] = areas
        self.data["prioritises_policy_areas"] = bool(areas)
        if notes:
            self.data["policy_area_notes"] = notes

    def _read_roles(self, s: Section) -> None:
        if s.match.group(1):
            self.data["roles_count"] = int(s.match.group(1))
        roles, prose = [], []
        in_list = True
        for line in s.lines:
            if CAPTION.fullmatch(line.folded):
                in_list = False
            elif in_list and len(line.text) <= 60 and not line.text.rstrip().endswith("."):
                roles.append(line.text.strip())
            else:
                in_list = False
                prose.append(line.text.strip())
        self.data["roles"] = roles
        if prose:
            self._read_team(" ".join(prose))

    def _read_team(self, text: str) -> None:
        led = re.search(r"led by (?:the |a |an )?(.+?)(?: and (\d+) staff members?|[.,;])", text)
        teams = re.findall(r"team called (\S+?)\s+(?:dedicated to|for|that|which)\s+(.+?)\.", text)
        self.data["team"] = {
            "description": text,
            "led_by": led.group(1) if led else None,
            "staff": int(led.group(2)) if led and led.group(2) else None,
            "other_teams": [{"name": name, "purpose": purpose} for name, purpose in teams],
        }

    def _read_terms(self, s: Section) -> None:
        self.data["terms"] = s.items()

    def _read_activities(self, s: Section) -> None:
        common: list[dict[str, object]] = []
        ranking: list[str] = []
        also: list[str] = []
        lines = iter(s.lines)
        for line in lines:
            text = line.text.strip()
            if RANK.fullmatch(text):
                nxt = next(lines, None)
                if nxt:
                    ranking.append(nxt.text.strip())
            elif text.lower().startswith("e.g.") and common:
                examples = text[4:].split(";")
                common[-1]["examples"] = [e.strip() for e in examples if e.strip()]
            elif text.endswith(".") or ranking:
                also.append(text)
            else:
                common.append({"name": text, "examples": []})
        self.data["common_activities"] = common
        self.data["activity_ranking"] = ranking
        if also:
            self.data["other_activities"] = " ".join(also)

    def _read_funding(self, s: Section) -> None:
        for sentence in _sentences(s.prose()):
            if "dedicated funding" in sentence.lower():
                low = sentence.lower()
                self.data["dedicated_funding"] = "does not have" not in low and "doesn't have" not in low
                self._add_benchmark("funding", sentence)

    def _read_funding_sources(self, s: Section) -> None:
        self.data["funding_sources"] = [i for i in s.items() if not i.endswith(".")]

    def _read_funded_activities(self, s: Section) -> None:
        items = s.items()
        self.data["funded_activities"] = [i for i in items if not i.endswith(".")]
        also = [i for i in items if i.endswith(".")]
        if also:
            self.data["other_investments"] = " ".join(also)

    def _read_measured(self, s: Section) -> None:
        m = re.search(r"partnerships? .*?with (.+?)\.?$", s.prose())
        if m:
            parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(1))
            self.data["partners"] = [p.strip() for p in parts if p.strip()]

    def _availability(self, level: str, s: Section) -> None:
        block = self.data.setdefault("data_availability", {})
        block[level] = s.items()  # type: ignore[index]

    def _read_sufficient(self, s: Section) -> None:
        self._availability("sufficient", s)

    def _read_insufficient(self, s: Section) -> None:
        self._availability("insufficient", s)

    def _read_no_response(self, s: Section) -> None:
        self._availability("no_response", s)


def _city_in_headings(sections: list[Section]) -> str | None:
    """Headings repeat the city's name ("Spotlight on innovation in Saltillo"): a hint when it is missing."""
    for section in sections:
        m = re.match(r"(?:spotlight on innovation in|policy areas that)\s+(.+?)(?:\s+is focused on)?$",
                     section.heading.text.strip(), re.I)
        if m:
            return m.group(1)
    return None


# A complete snapshot page (Saltillo's) has under 200 lines; ten times that is no page, and reading
# 100,000 lines of list items would take the parser a minute before the model refused them.
MAX_LINES = 2_000


def parse_page(source: str, text: str) -> Snapshot:
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise SnapshotError(source, [Problem("too_many_lines", lines=lines, limit=MAX_LINES)])
    return PageParser(source, text).parse()
