"""A Spanish user walks through every reply path on Telegram, end to end through the stand-in, and meets
no English: answers, cards, lists, comparisons, yes/no, "not covered", out of scope, errors, buttons,
toasts, charts, inline results, /help, /stats, /history, subscriptions, notifications, deep links,
groups, media hints, and an admin's previews and errors.

The check is a short list of words written down by hand that only English text contains (chosen so
that the proper names in the data, "Mexico City" or "Denver, CO", do not trip it). The other way
round: an English question from a phone set to Spanish is answered in English.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import ADMIN
from .telegram_standin import Sent, TelegramStandIn
from .test_telegram import saltillo_page

SPANISH = "es-MX"
# Words only English text has; padded with spaces where a Spanish word could contain them.
ENGLISH = ["the ", " of ", "not ", "cities", "Policy", "policy", "Mayor", "Population", "population", " and ",
           " is ", " has ", "Sorry", "Subscribe", "Show all", "Page ", "Yes ", "Compare", "Chart", "Share",
           "Expired", "field", "Preview", "Publish", "Cancel", "snapshot", "unknown", "which", "don't", "stored",
           "funding", "Data ", "data ", " city", "Innovation", "innovation", "Survey", "surveyed", " with ",
           "Unsubscribe", "Open ", "Try ", "Type ", "Only ", "changed", "update"]


def english_in(text: str) -> list[str]:
    """The tell-tale words in a text, leaving out commands (/cities), the JSON keys an admin's file used
    ("campo population", 'mayor') and quotations (“…”: the user's words, or the page's own English prose,
    which the bot says it is quoting): those are not the bot's words."""
    text = re.sub(r"/\w+|campo [\w.]+|'[^']*'|“[^”]*”", "", text)
    return [word for word in ENGLISH if re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text)]


