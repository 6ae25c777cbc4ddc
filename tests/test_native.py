"""Spanish all the way and native on Telegram, end to end: the real Application over HTTP against the stand-in.

Expected texts are written out by hand from the Saltillo page (knowledge/data/saltillo-mex.txt) and
the bot's wording in bot/texts.py.
"""

from __future__ import annotations

import json
from urllib.parse import unquote

from bot import links

from .conftest import ADMIN
from .test_telegram import saltillo_page

SPANISH = "es-MX"  # what a phone in Mexico sends as language_code


def labels(sent) -> list[str]:
    return [b["text"] for row in sent.buttons for b in row]


# ---- the screen before /start, and the menus -----------------------------------------------------


async def test_command_menus_and_descriptions_per_language_admin_menu_only_in_admin_chats(tg, bot):
    public = ["start", "help", "cities", "city", "compare", "subscribe", "unsubscribe", "subscriptions"]
    assert [c["command"] for c in tg.menus[("default", None, "")]] == public
    assert [c["command"] for c in tg.menus[("default", None, "es")]] == public
    assert tg.menus[("default", None, "es")][3]["description"] == "Los datos clave de una ciudad"
    assert tg.menus[("default", None, "")][3]["description"] == "Key facts of a city"
    assert [c["command"] for c in tg.menus[("chat", ADMIN, "")]] == public + ["upload", "history", "rollback", "stats"]
    assert tg.menus[("chat", ADMIN, "es")][-1]["description"] == "Admin: uso y preguntas sin respuesta"
    assert {scope for scope, _, _ in tg.menus} == {"default", "chat"}  # admin commands nowhere else
    assert tg.descriptions[""].startswith("I answer questions about how cities innovate")
    assert tg.descriptions["es"].startswith("Respondo preguntas sobre cómo innovan las ciudades")
    assert tg.short_descriptions["es"].startswith("Cómo innovan las ciudades")
    assert tg.short_descriptions[""].startswith("How cities innovate")


# ---- a Spanish user --------------------------------------------------------------------------------


async def test_a_spanish_user_gets_spanish_everywhere(tg, bot):
    card = await tg.ask(50, "Saltillo", lang=SPANISH)  # no language in the words: the phone's language
    assert card.plain.splitlines()[:3] == ["Saltillo (México)",
                                           "La alcaldía de Saltillo está a cargo de Manolo Jiménez Salinas.",
                                           "Saltillo tiene 709.671 habitantes (datos de 2010)."]
    assert "• Desarrollo económico" in card.plain and "• Transporte y movilidad" in card.plain
    assert labels(card)[:3] == ["Población", "Responsables de innovación", "Áreas de política"]
    assert "🔔 Suscribirme" in labels(card) and "↗ Compartir" in labels(card)
    cities = await tg.ask(50, "/cities", lang=SPANISH)
    assert cities.plain.splitlines()[0] == "50 ciudades" and "Página 1 de 5" in cities.plain
    mexico = await tg.ask(50, "/cities México", lang=SPANISH)
    assert mexico.plain.splitlines()[0] == "3 ciudades en México" and "Saltillo (México)" in mexico.plain
    miss = await tg.ask(50, "/city Atlantis", lang=SPANISH)
    assert miss.plain == "No tengo datos sobre “Atlantis”. ¿Quisiste decir…?" and labels(miss) == ["Atlanta"]
    assert (await tg.ask(50, "/subscribe saltillo", lang=SPANISH)).plain == (
        "Listo: te avisaré cuando cambien los datos de Saltillo.")
    assert (await tg.ask(50, "/subscriptions", lang=SPANISH)).plain == "Sigues: Saltillo"
    assert (await tg.ask(50, "/unsubscribe todas", lang=SPANISH)).plain == "Ya no sigues ninguna ciudad."
    funding = await tg.ask(50, "¿Saltillo tiene financiación dedicada?", lang=SPANISH)
    assert funding.plain.splitlines() == ["Sí — Saltillo tiene financiación dedicada a la innovación.",
                                          "Encuesta: El 81% de las ciudades encuestadas tiene financiación dedicada a "
                                          "la capacidad de innovación.",
                                          "Principales fuentes de financiación de Saltillo (2): Otros niveles de "
                                          "gobierno; Presupuesto municipal",
                                          # the same label is a success factor, which Saltillo does not name
                                          "“Financiación dedicada” también es una etiqueta de factores de éxito; "
                                          "Saltillo no la nombra allí."]
    helped = await tg.ask(50, "¿para qué le sirve la innovación a Saltillo?", lang=SPANISH)
    assert helped.plain.splitlines()[1:] == ["• Mejorar el funcionamiento interno del gobierno",
                                             "• Ahorrar costos y ganar eficiencia en el sector público",
                                             "• Simplificar los trámites de empresas y residentes"]


