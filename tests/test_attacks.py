"""The bot attacked through its real entry points: forged or oversized webhook posts, updates
delivered twice, edited commands, a wrong token or API address at start-up."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest

from knowledge.store import Store

from .conftest import ADMIN, ROOT, start_bot, synthetic_city
from .telegram_standin import TOKEN, TelegramStandIn
from .test_running import free_port, launch, stop

HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def post_when_up(http: aiohttp.ClientSession, url: str, **kw: object) -> aiohttp.ClientResponse:
    for _ in range(100):  # the webhook server may take a moment to bind
        try:
            return await http.post(url, **kw)  # type: ignore[arg-type]
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.2)
    raise AssertionError(f"nothing listens at {url}")


async def raw_post(port: int, path: str, headers: dict[str, str]) -> bytes:
    """Send only the headers of a request (announcing a body that never comes) and read the answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}\r\n".encode())
    await writer.drain()
    try:
        return await asyncio.wait_for(reader.read(200), 5)
    finally:
        writer.close()


@pytest.fixture
async def bot_in_tmp(tg: TelegramStandIn, tmp_path: Path) -> AsyncIterator[None]:
    running = await start_bot(tg, tmp_path / "db.json")
    yield
    await running.shutdown()


def update(update_id: int, chat: int, text: str, tg: TelegramStandIn) -> dict[str, object]:
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 0, "from": tg.user(chat),
                                                "chat": {"id": chat, "type": "private"}, "text": text}}


