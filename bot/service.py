"""What the bot does for people, as plain Python: questions, cities, comparisons, subscriptions.

The Telegram handlers translate an update into one call here (in a worker thread, never on the
event loop) and the returned `Reply` into a message; nothing in this module knows about Telegram,
so all of it is testable without a network. It talks to the stores only through the `Facts` and
`Operations` interfaces.

Answers come from `self.engine`, built on a frozen view of the facts. When the facts change (a
publish here, an import by another process) `refresh()` builds a new engine beside the old one and
swaps it in, so answering never waits for a rebuild and an operational write (a subscription, a
button) never touches the index. Button payloads are stored under random tokens that survive
restarts and are never reused; a question is answered even when the disk is full (its buttons and
counts are then left out).
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import replace
from typing import Any

from bot import render
from bot.across import WHOLE
from bot.admin import Admin
from bot.answer import Engine
from bot.chart import comparison_chart
from bot.conversation import converse
from bot.query import Query
from bot.reply import Answer, Buttons, Reply
from bot.texts import t, topic_name
from bot.topics import CHART_TOPICS, NEXT_TOPICS
from bot.understand import resolve_city
from knowledge.facts import FrozenFacts
from knowledge.identity import simple
from knowledge.operations import ALL, Operations
from knowledge.storage import NotStored
from knowledge.store import Stores

log = logging.getLogger(__name__)
PLACEHOLDER = re.compile("\x00(\\d+)\x00")
PAGE = 10


class Tokens:
    """The button payloads of one reply, stored together in one write once the reply is built."""

    def __init__(self) -> None:
        self.payloads: list[Any] = []

    def __call__(self, payload: Any) -> str:
        self.payloads.append(payload)
        return f"\x00{len(self.payloads) - 1}\x00"  # a placeholder no callback data contains

    def resolve(self, rows: Buttons, operations: Operations) -> Buttons:
        if not self.payloads:
            return rows
        tokens = operations.remember_all(self.payloads)
        return [[(label, PLACEHOLDER.sub(lambda m: tokens[int(m.group(1))], data)) for label, data in row] for row in rows]


class Service:
    def __init__(self, stores: Stores, admins: set[int], max_upload_bytes: int = 1_000_000) -> None:
        self.facts = stores.facts
        self.operations = stores.operations
        self._refreshing = threading.Lock()
        self._token: object = None
        self.engine = Engine(FrozenFacts({}))
        self.refresh()
        self.admin = Admin(self, admins, max_upload_bytes)

    def refresh(self) -> bool:
        """Answer from what the facts store holds now; True if that changed. Builds beside the engine in use."""
        with self._refreshing:
            token = self.facts.change_token()
            if token == self._token:
                return False
            engine = Engine(FrozenFacts(self.facts.cities()))
            engine.catalog  # noqa: B018 - build the catalog and index now, not on the next question
            self.engine, self._token = engine, token
            return True

    # ---- memory for button payloads ------------------------------------------------------------

    def remember(self, payload: Any) -> str:
        return self.operations.remember(payload)

    def recall(self, token: str) -> Any:
        return self.operations.recall(token)

    def _count(self, text: str, understood: bool) -> None:
        try:
            self.operations.record_question(text, understood)
        except NotStored as e:  # a question never needs the disk
            log.warning("question not counted: %s", e)

    # ---- everyone -----------------------------------------------------------------------------

    def start(self, lang: str) -> Reply:
        help_answer = Answer(lang)
        self.engine.help(help_answer)
        greeting = "¡Hola! Soy CityBot." if lang == "es" else "Hi! I am CityBot."
        return Reply(f"<b>{greeting}</b>\n" + render.to_html(help_answer) + "\n\n/help")

    def help(self, lang: str = "en") -> Reply:
        return Reply(t("help_commands", lang))

    def ask(self, text: str, chat: str | None = None, lang: str | None = None) -> Reply:
        """A question in a chat's conversation (`chat`: its id; None: on its own); `lang`: the user's
        language, used when the question does not show one. The operations store keeps each chat's context."""
        _, answer = converse(self.engine, self.operations, chat, text[:1000], lang)
        self._count(text, answer.understood)
        return self.reply_for(answer)

    def inline(self, text: str) -> tuple[str, str, str]:
        """An answer offered in inline mode: (title, HTML message, plain description)."""
        answer = self.engine.ask(text[:256])
        self._count(text, answer.understood)
        title = answer.lines[0].text[:100] if answer.lines else text
        return title, render.split(render.to_html(answer))[0], answer.plain[:200]

    def reply_for(self, answer: Answer) -> Reply:
        tokens = Tokens()
        try:
            buttons = tokens.resolve(self._buttons(answer, tokens), self.operations)
        except NotStored as e:  # the answer matters; its buttons can wait for a disk with room
            log.warning("buttons left out: %s", e)
            buttons = []
        return Reply(render.to_html(answer), buttons)

    def _buttons(self, a: Answer, token: Tokens) -> Buttons:
        rows: Buttons = []
        if a.suggestions:
            rows.append([(self.engine.current[k].city, f"ask:{token((k, a.topic, a.lang))}")
                         for k in a.suggestions])
        if a.items and len(a.items) > WHOLE:
            rows.append([(t("btn_all", a.lang), f"list:{token(a.items)}:0")])
        if a.offers and len(a.cities) == 1:  # "I don't have that": what it can tell instead
            key = a.cities[0]
            rows.append([(topic_name(tp, a.lang).capitalize(), f"ask:{token((key, tp, a.lang))}")
                         for tp in a.offers[:3]])
            return rows
        if len(a.cities) == 1 and a.cities[0] in self.engine.current:
            key = a.cities[0]
            others = [tp for tp in NEXT_TOPICS if tp != a.topic][:3]
            rows.append([(topic_name(tp, a.lang).capitalize(), f"ask:{token((key, tp, a.lang))}")
                         for tp in others])
            row = [(t("btn_subscribe", a.lang), f"sub:{token([key, a.lang])}")]
            partner = self._partner(key)
            if partner:
                row.append((t("btn_compare", a.lang, city=self.engine.current[partner].city),
                            f"cmp:{token(([key, partner], a.topic, a.lang))}"))
            rows.append(row)
        if len(a.cities) >= 2:
            topic = a.topic if a.topic in CHART_TOPICS else "policy_areas"
            rows.append([("📊 Chart", f"chart:{token((a.cities, topic))}")])
        return rows

    def _partner(self, key: str) -> str | None:
        """Another city of the same country to compare with, else any other city."""
        country = self.engine.current[key].country
        same = [k for k in self.engine.index.countries.get(country, ()) if k != key]
        others = sorted(same) or [k for k in self.engine.index.keys if k != key]
        return others[0] if others else None

    def city_arg(self, name: str) -> str | Reply:
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
        found = self.city_arg(name)
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
        if kind in ("pub", "cancel") and not self.admin.is_admin(user_id):
            return replace(self.admin.refuse(), html="")  # a pop-up for the presser; the chat is not disturbed
        if kind == "pub":
            return self.admin.decide(user_id, token, extra)
        if kind == "cancel":
            return self.admin.cancel(user_id, token)
        payload = self.recall(token)
        if payload is None:
            return Reply(t("button_expired", "en"), toast="Expired")
        if kind == "ask":
            return self.topic_of(*payload)
        if kind == "card":
            return self.card_of(payload)
        if kind == "sub" and chat_id is not None:
            key, lang = payload
            try:
                return replace(self.subscribe_key(chat_id, key, lang), html="")  # the pop-up says it all
            except NotStored as e:
                return Reply(t(f"not_stored_{e.reason}", lang), toast="Not stored")
        if kind == "cmp":
            return self.compare_keys(*payload)
        if kind == "chart":
            return self.chart(*payload)
        if kind == "list":
            return self.page_of(payload, int(extra) if extra.isdigit() else 0)
        return Reply("Unknown button.", toast="Unknown button")

    # ---- subscriptions ---------------------------------------------------------------------------

    def subscribe(self, chat_id: int, name: str, lang: str = "en") -> Reply:
        """Follow a city (or all); notifications will be worded in `lang`, the chat's language."""
        try:
            return self._subscribe(chat_id, name, lang)
        except NotStored as e:
            return Reply(t(f"not_stored_{e.reason}", lang))

    def _subscribe(self, chat_id: int, name: str, lang: str) -> Reply:
        if name.strip().lower() in (ALL, "todas", "todo"):
            new = self.operations.subscribe(chat_id, ALL, lang)
            return Reply("You will hear about every city's changes." if new else "You already follow every city.")
        key = self.city_arg(name)
        if isinstance(key, Reply):
            return key
        return self.subscribe_key(chat_id, key, lang)

    def subscribe_key(self, chat_id: int, key: str, lang: str = "en") -> Reply:
        if key not in self.engine.current:
            return Reply("That city is no longer known; please ask again.")
        name = self.engine.current[key].city
        city = render.escape(name)
        if self.operations.subscribe(chat_id, key, lang):
            return Reply(f"Subscribed: you will be told when {city}'s data changes.", toast=f"Subscribed to {name}")
        return Reply(f"You already follow {city}.", toast=f"You already follow {name}")

    def unsubscribe(self, chat_id: int, name: str) -> Reply:
        try:
            return self._unsubscribe(chat_id, name)
        except NotStored as e:
            return Reply(t(f"not_stored_{e.reason}", "en"))

    def _unsubscribe(self, chat_id: int, name: str) -> Reply:
        if name.strip().lower() in (ALL, "todas", "todo"):
            for followed in self.operations.subscriptions(chat_id):
                self.operations.unsubscribe(chat_id, followed)
            return Reply("Unsubscribed from everything.")
        key = self.city_arg(name)
        if isinstance(key, Reply):
            return key
        city = render.escape(self.engine.current[key].city)
        if self.operations.unsubscribe(chat_id, key):
            return Reply(f"Unsubscribed from {city}.")
        return Reply(f"You were not following {city}.")

    def subscriptions(self, chat_id: int) -> Reply:
        keys = self.operations.subscriptions(chat_id)
        if not keys:
            return Reply("You follow no city. Try <code>/subscribe Saltillo</code> or <code>/subscribe all</code>.")
        names = ["every city" if k == ALL else self.engine.current[k].city if k in self.engine.current else k
                 for k in keys]
        return Reply("You follow: " + render.escape(", ".join(names)))
