"""JSON Merge Patch as RFC 7396 defines it, uploads read as patches, and the Spanish label table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge import labels
from knowledge.diff import changes
from knowledge.parse import parse_bytes
from knowledge.patch import apply_to, merge_patch, removed

from .conftest import ADMIN, synthetic_city

# RFC 7396, Appendix A: (original, patch, result), copied from the RFC.
RFC_EXAMPLES = [
    ({"a": "b"}, {"a": "c"}, {"a": "c"}),
    ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
    ({"a": "b"}, {"a": None}, {}),
    ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
    ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
    ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
    ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
    ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
    (["a", "b"], ["c", "d"], ["c", "d"]),
    ({"a": "b"}, ["c"], ["c"]),
    ({"a": "foo"}, None, None),
    ({"a": "foo"}, "bar", "bar"),
    ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
    ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
    ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
]


@pytest.mark.parametrize(("original", "patch", "result"), RFC_EXAMPLES)
def test_merge_patch_follows_rfc_7396(original, patch, result):
    assert merge_patch(original, patch) == result


def test_a_new_population_text_is_read_again_not_merged_with_the_old_number():
    city = synthetic_city(population="100,000 (2020)")
    merged = apply_to(city, {"city": "Synthville", "population": {"text": "120,500 (2023)"}})
    assert merged["population"] == {"text": "120,500 (2023)"}  # number and year are derived from it again


def test_removed_lists_fields_that_lose_their_value():
    before = synthetic_city(policy_areas=["Water"], roles=["Designer"])
    after = synthetic_city(policy_areas=None, roles=[])
    assert removed(before, after) == ["policy_areas", "roles"]
    assert removed(None, after) == []


def test_a_partial_json_upload_keeps_every_field_it_does_not_mention(service):
    raw = json.dumps({"city": "Saltillo", "leader": "Synthetic Mayor"}).encode()
    preview = service.admin.upload(ADMIN, "saltillo.json", len(raw), raw)
    assert preview.html.splitlines() == [
        "<b>Preview</b> — Saltillo: update, 1 field changed",
        "A change to the fields the file gives (merged into the current version; null removes a field).",
        "• Mayor: Manolo Jiménez Salinas → Synthetic Mayor"]


def test_a_json_for_a_city_not_stored_is_its_first_page(service):
    raw = json.dumps({"city": "Synthetic Newtown", "country": "Testland"}).encode()
    preview = service.admin.upload(ADMIN, "new.json", len(raw), raw)
    assert preview.html == "<b>Preview</b> — Synthetic Newtown: new city"


def test_a_replace_json_warns_in_bold_about_every_field_it_removes(service):
    raw = json.dumps({"city": "Saltillo", "country": "Mexico", "replace": True}).encode()
    lines = service.admin.upload(ADMIN, "saltillo.json", len(raw), raw, "es").html.splitlines()
    assert lines[1] == "Una página completa nueva: reemplaza la versión actual."
    assert lines[2].startswith("<b>⚠ Quita 27 campos: Cargo de quien gobierna, Alcaldía, Población,")


def test_every_survey_label_has_a_spanish_name():
    assert labels.missing_spanish() == []


@pytest.mark.parametrize(("english", "spanish"), [
    ("50% of cities surveyed have an explicit innovation strategy.",
     "El 50% de las ciudades encuestadas tiene una estrategia de innovación explícita."),
    ("more than half of cities surveyed approach innovation capacity both from a holistic/macro level, as well as "
     "in specific policy areas.",
     "Más de la mitad de las ciudades encuestadas aborda la capacidad de innovación tanto desde una mirada integral "
     "(nivel macro) como en áreas de política específicas."),
    ("Some sentence the table does not know.", "Some sentence the table does not know."),
])
def test_benchmark_sentences_in_spanish(english, spanish):
    assert labels.benchmark(english, "es") == spanish
    assert labels.benchmark(english, "en") == english


def test_city_written_items_and_names_stay_as_written():
    assert labels.label("Ecosystem Development", "es") == "Ecosystem Development"
    assert labels.label("Transport/Mobility", "es") == "Transporte y movilidad"
    assert labels.country("Mexico", "es") == "México" and labels.country("Testland", "es") == "Testland"


def test_history_in_spanish_for_a_spanish_admin(service):
    reply = service.admin.history(ADMIN, "Denver", "es")
    lines = reply.html.splitlines()
    assert lines[0] == "<b>Denver, CO</b>: 2 versiones"
    assert "  publicada  Denver  año de la ficha 2016  (denver-us--2016.json, subida por bundled)" in lines[1]
    assert lines[2].endswith("◀ actual")
    assert "    Ciudad: Denver → Denver, CO" in lines


def test_examples_name_the_city_with_the_most_complete_data(service):
    assert service.examples("en") == ["Who is the mayor of Saltillo?", "Compare Saltillo and Mexico City",
                                      "Which cities focus on transport?"]
    assert service.ask("hello").html.splitlines()[1:] == ["• Who is the mayor of Saltillo?",
                                                          "• Compare Saltillo and Mexico City",
                                                          "• Which cities focus on transport?"]


def test_upload_errors_in_the_bot_give_no_command_line_advice(service):
    reply = service.admin.upload(ADMIN, "x.json", 8, json.dumps({"city": "Synthetic X", "country": "Y", "zzz": 1}).encode())
    assert "python -m" not in reply.html
    assert reply.html == "<b>x.json: not stored</b>\nfield zzz: unknown field 'zzz' — remove it\nFix the file and send it again."


def test_a_replacing_json_is_no_more_complete_than_its_content_and_reads_in_spanish(service):
    raw = json.dumps({"city": "Denver, CO", "country": "United States", "leader": "Synthetic Mayor",
                      "replace": True}).encode()
    lines = service.admin.upload(ADMIN, "denver.json", len(raw), raw, "es").html.splitlines()
    assert lines[:3] == ["<b>Vista previa</b> — Denver, CO: actualización, 15 campos cambian",
                         "Una página completa nueva: reemplaza la versión actual.",
                         "<b>⚠ Quita 14 campos: Cargo de quien gobierna, Población, Sitio web de innovación, "
                         "Responsables de innovación, Para qué sirve la innovación, Factores críticos de éxito, "
                         "Estrategia de innovación explícita, Enfoque de la capacidad de innovación, Cifras de la "
                         "encuesta, Prioriza áreas de política, Áreas de política, Cantidad de perfiles de innovación, "
                         "Perfiles de innovación, Términos asociados a la innovación.</b>"]
    assert "• Cargo de quien gobierna: alcaldía → sin dato" in lines
    assert "• Población: 716.492 hab. en 2018 → sin dato" in lines
    assert ("• Cifras de la encuesta: El 50% de las ciudades encuestadas tiene una estrategia de innovación explícita.; "
            "Más de la mitad de las ciudades encuestadas aborda la capacidad de innovación tanto desde una mirada "
            "integral (nivel macro) como en áreas de política específicas. → ninguno") in lines
    assert not [line for line in lines if "completa:" in line]  # Denver's page stopped early; this file no later
    english = service.admin.upload(ADMIN, "denver.json", len(raw), raw).html.splitlines()
    assert english[2].startswith("<b>⚠ Removes 14 fields: Leader's title, Population,")
    assert not [line for line in english if line.startswith("• Complete page")]
    service.press(ADMIN, ADMIN, dict(
        (label, data) for row in service.admin.upload(ADMIN, "denver.json", len(raw), raw).buttons for label, data in row
    )["✅ Publish"])
    denver = service.facts.get("denver|united states")
    assert denver is not None and (denver.current.leader, denver.current.complete) == ("Synthetic Mayor", False)


def test_a_json_page_is_complete_when_it_reaches_data_availability(service):
    short = parse_bytes("a.json", json.dumps({"city": "Synthville", "country": "Testland"}).encode()).snapshot
    whole = parse_bytes("b.json", json.dumps({"city": "Synthville", "country": "Testland", "data_availability": {
        "sufficient": ["Water"]}}).encode()).snapshot
    stated = parse_bytes("c.json", json.dumps({"city": "Synthville", "country": "Testland", "complete": True}).encode())
    assert (short.complete, whole.complete, stated.snapshot.complete) == (False, True, True)


def test_a_new_city_lists_only_what_it_states():
    new = changes(None, synthetic_city(leader="Ana Example"))
    assert "benchmarks" not in [c.field for c in new]  # "Survey benchmarks: not stated → none" says nothing
    assert [str(c) for c in new if c.field == "leader"] == ["Mayor: not stated → Ana Example"]


def test_every_problem_code_knowledge_raises_is_worded_in_both_languages():
    """knowledge/ names problems by code (Problem("code", …) or pydantic's types mapped in CODES); a code
    with no wording in bot/texts.py would reach an admin as a KeyError instead of a sentence."""
    import re

    from bot.texts import PROBLEMS
    from knowledge.errors import CODES

    root = Path(__file__).parent.parent / "knowledge"
    code = re.compile(r'(?:Problem|PydanticCustomError)\(\s*"(\w+)"')
    raised = {m for f in root.rglob("*.py") for m in code.findall(f.read_text(encoding="utf-8"))}
    assert {"binary_file", "unknown_field", "city_country_missing", "no_letters"} <= raised  # the scan finds them
    for code in raised | set(CODES.values()) | {"invalid_value", "json_list", "json_not_object", "a_folder", "not_a_file"}:
        assert {"en", "es"} <= set(PROBLEMS[code]), code


def test_a_patch_that_removes_data_availability_leaves_a_page_that_is_not_complete():
    city = synthetic_city(complete=True, data_availability={"sufficient": ["Water"]})
    assert apply_to(city, {"city": "Synthville", "data_availability": None})["complete"] is False
    assert apply_to(city, {"city": "Synthville", "leader": "Ana Example"})["complete"] is True
    stopped = synthetic_city(complete=False)  # a page that stopped early stays so when data is added
    assert apply_to(stopped, {"city": "Synthville", "data_availability": {"sufficient": ["Water"]}})["complete"] is False
    assert apply_to(stopped, {"city": "Synthville", "complete": True})["complete"] is True  # said outright


def test_a_data_availability_change_reads_in_spanish(service):
    raw = json.dumps({"city": "Saltillo", "data_availability": {"sufficient": ["Water"], "no_response": ["Health"]}})
    lines = service.admin.upload(ADMIN, "s.json", len(raw), raw.encode(), "es").html.splitlines()
    assert lines[2].startswith("• Disponibilidad de datos: Datos suficientes: Desarrollo económico; Vivienda y entorno "
                               "construido; Agua;")
    assert lines[2].endswith("→ Datos suficientes: Agua; Datos insuficientes: Transporte y movilidad; Seguridad y "
                             "policía; Medio ambiente y cambio climático; Educación; Sin respuesta: Salud")  # merged


def test_every_snapshot_field_has_a_spanish_title():
    from knowledge.models import FIELD_TITLES

    assert [f for f in FIELD_TITLES if labels.field_title(f, "?", "es") == "?"] == []
