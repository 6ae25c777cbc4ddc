"""Cutting long messages into parts Telegram accepts (render.split), with the exact cuts a person expects.

Telegram refuses a message over 4,096 characters and HTML cut inside an entity such as `&amp;`;
these tests name the exact parts, so an off-by-one or a lost entity guard fails them.
"""

from __future__ import annotations

import random
import re

from bot.render import LIMIT, split

from .telegram_standin import ENTITY, parse_html


def test_the_limit_is_telegrams():
    assert LIMIT == 4096


def test_exactly_the_limit_is_one_part():
    assert split("a" * 4096) == ["a" * 4096]


def test_one_over_the_limit_is_two_parts():
    assert split("a" * 4097) == ["a" * 4096, "a"]


def test_lines_that_do_not_fit_together_go_to_separate_parts():
    assert split("a" * 3000 + "\n" + "b" * 3000) == ["a" * 3000, "b" * 3000]


def test_lines_that_fit_together_stay_together():
    assert split("a" * 2047 + "\n" + "b" * 2048) == ["a" * 2047 + "\n" + "b" * 2048]  # 4,096 with the newline
    assert split("a" * 2048 + "\n" + "b" * 2048) == ["a" * 2048, "b" * 2048]  # 4,097 with the newline


def test_a_long_line_after_a_short_one_fills_the_part_to_exactly_the_limit():
    parts = split("a" * 100 + "\n" + "b" * 5000)
    assert parts == ["a" * 100 + "\n" + "b" * 3995, "b" * 1005]
    assert [len(p) for p in parts] == [4096, 1005]


def test_a_line_longer_than_the_limit_is_cut_between_words():
    text = " ".join(["word"] * 1000)  # 4,999 characters, spaces every fifth
    assert split(text) == [" ".join(["word"] * 819), " ".join(["word"] * 181)]


def test_a_line_without_spaces_is_cut_at_the_limit():
    assert split("x" * 9000) == ["x" * 4096, "x" * 4096, "x" * 808]


def test_an_entity_at_the_edge_moves_whole_to_the_next_part():
    text = "x" * 4094 + "&amp;" + "y" * 10  # the limit falls inside "&amp;"
    assert split(text) == ["x" * 4094, "&amp;" + "y" * 10]


def test_an_entity_that_ends_exactly_at_the_limit_stays():
    text = "x" * 4091 + "&amp;" + "y" * 10
    assert split(text) == ["x" * 4091 + "&amp;", "y" * 10]


def test_small_limits_cut_where_a_person_would():
    assert split("aaa bbb ccc", limit=7) == ["aaa bbb", "ccc"]
    assert split("one\ntwo\nthree", limit=7) == ["one\ntwo", "three"]
    assert split("abc&amp;defgh", limit=8) == ["abc&amp;", "defgh"]
    assert split("abcdef&lt;gh", limit=8) == ["abcdef", "&lt;gh"]


def test_never_empty():
    assert split("") == ["…"]
    assert split("\n\n\n") == ["…"]
    assert split("a\n\n\nb", limit=1) == ["a", "b"]


def test_random_html_always_fits_and_parses():
    """Seeded random answers full of entities and bold lines: every part under the limit, valid HTML."""
    rng = random.Random(11)
    words = ["Saltillo", "&amp;", "&lt;b&gt;", "Transport/Mobility", "São", "x" * 40, "&quot;"]
    for _ in range(20):
        lines = []
        for _ in range(rng.randint(1, 40)):
            line = " ".join(rng.choice(words) for _ in range(rng.randint(1, 400)))
            lines.append(f"<b>{line}</b>" if len(line) < 200 and rng.random() < 0.3 else line)
        text = "\n".join(lines)
        parts = split(text)
        assert all(len(p) <= LIMIT for p in parts)
        for p in parts:
            parse_html(p)  # raises like Telegram on a broken entity or tag
        entities = len(ENTITY.findall(text))
        assert sum(len(ENTITY.findall(p)) for p in parts) == entities
        assert re.sub(r"\s", "", "".join(parts)) == re.sub(r"\s", "", text)
