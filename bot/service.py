"""What the bot does for people, as plain Python: questions, cities, subscriptions, admin uploads.

The Telegram handlers translate an update into one call here and the returned `Reply` into a
message; nothing in this module knows about Telegram, so all of it is testable without a network.
Button payloads longer than Telegram's 64 bytes are remembered here under short ids.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from bot import render
from bot.answer import Engine
from bot.chart import comparison_chart
from bot.reply import Answer
from bot.texts import topic_name
from bot.understand import Query, resolve_city
from knowledge.audience import ALL, Audience
from knowledge.diff import changes
from knowledge.errors import SnapshotError
from knowledge.identity import simple
from knowledge.parse import parse_bytes
from knowledge.store import Plan, Store
from knowledge.usage import Usage

Buttons = list[list[tuple[str, str]]]  # rows of (label, callback data)
PAGE = 10
NEXT_TOPICS = ("population", "officers", "policy_areas", "funding", "data", "leader")
CHART_TOPICS = ("data", "policy_areas", "roles", "terms", "success_factors", "helping_to", "funding_sources")


@dataclass
class Reply:
    html: str = ""
    buttons: Buttons = field(default_factory=list)
    photo: bytes | None = None
    caption: str = ""
    toast: str = ""  # a short pop-up when answering a button press
    edit: bool = False  # replace the message whose button was pressed
    published: bool = False  # data changed: notifications are queued


@dataclass
class Upload:
    """A validated upload waiting for the admin's Publish or Cancel."""

    uploader: int
    plan: Plan
    warnings: list[str]


