"""Every sentence the bot says, in English and Spanish. Data goes into the {placeholders}."""

from __future__ import annotations

from bot.topics import heading, topic_name
from knowledge.errors import Problem, SnapshotError, Where
from knowledge.models import Population

__all__ = ["LEVELS", "PROBLEMS", "TEXTS", "YES_NO", "heading", "join", "join_and", "join_or", "language", "number", "population", "problem", "problems", "t", "wording", "topic_name"]  # topic names live in the topic registry

TEXTS: dict[str, dict[str, str]] = {
    "not_covered": {"en": "{city}'s snapshot does not cover {topic}.",
                    "es": "La ficha de {city} no cubre {topic}."},
    "older_page_covers": {"en": "Its {year} page (an earlier version) does:", "es": "Su ficha de {year} (una versión anterior) sí:"},
    "older_page_covers_undated": {"en": "An earlier version of its page does:", "es": "Una versión anterior de su ficha sí:"},
    "leader": {"en": "{city}'s {title} is {name}.", "es": "La {title} de {city} está a cargo de {name}."},
    "year": {"en": "{city}'s snapshot (PDF version) was produced in {year}.",
             "es": "La ficha de {city} (versión PDF) se elaboró en {year}."},
    "year_population": {"en": "{city}'s page gives no production year; its population figure is from {year}.",
                        "es": "La ficha de {city} no indica su año; la cifra de población es de {year}."},
    "leader_not_mayor": {"en": "{city} is run by a {title}, not a mayor: {name}.",
                         "es": "{city} no tiene alcalde: la ciudad está a cargo de {name} ({title})."},
    "population": {"en": "{city} has a population of {number} ({year}).",
                   "es": "{city} tiene {number} habitantes (datos de {year})."},
    "population_no_year": {"en": "{city} has a population of {number} (the page gives no year).",
                           "es": "{city} tiene {number} habitantes (la ficha no indica el año)."},
    "population_value": {"en": "{number} ({year})", "es": "{number} hab. en {year}"},
    "population_unclean": {"en": "{city}'s page states its population as {population} (as written; not a clean number).",
                           "es": "La ficha de {city} indica una población de {population} (tal cual; no es un número limpio)."},
    "officers": {"en": "{city}'s lead innovation officers: {names}.",
                 "es": "La innovación de {city} está a cargo de {names}."},
    "officers_one": {"en": "{city}'s lead innovation officer: {names}.",
                     "es": "La innovación de {city} está a cargo de {names}."},
    "officers_counted": {"en": "{city} names {count} lead innovation officers: {names}.",
                         "es": "{city} tiene {count} responsables de innovación: {names}."},
    "officers_counted_one": {"en": "{city} names 1 lead innovation officer: {names}.",
                             "es": "{city} tiene 1 responsable de innovación: {names}."},
    "no_officers": {"en": "{city}'s page names no lead innovation officer.",
                    "es": "La ficha de {city} no nombra responsable de innovación."},
    "helping_to": {"en": "Innovation is helping {city} to:", "es": "La innovación ayuda a {city} a:"},
    "success_factors": {"en": "{city}'s critical success factors ({count}):", "es": "Factores críticos de éxito de {city} ({count}):"},
    "spotlight": {"en": "Spotlight on innovation in {city}:", "es": "Innovación destacada en {city}:"},
    "strategy_yes": {"en": "Yes — {city} has an explicit innovation strategy.",
                     "es": "Sí — {city} tiene una estrategia de innovación explícita."},
    "strategy_no": {"en": "No — {city} does not have an explicit innovation strategy.",
                    "es": "No — {city} no tiene una estrategia de innovación explícita."},
    "approach": {"en": "{city} approaches innovation capacity {approach}.",
                 "es": "{city} aborda la capacidad de innovación así: {approach}."},
    "benchmark": {"en": "Survey: {sentence}", "es": "Encuesta: {sentence}"},
    "policy_areas": {"en": "Policy areas {city} is focused on ({count}):", "es": "Áreas de política en las que se enfoca {city} ({count}):"},
    "no_policy_areas": {"en": "{city} does not prioritise policy sectors.",
                        "es": "{city} no prioriza sectores de política."},
    "roles": {"en": "{city} uses {count} innovation roles:", "es": "{city} cuenta con {count} perfiles de innovación:"},
    "roles_one": {"en": "{city} uses 1 innovation role:", "es": "{city} cuenta con 1 perfil de innovación:"},
    "roles_unnamed_one": {"en": "{city} uses 1 innovation role; its snapshot does not name it.",
                          "es": "{city} cuenta con 1 perfil de innovación; su ficha no dice cuál."},
    "roles_unnamed": {"en": "{city} uses {count} innovation roles; its snapshot does not name them.",
                      "es": "{city} cuenta con {count} perfiles de innovación; su ficha no los nombra."},
    "roles_unlisted": {"en": "{count} of them are not named on the page.",
                       "es": "{count} de ellos no se nombran en la ficha."},
    "team": {"en": "{city}'s innovation work is led by the {lead}{staff}.",
             "es": "El trabajo de innovación de {city} lo lidera “{lead}” (así lo nombra la ficha){staff}."},
    "team_staff": {"en": " with {staff} staff members", "es": ", con {staff} personas"},
    "other_team": {"en": "Other team: {name} — {purpose}.", "es": "Otro equipo: {name}; según la ficha (en inglés): “{purpose}”."},
    "terms": {"en": "Terms {city} most associates with innovation ({count}):", "es": "Términos que {city} asocia con la innovación ({count}):"},
    "activities": {"en": "{city}'s most common innovation activities:",
                   "es": "Actividades de innovación más comunes de {city}:"},
    "funding_yes": {"en": "Yes — {city} has dedicated funding to support innovation capacity.",
                    "es": "Sí — {city} tiene financiación dedicada a la innovación."},
    "funding_no": {"en": "No — {city} does not have dedicated funding for innovation.",
                   "es": "No — {city} no tiene financiación dedicada a la innovación."},
    "funding_sources": {"en": "{city}'s top sources of funding ({count}):", "es": "Principales fuentes de financiación de {city} ({count}):"},
    "funded_activities": {"en": "Activities being funded in {city} ({count}):", "es": "Actividades financiadas en {city} ({count}):"},
    "partners": {"en": "{city} has innovation partnerships with:", "es": "{city} tiene alianzas de innovación con:"},
    "data": {"en": "Data availability by policy area in {city}:", "es": "Disponibilidad de datos por área en {city}:"},
    "data_level": {"en": "Policy areas with {level} in {city} ({count}):", "es": "Áreas de política de {city} — {level} ({count}):"},
    "data_area": {"en": "{city}: {area} — {level}.", "es": "{city}: {area} — {level}."},
    "data_area_missing": {"en": "{city}'s data availability list does not mention {area}.",
                          "es": "La lista de datos de {city} no menciona {area}."},
    "country": {"en": "{city} is in {country}.", "es": "{city} está en {country}."},
    "website_yes": {"en": "Yes — {city}'s page lists an innovation website (its address is not in my data).",
                    "es": "Sí — la ficha de {city} enlaza un sitio web de innovación (su dirección no está en mis datos)."},
    "website_no": {"en": "No — {city}'s page lists no innovation website.",
                   "es": "No — la ficha de {city} no enlaza sitio web de innovación."},
    "member_yes": {"en": "Yes — {city}: {label} ({topic}).", "es": "Sí — {city}: {label} ({topic})."},
    # The page's own prose (a spotlight story, "Its innovation activities also include …"): quoted as
    # written, and in Spanish said to be the page's English words rather than passed off as an answer.
    "page_says": {"en": "{text}", "es": "La ficha dice (en inglés): “{text}”"},
    "city_written": {"en": "{item} (city-written)", "es": "{item} (redactado por la ciudad)"},
    "examples": {"en": " (e.g. {items})", "es": " (p. ej., {items})"},
    "member_no": {"en": "No — {label} is not among {city}'s {topic}.", "es": "No — {city} no incluye {label} en sus {topic}."},
    "overview": {"en": "{city} ({country})", "es": "{city} ({country})"},
    "snapshot_year": {"en": "Data from the snapshot produced in {year}.", "es": "Datos de la ficha de {year}."},
    "unknown_city": {"en": "I don't have data on \u201c{name}\u201d.", "es": "No tengo datos sobre \u201c{name}\u201d."},
    "did_you_mean": {"en": "Did you mean: {names}?", "es": "¿Quizás: {names}?"},
    "frequencies": {"en": "{topic} across the {count} cities whose snapshots cover them (cities naming each):",
                    "es": "{topic} en las {count} ciudades cuyas fichas los cubren (ciudades que nombran cada uno):"},
    "frequencies_one": {"en": "{topic} in the one city whose snapshot covers them, {city}:",
                        "es": "{topic} en la única ciudad cuya ficha los cubre, {city}:"},
    "help_commands": {
        "en": "<b>Ask anything</b> about a city's innovation snapshot, in English or Spanish.\n"
              "/cities [country] — the cities I know\n/city NAME — a card of key facts\n"
              "/compare A B [topic] — side by side, e.g. /compare Denver Seattle policy areas\n"
              "/subscribe NAME | all — be told when a city's data changes\n/unsubscribe NAME | all\n"
              "/subscriptions — what you follow\n"
              "In any chat, type @ and my name, then a question, to send an answer there.",
        "es": "<b>Pregúntame lo que quieras</b> sobre la ficha de innovación de una ciudad, en español o en inglés.\n"
              "/cities [país] — las ciudades que conozco\n/city NOMBRE — una ficha con los datos clave\n"
              "/compare A B [tema] — lado a lado, p. ej. /compare Denver Seattle áreas de política\n"
              "/subscribe NOMBRE | todas — te aviso cuando cambien los datos de una ciudad\n/unsubscribe NOMBRE | todas\n"
              "/subscriptions — lo que sigues\n"
              "En cualquier chat, escribe @ y mi nombre y luego una pregunta para enviar allí la respuesta.",
    },
    "help_admin": {
        "en": "<b>Admins</b>: send a .txt page or .json file with the caption /upload (a .json with only some fields "
              "changes just those); /history NAME; /rollback NAME; /stats",
        "es": "<b>Administración</b>: envía una página .txt o un .json con el pie /upload (un .json con solo algunos "
              "campos cambia solo esos); /history NOMBRE; /rollback NOMBRE; /stats",
    },
    "help_try": {"en": "Try one (tap it):", "es": "Prueba una (tócala):"},
    "greeting": {"en": "Hi! I am CityBot.", "es": "¡Hola! Soy CityBot."},
    "example_mayor": {"en": "Who is the mayor of {city}?", "es": "¿Quién es el alcalde de {city}?"},
    "example_compare": {"en": "Compare {a} and {b}", "es": "Compara {a} y {b}"},
    "example_across": {"en": "Which cities focus on transport?", "es": "¿Qué ciudades se enfocan en el transporte?"},
    "which_city_arg": {"en": "Which city? For example:", "es": "¿Qué ciudad? Por ejemplo:"},
    "did_you_mean_short": {"en": "Did you mean:", "es": "¿Quisiste decir…?"},
    "no_cities_in": {"en": "I know no cities in “{country}”. Countries I know: {known}.",
                     "es": "No conozco ciudades en “{country}”. Países que conozco: {known}."},
    "n_cities": {"en": "{count} cities", "es": "{count} ciudades"},
    "n_cities_in": {"en": "{count} cities in {country}", "es": "{count} ciudades en {country}"},
    "n_cities_in_one": {"en": "1 city in {country}", "es": "1 ciudad en {country}"},
    "page": {"en": "Page {page} of {pages}", "es": "Página {page} de {pages}"},
    "compare_word": {"en": "compare", "es": "compara"},
    "or": {"en": " or ", "es": " o "},
    "and": {"en": " and ", "es": " y "},
    "chart_nothing": {"en": "Nothing to draw: the snapshots of {names} do not cover {topic}.",
                      "es": "No hay nada que dibujar: las fichas de {names} no cubren {topic}."},
    "chart_caption": {"en": "{topic}: {names}", "es": "{topic}: {names}"},
    "chart_first": {"en": "(the first {count} of {total} cities, so that the chart stays readable)",
                    "es": "(las primeras {count} de {total} ciudades, para que el gráfico se lea bien)"},
    "chart_yes": {"en": "listed", "es": "la menciona"},
    "chart_no": {"en": "not listed", "es": "no la menciona"},
    "chart_not_covered": {"en": "not covered", "es": "sin datos en la ficha"},
    "city_gone": {"en": "That city is no longer known; please ask again.",
                  "es": "Ya no tengo esa ciudad; vuelve a preguntar."},
    "expired_toast": {"en": "Expired", "es": "Caducado"},
    "unknown_button": {"en": "Unknown button.", "es": "Botón desconocido."},
    "not_yours": {"en": "This button is for the person who asked.", "es": "Este botón es de quien preguntó."},
    "group_admins_only": {"en": "Only this group's administrators can change its subscriptions.",
                          "es": "Solo los administradores de este grupo pueden cambiar sus suscripciones."},
    "subscribed_all": {"en": "You will hear about every city's changes.", "es": "Te avisaré de los cambios de todas las ciudades."},
    "already_all": {"en": "You already follow every city.", "es": "Ya sigues todas las ciudades."},
    "subscribed": {"en": "Subscribed: you will be told when {city}'s data changes.",
                   "es": "Listo: te avisaré cuando cambien los datos de {city}."},
    "subscribed_toast": {"en": "Subscribed to {city}", "es": "Suscrito a {city}"},
    "already_following": {"en": "You already follow {city}.", "es": "Ya sigues {city}."},
    "unsubscribed_all": {"en": "Unsubscribed from everything.", "es": "Ya no sigues ninguna ciudad."},
    "unsubscribed": {"en": "Unsubscribed from {city}.", "es": "Ya no sigues {city}."},
    "not_following": {"en": "You were not following {city}.", "es": "No seguías {city}."},
    "follow_none": {"en": "You follow no city. Try", "es": "No sigues ninguna ciudad. Prueba"},
    "all_word": {"en": "all", "es": "todas"},
    "every_city": {"en": "every city", "es": "todas las ciudades"},
    "following": {"en": "You follow: {names}", "es": "Sigues: {names}"},
    "btn_chart": {"en": "📊 Chart", "es": "📊 Gráfico"},
    "btn_open_bot": {"en": "Ask CityBot more", "es": "Pregúntale más a CityBot"},
    "btn_share": {"en": "↗ Share", "es": "↗ Compartir"},
    "btn_open_city": {"en": "Open {city}", "es": "Ver {city}"},
    "btn_unsubscribe": {"en": "🔕 Unsubscribe", "es": "🔕 Dejar de seguir"},
    "inline_hint": {"en": "Type a city or a question, e.g. {example}", "es": "Ciudad o pregunta, p. ej. {example}"},
    "media_hint": {"en": "I answer questions in text about how cities innovate — try “{example}”, or /help.",
                   "es": "Respondo preguntas escritas sobre cómo innovan las ciudades — prueba “{example}”, o /help."},
    "error": {"en": "Sorry, something went wrong on my side. Please try again.",
              "es": "Lo siento, algo salió mal. Inténtalo de nuevo."},
    # ---- admins ----
    "refuse": {"en": "Sorry, only CityBot's admins can change data.", "es": "Lo siento, solo la administración de CityBot puede cambiar datos."},
    "refuse_toast": {"en": "Only admins can do that", "es": "Solo para administradores"},
    "upload_prompt": {"en": "Send the snapshot file now (.txt page or .json).", "es": "Envía ahora el archivo (página .txt o .json)."},
    "upload_hint": {"en": "To upload city data, send the file with the caption /upload.",
                    "es": "Para subir datos de una ciudad, envía el archivo con el pie /upload."},
    "too_big": {"en": "That file is {size} bytes; the limit is {limit}. Send one city's snapshot (.txt page or .json) per file.",
                "es": "Ese archivo pesa {size} bytes; el límite es {limit}. Envía la ficha de una sola ciudad (página .txt o .json) por archivo."},
    "pdf": {"en": "That is a PDF, which I can't read: paste the page text into a .txt file (copy it from the city's page) and send that.",
            "es": "Es un PDF y no puedo leerlo: pega el texto de la página en un archivo .txt (cópialo de la página de la ciudad) y envíalo."},
    "wrong_type": {"en": "“{name}” is neither a .txt page nor a .json snapshot. Send the page text as .txt, or the city's data as .json.",
                   "es": "“{name}” no es ni una página .txt ni un .json. Envía el texto de la página como .txt, o los datos de la ciudad como .json."},
    "not_stored": {"en": "Not stored.", "es": "No se guardó nada."},
    "fix_and_resend": {"en": "Fix the file and send it again.", "es": "Corrige el archivo y vuelve a enviarlo."},
    "preview": {"en": "Preview", "es": "Vista previa"},
    "mode_merge": {"en": "A change to the fields the file gives (merged into the current version; null removes a field).",
                   "es": "Un cambio de los campos que trae el archivo (se aplica sobre la versión actual; null quita un campo)."},
    "mode_replace": {"en": "A whole new page: it replaces the current version.",
                     "es": "Una página completa nueva: reemplaza la versión actual."},
    "removes_fields": {"en": "Removes {count} fields: {names}.", "es": "Quita {count} campos: {names}."},
    "removes_fields_one": {"en": "Removes 1 field: {names}.", "es": "Quita 1 campo: {names}."},
    "plan_new": {"en": "{city}: new city", "es": "{city}: ciudad nueva"},
    "plan_update": {"en": "{city}: update, {count} fields changed", "es": "{city}: actualización, {count} campos cambian"},
    "plan_update_one": {"en": "{city}: update, 1 field changed", "es": "{city}: actualización, 1 campo cambia"},
    "plan_older": {"en": "{city}: older than the stored page; kept as history, the current version stays", "es": "{city}: es anterior a la página guardada; queda en el historial y la versión actual no cambia"},
    "plan_same": {"en": "{city}: already stored, nothing to store", "es": "{city}: ya está guardada; no hay nada que guardar"},
    "plan_resembles": {"en": "{city}: resembles stored {names}; choose update or new", "es": "{city}: se parece a {names}, ya guardada; elige actualizarla o agregarla como nueva"},
    "more_changes": {"en": "…and {count} more changes", "es": "…y {count} cambios más"},
    "btn_publish": {"en": "✅ Publish", "es": "✅ Publicar"},
    "btn_cancel": {"en": "Cancel", "es": "Cancelar"},
    "btn_update_city": {"en": "Update {city}", "es": "Actualizar {city}"},
    "btn_add_new": {"en": "Add as new city", "es": "Agregar como ciudad nueva"},
    "nothing_to_publish": {"en": "Nothing to publish: that version is already stored.",
                           "es": "Nada que publicar: esa versión ya está guardada."},
    "published_head": {"en": "Published", "es": "Publicado:"},
    "published": {"en": "{what}. Notifying {count} subscribers.", "es": "{what}. Aviso a {count} suscriptores."},
    "published_one": {"en": "{what}. Notifying 1 subscriber.", "es": "{what}. Aviso a 1 suscriptor."},
    "published_toast": {"en": "Published", "es": "Publicado"},
    "cancelled": {"en": "Cancelled; nothing was stored.", "es": "Cancelado; no se guardó nada."},
    "cancelled_toast": {"en": "Cancelled", "es": "Cancelado"},
    "no_earlier_version": {"en": "{city}: there is no earlier published version to roll back to.",
                           "es": "{city}: no hay una versión publicada anterior a la que volver."},
    "versions": {"en": "{count} versions", "es": "{count} versiones"},
    "versions_one": {"en": "1 version", "es": "1 versión"},
    "history_version": {"en": "v{number}  {stored}  {status}  {city}  page year {year}  ({origin}){mark}",
                        "es": "v{number}  {stored}  {status}  {city}  año de la ficha {year}  ({origin}){mark}"},
    "history_by": {"en": "by {user}", "es": "subida por {user}"},
    "history_current": {"en": "  ◀ current", "es": "  ◀ actual"},
    "history_unknown": {"en": "unknown", "es": "desconocido"},
    "history_no_source": {"en": "unknown source", "es": "origen desconocido"},
    "status_published": {"en": "published", "es": "publicada"},
    "status_rolled back": {"en": "rolled back", "es": "revertida"},
    "stats_cities": {"en": "Cities", "es": "Ciudades"},
    "stats_subscribers": {"en": "Subscribers", "es": "Suscriptores"},
    "stats_asked": {"en": "Questions asked", "es": "Preguntas recibidas"},
    "stats_unanswered": {"en": "Most frequent unanswered", "es": "Sin respuesta, las más frecuentes"},
    "stats_none": {"en": "No unanswered questions yet.", "es": "Todavía no hay preguntas sin respuesta."},
    "which_city": {"en": "Which city do you mean? I know {count}; ask for example “{example}”, or see /cities.",
                   "es": "¿De qué ciudad? Conozco {count}; pregunta por ejemplo “{example}”, o mira /cities."},
    "help": {"en": "I answer questions about the {count} cities whose innovation snapshots I know: their mayor, "
                   "population, innovation team, policy areas, funding, data and more. Try:",
             "es": "Respondo preguntas sobre las {count} ciudades cuyas fichas de innovación conozco: alcalde, "
                   "población, equipo, áreas de política, financiación, datos y más. Prueba:"},
    "compare": {"en": "{topic}, side by side:", "es": "{topic}, lado a lado:"},
    "compare_key_facts": {"en": "{names}, side by side:", "es": "{names}, lado a lado:"},
    "compare_line": {"en": "{city}: {value}", "es": "{city}: {value}"},
    "compare_not_covered": {"en": "not covered by its snapshot", "es": "su ficha no lo cubre"},
    "not_covered_short": {"en": "not covered", "es": "su ficha no lo cubre"},
    "compare_counted": {"en": "{count} — {items}", "es": "{count} — {items}"},
    "compare_unnamed": {"en": "{count} (its snapshot does not name them)", "es": "{count} (su ficha no los nombra)"},
    "compare_no_priorities": {"en": "does not prioritise policy sectors", "es": "no prioriza sectores de política"},
    "compare_strategy": {"en": "strategy: {answer}", "es": "estrategia: {answer}"},
    "compare_funding": {"en": "dedicated funding: {answer}", "es": "financiación dedicada: {answer}"},
    "compare_website": {"en": "innovation website: {answer}", "es": "sitio web de innovación: {answer}"},
    "n_policy_areas": {"en": "{count} policy areas", "es": "{count} áreas de política"},
    "n_policy_areas_one": {"en": "1 policy area", "es": "1 área de política"},
    "compare_need_two": {"en": "Name two or more cities to compare, e.g. \u201ccompare {a} and {b} on funding\u201d.",
                         "es": "Nombra dos o más ciudades, p. ej. \u201ccompara {a} y {b} en financiación\u201d."},
    "shared": {"en": "Shared: {items}.", "es": "En común: {items}."},
    "only": {"en": "Only {city}: {items}.", "es": "Solo {city}: {items}."},
    "largest_of": {"en": "Largest: {city}.", "es": "La más poblada: {city}."},
    "same_answer": {"en": "Same answer for all of them.", "es": "La misma respuesta para todas."},
    "differ": {"en": "They differ.", "es": "Difieren."},
    "nothing_shared": {"en": "Nothing in common.", "es": "Nada en común."},
    "across": {"en": "{count} of the {total} cities I know {what}:", "es": "{count} de las {total} ciudades que conozco {what}:"},
    # One city: the plural verb of {what} stays right when the count comes after it.
    "across_one": {"en": "Cities I know that {what}: 1 of the {total}:", "es": "Ciudades que conozco que {what}: 1 de las {total}:"},
    "across_none": {"en": "None of the {total} cities I know {what}.", "es": "0 de las {total} ciudades que conozco {what}."},
    "across_uncovered_one": {"en": "1 snapshot does not cover {topic}, so it is not counted.",
                             "es": "1 ficha no cubre {topic}, así que no se cuenta."},
    "across_uncovered": {"en": "{count} snapshots do not cover {topic}, so they are not counted.",
                         "es": "{count} fichas no cubren {topic}, así que no se cuentan."},
    "cities_where": {"en": "{count} cities I know{where}:", "es": "{count} ciudades que conozco{where}:"},
    "cities_where_one": {"en": "1 city I know{where}:", "es": "1 ciudad que conozco{where}:"},
    "those": {"en": "There are {count} of them:", "es": "Son {count}:"},
    "those_one": {"en": "There is 1:", "es": "Es 1:"},
    "other_than": {"en": "Other than {names}:", "es": "Sin contar {names}:"},
    "all_of": {"en": "{count} cities: {names}.", "es": "{count} ciudades: {names}."},
    "population_unclean_uncounted": {
        "en": "Not counted, as the page does not state the population as a clean number: {cities}.",
        "es": "Sin contar, porque la ficha no da la población como un número limpio: {cities}."},
    "rank_most": {"en": "The most {topic}{where}: {cities}, with {number} (of the {count} cities whose snapshots cover them).",
                  "es": "Más {topic}{where}: {cities}, con {number} (de las {count} ciudades cuyas fichas lo cubren)."},
    "rank_most_one": {"en": "The most {topic}{where}: {cities}, with {number} (the one city whose snapshot covers them).",
                      "es": "Más {topic}{where}: {cities}, con {number} (la única ciudad cuya ficha lo cubre)."},
    "rank_fewest": {"en": "The fewest {topic}{where}: {cities}, with {number} (of the {count} cities whose snapshots cover them).",
                    "es": "Menos {topic}{where}: {cities}, con {number} (de las {count} ciudades cuyas fichas lo cubren)."},
    "rank_fewest_one": {"en": "The fewest {topic}{where}: {cities}, with {number} (the one city whose snapshot covers them).",
                        "es": "Menos {topic}{where}: {cities}, con {number} (la única ciudad cuya ficha lo cubre)."},
    "uncovered_named": {"en": "Not ranked: {cities} (the snapshot does not cover {topic}).",
                        "es": "Sin ordenar: {cities} (la ficha no cubre {topic})."},
    "cannot_rank": {"en": "I can't rank cities by {topic}: I rank them by population, or by how many items a section names "
                          "(policy areas, success factors, innovation roles, officers…).",
                    "es": "No puedo ordenar ciudades por {topic}: las ordeno por población o por cuántos elementos nombra "
                          "una sección (áreas de política, factores de éxito, roles de innovación, responsables…)."},
    "cannot_rank_any": {"en": "I can't tell which city is the most of that: I rank cities by population, or by how many "
                              "items a section names (policy areas, success factors, innovation roles, officers…).",
                        "es": "No sé ordenar ciudades por eso: las ordeno por población o por cuántos elementos nombra "
                              "una sección (áreas de política, factores de éxito, roles de innovación, responsables…)."},
    "covers": {"en": "cover {topic}", "es": "cubren {topic}"},
    "most_of": {"en": "The most {topic}: {city} ({count}).", "es": "Más {topic}: {city} ({count})."},
    "fewest_of": {"en": "The fewest {topic}: {city} ({count}).", "es": "Menos {topic}: {city} ({count})."},
    "larger_than": {"en": "{answer} — {city} is larger than {other}.", "es": "{answer} — {city} es más grande que {other}."},
    "smaller_than": {"en": "{answer} — {city} is smaller than {other}.",
                     "es": "{answer} — {city} es más pequeña que {other}."},
    "same_count": {"en": "The same number of {topic}: {count} each.", "es": "La misma cantidad de {topic}: {count} cada una."},
    "next_count": {"en": "Next: {cities} ({count}).", "es": "Siguen: {cities} ({count})."},
    "next_many": {"en": "Next: {count} cities with {number}.", "es": "Siguen: {count} ciudades con {number}."},
    "named": {"en": "name {topic} on their page", "es": "nombran {topic} en su ficha"},
    "not_named": {"en": "do not name {topic} on their page", "es": "no nombran {topic} en su ficha"},
    "none_where": {"en": "I know no cities{where}.", "es": "No conozco ciudades{where}."},
    "tied": {"en": "{count} cities tied, the first {names}", "es": "{count} ciudades empatadas, las primeras {names}"},
    "smallest_of": {"en": "Smallest: {city}.", "es": "La menos poblada: {city}."},
    "region_south_america": {"en": "South America", "es": "Sudamérica"},
    "region_latin_america": {"en": "Latin America", "es": "América Latina"},
    "region_north_america": {"en": "North America", "es": "América del Norte"},
    "region_central_america": {"en": "Central America", "es": "Centroamérica"},
    "region_europe": {"en": "Europe", "es": "Europa"},
    "region_asia": {"en": "Asia", "es": "Asia"},
    "region_africa": {"en": "Africa", "es": "África"},
    "region_oceania": {"en": "Oceania", "es": "Oceanía"},
    "all_cities": {"en": "I know {count} cities in {countries} countries:", "es": "Conozco {count} ciudades en {countries} países:"},
    "largest": {"en": "The largest city I know by population{where}: {city}, {population}.",
                "es": "La ciudad más poblada que conozco{where}: {city}, {population}."},
    "smallest": {"en": "The smallest city I know by population{where}: {city}, {population}.",
                 "es": "La ciudad menos poblada que conozco{where}: {city}, {population}."},
    "where_outside": {"en": " outside {country}", "es": " fuera de {country}"},
    "none_of_them": {"en": "None of them.", "es": "Ninguna de ellas."},
    "where_in": {"en": " in {country}", "es": " en {country}"},
    "place_in": {"en": " ({country})", "es": " ({country})"},
    "place_outside": {"en": " (outside {country})", "es": " (fuera de {country})"},
    "next": {"en": "Next: {items}.", "es": "Siguen: {items}."},
    "reordered": {"en": "{title}: the same items, in another order", "es": "{title}: los mismos elementos, en otro orden"},
    # "Next: Tulsa, 403,090 (2016)": the English figure already ends in a parenthesis.
    "city_population": {"en": "{city}, {population}", "es": "{city} ({population})"},
    "population_as_written": {"en": "{city} (“{text}”)", "es": "{city} (“{text}”)"},
    "survey": {"en": "Survey-wide, as the city pages quote it:", "es": "En toda la encuesta, según las fichas:"},
    "survey_quoted": {"en": "{sentence} (quoted on {count} pages)", "es": "{sentence} (lo citan {count} fichas)"},
    "survey_quoted_one": {"en": "{sentence} (quoted on 1 page)", "es": "{sentence} (lo cita 1 ficha)"},
    "survey_none": {"en": "No page I know quotes a survey-wide figure on {topic}.",
                    "es": "Ninguna ficha que conozco cita una cifra de la encuesta sobre {topic}."},
    "pred_policy_areas": {"en": "focus on {label}", "es": "se enfocan en {label}"},
    "pred_roles": {"en": "use the role {label}", "es": "usan el rol {label}"},
    "pred_terms": {"en": "associate innovation with {label}", "es": "asocian la innovación con {label}"},
    "pred_success_factors": {"en": "cite the success factor {label}", "es": "citan el factor de éxito {label}"},
    "pred_helping_to": {"en": "use innovation to {label}", "es": "usan la innovación para: {label}"},
    "pred_funded_activities": {"en": "fund {label}", "es": "financian «{label}»"},
    "pred_partners": {"en": "partner with {label}", "es": "se asocian con {label}"},
    "pred_approach": {"en": "approach innovation capacity {label}", "es": "abordan la capacidad de innovación {label}"},
    "pred_data": {"en": "report {levels} on {label}", "es": "reportan {levels} en {label}"},
    "pred_strategy": {"en": "have an explicit innovation strategy", "es": "tienen una estrategia de innovación explícita"},
    "pred_funding": {"en": "have dedicated innovation funding", "es": "tienen financiación dedicada a la innovación"},
    "pred_website": {"en": "list an innovation website", "es": "enlazan un sitio web de innovación"},
    "pred_policy_areas_flag": {"en": "prioritise policy sectors", "es": "priorizan sectores de política"},
    "pred_population": {"en": "state a population", "es": "indican su población"},
    "not": {"en": "do not {what}", "es": "no {what}"},
    "older_version": {"en": "From the {year} version of {city}'s page (not the current one):",
                      "es": "Según la versión de {year} de la ficha de {city} (no la actual):"},
    "no_version": {"en": "No version of {city}'s page is from {year}; the current one ({current}) says:",
                   "es": "Ninguna versión de la ficha de {city} es de {year}; la actual ({current}) dice:"},
    "btn_all": {"en": "Show all ▸", "es": "Ver todas ▸"},
    "btn_subscribe": {"en": "🔔 Subscribe", "es": "🔔 Suscribirme"},
    "btn_compare": {"en": "Compare with {city}", "es": "Comparar con {city}"},
    "led_by_title": {"en": "are led by a {title}", "es": "tienen {title}"},
    # Notifications to subscribers (rendered when sent, in the chat's language) and the state of stores.
    "notify_new": {"en": "<b>{city}</b> is new in CityBot. Ask me about it!",
                   "es": "<b>{city}</b> es nueva en CityBot. ¡Pregúntame por ella!"},
    "notify_older": {"en": "<b>{city}</b>: an older page version was added to its history; current data unchanged.",
                     "es": "<b>{city}</b>: se añadió una versión anterior de su ficha al historial; los datos actuales no cambian."},
    "notify_update": {"en": "<b>{city}</b> was updated:", "es": "<b>{city}</b> se actualizó:"},
    "notify_rollback": {"en": "<b>{city}</b> was rolled back to its previous version:",
                        "es": "<b>{city}</b> volvió a su versión anterior:"},
    "notify_more": {"en": "…and {count} more changes", "es": "…y {count} cambios más"},
    "notify_more_one": {"en": "…and 1 more change", "es": "…y 1 cambio más"},
    "not_stored_read-only": {"en": "<b>Not stored</b>: the store is read-only. Nothing changed; answers still come from it.",
                             "es": "<b>No se guardó</b>: el almacén es de solo lectura. Nada cambió; las respuestas siguen saliendo de él."},
    "not_stored_disk-full": {"en": "<b>Not stored</b>: the disk is full. Nothing changed.",
                             "es": "<b>No se guardó</b>: el disco está lleno. Nada cambió."},
    "not_stored_failed": {"en": "<b>Not stored</b>: writing the store failed. Nothing changed.",
                          "es": "<b>No se guardó</b>: falló la escritura en el almacén. Nada cambió."},
    "button_expired": {"en": "This button has expired; please ask again.",
                       "es": "Este botón ha caducado; vuelve a preguntar."},
    "preview_expired": {"en": "This preview has expired or was already handled; upload the file again.",
                        "es": "Esta vista previa caducó o ya se gestionó; vuelve a subir el archivo."},
    "flood_notice": {"en": "You are sending messages faster than I can answer; I will answer them in turn.",
                     "es": "Envías mensajes más rápido de lo que puedo responder; los responderé por orden."},
    # ---- conversation and honesty (conv) ----
    "taken_as": {"en": "Taken as: {taken}.", "es": "Entendido como: {taken}."},
    "about_cities": {"en": "(About {names}.)", "es": "(Sobre {names}.)"},
    "partial": {"en": "I took this as {what}; I don't know what {words} refers to.",
                "es": "Lo entendí como {what}; no sé a qué se refiere {words}."},
    "overview_word": {"en": "an overview", "es": "un resumen"},
    "out_of_scope": {"en": "I don't have that: {words} is not something the city innovation snapshots hold.",
                     "es": "No tengo eso: {words} no está en las fichas de innovación de las ciudades."},
    "out_of_scope_scope": {"en": "What my {count} city snapshots hold: each city's mayor, population, innovation team, "
                                 "policy areas, funding, data and more.",
                           "es": "Lo que tienen mis {count} fichas de ciudades: el alcalde, la población, el equipo de "
                                 "innovación, las áreas de política, la financiación, los datos y más."},
    "out_of_scope_city": {"en": "I don't have that: {words} about {city} is not in its innovation snapshot.",
                          "es": "No tengo eso: {words} sobre {city} no está en su ficha de innovación."},
    "out_of_scope_cities": {"en": "I don't have that: {words} about {cities} is not in their innovation snapshots.",
                            "es": "No tengo eso: {words} sobre {cities} no está en sus fichas de innovación."},
    "can_tell": {"en": "About {city} I can tell you: {topics}.", "es": "Sobre {city} te puedo decir: {topics}."},
    "unknown_in_compare": {"en": "I don't know {name}.", "es": "No conozco {name}."},
    "closest": {"en": "Closest: {names}.", "es": "Lo más parecido: {names}."},
    "read_in": {"en": "Read as one of its {topic}: {label}.", "es": "Leído como parte de {topic}: {label}."},
    "also_label_yes": {"en": "“{label}” is also among {city}'s {topic}.",
                       "es": "“{label}” también está entre {topic} de {city}."},
    "also_label_no": {"en": "“{label}” is also a label of {topic}; {city} does not name it there.",
                      "es": "“{label}” también es una etiqueta de {topic}; {city} no la nombra allí."},
    "also_label_uncovered": {"en": "“{label}” is also a label of {topic}, which {city}'s snapshot does not cover.",
                             "es": "“{label}” también es una etiqueta de {topic}, que la ficha de {city} no cubre."},
    "also_label_across": {"en": "Answered from the funding section; “{label}” is also one of the {topic}: {count} cities name it.",
                          "es": "Respondido con la sección de financiación; “{label}” también es uno de los {topic}: lo nombran {count} ciudades."},
    "no_older": {"en": "{city} has no older page version; this is the only one I have:",
                 "es": "{city} no tiene una versión anterior de su ficha; esta es la única que tengo:"},
    "one_version": {"en": "I have only one version of {city}'s page, so there is nothing to compare it with.",
                    "es": "Solo tengo una versión de la ficha de {city}; no hay nada con qué compararla."},
    "versions_diff": {"en": "{city}: what changed from the {old} page to the {new} page:",
                      "es": "{city}: qué cambió de la ficha de {old} a la de {new}:"},
    "undated": {"en": "undated", "es": "sin fecha"},
    "no_changes": {"en": "nothing changed", "es": "nada cambió"},
    "first_of": {"en": "{count} cities; the first {shown}: {names}.", "es": "{count} ciudades; las primeras {shown}: {names}."},
    "first_items": {"en": "The first {shown} of {count}.", "es": "Los primeros {shown} de {count}."},
    "of_those": {"en": "Among the {count} cities of the last list:", "es": "Entre las {count} ciudades de la lista anterior:"},
    "of_the_list": {"en": " among those listed", "es": " entre las de la lista"},
    "cond_lt": {"en": "have fewer than {number} {what}", "es": "tienen menos de {number} ({what})"},
    "cond_le": {"en": "have at most {number} {what}", "es": "tienen como máximo {number} ({what})"},
    "cond_gt": {"en": "have more than {number} {what}", "es": "tienen más de {number} ({what})"},
    "cond_ge": {"en": "have at least {number} {what}", "es": "tienen al menos {number} ({what})"},
    "cond_between": {"en": "have between {low} and {high} {what}", "es": "tienen entre {low} y {high} ({what})"},
    "cond_pop_between": {"en": "have between {low} and {high} inhabitants", "es": "tienen entre {low} y {high} habitantes"},
    "cond_both": {"en": "{first} and {second}", "es": "{first} y {second}"},
    "cond_eq": {"en": "have exactly {number} {what}", "es": "tienen exactamente {number} ({what})"},
    "cond_pop_eq": {"en": "have exactly {number} inhabitants", "es": "tienen exactamente {number} habitantes"},
    "farewell": {"en": "Goodbye! Ask me about the {count} cities any time.",
                 "es": "¡Hasta luego! Pregúntame por las {count} ciudades cuando quieras."},
    "aggregate": {"en": "I don't add up or average across cities: the snapshots state each city's own figures. "
                        "I can list them, rank them (“largest city”) or count cities under a condition "
                        "(“cities under 300,000 inhabitants”).",
                  "es": "No sumo ni promedio entre ciudades: las fichas dan las cifras de cada ciudad. Puedo "
                        "listarlas, ordenarlas (“ciudad más poblada”) o contar ciudades con una condición "
                        "(“ciudades con menos de 300.000 habitantes”)."},
    "cond_pop_lt": {"en": "have fewer than {number} inhabitants", "es": "tienen menos de {number} habitantes"},
    "cond_pop_le": {"en": "have at most {number} inhabitants", "es": "tienen como máximo {number} habitantes"},
    "cond_pop_gt": {"en": "have more than {number} inhabitants", "es": "tienen más de {number} habitantes"},
    "cond_pop_ge": {"en": "have at least {number} inhabitants", "es": "tienen al menos {number} habitantes"},
    "no_city_ranking": {"en": "{city}'s page does not rank its own activities. Its most common innovation activities, "
                              "in the order the page lists them (first: {first}):",
                        "es": "La ficha de {city} no ordena sus propias actividades. Sus actividades de innovación más "
                              "comunes, en el orden de la ficha (primera: {first}):"},
    "legend": {"en": "The ranked list 1–7 printed on every page is the survey's legend, not {city}'s ranking: {items}.",
               "es": "La lista 1–7 que aparece en cada ficha es la leyenda de la encuesta, no un ranking de la ciudad: {items}."},
}

