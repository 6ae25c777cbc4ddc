"""The stand-in answers the way Telegram does, so the end-to-end tests mean something."""

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.request import HTTPXRequest

from .telegram_standin import TOKEN, TelegramStandIn


@pytest.fixture
async def bot_and_standin():
    tg = TelegramStandIn(rate_per_second=3)
    await tg.start()
    bot = Bot(TOKEN, base_url=tg.api_url, base_file_url=tg.file_url, request=HTTPXRequest())
    async with bot:
        yield bot, tg
    await tg.stop()


async def test_malformed_html_is_a_400(bot_and_standin):
    bot, _ = bot_and_standin
    with pytest.raises(BadRequest, match="(?i)can.t parse entities"):
        await bot.send_message(5, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)can.t parse entities"):
        await bot.send_message(5, "Tom & Jerry <3", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)unsupported start tag"):
        await bot.send_message(5, "<script>x</script>", parse_mode="HTML")
    msg = await bot.send_message(5, "<b>Tom &amp; Jerry &lt;3</b>", parse_mode="HTML")
    assert msg.text == "Tom & Jerry <3"


async def test_too_long_and_empty_are_400(bot_and_standin):
    bot, _ = bot_and_standin
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.send_message(5, "x" * 4097)
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await bot.send_message(5, "<b></b>", parse_mode="HTML")
    assert (await bot.send_message(5, "x" * 4096)).text == "x" * 4096


async def test_blocked_chat_is_403_and_floods_are_429(bot_and_standin):
    bot, tg = bot_and_standin
    tg.blocked.add(9)
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(9, "hi")
    for _ in range(3):
        await bot.send_message(5, "hi")
    with pytest.raises(RetryAfter) as e:
        await bot.send_message(5, "one too many")
    assert e.value.retry_after in (1, 1.0) or e.value.retry_after.total_seconds() == 1
