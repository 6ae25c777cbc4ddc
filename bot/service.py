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

import hashlib
import logging
import re
import threading
from dataclasses import replace
from typing import Any

from pydantic import TypeAdapter, ValidationError

from bot import chart, links, render
from bot.across import WHOLE
from bot.admin import Admin
from bot.answer import Engine
from bot.chart import comparison_chart
from bot.conversation import converse
from bot.query import Query
from bot.reply import Answer, Buttons, InlineResult, Reply
from bot.texts import heading, join, join_and, t, topic_name
from bot.topics import CHART_TOPICS, NEXT_TOPICS
from bot.understand import resolve_city
from knowledge import labels
from knowledge.facts import FrozenFacts
from knowledge.identity import simple
from knowledge.models import well_formed
from knowledge.operations import ALL, Operations
from knowledge.storage import NotStored
from knowledge.store import Stores

log = logging.getLogger(__name__)
PLACEHOLDER = re.compile("\x00(\\d+)\x00")
PAGE = 10
# Buttons in a group, and who may press them. Paging (◀ ▶) edits the message everyone sees: only the
# person it was shown to. Subscribing changes the group's settings: the group's administrators.
# Publish / Cancel: CityBot's admins (checked in admin.py). Every other button posts a new message
# with an answer, a card, a comparison or a chart, which is harmless: anyone may press it.
COMPARE_DETAIL = ("policy_areas", "data", "funding")  # topic buttons under a comparison of key facts
PERSONAL_BUTTONS = frozenset({"cities", "list"})
GROUP_ADMIN_BUTTONS = frozenset({"sub", "unsub"})
EVERYTHING = {ALL, "todas", "todo", "todos"}  # "/subscribe all", in either language


def stored(kind: str, payload: Any) -> dict[str, Any]:
    """A button's payload as remembered: with its kind, so that callback data naming another kind
    (forged, or mixed up) is refused instead of read as that kind's payload of the same shape."""
    return {"kind": kind, "payload": payload}


class Tokens:
    """The button payloads of one reply, stored together in one write once the reply is built."""

    def __init__(self) -> None:
        self.payloads: list[Any] = []

    def __call__(self, kind: str, payload: Any) -> str:
        """The button's callback data, `kind:token`, with the token filled in by `resolve`."""
        self.payloads.append(stored(kind, payload))
        return f"{kind}:\x00{len(self.payloads) - 1}\x00"  # a placeholder no callback data contains

    def resolve(self, rows: Buttons, operations: Operations) -> Buttons:
        if not self.payloads:
            return rows
        tokens = operations.remember_all(self.payloads)
        return [[(label, PLACEHOLDER.sub(lambda m: tokens[int(m.group(1))], data)) for label, data in row] for row in rows]


class BestEffortContexts:
    """Conversation contexts in the operations store; a full disk loses a context, never an answer."""

    def __init__(self, operations: Operations) -> None:
        self.operations = operations

    def get_context(self, chat: str) -> dict[str, Any] | None:
        return self.operations.get_context(chat)

    def put_context(self, chat: str, data: dict[str, Any]) -> None:
        try:
            self.operations.put_context(chat, data)
        except NotStored as e:
            log.warning("conversation context not kept: %s", e)


# What each kind of button's remembered payload looks like (as JSON gives it back); anything else is refused.
PAYLOADS: dict[str, TypeAdapter[Any]] = {
    "ask": TypeAdapter(tuple[str, str | None, str]),  # city key, topic, language
    "card": TypeAdapter(str),
    "sub": TypeAdapter(tuple[str, str]),
    "cmp": TypeAdapter(tuple[list[str], str | None, str]),
    "askq": TypeAdapter(tuple[str, str]),  # question, language
    "chart": TypeAdapter(tuple[list[str], str, str]),
    "list": TypeAdapter(list[str]),
}


