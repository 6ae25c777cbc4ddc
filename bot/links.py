"""Deep links: t.me/<bot>?start=<payload> reopens a city's card ("saltillo") or an answer ("q-…").

Telegram allows 64 characters of A–Z, a–z, 0–9, "_" and "-" in a start payload. A city is its
folded name with "_" for spaces (readable, and it survives a restart because nothing is stored);
a question is "q-" and its text in URL-safe base64, when it fits. City payloads never contain "-",
so the two never collide.
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import quote

from knowledge.identity import simple

MAX = 64
QUESTION = "q-"


def city(name: str) -> str | None:
    slug = re.sub(r"[^a-z0-9_]", "", simple(name).replace(" ", "_"))
    return slug[:MAX] or None


def city_name(payload: str) -> str:
    return payload.replace("_", " ")


def question(text: str) -> str | None:
    """The payload of a question, or None when it is too long for a link."""
    encoded = QUESTION + base64.urlsafe_b64encode(text.strip().encode()).decode().rstrip("=")
    return encoded if len(encoded) <= MAX else None


def question_of(payload: str) -> str | None:
    if not payload.startswith(QUESTION):
        return None
    body = payload[len(QUESTION):]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def url(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def share_url(bot_username: str, payload: str, text: str = "") -> str:
    """Telegram's own share screen (pick a chat), carrying the deep link."""
    return f"https://t.me/share/url?url={quote(url(bot_username, payload), safe='')}" + (
        f"&text={quote(text, safe='')}" if text else "")
