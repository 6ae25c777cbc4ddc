"""Answer -> terminal text or Telegram HTML, and the notification texts: all escaping, exactly."""

from __future__ import annotations

from pathlib import Path

from bot import render
from bot.reply import Answer
from knowledge.diff import Change, changes
from knowledge.operations import event
from knowledge.store import Store

from .conftest import synthetic_city


def synthetic_answer() -> Answer:
    a = Answer("en")
    a.add("Saltillo & <Co>", "title")
    a.add("x<y")
    a.bullets(["a&b"])
    a.add("note >", "note")
    return a


def test_html_escapes_every_line_and_marks_its_kind():
    assert render.to_html(synthetic_answer()) == "<b>Saltillo &amp; &lt;Co&gt;</b>\nx&lt;y\n• a&amp;b\n<i>note &gt;</i>"


def test_plain_text_is_not_escaped():
    assert render.plain(synthetic_answer()) == "Saltillo & <Co>\nx<y\n• a&b\nnote >"


def test_an_empty_answer_is_never_an_empty_message():
    assert render.to_html(Answer("en")) == "…"
    assert render.plain(Answer("en")) == "…"


def test_escape_leaves_quotes_alone():
    assert render.escape('<a href="x">Be\'er & co</a>') == '&lt;a href="x"&gt;Be\'er &amp; co&lt;/a&gt;'


def test_shorten_cuts_with_an_ellipsis_only_when_needed():
    assert render.shorten("a" * 50, 10) == "a" * 9 + "…"
    assert render.shorten("abc", 10) == "abc"
    assert render.shorten("<b>" + "a" * 20 + "</b>", 12) == "<b>aaaa</b>…"


def test_split_closes_and_reopens_tags_at_a_cut():
    assert render.split("<b>" + "a" * 20 + "</b>", 12) == ["<b>aaaaa</b>"] * 4


def test_split_counts_as_telegram_does_utf16():
    parts = render.split("😀" * 3000)  # each emoji is two UTF-16 units
    assert [len(p) for p in parts] == [2048, 952]


UPDATE = {"kind": "update", "key": "a|b", "city": "A&B",
          "changes": [{"field": "leader", "title": "Mayor", "before": "X", "after": "Y<", "added": [], "removed": []}]}


def test_update_notification_in_both_languages():
    assert render.notification(UPDATE, "en") == "<b>A&amp;B</b> was updated:\n• Mayor: X → Y&lt;"
    assert render.notification(UPDATE, "es") == "<b>A&amp;B</b> se actualizó:\n• Alcaldía: X → Y&lt;"


def test_new_city_and_rollback_notifications():
    assert render.notification({"kind": "new", "key": "a|b", "city": "A&B", "changes": []}, "es") == (
        "<b>A&amp;B</b> es nueva en CityBot. ¡Pregúntame por ella!")
    assert render.notification({"kind": "rollback", "key": "a|b", "city": "A", "changes": []}, "en") == (
        "<b>A</b> was rolled back to its previous version:")


def test_a_long_notification_stays_one_message_and_counts_the_rest():
    changes = [{"field": "policy_areas", "title": "Policy areas", "before": None, "after": None,
                "added": [f"Area number {i:03d}"], "removed": []} for i in range(300)]
    event = {"kind": "update", "key": "a|b", "city": "A", "changes": changes}
    lines = render.notification(event, "en").split("\n")
    # 22 characters of heading, 34 a change: 114 changes fit under 3,900 characters
    assert lines[0] == "<b>A</b> was updated:"
    assert lines[1:115] == [f"• Policy areas: + Area number {i:03d}" for i in range(114)]
    assert lines[115:] == ["…and 186 more changes"]
    # In Spanish a change reads "• Áreas de política: + Area number 000" (38 characters) under a 22-character
    # heading: 23 + 39 * 99 + 38 = 3,922 > 3,900, so 99 fit and 201 are counted.
    spanish = render.notification(event, "es").split("\n")
    assert spanish[1] == "• Áreas de política: + Area number 000" and len(spanish) == 1 + 99 + 1
    assert spanish[-1] == "…y 201 cambios más"


def test_a_change_in_the_readers_language():
    areas = Change("policy_areas", "Policy areas", None, None, ["Transport/Mobility", "Own words"], ["Water"])
    assert render.change_line(areas, "en") == "Policy areas: + Transport/Mobility, + Own words, − Water"
    assert render.change_line(areas, "es") == "Áreas de política: + Transporte y movilidad, + Own words, − Agua"
    assert render.change_line(Change("leader", "Mayor", "A", "B"), "es") == "Alcaldía: A → B"
    strategy = Change("explicit_strategy", "Explicit innovation strategy", "no", "yes")
    assert render.change_line(strategy, "es") == "Estrategia de innovación explícita: no → sí"
    factors = Change("success_factors", "Critical success factors", "Dedicated funding; Leadership from Mayor",
                     "Dedicated funding")
    assert render.change_line(factors, "es") == (
        "Factores críticos de éxito: Financiación dedicada; Liderazgo de la alcaldía → Financiación dedicada")