async def test_the_question_language_wins_over_the_phone_language(tg, bot):
    english_phone = await tg.ask(51, "¿cuántos habitantes tiene Saltillo?", lang="en")
    assert english_phone.plain == "Saltillo tiene 709.671 habitantes (datos de 2010)."
    spanish_phone = await tg.ask(52, "population of saltillo", lang=SPANISH)
    assert spanish_phone.plain == "Saltillo has a population of 709,671 (2010)."
    no_code = await tg.ask(53, "Saltillo", lang=None)  # a client that sends no language_code: English
    assert no_code.plain.startswith("Saltillo (Mexico)\nSaltillo's mayor is Manolo Jiménez Salinas.")


async def test_spanish_chart_has_a_spanish_caption_and_is_a_png(tg, bot):
    compared = await tg.ask(54, "/compare Denver Seattle policy areas", lang=SPANISH)
    before = len(tg.to(54))
    await tg.presses(compared, "Gráfico", lang=SPANISH)
    (photo,) = await tg.reply(54, after=before, timeout=30)
    assert photo.method == "sendPhoto" and photo.photo is not None and photo.photo.startswith(b"\x89PNG")
    assert photo.plain == "Áreas de política: Denver, CO vs Seattle"


async def test_help_shows_admin_commands_to_admins_only(tg, bot):
    stranger = await tg.ask(55, "/help", lang=SPANISH)
    assert "/upload" not in stranger.plain and "/stats" not in stranger.plain
    assert stranger.plain.startswith("Pregúntame lo que quieras")
    admin = await tg.ask(ADMIN, "/help")
    assert "Admins: send a .txt page or .json file with the caption /upload" in admin.plain and "/stats" in admin.plain


async def test_start_examples_use_the_most_complete_city_and_are_tappable(tg, bot):
    start = await tg.ask(56, "/start", lang=SPANISH)
    assert start.plain.splitlines()[0] == "¡Hola! Soy CityBot."
    assert labels(start) == ["¿Quién es el alcalde de Saltillo?", "Compara Saltillo y Mexico City",
                             "¿Qué ciudades se enfocan en el transporte?"]
    before = len(tg.to(56))
    await tg.presses(start, "alcalde de Saltillo", lang=SPANISH)
    (mayor,) = await tg.reply(56, after=before)
    assert mayor.plain.startswith("La alcaldía de Saltillo está a cargo de Manolo Jiménez Salinas.")


async def test_stickers_voice_photos_and_locations_get_a_one_line_hint(tg, bot):
    for i, kind in enumerate(("sticker", "voice", "photo", "location")):
        await tg.sends_media(60 + i, kind, lang=SPANISH if i % 2 else "en")
        (hint,) = await tg.reply(60 + i)
        assert "\n" not in hint.plain
        assert hint.plain == ("Respondo preguntas escritas sobre cómo innovan las ciudades — prueba “¿Quién es el "
                              "alcalde de Saltillo?”, o /help." if i % 2 else
                              "I answer questions in text about how cities innovate — try “Who is the mayor of "
                              "Saltillo?”, or /help.")


# ---- deep links and sharing ------------------------------------------------------------------------


async def test_a_deep_link_opens_on_the_city_card(tg, bot):
    card = await tg.ask(70, "/start saltillo", lang=SPANISH)  # what t.me/citybot_test?start=saltillo sends
    assert card.plain.startswith("Saltillo (México)\nLa alcaldía de Saltillo")
    share = [b["url"] for row in card.buttons for b in row if "url" in b]
    assert share and unquote(share[0]) == "https://t.me/share/url?url=https://t.me/citybot_test?start=saltillo"
    english = await tg.ask(71, "/start san_pedro_garza_garcia")
    assert english.plain.startswith("San Pedro Garza García (Mexico)")


