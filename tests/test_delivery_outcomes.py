"""Telegram's answers to a notification -> the delivery outcome (bot/telegram/app.py telegram_send).

Over real HTTP against the stand-in: 403 and "chat not found" drop the chat, any other 400 drops the
message, 429 waits out retry_after and keeps it queued, a network failure keeps it queued, a
migrated group follows its new id. The application is built like the bot's, with the same rate
limiter, but without the limiter's own retries, so a 429 reaches telegram_send.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application, ApplicationBuilder

from bot.notify import Moved, Outcome
from bot.telegram.app import telegram_send
from bot.telegram.pacing import PriorityRateLimiter

from .telegram_standin import TOKEN, TelegramStandIn


@pytest.fixture
async def app(tg: TelegramStandIn) -> AsyncIterator[Application]:
    application = (ApplicationBuilder().token(TOKEN).base_url(tg.api_url).base_file_url(tg.file_url)
                   .rate_limiter(PriorityRateLimiter(max_retries=0)).build())
    async with application:
        yield application


async def test_delivered(tg, app):
    assert await telegram_send(app)(42, "<b>Saltillo</b> &amp; news") == Outcome.SENT  # type: ignore[operator]
    assert [m.plain for m in tg.to(42)] == ["Saltillo & news"]


async def test_blocked_chat_is_gone(tg, app):
    tg.blocked.add(43)
    assert await telegram_send(app)(43, "news") == Outcome.GONE  # type: ignore[operator]


async def test_chat_not_found_is_gone(tg, app):
    tg.unknown.add(44)
    assert await telegram_send(app)(44, "news") == Outcome.GONE  # type: ignore[operator]


async def test_other_bad_requests_refuse_the_message_not_the_chat(tg, app):
    send = telegram_send(app)
    assert await send(45, "<b>unclosed") == Outcome.REFUSED  # type: ignore[operator]
    assert await send(45, "x" * 4097) == Outcome.REFUSED  # type: ignore[operator]
    assert [r[1] for r in tg.refused] == [400, 400]
    assert tg.to(45) == []


async def test_flood_control_waits_out_retry_after_then_keeps_it_queued(tg, app):
    tg.flood[46] = 1
    started = time.monotonic()
    assert await telegram_send(app)(46, "news") == Outcome.LATER  # type: ignore[operator]
    assert time.monotonic() - started >= 1.0  # the stand-in's retry_after
    assert await telegram_send(app)(46, "news") == Outcome.SENT  # type: ignore[operator]


async def test_network_failure_keeps_it_queued(tg, app):
    await tg.stop()
    assert await telegram_send(app)(47, "news") == Outcome.LATER  # type: ignore[operator]


async def test_a_group_that_became_a_supergroup_moves(tg, app):
    tg.migrated[-48] = -1000048
    assert await telegram_send(app)(-48, "news") == Moved(-1000048)  # type: ignore[operator]
