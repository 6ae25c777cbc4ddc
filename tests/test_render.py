"""Answer -> terminal text or Telegram HTML, and the notification texts: all escaping, exactly."""

from __future__ import annotations

from bot import render
from bot.reply import Answer


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
