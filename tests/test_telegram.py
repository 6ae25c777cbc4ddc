"""End to end: the real python-telegram-bot Application, over real HTTP, against the stand-in."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from knowledge.store import Store

from .conftest import ADMIN, RECORDS, SEED, STRANGER, start_bot
from .telegram_standin import TelegramStandIn


def saltillo_page(**replace: str) -> bytes:
    text = SEED.read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text.encode()


# ---- users ---------------------------------------------------------------------------------------


async def test_commands_are_registered_at_start(tg, bot):
    names = [c["command"] for c in tg.commands]
    assert names[:3] == ["start", "help", "cities"] and "subscribe" in names


async def test_private_question_is_answered_with_next_step_buttons(tg, bot):
    msg = await tg.ask(42, "saltilo mayor")
    assert "Manolo Jiménez Salinas" in msg.plain
    assert msg.button("Subscribe").startswith("sub:")
    more = await tg.presses(msg, "Population") and await tg.reply(42, after=1)
    assert "709,671 (2010)" in more[0].plain


async def test_spanish_question(tg, bot):
    msg = await tg.ask(42, "¿cuántos habitantes tiene Saltillo?", lang="es")
    assert msg.plain == "Saltillo tiene 709.671 habitantes (datos de 2010)."


async def test_start_and_help(tg, bot):
    msg = await tg.ask(42, "/start")
    assert "CityBot" in msg.plain and msg.plain.count("•") == 3
    msg = await tg.ask(42, "/help")
    for command in ("/cities", "/city", "/compare", "/subscribe", "/unsubscribe", "/subscriptions"):
        assert command in msg.plain


async def test_cities_are_paged_with_buttons(tg, bot):
    msg = await tg.ask(42, "/cities")
    assert msg.plain.startswith("50 cities") and "Page 1 of 5" in msg.plain
    await tg.presses(msg, "▶")
    await tg.until(lambda: tg.edits(42))
    page2 = tg.edits(42)[-1]
    assert "Page 2 of 5" in page2.plain
    msg = await tg.ask(42, "/cities Mexico")
    assert msg.plain.splitlines()[0] == "3 cities in Mexico"
    assert "Saltillo (Mexico)" in msg.plain
    assert "I know no cities" in (await tg.ask(42, "/cities Narnia")).plain


async def test_city_card_and_did_you_mean(tg, bot):
    card = await tg.ask(42, "/city vienna")
    assert card.plain.startswith("Vienna (Austria)") and "Michael Ludwig" in card.plain
    miss = await tg.ask(42, "/city Atlantis")
    assert "I don't have data on “Atlantis”" in miss.plain
    before = len(tg.to(42))
    await tg.presses(miss, "Atlanta")
    (atlanta,) = await tg.reply(42, after=before)
    assert atlanta.plain.startswith("Atlanta (United States)")


async def test_misspelt_question_offers_did_you_mean_buttons(tg, bot):
    msg = await tg.ask(42, "who is the mayor of Atlantis?")
    assert msg.button("Atlanta").startswith("ask:")


async def test_compare_text_and_chart(tg, bot):
    msg = await tg.ask(42, "/compare Denver Seattle policy areas")
    assert "Shared: Transport/Mobility." in msg.plain and "Only Seattle: Housing." in msg.plain
    before = len(tg.to(42))
    await tg.presses(msg, "Chart")
    (photo,) = await tg.reply(42, after=before)
    assert photo.method == "sendPhoto" and photo.photo.startswith(b"\x89PNG")
    assert "Denver, CO vs Seattle" in photo.plain


async def test_groups_answer_mentions_and_replies_only(tg, bot):
    await tg.says(-100, "saltillo mayor", user_id=5, chat_type="group")
    mention = await tg.ask(-100, "@citybot_test saltillo mayor", user_id=5, chat_type="group")
    assert "Manolo" in mention.plain
    assert len(tg.to(-100)) == 1  # the message without a mention got no answer
    reply = await tg.ask(-100, "and its population?  saltillo", user_id=5, chat_type="group", reply_to=mention)
    assert "709,671" in reply.plain
    card = await tg.ask(-100, "/city saltillo", user_id=5, chat_type="group")
    assert card.plain.startswith("Saltillo (Mexico)")


async def test_inline_mode_offers_the_answer(tg, bot):
    await tg.types_inline(42, "saltillo mayor")
    await tg.until(lambda: tg.inline_answers)
    answer, card = tg.inline_answers[0]["results"]
    assert answer["input_message_content"]["message_text"] == (
        "Saltillo's mayor is Manolo Jiménez Salinas.\n<i>Data from the snapshot produced in 2019.</i>")
    assert card["title"] == "Saltillo (Mexico)"


async def test_subscriptions_commands(tg, bot):
    assert "Subscribed" in (await tg.ask(42, "/subscribe saltillo")).plain
    assert "already follow" in (await tg.ask(42, "/subscribe Saltillo")).plain
    assert "every city" in (await tg.ask(42, "/subscribe all")).plain
    assert (await tg.ask(42, "/subscriptions")).plain == "You follow: Saltillo, every city"
    assert "Unsubscribed from Saltillo" in (await tg.ask(42, "/unsubscribe saltillo")).plain
    assert "I don't have data" in (await tg.ask(42, "/subscribe Atlantis")).plain


# ---- subscriptions and admin uploads -------------------------------------------------------------


async def test_publish_notifies_every_subscriber_once_through_floods_and_blocks(tg, bot):
    for chat in (101, 102, 103, 104):
        await tg.ask(chat, "/subscribe saltillo")
    await tg.ask(105, "/subscribe all")
    await tg.ask(106, "/subscribe vienna")
    tg.blocked.add(103)
    tg.flood[102] = 2  # two 429s with retry_after before this chat accepts

    await tg.sends_file(ADMIN, "saltillo.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Synthetic Successor"}))
    (preview,) = await tg.reply(ADMIN)
    assert "update, 1 field changed" in preview.plain
    assert "Mayor: Manolo Jiménez Salinas → Synthetic Successor" in preview.plain
    await tg.presses(preview, "Publish")
    await tg.until(lambda: all(len(tg.to(c)) == 2 for c in (101, 102, 104, 105)), timeout=20)
    await asyncio.sleep(1.5)  # any duplicate would have arrived by now
    for chat in (101, 102, 104, 105):
        note = tg.to(chat)[-1]
        assert len(tg.to(chat)) == 2, f"chat {chat} got {len(tg.to(chat))} messages"
        assert note.plain.startswith("Saltillo was updated:")
        assert "Mayor: Manolo Jiménez Salinas → Synthetic Successor" in note.plain
    assert len(tg.to(103)) == 1 and len(tg.to(106)) == 1
    assert 103 not in bot.service.operations.subscribers("saltillo|mexico")
    assert any(code == 429 for _, code, _ in tg.refused) and any(code == 403 for _, code, _ in tg.refused)
    assert "Synthetic Successor" in (await tg.ask(42, "saltillo mayor")).plain
    assert bot.service.operations.pending() == []


async def test_upload_command_then_file(tg, bot):
    await tg.ask(ADMIN, "/upload")
    await tg.sends_file(ADMIN, "new.json", json.dumps({"city": "Synthetic Harbour", "country": "Testland",
                                                       "leader": "Synthetic Mayor"}).encode(), caption=None)
    preview = (await tg.reply(ADMIN, after=1))[0]
    assert "Synthetic Harbour: new city" in preview.plain
    await tg.presses(preview, "Publish")
    await tg.until(lambda: any("Published" in s.plain for s in tg.edits(ADMIN)))
    assert "Synthetic Mayor" in (await tg.ask(42, "synthetic harbour mayor")).plain


async def test_resembling_upload_lets_the_admin_choose(tg, bot):
    record = json.loads((RECORDS / "vienna-aut--2016.json").read_text())
    record["city"], record["leader"] = "Viena", "Synthetic Leader"
    await tg.sends_file(ADMIN, "viena.json", json.dumps(record).encode())
    (preview,) = await tg.reply(ADMIN)
    assert "resembles stored Vienna" in preview.plain
    await tg.presses(preview, "Update Vienna")
    await tg.until(lambda: tg.edits(ADMIN))
    edited = tg.edits(ADMIN)[-1]
    assert "Viena: update" in edited.plain and "Mayor: Michael Ludwig → Synthetic Leader" in edited.plain
    await tg.presses(edited, "Publish")
    await tg.until(lambda: any("Published" in s.plain for s in tg.edits(ADMIN)))
    assert "Synthetic Leader" in (await tg.ask(42, "vienna mayor")).plain


async def test_non_admin_cannot_upload_or_publish(tg, bot):
    before = Path(bot.service.facts.location).read_bytes()
    await tg.sends_file(STRANGER, "saltillo.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Intruder"}))
    (refusal,) = await tg.reply(STRANGER)
    assert "only CityBot's admins" in refusal.plain
    assert "only CityBot's admins" in (await tg.ask(STRANGER, "/rollback saltillo")).plain
    await tg.sends_file(ADMIN, "saltillo.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Intruder"}))
    (preview,) = await tg.reply(ADMIN)
    await tg.presses(preview, "Publish", user_id=STRANGER)
    await tg.until(lambda: tg.callback_answers)
    assert tg.callback_answers[-1]["text"] == "Only admins can do that"
    assert Path(bot.service.facts.location).read_bytes() == before
    assert "Manolo" in (await tg.ask(42, "saltillo mayor")).plain


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ("notes.txt", b"Dear team,\nthe meeting moved to Thursday.\n", "not a City Innovation Snapshot page"),
    ("city.json", b'{"city": "X", "country": ', "line 1, column 26: the JSON is broken here"),
    ("city.json", b'{"city": "X", "country": "Y", "mayor": "Z"}', "field mayor"),
    ("empty.txt", b"", "the file is empty"),
    ("city.pdf", b"%PDF-1.4", "paste the page text"),
])
async def test_bad_uploads_are_rejected_and_change_nothing(tg, bot, name, data, expected):
    before = Path(bot.service.facts.location).read_bytes()
    await tg.sends_file(ADMIN, name, data)
    (answer,) = await tg.reply(ADMIN)
    assert expected in answer.plain
    assert Path(bot.service.facts.location).read_bytes() == before


async def test_oversized_upload_is_refused_before_download(tg, bot):
    await tg.sends_file(ADMIN, "huge.txt", b"x", declared_size=50_000_000)
    (answer,) = await tg.reply(ADMIN)
    assert "50,000,000 bytes; the limit is 1,000,000" in answer.plain
    assert "getFile" not in tg.calls


async def test_rollback_history_and_stats(tg, bot):
    await tg.ask(300, "/subscribe saltillo")
    await tg.sends_file(ADMIN, "s.txt", saltillo_page(**{"709,671 (2010)": "800,000 (2020)"}))
    await tg.presses((await tg.reply(ADMIN))[0], "Publish")
    await tg.until(lambda: len(tg.to(300)) == 2 and tg.edits(ADMIN))
    history = await tg.ask(ADMIN, "/history saltillo")
    assert "2 versions" in history.plain and "◀ current" in history.plain
    rolled = await tg.ask(ADMIN, "/rollback saltillo")
    assert "rolled back" in rolled.plain and "Population: 800,000 (2020) → 709,671 (2010)" in rolled.plain
    await tg.until(lambda: len(tg.to(300)) == 3)
    assert "rolled back" in tg.to(300)[-1].plain
    assert "709,671 (2010)" in (await tg.ask(42, "population saltillo")).plain
    await tg.ask(42, "what is the weather today")
    stats = await tg.ask(ADMIN, "/stats")
    assert "Cities</b>" not in stats.plain and "Cities: 50" in stats.plain
    assert "1× what is the weather today" in stats.plain


# ---- output Telegram accepts ---------------------------------------------------------------------


async def test_markup_characters_in_data_are_escaped(tg, bot):
    city = {"city": "Tag<b>&Town", "country": "Testland", "leader": "<script>alert('x')</script> & Co",
            "policy_areas": ["Water & <Sewage>"]}
    await tg.sends_file(ADMIN, "tag.json", json.dumps(city).encode())
    await tg.presses((await tg.reply(ADMIN))[0], "Publish")
    await tg.until(lambda: any("Published" in s.plain for s in tg.edits(ADMIN)))
    msg = await tg.ask(42, "tag<b>&town mayor")
    assert "<script>alert('x')</script> & Co" in msg.plain
    card = await tg.ask(42, "/city Tag<b>&Town")
    assert "Tag<b>&Town (Testland)" in card.plain and "Water & <Sewage>" in card.plain
    echo = await tg.ask(42, "<i>unclosed & odd question about Narnia")
    assert echo.plain


async def test_long_answers_are_split_under_4096(tg, bot):
    city = {"city": "Synthetic Longtown", "country": "Testland", "spotlight": "word " * 2000}
    await tg.sends_file(ADMIN, "long.json", json.dumps(city).encode())
    await tg.presses((await tg.reply(ADMIN))[0], "Publish")
    await tg.until(lambda: any("Published" in s.plain for s in tg.edits(ADMIN)))
    before = len(tg.to(42))
    await tg.says(42, "synthetic longtown spotlight")
    await tg.until(lambda: sum(p.plain.count("word") for p in tg.to(42)[before:]) >= 2000)
    parts = tg.to(42)[before:]
    assert len(parts) >= 3 and all(0 < len(p.plain) <= 4096 for p in parts)
    assert sum(p.plain.count("word") for p in parts) == 2000  # cut between words, none lost


async def test_an_error_is_reported_and_the_bot_keeps_running(tg, bot, monkeypatch):
    real = bot.service.ask

    def broken(text: str, *args: object, **kw: object):
        if "explode" in text:
            raise RuntimeError("synthetic failure")
        return real(text, *args, **kw)

    monkeypatch.setattr(bot.service, "ask", broken)
    msg = await tg.ask(42, "explode please")
    assert msg.plain == "Sorry, something went wrong on my side. Please try again."
    assert "Manolo" in (await tg.ask(42, "saltillo mayor")).plain


# ---- restarts ------------------------------------------------------------------------------------


async def test_restart_keeps_data_subscriptions_and_finishes_a_broadcast(tmp_path):
    tg = TelegramStandIn(rate_per_second=4)
    await tg.start()
    db = tmp_path / "db.json"
    try:
        running = await start_bot(tg, db)
        chats = list(range(500, 516))
        for chat in chats:
            await tg.ask(chat, "/subscribe saltillo")
        await asyncio.sleep(1.1)
        await tg.sends_file(ADMIN, "s.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Synthetic Successor"}))
        await tg.presses((await tg.reply(ADMIN))[0], "Publish")
        await tg.until(lambda: sum(len(tg.to(c)) == 2 for c in chats) >= 3, timeout=20)
        await running.shutdown()
        delivered_before = sum(len(tg.to(c)) == 2 for c in chats)
        assert delivered_before < len(chats), "the broadcast finished before the restart; slow the stand-in"
        assert len(Store(db).cities()) == 50

        running = await start_bot(tg, db)
        await tg.until(lambda: all(len(tg.to(c)) >= 2 for c in chats), timeout=30)
        await asyncio.sleep(1.5)
        assert all(len(tg.to(c)) == 2 for c in chats), [len(tg.to(c)) for c in chats]
        assert "Synthetic Successor" in (await tg.ask(42, "saltillo mayor")).plain
        assert "You follow: Saltillo" in (await tg.ask(500, "/subscriptions")).plain
        await running.shutdown()
    finally:
        await tg.stop()


async def test_long_lists_are_paged_and_next_steps_work(tg, bot):
    msg = await tg.ask(42, "which cities focus on transport?")  # 14 names: given whole, no button
    assert msg.plain.startswith("14 of the 50 cities I know") and msg.plain.count(",") >= 13
    assert [b["text"] for row in msg.buttons for b in row] == ["↗ Share"]  # the whole list: nothing to page
    msg = await tg.ask(42, "cities in the US")  # 33 names: the first ten, and all of them behind "Show all"
    assert "33 cities; the first 10: Akron, Alexandria" in msg.plain and "more" not in msg.plain
    await tg.presses(msg, "Show all")
    await tg.until(lambda: tg.edits(42))
    page = tg.edits(42)[-1]
    assert page.plain.splitlines()[0] == "Akron" and "Page 1 of 4" in page.plain
    await tg.presses(page, "▶")
    await tg.until(lambda: len(tg.edits(42)) == 2)
    assert "Page 2 of 4" in tg.edits(42)[-1].plain
    card = await tg.ask(42, "saltillo")
    before = len(tg.to(42))
    await tg.presses(card, "Compare with")
    (compared,) = await tg.reply(42, after=before)
    assert "Saltillo" in compared.plain and "Mexico City" in compared.plain
    await tg.presses(card, "Subscribe")
    await tg.until(lambda: tg.callback_answers and tg.callback_answers[-1].get("text") == "Subscribed to Saltillo")
    assert (await tg.ask(42, "/subscriptions")).plain == "You follow: Saltillo"


async def test_oversized_fields_are_refused_and_escaped_prose_splits_cleanly(tg, bot):
    await tg.sends_file(ADMIN, "long-name.json", json.dumps({"city": "X" * 300, "country": "Testland"}).encode())
    (refusal,) = await tg.reply(ADMIN)
    assert "field city: text of 300 characters; at most 200 are allowed — shorten it" in refusal.plain
    city = {"city": "Synthetic Ampersand", "country": "Testland", "spotlight": "Tom & Jerry <3 " * 1000}
    await tg.sends_file(ADMIN, "amp.json", json.dumps(city).encode())
    await tg.presses((await tg.reply(ADMIN, after=1))[0], "Publish")
    await tg.until(lambda: any("Published" in s.plain for s in tg.edits(ADMIN)))
    before = len(tg.to(42))
    await tg.says(42, "synthetic ampersand spotlight")
    await tg.until(lambda: sum(p.plain.count("Jerry") for p in tg.to(42)[before:]) >= 1000)
    parts = tg.to(42)[before:]
    assert len(parts) > 1 and sum(p.plain.count("Jerry") for p in parts) == 1000  # and no 400 (fixture checks)
    assert sum(p.plain.count("&") for p in parts) == 1000  # every & arrived as an &, none as &amp;


async def test_spanish_answers_get_spanish_buttons_and_follow_ups(tg, bot):
    msg = await tg.ask(42, "¿quién es el alcalde de Saltillo?", lang="es")
    assert msg.button("Suscribirme") and msg.button("Comparar con")
    before = len(tg.to(42))
    await tg.presses(msg, "Población")
    (follow,) = await tg.reply(42, after=before)
    assert follow.plain == "Saltillo tiene 709.671 habitantes (datos de 2010)."


async def test_help_in_the_users_language(tg, bot):
    assert (await tg.ask(43, "/help", lang="es")).plain.startswith("Pregúntame lo que quieras")


# ---- conversations -------------------------------------------------------------------------------


async def test_two_chats_interleaved_each_keep_their_own_conversation(tg, bot):
    """Two private chats talk at once; each follow-up is read in its own chat's context (stored by the bot)."""
    assert "Steve Schewel" in (await tg.ask(101, "who is the mayor of Durham?")).plain
    assert "La alcaldía de Rosario está a cargo de" in (await tg.ask(202, "¿quién es el alcalde de Rosario?", lang="es")).plain
    first = (await tg.ask(101, "how many inhabitants?")).plain
    assert "267,743 (2017)" in first and "Rosario" not in first
    second = (await tg.ask(202, "¿y cuántos habitantes tiene?", lang="es")).plain
    assert "Rosario" in second and "habitantes" in second and "Durham" not in second
    assert "403,090 (2016)" in (await tg.ask(101, "and Tulsa?")).plain
    compared = (await tg.ask(101, "compare the two")).plain
    assert "Durham" in compared and "Tulsa" in compared and "Rosario" not in compared
    both = (await tg.ask(202, "¿y Godoy Cruz?", lang="es")).plain
    assert "Godoy Cruz" in both and "habitantes" in both


async def test_out_of_scope_question_offers_what_it_can_tell_as_buttons(tg, bot):
    msg = await tg.ask(303, "is it raining in Tulsa?")
    assert "I don't have that" in msg.plain and "G. T. Bynum" not in msg.plain
    await tg.presses(msg, "Population")
    (more,) = await tg.reply(303, after=1)
    assert "403,090 (2016)" in more.plain
    msg = await tg.ask(304, "¿cuál es el equipo de fútbol de Rosario?", lang="es")
    assert "No tengo eso" in msg.plain and msg.buttons
