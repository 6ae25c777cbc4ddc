"""The one registry of topics: what a question can be about.

A topic is declared here once: the snapshot fields it reads, how it is named in English and
Spanish (inside a sentence and as a heading), the phrases people ask it with (folded: no accents,
lower case), and where it appears (overview, default comparison, next-step buttons, charts).
Every table that used to restate a topic (fields per topic, names, headings, phrases, button
topics) is derived from `TOPICS` below. Adding a topic: declare it here, write its answer in
`facts.py` (FACTS), its sentences in `texts.py`, and a test.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    fields: tuple[str, ...]  # snapshot fields read; a snapshot whose fields are all None does not cover it
    name: dict[str, str]  # inside a sentence: "does not cover {name}"
    heading: dict[str, str]  # as a title: "{heading}, side by side"
    phrases: tuple[str, ...]  # how people ask for it, English and Spanish, folded
    # Everyday words that name the topic only loosely ("team", "people"): next to words the bot does
    # not know ("basketball team"), they are not enough to take the question for this topic.
    loose: tuple[str, ...] = ()
    more_specific_than: tuple[str, ...] = ()  # named together with these, this is what is asked
    made_of: tuple[str, ...] = ()  # these topics named together ask for this one ("activities" + "fund")
    list_field: str | None = None  # a list of labels: "does X have …?", "which cities …?"
    flag: str | None = None  # a yes/no field: "which cities have …?"
    overview: int = 0  # position in a city's overview (0: not shown)
    compare: int = 0  # position in a comparison when no topic is named
    next_step: int = 0  # position among the next-step buttons
    chart: bool = False  # a comparison of it can be drawn
    countable: str | None = None  # "cities with more than three …": the field whose length is counted
    # Verbs that ask for this topic in a what-question with the city between ("what does Saltillo fund?"),
    # where the same word elsewhere names a broader topic ("does Saltillo fund innovation?": funding).
    what_verbs: tuple[str, ...] = ()
    counted: dict[str, str] | None = None  # what "the most …" counts, when `name` does not read as a count


TOPICS: tuple[Topic, ...] = (
    Topic("leader", ('leader',),
          name={"en": "its leader", "es": "su alcalde"},
          heading={"en": "Leader", "es": "Alcaldía"},
          overview=1, compare=2, next_step=6,
          loose=("head", "heads", "runs", "lider", "gobierna", "encabeza", "boss", "jefe", "jefa", "official", "officials",
                 "title of"),
          phrases=(
          "boss", "jefe", "jefa",
          "a cargo de la ciudad", "a cargo", "quien manda", "manda", "jefe de gobierno", "jefa de gobierno",
          "who is in charge", "intendenta", "presidenta municipal", "burgermeister", "burgomaster",
          "mayor", "city manager", "leader", "who runs", "who leads", "who governs", "head of", "in charge",
          "run by", "governed by", "alcalde", "alcaldesa", "intendente", "presidente municipal", "quien gobierna",
          "quien dirige", "gobierna", "lider", "regidor", "prefeito", "heads", "head", "city government",
          "governs", "runs", "in charge of the city", "dirige la ciudad", "encabeza", "led by", "is led by",
          "top official", "highest official", "chief executive", "title of", "leader s title", "official", "officials",
          "liderada por", "gobernada por", "encabezada por", "maximo responsable", "maxima autoridad",
          )),
    Topic("population", ('population',),
          name={"en": "population", "es": "población"},
          heading={"en": "Population", "es": "Población"},
          overview=2, compare=1, next_step=1,
          loose=("people", "gente", "pop", "residents", "citizens", "ciudadanos", "residentes", "vecinos", "size",
                 "tamano", "live in", "viven", "vive"),
          phrases=(
          "que tan grande", "tan grande", "que tamano tiene", "vive", "cuanta gente vive", "how many people live",
          "how many residents", "how many inhabitants", "how large",
          "headcount", "vecinos", "pobladores", "residentes", "viven", "live there", "lives there", "live in", "size",
          "tamano", "citizens", "ciudadanos", "how many live", "cuanta poblacion",
          "population", "inhabitants", "people", "residents", "how many people", "how big is", "how large is",
          "ppl", "how many ppl",
          "populated", "poblacion", "habitantes", "cuantas personas", "cuanta gente", "cuantos viven", "gente",
          "bigger", "larger", "smaller", "more populous", "less populous", "more people", "mas habitantes",
          "menos habitantes", "pop", "how populous", "headcount of the city",
          )),
    Topic("officers", ('lead_innovation_officers',),
          name={"en": "lead innovation officers", "es": "responsables de innovación"},
          heading={"en": "Lead innovation officers", "es": "Responsables de innovación"},
          overview=3, next_step=2, countable="lead_innovation_officers",
          more_specific_than=('leader',),
          phrases=(
          "innovation boss", "innovation head", "boss of innovation", "heads innovation", "head innovation",
          "runs innovation", "manages innovation", "drives innovation", "leads the innovation",
          "in charge of the innovation", "responsible for the innovation", "jefe de la innovacion",
          "quien lleva la innovacion", "quien trabaja", "quien labura", "quien trabaja en innovacion",
          "encabeza la innovacion", "lidera la innovacion", "dirige la innovacion",
          "coordina la innovacion", "supervisa la innovacion", "oversees innovation", "oversee innovation",
          "coordinates innovation", "heads up innovation",
          "a cargo de la innovacion", "a cargo de innovacion", "esta a cargo de la innovacion",
          "cargo de la innovacion", "quien lidera la innovacion", "innovation chief", "head of innovation",
          "jefe de innovacion", "jefa de innovacion", "directora de innovacion", "cio", "innovation director",
          "innovation officer", "innovation officers", "lead innovation officer", "lead innovation officers",
          "chief innovation officer", "officer", "officers", "innovation lead", "innovation leads",
          "who leads innovation", "responsable de innovacion", "responsables de innovacion",
          "encargado de innovacion", "encargados de innovacion", "oficial de innovacion",
          "oficiales de innovacion", "director de innovacion", "lider de innovacion", "lideres de innovacion",
          "lidera la innovacion", "lideran la innovacion", "leads innovation", "lead innovation",
          "in charge of innovation", "responsible for innovation", "encargado de la innovacion",
          "encargada de la innovacion", "responsable de la innovacion", "dirige la innovacion",
          "se encarga de la innovacion", "encarga de la innovacion", "maneja la innovacion", "gestiona la innovacion",
          "lleva la innovacion", "coordina la innovacion",
          )),
    Topic("helping_to", ('helping_to',),
          name={"en": "what innovation is helping to do", "es": "para qué sirve la innovación"},
          heading={"en": "What innovation is helping to do", "es": "Para qué sirve la innovación"},
          list_field="helping_to", chart=True, countable="helping_to",
          counted={"en": "goals innovation is helping with", "es": "objetivos de la innovación"},
          loose=("help", "helps", "ayuda", "sirve", "achieve", "lograr", "purpose", "aims", "para que", "benefit"),
          phrases=(
          "benefits", "benefit", "gains", "advantages", "what for", "why innovate", "what does innovation do",
          "beneficios", "ventajas", "para que", "metas", "fines", "proposito", "what is innovation helping",
          "helping", "helping to", "help the city", "helps", "help", "goals", "outcomes", "aims", "purpose",
          "achieve", "ayudando", "ayuda", "ayudar", "objetivos", "para que sirve", "lograr", "sirve", "le sirve",
          "para que le sirve", "what is innovation for", "resultados",
          "sirviendo", "esta sirviendo", "sirve para", "what is innovation doing for",
          )),
    Topic("success_factors", ('success_factors',),
          name={"en": "critical success factors", "es": "factores de éxito"},
          heading={"en": "Critical success factors", "es": "Factores de éxito"},
          list_field="success_factors", chart=True, countable="success_factors",
          loose=("success", "exito", "factors", "factores"),
          phrases=(
          "success factors", "critical success factors", "success factor", "factors", "key to success", "success",
          "factores de exito", "factores criticos", "factores", "exito", "claves del exito", "succeed", "succeeds",
          "successful", "key factors", "tener exito", "what made", "critical factors", "critical success factor",
          "critical factor", "critical", "criticos", "critico", "factor de exito", "factor critico",
          "factores criticos de exito", "factor critico de exito",
          )),
    Topic("spotlight", ('spotlight',),
          name={"en": "a spotlight story", "es": "una historia destacada"},
          heading={"en": "A spotlight story", "es": "Una historia destacada"},
          loose=("story", "historia", "highlight"),
          phrases=(
          "spotlight", "story", "highlight", "destacado", "historia", "caso destacado",
          )),
    Topic("strategy", ('explicit_strategy',),
          name={"en": "innovation strategy", "es": "estrategia de innovación"},
          heading={"en": "Innovation strategy", "es": "Estrategia de innovación"},
          flag="explicit_strategy", overview=5, compare=3,
          phrases=(
          "strategy", "innovation strategy", "explicit strategy", "explicit innovation strategy", "estrategia",
          "estrategia de innovacion",
          )),
    Topic("approach", ('approach',),
          name={"en": "its approach to innovation capacity", "es": "su enfoque de capacidad de innovación"},
          heading={"en": "Its approach to innovation capacity", "es": "Su enfoque de capacidad de innovación"},
          loose=("approach", "approaches"),
          phrases=(
          "approach", "approaches", "innovation capacity", "enfoque", "aborda", "abordan",
          "capacidad de innovacion", "como enfoca", "como enfocan", "how does it approach", "how do they approach",
          )),
    Topic("policy_areas", ('policy_areas', 'prioritises_policy_areas'),
          name={"en": "policy areas", "es": "áreas de política"},
          heading={"en": "Policy areas", "es": "Áreas de política"},
          list_field="policy_areas", flag="prioritises_policy_areas", countable="policy_areas",
          overview=4, compare=4, next_step=3, chart=True,
          loose=("areas", "focus", "sectors", "politicas", "priorities"),
          phrases=(
          "focusing", "focusing on", "enfocando", "centrando", "concentrates on", "concentrate on",
          "policy areas", "policy area", "policy", "policies", "focus", "focused", "focuses", "focus on",
          "priorities", "prioritise",
          "prioritize", "prioritises", "prioritizes", "sectors", "policy sectors", "areas", "areas de politica",
          "prioridades", "prioriza", "priorizan", "enfoca", "enfocan", "se enfoca", "se enfocan", "centran",
          "se centran", "se centra", "sectores", "politicas", "se centre", "se centren", "se enfoque", "se enfoquen",
          )),
    Topic("roles", ('roles_count', 'roles'),
          name={"en": "innovation roles", "es": "roles de innovación"},
          heading={"en": "Innovation roles", "es": "Roles de innovación"},
          list_field="roles", chart=True, countable="roles", loose=("role", "roles", "skill", "skills"),
          more_specific_than=("team",),
          phrases=(
          "kind of people", "what kind of people", "people work on innovation", "work on innovation",
          "works on innovation", "que tipo de personas", "quienes trabajan", "que perfiles", "tipo de perfiles",
          "expertise", "experts", "expert", "competencies", "capabilities", "specialists", "specialties",
          "kinds of staff", "kind of staff", "professions", "jobs on the team", "who works on innovation", "expertos",
          "especialistas", "competencias", "capacidades", "conocimientos", "especialidades", "profesiones",
          "tipo de personal", "roles o habilidades", "skills or roles", "innovation skills or roles",
          "roles", "role", "skills", "skill", "innovation roles", "innovation skills", "profiles", "professionals",
          "habilidades", "perfiles", "profesionales", "puestos", "roles de innovacion",
          "trabajan en innovacion", "laburan", "who does innovation",
          )),
    Topic("team", ('team',),
          name={"en": "its innovation team", "es": "su equipo de innovación"},
          heading={"en": "Its innovation team", "es": "Su equipo de innovación"},
          loose=("team", "staff", "equipo", "personal", "organised", "organized", "organisation", "plantilla"),
          more_specific_than=('population',),
          phrases=(
          "team", "staff", "innovation team", "staff members", "how big is the team", "organised", "organized",
          "organisation", "equipo", "personal", "equipo de innovacion", "plantilla", "organizado", "other team",
          "other teams", "another team", "relevant team", "otro equipo", "otros equipos", "how many staff",
          "cuantas personas trabajan",
          )),
    Topic("terms", ('terms',),
          name={"en": "terms associated with innovation", "es": "términos asociados a la innovación"},
          heading={"en": "Terms associated with innovation", "es": "Términos asociados a la innovación"},
          list_field="terms", chart=True, countable="terms",
          loose=("words", "palabras", "term", "terms", "associate", "associates", "associated", "asocia", "asocian",
                 "asociados"),
          phrases=(
          "terms", "term", "words", "associate", "associates", "associated", "keywords", "terminos", "palabras",
          "asocia", "asociados", "asocian", "link to innovation", "links to innovation", "linked to innovation",
          "link with innovation", "connect with innovation", "vincula con la innovacion", "relaciona con la innovacion",
          "relacionan con la innovacion", "vinculan con la innovacion",
          )),
    Topic("activities", ('common_activities',),
          name={"en": "innovation activities", "es": "actividades de innovación"},
          heading={"en": "Innovation activities", "es": "Actividades de innovación"},
          countable="common_activities",
          loose=("activity", "activities", "actividad", "actividades", "examples", "example", "ejemplos", "ejemplo"),
          phrases=(
          "examples", "example", "ejemplos", "ejemplo", "what does it do", "initiatives", "iniciativas", "projects",
          "proyectos", "what kind of innovation", "common activities", "actividades comunes",
          "activities", "activity", "innovation activities", "actividades", "actividad",
          "actividades de innovacion",
          )),
    Topic("top_activity", ('common_activities',),
          name={"en": "innovation activities", "es": "actividades de innovación"},
          heading={"en": "Innovation activities", "es": "Actividades de innovación"},
          loose=("top", "first", "primera", "principal", "ranking", "ranked", "number one", "numero uno"),
          more_specific_than=('activities',),
          phrases=(
          "top activity", "top innovation activity", "main activity", "first activity", "ranking", "ranked",
          "top ranked", "most important activity", "actividad principal", "principal actividad", "clasificacion",
          "number one", "number one activity", "top", "first", "no 1", "primera", "numero uno",
          "primera actividad", "actividad numero uno", "top activities", "ranking of activities",
          "activity ranking", "ranked activities", "ranking de actividades", "principal", "most common activity",
          )),
    Topic("funding", ('dedicated_funding',),
          name={"en": "funding", "es": "financiación"},
          heading={"en": "Funding", "es": "Financiación"},
          flag="dedicated_funding", overview=6, compare=5, next_step=4,
          loose=("money", "dinero", "budget", "fund", "funds", "fondos", "presupuesto"),
          phrases=(
          "funding", "funded", "money", "budget", "dedicated funding", "finance", "financing", "funds",
          "financiacion", "financiamiento", "fondos", "dinero", "presupuesto", "financia", "financiada",
          "financiado", "fondos dedicados", "financiacion dedicada", "fund", "fund innovation",
          "pay for innovation", "financian", "financiar",
          )),
    Topic("funding_sources", ('funding_sources',),
          name={"en": "funding", "es": "financiación"},
          heading={"en": "Funding", "es": "Financiación"},
          chart=True, countable="funding_sources",
          counted={"en": "funding sources", "es": "fuentes de financiación"},
          loose=("source", "sources", "fuente", "fuentes", "come from", "comes from", "procede"),
          more_specific_than=('funding',),
          phrases=(
          "de donde saca", "saca el dinero", "de donde sale", "sale el dinero", "obtiene el dinero",
          "consigue el dinero", "where does it get", "get its money", "gets its money", "get the money",
          "money come from", "funds come from", "quien paga", "quien financia", "quienes financian",
          "sources of funding", "funding sources", "source of funding", "source", "sources", "come from",
          "comes from", "where does the money", "who pays", "who funds", "top sources", "fuentes", "fuente",
          "fuentes de financiacion", "de donde viene", "de donde vienen", "de donde proviene", "provienen",
          "procede",
          )),
    Topic("funded_activities", ('funded_activities',),
          name={"en": "activities being funded", "es": "actividades financiadas"},
          heading={"en": "Activities being funded", "es": "Actividades financiadas"},
          list_field="funded_activities", countable="funded_activities",
          counted={"en": "funded activities", "es": "actividades financiadas"},
          loose=("spend", "spends", "gasta", "invest", "invests", "investment"),
          more_specific_than=('funding', 'activities'),
          made_of=("activities", "funding"), what_verbs=("fund", "funds", "finance", "finances", "financia", "financian"),
          phrases=(
          "activities being funded", "funded activities", "what is funded", "what does it fund", "invest",
          "invests", "investing", "investment", "spend", "spends", "actividades financiadas", "invierte",
          "inversion", "inversiones", "gasta", "activities funded", "are funded", "is funded", "gets funded",
          "get funded", "what gets funded", "se financian", "que financia", "activities are funded",
          "activities get funded", "activities does it fund", "activities do they fund",
          "que actividades se financian", "actividades se financian",
          )),
    Topic("partners", ('partners',),
          name={"en": "partnerships", "es": "alianzas"},
          heading={"en": "Partnerships", "es": "Alianzas"},
          list_field="partners", countable="partners", loose=("partner", "partners", "work with", "works with", "socios"),
          phrases=(
          "with whom", "con quien", "con quienes", "se asocia con", "asociaciones", "partnering", "allies", "monitor",
          "monitoring", "monitors", "track", "tracking", "evaluate", "evaluation", "measuring",
          "how is innovation measured", "medir", "miden", "monitorea", "monitoreo", "seguimiento", "evalua",
          "evaluacion", "colaboradores", "colaboracion con", "trabaja con", "trabajan con",
          "partners", "partnerships", "partnership", "partner", "collaborate", "collaborates", "work with",
          "works with", "measured", "measure", "socios", "alianzas", "colabora", "colaboran", "aliados", "medida",
          "mide", "partner with", "partners with", "partnering with", "partner up with", "team up with",
          "teams up with", "se asocia", "se alia con", "colabora con", "colaboran con", "se asocian con",
          "promote innovation capacity", "promote its innovation capacity", "to promote innovation capacity",
          "promover su capacidad de innovacion", "promover la capacidad de innovacion",
          )),
    Topic("data", ('data_availability',),
          name={"en": "data availability", "es": "disponibilidad de datos"},
          heading={"en": "Data availability", "es": "Disponibilidad de datos"},
          next_step=5, chart=True, loose=("data", "datos", "statistics", "estadisticas"),
          more_specific_than=('policy_areas',),
          phrases=(
          "data", "data availability", "available data", "statistics", "datos", "disponibilidad de datos",
          "estadisticas", "informacion disponible",
          )),
    Topic("country", ('country',),
          name={"en": "country", "es": "país"},
          heading={"en": "Country", "es": "País"},
          loose=("where is", "donde esta", "donde queda"),
          phrases=(
          "country", "which country", "what country", "where is", "pais", "que pais", "donde esta", "donde queda",
          )),
    Topic("website", ('innovation_website_listed',),
          name={"en": "an innovation website", "es": "sitio web de innovación"},
          heading={"en": "An innovation website", "es": "Sitio web de innovación"},
          flag="innovation_website_listed", loose=("web", "url"),
          phrases=(
          "website", "web site", "innovation website", "url", "sitio web", "pagina web", "web",
          )),
    Topic("year", ('pdf_produced_in', 'population'),
          name={"en": "the year of its snapshot", "es": "el año de su ficha"},
          heading={"en": "The year of its snapshot", "es": "El año de su ficha"},
          loose=("cuando", "fecha", "when was"),
          phrases=(
          "when was", "produced", "snapshot year", "year of the snapshot", "what year", "which year", "how recent",
          "how old is the data", "date of the data", "cuando", "que ano", "de que ano", "fecha", "ano de la ficha",
          "pdf year", "year of the pdf", "pdf produced", "pdf version", "ano del pdf", "se produjo", "produjo",
          )),)

BY_KEY: dict[str, Topic] = {tp.key: tp for tp in TOPICS}
TOPIC_FIELDS: dict[str, tuple[str, ...]] = {tp.key: tp.fields for tp in TOPICS}
FIELD_TOPIC: dict[str, str] = {tp.list_field: tp.key for tp in TOPICS if tp.list_field}  # list field -> topic
LIST_TOPICS: dict[str, str] = {tp.key: tp.list_field for tp in TOPICS if tp.list_field}  # topic -> list field
FLAG_TOPICS: dict[str, str] = {tp.key: tp.flag for tp in TOPICS if tp.flag}  # topic -> yes/no field
OVERVIEW: tuple[str, ...] = tuple(tp.key for tp in sorted(TOPICS, key=lambda x: x.overview) if tp.overview)
COMPARE_DEFAULT: tuple[str, ...] = tuple(tp.key for tp in sorted(TOPICS, key=lambda x: x.compare) if tp.compare)
# A comparison's line of key facts per city, in order ("Durham: 267,743 (2017) · Steve Schewel · strategy: yes ·
# 2 policy areas"). The first three it states whole: "compare the two" after one of them is that comparison; after
# any other topic (funding is only yes/no there, policy areas only counted), that topic side by side.
KEY_FACTS: tuple[str, ...] = ("population", "leader", "strategy", "funding", "policy_areas")
KEY_FACTS_WHOLE: tuple[str, ...] = KEY_FACTS[:3]
NEXT_TOPICS: tuple[str, ...] = tuple(tp.key for tp in sorted(TOPICS, key=lambda x: x.next_step) if tp.next_step)
CHART_TOPICS: tuple[str, ...] = tuple(tp.key for tp in TOPICS if tp.chart)
COUNTABLE: dict[str, str] = {tp.key: tp.countable for tp in TOPICS if tp.countable}
MADE_OF: dict[str, tuple[str, ...]] = {tp.key: tp.made_of for tp in TOPICS if tp.made_of}
MORE_SPECIFIC: dict[str, tuple[str, ...]] = {tp.key: tp.more_specific_than for tp in TOPICS if tp.more_specific_than}
WHAT_VERBS: dict[str, str] = {verb: tp.key for tp in TOPICS for verb in tp.what_verbs}
LOOSE: frozenset[tuple[str, str]] = frozenset((tp.key, p) for tp in TOPICS for p in tp.loose)


def topic_name(topic: str, lang: str) -> str:
    """How a topic is named inside a sentence ("does not cover funding")."""
    tp = BY_KEY.get(topic)
    return tp.name.get(lang, tp.name["en"]) if tp else topic


def counted_name(topic: str, lang: str) -> str:
    """What a ranking by this topic counts ("the most funding sources", not "the most funding")."""
    tp = BY_KEY.get(topic)
    names = (tp.counted or tp.name) if tp else {}
    return names.get(lang, names.get("en", topic))


def heading(topic: str, lang: str) -> str:
    """A topic as a heading ("Funding, side by side")."""
    tp = BY_KEY.get(topic)
    return tp.heading.get(lang, tp.heading["en"]) if tp else topic.capitalize()


def phrase_table() -> dict[str, tuple[str, ...]]:
    """Every topic's phrases, for the question reader."""
    return {tp.key: tp.phrases for tp in TOPICS}