# The command menus (setMyCommands), in the order shown; admin commands only in admins' chats.
PUBLIC_COMMANDS = ("start", "help", "cities", "city", "compare", "subscribe", "unsubscribe", "subscriptions")
ADMIN_COMMANDS = ("upload", "history", "rollback", "stats")
TEXTS.update({
    "cmd_start": {"en": "Greeting and example questions", "es": "Saludo y preguntas de ejemplo"},
    "cmd_help": {"en": "Every command", "es": "Todos los comandos"},
    "cmd_cities": {"en": "The cities I know [country]", "es": "Las ciudades que conozco [país]"},
    "cmd_city": {"en": "Key facts of a city", "es": "Los datos clave de una ciudad"},
    "cmd_compare": {"en": "Compare cities: A B [topic]", "es": "Comparar ciudades: A B [tema]"},
    "cmd_subscribe": {"en": "Be told when a city changes (or all)", "es": "Avisarme cuando cambie una ciudad (o todas)"},
    "cmd_unsubscribe": {"en": "Stop following a city", "es": "Dejar de seguir una ciudad"},
    "cmd_subscriptions": {"en": "What you follow", "es": "Lo que sigues"},
    "cmd_upload": {"en": "Admins: upload a city's page or JSON", "es": "Admin: subir la página o el JSON de una ciudad"},
    "cmd_history": {"en": "Admins: a city's versions", "es": "Admin: las versiones de una ciudad"},
    "cmd_rollback": {"en": "Admins: restore the previous version", "es": "Admin: volver a la versión anterior"},
    "cmd_stats": {"en": "Admins: usage and unanswered questions", "es": "Admin: uso y preguntas sin respuesta"},
    "bot_description": {
        "en": "I answer questions about how cities innovate — their mayor, innovation team, policy areas, funding, "
              "data — from the OECD / Bloomberg Philanthropies City Innovation Snapshots. Ask in English or Spanish, "
              "compare cities, and subscribe to be told when a city's data changes.",
        "es": "Respondo preguntas sobre cómo innovan las ciudades — alcaldía, equipo de innovación, áreas de política, "
              "financiación, datos — a partir de las fichas de innovación urbana de la OCDE y Bloomberg Philanthropies. "
              "Pregunta en español o en inglés, compara ciudades y suscríbete para saber cuándo cambian sus datos."},
    "bot_short_description": {"en": "How cities innovate: ask about a city's mayor, team, policy areas or data, in English or Spanish.",
                              "es": "Cómo innovan las ciudades: alcaldía, equipo, áreas de política y datos, en español o en inglés."},
})