async def test_webhook_without_a_configured_secret_makes_one_and_checks_headers_before_bodies(tg, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    proc = await launch(tg, tmp_path, CITYBOT_WEBHOOK_URL=url, CITYBOT_PORT=str(port), CITYBOT_LISTEN="127.0.0.1")
    try:
        await tg.until(lambda: tg.webhook is not None, timeout=30)
        secret = str(tg.webhook.get("secret_token") or "")  # type: ignore[union-attr]
        assert len(secret) >= 32, "a webhook without a secret lets anyone post updates as an admin"
        forged = update(1, ADMIN, "/rollback saltillo", tg)
        async with aiohttp.ClientSession() as http:
            assert (await post_when_up(http, url, json=forged)).status == 403
            assert (await http.post(url, json=forged, headers={HEADER: "guess"})).status == 403
        # A stranger announcing 90 MB is turned away on the headers; nothing waits for the body.
        answer = await raw_post(port, "/hook", {"Content-Type": "application/json", "Content-Length": "94371840"})
        assert answer.startswith(b"HTTP/1.1 403")
        # Even with the secret, a body no update comes near is refused before it is read.
        answer = await raw_post(port, "/hook", {"Content-Type": "application/json", "Content-Length": "94371840",
                                                HEADER: secret})
        assert answer.startswith(b"HTTP/1.1 413")
        async with aiohttp.ClientSession() as http:
            question = update(2, 77, "saltillo mayor", tg)
            for _ in range(2):  # Telegram retries a delivery it did not see acknowledged: same update_id
                assert (await http.post(url, json=question, headers={HEADER: secret})).status == 200
        (reply,) = await tg.reply(77)
        assert "Manolo Jiménez Salinas" in reply.plain
        await asyncio.sleep(1)
        assert len(tg.to(77)) == 1, "the redelivered update was answered twice"
        assert not tg.to(ADMIN)
    finally:
        log = await stop(proc)
    assert secret not in log


async def test_edited_rollback_does_not_roll_back_again(tg: TelegramStandIn, store: Store, tmp_path: Path):
    versions = [synthetic_city("Synthville", leader=name) for name in ("First", "Second", "Third")]
    for v in versions:  # three published versions, so a second rollback would have something to undo
        store.publish(store.plan_all([v]))
    bot = await start_bot(tg, store.path)
    try:
        rolled = await tg.ask(ADMIN, "/rollback synthville")
        assert "rolled back" in rolled.plain
        command = tg.said[-1]
        await tg.edits_message(command, "/rollback synthville ")
        await tg.edits_message(command, "synthville mayor")  # an edit is answered as a question at most
        (answer,) = await tg.reply(ADMIN, after=1)
        assert "Second" in answer.plain
        await asyncio.sleep(0.5)
        assert len(tg.to(ADMIN)) == 2
        statuses = [v.status for v in Store(store.path).cities()["synthville|testland"].versions]
        assert statuses == ["published", "published", "rolled back"]
    finally:
        await bot.shutdown()


async def run_until_exit(tg: TelegramStandIn, tmp_path: Path, **env: str) -> tuple[int, str]:
    proc = await launch(tg, tmp_path, **env)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode or 0, (out + err).decode()


async def test_a_rejected_token_is_one_line_and_never_shown(tg, tmp_path):
    wrong = "654321:WRONG-token-Never-Shown"
    code, output = await run_until_exit(tg, tmp_path, CITYBOT_TOKEN=wrong)
    assert code == 1 and wrong not in output and "WRONG" not in output
    assert output.strip() == "cannot start CityBot: Telegram rejected the token (401 Unauthorized): check " \
                             "CITYBOT_TOKEN against @BotFather"


async def test_a_wrong_api_address_is_one_line_and_never_shows_the_token(tg, tmp_path):
    wrong_url = f"http://127.0.0.1:{tg.port}/not-the-api/bot"
    code, output = await run_until_exit(tg, tmp_path, CITYBOT_API_URL=wrong_url)
    assert code == 1 and TOKEN not in output and TOKEN.split(":")[1] not in output
    assert output.strip() == f"cannot start CityBot: no Bot API at {wrong_url} (it answered 404 Not Found): " \
                             "check CITYBOT_API_URL"


async def test_a_silent_api_address_is_one_line(tg, tmp_path):
    url = f"http://127.0.0.1:{free_port()}/bot"
    code, output = await run_until_exit(tg, tmp_path, CITYBOT_API_URL=url)
    assert code == 1 and TOKEN not in output and "Traceback" not in output
    assert output.strip().startswith(f"cannot start CityBot: cannot reach the Bot API at {url}")
    assert len(output.strip().splitlines()) == 1




async def test_a_lone_surrogate_in_a_question_breaks_nothing_later(tg: TelegramStandIn, tmp_path: Path):
    bot = await start_bot(tg, tmp_path / "db.json")
    try:
        first = await tg.ask(42, "saltillo \ud800 mayor")
        assert "Manolo Jiménez Salinas" in first.plain
        await tg.ask(42, "\udfff")
        for question in ("saltillo mayor", "vienna mayor"):
            assert "Sorry" not in (await tg.ask(43, question)).plain
        assert "Michael Ludwig" in (await tg.ask(43, "vienna mayor")).plain
        stats = await tg.ask(ADMIN, "/stats")
        assert "Questions asked: 5" in stats.plain
    finally:
        await bot.shutdown()
    restarted = await start_bot(tg, tmp_path / "db.json")  # and nothing stored stops the next start
    try:
        assert "Manolo Jiménez Salinas" in (await tg.ask(44, "saltillo mayor")).plain
    finally:
        await restarted.shutdown()


async def test_buttons_pointing_at_another_kind_of_payload_are_refused_politely(tg, bot_in_tmp):
    miss = await tg.ask(42, "/city Atlantis")  # its buttons hold a city key ("card")
    card_token = miss.button("Atlanta").split(":")[1]
    answer = await tg.ask(42, "saltillo mayor")  # its buttons hold (key, topic, language) ("ask")
    ask_token = answer.button("Population").split(":")[1]
    forged = [f"{kind}:{card_token}:0" for kind in ("ask", "cmp", "chart", "list", "sub")]
    forged += [f"{kind}:{ask_token}:0" for kind in ("card", "chart", "cmp")]  # ("list" would show its 3 strings)
    for data in forged:
        await tg.presses_data(42, data)
    await tg.until(lambda: len(tg.callback_answers) >= len(forged))
    await asyncio.sleep(0.3)
    assert not [s.plain for s in tg.to(42) if "went wrong" in s.plain]
    assert [a.get("text") for a in tg.callback_answers] == ["Expired"] * len(forged)
    assert "Manolo Jiménez Salinas" in (await tg.ask(42, "saltillo mayor")).plain


async def test_a_button_of_one_kind_never_acts_on_another_kinds_payload(tg, bot_in_tmp):
    """Every kind's token presented as every other kind: an "ask" payload's three strings are a list of
    three strings too, and a "sub" payload's two a question; the kind stored with it tells them apart."""
    answer = await tg.ask(42, "saltillo mayor")
    compared = await tg.ask(42, "compare Denver and Seattle")
    listed = await tg.ask(42, "cities in the United States")
    missed = await tg.ask(42, "/city Atlantis")
    tokens = {"ask": answer.button("Population"), "sub": answer.button("Subscribe"),
              "cmp": answer.button("Compare with"), "chart": compared.button("Chart"),
              "list": listed.button("Show all"), "card": missed.button("Atlanta")}
    tokens = {kind: data.split(":")[1] for kind, data in tokens.items()}
    kinds = ("ask", "askq", "card", "sub", "cmp", "chart", "list")
    forged = [f"{other}:{token}:0" for kind, token in tokens.items() for other in kinds if other != kind]
    before = len(tg.to(42))
    for data in forged:
        await tg.presses_data(42, data)
    await tg.until(lambda: len(tg.callback_answers) >= len(forged))
    await asyncio.sleep(0.3)
    assert [a.get("text") for a in tg.callback_answers] == ["Expired"] * len(forged) == ["Expired"] * 36
    assert {s.plain for s in tg.to(42)[before:]} <= {  # 36 presses at once: the flooding notice may come too
        "This button has expired; please ask again.",
        "You are sending messages faster than I can answer; I will answer them in turn."}
    assert (await tg.ask(42, "/subscriptions")).plain.startswith("You follow no city.")
    await tg.presses_data(42, f"list:{tokens['list']}:1")  # the real kind still works: the list's second page
    await tg.until(lambda: tg.edits(42))
    assert tg.edits(42)[-1].plain.splitlines()[:2] == ["Durham", "Fort Collins"]  # after Akron … Denver, CO


async def test_a_chart_caption_over_telegrams_limit_is_cut_with_an_ellipsis(tg: TelegramStandIn, store: Store):
    names = [f"Synthetic {letter} " + "&" * 180 for letter in "ABCD"]  # escaped, each name is over 900 characters
    store.publish(store.plan_all([synthetic_city(n, leader="Synthetic Mayor", policy_areas=["Water", "Housing"])
                                  for n in names], similar="new"))
    bot = await start_bot(tg, store.path)
    try:
        keys = sorted(k for k in bot.service.engine.current if k.startswith("synthetic"))
        token = bot.service.remember("chart", [keys, "policy_areas", "en"])
        await tg.presses_data(42, f"chart:{token}")
        (photo,) = await tg.reply(42)
        assert photo.method == "sendPhoto" and photo.plain.endswith("…")
        assert len(photo.text) <= 1024 and photo.plain.startswith("Policy areas")
    finally:
        await bot.shutdown()
    assert not tg.refused


async def test_a_long_line_of_emoji_and_escaped_characters_arrives_whole(tg: TelegramStandIn, store: Store):
    # Telegram counts UTF-16 units: 6,000 emoji are 12,000 of them; each & is escaped to five characters.
    store.publish(store.plan_all([synthetic_city("Synthemoji", spotlight="😀" * 6000 + "&" * 5000)]))
    bot = await start_bot(tg, store.path)
    try:
        await tg.says(42, "synthemoji spotlight")
        await tg.until(lambda: sum(s.plain.count("&") for s in tg.to(42)) >= 5000, timeout=20)
        assert sum(s.plain.count("😀") for s in tg.to(42)) == 6000
        assert sum(s.plain.count("&") for s in tg.to(42)) == 5000 and len(tg.to(42)) > 2
    finally:
        await bot.shutdown()
    assert not tg.refused


def health(tmp_path: Path, beat: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "health"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={"CITYBOT_HEARTBEAT": str(beat), "CITYBOT_DB": str(tmp_path / "db.json")})


async def test_the_health_check_tells_whether_the_bot_process_is_alive(tg, tmp_path):
    beat = tmp_path / "heartbeat"
    proc = await launch(tg, tmp_path, CITYBOT_HEARTBEAT=str(beat))
    try:
        await tg.until(beat.exists, timeout=30)
        alive = await asyncio.to_thread(health, tmp_path, beat)
        assert alive.returncode == 0 and alive.stdout.startswith("alive: last heartbeat")
        old = time.time() - 200
        os.utime(beat, (old, old))  # as if the loop had hung for minutes
        hung = await asyncio.to_thread(health, tmp_path, beat)
        assert hung.returncode == 1 and "not responding: the last heartbeat" in hung.stderr
    finally:
        await stop(proc)
    gone = await asyncio.to_thread(health, tmp_path, beat)
    assert gone.returncode == 1 and gone.stderr.startswith("not running: no heartbeat at")


async def test_an_upload_with_thousands_of_problems_gets_one_short_reply(tg, bot_in_tmp):
    record = {"source_url": "u", "city": "X", "country": "Y", **{f"synthetic_key_{i}": 1 for i in range(5000)}}
    await tg.sends_file(ADMIN, "many.json", json.dumps(record).encode())
    (reply,) = await tg.reply(ADMIN)
    await asyncio.sleep(0.5)
    assert len(tg.to(ADMIN)) == 1 and len(reply.plain) < 1500
    assert "…and 4,990 more problems like these" in reply.plain


async def test_a_windows_1252_change_is_a_change_not_a_whole_new_page(tg, bot_in_tmp):
    patch = '{"city": "Saltillo", "leader": "Ana Pérez"}'.encode("cp1252")
    await tg.sends_file(ADMIN, "saltillo.json", patch)
    (preview,) = await tg.reply(ADMIN)
    assert "update, 1 field changed" in preview.plain and "Mayor: Manolo Jiménez Salinas → Ana Pérez" in preview.plain


async def test_deeply_nested_json_upload_is_refused_in_one_message(tg, bot_in_tmp):
    await tg.sends_file(ADMIN, "deep.json", b'{"city": "Saltillo", "team": ' + b"[" * 50_000 + b"]" * 50_000 + b"}")
    (reply,) = await tg.reply(ADMIN)
    assert "the JSON is nested too deeply to be a snapshot" in reply.plain and "went wrong" not in reply.plain


async def test_a_telegram_file_name_over_a_thousand_characters_stores_nothing(tg, bot_in_tmp):
    name = "synthetic-" + "n" * 1490 + ".json"
    await tg.sends_file(ADMIN, name, json.dumps({"city": "Synthlong", "country": "Testland"}).encode())
    (reply,) = await tg.reply(ADMIN)
    assert "the file's name: text of 1,505 characters; at most 1,000 are allowed — shorten it" in reply.plain
    assert not reply.buttons  # no Publish: nothing that would fail validation later can be stored


@pytest.fixture
def logging_restored() -> Iterator[None]:
    """configure_logging changes the root logger for the whole process: put it back for the next tests."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, logging.getLogger("httpx").level, logging.getLogger("telegram.request").level)
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    logging.getLogger("httpx").setLevel(saved[2])
    logging.getLogger("telegram.request").setLevel(saved[3])


def test_log_lines_never_show_the_token_or_the_webhook_secret(capsys, logging_restored):
    from bot.config import Settings, configure_logging

    settings = Settings(token="123456:Sup3r-Secret-Token", webhook_secret="hook-Secret-42")  # type: ignore[call-arg]
    configure_logging(settings)
    try:
        raise RuntimeError("POST https://api.telegram.org/bot123456:Sup3r-Secret-Token/getMe with hook-Secret-42")
    except RuntimeError:
        logging.getLogger("citybot.test").exception("request failed for %s", "123456:Sup3r-Secret-Token")
    err = capsys.readouterr().err
    assert "Sup3r" not in err and "hook-Secret" not in err
    assert "request failed for <CITYBOT_TOKEN>" in err and "bot<CITYBOT_TOKEN>/getMe with <CITYBOT_WEBHOOK_SECRET>" in err


async def test_a_webhook_secret_made_up_at_start_is_never_logged(tg, tmp_path, capsys, logging_restored):
    from bot.config import Settings, configure_logging
    from bot.telegram.app import build_application, make_service, serve

    port = free_port()
    settings = Settings(token=TOKEN, admins=[ADMIN], db=tmp_path / "db.json", api_url=tg.api_url,  # type: ignore[arg-type]
                        file_url=tg.file_url, webhook_url=f"http://127.0.0.1:{port}/hook", port=port, listen="127.0.0.1")
    configure_logging(settings)
    service = make_service(settings)
    stopping = asyncio.Event()
    task = asyncio.create_task(serve(build_application(settings, service), settings, stopping))
    try:
        await tg.until(lambda: tg.webhook is not None, timeout=30)
        secret = str(tg.webhook["secret_token"])  # type: ignore[index]
        logging.getLogger("citybot.test").warning("a forged update without %s", secret)
    finally:
        stopping.set()
        await asyncio.wait_for(task, 30)
        service.close()
    err = capsys.readouterr().err
    assert len(secret) >= 32 and secret not in err
    assert "a forged update without <CITYBOT_WEBHOOK_SECRET>" in err


async def test_a_webhook_url_telegram_refuses_is_one_line(tg, tmp_path):
    code, output = await run_until_exit(tg, tmp_path, CITYBOT_WEBHOOK_URL="http://bot.example.org/hook",
                                        CITYBOT_PORT=str(free_port()), CITYBOT_LISTEN="127.0.0.1")
    assert code == 1 and "Traceback" not in output and TOKEN not in output
    assert output.strip().splitlines()[-1] == (
        "cannot start CityBot: Telegram refused the webhook http://bot.example.org/hook (Bad webhook: an https url "
        "must be provided for webhook): check CITYBOT_WEBHOOK_URL")
    assert not [line for line in output.splitlines() if " ERROR " in line]  # PTB's INFO start/stop lines only
