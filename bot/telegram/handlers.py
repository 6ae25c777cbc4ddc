"""Thin Telegram handlers: read the update, call the Service, send its Reply.

Every text that reaches Telegram was rendered as HTML by the Service with data escaped; here it is
only split to Telegram's length limit and sent.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import render
from bot.notify import Notifier
from bot.reply import Reply
from bot.service import Service
from bot.understand import detect_language

log = logging.getLogger(__name__)
R = TypeVar("R")


def service(context: ContextTypes.DEFAULT_TYPE) -> Service:
    return context.bot_data["service"]


async def off_loop(call: Callable[..., R], *args: Any) -> R:
    """Run a Service call in a worker thread: its store reads and writes never hold up other chats."""
    return await asyncio.to_thread(call, *args)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    rows = [[InlineKeyboardButton(label[:64], callback_data=data) for label, data in row if len(data.encode()) <= 64]
            for row in reply.buttons]
    rows = [r for r in rows if r]
    return InlineKeyboardMarkup(rows) if rows else None


async def respond(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    chat = update.effective_chat
    if chat is None or not (reply.html or reply.photo):
        return
    if reply.photo:
        await context.bot.send_photo(chat.id, reply.photo, caption=reply.caption or None, parse_mode=ParseMode.HTML)
        return
    parts = render.split(reply.html)
    for i, part in enumerate(parts):
        markup = keyboard(reply) if i == len(parts) - 1 else None
        await context.bot.send_message(chat.id, part, parse_mode=ParseMode.HTML, reply_markup=markup)


def _args(context: ContextTypes.DEFAULT_TYPE) -> str:
    return " ".join(context.args or [])


def _chat(update: Update) -> int:
    """The chat of a message or button update (always present for the handlers registered here)."""
    if update.effective_chat is None:
        raise ValueError("update without a chat")
    return update.effective_chat.id


def _user(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


def _lang(update: Update) -> str:
    user = update.effective_user
    code = (user.language_code or "") if user else ""
    return "es" if code.startswith("es") else "en"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, await off_loop(service(context).start, _lang(update)))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, await off_loop(service(context).help, _lang(update)))


async def cities(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, await off_loop(service(context).cities, _args(context)))


async def city(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, await off_loop(service(context).card, _args(context)))


async def compare(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, await off_loop(service(context).compare, _args(context)))


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, await off_loop(service(context).subscribe, _chat(update), _args(context), _lang(update)))


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, await off_loop(service(context).unsubscribe, _chat(update), _args(context)))


async def subscriptions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, await off_loop(service(context).subscriptions, _chat(update)))


async def history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, await off_loop(service(context).admin.history, _user(update), _args(context)))


async def once(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """First in line for every update: one Telegram delivered before (a webhook retry) stops here."""
    if isinstance(update, Update) and not await first_time(context, f"update:{update.update_id}"):
        log.info("update %s arrived again; handled once already", update.update_id)
        raise ApplicationHandlerStop


async def first_time(context: ContextTypes.DEFAULT_TYPE, marker: str) -> bool:
    """Kept in the operations store, so a retry after a restart is still recognised."""
    return await off_loop(service(context).operations.first_time, marker)


async def rollback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    msg = update.effective_message
    if msg is not None and not await first_time(context, f"command:{msg.chat_id}:{msg.message_id}"):
        return  # this very message rolled back once already
    reply = await off_loop(service(context).admin.rollback, _user(update), _args(context))
    if reply.published:
        _wake(context)
    await respond(update, context, reply)


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, await off_loop(service(context).admin.stats, _user(update)))


async def upload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/upload with no file: the admin's next document is the upload."""
    admin, user = service(context).admin, _user(update)
    if not admin.is_admin(user):
        await respond(update, context, admin.refuse())
        return
    if user is not None:
        admin.awaiting_file.add(user)
    await respond(update, context, Reply("Send the snapshot file now (.txt page or .json)."))


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    msg, admin, user = update.effective_message, service(context).admin, _user(update)
    if msg is None or msg.document is None:
        return
    doc = msg.document
    wants = (msg.caption or "").strip().startswith("/upload") or user in admin.awaiting_file
    if not wants:
        if msg.chat.type == ChatType.PRIVATE:
            await respond(update, context, Reply("To upload city data, send the file with the caption /upload."))
        return
    if not admin.is_admin(user):
        await respond(update, context, admin.refuse())
        return
    data = None
    if doc.file_size is None or doc.file_size <= admin.max_upload_bytes:
        file = await context.bot.get_file(doc.file_id)
        data = bytes(await file.download_as_bytearray())
    size = doc.file_size if doc.file_size is not None else len(data or b"")
    await respond(update, context, await off_loop(admin.upload, user, doc.file_name or "upload.txt", size, data))


def _addressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The question in a message meant for the bot: any private text; in groups a mention or a reply."""
    msg = update.effective_message
    if msg is None:
        return None
    text = msg.text or ""
    if msg.chat.type == ChatType.PRIVATE:
        return text
    name = context.bot.username or ""
    mention = f"@{name}".lower()
    if name and mention in text.lower():
        return re.sub(re.escape(mention), " ", text, flags=re.I).strip()
    replied = msg.reply_to_message
    if replied and replied.from_user and replied.from_user.id == context.bot.id:
        return text
    return None


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = _addressed(update, context)
    if text is not None:
        await respond(update, context, await off_loop(service(context).ask, text, str(_chat(update)), _lang(update)))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    q = update.callback_query
    if q is None:
        return
    chat_id = update.effective_chat.id if update.effective_chat else _user(update)
    reply = await off_loop(service(context).press, _user(update), chat_id, q.data or "")
    if reply.published:
        _wake(context)
    await q.answer(reply.toast or None)
    if reply.edit and not reply.photo and q.message is not None:
        await q.edit_message_text(render.split(reply.html)[0], parse_mode=ParseMode.HTML, reply_markup=keyboard(reply))
    else:
        await respond(update, context, reply)


async def inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@botname saltillo mayor, in any chat: the answer offered as a result to send."""
    query = update.inline_query
    if query is None:
        return
    text = query.query.strip()
    if not text:
        await query.answer([], cache_time=5)
        return
    title, html, description = await off_loop(service(context).inline, text)
    result = InlineQueryResultArticle(id=hashlib.sha1(text.encode()).hexdigest()[:32], title=title,
                                      description=description,
                                      input_message_content=InputTextMessageContent(html, parse_mode=ParseMode.HTML))
    await query.answer([result], cache_time=30)


def _wake(context: ContextTypes.DEFAULT_TYPE) -> None:
    notifier: Notifier | None = context.bot_data.get("notifier")
    if notifier:
        notifier.wake.set()


async def error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log it, tell the person briefly, keep running."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            lang = detect_language([], (update.effective_message.text or "") if update.effective_message else "")
            text = "Lo siento, algo salió mal. Inténtalo de nuevo." if lang == "es" else \
                "Sorry, something went wrong on my side. Please try again."
            await context.bot.send_message(update.effective_chat.id, text)
        except Exception:  # noqa: BLE001 - the error handler itself must never raise
            log.exception("could not report the error to the chat")
