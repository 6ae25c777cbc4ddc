"""A Bot API stand-in on 127.0.0.1 that answers the way Telegram does, for end-to-end tests.

It speaks the real wire protocol that python-telegram-bot uses (form or multipart requests to
/bot<token>/<method>, JSON `{"ok": …}` answers, long-polled getUpdates, file downloads under
/file/bot<token>/) and enforces what Telegram enforces: HTML that does not parse is a 400 "can't
parse entities", text over 4,096 characters a 400, a chat that blocked the bot a 403, and sends
faster than the configured rate a 429 with `retry_after`. Tests play users by queueing updates.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-not-a-real-token"
BOT = {"id": 999, "is_bot": True, "first_name": "CityBot", "username": "citybot_test",
       "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code",
                "pre", "blockquote", "tg-emoji"}
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)((?:\s+[\w-]+(?:=\"[^\"]*\"|='[^']*'|=[^\s>]+)?)*)\s*>")
ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None,
                 migrate_to: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after, self.migrate_to = code, description, retry_after, migrate_to


def parse_html(text: str) -> str:
    """Telegram's HTML rules: only its tags, properly nested; `<` and `&` only as tags or entities."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "<":
            m = TAG.match(text, i)
            if not m:
                raise ApiError(400, f"Bad Request: can't parse entities: Unexpected character at byte offset {i}")
            closing, name = m.group(1), m.group(2).lower()
            if name not in ALLOWED_TAGS:
                raise ApiError(400, f'Bad Request: can\'t parse entities: Unsupported start tag "{name}" at byte '
                                    f"offset {i}")
            if closing:
                if not stack or stack[-1] != name:
                    raise ApiError(400, f"Bad Request: can't parse entities: Unmatched end tag at byte offset {i}")
                stack.pop()
            else:
                stack.append(name)
            i = m.end()
        elif c == "&":
            m = ENTITY.match(text, i)
            if not m:
                raise ApiError(400, f"Bad Request: can't parse entities: Character entity expected at byte offset {i}")
            out.append(html.unescape(m.group(0)))
            i = m.end()
        else:
            out.append(c)
            i += 1
    if stack:
        raise ApiError(400, f'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "'
                            f'{stack[-1]}"')
    return "".join(out)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Sent:
    method: str
    chat_id: int
    text: str  # as sent (HTML)
    plain: str  # as a user sees it
    message_id: int
    buttons: list[list[dict[str, Any]]] = field(default_factory=list)
    photo: bytes | None = None
    reply_to: int | None = None  # the message this one answers (reply_parameters)
    at: float = field(default_factory=time.monotonic)

    def button(self, label_part: str) -> str:
        """The callback data of the first button whose label contains label_part."""
        for row in self.buttons:
            for b in row:
                if label_part.lower() in b["text"].lower():
                    return b["callback_data"]
        raise AssertionError(f"no button {label_part!r} in {self.buttons}")


