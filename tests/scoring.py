"""The project's own question-set scorer: a question set (JSONL) asked through `python -m bot ask --batch`.

Each line is `{"q": question, "all": [...], "any": [[...], ...], "none": [...]}`: every string of
`all`, one string of each `any` group and no string of `none` must appear in the answer. Matching
ignores case, accents and thousands separators, so an expectation states the fact, not its typography.
The set lives in tests/data/ with expectations read off knowledge/data/ by a person.

Usage: python tests/scoring.py [QUESTIONS.jsonl]   (prints each miss and the share that held; exit 1 on a miss)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"


def fold(text: str) -> str:
    """Lower case, no accents, no thousands separators, single spaces."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return re.sub(r"\s+", " ", text)


def misses(answer: str, case: dict) -> list[str]:
    """What the answer lacks (or has and must not): empty when the case holds."""
    a = fold(answer)
    out = [f"missing {s!r}" for s in case.get("all", []) if fold(s) not in a]
    out += [f"none of {g!r}" for g in case.get("any", []) if not any(fold(s) in a for s in g)]
    out += [f"has {s!r}" for s in case.get("none", []) if fold(s) in a]
    return out


def load(path: Path = QUESTIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ask_batch(questions: list[str], env: dict[str, str] | None = None) -> list[str]:
    """Answers from the CLI's batch mode, one per question, in order."""
    out = subprocess.run([sys.executable, "-m", "bot", "ask", "--batch"], input="\n".join(questions) + "\n",
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    return [r["answer"] for r in rows]


def score(cases: list[dict], answers: list[str]) -> list[str]:
    """One line per case that does not hold."""
    return [f"{c['q']!r}: {', '.join(m)}\n    -> {a!r}" for c, a in zip(cases, answers, strict=True)
            if (m := misses(a, c))]


if __name__ == "__main__":
    cases = load(Path(sys.argv[1]) if len(sys.argv) > 1 else QUESTIONS)
    failed = score(cases, ask_batch([c["q"] for c in cases]))
    print("\n".join(failed))
    print(f"{len(cases) - len(failed)}/{len(cases)} held")
    sys.exit(1 if failed else 0)
