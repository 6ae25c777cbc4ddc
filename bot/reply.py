"""What the bot says: an Answer (lines of facts, not yet formatted) and a Reply (one message, with buttons)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

LineKind = Literal["title", "text", "bullet", "note"]  # a note (benchmark, year) is left out of summaries


@dataclass(frozen=True)
class Line:
    text: str
    kind: LineKind = "text"
    whole: str | None = None  # the line where no "Show all" button can follow it (a terminal): the whole list


@dataclass
class Answer:
    lang: str
    lines: list[Line] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)  # store keys the answer is about
    topic: str | None = None
    suggestions: list[str] = field(default_factory=list)  # "did you mean" store keys
    items: list[str] = field(default_factory=list)  # the full list behind a shortened one
    listed: list[str] | None = None  # store keys of the cities an across-city answer listed ("which of those …")
    version: int | None = None  # the page version answered from, when not the current one
    offers: list[str] = field(default_factory=list)  # topics it can tell about instead (buttons on Telegram)
    understood: bool = True

    def add(self, text: str, kind: LineKind = "text") -> None:
        self.lines.append(Line(text, kind))

    def bullets(self, items: list[str]) -> None:
        self.lines.extend(Line(i, "bullet") for i in items)

    @property
    def plain(self) -> str:
        return "\n".join(("• " if ln.kind == "bullet" else "") + (ln.whole or ln.text) for ln in self.lines)


Buttons = list[list[tuple[str, str]]]  # rows of (label, callback data)


@dataclass
class Reply:
    html: str = ""
    buttons: Buttons = field(default_factory=list)
    photo: bytes | None = None
    caption: str = ""
    toast: str = ""  # a short pop-up when answering a button press
    edit: bool = False  # replace the message whose button was pressed
    published: bool = False  # data changed: notifications are queued
    share: str | None = None  # deep-link payload (t.me/<bot>?start=…) that reopens this reply
    lang: str | None = None  # an answer's language (the question's), which its Share button follows; else the user's


@dataclass(frozen=True)
class InlineResult:
    """One result offered in inline mode: a message the user may send to any chat."""

    id: str
    title: str
    description: str
    html: str
    share: str | None = None  # deep-link payload: the sent message carries a button opening the bot on it
    lang: str = "en"  # the answer's language, which that button's label follows
