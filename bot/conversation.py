"""A conversation per chat: the context a follow-up question leaves out, kept between questions.

The context (`bot.query.Context`) is JSON-serialisable and is kept by whatever provides
`get_context(chat)` / `put_context(chat, data)`: the operations store when the bot runs, or the
bounded `MemoryContexts` below (the CLI, and until a store provides them). It expires after 30
minutes of silence, and two chats never see each other's.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any, Protocol

from bot.answer import Engine
from bot.query import RECENT, Context, Query
from bot.reply import Answer
from bot.understand import understand

__all__ = ["Context", "ContextStore", "MemoryContexts", "converse", "remember"]


class ContextStore(Protocol):
    def get_context(self, chat: str) -> dict[str, Any] | None: ...

    def put_context(self, chat: str, data: dict[str, Any]) -> None: ...


class MemoryContexts:
    """Contexts in memory, the least recently used dropped beyond `limit` chats."""

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._data: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def get_context(self, chat: str) -> dict[str, Any] | None:
        data = self._data.get(chat)
        if data is not None:
            self._data.move_to_end(chat)
        return data

    def put_context(self, chat: str, data: dict[str, Any]) -> None:
        self._data[chat] = data
        self._data.move_to_end(chat)
        while len(self._data) > self.limit:
            self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)


def recall(store: ContextStore, chat: str, now: float) -> Context | None:
    ctx = Context.from_dict(store.get_context(chat))
    return None if ctx is None or ctx.expired(now) else ctx


def remember(ctx: Context | None, q: Query, a: Answer, now: float) -> Context:
    """The context after an answer: what it was about is what the next question may leave out."""
    cities = list(a.cities)
    if not cities and a.listed and len(a.listed) <= 3:
        cities = list(a.listed)  # "which cities focus on broadband?" (San Jose) -> "who is the mayor there?"
    previous = ctx.recent if ctx else []
    recent = [k for k in previous if k not in cities] + cities
    return Context(
        cities=cities or (ctx.cities if ctx else []),
        recent=recent[-RECENT:],
        topic=a.topic or q.topic or (ctx.topic if ctx else None),
        values=q.values or (ctx.values if ctx and q.scope is not None else []),  # kept through "which of those …"
        country=(q.country or (ctx.country if ctx and q.scope is not None else None)) if a.listed is not None else None,
        listed=list(a.listed) if a.listed is not None else (ctx.listed if ctx else []),
        version=a.version,
        last="list" if a.listed is not None and not a.cities else "city",
        lang=a.lang,
        at=now,
    )


def converse(engine: Engine, store: ContextStore, chat: str | None, text: str, lang: str | None = None,
             now: float | None = None) -> tuple[Query, Answer]:
    """One turn of a conversation: read the question in the chat's context, answer, remember.
    Without a chat the question stands alone."""
    now = time.time() if now is None else now
    ctx = recall(store, chat, now) if chat is not None else None
    q = understand(text, engine.catalog, ctx, lang)
    a = engine.answer(q)
    if chat is not None:
        store.put_context(chat, remember(ctx, q, a, now).to_dict())
    return q, a