async def test_every_answer_can_be_shared_as_a_link_that_reopens_it(tg, bot):
    answer = await tg.ask(72, "which cities focus on transport?")
    (url,) = [b["url"] for row in answer.buttons for b in row if "url" in b]
    payload = unquote(url).rsplit("start=", 1)[1]
    assert payload == links.question("which cities focus on transport?") and len(payload) <= 64
    reopened = await tg.ask(73, f"/start {payload}")
    assert reopened.plain == answer.plain


# ---- groups ------------------------------------------------------------------------------------------


async def test_group_answers_reply_to_the_question(tg, bot):
    answer = await tg.ask(-200, "@citybot_test saltillo mayor", user_id=5, chat_type="group")
    asked = tg.said[-1]
    assert answer.reply_to == asked["message_id"] and "Manolo Jiménez Salinas" in answer.plain


async def test_only_group_administrators_change_the_groups_subscriptions(tg, bot):
    refused = await tg.ask(-201, "/subscribe saltillo", user_id=5, chat_type="group", lang=SPANISH)
    assert refused.plain == "Solo los administradores de este grupo pueden cambiar sus suscripciones."
    assert bot.service.operations.subscriptions(-201) == []
    tg.members[(-201, 6)] = "administrator"
    done = await tg.ask(-201, "/subscribe saltillo", user_id=6, chat_type="group")
    assert done.plain == "Subscribed: you will be told when Saltillo's data changes."
    assert bot.service.operations.subscriptions(-201) == ["saltillo|mexico"]
    card = await tg.ask(-201, "@citybot_test saltillo", user_id=5, chat_type="group")
    await tg.presses(card, "Subscribe", user_id=5)  # the card's button: also for administrators only
    await tg.until(lambda: tg.callback_answers)
    assert tg.callback_answers[-1]["text"] == "Only this group's administrators can change its subscriptions."


async def test_a_paging_button_in_a_group_acts_only_for_the_person_it_was_shown_to(tg, bot):
    listing = await tg.ask(-202, "/cities", user_id=5, chat_type="group")
    await tg.presses(listing, "▶", user_id=9)
    await tg.until(lambda: tg.callback_answers)
    assert tg.callback_answers[-1]["text"] == "This button is for the person who asked."
    assert tg.edits(-202) == []
    await tg.presses(listing, "▶", user_id=5)
    await tg.until(lambda: tg.edits(-202))
    assert "Page 2 of 5" in tg.edits(-202)[-1].plain


# ---- inline mode -------------------------------------------------------------------------------------


async def test_inline_offers_answer_cards_and_comparison_and_a_hint_when_empty(tg, bot):
    await tg.types_inline(80, "")
    await tg.until(lambda: len(tg.inline_answers) == 1)
    empty = tg.inline_answers[0]
    assert empty["results"] == [] and empty["button"]["start_parameter"] == "help"
    assert empty["button"]["text"] == "Type a city or a question, e.g. Who is the mayor of Saltillo?"
    await tg.types_inline(80, "compara Denver y Seattle", lang=SPANISH)
    await tg.until(lambda: len(tg.inline_answers) == 2)
    results = tg.inline_answers[1]["results"]  # the comparison (the answer), then each city's card
    assert [r["title"] for r in results] == ["Denver, CO y Seattle, lado a lado:", "Denver, CO (Estados Unidos)",
                                             "Seattle (Estados Unidos)"]
    assert results[0]["description"].startswith("Denver, CO: 716.492 hab. en 2018 · Michael Hancock · estrategia: sí")
    await tg.types_inline(80, "xyzzy plugh")  # nothing to answer: no error text offered to send
    await tg.until(lambda: len(tg.inline_answers) == 3)
    nothing = tg.inline_answers[2]
    assert nothing["results"] == [] and nothing["button"]["start_parameter"] == "help"


async def test_an_inline_typo_offers_the_closest_cards_not_an_error(tg, bot):
    await tg.types_inline(81, "Atlantis")
    await tg.until(lambda: tg.inline_answers)
    results = tg.inline_answers[0]["results"]
    assert results and all("I don't have data" not in r["input_message_content"]["message_text"] for r in results)
    assert results[0]["title"] == "Atlanta (United States)"


# ---- notifications and admin uploads -----------------------------------------------------------------


