"""Answer -> text for a terminal, or Telegram HTML. All escaping lives here."""

from __future__ import annotations

import html
import re

from bot.reply import Answer, Buttons
from bot.texts import LEVELS, population, problems, t
from knowledge import labels
from knowledge.diff import Change, changes
from knowledge.errors import SnapshotError
from knowledge.facts import Plan
from knowledge.models import FIELD_TITLES, Population, Snapshot, parse_population
from knowledge.operations import Event, event_changes
from knowledge.store import City

LIMIT = 4096  # Telegram's limit on one message, in characters
CAPTION_LIMIT = 1024  # Telegram's limit on a photo's caption
NOTICE_LIMIT = 3900  # one notification stays one message, with room to spare


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


def code(text: str) -> str:
    """A command to copy, in monospace: Telegram copies <code> on a tap, and the text is escaped like any other."""
    return f"<code>{escape(text)}</code>"


def bold(text: str) -> str:
    """Plain text in bold, escaped once: a reply's head, a label."""
    return f"<b>{escape(text)}</b>"


def labelled(label: str, value: str) -> str:
    """A bold label, a colon, a value; both plain text, escaped once: a stats row, a history's head."""
    return f"{bold(label)}: {escape(value)}"


# One token of Telegram HTML: a tag, an entity, or one character. Cuts fall between tokens only.
_TOKEN = re.compile(r"<[^<>]*>|&#?\w+;|.", re.S)
_TAG_NAME = re.compile(r"</?([a-zA-Z][\w-]*)")


def _units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji or a rare CJK character counts two)."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def split(text: str, limit: int = LIMIT) -> list[str]:
    """Cut a long message into parts Telegram accepts: at line breaks, else at a space; never empty.

    A cut never falls inside a tag or an entity, and tags open at a cut are closed at the end of
    the part and opened again at the start of the next, so every part parses on its own. Lengths are
    counted as Telegram counts them (UTF-16), on the HTML itself, which is never shorter than what
    the reader sees.
    """
    tokens = _TOKEN.findall(text)
    parts: list[str] = []
    i, opened = 0, list[tuple[str, str]]()  # (name, opening tag) of the tags open where the current part starts
    while i < len(tokens):
        stack = list(opened)
        prefix = "".join(tag for _, tag in stack)
        size = _units(prefix)
        at_line = at_space = None  # (token index, open tags) of the last place worth cutting at
        j = i
        while j < len(tokens):
            tok = tokens[j]
            m = _TAG_NAME.match(tok) if tok.startswith("<") and not tok.startswith("</") else None
            closing = sum(len(name) + 3 for name, _ in stack) + (len(m.group(1)) + 3 if m else 0)
            if size + _units(tok) + closing > limit and j > i:
                break
            size += _units(tok)
            if tok.startswith("</"):
                if stack:
                    stack.pop()
            elif m:
                stack.append((m.group(1), tok))
            elif tok == "\n":
                at_line = (j, list(stack))
            elif tok == " ":
                at_space = (j, list(stack))
            j += 1
        if j < len(tokens) and tokens[j] in ("\n", " "):  # the first token that does not fit is itself a break
            at_line, at_space = ((j, list(stack)), at_space) if tokens[j] == "\n" else (at_line, (j, list(stack)))
        if j >= len(tokens):
            cut, after = len(tokens), stack
        elif at_line is not None and at_line[0] - i >= (j - i) // 2:
            cut, after = at_line
        elif at_space is not None and at_space[0] - i >= (j - i) // 2:
            cut, after = at_space
        else:
            cut, after = j, stack
        body = "".join(tokens[i:cut])
        parts.append(prefix + body + "".join(f"</{name}>" for name, _ in reversed(after)))
        i = cut + 1 if cut < len(tokens) and tokens[cut] in ("\n", " ") else cut
        opened = after
    return [p for p in parts if _TAG.sub("", p).strip()] or ["…"]


_TAG = re.compile(r"<[^<>]*>")


def shorten(text: str, limit: int) -> str:
    """The first `limit` characters' worth of HTML, cut with "…" (a photo caption holds 1,024)."""
    parts = split(text, limit - 1)
    return parts[0] + "…" if len(parts) > 1 else parts[0]


def upload_error(error: SnapshotError, lang: str) -> str:
    """A refused upload for an admin on Telegram: what is wrong where, the first problems and how many more."""
    head, *rest = problems(error, lang)
    return "\n".join([bold(head)] + [escape(line) for line in rest] + [escape(t("fix_and_resend", lang))])