def seen(tg: TelegramStandIn, chats: set[int]) -> list[str]:
    """Everything the Spanish users were shown: messages, edits, captions, button labels, toasts, inline results."""
    out = []
    for sent in tg.sent:
        if sent.chat_id in chats:
            out.append(sent.plain)
            out += [b["text"] for row in sent.buttons for b in row]
    out += [str(a.get("text", "")) for a in tg.callback_answers]
    for answer in tg.inline_answers:
        out += [str((answer["button"] or {}).get("text", ""))]
        for r in answer["results"]:
            out += [r.get("title", ""), r.get("description", ""), r["input_message_content"]["message_text"]]
            out += [b["text"] for row in r.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
    return out


async def test_a_spanish_user_meets_no_english_anywhere(tg, bot):
    user, group, other = 300, -300, 301
    six = "compara Saltillo, Denver, Seattle, Chicago, Viena y Lisboa en áreas de política"
    asked = ["/start", "/help", "Saltillo", "¿quién es el intendente de Rosario?", "¿cuántos habitantes tiene Saltillo?",
             "¿qué ciudades se enfocan en el transporte?", "compara Saltillo y Denver",
             "¿Saltillo tiene una estrategia de innovación explícita?", "¿Denver tiene financiación dedicada?",
             "¿va a llover en Saltillo?", "¿cuál es el mejor equipo de fútbol de Rosario?", "háblame de Gotham",
             "/city Atlantis", "/city", "/compare Denver", "/cities", "/cities México", "/cities Narnia",
             "¿qué ciudades tienen más de 300.000 habitantes?", "¿cuál es la ciudad más grande de Estados Unidos?",
             "¿qué ciudades no tienen datos de transporte?", "factores de éxito más comunes",
             "¿qué porcentaje de ciudades tiene financiación dedicada?", "¿quién era el alcalde de Denver en 2016?",
             "¿qué cambió entre las versiones de Denver?", "actividades de Saltillo", "equipo de innovación de Saltillo",
             "¿qué actividades financia Saltillo?", "¿hay datos suficientes sobre agua en Saltillo?",
             "¿y Godoy Cruz?", "compara las dos", six,
             "/subscribe saltillo", "/subscribe saltillo",
             "/subscriptions", "/unsubscribe saltillo", "/unsubscribe saltillo", "/subscribe todas",
             "/unsubscribe todas", "/subscriptions", "/subscribe Atlantis", "/start saltillo", "/upload", "/stats"]
    replies = {}
    for text in asked:
        replies[text] = await tg.ask(user, text, lang=SPANISH)
    before = len(tg.to(user))
    await tg.sends_media(user, "sticker", lang=SPANISH)
    await tg.reply(user, after=before)
    # buttons: a card's topic, subscribe (a toast), a comparison's topic and chart, a long list's "show all"
    async def press(message, label: str, user_id: int = user) -> None:
        """Press a button and wait for what it does: a message, an edit, or a toast."""
        def done() -> int:
            return len(tg.sent) + len(tg.callback_answers)
        before = done()
        await tg.presses(message, label, user_id=user_id, lang=SPANISH)
        await tg.until(lambda: done() > before, timeout=30)

    for label in ("Población", "Suscribirme", "Comparar con"):
        await press(replies["Saltillo"], label)
    for label in ("Áreas de política", "Gráfico"):
        await press(replies["compara Saltillo y Denver"], label)
    await press(replies["¿qué ciudades tienen más de 300.000 habitantes?"], "Ver todas")
    photos = len([m for m in tg.to(user) if m.photo])
    await tg.presses(replies[six], "Gráfico", lang=SPANISH)
    await tg.until(lambda: len([m for m in tg.to(user) if m.photo]) > photos, timeout=30)
    assert [m for m in tg.to(user) if m.photo][-1].plain == (
        "Áreas de política: Saltillo vs Denver, CO vs Seattle vs Chicago (las primeras 4 de 6 ciudades, para que el "
        "gráfico se lea bien)")
    await press(replies["/cities"], "▶")
    old = Sent("sendMessage", user, "", "", 1, [[{"text": "viejo", "callback_data": "ask:AAAAAAAAAAA"}]])
    await press(old, "viejo")  # a button whose payload expired
    assert tg.callback_answers[-1]["text"] == "Caducado"
    # a group: a question, a refused subscription, someone else's paging button
    await tg.ask(group, "@citybot_test ¿quién es el alcalde de Saltillo?", user_id=other, chat_type="group", lang=SPANISH)
    await tg.ask(group, "/subscribe saltillo", user_id=other, chat_type="group", lang=SPANISH)
    group_list = await tg.ask(group, "/cities", user_id=other, chat_type="group", lang=SPANISH)
    await press(group_list, "▶", user_id=user)
    # inline mode: an empty query, a question, a comparison, nothing to answer
    for i, query in enumerate(("", "alcalde de Saltillo", "compara Denver y Seattle", "xyzzy plugh")):
        await tg.types_inline(user, query, lang=SPANISH)
        await tg.until(lambda: len(tg.inline_answers) > i)  # noqa: B023 (awaited before the loop moves on)
    hint = tg.inline_answers[0]["button"]["text"]
    assert hint == "Ciudad o pregunta, p. ej. ¿Quién es el alcalde de Saltillo?"  # whole: a button holds 64
    # an admin with a Spanish phone: prompt, a bad file, a preview, publish (a notification), history, rollback
    await tg.ask(user, "/subscribe saltillo", lang=SPANISH)
    admin_asked = ["/help", "/stats", "/history Saltillo", "/history", "/rollback Akron"]
    for text in admin_asked:
        await tg.ask(ADMIN, text, lang=SPANISH)
    before = len(tg.to(ADMIN))
    await tg.sends_file(ADMIN, "mala.json", json.dumps({"city": "Saltillo", "mayor": "X", "population": [1]}).encode(),
                        lang=SPANISH)
    await tg.sends_file(ADMIN, "s.pdf", b"%PDF-1.4", lang=SPANISH)
    await tg.sends_file(ADMIN, "s.doc", b"hola", lang=SPANISH)
    await tg.sends_file(ADMIN, "s.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Ana Pérez"}), lang=SPANISH)
    (*_, preview) = await tg.reply(ADMIN, after=before, count=4)
    notified = len(tg.to(user))
    await tg.presses(preview, "Publicar", lang=SPANISH)
    await tg.until(lambda: len(tg.to(user)) > notified, timeout=15)
    await tg.ask(ADMIN, "/rollback Saltillo", lang=SPANISH)
    await tg.until(lambda: len(tg.to(user)) > notified + 1, timeout=15)
    before = len(tg.to(ADMIN))
    await tg.sends_file(ADMIN, "s.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Otra Persona"}), lang=SPANISH)
    (again,) = await tg.reply(ADMIN, after=before)
    edited = len(tg.edits(ADMIN))
    await tg.presses(again, "Cancelar", lang=SPANISH)
    await tg.until(lambda: len(tg.edits(ADMIN)) > edited)
    assert tg.edits(ADMIN)[-1].plain == "Cancelado; no se guardó nada."
    assert (await tg.ask(user, "/subscriptions", lang=SPANISH)).plain == "Sigues: Saltillo"
    await tg.ask(user, "/unsubscribe todas", lang=SPANISH)
    assert (await tg.ask(user, "/subscriptions", lang=SPANISH)).plain == (
        "No sigues ninguna ciudad. Prueba /subscribe Saltillo · /subscribe todas")

    leaks = {text: english_in(text) for text in seen(tg, {user, group, ADMIN}) if english_in(text)}
    assert leaks == {}