async def test_notifications_in_each_chats_language_with_open_and_unsubscribe_buttons(tg, bot):
    await tg.ask(90, "/subscribe saltillo", lang=SPANISH)
    await tg.ask(91, "/subscribe saltillo")
    await tg.sends_file(ADMIN, "s.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Synthetic Successor"}))
    await tg.presses((await tg.reply(ADMIN))[0], "Publish")
    await tg.until(lambda: len(tg.to(90)) == 2 and len(tg.to(91)) == 2, timeout=15)
    spanish, english = tg.to(90)[-1], tg.to(91)[-1]
    assert spanish.plain == "Saltillo se actualizó:\n• Alcaldía: Manolo Jiménez Salinas → Synthetic Successor"
    assert english.plain == "Saltillo was updated:\n• Mayor: Manolo Jiménez Salinas → Synthetic Successor"
    assert labels(spanish) == ["Ver Saltillo", "🔕 Dejar de seguir"]
    before = len(tg.to(90))
    await tg.presses(spanish, "Ver Saltillo", lang=SPANISH)
    (card,) = await tg.reply(90, after=before)
    assert card.plain.startswith("Saltillo (México)\nLa alcaldía de Saltillo está a cargo de Synthetic Successor.")
    await tg.presses(spanish, "Dejar de seguir", lang=SPANISH)
    await tg.until(lambda: any(a.get("text") == "Ya no sigues Saltillo." for a in tg.callback_answers))
    assert bot.service.operations.subscriptions(90) == []


async def test_an_admin_json_with_some_fields_changes_only_those(tg, bot):
    patch = {"city": "Saltillo", "leader": "Synthetic Patch Mayor", "spotlight": None}
    await tg.sends_file(ADMIN, "saltillo.json", json.dumps(patch).encode())
    (preview,) = await tg.reply(ADMIN)
    assert preview.plain.splitlines()[:3] == [
        "Preview — Saltillo: update, 2 fields changed",
        "A change to the fields the file gives (merged into the current version; null removes a field).",
        "⚠ Removes 1 field: Spotlight."]
    assert "<b>⚠ Removes 1 field: Spotlight.</b>" in preview.text
    await tg.presses(preview, "Publish")
    await tg.until(lambda: any("Published" in s.plain for s in tg.edits(ADMIN)))
    card = await tg.ask(42, "saltillo")
    assert "Synthetic Patch Mayor" in card.plain and "709,671 (2010)" in card.plain and "Transport/Mobility" in card.plain
    assert "does not cover a spotlight" in (await tg.ask(42, "saltillo spotlight")).plain


async def test_a_whole_page_replaces_and_the_preview_warns_about_what_it_removes(tg, bot):
    whole = {"city": "Saltillo", "country": "Mexico", "leader": "Synthetic Replacement", "replace": True}
    await tg.sends_file(ADMIN, "saltillo.json", json.dumps(whole).encode())
    preview = (await tg.reply(ADMIN))[0]  # 26 changes may take two messages
    lines = preview.plain.splitlines()
    assert lines[1] == "A whole new page: it replaces the current version."
    assert lines[2].startswith("⚠ Removes 26 fields: Leader's title, Population, Innovation website,")
    await tg.until(lambda: tg.to(ADMIN)[-1].buttons)  # every part of the long preview has arrived
    before = len(tg.to(ADMIN))
    await tg.sends_file(ADMIN, "page.txt", saltillo_page(**{"Manolo Jiménez Salinas": "Synthetic Page Mayor"}))
    (page,) = await tg.reply(ADMIN, after=before)
    assert page.plain.splitlines()[:2] == ["Preview — Saltillo: update, 1 field changed",
                                           "A whole new page: it replaces the current version."]
    assert "Removes" not in page.plain


