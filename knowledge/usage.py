"""Questions asked and the ones the bot could not answer, so its vocabulary can grow from real use.

Kept in a small file of its own beside the store and written at most every few seconds: counting a
question must never rewrite the whole knowledge base.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from knowledge.storage import AtomicJSONStorage
from knowledge.vocabulary import fold

FLUSH_EVERY = 10.0  # seconds


class Usage:
    def __init__(self, path: Path) -> None:
        self.storage = AtomicJSONStorage(path)
        data = self.storage.read() or {}
        self.asked: int = data.get("totals", {}).get("asked", 0)
        self.unanswered: Counter[str] = Counter(data.get("unanswered", {}))
        self._flushed = time.monotonic()

    def record(self, question: str, understood: bool) -> None:
        self.asked += 1
        if not understood:
            self.unanswered[fold(question)[:200]] += 1
        if time.monotonic() - self._flushed > FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        self.storage.write({"totals": {"asked": self.asked}, "unanswered": dict(self.unanswered)})
        self._flushed = time.monotonic()

    def top_unanswered(self, n: int = 10) -> list[tuple[str, int]]:
        return self.unanswered.most_common(n)