async def test_an_english_question_from_a_spanish_phone_is_answered_in_english(tg, bot):
    answer = await tg.ask(310, "who is the mayor of Saltillo?", lang="es")
    assert answer.plain == "Saltillo's mayor is Manolo Jiménez Salinas.\nData from the snapshot produced in 2019."
    listed = await tg.ask(310, "which cities focus on transport?", lang="es")
    assert listed.plain.startswith("14 of the 50 cities I know focus on Transport/Mobility:")
    card = await tg.ask(310, "/city Saltillo", lang="es")  # no question words: the phone's language
    assert card.plain.startswith("Saltillo (México)\nLa alcaldía de Saltillo")
    assert "↗ Share" in [b["text"] for row in answer.buttons for b in row]  # the buttons follow the words


async def test_a_spanish_question_from_an_english_phone_has_spanish_buttons_too(tg, bot):
    answer = await tg.ask(311, "¿cuántos habitantes tiene Saltillo?", lang="en")
    assert answer.plain == "Saltillo tiene 709.671 habitantes (datos de 2010)."
    assert [b["text"] for row in answer.buttons for b in row][-1] == "↗ Compartir"
    await tg.types_inline(311, "compara Denver y Seattle", lang="en")
    await tg.until(lambda: tg.inline_answers)
    buttons = {b["text"] for r in tg.inline_answers[0]["results"] for row in r["reply_markup"]["inline_keyboard"]
               for b in row}
    assert buttons == {"Pregúntale más a CityBot"}


async def test_data_strings_with_markup_characters_are_escaped_on_every_new_path(tg, bot):
    name = "Villa <b>Nueva</b> & Co"
    page = {"city": name, "country": "Testland", "leader": "Ana <i>P</i> & Co", "policy_areas": ["Water", "<Mine>"]}
    await tg.sends_file(ADMIN, "v.json", json.dumps(page).encode(), lang=SPANISH)
    (preview,) = await tg.reply(ADMIN)
    assert preview.plain.startswith("Vista previa — Villa <b>Nueva</b> & Co: ciudad nueva")
    await tg.ask(320, "/subscribe todas", lang=SPANISH)
    await tg.presses(preview, "Publicar", lang=SPANISH)
    await tg.until(lambda: len(tg.to(320)) == 2, timeout=15)
    assert tg.to(320)[-1].plain == "Villa <b>Nueva</b> & Co es nueva en CityBot. ¡Pregúntame por ella!"
    miss = await tg.ask(320, "/city Villa Nueva", lang=SPANISH)
    assert miss.plain == "No tengo datos sobre “Villa Nueva”. ¿Quisiste decir…?"
    await tg.presses(miss, "Villa <b>Nueva</b> & Co", lang=SPANISH)
    (card,) = await tg.reply(320, after=3)
    assert card.plain.splitlines()[:2] == ["Villa <b>Nueva</b> & Co (Testland)",
                                           "La alcaldía de Villa <b>Nueva</b> & Co está a cargo de Ana <i>P</i> & Co."]
    assert re.search(r"• <Mine> \(redactado por la ciudad\)", card.plain)
    await tg.presses(card, "Comparar con", lang=SPANISH)
    (compared,) = await tg.reply(320, after=4)
    assert compared.plain.splitlines()[0].startswith("Villa <b>Nueva</b> & Co y ")
    await tg.presses(compared, "Gráfico", lang=SPANISH)
    (chart,) = await tg.reply(320, after=5, timeout=30)
    assert chart.photo is not None and chart.plain.startswith("Áreas de política: Villa <b>Nueva</b> & Co vs ")
    history = await tg.ask(ADMIN, "/history Villa <b>Nueva</b> & Co", lang=SPANISH)
    assert history.plain.splitlines()[0] == "Villa <b>Nueva</b> & Co: 1 versión"


def test_the_pages_own_english_prose_is_quoted_as_such_in_spanish(tmp_path: Path):
    from bot.service import Service
    from knowledge.store import open_stores

    service = Service(open_stores(tmp_path / "db.json"), {ADMIN})
    team = service.ask("equipo de innovación de Saltillo", lang=SPANISH).html.splitlines()
    assert team == ["El trabajo de innovación de Saltillo lo lidera “Chief Innovation Officer” (así lo nombra la ficha), "
                    "con 4 personas.",
                    "Otro equipo: IMPLAN; según la ficha (en inglés): “the planning of the city”."]
    activities = service.ask("actividades de Saltillo", lang=SPANISH).html.splitlines()
    assert activities[1] == ("• Impulsar el análisis basado en datos y la gestión de datos públicos (p. ej., almacenamiento "
                             "y análisis de datos; datos abiertos; macrodatos)")
    assert activities[-1] == ("La ficha dice (en inglés): “Its innovation activities also include developing new "
                              "solutions based on digital technologies; and promoting human-centered design.”")
    english = service.ask("what are Saltillo's innovation activities?").html.splitlines()
    assert english[-1] == ("Its innovation activities also include developing new solutions based on digital "
                           "technologies; and promoting human-centered design.")
