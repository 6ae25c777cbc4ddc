"""What admins do, as plain Python (Service and Admin, no Telegram): upload, preview, Publish, Cancel.

A person wrote each expected reply. The point of most of these: a preview that was cancelled,
published or never existed can never be published (again), and a non-admin changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.service import Service
from bot.texts import t
from knowledge.storage import NotStored
from knowledge.store import open_stores

from .conftest import ADMIN, STRANGER

SYNTHVILLE = json.dumps({"city": "Synthville", "country": "Testland", "leader": "Ana Example"}).encode()


def buttons(reply) -> dict[str, str]:
    return {label: data for row in reply.buttons for label, data in row}


def preview(service: Service) -> dict[str, str]:
    reply = service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE)
    assert reply.html.startswith("<b>Preview</b> — ")
    found = buttons(reply)
    assert sorted(found) == ["Cancel", "✅ Publish"]
    return found


def stored(service: Service) -> bool:
    return "Synthville" in {s.city for s in service.engine.current.values()}


def test_publish_stores_the_city(service):
    b = preview(service)
    assert not stored(service)  # a preview stores nothing
    reply = service.press(ADMIN, ADMIN, b["✅ Publish"])
    assert reply.published and reply.toast == "Published"
    assert reply.html.startswith("<b>Published</b> ") and reply.html.endswith(". Notifying 0 subscribers.")
    assert stored(service)


def test_a_cancelled_upload_cannot_be_published(service):
    b = preview(service)
    reply = service.press(ADMIN, ADMIN, b["Cancel"])
    assert (reply.html, reply.toast, reply.edit) == ("Cancelled; nothing was stored.", "Cancelled", True)
    late = service.press(ADMIN, ADMIN, b["✅ Publish"])
    assert late.html == t("preview_expired", "en") and not late.published
    assert not stored(service)


def test_publish_twice_stores_once(service):
    b = preview(service)
    assert service.press(ADMIN, ADMIN, b["✅ Publish"]).published
    again = service.press(ADMIN, ADMIN, b["✅ Publish"])
    assert again.html == t("preview_expired", "en") and not again.published
    assert len(service.facts.get(next(k for k, s in service.engine.current.items() if s.city == "Synthville"))
               .versions) == 1


def test_a_stranger_cannot_publish_or_cancel_and_changes_nothing(service):
    b = preview(service)
    for data in (b["✅ Publish"], b["Cancel"]):
        reply = service.press(STRANGER, STRANGER, data)
        assert (reply.html, reply.toast, reply.published) == ("", "Only admins can do that", False)
    assert not stored(service)
    assert service.press(ADMIN, ADMIN, b["✅ Publish"]).published  # the admin's preview is still there


def test_a_stranger_cannot_upload(service):
    reply = service.admin.upload(STRANGER, "synthville.json", len(SYNTHVILLE), SYNTHVILLE)
    assert reply.html == "Sorry, only CityBot's admins can change data." and reply.buttons == []


def test_a_bad_file_is_not_stored_and_says_why(service):
    reply = service.admin.upload(ADMIN, "x.json", 2, b"{}")
    assert reply.html.startswith("<b>x.json: not stored</b>") and reply.buttons == []




def test_unknown_and_expired_buttons(service):
    token = service.remember("ask", ["saltillo", "population"])
    assert service.press(ADMIN, ADMIN, f"zzz:{token}").html == "Unknown button."
    expired = service.press(42, 42, "ask:no-such-token")
    assert (expired.html, expired.toast) == (t("button_expired", "en"), "Expired")
    assert service.press(ADMIN, ADMIN, "pub:no-such-token:as-is").html == t("preview_expired", "en")
    assert service.press(ADMIN, ADMIN, "cancel:no-such-token").html == "Cancelled; nothing was stored."


def test_a_file_over_the_limit_or_of_another_type_is_refused(service):
    assert service.admin.upload(ADMIN, "big.json", 2_000_000, b"x").html == (
        "That file is 2,000,000 bytes; the limit is 1,000,000. Send one city's snapshot (.txt page or .json) per file.")
    assert service.admin.upload(ADMIN, "x.pdf", 10, b"x").html == (  # no command-line advice in the bot
        "That is a PDF, which I can't read: paste the page text into a .txt file (copy it from the city's page) "
        "and send that.")
    assert service.admin.upload(ADMIN, "x.docx", 10, b"x").html == (
        "“x.docx” is neither a .txt page nor a .json snapshot. Send the page text as .txt, or the city's data as .json.")


def test_a_version_already_stored_has_nothing_to_publish(service):
    raw = (Path(__file__).parent.parent / "knowledge" / "data" / "cities" / "akron-us--2017.json").read_bytes()
    reply = service.admin.upload(ADMIN, "akron.json", len(raw), raw)
    assert reply.html.splitlines()[0] == "<b>Preview</b> — Akron: already stored, nothing to store"
    assert reply.buttons == []


def test_a_name_that_only_resembles_a_stored_city_asks_update_or_new(service):
    raw = json.dumps({"city": "Viena", "country": "Austria", "leader": "Synthetic Mayor"}).encode()
    reply = service.admin.upload(ADMIN, "viena.json", len(raw), raw)
    assert reply.html == "<b>Preview</b> — Viena: resembles stored Vienna; choose update or new"
    b = buttons(reply)
    assert sorted(b) == ["Add as new city", "Cancel", "Update Vienna"]
    update = service.press(ADMIN, ADMIN, b["Update Vienna"])
    assert update.html.splitlines() == [  # a merge patch: only the two fields the file gives change
        "<b>Preview</b> — Viena: update, 2 fields changed",
        "A change to the fields the file gives (merged into the current version; null removes a field).",
        "• City: Vienna → Viena", "• Mayor: Michael Ludwig → Synthetic Mayor"]
    assert sorted(buttons(update)) == ["Cancel", "✅ Publish"]
    assert service.press(ADMIN, ADMIN, buttons(update)["✅ Publish"]).published
    vienna = service.facts.get("vienna|austria")
    assert vienna is not None and vienna.current.leader == "Synthetic Mayor" and len(vienna.versions) == 2


def test_rollback_history_and_stats_are_for_admins(service):
    assert service.admin.rollback(STRANGER, "Denver").html == "Sorry, only CityBot's admins can change data."
    assert service.admin.history(STRANGER, "Denver").html == "Sorry, only CityBot's admins can change data."
    assert service.admin.stats(STRANGER).html == "Sorry, only CityBot's admins can change data."
    assert service.admin.rollback(ADMIN, "Akron").html == "Akron: there is no earlier published version to roll back to."
    assert service.admin.rollback(ADMIN, "Akron", "es").html == "Akron: no hay una versión publicada anterior a la que volver."
    rolled = service.admin.rollback(ADMIN, "Denver")
    assert rolled.published and rolled.html.splitlines()[:2] == [
        "<b>Denver</b> was rolled back to its previous version:", "• City: Denver, CO → Denver"]
    history = service.admin.history(ADMIN, "Denver").html.splitlines()
    assert history[0] == "<b>Denver</b>: 2 versions"
    assert history[1].startswith("v1  ") and history[1].endswith(
        "  published  Denver  page year 2016  (denver-us--2016.json, by bundled)  ◀ current")
    assert history[2].startswith("v2  ") and history[2].endswith(
        "  rolled back  Denver, CO  page year 2018  (denver-us--2018.json, by bundled)")
    assert history[3] == "    City: Denver → Denver, CO"
    assert service.admin.stats(ADMIN).html == (
        "<b>Cities</b>: 50\n<b>Subscribers</b>: 0\n<b>Questions asked</b>: 0\nNo unanswered questions yet.")


def test_a_publish_the_disk_refuses_keeps_the_preview_for_another_press(service, monkeypatch):
    b = preview(service)
    publish = service.facts.publish

    def disk_full(plans):
        raise NotStored("disk-full", "no space left on device")

    monkeypatch.setattr(service.facts, "publish", disk_full)
    refused = service.press(ADMIN, ADMIN, b["✅ Publish"])
    assert (refused.html, refused.published) == ("<b>Not stored</b>: the disk is full. Nothing changed.", False)
    assert not stored(service)
    monkeypatch.setattr(service.facts, "publish", publish)
    assert service.press(ADMIN, ADMIN, b["✅ Publish"]).published  # the same button, once there is room
    assert stored(service)


def test_an_upload_the_store_cannot_keep_says_so(service, monkeypatch):
    def read_only(token, data):
        raise NotStored("read-only", "read-only file system")

    monkeypatch.setattr(service.operations, "put_preview", read_only)
    reply = service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE)
    assert reply.html == "<b>Not stored</b>: the store is read-only. Nothing changed; answers still come from it."
    assert reply.buttons == []


def test_a_rollback_the_store_cannot_write_changes_nothing(service, monkeypatch):
    def failed(key):
        raise NotStored("failed", "I/O error")

    monkeypatch.setattr(service.facts, "rollback", failed)
    assert service.admin.rollback(ADMIN, "Denver").html == "<b>Not stored</b>: writing the store failed. Nothing changed."
    assert service.facts.get("denver|united states").current.city == "Denver, CO"  # type: ignore[union-attr]


def test_admin_replies_in_spanish(service):
    reply = service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE, "es")
    assert reply.html.startswith("<b>Vista previa</b> — Synthville: ciudad nueva")
    cancel = service.admin.cancel(ADMIN, buttons(reply)["Cancelar"].split(":")[1], "es")
    assert cancel.html == "Cancelado; no se guardó nada."


def test_a_json_naming_a_stored_city_is_a_patch_of_the_fields_it_gives(service):
    raw = json.dumps({"city": "Vienna", "country": "Austria", "leader": "Synthetic Mayor"}).encode()
    reply = service.admin.upload(ADMIN, "vienna.json", len(raw), raw)
    assert reply.html == (
        "<b>Preview</b> — Vienna: update, 1 field changed\n"
        "A change to the fields the file gives (merged into the current version; null removes a field).\n"
        "• Mayor: Michael Ludwig → Synthetic Mayor")
    assert service.press(ADMIN, ADMIN, buttons(reply)["✅ Publish"]).published
    vienna = service.facts.get("vienna|austria")
    assert vienna is not None and (vienna.current.leader, vienna.current.population.text) == (  # type: ignore[union-attr]
        "Synthetic Mayor", "1,900,000 (2016)")


def test_a_replacing_upload_warns_in_bold_which_fields_it_removes(service):
    raw = json.dumps({"city": "Vienna", "country": "Austria", "leader": "Synthetic Mayor", "replace": True}).encode()
    lines = service.admin.upload(ADMIN, "vienna.json", len(raw), raw).html.splitlines()
    assert lines[:3] == [
        "<b>Preview</b> — Vienna: update, 14 fields changed",  # not "complete", not "none → not stated"
        "A whole new page: it replaces the current version.",
        "<b>⚠ Removes 13 fields: Leader's title, Population, Innovation website, Lead innovation officers, "
        "Innovation is helping to, Critical success factors, Explicit innovation strategy, Approach to innovation "
        "capacity, Survey benchmarks, Prioritises policy areas, Number of innovation roles, Innovation roles, "
        "Terms associated with innovation.</b>"]
    assert lines[3:5] == ["• Leader's title: Mayor → not stated", "• Leader: Michael Ludwig → Synthetic Mayor"]
    spanish = service.admin.upload(ADMIN, "vienna.json", len(raw), raw, "es").html.splitlines()
    assert spanish[:2] == ["<b>Vista previa</b> — Vienna: actualización, 14 campos cambian",
                           "Una página completa nueva: reemplaza la versión actual."]
    assert spanish[2].startswith("<b>⚠ Quita 13 campos: Cargo de quien gobierna, Población, ")


def test_a_page_replaces_without_removing_what_it_still_states(service):
    seed = Path(__file__).parent.parent / "knowledge" / "data" / "saltillo-mex.txt"
    raw = seed.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", "Synthetic Mayor").encode()
    assert service.admin.upload(ADMIN, "saltillo.txt", len(raw), raw).html == (
        "<b>Preview</b> — Saltillo: update, 1 field changed\n"
        "A whole new page: it replaces the current version.\n"
        "• Mayor: Manolo Jiménez Salinas → Synthetic Mayor")


def test_stats_count_questions_subscribers_and_the_unanswered(service):
    for question in ("what is the weather today", "what is the weather today", "saltillo mayor", "xyzzy plugh"):
        service.ask(question)
    service.subscribe(5, "Saltillo")
    assert service.admin.stats(ADMIN).html == (
        "<b>Cities</b>: 50\n<b>Subscribers</b>: 1\n<b>Questions asked</b>: 4\n<b>Most frequent unanswered</b>:\n"
        "2× what is the weather today\n1× xyzzy plugh")
    assert service.admin.stats(ADMIN, "es").html.splitlines()[:4] == [
        "<b>Ciudades</b>: 50", "<b>Suscriptores</b>: 1", "<b>Preguntas recibidas</b>: 4",
        "<b>Sin respuesta, las más frecuentes</b>:"]


def test_refusals_and_wrong_files_in_spanish(service):
    refusal = service.admin.refuse("es")
    assert (refusal.html, refusal.toast) == ("Lo siento, solo la administración de CityBot puede cambiar datos.",
                                             "Solo para administradores")
    assert service.admin.upload(ADMIN, "x.pdf", 4, b"abcd", "es").html == (
        "Es un PDF y no puedo leerlo: pega el texto de la página en un archivo .txt (cópialo de la página de la ciudad) "
        "y envíalo.")
    assert service.admin.upload(ADMIN, "x.doc", 4, b"abcd", "es").html == (
        "“x.doc” no es ni una página .txt ni un .json. Envía el texto de la página como .txt, o los datos de la ciudad "
        "como .json.")
    bad = service.admin.upload(ADMIN, "x.json", 2, b"{}", "es").html.splitlines()
    assert bad == ["<b>x.json: no se guardó</b>", "(nivel superior): falta 'city' — agrégalo",
                   "(nivel superior): falta 'country' — agrégalo", "Corrige el archivo y vuelve a enviarlo."]


def test_a_pdf_is_known_by_its_content_too(service):
    assert service.admin.upload(ADMIN, "x.txt", 8, b"%PDF-1.7").html == (
        "That is a PDF, which I can't read: paste the page text into a .txt file (copy it from the city's page) "
        "and send that.")


def test_the_upload_limit_is_inclusive(tmp_path: Path):
    small = Service(open_stores(tmp_path / "db.json"), {ADMIN}, 100)
    assert small.admin.upload(ADMIN, "x.json", 100, b" " * 100).html.startswith("<b>x.json: not stored</b>")
    assert small.admin.upload(ADMIN, "x.json", 101, b" " * 101).html.startswith("That file is 101 bytes; the limit is 100.")
    small.close()


def test_a_published_upload_records_its_file_and_uploader(service):
    b = preview(service)
    service.press(ADMIN, ADMIN, b["✅ Publish"])
    city = service.facts.get("synthville|testland")
    assert city is not None and (city.current.source.file, city.current.source.uploaded_by) == ("synthville.json", "1")


def test_a_preview_lists_the_files_warnings(service):
    raw = json.dumps({"city": "Synthville", "country": "Testland", "policy_areas": ["Ecosystem Development"]}).encode()
    lines = service.admin.upload(ADMIN, "synthville.json", len(raw), raw).html.splitlines()
    assert lines == ["<b>Preview</b> — Synthville: new city",
                     "⚠ field policy_areas: 'Ecosystem Development' is not a survey label; kept as the city's own — "
                     "did you mean 'Economic Development'?"]


def test_admin_commands_about_an_unknown_city(service):
    assert service.admin.history(ADMIN, "Atlantis").html == "I don't have data on “Atlantis”. Did you mean:"
    assert service.admin.rollback(ADMIN, "zzzz", "es").html == "No tengo datos sobre “zzzz”."


def test_a_preview_stored_before_warnings_were_data_still_publishes(service):
    found = preview(service)
    token = found["✅ Publish"].split(":")[1]
    stored = service.operations.take_preview(token)
    assert stored is not None
    service.operations.put_preview(token, {**stored, "warnings": ["field roles: 'Sociologst' is not a survey label"]})
    assert service.press(ADMIN, ADMIN, found["✅ Publish"]).published
