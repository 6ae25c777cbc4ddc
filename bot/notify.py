"""Subscription delivery: every queued notification sent once, within Telegram's limits, resumable.

The queue lives in the operations store; this loop drains it, worded when sent in each chat's
language (`render.notification`). Every store call runs in a worker thread, never on the event
loop. Sending goes through a `send` function that reports an Outcome, so the loop knows nothing of
Telegram: the overall rate is the rate limiter's job inside `send` (broadcasts take what replies
leave), a chat is never sent two messages within a second here, a blocked chat is dropped, a group
that became a supergroup is followed to its new id, and one chat's trouble never holds up the rest.

A delivery is recorded at once. If recording fails (disk full), the notice is remembered here as
delivered and recorded later: it is never sent twice by this process.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot import render
from bot.reply import Buttons
from knowledge.operations import Notice, Operations
from knowledge.storage import NotStored

log = logging.getLogger(__name__)
PER_CHAT_INTERVAL = 1.0  # seconds between two messages to one chat
BATCH = 500  # notices read from the store at a time
MAX_FAILURES = 5  # an unexpected error this many times for one notice: give up on that notice


class Outcome(enum.Enum):
    SENT = "sent"
    GONE = "gone"  # blocked the bot, deactivated, chat not found: stop writing to it
    REFUSED = "refused"  # Telegram will never accept this message: drop it, keep the chat
    LATER = "later"  # flood control or network trouble: keep it queued, end this pass


@dataclass(frozen=True)
class Moved:
    """The group became a supergroup with this id: its subscriptions and notices follow it."""

    chat: int


Send = Callable[[int, str, Buttons], Awaitable[Outcome | Moved]]  # chat, HTML, buttons (open the city, unsubscribe)


class Notifier:
    def __init__(self, operations: Operations, send: Send) -> None:
        self.operations = operations
        self.send = send
        self.wake = asyncio.Event()
        self._stopping = False
        self._last: dict[int, float] = {}
        self._unrecorded: set[int] = set()  # sent, but the store could not record it yet
        self._failures: dict[int, int] = {}

    async def _record(self, ids: list[int]) -> None:
        self._unrecorded.update(ids)
        try:
            await asyncio.to_thread(self.operations.delivered, sorted(self._unrecorded))
        except NotStored as e:
            log.warning("%d deliveries not recorded yet (%s); they will not be sent again", len(self._unrecorded), e)
            return
        self._unrecorded.clear()

    async def drain(self) -> int:
        """Send everything queued now; returns how many were delivered."""
        delivered = 0
        while True:
            if self._unrecorded:
                await self._record([])
            after, waiting, gone = 0, False, set()
            while True:
                batch: list[Notice] = await asyncio.to_thread(self.operations.pending, BATCH, after)
                if not batch:
                    break
                after = batch[-1].id
                for notice in batch:
                    if self._stopping:
                        return delivered
                    if notice.id in self._unrecorded or notice.chat in gone:
                        continue
                    if self._last.get(notice.chat, -1e9) + PER_CHAT_INTERVAL > time.monotonic():
                        waiting = True  # written to just now; its turn comes on the next pass
                        continue
                    outcome = await self._deliver(notice)
                    if outcome is Outcome.LATER:
                        return delivered
                    delivered += outcome is Outcome.SENT
                    if outcome is Outcome.GONE or isinstance(outcome, Moved):
                        gone.add(notice.chat)  # its other notices were dropped or moved: not this chat id again
                    waiting = waiting or outcome is None or isinstance(outcome, Moved)
            if not waiting:
                return delivered
            await asyncio.sleep(0.2)

    async def _deliver(self, notice: Notice) -> Outcome | Moved | None:
        """Send one notice and record what became of it; None when it stays queued for a later pass."""
        if not await asyncio.to_thread(self.operations.take, notice.id):
            return None  # another replica took it over (this one stalled past its claim): it sends it
        try:
            outcome = await self.send(notice.chat, render.notification(notice.event, notice.lang),
                                      render.notification_buttons(notice.event, notice.lang))
        except Exception:  # noqa: BLE001 - one notice's trouble must not hold up everyone else's
            failures = self._failures[notice.id] = self._failures.get(notice.id, 0) + 1
            log.exception("notification %s to %s failed (%d time(s))", notice.id, notice.chat, failures)
            if failures < MAX_FAILURES:
                return None
            outcome = Outcome.REFUSED
        self._last[notice.chat] = time.monotonic()
        if isinstance(outcome, Moved):
            log.info("chat %s became %s; its subscriptions follow it", notice.chat, outcome.chat)
            await asyncio.to_thread(self.operations.move_chat, notice.chat, outcome.chat)
            return outcome
        if outcome in (Outcome.SENT, Outcome.REFUSED):
            self._failures.pop(notice.id, None)
            await self._record([notice.id])
        elif outcome is Outcome.GONE:
            log.info("chat %s is gone; dropping its subscriptions", notice.chat)
            await asyncio.to_thread(self.operations.drop_chat, notice.chat)
        return outcome

    async def stop(self, task: asyncio.Task[None]) -> None:
        """Let the send in flight finish and be recorded, then end the loop: no message is sent twice.

        What this process had claimed but not sent is handed back, for another replica to send now.
        """
        self._stopping = True
        self.wake.set()
        await task
        await asyncio.to_thread(self.operations.release)

    async def run(self) -> None:
        """Drain whenever woken (a publish) and every few seconds (another process's publish, leftovers)."""
        while not self._stopping:
            try:
                await self.drain()
            except Exception:  # noqa: BLE001 - a delivery bug must not stop future deliveries
                log.exception("delivery pass failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=5)
            self.wake.clear()