LEVELS: dict[str, dict[str, str]] = {
    "sufficient": {"en": "Sufficient data", "es": "Datos suficientes"},
    "insufficient": {"en": "Insufficient data", "es": "Datos insuficientes"},
    "no_response": {"en": "No Response", "es": "Sin respuesta"},
}

YES_NO = {"en": ("yes", "no"), "es": ("sí", "no")}


def t(key: str, lang: str, **values: object) -> str:
    """The sentence `key` in `lang` (English when missing); `key_one` is the singular, used when count is 1."""
    return wording(TEXTS, key, lang, **values)


def wording(table: dict[str, dict[str, str]], key: str, lang: str, **values: object) -> str:
    """`key` of `table` in `lang` with the values filled in; the `_one` form when count is 1 (the number 1 or "1")."""
    if values.get("count") in (1, "1") and lang in table.get(f"{key}_one", {}):
        key = f"{key}_one"
    if "names" in values and isinstance(values["names"], list):
        values["names"] = join(values["names"], lang)
    entry = table[key]
    return (entry[lang] if lang in entry else entry["en"]).format(**values)


def language(code: str | None) -> str:
    """Telegram's language_code (es, es-MX, es-AR, …) -> "es"; anything else -> "en"."""
    return "es" if (code or "").lower().split("-")[0] == "es" else "en"


