"""Rendering, for the bugs mutation testing planted and the other render tests let through: where
`split` cuts (the "at least half the part" rule for line breaks and spaces, in the first part and in
later ones; nested tags closed and reopened; a closing tag that just fits), a notification of
exactly 3,900 characters, the buttons under a notification, a history in Spanish.

Every expected value is written out by hand (the cuts were worked out on paper from the rule in
`split`'s docstring). Run with `tests/mutate.sh bot.render "test_split or test_render or test_mutants_render"`.
"""

from __future__ import annotations

import pytest

from bot import render
from knowledge.diff import Change
from knowledge.facts import City, Plan, Version
from knowledge.operations import event

from .conftest import synthetic_city

CUTS = [
    # a line break in the second half of what fits is where the part ends, even before a later space
    ("aa\nbb cc", 5, ["aa", "bb cc"]),
    # a line break before the middle would leave a short part: the part is filled instead
    ("aa\nbbbb", 6, ["aa\nbbb", "b"]),
    # the same two rules measured from where a later part starts
    ("xxxxxxaaa\nbbbbb", 6, ["xxxxxx", "aaa", "bbbbb"]),
    ("xxxxxxa\nbbbbbb", 6, ["xxxxxx", "a\nbbbb", "bb"]),
    # spaces: half way is still worth cutting at (after 2 of 4 characters; of 5, half rounded down),
    # a third of the way is not (2 of 6)
    ("aa bbb", 4, ["aa", "bbb"]),
    ("aa bbbb", 5, ["aa", "bbbb"]),
    ("aa bbbbb", 6, ["aa bbb", "bb"]),
    ("xxxxxxaaa bbbbb", 6, ["xxxxxx", "aaa", "bbbbb"]),
    ("xxxxxxa bbbbbb", 6, ["xxxxxx", "a bbbb", "bb"]),
]


@pytest.mark.parametrize(("text", "limit", "parts"), CUTS, ids=[f"{text.replace(chr(10), '|')} in {limit}"
                                                                 for text, limit, _ in CUTS])
def test_where_split_cuts(text: str, limit: int, parts: list[str]):
    assert render.split(text, limit) == parts


def test_nested_tags_are_closed_innermost_first_and_reopened_in_order():
    assert render.split("<b><i>" + "a" * 10 + "</i></b>", 20) == ["<b><i>aaaaaa</i></b>", "<b><i>aaaa</i></b>"]
    assert render.split("<b><i>" + "a" * 10 + "</i></b>", 17) == [
        "<b><i>aaa</i></b>", "<b><i>aaa</i></b>", "<b><i>aaa</i></b>", "<b><i>a</i></b>"]


def test_a_closing_tag_that_fits_keeps_the_part_whole():
    # 14 characters under a limit of 16: "</b>" is not counted twice as a tag still to close
    assert render.split("<b>aaaaa</b>cc", 16) == ["<b>aaaaa</b>cc"]


def test_an_opening_tag_is_counted_with_the_room_its_closing_tag_needs():
    # "aaaaa<b>" and its "</b>" would be 12 > 11: the bold part starts the next message
    assert render.split("aaaaa<b>bbb</b>", 11) == ["aaaaa", "<b>bbb</b>"]


def test_a_part_always_moves_on_even_when_one_token_is_over_the_limit():
    assert render.split("&amp;", 3) == ["&amp;"]  # an entity is never cut
    assert render.split("<b>" + "a" * 3 + "</b>", 5) == ["<b>a</b>"] * 3  # reopened tags alone are 7


HEAD = "<b>A</b> was updated:"  # 21 characters and a newline


def area_change(item: str) -> dict[str, object]:
    return {"field": "policy_areas", "title": "Policy areas", "before": None, "after": None,
            "added": [item], "removed": []}


def test_a_notification_of_exactly_3900_characters_is_sent_whole():
    # "• Policy areas: + " is 18 characters: 22 + 18 + 3,860 = 3,900
    whole = {"kind": "update", "key": "a|b", "city": "A", "changes": [area_change("x" * 3860)]}
    assert render.notification(whole, "en") == HEAD + "\n• Policy areas: + " + "x" * 3860
    over = {"kind": "update", "key": "a|b", "city": "A", "changes": [area_change("x" * 3861)]}
    assert render.notification(over, "en") == HEAD + "\n…and 1 more change"
    assert render.notification(over, "es") == "<b>A</b> se actualizó:\n…y 1 cambio más"


