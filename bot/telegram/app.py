"""All Telegram wiring in one place: the Application, its handlers, the notifier, polling or webhook.

Store work of the running bot happens in worker threads (handlers call the Service through
`asyncio.to_thread`; the notifier and the facts watcher likewise), so the event loop only moves
messages. A watcher notices facts written by another process (a CLI import) and swaps in a fresh
answer index built beside the one in use.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from pathlib import Path
from urllib.parse import urlparse

from telegram import BotCommand, BotCommandScopeChat, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import HEARTBEAT_EVERY, Settings, configure_logging, load_settings
from bot.notify import Moved, Notifier, Outcome
from bot.reply import Buttons
from bot.service import Service
from bot.telegram import handlers as h
from bot.telegram.pacing import BROADCAST, FairUpdateProcessor, PriorityRateLimiter
from bot.telegram.webhook import WebhookServer
from bot.texts import ADMIN_COMMANDS, PUBLIC_COMMANDS, language, t
from knowledge.storage import NotStored, StoreCorrupted, StoreUnavailable
from knowledge.store import open_stores

log = logging.getLogger(__name__)
WATCH_EVERY = 1.0  # seconds between two checks for facts written by another process
PRUNE_EVERY = 3600.0  # seconds between two clean-ups of expired operational state

LANGUAGES = ("en", "es")  # English is also the default for every other language_code


async def introduce(app: Application, admins: list[int]) -> None:
    """Command menus, description and short description, per language, so the bot explains itself.

    The admin commands are added to the menu of each admin's own chat only (BotCommandScopeChat):
    everyone else never sees commands that would only refuse them.
    """
    for lang in LANGUAGES:
        code = None if lang == "en" else lang
        public = [BotCommand(name, t(f"cmd_{name}", lang)) for name in PUBLIC_COMMANDS]
        admin = public + [BotCommand(name, t(f"cmd_{name}", lang)) for name in ADMIN_COMMANDS]
        await app.bot.set_my_commands(public, language_code=code)
        for admin_id in admins:
            await app.bot.set_my_commands(admin, scope=BotCommandScopeChat(admin_id), language_code=code)
        await app.bot.set_my_description(t("bot_description", lang), language_code=code)
        await app.bot.set_my_short_description(t("bot_short_description", lang), language_code=code)


def telegram_send(app: Application) -> object:
    """The notifier's `send`: Telegram's answers turned into Outcomes."""

    async def send(chat_id: int, text: str, buttons: Buttons | None = None) -> Outcome | Moved:
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                       for row in buttons if row]) if buttons else None
        try:
            await app.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, rate_limit_args=BROADCAST,
                                       reply_markup=markup)
            return Outcome.SENT
        except ChatMigrated as e:
            return Moved(e.new_chat_id)
        except Forbidden:
            return Outcome.GONE
        except RetryAfter as e:  # the rate limiter's own retries ran out: wait, then try again later
            delay = e.retry_after if isinstance(e.retry_after, int | float) else e.retry_after.total_seconds()
            await asyncio.sleep(delay)
            return Outcome.LATER
        except BadRequest as e:
            if "chat not found" in e.message.lower():
                return Outcome.GONE
            log.error("Telegram refused a notification to %s: %s", chat_id, e.message)
            return Outcome.REFUSED
        except (TimedOut, NetworkError):
            return Outcome.LATER

    return send


async def serve(app: Application, settings: Settings, stop: asyncio.Event) -> None:
    """Run until `stop` is set: register commands, deliver notifications, poll (or serve a webhook).

    Used by `python -m bot run` and by the end-to-end tests alike. Stopping lets the update being
    handled and the notification being sent finish, so nothing is lost or sent twice.
    """
    async with app:
        service: Service = app.bot_data["service"]
        await introduce(app, sorted(service.admin.admins))
        notifier = Notifier(service.operations, telegram_send(app))  # type: ignore[arg-type]
        app.bot_data["notifier"] = notifier
        await app.start()
        delivery = asyncio.create_task(notifier.run())
        watcher = asyncio.create_task(watch_facts(service))
        beat = asyncio.create_task(heartbeat(settings.heartbeat)) if settings.heartbeat else None
        server: WebhookServer | None = None
        try:  # a refused setWebhook stops what was started, like a SIGTERM, and is reported by run()
            if settings.webhook_url:
                url = str(settings.webhook_url)
                # Without a secret anyone who finds the URL could post updates as an admin: the settings make one up.
                secret = settings.webhook_secret.get_secret_value()
                server = WebhookServer(app, urlparse(url).path, secret)
                server.start(settings.listen, settings.port)
                await app.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
            else:
                await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)  # type: ignore[union-attr]
            log.info("CityBot running (%s)", "webhook" if server else "long polling")
            await stop.wait()
        finally:
            if server is not None:
                await server.stop()
            elif app.updater and app.updater.running:
                await app.updater.stop()
            watcher.cancel()
            if beat is not None:
                beat.cancel()
                settings.heartbeat.unlink(missing_ok=True)  # type: ignore[union-attr]  # stopped: no longer alive
            await notifier.stop(delivery)
            await app.stop()


async def heartbeat(path: Path) -> None:
    """Touch `path` while the event loop runs, so a health check can tell a live bot from a hung or dead one."""
    while True:
        await asyncio.to_thread(path.touch)
        await asyncio.sleep(HEARTBEAT_EVERY)


async def watch_facts(service: Service) -> None:
    """Follow facts written by another process: a fresh index is built in a thread and swapped in.
    Once an hour, expired buttons, previews, markers and contexts are forgotten."""
    last_prune = time.monotonic()
    while True:
        await asyncio.sleep(WATCH_EVERY)
        try:
            await asyncio.to_thread(service.refresh)
        except Exception:  # noqa: BLE001 - a store being rewritten right now is read again next time
            log.exception("could not read the facts store; answering from the previous view")
        if time.monotonic() - last_prune > PRUNE_EVERY:
            last_prune = time.monotonic()
            try:
                await asyncio.to_thread(service.operations.prune)
            except NotStored as e:
                log.warning("expired operational state not pruned: %s", e)


# Commands and uploads run for new messages only: editing "/rollback Denver" must not roll back again.
# An edited question is still answered (the MessageHandler for text takes edits too).
NEW = filters.UpdateType.MESSAGE


def build_application(settings: Settings, service: Service) -> Application:
    app = (
        ApplicationBuilder()
        .token(settings.token.get_secret_value())
        .base_url(settings.api_url)
        .base_file_url(settings.file_url)
        # Telegram allows about 30 messages a second: 30 in any 1.02 s, replies first.
        .rate_limiter(PriorityRateLimiter(shared=service.operations.send_slot))
        .concurrent_updates(FairUpdateProcessor(on_flood=flood_notice))
        .build()
    )
    app.bot_data["service"] = service
    app.add_handler(TypeHandler(Update, h.once), group=-1)  # a redelivered update stops here
    for name, callback in (("start", h.start), ("help", h.help_command), ("cities", h.cities), ("city", h.city),
                           ("compare", h.compare), ("subscribe", h.subscribe), ("unsubscribe", h.unsubscribe),
                           ("subscriptions", h.subscriptions), ("history", h.history), ("rollback", h.rollback),
                           ("stats", h.stats)):
        app.add_handler(CommandHandler(name, callback, filters=NEW))
    app.add_handler(MessageHandler(filters.Document.ALL & NEW, h.document))
    app.add_handler(CommandHandler("upload", h.upload_command, filters=NEW))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, h.question))
    app.add_handler(MessageHandler(filters.Sticker.ALL | filters.VOICE | filters.AUDIO | filters.PHOTO | filters.VIDEO
                                   | filters.VIDEO_NOTE | filters.LOCATION | filters.VENUE | filters.CONTACT, h.media))
    app.add_handler(CallbackQueryHandler(h.button))
    app.add_handler(InlineQueryHandler(h.inline))
    app.add_error_handler(h.error)
    return app


async def flood_notice(update: Update) -> None:
    """Told once to a chat with many messages waiting: they are answered in turn."""
    if update.effective_chat is None:
        return
    user = update.effective_user
    lang = language(user.language_code if user else None)
    await update.get_bot().send_message(update.effective_chat.id, t("flood_notice", lang))


def make_service(settings: Settings) -> Service:
    url = settings.database_url.get_secret_value() if settings.database_url else None
    stores = open_stores(settings.db, database_url=url, claim_lease=settings.claim_lease)
    return Service(stores, set(settings.admins), settings.max_upload_bytes)


def run() -> int:
    settings = load_settings()
    configure_logging(settings)
    try:
        service = make_service(settings)
    except (StoreUnavailable, StoreCorrupted, NotStored) as e:  # never start on, or over, a store the bot cannot use
        raise SystemExit(f"cannot start CityBot: {e}") from None
    app = build_application(settings, service)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await serve(app, settings, stop)
        log.info("CityBot stopped cleanly")

    try:
        asyncio.run(main())
    except TelegramError as e:  # at start-up (PTB's own message would show the token), or a refused setWebhook
        raise SystemExit(f"cannot start CityBot: {startup_failure(e, settings)}") from None
    finally:
        service.close()
    return 0


def startup_failure(error: TelegramError, settings: Settings) -> str:
    """One line for an operator: which setting to check. Never the token, which PTB puts in its message."""
    cause = str(error.__cause__ or error)
    if isinstance(error, InvalidToken) and ("404" in cause or "Not Found" in cause):
        return f"no Bot API at {settings.api_url} (it answered 404 Not Found): check CITYBOT_API_URL"
    if isinstance(error, InvalidToken):
        return "Telegram rejected the token (401 Unauthorized): check CITYBOT_TOKEN against @BotFather"
    reason = cause.replace(settings.token.get_secret_value(), "<CITYBOT_TOKEN>")
    if isinstance(error, BadRequest) and settings.webhook_url:
        return f"Telegram refused the webhook {settings.webhook_url} ({reason}): check CITYBOT_WEBHOOK_URL"
    if not isinstance(error, NetworkError):
        return f"Telegram refused to start the bot ({reason})"
    return f"cannot reach the Bot API at {settings.api_url} ({reason}): check CITYBOT_API_URL and the network"
