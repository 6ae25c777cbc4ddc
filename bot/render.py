"""Answer -> text for a terminal, or Telegram HTML. All escaping lives here."""

from __future__ import annotations

import html

from bot.answer import Answer

LIMIT = 4096  # Telegram's limit on one message, in characters


def plain(answer: Answer) -> str:
    return answer.plain or "…"


def to_html(answer: Answer) -> str:
    out = []
    for line in answer.lines:
        text = html.escape(line.text, quote=False)
        out.append({"title": f"<b>{text}</b>", "bullet": f"• {text}"}.get(line.kind, text))
    return "\n".join(out) or "…"


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def split(text: str, limit: int = LIMIT) -> list[str]:
    """Cut a long message at line breaks into parts Telegram accepts; never an empty part."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            head, line = line[:limit], line[limit:]
            if current:
                parts.append(current)
                current = ""
            parts.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        parts.append(current)
    return [p for p in parts if p.strip()] or ["…"]