class Service:
    def __init__(self, stores: Stores, admins: set[int], max_upload_bytes: int = 1_000_000) -> None:
        self.facts = stores.facts
        self.operations = stores.operations
        self._contexts = BestEffortContexts(stores.operations)
        self._refreshing = threading.Lock()
        self._token: object = None
        self.engine = Engine(FrozenFacts({}))
        self.refresh()
        self.admin = Admin(self, admins, max_upload_bytes)

    def close(self) -> None:
        """Release the stores when the bot stops: SQLite's connections, and its checkpoint thread, which
        would otherwise outlive them (and checkpoint its log into a folder that may be gone)."""
        Stores(self.facts, self.operations).close()

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

    def remember(self, kind: str, payload: Any) -> str:
        """The token a `kind` button's payload is stored under, with its kind."""
        return self.operations.remember(stored(kind, payload))

    def recall(self, token: str) -> Any:
        return self.operations.recall(token)

    def _count(self, text: str, understood: bool) -> None:
        try:
            self.operations.record_question(text, understood)
        except NotStored as e:  # a question never needs the disk
            log.warning("question not counted: %s", e)

    # ---- everyone -----------------------------------------------------------------------------

    def examples(self, lang: str) -> list[str]:
        return self.engine.examples(lang)

    def _example_buttons(self, lang: str) -> Buttons:
        """Each example as a button that asks it: tapping beats retyping, above all on a phone."""
        return [[(example, self._ask_data(example, lang))] for example in self.examples(lang)]

    def _ask_data(self, text: str, lang: str) -> str:
        data = f"q:{lang}:{text}"
        return data if len(data.encode()) <= 64 else f"askq:{self.remember('askq', [text, lang])}"

    def start(self, lang: str, payload: str = "") -> Reply:
        """/start, or a deep link t.me/<bot>?start=<payload> that opens on a city's card or an answer."""
        if payload:
            opened = self.open_link(payload, lang)
            if opened is not None:
                return opened
        body = [render.bold(t("greeting", lang)),
                render.escape(t("help", lang, count=len(self.engine.index.keys))),
                *(f"• {render.escape(e)}" for e in self.examples(lang)), "", "/help"]
        return Reply("\n".join(body), self._example_buttons(lang))

    def help(self, lang: str = "en", admin: bool = False) -> Reply:
        """Every command; admin commands only for admins, who are the only ones they work for."""
        body = t("help_commands", lang) + ("\n" + t("help_admin", lang) if admin else "")
        examples = "\n".join(f"• {render.escape(e)}" for e in self.examples(lang))
        return Reply(f"{body}\n\n{render.escape(t('help_try', lang))}\n{examples}", self._example_buttons(lang))

    def open_link(self, payload: str, lang: str) -> Reply | None:
        """What a deep link's payload opens: a shared answer ("q-…") or a city's card ("saltillo")."""
        text = links.question_of(payload)
        if text:
            return self.ask(text, lang=lang)
        key, _ = resolve_city(links.city_name(payload), self.engine.catalog)
        return self.card_of(key, lang) if key else None

    def ask(self, text: str, chat: str | None = None, lang: str | None = None) -> Reply:
        """A question in a chat's conversation (`chat`: its id; None: on its own); `lang`: the user's
        language, used when the question does not show one. The operations store keeps each chat's context."""
        text = well_formed(text)
        _, answer = converse(self.engine, self._contexts, chat, text[:1000], lang)
        self._count(text, answer.understood)
        return self.reply_for(answer, share=links.question(text) if answer.understood else None)

    def inline(self, text: str, lang: str | None = None) -> list[InlineResult]:
        """Inline mode: the answer, the named cities' cards, and a comparison when two are named.

        Only real answers are offered to send: text that says "I don't know" never becomes a message in
        someone else's chat, so an unknown city offers the cards of the closest names instead.
        """
        text = well_formed(text)
        answer = self.engine.ask(text[:256], lang)
        self._count(text, answer.understood)
        lang = answer.lang
        results: list[InlineResult] = []
        if answer.understood:
            results.append(self._inline_result("answer", answer, text, links.question(text)))
        keys = [k for k in (answer.cities or answer.suggestions) if k in self.engine.current]
        for key in keys[:3]:
            card = self.engine.answer(Query(text="", lang=lang, cities=[key]))
            name = self.engine.current[key].city
            results.append(self._inline_result(f"card:{key}", card, name, links.city(name)))
        if len(keys) >= 2:
            both = self.engine.answer(Query(text="", lang=lang, cities=keys[:2], markers={"compare"}))
            names = [self.engine.current[k].city for k in keys[:2]]
            share = links.question(f"{t('compare_word', lang)} {names[0]} {names[1]}")
            results.append(self._inline_result(f"cmp:{'|'.join(keys[:2])}", both, text, share))
        unique: dict[str, InlineResult] = {}
        for r in results:
            unique.setdefault(r.html, r)
        return list(unique.values())[:5]

    @staticmethod
    def _inline_result(kind: str, answer: Answer, query: str, share: str | None) -> InlineResult:
        lines = answer.lines
        title = lines[0].text if lines else query
        description = " ".join(ln.text for ln in lines[1:3])
        return InlineResult(id=hashlib.sha1(f"{kind}|{render.to_html(answer)}".encode()).hexdigest()[:32],
                            title=title[:100], description=description[:200],
                            html=render.split(render.to_html(answer))[0], share=share, lang=answer.lang)

    def reply_for(self, answer: Answer, share: str | None = None) -> Reply:
        if share is None and len(answer.cities) == 1 and answer.understood and answer.cities[0] in self.engine.current:
            share = links.city(self.engine.current[answer.cities[0]].city)
        tokens = Tokens()
        try:
            buttons = tokens.resolve(self._buttons(answer, tokens), self.operations)
        except NotStored as e:  # the answer matters; its buttons can wait for a disk with room
            log.warning("buttons left out: %s", e)
            buttons = []
        return Reply(render.to_html(answer), buttons, share=share, lang=answer.lang)

    def _buttons(self, a: Answer, token: Tokens) -> Buttons:
        rows: Buttons = []
        if a.suggestions:
            rows.append([(self.engine.current[k].city, token("ask", (k, a.topic, a.lang)))
                         for k in a.suggestions])
        if a.items and len(a.items) > WHOLE:
            rows.append([(t("btn_all", a.lang), f"{token('list', a.items)}:0")])
        if a.offers and len(a.cities) == 1:  # "I don't have that": what it can tell instead
            key = a.cities[0]
            rows.append([(topic_name(tp, a.lang).capitalize(), token("ask", (key, tp, a.lang)))
                         for tp in a.offers[:3]])
            return rows
        if len(a.cities) == 1 and a.cities[0] in self.engine.current:
            key = a.cities[0]
            others = [tp for tp in NEXT_TOPICS if tp != a.topic][:3]
            rows.append([(heading(tp, a.lang), token("ask", (key, tp, a.lang))) for tp in others])
            row = [(t("btn_subscribe", a.lang), token("sub", [key, a.lang]))]
            partner = self._partner(key)
            if partner:
                row.append((t("btn_compare", a.lang, city=self.engine.current[partner].city),
                            token("cmp", ([key, partner], a.topic, a.lang))))
            rows.append(row)
        if len(a.cities) >= 2 and a.topic is None:  # key facts only: each topic's detail is one button away
            rows.append([(heading(tp, a.lang), token("cmp", (a.cities, tp, a.lang))) for tp in COMPARE_DETAIL])
        if len(a.cities) >= 2:
            topic = a.topic if a.topic in CHART_TOPICS else "policy_areas"
            rows.append([(t("btn_chart", a.lang), token("chart", (a.cities, topic, a.lang)))])
        return rows

    def _partner(self, key: str) -> str | None:
        """Another city of the same country to compare with, else any other city."""
        country = self.engine.current[key].country
        same = [k for k in self.engine.index.countries.get(country, ()) if k != key]
        others = sorted(same) or [k for k in self.engine.index.keys if k != key]
        return others[0] if others else None

    def city_arg(self, name: str, lang: str = "en", command: str = "city") -> str | Reply:
        """A city named as a command argument: its store key, or a reply offering the closest names."""
        if not name.strip():
            key = self.engine.index.most_complete
            city = self.engine.current[key].city if key else "Saltillo"
            return Reply(render.escape(t("which_city_arg", lang)) + " " + render.code(f"/{command} {city}"))
        key, close = resolve_city(name, self.engine.catalog)
        if key:
            return key
        buttons = [[(self.engine.current[k].city, f"card:{self.remember('card', k)}") for k in close]] if close else []
        msg = render.escape(t("unknown_city", lang, name=name)) + (" " + render.escape(t("did_you_mean_short", lang))
                                                                   if close else "")
        return Reply(msg, buttons)

    def card(self, name: str, lang: str = "en") -> Reply:
        found = self.city_arg(name, lang)
        return found if isinstance(found, Reply) else self.card_of(found, lang)

    def card_of(self, key: str, lang: str = "en") -> Reply:
        return self.topic_of(key, None, lang)

    def cities(self, country: str = "", page: int = 0, lang: str = "en") -> Reply:
        index = self.engine.index
        keys = index.keys
        if country.strip():
            match = self.engine.catalog.countries.get(simple(country))
            if match is None:
                known = ", ".join(sorted(labels.country(c, lang) for c in index.countries))
                return Reply(render.escape(t("no_cities_in", lang, country=country, known=known)))
            keys = [k for k in keys if k in index.countries[match]]
            country = match
        pages = max(1, -(-len(keys) // PAGE))
        page = min(max(page, 0), pages - 1)
        chunk = keys[page * PAGE : (page + 1) * PAGE]
        head = t("n_cities_in", lang, count=len(keys), country=labels.country(country, lang)) if country else \
            t("n_cities", lang, count=len(keys))
        lines = [render.escape(f"{index.snapshots[k].city} ({labels.country(index.snapshots[k].country, lang)})")
                 for k in chunk]
        nav = []
        if page > 0:
            nav.append(("◀", f"cities:{page - 1}:{country}"[:64]))
        if page < pages - 1:
            nav.append(("▶", f"cities:{page + 1}:{country}"[:64]))
        footer = "\n" + t("page", lang, page=page + 1, pages=pages) if pages > 1 else ""
        return Reply(render.bold(head) + "\n" + "\n".join(lines) + footer, [nav] if nav else [])

    def page_of(self, items: list[str], page: int, lang: str = "en") -> Reply:
        pages = max(1, -(-len(items) // PAGE))
        page = min(max(page, 0), pages - 1)
        data = f"list:{self.remember('list', items)}"
        body = "\n".join(render.escape(i) for i in items[page * PAGE : (page + 1) * PAGE])
        nav = []
        if page > 0:
            nav.append(("◀", f"{data}:{page - 1}"))
        if page < pages - 1:
            nav.append(("▶", f"{data}:{page + 1}"))
        return Reply(f"{body}\n{t('page', lang, page=page + 1, pages=pages)}", [nav] if nav else [], edit=True)

    def compare(self, args: str, lang: str = "en") -> Reply:
        return self.ask(f"{t('compare_word', lang)} {args}", lang=lang)

    def chart(self, keys: list[str], topic: str, lang: str = "en") -> Reply:
        """A comparison chart; slow (matplotlib), so the bot calls it from a worker thread."""
        snaps = [self.engine.current[k] for k in keys if k in self.engine.current]
        title = heading(topic, lang)
        png = comparison_chart(snaps, topic, title, lang)
        names = join_and([s.city for s in snaps], lang)
        if png is None:
            return Reply(render.escape(t("chart_nothing", lang, names=names, topic=topic_name(topic, lang))))
        caption = t("chart_caption", lang, topic=title, names=" vs ".join(s.city for s in snaps[:chart.MAX_CITIES]))
        if len(snaps) > chart.MAX_CITIES:
            caption += " " + t("chart_first", lang, count=chart.MAX_CITIES, total=len(snaps))
        return Reply(photo=png, caption=render.escape(caption))

    def topic_of(self, key: str, topic: str | None, lang: str = "en") -> Reply:
        if key not in self.engine.current:
            return Reply(render.escape(t("city_gone", lang)))
        return self.reply_for(self.engine.answer(Query(text="", lang=lang, cities=[key], topic=topic)))

    def compare_keys(self, keys: list[str], topic: str | None, lang: str = "en") -> Reply:
        keys = [k for k in keys if k in self.engine.current]
        return self.reply_for(self.engine.answer(Query(text="", lang=lang, cities=keys, topic=topic,
                                                       markers={"compare"})))

    def press(self, user_id: int | None, chat_id: int | None, data: str, lang: str = "en") -> Reply:
        """An inline button: `kind:token[:extra]`, with payloads recalled from memory.

        `lang` is the presser's language; buttons made for an answer carry the answer's language.
        """
        kind, _, rest = data.partition(":")
        token, _, extra = rest.partition(":")
        if kind == "cities":
            reply = self.cities(extra, int(token) if token.isdigit() else 0, lang)
            reply.edit = True
            return reply
        if kind == "q":  # an example question, carried in the button itself
            return self.ask(extra, lang=token or lang)
        if kind == "city":  # a notification's button: the city key is in the data, nothing stored
            return self.card_of(rest, lang) if rest in self.engine.current else Reply(render.escape(t("city_gone", lang)))
        if kind == "unsub" and chat_id is not None:  # a notification's button: the city key is in the data
            try:
                return replace(self.unsubscribe_key(chat_id, rest, lang), html="")
            except NotStored as e:
                return Reply(t(f"not_stored_{e.reason}", lang), toast=t("not_stored", lang))
        if kind in ("pub", "cancel") and not self.admin.is_admin(user_id):
            return replace(self.admin.refuse(lang), html="")  # a pop-up for the presser; the chat is not disturbed
        if kind == "pub":
            return self.admin.decide(user_id, token, extra, lang)
        if kind == "cancel":
            return self.admin.cancel(user_id, token, lang)
        payload = self.recall(token)
        shape = PAYLOADS.get(kind)
        if payload is None:
            return Reply(render.escape(t("button_expired", lang)), toast=t("expired_toast", lang))
        if shape is None:
            return Reply(render.escape(t("unknown_button", lang)), toast=t("unknown_button", lang))
        # A forged or mixed-up button may point at another kind's payload: the kind stored with it must
        # match (buttons shown by older releases hold the bare payload: its shape is all there is to check).
        if isinstance(payload, dict):
            payload = payload.get("payload") if payload.get("kind") == kind else None
        try:
            payload = shape.validate_python(payload)
        except ValidationError:
            log.warning("a %s button pointed at a payload of another kind; refused", kind)
            return Reply(render.escape(t("button_expired", lang)), toast=t("expired_toast", lang))
        if kind == "ask":
            return self.topic_of(*payload)
        if kind == "askq":  # an example question too long to carry in the button
            return self.ask(payload[0], lang=payload[1])
        if kind == "card":
            return self.card_of(payload, lang)
        if kind == "sub" and chat_id is not None:
            key, answer_lang = payload  # notifications in the language of the answer the button was on
            try:
                return replace(self.subscribe_key(chat_id, key, answer_lang), html="")  # the pop-up says it all
            except NotStored as e:
                return Reply(t(f"not_stored_{e.reason}", lang), toast=t("not_stored", lang))
        if kind == "cmp":
            return self.compare_keys(*payload)
        if kind == "chart":
            return self.chart(*payload)
        if kind == "list":
            return self.page_of(payload, int(extra) if extra.isdigit() else 0, lang)
        return Reply(render.escape(t("unknown_button", lang)), toast=t("unknown_button", lang))

    # ---- subscriptions ---------------------------------------------------------------------------

    def subscribe(self, chat_id: int, name: str, lang: str = "en") -> Reply:
        """Follow a city (or all); notifications will be worded in `lang`, the chat's language."""
        try:
            return self._subscribe(chat_id, name, lang)
        except NotStored as e:
            return Reply(t(f"not_stored_{e.reason}", lang))

    def _subscribe(self, chat_id: int, name: str, lang: str) -> Reply:
        if simple(name) in EVERYTHING:
            new = self.operations.subscribe(chat_id, ALL, lang)
            return Reply(render.escape(t("subscribed_all" if new else "already_all", lang)))
        key = self.city_arg(name, lang, "subscribe")
        if isinstance(key, Reply):
            return key
        return self.subscribe_key(chat_id, key, lang)

    def subscribe_key(self, chat_id: int, key: str, lang: str = "en") -> Reply:
        """Follow a city; its notifications will be worded in `lang`, the chat's language."""
        if key not in self.engine.current:
            return Reply(render.escape(t("city_gone", lang)))
        name = self.engine.current[key].city
        if self.operations.subscribe(chat_id, key, lang):
            return Reply(render.escape(t("subscribed", lang, city=name)), toast=t("subscribed_toast", lang, city=name))
        return Reply(render.escape(t("already_following", lang, city=name)), toast=t("already_following", lang, city=name))

    def unsubscribe(self, chat_id: int, name: str, lang: str = "en") -> Reply:
        try:
            return self._unsubscribe(chat_id, name, lang)
        except NotStored as e:
            return Reply(t(f"not_stored_{e.reason}", lang))

    def _unsubscribe(self, chat_id: int, name: str, lang: str) -> Reply:
        if simple(name) in EVERYTHING:
            for followed in self.operations.subscriptions(chat_id):
                self.operations.unsubscribe(chat_id, followed)
            return Reply(render.escape(t("unsubscribed_all", lang)))
        key = self.city_arg(name, lang, "unsubscribe")
        if isinstance(key, Reply):
            return key
        return self.unsubscribe_key(chat_id, key, lang)

    def unsubscribe_key(self, chat_id: int, key: str, lang: str = "en") -> Reply:
        name = self.engine.current[key].city if key in self.engine.current else key
        if self.operations.unsubscribe(chat_id, key):
            return Reply(render.escape(t("unsubscribed", lang, city=name)), toast=t("unsubscribed", lang, city=name))
        return Reply(render.escape(t("not_following", lang, city=name)), toast=t("not_following", lang, city=name))

    def subscriptions(self, chat_id: int, lang: str = "en") -> Reply:
        keys = self.operations.subscriptions(chat_id)
        if not keys:
            return Reply(render.escape(t("follow_none", lang))
                         + " " + render.code("/subscribe Saltillo") + " · " + render.code(f"/subscribe {t('all_word', lang)}"))
        names = [t("every_city", lang) if k == ALL else self.engine.current[k].city if k in self.engine.current else k
                 for k in keys]
        return Reply(render.escape(t("following", lang, names=join(names, lang))))
