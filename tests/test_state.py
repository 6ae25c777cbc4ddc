"""State that lasts: buttons and previews across restarts, failed writes, the old single-file store,
and the hardening of delivery and pacing. End to end through the Bot API stand-in where a user
would notice, else against the real stores on disk."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import time
from pathlib import Path

from bot import publishing
from bot.notify import Notifier, Outcome
from bot.service import Service
from knowledge.operations import ALL
from knowledge.operations.sqlite_store import SQLiteOperations
from knowledge.storage import NotStored
from knowledge.store import Store, Stores, open_stores

from .conftest import ADMIN, SEED, start_bot, synthetic_city
from .telegram_standin import TelegramStandIn
from .test_telegram import saltillo_page

SALTILLO = "saltillo|mexico"


def read_only(path: Path) -> None:
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)


# ---- buttons and previews survive a restart -------------------------------------------------------


async def test_a_button_pressed_after_a_restart_does_what_it_said(tg: TelegramStandIn, tmp_path: Path):
    db = tmp_path / "db.json"
    first = await start_bot(tg, db)
    shown = await tg.ask(42, "saltillo mayor")
    await first.shutdown()

    second = await start_bot(tg, db)
    try:
        await tg.ask(42, "vienna mayor")  # the new process hands out buttons of its own first
        await tg.presses(shown, "Subscribe")
        await tg.until(lambda: tg.callback_answers)
        assert tg.callback_answers[-1]["text"] == "Subscribed to Saltillo"
        assert second.service.operations.subscriptions(42) == [SALTILLO]
        more = len(tg.to(42))
        await tg.presses(shown, "Population")
        (population,) = await tg.reply(42, after=more)
        assert "709,671 (2010)" in population.plain
        forged = shown.buttons[0][0]["callback_data"].split(":")[0] + ":AAAAAAAAAAA"
        shown.buttons[0][0]["callback_data"] = forged
        await tg.presses(shown, shown.buttons[0][0]["text"])
        await tg.until(lambda: len(tg.callback_answers) == 3)
        assert tg.callback_answers[-1]["text"] == "Expired"
    finally:
        await second.shutdown()


async def test_publish_works_after_a_restart_between_preview_and_press(tg: TelegramStandIn, tmp_path: Path):
    db = tmp_path / "db.json"
    first = await start_bot(tg, db)
    await tg.sends_file(ADMIN, "s.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Synthetic Successor"}))
    (preview,) = await tg.reply(ADMIN)
    await first.shutdown()

    second = await start_bot(tg, db)
    try:
        await tg.presses(preview, "Publish")
        await tg.until(lambda: any("Published" in s.plain for s in tg.edits(ADMIN)))
        assert "Synthetic Successor" in (await tg.ask(42, "saltillo mayor")).plain
        await tg.presses(preview, "Publish")  # pressed twice: the second finds it handled
        await tg.until(lambda: any("already handled" in s.plain for s in tg.edits(ADMIN)))
        assert len(second.service.facts.cities()[SALTILLO].versions) == 2
    finally:
        await second.shutdown()


# ---- a failed write leaves the process answering what the store holds ------------------------------


async def test_failed_publish_and_rollback_are_reported_and_change_nothing(tg: TelegramStandIn, tmp_path: Path):
    db = tmp_path / "db.json"
    bot = await start_bot(tg, db)
    try:
        await tg.sends_file(ADMIN, "s.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Synthetic Successor"}))
        (preview,) = await tg.reply(ADMIN)
        read_only(db)
        before = db.read_bytes()
        await tg.presses(preview, "Publish")
        await tg.until(lambda: tg.callback_answers)
        (failed,) = await tg.reply(ADMIN, after=1)
        assert failed.plain == "Not stored: the store is read-only. Nothing changed; answers still come from it."
        assert "Manolo Jiménez Salinas" in (await tg.ask(42, "saltillo mayor")).plain
        assert db.read_bytes() == before

        db.chmod(0o644)  # the operator fixes it; the same Publish button now works
        await tg.presses(preview, "Publish")
        await tg.until(lambda: any("Published" in s.plain for s in tg.edits(ADMIN)))
        assert "Synthetic Successor" in (await tg.ask(42, "saltillo mayor")).plain

        read_only(db)
        before = db.read_bytes()
        refused = await tg.ask(ADMIN, "/rollback saltillo")
        assert refused.plain.startswith("Not stored: the store is read-only.")
        assert "Synthetic Successor" in (await tg.ask(42, "saltillo mayor")).plain
        assert db.read_bytes() == before
    finally:
        db.chmod(0o644)
        await bot.shutdown()


# ---- the single-file layout is upgraded on first start ----------------------------------------------


def old_single_file_store(path: Path) -> None:
    """A store as the single-file layout wrote it: one JSON line, subscriptions and outbox inside."""
    Store(path).publish(Store(path).plan_all([synthetic_city("Oldtown", leader="Synthetic Old Mayor")]))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["subscriptions"] = {"1": {"chat_id": 501, "key": "oldtown|testland"}, "2": {"chat_id": 502, "key": "all"}}
    data["outbox"] = {"1": {"chat_id": 502, "text": "<b>Oldtown</b> is new in CityBot. Ask me about it!"}}
    path.write_text(json.dumps(data), encoding="utf-8")
    path.with_suffix(".usage.json").write_text(json.dumps({"totals": {"asked": 7}, "unanswered": {"what is x": 3}}))


async def test_an_old_single_file_store_is_upgraded_without_loss(tg: TelegramStandIn, tmp_path: Path):
    db = tmp_path / "db.json"
    old_single_file_store(db)
    original = db.read_bytes()
    bot = await start_bot(tg, db)
    try:
        (owed,) = await tg.reply(502)  # the notification still owed is delivered once
        assert owed.plain == "Oldtown is new in CityBot. Ask me about it!"
        assert bot.service.operations.subscribers("oldtown|testland") == [501, 502]
        stats = await tg.ask(ADMIN, "/stats")
        assert "Questions asked: 7" in stats.plain and "3× what is x" in stats.plain
        assert "Synthetic Old Mayor" in (await tg.ask(42, "oldtown mayor")).plain
    finally:
        await bot.shutdown()
    assert (tmp_path / "db.json.single-file.bak").read_bytes() == original
    assert set(json.loads(db.read_text(encoding="utf-8"))) == {"cities"}  # subscriptions and outbox moved out
    again = open_stores(db)  # a second start moves nothing twice
    assert again.operations.subscribers("oldtown|testland") == [501, 502] and again.operations.pending() == []
    again.close()
    await asyncio.sleep(1.2)
    assert len(tg.to(502)) == 1


# ---- delivery: supergroups, disk full ------------------------------------------------------------


async def test_a_group_that_became_a_supergroup_is_followed_and_blocks_no_one(tg: TelegramStandIn, tmp_path: Path):
    bot = await start_bot(tg, tmp_path / "db.json")
    try:
        tg.members[(-100, 5)] = "administrator"  # a group's subscriptions are its administrators' to change
        await tg.ask(-100, "/subscribe saltillo", chat_type="group", user_id=5)
        await tg.ask(77, "/subscribe all")
        tg.migrated[-100] = -1009
        await tg.sends_file(ADMIN, "s.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Synthetic Successor"}))
        await tg.presses((await tg.reply(ADMIN))[0], "Publish")
        await tg.until(lambda: tg.to(-1009) and len(tg.to(77)) == 2, timeout=15)
        assert tg.to(-1009)[0].plain.startswith("Saltillo was updated:")
        assert bot.service.operations.subscriptions(-1009) == [SALTILLO]
        assert bot.service.operations.subscriptions(-100) == []
    finally:
        await bot.shutdown()


class DiskFullOperations(SQLiteOperations):
    """The real SQLite store, with every write failing as on a full disk while `full` is set."""

    full = False

    def _write(self):  # type: ignore[no-untyped-def]
        if self.full:
            raise NotStored("disk-full", "not stored: the disk is full")
        return super()._write()


async def test_disk_full_delivery_is_not_resent_and_questions_are_answered(tmp_path: Path):
    facts = Store(tmp_path / "db.json")
    ops = DiskFullOperations(tmp_path / "db.operations.sqlite3")
    for chat in (1, 2):
        ops.subscribe(chat, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    sent: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        sent.append(chat_id)
        return Outcome.SENT

    notifier = Notifier(ops, send)
    ops.full = True
    for _ in range(3):
        await notifier.drain()
    assert sorted(sent) == [1, 2]  # sent once each, though not recorded
    assert len(ops.pending()) == 2
    service = Service(Stores(facts, ops), admins=set())
    reply = service.ask("synthville mayor", chat="9")
    assert "Synthetic Mayor of Synthville" in reply.html and reply.buttons == []
    assert service.subscribe(3, "synthville").html == "<b>Not stored</b>: the disk is full. Nothing changed."
    ops.full = False
    await notifier.drain()
    assert ops.pending() == [] and sorted(sent) == [1, 2]
    service.close()


# ---- the store file as the operator set it up ----------------------------------------------------


def test_owner_and_mode_are_kept(tmp_path: Path):
    path = tmp_path / "db.json"
    store = Store(path)
    store.publish([store.plan(synthetic_city("One"))])
    path.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # root imports into the bot user's store
    store.publish([store.plan(synthetic_city("Two"))])
    st = path.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (65534, 65534)


def test_a_symlinked_store_is_written_through_the_link(tmp_path: Path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "citybot.json"
    link = tmp_path / "db.json"
    link.symlink_to(target)
    store = Store(link)
    store.publish([store.plan(synthetic_city("Linked"))])
    assert link.is_symlink() and [s.city for s in Store(target).current()] == ["Linked"]


def test_a_read_only_store_refuses_writes_with_one_line_and_still_answers(tmp_path: Path):
    from .test_cli import run

    path = tmp_path / "db.json"
    assert run(tmp_path, "ask", "saltillo mayor").returncode == 0  # created with the bundled data
    read_only(path)
    before = path.read_bytes()
    page = tmp_path / "s.txt"
    page.write_text(SEED.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", "Synthetic"), encoding="utf-8")
    out = run(tmp_path, "import", str(page))
    assert out.returncode == 1 and out.stderr.strip().endswith("is read-only") and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
    assert "Manolo Jiménez Salinas" in run(tmp_path, "ask", "saltillo mayor").stdout


# ---- pacing: replies first, every chat its turn ----------------------------------------------------


async def test_a_flooding_chat_does_not_hold_up_another_and_is_told_once(tg: TelegramStandIn, tmp_path: Path):
    bot = await start_bot(tg, tmp_path / "db.json")
    try:
        for _ in range(60):
            await tg.says(900, "saltillo mayor")
        await tg.until(lambda: len(tg.to(900)) >= 3)
        started = time.monotonic()
        await tg.ask(901, "vienna mayor")
        waited = time.monotonic() - started
        assert waited < 0.5, f"the other chat waited {waited:.2f}s"
        assert len(tg.to(900)) < 40
        await tg.until(lambda: len(tg.to(900)) == 61, timeout=20)
        notices = [s for s in tg.to(900) if "faster than I can answer" in s.plain]
        assert len(notices) == 1
    finally:
        await bot.shutdown()


async def test_replies_go_before_a_broadcast(tmp_path: Path):
    standin = TelegramStandIn(rate_per_second=30)
    await standin.start()
    db = tmp_path / "db.json"
    stores = open_stores(db)
    for chat in range(1000, 1150):
        stores.operations.subscribe(chat, SALTILLO, "en")
    stores.close()
    bot = await start_bot(standin, db)
    try:
        await standin.sends_file(ADMIN, "s.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Synthetic Successor"}))
        await standin.presses((await standin.reply(ADMIN))[0], "Publish")
        await standin.until(lambda: len([s for s in standin.sent if s.chat_id >= 1000]) > 30)
        waits = []
        for n in range(5):
            started = time.monotonic()
            await standin.ask(60 + n, "saltillo mayor")
            waits.append(time.monotonic() - started)
        assert max(waits) < 0.3, waits
        assert len([s for s in standin.sent if s.chat_id >= 1000]) < 150  # the broadcast was still going
        await standin.until(lambda: len([s for s in standin.sent if s.chat_id >= 1000]) == 150, timeout=20)
        assert not [r for r in standin.refused if r[1] == 429]
    finally:
        await bot.shutdown()
        await standin.stop()


# ---- facts: only what changed is read again; operations: somewhere to live -------------------------


def test_a_publish_validates_only_the_city_that_changed(tmp_path: Path):
    store = Store(tmp_path / "db.json")
    store.publish(store.plan_all([synthetic_city("Alpha"), synthetic_city("Beta")]))
    before = store.cities()
    store.publish([store.plan(synthetic_city("Beta", leader="Synthetic New Mayor"))])
    after = store.cities()
    assert after is not before
    assert after["alpha|testland"] is before["alpha|testland"]  # the same object: not parsed or validated again
    assert after["beta|testland"].current.leader == "Synthetic New Mayor"


def test_an_operations_file_that_cannot_be_opened_leaves_the_bot_answering(tmp_path: Path):
    (tmp_path / "db.operations.sqlite3").mkdir()  # something in the way: SQLite cannot open it
    stores = open_stores(tmp_path / "db.json")
    assert stores.operations.location.startswith("file:")  # kept in memory until restart
    service = Service(stores, admins=set())
    assert "Manolo Jiménez Salinas" in service.ask("saltillo mayor", chat="1").html
    assert service.operations.subscribe(1, SALTILLO, "en") and service.operations.subscriptions(1) == [SALTILLO]
    service.close()


def test_unanswered_questions_kept_are_bounded_to_the_most_frequent(tmp_path: Path):
    ops = SQLiteOperations(tmp_path / "ops.sqlite3")
    for _ in range(3):
        ops.record_question("what is a synthetic frequent question", understood=False)
    for i in range(1_200):  # asked once each, more than the store keeps
        ops.record_question(f"synthetic rare question {i}", understood=False)
    ops.record_question("saltillo mayor", understood=True)
    stats = ops.question_stats(top=2)
    assert stats.asked == 1_204
    assert stats.unanswered[0] == ("what is a synthetic frequent question", 3)
    assert stats.unanswered[1] == ("synthetic rare question 1199", 1)  # the most recent of the rare ones
    assert len(ops.question_stats(top=5_000).unanswered) == 1_000
    ops.close()