def test_what_publishing_would_do_in_one_line(tmp_path: Path):
    facts = Store(tmp_path / "db.json")  # facts only: no operations store to close
    new = facts.plan(synthetic_city())
    assert (render.describe(new), render.describe(new, "es")) == ("Synthville: new city", "Synthville: ciudad nueva")
    facts.publish([new])
    update = facts.plan(synthetic_city(leader="Other"))
    assert (render.describe(update), render.describe(update, "es")) == (
        "Synthville: update, 1 field changed", "Synthville: actualización, 1 campo cambia")
    assert render.describe(facts.plan(synthetic_city())) == "Synthville: already stored, nothing to store"
    assert render.describe(facts.plan(synthetic_city(population="1 (1990)"))) == (
        "Synthville: older than the stored page; kept as history, the current version stays")
    assert render.describe(facts.plan(synthetic_city("Synthvile"))) == (
        "Synthvile: resembles stored Synthville; choose update or new")


def test_a_citys_history_oldest_first_with_what_changed(tmp_path: Path):
    facts = Store(tmp_path / "db.json")  # facts only: no operations store to close
    facts.publish(facts.plan_all([synthetic_city(population="1,000 (2016)"),
                                  synthetic_city(leader="Other", population="1,100 (2017)")]))
    city = facts.get("synthville|testland")
    assert city is not None
    lines = [line.split("  ", 2)[0] + "  " + line.split("  ", 2)[2] if line.startswith("v") else line
             for line in render.history_lines(city)]  # the storage time left out
    assert lines == [
        "v1  published  Synthville  page year 2016  (unknown source)",
        "v2  published  Synthville  page year 2017  (unknown source)  ◀ current",
        "    Mayor: Synthetic Mayor of Synthville → Other",
        "    Population: 1,000 (2016) → 1,100 (2017)",
    ]


def test_quotes_are_left_as_they_are():
    a = Answer("en")
    a.add('say "hi" to Be\'er Sheva')
    assert render.to_html(a) == 'say "hi" to Be\'er Sheva'
    assert render.escape('"&"') == '"&amp;"'


def test_only_characters_beyond_the_basic_plane_count_twice():
    assert render.split("\uffff" * 4096) == ["\uffff" * 4096]  # the last one-unit character
    assert [len(p) for p in render.split("\U00010000" * 2049)] == [2048, 1]  # the first two-unit one


def test_shorten_keeps_the_first_of_two_parts():
    assert render.shorten("a" * 15, 10) == "a" * 9 + "…"
    assert render.shorten("first second", 8) == "first…"


def test_a_notification_queued_as_text_before_notifications_were_data():
    assert render.notification({"kind": "legacy", "html": "<b>Synthville</b> was updated."}, "es") == (
        "<b>Synthville</b> was updated.")


def test_a_history_names_the_uploader_and_an_unknown_year(tmp_path: Path):
    facts = Store(tmp_path / "db.json")  # facts only: no operations store to close
    facts.publish([facts.plan(synthetic_city(population="1,000").model_copy(
        update={"source": synthetic_city().source.model_copy(update={"file": "s.json", "uploaded_by": "42"})}))])
    city = facts.get("synthville|testland")
    assert city is not None
    line = render.history_lines(city)[0]
    assert line.startswith("v1  ") and line.endswith("  published  Synthville  page year unknown  (s.json, by 42)  ◀ current")


def test_the_same_items_in_another_order_are_said_as_such():
    """Denver's two pages list the same five success factors in another order: one short line, not two lists."""
    old = synthetic_city("Denver", success_factors=["Dedicated funding", "Leadership from Mayor", "Focus on measurement"])
    new = synthetic_city("Denver", success_factors=["Focus on measurement", "Dedicated funding", "Leadership from Mayor"])
    (change,) = changes(old, new)
    assert change.reordered and change.added == () and change.removed == ()
    assert render.change_line(change, "en") == "Critical success factors: the same items, in another order"
    assert render.change_line(change, "es") == "Factores críticos de éxito: los mismos elementos, en otro orden"
    stored = event("update", "denver|testland", "Denver", [change])  # a subscriber is told the same, from the store
    assert render.notification(stored, "es") == (
        "<b>Denver</b> se actualizó:\n• Factores críticos de éxito: los mismos elementos, en otro orden")
    (grown,) = changes(old, synthetic_city("Denver", success_factors=["Dedicated funding", "Leadership from Mayor"]))
    assert not grown.reordered and grown.removed == ("Focus on measurement",)