def test_a_new_city_or_an_older_page_is_one_line_whatever_changes_it_carries():
    """Publishing queues a new city with every field as a change, and an older page with its differences."""
    new = event("new", "synthville|testland", "Synthville", [Change("leader", "Mayor", "not stated", "A. Mayor")])
    assert render.notification(new, "en") == "<b>Synthville</b> is new in CityBot. Ask me about it!"
    older = event("older", "synthville|testland", "Synthville",
                  [Change("population", "Population", "100,000 (2020)", "90,000 (2010)")])
    assert render.notification(older, "es") == (
        "<b>Synthville</b>: se añadió una versión anterior de su ficha al historial; los datos actuales no cambian.")


UPDATE = {"kind": "update", "key": "synthville|testland", "city": "Synthville & Co", "changes": []}


def test_a_notification_has_an_open_and_an_unsubscribe_button_in_the_chats_language():
    assert render.notification_buttons(UPDATE, "en") == [
        [("Open Synthville & Co", "city:synthville|testland"), ("🔕 Unsubscribe", "unsub:synthville|testland")]]
    assert render.notification_buttons(UPDATE, "es") == [
        [("Ver Synthville & Co", "city:synthville|testland"), ("🔕 Dejar de seguir", "unsub:synthville|testland")]]


def test_a_notification_without_a_city_key_has_no_buttons():
    assert render.notification_buttons({"kind": "legacy", "key": "a|b", "html": "<b>A</b> was updated."}, "en") == []
    assert render.notification_buttons({"kind": "update", "city": "A", "changes": []}, "en") == []
    assert render.notification_buttons({"kind": "update", "key": "", "city": "A", "changes": []}, "en") == []


def test_a_button_whose_data_is_over_64_bytes_is_left_out():
    # Telegram refuses callback data over 64 bytes. 29 two-byte letters and one more: a key of 59 bytes (30
    # characters): "city:" + key is 64 bytes and stays, "unsub:" + key is 65 and goes.
    key = "é" * 29 + "a"
    event_ = {"kind": "update", "key": key, "city": "A", "changes": []}
    assert render.notification_buttons(event_, "en") == [[("Open A", f"city:{key}")]]
    assert render.notification_buttons({**event_, "key": key[1:]}, "en") == [
        [("Open A", f"city:{key[1:]}"), ("🔕 Unsubscribe", f"unsub:{key[1:]}")]]


def test_a_plan_that_resembles_two_stored_cities_names_both():
    plan = Plan(synthetic_city("Synthvile"), "resembles", "synthvile|testland", resembles=["Synthville", "Synthvilla"])
    assert render.describe(plan) == "Synthvile: resembles stored Synthville, Synthvilla; choose update or new"
    assert render.describe(plan, "es") == (
        "Synthvile: se parece a Synthville, Synthvilla, ya guardada; elige actualizarla o agregarla como nueva")


def test_a_history_in_spanish_with_a_rolled_back_version():
    first = synthetic_city(population="1,000 (2016)")
    first = first.model_copy(update={"source": first.source.model_copy(update={"file": "a.txt", "uploaded_by": "42"})})
    city = City("synthville|testland", (
        Version(1, first, "2026-11-01 10:00", "published"),
        Version(2, synthetic_city(leader="Other", population="1,100", policy_areas=["Water", "Transport/Mobility"]),
                "2026-11-02 11:00", "rolled back"),
        Version(3, synthetic_city(population="1,000 (2016)"), "2026-11-03 12:00", "published"),
    ))
    assert render.history_lines(city, "es") == [
        "v1  2026-11-01 10:00  publicada  Synthville  año de la ficha 2016  (a.txt, subida por 42)",
        "v2  2026-11-02 11:00  revertida  Synthville  año de la ficha desconocido  (origen desconocido)",
        "    Alcaldía: Synthetic Mayor of Synthville → Other",
        "    Población: 1.000 hab. en 2016 → 1.100",
        "    Áreas de política: + Transporte y movilidad",
        "v3  2026-11-03 12:00  publicada  Synthville  año de la ficha 2016  (origen desconocido)  ◀ actual",
        "    Alcaldía: Other → Synthetic Mayor of Synthville",
        "    Población: 1.100 → 1.000 hab. en 2016",
        "    Áreas de política: − Transporte y movilidad",
    ]
    assert render.history_lines(city)[1:3] == [
        "v2  2026-11-02 11:00  rolled back  Synthville  page year unknown  (unknown source)",
        "    Mayor: Synthetic Mayor of Synthville → Other",
    ]
