"""Subscription delivery: every queued notification sent once, within Telegram's limits, resumable.

The queue lives in the store (knowledge/audience.py); this loop drains it. Sending goes through a
`send` function that reports an Outcome, so the loop knows nothing of Telegram: the overall rate
(about 30 a second) is the rate limiter's job inside `send`, a chat is never sent two messages
within a second here, a blocked chat is dropped, and a failed send stays queued for the next pass.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import time
from collections.abc import Awaitable, Callable

from knowledge.audience import Audience

log = logging.getLogger(__name__)
PER_CHAT_INTERVAL = 1.0  # seconds between two messages to one chat
RECORD_EVERY = 1.0  # seconds between two recordings of what was delivered


class Outcome(enum.Enum):
    SENT = "sent"
    GONE = "gone"  # blocked the bot, deactivated, chat not found: stop writing to it
    REFUSED = "refused"  # Telegram will never accept this message: drop it, keep the chat
    LATER = "later"  # flood control or network trouble: keep it queued, end this pass


Send = Callable[[int, str], Awaitable[Outcome]]


class Notifier:
    def __init__(self, audience: Audience, send: Send) -> None:
        self.audience = audience
        self.send = send
        self.wake = asyncio.Event()
        self._stopping = False
        self._last: dict[int, float] = {}

    async def drain(self) -> int:
        """Send everything queued now; returns how many were delivered.

        Deliveries are recorded in batches (at most RECORD_EVERY seconds apart, and always before
        returning): recording rewrites the store, which must not happen once per message.
        """
        delivered = 0
        done: list[int] = []
        last_record = time.monotonic()
        try:
            while True:
                pending = [p for p in self.audience.pending() if p.id not in done]
                if not pending:
                    return delivered
                progressed = False
                for item in pending:
                    if self._stopping:
                        return delivered
                    wait = self._last.get(item.chat_id, -1e9) + PER_CHAT_INTERVAL - time.monotonic()
                    if wait > 0:
                        continue  # this chat was written to just now; its turn comes on the next pass
                    outcome = await self.send(item.chat_id, item.text)
                    self._last[item.chat_id] = time.monotonic()
                    if outcome is Outcome.LATER:
                        return delivered
                    if outcome in (Outcome.SENT, Outcome.REFUSED):
                        done.append(item.id)
                        delivered += outcome is Outcome.SENT
                        progressed = True
                    elif outcome is Outcome.GONE:
                        log.info("chat %s is gone; dropping its subscriptions", item.chat_id)
                        self.audience.drop_chat(item.chat_id)
                        progressed = True
                        break  # the queue changed under us
                    if time.monotonic() - last_record >= RECORD_EVERY:
                        self.audience.delivered(done)
                        done, last_record = [], time.monotonic()
                if not progressed:
                    await asyncio.sleep(0.2)
        finally:
            if done:
                self.audience.delivered(done)

    async def stop(self, task: asyncio.Task[None]) -> None:
        """Let the send in flight finish and be recorded, then end the loop: no message is sent twice."""
        self._stopping = True
        self.wake.set()
        await task

    async def run(self) -> None:
        """Drain whenever woken (a publish) and every few seconds (leftovers after a failure)."""
        while not self._stopping:
            try:
                await self.drain()
            except Exception:  # noqa: BLE001 - a delivery bug must not stop future deliveries
                log.exception("delivery pass failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), timeout=5)
            self.wake.clear()