def change_line(change: Change, lang: str = "en") -> str:
    """One change as plain text in the reader's language: survey labels translated, city wording as written."""
    title = labels.field_title(change.field, change.title, lang)
    if change.reordered:
        return t("reordered", lang, title=title)
    if lang == "en":
        return str(change)
    if change.added or change.removed:
        parts = [f"+ {labels.label(a, lang)}" for a in change.added] + [f"− {labels.label(r, lang)}" for r in change.removed]
        return f"{title}: {', '.join(parts)}"

    def words(text: str) -> str:
        if change.field == "population" and text != "not stated":  # 716.492 hab. en 2018, as the card says it
            stated = parse_population(text)
            return population(Population.model_construct(text=text, number=stated["number"], year=stated["year"]), lang)
        return "; ".join(part_words(part) for part in text.split("; "))

    def part_words(part: str) -> str:
        level, sep, item = part.partition(": ")  # data availability: "sufficient: Water; Housing; insufficient: …"
        if sep and change.field == "data_availability" and level.replace(" ", "_") in LEVELS:
            return f"{LEVELS[level.replace(' ', '_')][lang]}: {labels.value(item, lang, change.field)}"
        return labels.value(part, lang, change.field)

    return str(Change(change.field, title, words(change.before), words(change.after)))


def describe(plan: Plan, lang: str = "en") -> str:
    """What publishing an upload would do, in one line."""
    return t(f"plan_{plan.kind}", lang, city=plan.snapshot.city, count=len(plan.changes),
             names=", ".join(plan.resembles))


def preview_head(plan: Plan, lang: str = "en") -> str:
    """An upload preview's first line: what publishing it would do."""
    return f"{bold(t('preview', lang))} — {escape(describe(plan, lang))}"


PREVIEW_CHANGES = 40  # change lines an upload preview shows; the rest are counted


def preview(plan: Plan, lang: str, mode: str, gone: list[str], warnings: list[str]) -> str:
    """An upload preview: what publishing would do, whether the file patches the page or replaces it, the
    fields it would remove (in bold: a whole-page upload can wipe a city by accident), each change, and what
    the file's reading warned of (`warnings`, already worded)."""
    lines = [preview_head(plan, lang)]
    if plan.kind == "update":
        lines.append(escape(t(f"mode_{mode}", lang)))
        if gone:
            names = ", ".join(labels.field_title(f, FIELD_TITLES.get(f, f), lang) for f in gone)
            lines.append(bold("⚠ " + t("removes_fields", lang, count=len(gone), names=names)))
    if plan.kind in ("update", "older"):
        lines += [f"• {escape(change_line(c, lang))}" for c in plan.changes[:PREVIEW_CHANGES]]
        if len(plan.changes) > PREVIEW_CHANGES:
            lines.append(escape(t("more_changes", lang, count=len(plan.changes) - PREVIEW_CHANGES)))
    lines += [f"⚠ {escape(w)}" for w in warnings]
    return "\n".join(lines)


def published(plan: Plan, subscribers: int, lang: str = "en") -> str:
    """What an admin is told once an upload is published: what was stored and how many chats hear of it."""
    return f"{bold(t('published_head', lang))} " + escape(t("published", lang, what=describe(plan, lang), count=subscribers))


def history_lines(city: City, lang: str = "en") -> list[str]:
    """A city's versions, oldest first, each with what changed from the one before (plain text)."""
    lines = []
    previous: Snapshot | None = None
    for v in city.versions:
        src = v.snapshot.source
        by = t("history_by", lang, user=src.uploaded_by) if src.uploaded_by else None
        origin = ", ".join(x for x in (src.file, by) if x)
        mark = t("history_current", lang) if v is city.current_version else ""
        lines.append(t("history_version", lang, number=v.number, stored=v.stored_at, status=t(f"status_{v.status}", lang),
                       city=v.snapshot.city, year=v.snapshot.page_year or t("history_unknown", lang),
                       origin=origin or t("history_no_source", lang), mark=mark))
        lines += [f"    {change_line(c, lang)}" for c in (changes(previous, v.snapshot) if previous else [])]
        previous = v.snapshot
    return lines


def notification(event: Event, lang: str) -> str:
    """What a subscriber is told about a stored event, in the chat's language: a head, then as many
    changes as fit in one message and a count of the rest."""
    kind = event["kind"]
    if kind == "legacy":  # queued before notifications were data: already rendered, in English
        return str(event["html"])
    city = escape(event["city"])
    lines = [t(f"notify_{kind}", lang, city=city)]
    if kind in ("new", "older"):
        return lines[0]
    found = event_changes(event)
    for i, change in enumerate(found):
        line = f"• {escape(change_line(change, lang))}"
        if sum(len(x) + 1 for x in lines) + len(line) > NOTICE_LIMIT:
            lines.append(t("notify_more", lang, count=len(found) - i))
            break
        lines.append(line)
    return "\n".join(lines)


def notification_buttons(event: Event, lang: str) -> Buttons:
    """A notification's buttons: open the city's card, stop following it. Both carry the city's key, not a
    stored token, so they work however long the message sits in the chat."""
    key, city = str(event.get("key", "")), str(event.get("city", ""))
    if event["kind"] == "legacy" or not key:
        return []
    row = [(t("btn_open_city", lang, city=city), f"city:{key}"), (t("btn_unsubscribe", lang), f"unsub:{key}")]
    return [[(label, data) for label, data in row if len(data.encode()) <= 64]]