def join(items: list[str], lang: str) -> str:
    """'A, B' in English lists as the pages write them; 'A, B y C' in Spanish, where a list reads as a sentence."""
    return _join(items, lang, "and") if lang == "es" else ", ".join(items)


def join_or(items: list[str], lang: str) -> str:
    """'A, B or C' / 'A, B o C': the values a field allows."""
    return _join(items, lang, "or")


def join_and(items: list[str], lang: str) -> str:
    """'A, B and C' / 'A, B y C': names in a sentence (lists quoted from a page keep the page's commas)."""
    return _join(items, lang, "and")


def _join(items: list[str], lang: str, word: str) -> str:
    """Commas, then the table's `word` before the last item, so every list says "and"/"or" in one place."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + t(word, lang) + items[-1]


def number(n: int, lang: str) -> str:
    """709,671 in English, 709.671 in Spanish (as written in Mexico, Argentina and Spain alike here)."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "es" else text


def population(p: Population, lang: str) -> str:
    """A population as a value in a list ("709.671 hab. (2010)"); an unclean figure as the page wrote it."""
    if p.number is None:
        return p.text
    if p.year is None:
        return number(p.number, lang)
    return t("population_value", lang, number=number(p.number, lang), year=p.year)


# Problems with an uploaded file (knowledge/errors.py gives the code and its values; the words are here).
# A key ending in "_hint" is used when the problem carries a suggestion or the name it found.
PROBLEMS: dict[str, dict[str, str]] = {
    "unknown_field": {"en": "unknown field '{field}' — remove it", "es": "campo desconocido '{field}' — quítalo"},
    "unknown_field_hint": {"en": "unknown field '{field}' — did you mean '{suggestion}'? — rename or remove it",
                           "es": "campo desconocido '{field}' — ¿quisiste decir '{suggestion}'? — cámbiale el nombre o quítalo"},
    "missing": {"en": "'{field}' is missing — add it", "es": "falta '{field}' — agrégalo"},
    "text_too_long": {"en": "text of {length} characters; at most {most} are allowed — shorten it",
                      "es": "un texto de {length} caracteres; se admiten como máximo {most} — acórtalo"},
    "empty_text": {"en": "must not be empty — write a value, or leave the field out",
                   "es": "no puede estar vacío — escribe un valor o quita el campo"},
    "too_many_items": {"en": "{count} items; at most {most} are allowed — a snapshot page lists a few dozen at most: check the file",
                       "es": "{count} elementos; se admiten como máximo {most} — una ficha enumera unas decenas como mucho: revisa el archivo"},
    "not_whole_number": {"en": "expected a whole number, found {found} — write digits only, e.g. 2018",
                         "es": "se esperaba un número entero y hay {found} — escribe solo cifras, p. ej. 2018"},
    "not_true_false": {"en": "expected true or false, found {found} — write true or false",
                       "es": "se esperaba true (sí) o false (no) y hay {found} — escribe true o false"},
    "not_text": {"en": "expected text, found {found} — put the value in quotes",
                 "es": "se esperaba un texto y hay {found} — pon el valor entre comillas"},
    "not_list": {"en": 'expected a list, found {found} — write it as ["…", "…"]',
                 "es": 'se esperaba una lista y hay {found} — escríbela así: ["…", "…"]'},
    "not_object": {"en": 'expected an object with fields, found {found} — write it as {{"name": …}}',
                   "es": 'se esperaba un objeto con campos y hay {found} — escríbelo así: {{"nombre": …}}'},
    "not_allowed": {"en": "{found} is not allowed here; use {allowed}", "es": "{found} no se admite aquí; usa {allowed}"},
    "too_small": {"en": "{found} is too small; the least is {least}", "es": "{found} es demasiado pequeño; el mínimo es {least}"},
    "too_large": {"en": "{found} is too large; the most is {most}", "es": "{found} es demasiado grande; el máximo es {most}"},
    "invalid_value": {"en": "{found} is not a valid value here", "es": "{found} no es un valor válido aquí"},
    "bidi_override": {"en": "contains an invisible right-to-left/left-to-right override, which changes how the text "
                            "displays — retype it without that character",
                      "es": "contiene un carácter invisible que invierte la dirección del texto y cambia cómo se ve "
                            "— escríbelo de nuevo sin ese carácter"},
    "no_visible_characters": {"en": "has no visible characters", "es": "no tiene caracteres visibles"},
    "no_letters": {"en": "has no letters or digits — write the name as the page does",
                   "es": "no tiene letras ni cifras — escribe el nombre como en la ficha"},
    "not_record_key": {"en": "not a key of a city record — remove or rename it",
                       "es": "no es un campo de un registro de ciudad — quítalo o cámbiale el nombre"},
    "binary_file": {"en": "this is a binary file, not text — send the page as plain text (.txt) or JSON",
                    "es": "es un archivo binario, no texto — envía la página como texto (.txt) o JSON"},
    "empty_file": {"en": "the file is empty — send the snapshot page text or JSON",
                   "es": "el archivo está vacío — envía el texto de la ficha o un JSON"},
    "cannot_read": {"en": "cannot be read ({reason}) — check the path and that you may read it",
                    "es": "no se puede leer ({reason}) — revisa la ruta y los permisos"},
    "folder_unreadable": {"en": "the folder cannot be read ({reason}) — check the path and that you may read it",
                          "es": "no se puede leer la carpeta ({reason}) — revisa la ruta y los permisos"},
    "folder_empty": {"en": "the folder holds no .txt or .json file — name the snapshot files, or their folder",
                     "es": "la carpeta no tiene ningún archivo .txt ni .json — indica los archivos de las fichas o su carpeta"},
    "a_folder": {"en": "this is a folder, not a file — name a .txt or .json file",
                 "es": "es una carpeta, no un archivo — indica un archivo .txt o .json"},
    "not_a_file": {"en": "this is a device, pipe or socket, not a file — name a .txt or .json file",
                   "es": "es un dispositivo, una tubería o un socket, no un archivo — indica un archivo .txt o .json"},
    "file_too_big": {"en": "the file is {size} bytes, over the {limit}-byte limit — send one city's snapshot per file",
                     "es": "el archivo pesa {size} bytes, más que el límite de {limit} — envía la ficha de una sola ciudad por archivo"},
    "invalid_json": {"en": "the JSON is broken here (a missing comma, quote or bracket?) — fix it there",
                     "es": "el JSON está roto aquí (¿falta una coma, unas comillas o un corchete?) — corrígelo ahí"},
    "json_too_deep": {"en": "the JSON is nested too deeply to be a snapshot — send one city as one object of fields",
                      "es": "el JSON está anidado demasiado hondo para ser una ficha — envía una ciudad como un objeto con sus campos"},
    "json_list": {"en": 'expected one JSON object, found a list — send one city as {{"city": …, "country": …}}',
                  "es": 'se esperaba un objeto JSON y hay una lista — envía una ciudad así: {{"city": …, "country": …}}'},
    "json_not_object": {"en": 'expected one JSON object, found a single value — send one city as {{"city": …, "country": …}}',
                        "es": 'se esperaba un objeto JSON y hay un valor suelto — envía una ciudad así: {{"city": …, "country": …}}'},
    "not_survey_label": {"en": "'{item}' is not a survey label; kept as the city's own — did you mean '{suggestion}'?",
                              "es": "'{item}' no es una etiqueta de la encuesta; se guarda como propia de la ciudad — ¿quisiste decir '{suggestion}'?"},
    "not_a_snapshot_page": {"en": "this is not a City Innovation Snapshot page: none of its section headings were found — "
                                  "paste the page text from the city's name down, with its section headings",
                            "es": "no es una ficha de innovación (City Innovation Snapshot): no tiene ninguno de sus títulos "
                                  "de sección — pega el texto de la página desde el nombre de la ciudad, con sus títulos"},
    "city_country_missing": {"en": "the city and country lines are missing above the first section — start the page with "
                                   "the city's name on one line and its country on the next",
                             "es": "faltan las líneas de la ciudad y el país antes de la primera sección — empieza la página "
                                   "con el nombre de la ciudad en una línea y su país en la siguiente"},
    "city_country_missing_hint": {"en": "the city and country lines are missing above the first section (its headings name "
                                        "the city “{named}”) — start the page with the city's name on one line and its "
                                        "country on the next",
                                  "es": "faltan las líneas de la ciudad y el país antes de la primera sección (sus títulos "
                                        "nombran la ciudad “{named}”) — empieza la página con el nombre de la ciudad en "
                                        "una línea y su país en la siguiente"},
    "too_many_lines": {"en": "the page has {lines} lines; a snapshot page has a few hundred at most (the limit is {limit}) "
                             "— send one city's page per file",
                       "es": "la página tiene {lines} líneas; una ficha tiene unos cientos como mucho (el límite es {limit}) "
                             "— envía la página de una sola ciudad por archivo"},
    # where a problem is, and what was found
    "at_file": {"en": "file", "es": "archivo"},
    "at_line": {"en": "line {line}", "es": "línea {line}"},
    "at_column": {"en": "line {line}, column {column}", "es": "línea {line}, columna {column}"},
    "at_field": {"en": "field {path}", "es": "campo {path}"},
    "at_top": {"en": "(top level)", "es": "(nivel superior)"},
    "at_source.file": {"en": "the file's name", "es": "el nombre del archivo"},
    "at_source.uploaded_by": {"en": "the uploader's name", "es": "el nombre de quien lo sube"},
    "found": {"en": "'{found}'", "es": "'{found}'"},
    "found_items": {"en": "a list of {count} items", "es": "una lista de {count} elementos"},
    "found_items_one": {"en": "a list of 1 item", "es": "una lista de 1 elemento"},
    "found_object": {"en": "an object", "es": "un objeto"},
    "not_stored_file": {"en": "{source}: not stored", "es": "{source}: no se guardó"},
    "more_problems": {"en": "…and {count} more problems like these", "es": "…y {count} problemas más como estos"},
    "more_problems_one": {"en": "…and 1 more problem like these", "es": "…y 1 problema más como estos"},
}