async def test_a_spanish_admin_gets_a_spanish_preview_and_plain_errors(tg, bot):
    await tg.says(ADMIN, "/upload", lang=SPANISH)
    (prompt,) = await tg.reply(ADMIN)
    assert prompt.plain == "Envía ahora el archivo (página .txt o .json)."
    await tg.sends_file(ADMIN, "saltillo.json", json.dumps({"city": "Saltillo", "mayor": "X"}).encode(), caption=None,
                        lang=SPANISH)
    (error,) = await tg.reply(ADMIN, after=1)
    assert error.plain.splitlines() == [
        "saltillo.json: no se guardó",
        "campo mayor: campo desconocido 'mayor' — ¿quisiste decir 'leader'? — cámbiale el nombre o quítalo",
        "Corrige el archivo y vuelve a enviarlo."]
    await tg.sends_file(ADMIN, "s.pdf", b"%PDF-1.4 synthetic", lang=SPANISH)
    (pdf,) = await tg.reply(ADMIN, after=2)
    assert pdf.plain == ("Es un PDF y no puedo leerlo: pega el texto de la página en un archivo .txt (cópialo de la "
                         "página de la ciudad) y envíalo.")
    patch = {"city": "Saltillo", "policy_areas": ["Economic Development", "Water"]}
    await tg.sends_file(ADMIN, "saltillo.json", json.dumps(patch).encode(), lang=SPANISH)
    preview = (await tg.reply(ADMIN, after=3))[0]
    assert preview.plain.splitlines() == [
        "Vista previa — Saltillo: actualización, 1 campo cambia",
        "Un cambio de los campos que trae el archivo (se aplica sobre la versión actual; null quita un campo).",
        "• Áreas de política: + Agua, − Transporte y movilidad"]
    assert labels(preview) == ["✅ Publicar", "Cancelar"]


async def test_a_spanish_admin_gets_upload_errors_in_spanish_summarised_and_escaped(tg, bot):
    bad = {"city": "Villa <Nueva> & Co", "country": "Testland", "population": {"text": "5", "number": "muchos"},
           **{f"campo{i}": 1 for i in range(12)}}
    await tg.sends_file(ADMIN, "<nueva>.json", json.dumps(bad).encode(), lang=SPANISH)
    (error,) = await tg.reply(ADMIN)
    assert error.plain.splitlines() == [
        "<nueva>.json: no se guardó",
        "campo population.number: se esperaba un número entero y hay 'muchos' — escribe solo cifras, p. ej. 2018",
        *[f"campo campo{i}: campo desconocido 'campo{i}' — quítalo" for i in range(9)],
        "…y 3 problemas más como estos",
        "Corrige el archivo y vuelve a enviarlo."]
    await tg.sends_file(ADMIN, "lista.json", b"[1, 2]", lang=SPANISH)
    (listed,) = await tg.reply(ADMIN, after=1)
    assert listed.plain.splitlines()[1] == (
        'archivo: se esperaba un objeto JSON y hay una lista — envía una ciudad así: {"city": …, "country": …}')
    await tg.sends_file(ADMIN, "nota.txt", "Hola equipo,\nla reunión pasó al jueves.\n".encode(), lang=SPANISH)
    (prose,) = await tg.reply(ADMIN, after=2)
    assert prose.plain.splitlines()[1] == (
        "archivo: no es una ficha de innovación (City Innovation Snapshot): no tiene ninguno de sus títulos de sección "
        "— pega el texto de la página desde el nombre de la ciudad, con sus títulos")


async def test_a_comparison_is_one_line_per_city_with_topics_behind_buttons(tg, bot):
    compared = await tg.ask(95, "compara Saltillo, Denver, Seattle, Chicago y Viena", lang=SPANISH)
    lines = compared.plain.splitlines()
    assert len(lines) <= 12 and lines[0] == "Saltillo, Denver, CO, Seattle, Chicago y Vienna, lado a lado:"
    assert lines[1] == ("Saltillo: 709.671 hab. en 2010 · Manolo Jiménez Salinas · estrategia: no · "
                        "financiación dedicada: sí · 2 áreas de política")
    assert [ln.split(":")[0] for ln in lines[1:6]] == ["Saltillo", "Denver, CO", "Seattle", "Chicago", "Vienna"]
    assert labels(compared)[:3] == ["Áreas de política", "Disponibilidad de datos", "Financiación"]
    before = len(tg.to(95))
    await tg.presses(compared, "Disponibilidad de datos", lang=SPANISH)
    (data,) = await tg.reply(95, after=before)
    data_lines = data.plain.splitlines()
    assert data_lines[0] == "Disponibilidad de datos, lado a lado:"
    assert data_lines[1].startswith("Saltillo: Datos suficientes: Desarrollo económico, Vivienda y entorno construido")
    assert data_lines[2:] == ["Denver, CO: su ficha no lo cubre", "Seattle: su ficha no lo cubre",
                              "Chicago: su ficha no lo cubre", "Vienna: su ficha no lo cubre"]
