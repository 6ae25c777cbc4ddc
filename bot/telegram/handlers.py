"""Thin Telegram handlers: read the update, call the Service, send its Reply.

Every text that reaches Telegram was rendered as HTML by the Service with data escaped; here it is
only split to Telegram's length limit and sent. The reader's language comes from Telegram's
`language_code` (es, es-MX, es-AR … -> Spanish); a question's own words override it (contract C).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar

from telegram import (
    ChatMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import links, render
from bot.notify import Notifier
from bot.reply import Reply
from bot.service import GROUP_ADMIN_BUTTONS, PERSONAL_BUTTONS, Service
from bot.texts import language, t
from knowledge.storage import NotStored

log = logging.getLogger(__name__)
R = TypeVar("R")
OWNER = "~"  # callback data "cities:1:~42": a button only user 42 may press (see PERSONAL_BUTTONS)


def service(context: ContextTypes.DEFAULT_TYPE) -> Service:
    return context.bot_data["service"]


async def off_loop(call: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """Run a Service call in a worker thread: store reads and writes, and drawing a chart, never hold up other chats."""
    return await asyncio.to_thread(call, *args, **kwargs)


def keyboard(reply: Reply, lang: str, bot_username: str | None = None, owner: int | None = None) -> InlineKeyboardMarkup | None:
    """The reply's buttons; in a group, paging buttons carry the id of the only person who may press them."""
    rows = []
    for row in reply.buttons:
        buttons = []
        for label, data in row:
            if owner is not None and data.partition(":")[0] in PERSONAL_BUTTONS:
                data = f"{data}{OWNER}{owner}"
            if len(data.encode()) <= 64:
                buttons.append(InlineKeyboardButton(label[:64], callback_data=data))
        if buttons:
            rows.append(buttons)
    if reply.share and bot_username:
        rows.append([InlineKeyboardButton(t("btn_share", reply.lang or lang), url=links.share_url(bot_username, reply.share))])
    return InlineKeyboardMarkup(rows) if rows else None


def _group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def respond(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply, lang: str = "en") -> None:
    """Send a reply; in a group it answers the message it replies to, so the thread stays readable."""
    chat = update.effective_chat
    if chat is None or not (reply.html or reply.photo):
        return
    msg = update.effective_message
    in_group = _group(update)
    quote = ReplyParameters(message_id=msg.message_id, allow_sending_without_reply=True) \
        if in_group and msg is not None and update.callback_query is None else None
    if reply.photo:
        caption = render.shorten(reply.caption, render.CAPTION_LIMIT) if reply.caption else None
        await context.bot.send_photo(chat.id, reply.photo, caption=caption, parse_mode=ParseMode.HTML,
                                     reply_parameters=quote)
        return
    owner = _user(update) if in_group else None
    parts = render.split(reply.html)
    for i, part in enumerate(parts):
        markup = keyboard(reply, lang, context.bot.username, owner) if i == len(parts) - 1 else None
        await context.bot.send_message(chat.id, part, parse_mode=ParseMode.HTML, reply_markup=markup,
                                       reply_parameters=quote if i == 0 else None)


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
    return language(user.language_code if user else None)


