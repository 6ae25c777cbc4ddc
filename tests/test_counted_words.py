"""Counted nouns in English say "1 role" and "3 roles", never "role(s)": the `_one` form of a text is its
singular, for every text that counts something. Expected wording written out by hand."""

import pytest

from bot.texts import PROBLEMS, t, wording


@pytest.mark.parametrize(("key", "values", "one", "many"), [
    ("roles", {"city": "Tulsa"}, "Tulsa uses 1 innovation role:", "Tulsa uses 3 innovation roles:"),
    ("roles_unnamed", {"city": "Tulsa"}, "Tulsa uses 1 innovation role; its snapshot does not name it.",
     "Tulsa uses 3 innovation roles; its snapshot does not name them."),
    ("across_uncovered", {"topic": "funding"}, "1 snapshot does not cover funding, so it is not counted.",
     "3 snapshots do not cover funding, so they are not counted."),
    ("survey_quoted", {"sentence": "Most cities fund it"}, "Most cities fund it (quoted on 1 page)",
     "Most cities fund it (quoted on 3 pages)"),
])
def test_a_count_of_one_is_singular_and_more_is_plural(key: str, values: dict[str, str], one: str, many: str) -> None:
    assert t(key, "en", count=1, **values) == one
    assert t(key, "en", count=3, **values) == many


@pytest.mark.parametrize(("key", "one", "many"), [
    ("found_items", "a list of 1 item", "a list of 4,990 items"),
    ("more_problems", "…and 1 more problem like these", "…and 4,990 more problems like these"),
])
def test_a_files_problems_count_in_the_singular_and_plural(key: str, one: str, many: str) -> None:
    """These counts arrive as formatted numbers ("1", "4,990")."""
    assert wording(PROBLEMS, key, "en", count="1") == one
    assert wording(PROBLEMS, key, "en", count="4,990") == many
