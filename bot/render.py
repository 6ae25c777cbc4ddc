"""Answer -> text for a terminal, or Telegram HTML. All escaping lives here."""

from __future__ import annotations

import html

from bot.reply import Answer
from knowledge.diff import changes
from knowledge.models import Snapshot
from knowledge.store import City

LIMIT = 4096  # Telegram's limit on one message, in characters


def plain(answer: Answer) -> str:
    return answer.plain or "…"


def to_html(answer: Answer) -> str:
    out = []
    for line in answer.lines:
        text = html.escape(line.text, quote=False)
        out.append({"title": f"<b>{text}</b>", "bullet": f"• {text}", "note": f"<i>{text}</i>"}.get(line.kind, text))
    return "\n".join(out) or "…"


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def split(text: str, limit: int = LIMIT) -> list[str]:
    """Cut a long message into parts Telegram accepts: at line breaks, else at a space; never empty.

    Lines are whole HTML (render.py never lets a tag span lines), so a cut between lines keeps tags
    balanced; a single line longer than the limit is plain prose and is cut between words.
    """
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            room = limit - len(current) - 1 if current else limit
            if room < limit // 4:
                parts.append(current)
                current, room = "", limit
            cut = line.rfind(" ", 0, room)
            cut = cut if cut > room // 2 else room
            amp = line.rfind("&", max(0, cut - 8), cut)
            if amp != -1 and ";" not in line[amp:cut]:
                cut = amp  # never split an entity such as &amp;
            head, line = line[:cut], line[cut:].lstrip(" ")
            parts.append(f"{current}\n{head}" if current else head)
            current = ""
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    parts.append(current)
    return [p for p in parts if p.strip()] or ["…"]


def history_lines(city: City) -> list[str]:
    """A city's versions, oldest first, each with what changed from the one before (plain text)."""
    lines = []
    previous: Snapshot | None = None
    for v in city.versions:
        src = v.snapshot.source
        origin = ", ".join(x for x in (src.file, f"by {src.uploaded_by}" if src.uploaded_by else None) if x)
        mark = "  ◀ current" if v is city.current_version else ""
        lines.append(f"v{v.number}  {v.stored_at}  {v.status}  {v.snapshot.city}"
                     f"  page year {v.snapshot.page_year or 'unknown'}  ({origin or 'unknown source'}){mark}")
        lines += [f"    {c}" for c in (changes(previous, v.snapshot) if previous else [])]
        previous = v.snapshot
    return lines
