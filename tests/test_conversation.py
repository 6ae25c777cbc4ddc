"""Conversations: follow-ups read in the chat's context, per chat, expiring, reset by a new question.

Each conversation is a table: turn -> what the answer must contain, and what it must not. Expected
values are read off the bundled records by hand (knowledge/data/cities/*.json, saltillo-mex.txt).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.conversation import MemoryContexts, converse
from bot.query import EXPIRY_SECONDS, Context

from .conftest import ROOT

Turn = tuple[str, list[str], list[str]]  # question, must contain, must not contain

CONVERSATIONS: dict[str, list[Turn]] = {
    "durham_then_tulsa": [
        ("who runs Durham?", ["Steve Schewel"], []),
        ("how many inhabitants?", ["267,743 (2017)"], ["Tulsa"]),
        ("and Tulsa?", ["403,090 (2016)"], ["267,743"]),
        ("compare the two", ["Durham", "Tulsa", "Steve Schewel", "G. T. Bynum"], []),
        ("which one is larger?", ["Largest: Tulsa"], []),
        ("what do they have in common?", ["Durham", "Tulsa"], ["I answer questions"]),
    ],
    "seoul_officer_strategy": [
        ("tell me about Seoul", ["Seoul (Korea)", "Wonsoon Park"], []),
        ("who is in charge of innovation?", ["Seoul", "Hyo Kwan Jeon"], ["Wonsoon Park"]),
        ("do they have an innovation strategy?", ["Seoul"], ["Which city"]),
    ],
    "quillota_then_rosario": [
        ("Quillota's success factors", ["Leadership from Mayor"], []),
        ("and Rosario's?", ["Rosario", "critical success factors"], ["Quillota's critical"]),
    ],
    "list_then_filter_then_smallest": [
        ("which cities focus on social inclusion?",
         ["5 of the 50", "Cape Town, Durham, Quillota, Tulsa, Wellington"], []),
        ("which of those are in the US?", ["Durham", "Tulsa"], ["Cape Town", "Quillota", "Wellington", "Akron"]),
        ("the smallest of them?", ["smallest", "Durham", "267,743"], ["Quillota", "Wellington"]),
    ],
    "spanish_follow_ups": [
        ("¿quién es el alcalde de Durham?", ["Steve Schewel"], []),
        ("¿y cuántos habitantes tiene?", ["267.743 habitantes (datos de 2017)"], []),
        ("¿y Rosario?", ["Rosario", "habitantes"], ["267.743"]),
        ("compara las dos", ["Durham", "Rosario", "lado a lado"], []),
    ],
    "new_question_is_not_polluted": [
        ("who is the mayor of Durham?", ["Steve Schewel"], []),
        ("who is the mayor of Miami?", ["Francis X. Suarez"], ["Durham", "Steve Schewel"]),
        ("population", ["Miami"], ["Durham"]),
    ],
    "denver_versions": [
        ("Denver's policy areas", ["Denver", "Transport/Mobility"], []),
        ("and on the older page?", ["2016 version", "Denver"], []),
        ("what's different between the versions?", ["Denver", "changed"], []),
    ],
    "out_of_scope_then_follow_up": [
        ("what's the traffic like in Oklahoma City?", ["don't have", "Oklahoma City"], ["David Holt"]),
        ("ok, who is the mayor then?", ["David Holt"], []),
    ],
    "health_then_outside_the_us": [
        ("which cities focus on health?", ["2 of the 50", "Denver, CO, Oklahoma City"], []),
        ("which of them are outside the US?", ["None of them."], ["Support from outside"]),
        ("and on transport?", ["14 of the 50", "Quillota"], []),
        ("which of those are outside the US?", ["outside United States", "Lisbon", "London", "Montreal", "Quillota",
                                                "Saltillo"], ["Durham", "San Jose"]),
    ],
    "clitics_and_interjections": [
        ("¿y la población de Atlanta?", ["Atlanta", "486.290"], []),
        ("¿y la de Chicago?", ["Chicago", "2.700.000"], ["486.290"]),
        ("compáralas", ["Atlanta", "Chicago", "lado a lado"], []),
        ("fine, then what are its policy areas?", ["Chicago", "Chicago"], []),
    ],
    "broadband_then_there": [
        ("which cities focus on broadband?", ["San Jose", "Broadband and digital inclusion"], []),
        ("who is the mayor there?", ["Sam Liccardo"], []),
    ],
}


def talk(engine, turns: list[Turn], store=None, chat: str = "c1", now: float = 1_000_000.0) -> list[str]:
    store = store if store is not None else MemoryContexts()
    answers = []
    for question, must, must_not in turns:
        _, answer = converse(engine, store, chat, question, now=now)
        text = answer.plain
        answers.append(text)
        for part in must:
            assert part in text, (question, part, text)
        for part in must_not:
            assert part not in text, (question, part, text)
        now += 30
    return answers


@pytest.mark.parametrize("name", sorted(CONVERSATIONS))
def test_conversation(engine, name):
    talk(engine, CONVERSATIONS[name])


def test_chats_are_isolated_when_interleaved(engine):
    store = MemoryContexts()
    ask = lambda chat, q: converse(engine, store, chat, q, now=1_000_000.0)[1].plain  # noqa: E731
    assert "Steve Schewel" in ask("a", "who is the mayor of Durham?")
    assert "Sam Liccardo" in ask("b", "who is the mayor of San Jose?")
    assert "267,743" in ask("a", "how many inhabitants?")
    answer = ask("b", "how many inhabitants?")
    assert "San Jose" in answer and "Durham" not in answer


def test_context_expires_after_30_minutes_of_silence(engine):
    store = MemoryContexts()
    converse(engine, store, "c", "who is the mayor of Durham?", now=1000.0)
    fresh = converse(engine, store, "c", "how many inhabitants?", now=1000.0 + EXPIRY_SECONDS - 1)[1].plain
    assert "267,743" in fresh
    stale = converse(engine, store, "c", "how many inhabitants?", now=1000.0 + 2 * EXPIRY_SECONDS + 10)[1].plain
    assert "Durham" not in stale and "Which city" in stale


def test_memory_is_bounded():
    store = MemoryContexts(limit=3)
    for chat in "abcde":
        store.put_context(chat, Context().to_dict())
    assert len(store) == 3 and store.get_context("a") is None and store.get_context("e") is not None


def test_a_malformed_stored_context_is_no_context(engine):
    store = MemoryContexts()
    store.put_context("c", {"cities": "not a list", "at": "yesterday"})
    assert "Which city" in converse(engine, store, "c", "how many inhabitants?")[1].plain


def test_batch_lines_form_conversations_per_chat(tmp_path):
    lines = [
        "who is the mayor of Durham?",
        json.dumps({"chat": "x", "q": "who is the mayor of Durham?"}),
        json.dumps({"chat": "y", "q": "Quillota's policy areas"}),
        json.dumps({"chat": "x", "q": "and the population?"}),
        json.dumps({"chat": "y", "q": "and Wellington's?"}),
        "and the population?",
    ]
    out = subprocess.run([sys.executable, "-m", "bot", "--db", str(tmp_path / "db.json"), "ask", "--batch"],
                         input="\n".join(lines) + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120)
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r.get("chat") for r in rows] == [None, "x", "y", "x", "y", None]
    assert "chat" not in rows[0] and rows[0]["question"] == "who is the mayor of Durham?"
    assert "267,743" in rows[3]["answer"]
    assert "City resilience" in rows[4]["answer"] and "Transport/Mobility" not in rows[4]["answer"]
    assert "267,743" not in rows[5]["answer"]  # a plain line is its own one-line conversation


def test_chat_command_keeps_one_conversation(tmp_path):
    out = subprocess.run([sys.executable, "-m", "bot", "--db", str(tmp_path / "db.json"), "chat"],
                         input="who is the mayor of Tulsa?\nhow many inhabitants?\n\n", capture_output=True,
                         text=True, cwd=ROOT, timeout=120)
    assert "G. T. Bynum" in out.stdout and "403,090 (2016)" in out.stdout