class TelegramStandIn:
    def __init__(self, rate_per_second: float | None = None) -> None:
        self.rate = rate_per_second
        self.updates: list[dict[str, Any]] = []
        self.new_update = asyncio.Condition()
        self.sent: list[Sent] = []
        self.refused: list[tuple[str, int, str]] = []  # (method, code, description)
        self.blocked: set[int] = set()
        self.unknown: set[int] = set()  # chats that do not exist (deleted, never started): 400 chat not found
        self.flood: dict[int, int] = {}  # chat id -> how many more sends get a 429
        self.migrated: dict[int, int] = {}  # group chat id -> the supergroup it became
        self.files: dict[str, bytes] = {}
        self.commands: list[dict[str, Any]] = []
        # (scope type, chat id or None, language code or "") -> commands, as setMyCommands stored them
        self.menus: dict[tuple[str, int | None, str], list[dict[str, Any]]] = {}
        self.descriptions: dict[str, str] = {}  # language code ("" = default) -> description
        self.short_descriptions: dict[str, str] = {}
        self.members: dict[tuple[int, int], str] = {}  # (chat, user) -> status; unknown -> "member"
        self.inline_answers: list[dict[str, Any]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.calls: list[str] = []
        self._recent: deque[float] = deque()
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.closing = False
        self.webhook: dict[str, Any] | None = None
        self.said: list[dict[str, Any]] = []  # every message users sent, to edit one later

    # ---- the server ----------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        """Release long polls at once (as Telegram does when a server goes away), then close."""
        self.closing = True
        async with self.new_update:
            self.new_update.notify_all()
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        self.calls.append(method)
        params: dict[str, Any] = {}
        if request.can_read_body:
            if request.content_type == "application/json":
                params = await request.json()
            else:
                form = await request.post()
                for k, v in form.items():
                    params[k] = v.file.read() if hasattr(v, "file") else v
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        try:
            result = await handler(params)
        except ApiError as e:
            self.refused.append((method, e.code, e.description))
            body: dict[str, Any] = {"ok": False, "error_code": e.code, "description": e.description}
            if e.retry_after is not None:
                body["parameters"] = {"retry_after": e.retry_after}
            if e.migrate_to is not None:
                body["parameters"] = {"migrate_to_chat_id": e.migrate_to}
            return web.json_response(body, status=e.code)
        return web.json_response({"ok": True, "result": result})

    async def _file(self, request: web.Request) -> web.Response:
        data = self.files.get(request.match_info["path"])
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data)

    # ---- Bot API methods -----------------------------------------------------------------------

    async def _m_getMe(self, p: dict[str, Any]) -> Any:
        return BOT

    async def _m_deleteWebhook(self, p: dict[str, Any]) -> Any:
        self.webhook = None
        return True

    async def _m_setWebhook(self, p: dict[str, Any]) -> Any:
        if not str(p.get("url", "")).startswith(("http://127.0.0.1", "https://")):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = p
        return True

    async def _m_setMyCommands(self, p: dict[str, Any]) -> Any:
        commands = _json(p["commands"])
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: too many commands")
        for c in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", c["command"]) or not 1 <= len(c["description"]) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        scope = _json(p.get("scope")) or {"type": "default"}
        lang = str(p.get("language_code") or "")
        self.menus[(scope["type"], scope.get("chat_id"), lang)] = commands
        if scope["type"] == "default" and not lang:
            self.commands = commands
        return True

    async def _m_setMyDescription(self, p: dict[str, Any]) -> Any:
        text = str(p.get("description") or "")
        if len(text) > 512:
            raise ApiError(400, "Bad Request: description is too long")
        self.descriptions[str(p.get("language_code") or "")] = text
        return True

    async def _m_setMyShortDescription(self, p: dict[str, Any]) -> Any:
        text = str(p.get("short_description") or "")
        if len(text) > 120:
            raise ApiError(400, "Bad Request: short description is too long")
        self.short_descriptions[str(p.get("language_code") or "")] = text
        return True

    async def _m_getChatMember(self, p: dict[str, Any]) -> Any:
        chat_id, user_id = int(p["chat_id"]), int(p["user_id"])
        status = self.members.get((chat_id, user_id), "member")
        member: dict[str, Any] = {"status": status, "user": self.user(user_id)}
        if status == "administrator":
            member.update({"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
                           "can_delete_messages": True, "can_manage_video_chats": True, "can_restrict_members": True,
                           "can_promote_members": False, "can_change_info": True, "can_invite_users": True,
                           "can_post_stories": False, "can_edit_stories": False, "can_delete_stories": False})
        elif status == "creator":
            member["is_anonymous"] = False
        return member

    async def _m_getUpdates(self, p: dict[str, Any]) -> Any:
        offset = int(p.get("offset") or 0)
        timeout = float(p.get("timeout") or 0)
        if offset:  # like Telegram: an offset confirms, and forgets, every earlier update
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        async with self.new_update:
            while True:
                ready = [u for u in self.updates if u["update_id"] >= offset]
                if ready or self.closing or time.monotonic() >= deadline:
                    return ready[: int(p.get("limit") or 100)]
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.new_update.wait(), deadline - time.monotonic())

    def _check_send(self, chat_id: int) -> None:
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.unknown:
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id in self.migrated:
            raise ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat",
                           migrate_to=self.migrated[chat_id])
        if self.flood.get(chat_id, 0) > 0:
            self.flood[chat_id] -= 1
            raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
        if self.rate:
            now = time.monotonic()
            while self._recent and now - self._recent[0] >= 1.0:
                self._recent.popleft()
            if len(self._recent) >= self.rate:
                raise ApiError(429, "Too Many Requests: retry after 1", retry_after=1)
            self._recent.append(now)

    def _text(self, p: dict[str, Any], key: str = "text", limit: int = 4096) -> tuple[str, str]:
        text = str(p.get(key) or "")
        plain = parse_html(text) if p.get("parse_mode") == "HTML" else text
        if key == "text" and not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(plain) > limit:
            raise ApiError(400, "Bad Request: message is too long" if key == "text"
                           else "Bad Request: message caption is too long")
        return text, plain

    def _record(self, method: str, chat_id: int, text: str, plain: str, p: dict[str, Any],
                photo: bytes | None = None) -> dict[str, Any]:
        markup = _json(p.get("reply_markup")) or {}
        for row in markup.get("inline_keyboard", []):
            for b in row:
                if "callback_data" in b and not 1 <= len(b["callback_data"].encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if "url" in b and not str(b["url"]).startswith(("https://", "http://", "tg://")):
                    raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")
        reply_to = (_json(p.get("reply_parameters")) or {}).get("message_id")
        sent = Sent(method, chat_id, text, plain, next(self._ids), markup.get("inline_keyboard", []), photo, reply_to)
        self.sent.append(sent)
        msg = {"message_id": sent.message_id, "date": int(time.time()), "from": BOT,
               "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}}
        if photo is not None:
            msg["photo"] = [{"file_id": f"photo{sent.message_id}", "file_unique_id": f"p{sent.message_id}",
                             "width": 100, "height": 100}]
            msg["caption"] = plain
        else:
            msg["text"] = plain
        if markup:
            msg["reply_markup"] = markup
        return msg

    async def _m_sendMessage(self, p: dict[str, Any]) -> Any:
        chat_id = int(p["chat_id"])
        text, plain = self._text(p)
        self._check_send(chat_id)
        return self._record("sendMessage", chat_id, text, plain, p)

    async def _m_sendPhoto(self, p: dict[str, Any]) -> Any:
        chat_id = int(p["chat_id"])
        text, plain = self._text(p, "caption", 1024)
        photo = p.get("photo")
        if not isinstance(photo, bytes) or not photo.startswith(b"\x89PNG"):
            raise ApiError(400, "Bad Request: wrong type of the web page content")
        self._check_send(chat_id)
        return self._record("sendPhoto", chat_id, text, plain, p, photo)

    async def _m_editMessageText(self, p: dict[str, Any]) -> Any:
        chat_id = int(p["chat_id"])
        text, plain = self._text(p)
        return self._record("editMessageText", chat_id, text, plain, p)

    async def _m_answerCallbackQuery(self, p: dict[str, Any]) -> Any:
        self.callback_answers.append(p)
        return True

    async def _m_answerInlineQuery(self, p: dict[str, Any]) -> Any:
        results = _json(p["results"])
        if len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [r["id"] for r in results]
        if len(set(ids)) != len(ids) or any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise ApiError(400, "Bad Request: RESULT_ID_DUPLICATE" if len(set(ids)) != len(ids) else
                           "Bad Request: RESULT_ID_INVALID")
        for r in results:
            content = r.get("input_message_content", {})
            text = content.get("message_text", "")
            plain = parse_html(text) if content.get("parse_mode") == "HTML" else text
            if not plain.strip() or utf16_len(plain) > 4096:
                raise ApiError(400, "Bad Request: MESSAGE_EMPTY" if not plain.strip() else "Bad Request: MESSAGE_TOO_LONG")
        button = _json(p.get("button"))
        if button and not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", str(button.get("start_parameter", "x"))):
            raise ApiError(400, "Bad Request: START_PARAM_INVALID")
        self.inline_answers.append({"inline_query_id": p["inline_query_id"], "results": results, "button": button})
        return True

    async def _m_getFile(self, p: dict[str, Any]) -> Any:
        file_id = str(p["file_id"])
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": file_id, "file_size": len(self.files[file_id]),
                "file_path": file_id}

    # ---- playing users -------------------------------------------------------------------------

    async def push(self, update: dict[str, Any]) -> int:
        update = {"update_id": next(self._update_ids), **update}
        async with self.new_update:
            self.updates.append(update)
            self.new_update.notify_all()
        return update["update_id"]

    @staticmethod
    def user(user_id: int, lang: str | None = "en") -> dict[str, Any]:
        """A user as Telegram describes them; `lang=None`: a client that sends no language_code."""
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
        if lang is not None:
            user["language_code"] = lang
        return user

    async def says(self, chat_id: int, text: str, user_id: int | None = None, chat_type: str = "private",
                   reply_to: Sent | None = None, lang: str | None = "en") -> int:
        msg: dict[str, Any] = {"message_id": next(self._ids), "date": int(time.time()),
                               "chat": {"id": chat_id, "type": chat_type}, "from": self.user(user_id or chat_id, lang),
                               "text": text}
        if text.startswith("/"):
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if reply_to is not None:
            msg["reply_to_message"] = {"message_id": reply_to.message_id, "date": int(time.time()), "from": BOT,
                                       "chat": {"id": chat_id, "type": chat_type}, "text": reply_to.plain}
        self.said.append(msg)
        return await self.push({"message": msg})

    async def edits_message(self, message: dict[str, Any], text: str) -> int:
        """The user edits a message they sent: Telegram sends it again, same message id, as `edited_message`."""
        edited = {**message, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        if text.startswith("/"):
            edited["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return await self.push({"edited_message": edited})

    async def sends_file(self, chat_id: int, name: str, data: bytes, caption: str | None = "/upload",
                         user_id: int | None = None, declared_size: int | None = None, lang: str | None = "en") -> int:
        file_id = f"doc{next(self._ids)}_{name}"
        self.files[file_id] = data
        msg: dict[str, Any] = {"message_id": next(self._ids), "date": int(time.time()),
                               "chat": {"id": chat_id, "type": "private"}, "from": self.user(user_id or chat_id, lang),
                               "document": {"file_id": file_id, "file_unique_id": file_id, "file_name": name,
                                            "file_size": declared_size if declared_size is not None else len(data)}}
        if caption:
            msg["caption"] = caption
        return await self.push({"message": msg})

    async def presses(self, message: Sent, label_part: str, user_id: int | None = None, lang: str | None = "en") -> int:
        data = message.button(label_part)
        chat_type = "private" if message.chat_id > 0 else "group"
        query = {"id": str(next(self._ids)), "from": self.user(user_id or message.chat_id, lang), "chat_instance": "ci",
                 "data": data, "message": {"message_id": message.message_id, "date": int(time.time()), "from": BOT,
                                           "chat": {"id": message.chat_id, "type": chat_type}, "text": message.plain}}
        return await self.push({"callback_query": query})

    async def presses_data(self, chat_id: int, data: str, user_id: int | None = None) -> int:
        """A button press with callback data of the caller's making: Telegram passes forged data on unchanged."""
        query = {"id": str(next(self._ids)), "from": self.user(user_id or chat_id), "chat_instance": "ci",
                 "data": data, "message": {"message_id": next(self._ids), "date": int(time.time()), "from": BOT,
                                           "chat": {"id": chat_id, "type": "private"}, "text": "an old message"}}
        return await self.push({"callback_query": query})

    async def types_inline(self, user_id: int, query: str, lang: str | None = "en") -> int:
        return await self.push({"inline_query": {"id": str(next(self._ids)), "from": self.user(user_id, lang),
                                                 "query": query, "offset": ""}})

    async def sends_media(self, chat_id: int, kind: str, lang: str | None = "en") -> int:
        """A sticker, voice note, photo or location, as Telegram delivers them."""
        bodies: dict[str, Any] = {
            "sticker": {"sticker": {"file_id": "st1", "file_unique_id": "st1", "type": "regular", "width": 512,
                                    "height": 512, "is_animated": False, "is_video": False}},
            "voice": {"voice": {"file_id": "vo1", "file_unique_id": "vo1", "duration": 3}},
            "photo": {"photo": [{"file_id": "ph1", "file_unique_id": "ph1", "width": 90, "height": 90}]},
            "location": {"location": {"latitude": 25.42, "longitude": -101.0}},
        }
        msg = {"message_id": next(self._ids), "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
               "from": self.user(chat_id, lang), **bodies[kind]}
        return await self.push({"message": msg})

    # ---- waiting for the bot ---------------------------------------------------------------------

    def to(self, chat_id: int) -> list[Sent]:
        """Messages the bot sent to the chat (edits of earlier messages are not new messages)."""
        return [s for s in self.sent if s.chat_id == chat_id and s.method != "editMessageText"]

    def edits(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id and s.method == "editMessageText"]

    async def reply(self, chat_id: int, after: int = 0, timeout: float = 10.0, count: int = 1) -> list[Sent]:
        """Wait until the bot has sent `count` more messages to the chat than it had at `after`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.to(chat_id)[after:]
            if len(got) >= count:
                return got
            await asyncio.sleep(0.02)
        raise AssertionError(f"no reply to chat {chat_id} within {timeout}s; sent so far: "
                             f"{[s.plain[:80] for s in self.to(chat_id)]}; refused: {self.refused}")

    async def ask(self, chat_id: int, text: str, **kw: Any) -> Sent:
        before = len(self.to(chat_id))
        await self.says(chat_id, text, **kw)
        return (await self.reply(chat_id, before))[0]

    async def until(self, predicate: Any, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            await asyncio.sleep(0.02)
        raise AssertionError("condition not met in time")


def _json(value: Any) -> Any:
    if value is None or isinstance(value, list | dict):
        return value
    return json.loads(value)
