"""Who goes first: replies before broadcasts, and one busy chat never holds up the others.

`PriorityRateLimiter` is python-telegram-bot's rate-limiter seam (`BaseRateLimiter`): every message
the bot sends waits for a slot of one overall limit (30 in any 1.02 s; Telegram allows about 30 a second),
and a free slot goes to a reply before any notification. A broadcast never takes the last free slot
of the window, so a reply goes at once; a broadcast alone runs at about 28.4 a second. Replies
waiting in several chats take turns, one message per chat per turn, so a chat that asked a
thousand questions gets its share, not the line.
Calls that send no message (answering a button press, an inline query, downloading a file) skip
the line. A 429 pauses everyone for its `retry_after`, then the request is tried again. Where several
replicas share one bot (PostgreSQL), each message also waits for its slot of the budget they share
(`shared`, the operations store's `send_slot`), so together they stay under the limit.

`FairUpdateProcessor` runs updates of different chats concurrently and each chat's in order. A
chat with many updates waiting is told once, politely, that its messages will be answered in turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter, BaseUpdateProcessor

log = logging.getLogger(__name__)
BROADCAST = {"broadcast": True}  # rate_limit_args of a notification
UNTHROTTLED = {"answerCallbackQuery", "answerInlineQuery", "getFile", "getMe", "setMyCommands", "deleteWebhook",
               "setWebhook", "getUpdates"}
FLOOD = 20  # updates waiting in one chat before it is told to slow down
WINDOW = 1.02  # seconds: Telegram allows about 30 messages in any one second; a little margin for network jitter
RESERVE = 1  # slots of the window a broadcast leaves free, for a reply to go at once


class PriorityRateLimiter(BaseRateLimiter[dict[str, Any]]):
    """At most `per_window` messages in any WINDOW; a broadcast at most `broadcast_rate` a second and never
    into the window's last RESERVE slots, so a reply finds a slot free at once."""

    def __init__(self, per_window: int = 30, broadcast_rate: float = 28.6, max_retries: int = 5,
                 shared: Callable[[], float] | None = None) -> None:
        self.per_window = per_window
        self.broadcast_interval = 1 / broadcast_rate
        self.max_retries = max_retries
        self.shared = shared  # blocking: reserves a slot of a budget shared with other replicas, returns the wait
        self._replies: OrderedDict[object, deque[asyncio.Future[None]]] = OrderedDict()  # chat -> waiting, in turn
        self._broadcast: deque[asyncio.Future[None]] = deque()
        self._granted: deque[float] = deque()  # loop times of the slots given in the last WINDOW
        self._last_broadcast = -1e9
        self._paused_until = 0.0  # a 429's retry_after
        self._arrived = asyncio.Event()
        self._dispatcher: asyncio.Task[None] | None = None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        if self._dispatcher:
            self._dispatcher.cancel()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        broadcast = bool(rate_limit_args and rate_limit_args.get("broadcast"))
        for attempt in range(self.max_retries + 1):
            if endpoint not in UNTHROTTLED:
                await self._slot(data.get("chat_id"), broadcast)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as e:
                if attempt == self.max_retries:
                    raise
                delay = e.retry_after if isinstance(e.retry_after, int | float) else e.retry_after.total_seconds()
                loop = asyncio.get_running_loop()
                self._paused_until = max(self._paused_until, loop.time() + float(delay))  # everyone waits it out
                log.warning("Telegram asked to wait %s s", delay)
        raise AssertionError("unreachable")

    async def _slot(self, chat: object, broadcast: bool) -> None:
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        if broadcast:
            self._broadcast.append(waiter)
        else:
            self._replies.setdefault(chat, deque()).append(waiter)
            self._arrived.set()  # a dispatcher waiting out a broadcast's spacing looks again
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.create_task(self._dispatch())
        await waiter

    def _wait(self, now: float, broadcast: bool) -> float:
        """Seconds until a slot is free for a reply, or for a broadcast, which also keeps its own spacing
        and leaves RESERVE slots of the window free, so the next reply need not wait for one."""
        while self._granted and now - self._granted[0] >= WINDOW:
            self._granted.popleft()
        wait = self._paused_until - now
        limit = self.per_window - (RESERVE if broadcast else 0)
        if len(self._granted) >= limit:
            wait = max(wait, self._granted[len(self._granted) - limit] + WINDOW - now)
        if broadcast:
            wait = max(wait, self._last_broadcast + self.broadcast_interval - now)
        return wait

    def _pop(self) -> tuple[asyncio.Future[None], bool] | None:
        """The next waiter and whether it is a broadcast: the chat whose turn it is among replies first."""
        while self._replies:
            chat, waiting = next(iter(self._replies.items()))
            waiter = waiting.popleft()
            if waiting:
                self._replies.move_to_end(chat)  # its next message waits for the other chats' turns
            else:
                del self._replies[chat]
            if not waiter.done():
                return waiter, False
        while self._broadcast:
            waiter = self._broadcast.popleft()
            if not waiter.done():
                return waiter, True
        return None

    async def _dispatch(self) -> None:
        loop = asyncio.get_running_loop()
        while self._replies or self._broadcast:
            now = loop.time()
            wait = self._wait(now, broadcast=not self._replies)
            if wait > 0:
                self._arrived.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._arrived.wait(), wait)
                continue
            popped = self._pop()
            if popped is None:
                return
            waiter, broadcast = popped
            if broadcast and self._wait(now, broadcast=True) > 0:  # the reply ahead of it was withdrawn
                self._broadcast.appendleft(waiter)
                continue
            if self.shared is not None:
                await self._shared_slot()
                now = loop.time()
            waiter.set_result(None)
            self._granted.append(now)
            if broadcast:  # keep the cadence: a late wake-up does not push every later slot back
                due = self._last_broadcast + self.broadcast_interval
                self._last_broadcast = due if now - due < self.broadcast_interval else now

    async def _shared_slot(self) -> None:
        """Wait for this message's slot among every replica's; if the budget cannot be read, pace alone."""
        try:
            wait = await asyncio.to_thread(self.shared)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - a store hiccup must not stop replies; the local pace still holds
            log.exception("shared send budget unavailable; pacing this replica alone")
            return
        if wait > 0:
            await asyncio.sleep(wait)


class FairUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in order within a chat; a flooding chat is told once to expect a wait."""

    def __init__(self, on_flood: Callable[[Update], Awaitable[None]] | None = None) -> None:
        super().__init__(max_concurrent_updates=100_000)  # waiting is per chat, below; never for another chat
        self.on_flood = on_flood
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self._told: set[int] = set()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat, asyncio.Lock())
        self._waiting[chat] = self._waiting.get(chat, 0) + 1
        try:
            if self._waiting[chat] > FLOOD and chat not in self._told and self.on_flood and isinstance(update, Update):
                self._told.add(chat)
                await self.on_flood(update)
            async with lock:
                await coroutine
        finally:
            self._waiting[chat] -= 1
            if not self._waiting[chat]:
                del self._waiting[chat], self._locks[chat]
                self._told.discard(chat)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