async def _run(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    await respond(update, context, reply, _lang(update))


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start, also from a deep link t.me/<bot>?start=saltillo (Telegram sends "/start saltillo")."""
    payload = context.args[0] if context.args else ""
    await _run(update, context, await off_loop(service(context).start, _lang(update), payload))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = service(context)
    await _run(update, context, await off_loop(svc.help, _lang(update), svc.admin.is_admin(_user(update))))


async def cities(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _run(update, context, await off_loop(service(context).cities, _args(context), 0, _lang(update)))


async def city(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _run(update, context, await off_loop(service(context).card, _args(context), _lang(update)))


async def compare(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _run(update, context, await off_loop(service(context).compare, _args(context), _lang(update)))


async def _may_manage_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """A group's subscriptions are its administrators' to change (asked of Telegram, which knows)."""
    if not _group(update):
        return True
    user = _user(update)
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(_chat(update), user)
    except TelegramError:
        log.warning("could not ask Telegram whether %s administers chat %s", user, _chat(update))
        return False
    return member.status in (ChatMember.OWNER, ChatMember.ADMINISTRATOR)


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = _lang(update)
    if not await _may_manage_group(update, context):
        await respond(update, context, Reply(render.escape(t("group_admins_only", lang))), lang)
        return
    await respond(update, context, await off_loop(service(context).subscribe, _chat(update), _args(context), lang), lang)


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = _lang(update)
    if not await _may_manage_group(update, context):
        await respond(update, context, Reply(render.escape(t("group_admins_only", lang))), lang)
        return
    await respond(update, context, await off_loop(service(context).unsubscribe, _chat(update), _args(context), lang), lang)


async def subscriptions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _run(update, context, await off_loop(service(context).subscriptions, _chat(update), _lang(update)))


async def history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _run(update, context, await off_loop(service(context).admin.history, _user(update), _args(context), _lang(update)))


async def once(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """First in line for every update: one Telegram delivered before (a webhook retry) stops here."""
    if isinstance(update, Update) and not await first_time(context, f"update:{update.update_id}"):
        log.info("update %s arrived again; handled once already", update.update_id)
        raise ApplicationHandlerStop


async def first_time(context: ContextTypes.DEFAULT_TYPE, marker: str) -> bool:
    """Kept in the operations store, so a retry after a restart is still recognised. A full disk
    cannot record it: the update is handled (a question never needs the disk)."""
    try:
        return await off_loop(service(context).operations.first_time, marker)
    except NotStored as e:
        log.warning("update not marked as handled: %s", e)
        return True


async def rollback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    msg = update.effective_message
    if msg is not None and not await first_time(context, f"command:{msg.chat_id}:{msg.message_id}"):
        return  # this very message rolled back once already
    reply = await off_loop(service(context).admin.rollback, _user(update), _args(context), _lang(update))
    if reply.published:
        _wake(context)
    await _run(update, context, reply)


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _run(update, context, await off_loop(service(context).admin.stats, _user(update), _lang(update)))


async def upload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/upload with no file: the admin's next document is the upload."""
    admin, user, lang = service(context).admin, _user(update), _lang(update)
    if not admin.is_admin(user):
        await respond(update, context, admin.refuse(lang), lang)
        return
    if user is not None:
        admin.awaiting_file.add(user)
    await respond(update, context, Reply(render.escape(t("upload_prompt", lang))), lang)


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    msg, admin, user, lang = update.effective_message, service(context).admin, _user(update), _lang(update)
    if msg is None or msg.document is None:
        return
    doc = msg.document
    wants = (msg.caption or "").strip().startswith("/upload") or user in admin.awaiting_file
    if not wants:
        if msg.chat.type == ChatType.PRIVATE:
            await respond(update, context, Reply(render.escape(t("upload_hint", lang))), lang)
        return
    if not admin.is_admin(user):
        await respond(update, context, admin.refuse(lang), lang)
        return
    data = None
    if doc.file_size is None or doc.file_size <= admin.max_upload_bytes:
        file = await context.bot.get_file(doc.file_id)
        data = bytes(await file.download_as_bytearray())
    size = doc.file_size if doc.file_size is not None else len(data or b"")
    await respond(update, context, await off_loop(admin.upload, user, doc.file_name or "upload.txt", size, data, lang), lang)


async def media(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker, voice note, photo or location in a private chat: one line on what the bot does."""
    msg = update.effective_message
    if msg is None or msg.chat.type != ChatType.PRIVATE:
        return
    lang = _lang(update)
    examples = await off_loop(service(context).examples, lang)
    await respond(update, context, Reply(render.escape(t("media_hint", lang, example=examples[0] if examples else "Saltillo"))),
                  lang)


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
        reply = await off_loop(service(context).ask, text, chat=str(_chat(update)), lang=_lang(update))
        await _run(update, context, reply)


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    q = update.callback_query
    if q is None:
        return
    lang, user = _lang(update), _user(update)
    data = q.data or ""
    kind = data.partition(":")[0]
    if kind in PERSONAL_BUTTONS and OWNER in data:
        data, _, shown_to = data.rpartition(OWNER)
        if shown_to.isdigit() and int(shown_to) != user:
            await q.answer(t("not_yours", lang), show_alert=True)
            return
    if kind in GROUP_ADMIN_BUTTONS and not await _may_manage_group(update, context):
        await q.answer(t("group_admins_only", lang), show_alert=True)
        return
    chat_id = update.effective_chat.id if update.effective_chat else user
    svc = service(context)
    reply = await off_loop(svc.press, user, chat_id, data, lang)  # a chart takes a while to draw
    if reply.published:
        _wake(context)
    await q.answer(reply.toast or None)
    if reply.edit and not reply.photo and q.message is not None:
        owner = user if _group(update) else None
        await q.edit_message_text(render.split(reply.html)[0], parse_mode=ParseMode.HTML,
                                  reply_markup=keyboard(reply, lang, context.bot.username, owner))
    else:
        await respond(update, context, reply, lang)


async def inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@botname saltillo mayor, in any chat: the answer, the city's card, a comparison, to pick and send.

    An empty query gets a hint (the button above the results, which opens the bot) and no results;
    a query that cannot be answered gets no results rather than an error someone might send.
    """
    query = update.inline_query
    if query is None:
        return
    lang = _lang(update)
    svc = service(context)
    text = query.query.strip()
    examples = await off_loop(svc.examples, lang)
    hint = InlineQueryResultsButton(text=t("inline_hint", lang, example=examples[0] if examples else "Saltillo")[:64],
                                    start_parameter="help")
    if not text:
        await query.answer([], cache_time=5, button=hint, is_personal=True)
        return
    username = context.bot.username
    results = []
    for r in await off_loop(svc.inline, text, lang):
        markup = None
        if r.share and username:
            markup = InlineKeyboardMarkup([[InlineKeyboardButton(t("btn_open_bot", r.lang),
                                                                 url=links.url(username, r.share))]])
        results.append(InlineQueryResultArticle(id=r.id, title=r.title, description=r.description, reply_markup=markup,
                                                input_message_content=InputTextMessageContent(r.html,
                                                                                              parse_mode=ParseMode.HTML)))
    await query.answer(results, cache_time=30, button=None if results else hint, is_personal=True)


def _wake(context: ContextTypes.DEFAULT_TYPE) -> None:
    notifier: Notifier | None = context.bot_data.get("notifier")
    if notifier:
        notifier.wake.set()


async def error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log it, tell the person briefly, keep running."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(update.effective_chat.id, t("error", _lang(update)))
        except Exception:  # noqa: BLE001 - the error handler itself must never raise
            log.exception("could not report the error to the chat")