def _where(where: Where, lang: str) -> str:
    if f"at_{where.path}" in PROBLEMS:  # the file's name, the uploader's: no field of the page
        return wording(PROBLEMS, f"at_{where.path}", lang)
    if where.path is not None:
        return wording(PROBLEMS, "at_field", lang, path=where.path) if where.path else wording(PROBLEMS, "at_top", lang)
    if where.column is not None:
        return wording(PROBLEMS, "at_column", lang, line=number(where.line or 0, lang), column=number(where.column, lang))
    if where.line is not None:
        return wording(PROBLEMS, "at_line", lang, line=number(where.line, lang))
    return wording(PROBLEMS, "at_file", lang)


def problem(p: Problem, lang: str) -> str:
    """One problem of an upload, where first: "line 14: unknown field 'mayor' — did you mean 'leader'? — …"."""
    values: dict[str, object] = {k: number(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
                                 for k, v in p.params.items()}
    if "found_items" in p.params:
        values["found"] = wording(PROBLEMS, "found_items", lang, count=values["found_items"])  # "1" takes the singular
    elif "found_object" in p.params:
        values["found"] = wording(PROBLEMS, "found_object", lang)
    elif "found" in p.params:
        values["found"] = wording(PROBLEMS, "found", lang, found=p.params["found"])
    if isinstance(p.params.get("allowed"), list):
        values["allowed"] = join_or(p.params["allowed"], lang)
    hinted = f"{p.code}_hint"
    key = hinted if hinted in PROBLEMS and (p.params.get("suggestion") or p.params.get("named")) else p.code
    return f"{_where(p.where, lang)}: {wording(PROBLEMS, key, lang, **values)}"


def problems(error: SnapshotError, lang: str) -> list[str]:
    """A refused file as lines: its name, the first problems, and how many more (never thousands of lines)."""
    lines = [wording(PROBLEMS, "not_stored_file", lang, source=error.source)]
    lines += [problem(p, lang) for p in error.problems]
    if error.hidden:
        lines.append(wording(PROBLEMS, "more_problems", lang, count=number(error.hidden, lang)))
    return lines
