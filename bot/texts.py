"""Every sentence the bot says, in English and Spanish. Data goes into the {placeholders}."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "not_covered": {"en": "{city}'s snapshot does not cover {topic}.",
                    "es": "La ficha de {city} no cubre {topic}."},
    "leader": {"en": "{city}'s {title} is {name}.", "es": "{title} de {city}: {name}."},
    "year": {"en": "{city}'s snapshot (PDF version) was produced in {year}.",
             "es": "La ficha de {city} (versión PDF) se elaboró en {year}."},
    "year_population": {"en": "{city}'s page gives no production year; its population figure is from {year}.",
                        "es": "La ficha de {city} no indica su año; la cifra de población es de {year}."},
    "leader_not_mayor": {"en": "{city} is run by a {title}, not a mayor: {name}.",
                         "es": "{city} no tiene alcalde sino {title}: {name}."},
    "population": {"en": "{city} has a population of {population}.", "es": "{city} tiene {population} habitantes."},
    "population_no_year": {"en": "{city} has a population of {population} (the page gives no year).",
                           "es": "{city} tiene {population} habitantes (la ficha no indica el año)."},
    "population_unclean": {"en": "{city}'s page states its population as {population} (as written; not a clean number).",
                           "es": "La ficha de {city} indica una población de {population} (tal cual; no es un número limpio)."},
    "officers": {"en": "{city}'s lead innovation officer(s): {names}.",
                 "es": "Responsable(s) de innovación de {city}: {names}."},
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
    "roles": {"en": "{city} uses {count} innovation role(s):", "es": "{city} usa {count} rol(es) de innovación:"},
    "roles_unnamed": {"en": "{city} uses {count} innovation role(s); its snapshot does not name them.",
                      "es": "{city} usa {count} rol(es) de innovación; su ficha no los nombra."},
    "roles_unlisted": {"en": "{count} of them are not named on the page.",
                       "es": "{count} de ellos no se nombran en la ficha."},
    "team": {"en": "{city}'s innovation work is led by the {lead}{staff}.",
             "es": "El trabajo de innovación de {city} lo lidera {lead}{staff}."},
    "team_staff": {"en": " with {staff} staff members", "es": " con {staff} personas"},
    "other_team": {"en": "Other team: {name} — {purpose}.", "es": "Otro equipo: {name} — {purpose}."},
    "terms": {"en": "Terms {city} most associates with innovation ({count}):", "es": "Términos que {city} asocia con la innovación ({count}):"},
    "activities": {"en": "{city}'s most common innovation activities:",
                   "es": "Actividades de innovación más comunes de {city}:"},
    "top_activity": {"en": "{city}'s top-ranked innovation activity: {activity}.",
                     "es": "Actividad de innovación n.º 1 de {city}: {activity}."},
    "ranking": {"en": "Full ranking:", "es": "Ranking completo:"},
    "funding_yes": {"en": "Yes — {city} has dedicated funding to support innovation capacity.",
                    "es": "Sí — {city} tiene financiación dedicada a la innovación."},
    "funding_no": {"en": "No — {city} does not have dedicated funding for innovation.",
                   "es": "No — {city} no tiene financiación dedicada a la innovación."},
    "funding_sources": {"en": "{city}'s top sources of funding ({count}):", "es": "Principales fuentes de financiación de {city} ({count}):"},
    "funded_activities": {"en": "Activities being funded in {city} ({count}):", "es": "Actividades financiadas en {city} ({count}):"},
    "partners": {"en": "{city} has innovation partnerships with:", "es": "{city} tiene alianzas de innovación con:"},
    "data": {"en": "Data availability by policy area in {city}:", "es": "Disponibilidad de datos por área en {city}:"},
    "data_level": {"en": "Policy areas with {level} in {city}:", "es": "Áreas con {level} en {city}:"},
    "data_area": {"en": "{city}: {area} — {level}.", "es": "{city}: {area} — {level}."},
    "data_area_missing": {"en": "{city}'s data availability list does not mention {area}.",
                          "es": "La lista de datos de {city} no menciona {area}."},
    "country": {"en": "{city} is in {country}.", "es": "{city} está en {country}."},
    "website_yes": {"en": "Yes — {city}'s page lists an innovation website.",
                    "es": "Sí — la ficha de {city} enlaza un sitio web de innovación."},
    "website_no": {"en": "No — {city}'s page lists no innovation website.",
                   "es": "No — la ficha de {city} no enlaza sitio web de innovación."},
    "member_yes": {"en": "Yes — {city}: {label} ({topic}).", "es": "Sí — {city}: {label} ({topic})."},
    "member_no": {"en": "No — {label} is not among {city}'s {topic}.", "es": "No — {label} no está entre {topic} de {city}."},
    "overview": {"en": "{city} ({country})", "es": "{city} ({country})"},
    "snapshot_year": {"en": "Data from the snapshot produced in {year}.", "es": "Datos de la ficha de {year}."},
    "unknown_city": {"en": "I don't have data on \u201c{name}\u201d.", "es": "No tengo datos sobre \u201c{name}\u201d."},
    "did_you_mean": {"en": "Did you mean: {names}?", "es": "¿Quizás: {names}?"},
    "frequencies": {"en": "{topic} across the {count} cities whose snapshots cover them (cities naming each):",
                    "es": "{topic} en las {count} ciudades cuyas fichas los cubren (ciudades que nombran cada uno):"},
    "help_commands": {
        "en": "<b>Ask anything</b> about a city's innovation snapshot, in English or Spanish.\n"
              "/cities [country] — the cities I know\n/city NAME — a card of key facts\n"
              "/compare A B [topic] — side by side, e.g. /compare Denver Seattle policy areas\n"
              "/subscribe NAME | all — be told when a city's data changes\n/unsubscribe NAME | all\n"
              "/subscriptions — what you follow\n"
              "<b>Admins</b>: send a .txt page or .json with the caption /upload; /history NAME; /rollback NAME; /stats",
        "es": "<b>Pregunta lo que quieras</b> sobre la ficha de innovación de una ciudad, en español o inglés.\n"
              "/cities [país] — las ciudades que conozco\n/city NOMBRE — una ficha con los datos clave\n"
              "/compare A B [tema] — lado a lado, p. ej. /compare Denver Seattle áreas de política\n"
              "/subscribe NOMBRE | all — aviso cuando cambien los datos de una ciudad\n/unsubscribe NOMBRE | all\n"
              "/subscriptions — lo que sigues\n"
              "<b>Admins</b>: envía una página .txt o un .json con el pie /upload; /history NOMBRE; /rollback NOMBRE; /stats",
    },
    "which_city": {"en": "Which city do you mean? I know {count}; ask for example “{example}”, or see /cities.",
                   "es": "¿De qué ciudad? Conozco {count}; pregunta por ejemplo “{example}”, o mira /cities."},
    "help": {"en": "I answer questions about the {count} cities whose innovation snapshots I know: their mayor, "
                   "population, innovation team, policy areas, funding, data and more. Try:",
             "es": "Respondo preguntas sobre las {count} ciudades cuyas fichas de innovación conozco: alcalde, "
                   "población, equipo, áreas de política, financiación, datos y más. Prueba:"},
    "compare": {"en": "{topic}, side by side:", "es": "{topic}, lado a lado:"},
    "compare_need_two": {"en": "Name two or more cities to compare, e.g. \u201ccompare {a} and {b} on funding\u201d.",
                         "es": "Nombra dos o más ciudades, p. ej. \u201ccompara {a} y {b} en financiación\u201d."},
    "shared": {"en": "Shared: {items}.", "es": "En común: {items}."},
    "only": {"en": "Only {city}: {items}.", "es": "Solo {city}: {items}."},
    "largest_of": {"en": "Largest: {city}.", "es": "La más poblada: {city}."},
    "same_answer": {"en": "Same answer for all of them.", "es": "La misma respuesta para todas."},
    "differ": {"en": "They differ.", "es": "Difieren."},
    "nothing_shared": {"en": "Nothing in common.", "es": "Nada en común."},
    "across": {"en": "{count} of the {total} cities I know {what}:", "es": "{count} de las {total} ciudades que conozco {what}:"},
    "across_none": {"en": "None of the {total} cities I know {what}.", "es": "Ninguna de las {total} ciudades que conozco {what}."},
    "across_uncovered": {"en": "{count} snapshot(s) do not cover {topic}, so they are not counted.",
                         "es": "{count} ficha(s) no cubren {topic}, así que no se cuentan."},
    "more": {"en": "…and {count} more.", "es": "…y {count} más."},
    "cities_in": {"en": "{count} cities I know in {country}:", "es": "{count} ciudades que conozco en {country}:"},
    "all_cities": {"en": "I know {count} cities in {countries} countries:", "es": "Conozco {count} ciudades en {countries} países:"},
    "largest": {"en": "The largest city I know by population{where}: {city}, {population}.",
                "es": "La ciudad más poblada que conozco{where}: {city}, {population}."},
    "smallest": {"en": "The smallest city I know by population{where}: {city}, {population}.",
                 "es": "La ciudad menos poblada que conozco{where}: {city}, {population}."},
    "where_in": {"en": " in {country}", "es": " en {country}"},
    "next": {"en": "Next: {items}.", "es": "Siguen: {items}."},
    "survey": {"en": "Survey-wide, as the city pages quote it:", "es": "En toda la encuesta, según las fichas:"},
    "survey_quoted": {"en": "{sentence} (quoted on {count} page(s))", "es": "{sentence} (citado en {count} ficha(s))"},
    "survey_none": {"en": "No page I know quotes a survey-wide figure on {topic}.",
                    "es": "Ninguna ficha que conozco cita una cifra de la encuesta sobre {topic}."},
    "pred_policy_areas": {"en": "focus on {label}", "es": "se enfocan en {label}"},
    "pred_roles": {"en": "use the role {label}", "es": "usan el rol {label}"},
    "pred_terms": {"en": "associate innovation with {label}", "es": "asocian la innovación con {label}"},
    "pred_success_factors": {"en": "cite the success factor {label}", "es": "citan el factor de éxito {label}"},
    "pred_helping_to": {"en": "use innovation to {label}", "es": "usan la innovación para: {label}"},
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
    "led_by_title": {"en": "led by a {title}", "es": "dirigidas por {title}"},
    # Notifications to subscribers (rendered when sent, in the chat's language) and the state of stores.
    "notify_new": {"en": "<b>{city}</b> is new in CityBot. Ask me about it!",
                   "es": "<b>{city}</b> es nueva en CityBot. ¡Pregúntame por ella!"},
    "notify_older": {"en": "<b>{city}</b>: an older page version was added to its history; current data unchanged.",
                     "es": "<b>{city}</b>: se añadió una versión anterior de su ficha al historial; los datos actuales no cambian."},
    "notify_update": {"en": "<b>{city}</b> was updated:", "es": "<b>{city}</b> se actualizó:"},
    "notify_rollback": {"en": "<b>{city}</b> was rolled back to its previous version:",
                        "es": "<b>{city}</b> volvió a su versión anterior:"},
    "notify_more": {"en": "…and {count} more changes", "es": "…y {count} cambios más"},
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
}

# How a topic is named inside a sentence ("does not cover funding").
TOPICS: dict[str, dict[str, str]] = {
    "leader": {"en": "its leader", "es": "su alcalde"},
    "population": {"en": "population", "es": "población"},
    "officers": {"en": "lead innovation officers", "es": "responsables de innovación"},
    "helping_to": {"en": "what innovation is helping to do", "es": "para qué sirve la innovación"},
    "success_factors": {"en": "critical success factors", "es": "factores de éxito"},
    "spotlight": {"en": "a spotlight story", "es": "una historia destacada"},
    "strategy": {"en": "innovation strategy", "es": "estrategia de innovación"},
    "approach": {"en": "its approach to innovation capacity", "es": "su enfoque de capacidad de innovación"},
    "policy_areas": {"en": "policy areas", "es": "áreas de política"},
    "roles": {"en": "innovation roles", "es": "roles de innovación"},
    "team": {"en": "its innovation team", "es": "su equipo de innovación"},
    "terms": {"en": "terms associated with innovation", "es": "términos asociados a la innovación"},
    "activities": {"en": "innovation activities", "es": "actividades de innovación"},
    "top_activity": {"en": "innovation activities", "es": "actividades de innovación"},
    "funding": {"en": "funding", "es": "financiación"},
    "funding_sources": {"en": "funding", "es": "financiación"},
    "funded_activities": {"en": "funding", "es": "financiación"},
    "partners": {"en": "partnerships", "es": "alianzas"},
    "data": {"en": "data availability", "es": "disponibilidad de datos"},
    "country": {"en": "country", "es": "país"},
    "website": {"en": "an innovation website", "es": "sitio web de innovación"},
    "year": {"en": "the year of its snapshot", "es": "el año de su ficha"},
    "success_factors_value": {"en": "critical success factors", "es": "factores de éxito"},
}

LEVELS: dict[str, dict[str, str]] = {
    "sufficient": {"en": "Sufficient data", "es": "datos suficientes (Sufficient data)"},
    "insufficient": {"en": "Insufficient data", "es": "datos insuficientes (Insufficient data)"},
    "no_response": {"en": "No Response", "es": "sin respuesta (No Response)"},
}

YES_NO = {"en": ("yes", "no"), "es": ("sí", "no")}


def t(key: str, lang: str, **values: object) -> str:
    return TEXTS[key].get(lang, TEXTS[key]["en"]).format(**values)


# A topic as a heading ("Leader, side by side").
HEADINGS: dict[str, dict[str, str]] = {
    "leader": {"en": "Leader", "es": "Alcaldía"}, "population": {"en": "Population", "es": "Población"},
    "officers": {"en": "Lead innovation officers", "es": "Responsables de innovación"},
    "strategy": {"en": "Innovation strategy", "es": "Estrategia de innovación"},
    "policy_areas": {"en": "Policy areas", "es": "Áreas de política"}, "funding": {"en": "Funding", "es": "Financiación"},
    "data": {"en": "Data availability", "es": "Disponibilidad de datos"},
    "success_factors": {"en": "Critical success factors", "es": "Factores de éxito"},
    "roles": {"en": "Innovation roles", "es": "Roles de innovación"},
    "terms": {"en": "Terms associated with innovation", "es": "Términos asociados a la innovación"},
    "helping_to": {"en": "What innovation is helping to do", "es": "Para qué sirve la innovación"},
}


def heading(topic: str, lang: str) -> str:
    return HEADINGS.get(topic, {}).get(lang) or topic_name(topic, lang).capitalize()


def topic_name(topic: str, lang: str) -> str:
    return TOPICS.get(topic, {}).get(lang) or TOPICS.get(topic, {}).get("en") or topic