class Service:
    def __init__(self, store: Store, usage: Usage, admins: set[int], max_upload_bytes: int = 1_000_000) -> None:
        self.store = store
        self.engine = Engine(store)
        self.audience = Audience(store)
        self.usage = usage
        self.admins = admins
        self.max_upload_bytes = max_upload_bytes
        self._memory: OrderedDict[str, Any] = OrderedDict()
        self._ids = itertools.count(1)
        self.uploads: dict[str, Upload] = {}
        self.awaiting_file: set[int] = set()

    # ---- memory for button payloads ------------------------------------------------------------

    def remember(self, payload: Any) -> str:
        token = format(next(self._ids), "x")
        self._memory[token] = payload
        while len(self._memory) > 20_000:
            self._memory.popitem(last=False)
        return token

    def recall(self, token: str) -> Any:
        return self._memory.get(token)

    # ---- everyone -----------------------------------------------------------------------------

    def start(self, lang: str) -> Reply:
        help_answer = Answer(lang)
        self.engine.help(help_answer)
        greeting = "¡Hola! Soy CityBot." if lang == "es" else "Hi! I am CityBot."
        return Reply(f"<b>{greeting}</b>\n" + render.to_html(help_answer) + "\n\n/help")

    def help(self) -> Reply:
        lines = [
            "<b>Ask anything</b> about a city's innovation snapshot, in English or Spanish.",
            "/cities [country] — the cities I know",
            "/city NAME — a card of key facts",
            "/compare A B [topic] — side by side, e.g. /compare Denver Seattle policy areas",
            "/subscribe NAME | all — be told when a city's data changes",
            "/unsubscribe NAME | all",
            "/subscriptions — what you follow",
        ]
        lines += [
            "<b>Admins</b>: send a .txt page or .json with the caption /upload; /history NAME; "
            "/rollback NAME; /stats"
        ]
        return Reply("\n".join(lines))

    def ask(self, text: str) -> Reply:
        answer = self.engine.ask(text[:1000])
        self.usage.record(text, answer.understood)
        return self.reply_for(answer)

    def inline(self, text: str) -> tuple[str, str, str]:
        """An answer offered in inline mode: (title, HTML message, plain description)."""
        answer = self.engine.ask(text[:256])
        self.usage.record(text, answer.understood)
        title = answer.lines[0].text[:100] if answer.lines else text
        return title, render.split(render.to_html(answer))[0], answer.plain[:200]

    def reply_for(self, answer: Answer) -> Reply:
        return Reply(render.to_html(answer), self._buttons(answer))

    def _buttons(self, a: Answer) -> Buttons:
        rows: Buttons = []
        if a.suggestions:
            rows.append([(self.engine.current[k].city, f"ask:{self.remember((k, a.topic))}") for k in a.suggestions])
        if a.items and len(a.items) > 8:
            rows.append([("Show all ▸", f"list:{self.remember(a.items)}:0")])
        if len(a.cities) == 1 and a.cities[0] in self.engine.current:
            key = a.cities[0]
            others = [t for t in NEXT_TOPICS if t != a.topic][:3]
            rows.append([(topic_name(t, a.lang).capitalize(), f"ask:{self.remember((key, t))}") for t in others])
            row = [("🔔 Subscribe", f"sub:{self.remember(key)}")]
            partner = self._partner(key)
            if partner:
                row.append((f"Compare with {self.engine.current[partner].city}",
                            f"cmp:{self.remember(([key, partner], a.topic))}"))
            rows.append(row)
        if len(a.cities) >= 2:
            topic = a.topic if a.topic in CHART_TOPICS else "policy_areas"
            rows.append([("📊 Chart", f"chart:{self.remember((a.cities, topic))}")])
        return rows

    def _partner(self, key: str) -> str | None:
        """Another city of the same country to compare with, else any other city."""
        country = self.engine.current[key].country
        same = [k for k in self.engine.index.countries.get(country, ()) if k != key]
        others = sorted(same) or [k for k in self.engine.index.keys if k != key]
        return others[0] if others else None

    def _city(self, name: str) -> str | Reply:
        """A city named as a command argument: its store key, or a reply offering the closest names."""
        if not name.strip():
            return Reply("Which city? e.g. <code>/city Saltillo</code>")
        key, close = resolve_city(name, self.engine.catalog)
        if key:
            return key
        buttons = [[(self.engine.current[k].city, f"card:{self.remember(k)}") for k in close]] if close else []
        msg = f"I don't have data on “{render.escape(name)}”." + (" Did you mean:" if close else "")
        return Reply(msg, buttons)

    def card(self, name: str) -> Reply:
        found = self._city(name)
        return found if isinstance(found, Reply) else self.card_of(found)

    def card_of(self, key: str) -> Reply:
        return self.topic_of(key, None)

    def cities(self, country: str = "", page: int = 0) -> Reply:
        index = self.engine.index
        keys = index.keys
        if country.strip():
            match = self.engine.catalog.countries.get(simple(country))
            if match is None:
                known = ", ".join(sorted(index.countries))
                return Reply(f"I know no cities in “{render.escape(country)}”. Countries I know: "
                             f"{render.escape(known)}.")
            keys = [k for k in keys if k in index.countries[match]]
            country = match
        pages = max(1, -(-len(keys) // PAGE))
        page = min(max(page, 0), pages - 1)
        chunk = keys[page * PAGE : (page + 1) * PAGE]
        head = f"<b>{len(keys)} cities" + (f" in {render.escape(country)}" if country else "") + "</b>"
        lines = [f"{render.escape(index.snapshots[k].city)} ({render.escape(index.snapshots[k].country)})"
                 for k in chunk]
        nav = []
        if page > 0:
            nav.append(("◀", f"cities:{page - 1}:{country}"[:64]))
        if page < pages - 1:
            nav.append(("▶", f"cities:{page + 1}:{country}"[:64]))
        footer = f"\nPage {page + 1} of {pages}" if pages > 1 else ""
        return Reply("\n".join([head, *lines]) + footer, [nav] if nav else [])

    def page_of(self, items: list[str], page: int) -> Reply:
        pages = max(1, -(-len(items) // PAGE))
        page = min(max(page, 0), pages - 1)
        token = self.remember(items)
        body = "\n".join(render.escape(i) for i in items[page * PAGE : (page + 1) * PAGE])
        nav = []
        if page > 0:
            nav.append(("◀", f"list:{token}:{page - 1}"))
        if page < pages - 1:
            nav.append(("▶", f"list:{token}:{page + 1}"))
        return Reply(f"{body}\nPage {page + 1} of {pages}", [nav] if nav else [], edit=True)

    def compare(self, args: str) -> Reply:
        return self.ask(f"compare {args}")

    def chart(self, keys: list[str], topic: str) -> Reply:
        snaps = [self.engine.current[k] for k in keys if k in self.engine.current]
        title = f"{topic_name(topic, 'en').capitalize()}: " + " vs ".join(s.city for s in snaps)
        png = comparison_chart(snaps, topic, title)
        if png is None:
            names = " and ".join(s.city for s in snaps)
            return Reply(f"Nothing to draw: the snapshots of {render.escape(names)} do not cover "
                         f"{render.escape(topic_name(topic, 'en'))}.")
        return Reply(photo=png, caption=render.escape(title))

    def topic_of(self, key: str, topic: str | None, lang: str = "en") -> Reply:
        if key not in self.engine.current:
            return Reply("That city is no longer known; please ask again.")
        return self.reply_for(self.engine.answer(Query(text="", lang=lang, cities=[key], topic=topic)))

    def compare_keys(self, keys: list[str], topic: str | None, lang: str = "en") -> Reply:
        keys = [k for k in keys if k in self.engine.current]
        return self.reply_for(self.engine.answer(Query(text="", lang=lang, cities=keys, topic=topic,
                                                       markers={"compare"})))

    def press(self, user_id: int | None, chat_id: int | None, data: str) -> Reply:
        """An inline button: `kind:token[:extra]`, with payloads recalled from memory."""
        kind, _, rest = data.partition(":")
        token, _, extra = rest.partition(":")
        if kind == "cities":
            reply = self.cities(extra, int(token) if token.isdigit() else 0)
            reply.edit = True
            return reply
        if kind == "pub":
            return self.decide(user_id, token, extra)
        if kind == "cancel":
            return self.cancel(user_id, token)
        payload = self.recall(token)
        if payload is None:
            return Reply("This button has expired; please ask again.", toast="Expired")
        if kind == "ask":
            return self.topic_of(*payload)
        if kind == "card":
            return self.card_of(payload)
        if kind == "sub" and chat_id is not None:
            return self.subscribe_key(chat_id, payload)
        if kind == "cmp":
            return self.compare_keys(*payload)
        if kind == "chart":
            return self.chart(*payload)
        if kind == "list":
            return self.page_of(payload, int(extra) if extra.isdigit() else 0)
        return Reply("Unknown button.", toast="Unknown button")

    # ---- subscriptions ---------------------------------------------------------------------------

    def subscribe(self, chat_id: int, name: str) -> Reply:
        if name.strip().lower() in (ALL, "todas", "todo"):
            new = self.audience.subscribe(chat_id, ALL)
            return Reply("You will hear about every city's changes." if new else "You already follow every city.")
        key = self._city(name)
        if isinstance(key, Reply):
            return key
        return self.subscribe_key(chat_id, key)

    def subscribe_key(self, chat_id: int, key: str) -> Reply:
        city = render.escape(self.engine.current[key].city)
        if self.audience.subscribe(chat_id, key):
            return Reply(f"Subscribed: you will be told when {city}'s data changes.", toast=f"Subscribed to {city}")
        return Reply(f"You already follow {city}.", toast="Already subscribed")

    def unsubscribe(self, chat_id: int, name: str) -> Reply:
        if name.strip().lower() in (ALL, "todas", "todo"):
            for followed in self.audience.of_chat(chat_id):
                self.audience.unsubscribe(chat_id, followed)
            return Reply("Unsubscribed from everything.")
        key = self._city(name)
        if isinstance(key, Reply):
            return key
        city = render.escape(self.engine.current[key].city)
        if self.audience.unsubscribe(chat_id, key):
            return Reply(f"Unsubscribed from {city}.")
        return Reply(f"You were not following {city}.")

    def subscriptions(self, chat_id: int) -> Reply:
        keys = self.audience.of_chat(chat_id)
        if not keys:
            return Reply("You follow no city. Try <code>/subscribe Saltillo</code> or <code>/subscribe all</code>.")
        names = ["every city" if k == ALL else self.engine.current[k].city if k in self.engine.current else k
                 for k in keys]
        return Reply("You follow: " + render.escape(", ".join(names)))

    # ---- admins ----------------------------------------------------------------------------------

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins

    def refuse(self) -> Reply:
        return Reply("Sorry, only CityBot's admins can change data.", toast="Only admins can do that")

    def upload(self, user_id: int | None, filename: str, size: int | None, fetch: bytes | None) -> Reply:
        """Validate a file and preview what publishing it would do; nothing is stored yet."""
        if user_id is None or not self.is_admin(user_id):
            return self.refuse()
        self.awaiting_file.discard(user_id)
        if size is not None and size > self.max_upload_bytes:
            return Reply(f"That file is {size:,} bytes; the limit is {self.max_upload_bytes:,}. "
                         "Send one city's snapshot (.txt page or .json) per file.")
        if not filename.lower().endswith((".txt", ".json")):
            return Reply(f"“{render.escape(filename)}” is neither a .txt page nor a .json snapshot. "
                         "Send the page text as .txt, or JSON as <code>python -m bot schema</code> describes.")
        try:
            parsed = parse_bytes(filename, fetch or b"", uploaded_by=str(user_id))
        except SnapshotError as e:
            return Reply("<b>Not stored.</b> " + render.escape(str(e)) + "\nFix the file and send it again.")
        plan = self.store.plan(parsed.snapshot)
        token = self.remember(None)
        self.uploads[token] = Upload(user_id, plan, [str(w) for w in parsed.warnings])
        return self._preview(token)

    def _preview(self, token: str) -> Reply:
        up = self.uploads[token]
        p = up.plan
        lines = [f"<b>Preview</b> — {render.escape(p.describe())}"]
        lines += [f"• {render.escape(str(c))}" for c in p.changes[:40] if p.kind in ("update", "older")]
        if len(p.changes) > 40:
            lines.append(f"…and {len(p.changes) - 40} more changes")
        lines += [f"⚠ {render.escape(w)}" for w in up.warnings]
        if p.kind == "same":
            self.uploads.pop(token)
            return Reply("\n".join(lines))
        if p.kind == "resembles":
            buttons = [[(f"Update {p.resembles[0]}", f"pub:{token}:update"), ("Add as new city", f"pub:{token}:new")],
                       [("Cancel", f"cancel:{token}")]]
        else:
            buttons = [[("✅ Publish", f"pub:{token}:as-is"), ("Cancel", f"cancel:{token}")]]
        return Reply("\n".join(lines), buttons)

    def decide(self, user_id: int | None, token: str, choice: str) -> Reply:
        """Publish (or re-plan for an ambiguous name) an upload the admin previewed."""
        if not self.is_admin(user_id):
            return self.refuse()
        up = self.uploads.get(token)
        if up is None:
            return Reply("This preview has expired or was already handled; upload the file again.", edit=True)
        plan = up.plan
        if choice in ("update", "new"):
            plan = self.store.plan(plan.snapshot, similar=choice)  # type: ignore[arg-type]
            up.plan = plan
            if choice == "update":
                preview = self._preview(token)
                preview.edit = True
                return preview
        stored = self.audience.publish([plan], {plan.key: self.change_message(plan)})
        self.uploads.pop(token, None)
        if not stored:
            return Reply("Nothing to publish: that version is already stored.", edit=True)
        subs = len(self.audience.subscribers(plan.key))
        return Reply(f"<b>Published</b> {render.escape(plan.describe())}. Notifying {subs} subscriber(s).",
                     edit=True, toast="Published", published=True)

    def cancel(self, user_id: int | None, token: str) -> Reply:
        if not self.is_admin(user_id):
            return self.refuse()
        self.uploads.pop(token, None)
        return Reply("Cancelled; nothing was stored.", edit=True, toast="Cancelled")

    def change_message(self, plan: Plan) -> str:
        city = render.escape(plan.snapshot.city)
        if plan.kind == "new":
            return f"<b>{city}</b> is new in CityBot. Ask me about it!"
        if plan.kind == "older":
            return f"<b>{city}</b>: an older page version was added to its history; current data unchanged."
        return _fit([f"<b>{city}</b> was updated:"] + [f"• {render.escape(str(c))}" for c in plan.changes])

    def _admin_city(self, user_id: int | None, name: str) -> str | Reply:
        """An admin command's city, or the reply refusing a non-admin or offering closest names."""
        if not self.is_admin(user_id):
            return self.refuse()
        return self._city(name)

    def rollback(self, user_id: int | None, name: str) -> Reply:
        key = self._admin_city(user_id, name)
        if isinstance(key, Reply):
            return key
        try:
            with self.store.storage.transaction():
                undone, now = self.store.rollback(key)
                diff = changes(undone, now)
                text = _fit([f"<b>{render.escape(now.city)}</b> was rolled back to its previous version:"]
                            + [f"• {render.escape(str(c))}" for c in diff])
                self.audience.enqueue({key: text})
        except ValueError as e:
            return Reply(render.escape(f"{self.engine.current[key].city}: {e}."))
        return Reply(text, published=True)

    def history(self, user_id: int | None, name: str) -> Reply:
        key = self._admin_city(user_id, name)
        if isinstance(key, Reply):
            return key
        city = self.store.cities()[key]
        head = f"<b>{render.escape(city.current.city)}</b>: {len(city.versions)} version(s)"
        return Reply("\n".join([head] + [render.escape(line) for line in render.history_lines(city)]))

    def stats(self, user_id: int | None) -> Reply:
        if not self.is_admin(user_id):
            return self.refuse()
        top = self.usage.top_unanswered()
        lines = [f"<b>Cities</b>: {len(self.engine.current)}",
                 f"<b>Subscribers</b>: {self.audience.chats()}",
                 f"<b>Questions asked</b>: {self.usage.asked}",
                 "<b>Most frequent unanswered</b>:" if top else "No unanswered questions yet."]
        lines += [f"{n}× {render.escape(q)}" for q, n in top]
        return Reply("\n".join(lines))


def _fit(lines: list[str], limit: int = 3900) -> str:
    """As many lines as fit in one Telegram message, then a count of the rest (lines are whole HTML)."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if sum(len(x) + 1 for x in out) + len(line) > limit:
            out.append(f"…and {len(lines) - i} more changes")
            break
        out.append(line)
    return "\n".join(out)
