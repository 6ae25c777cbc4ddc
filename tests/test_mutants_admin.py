"""Admin work, for the bugs mutation testing planted and the other admin tests let through: the whole
flow in Spanish (buttons, the update preview, the published message and its toast), "add as new",
a name that came to resemble a stored city between preview and Publish, a preview with nothing
left to publish, stored previews of older bots, empty and unsized files, and the admin commands'
Spanish replies.

A person wrote each expected reply. Run with `tests/mutate.sh bot.admin "test_admin or test_mutants_admin"`.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.reply import Reply
from bot.service import Service
from knowledge.storage import NotStored
from knowledge.store import open_stores

from .conftest import ADMIN, STRANGER

REFUSAL_ES = "Lo siento, solo la administración de CityBot puede cambiar datos."
VIENA = json.dumps({"city": "Viena", "country": "Austria", "leader": "Synthetic Mayor"}).encode()
SYNTHVILLE = json.dumps({"city": "Synthville", "country": "Testland", "leader": "Ana Example"}).encode()


def buttons(reply: Reply) -> dict[str, str]:
    return {label: data for row in reply.buttons for label, data in row}


def token_of(reply: Reply) -> str:
    return next(data.split(":")[1] for data in buttons(reply).values() if data.startswith("cancel:"))


def test_the_whole_flow_in_spanish(service):
    asked = service.admin.upload(ADMIN, "viena.json", len(VIENA), VIENA, "es")
    assert asked.html == ("<b>Vista previa</b> — Viena: se parece a Vienna, ya guardada; "
                          "elige actualizarla o agregarla como nueva")
    token = token_of(asked)
    assert asked.buttons == [[("Actualizar Vienna", f"pub:{token}:update"), ("Agregar como ciudad nueva", f"pub:{token}:new")],
                             [("Cancelar", f"cancel:{token}")]]
    update = service.admin.decide(ADMIN, token, "update", "es")
    assert (update.html.splitlines(), update.edit) == ([
        "<b>Vista previa</b> — Viena: actualización, 2 campos cambian",
        "Un cambio de los campos que trae el archivo (se aplica sobre la versión actual; null quita un campo).",
        "• Ciudad: Vienna → Viena",
        "• Alcaldía: Michael Ludwig → Synthetic Mayor"], True)
    assert update.buttons == [[("✅ Publicar", f"pub:{token}:as-is"), ("Cancelar", f"cancel:{token}")]]
    published = service.admin.decide(ADMIN, token, "as-is", "es")
    assert (published.html, published.toast, published.edit, published.published) == (
        "<b>Publicado:</b> Viena: actualización, 2 campos cambian. Aviso a 0 suscriptores.", "Publicado", True, True)
    again = service.admin.decide(ADMIN, token, "as-is", "es")
    assert (again.html, again.edit) == ("Esta vista previa caducó o ya se gestionó; vuelve a subir el archivo.", True)


def test_the_published_message_in_english_names_what_was_stored(service):
    token = token_of(service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE))
    service.subscribe(5, "all")
    published = service.admin.decide(ADMIN, token, "as-is")
    assert (published.html, published.toast, published.edit) == (
        "<b>Published</b> Synthville: new city. Notifying 1 subscriber.", "Published", True)


def test_strangers_are_refused_in_spanish_and_cancel_answers_in_spanish(service):
    token = token_of(service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE))
    assert service.admin.decide(STRANGER, token, "as-is", "es").html == REFUSAL_ES
    assert service.admin.cancel(STRANGER, token, "es").html == REFUSAL_ES
    assert service.admin.stats(STRANGER, "es").html == REFUSAL_ES
    assert service.admin.history(STRANGER, "Denver", "es").html == REFUSAL_ES
    assert service.admin.rollback(STRANGER, "Denver", "es").html == REFUSAL_ES
    cancelled = service.admin.cancel(ADMIN, token, "es")
    assert (cancelled.html, cancelled.toast, cancelled.edit) == ("Cancelado; no se guardó nada.", "Cancelado", True)


def test_add_as_new_keeps_both_cities(service):
    token = token_of(service.admin.upload(ADMIN, "viena.json", len(VIENA), VIENA))
    reply = service.admin.decide(ADMIN, token, "new")
    assert (reply.html, reply.published) == (
        "<b>Published</b> Viena: new city. Notifying 0 subscribers.", True)
    assert service.facts.get("viena|austria") is not None
    vienna = service.facts.get("vienna|austria")
    assert vienna is not None and vienna.current.leader == "Michael Ludwig" and len(vienna.versions) == 1


def test_a_name_that_came_to_resemble_a_stored_city_asks_again_at_publish(service):
    first = token_of(service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE))
    near = json.dumps({"city": "Synthvile", "country": "Testland", "leader": "Bo Example"}).encode()
    second = token_of(service.admin.upload(ADMIN, "synthvile.json", len(near), near))  # new: nothing like it yet
    assert service.admin.decide(ADMIN, first, "as-is").published
    asked = service.admin.decide(ADMIN, second, "as-is")
    assert (asked.html, asked.edit, asked.published) == (
        "<b>Preview</b> — Synthvile: resembles stored Synthville; choose update or new", True, False)
    assert sorted(buttons(asked)) == ["Add as new city", "Cancel", "Update Synthville"]
    assert service.facts.get("synthvile|testland") is None


def test_a_new_name_chosen_as_an_update_replaces_the_page(service):
    """JSON naming a city that is not stored is a whole page, also when the admin makes it an update."""
    token = token_of(service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE))
    service.admin.decide(ADMIN, token, "as-is")
    near = json.dumps({"city": "Synthvile", "country": "Testland", "leader": "Bo Example"}).encode()
    token = token_of(service.admin.upload(ADMIN, "synthvile.json", len(near), near))
    update = service.admin.decide(ADMIN, token, "update")
    assert update.html.splitlines() == [
        "<b>Preview</b> — Synthvile: update, 2 fields changed",
        "A whole new page: it replaces the current version.",
        "• City: Synthville → Synthvile",
        "• Leader: Ana Example → Bo Example"]  # no title given: a leader, not a mayor


def test_a_preview_stored_by_an_older_bot_without_a_mode_is_a_whole_page(service):
    token = token_of(service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE))
    service.admin.decide(ADMIN, token, "as-is")
    page = json.dumps({"city": "Synthville", "country": "Testland", "leader": "Bo Example",
                       "policy_areas": ["Ecosystem Development"]}).encode()
    token = token_of(service.admin.upload(ADMIN, "synthville.json", len(page), page))
    stored = service.operations.take_preview(token)
    assert stored is not None and stored.pop("mode") == "merge"
    service.operations.put_preview(token, stored)  # as the bot stored previews before merge patches
    update = service.admin.decide(ADMIN, token, "update", "es")
    assert update.html.splitlines() == [
        "<b>Vista previa</b> — Synthville: actualización, 2 campos cambian",
        "Una página completa nueva: reemplaza la versión actual.",
        "• Alcaldía: Ana Example → Bo Example",
        "• Áreas de política: sin dato → Ecosystem Development",
        "⚠ campo policy_areas: 'Ecosystem Development' no es una etiqueta de la encuesta; se guarda como propia de "
        "la ciudad — ¿quisiste decir 'Economic Development'?"]


def test_a_second_preview_of_what_was_just_published_has_nothing_to_publish(service):
    first = token_of(service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE))
    second = token_of(service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE))
    assert service.admin.decide(ADMIN, first, "as-is").published
    late = service.admin.decide(ADMIN, second, "as-is", "es")
    assert (late.html, late.edit, late.published) == ("Nada que publicar: esa versión ya está guardada.", True, False)


def test_an_upload_already_stored_is_said_in_spanish_with_its_warnings(service):
    raw = (Path(__file__).parent.parent / "knowledge" / "data" / "cities" / "akron-us--2017.json").read_bytes()
    reply = service.admin.upload(ADMIN, "akron.json", len(raw), raw, "es")
    assert reply.html.splitlines() == [
        "<b>Vista previa</b> — Akron: ya está guardada; no hay nada que guardar",
        "⚠ campo policy_areas: 'Ecosystem Development' no es una etiqueta de la encuesta; se guarda como propia de "
        "la ciudad — ¿quisiste decir 'Economic Development'?",
        "⚠ campo roles: 'Communication' no es una etiqueta de la encuesta; se guarda como propia de la ciudad — "
        "¿quisiste decir 'Communication officer'?"]
    assert reply.buttons == []


def test_a_store_that_refuses_says_so_in_spanish(service, monkeypatch):
    token = token_of(service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE))

    def disk_full(*args: object) -> None:
        raise NotStored("disk-full", "no space left on device")

    monkeypatch.setattr(service.facts, "publish", disk_full)
    refused = service.admin.decide(ADMIN, token, "as-is", "es")
    assert (refused.html, refused.toast) == ("<b>No se guardó</b>: el disco está lleno. Nada cambió.", "No se guardó nada.")
    monkeypatch.setattr(service.operations, "put_preview", disk_full)
    kept = service.admin.upload(ADMIN, "synthville.json", len(SYNTHVILLE), SYNTHVILLE, "es")
    assert (kept.html, kept.buttons) == ("<b>No se guardó</b>: el disco está lleno. Nada cambió.", [])
    monkeypatch.setattr(service.facts, "rollback", disk_full)
    assert service.admin.rollback(ADMIN, "Denver", "es").html == "<b>No se guardó</b>: el disco está lleno. Nada cambió."


def test_file_sizes_in_spanish_and_files_without_a_size(service, tmp_path: Path):
    assert service.admin.upload(ADMIN, "big.json", 2_000_000, b"x", "es").html == (
        "Ese archivo pesa 2.000.000 bytes; el límite es 1.000.000. Envía la ficha de una sola ciudad "
        "(página .txt o .json) por archivo.")
    empty = ("<b>{}: not stored</b>\nfile: the file is empty — send the snapshot page text or JSON\n"
             "Fix the file and send it again.")
    assert service.admin.upload(ADMIN, "x.txt", 0, b"").html == empty.format("x.txt")
    assert service.admin.upload(ADMIN, "x.json", None, None).html == empty.format("x.json")
    small = Service(open_stores(tmp_path / "small.json"), {ADMIN}, 100)
    try:  # Telegram did not say how big the file is: the bytes are measured
        assert small.admin.upload(ADMIN, "x.json", None, b" " * 101).html == (
            "<b>x.json: not stored</b>\nfile: the file is 101 bytes, over the 100-byte limit — send one city's "
            "snapshot per file\nFix the file and send it again.")
    finally:
        small.close()


def test_admin_commands_without_a_city_name_the_command(service):
    assert service.admin.rollback(ADMIN, "", "es").html == "¿Qué ciudad? Por ejemplo: <code>/rollback Saltillo</code>"
    assert service.admin.history(ADMIN, " ").html == "Which city? For example: <code>/history Saltillo</code>"
    assert service.admin.history(ADMIN, "Atlantis", "es").html == "No tengo datos sobre “Atlantis”. ¿Quisiste decir…?"


def test_history_and_rollback_in_spanish(service):
    history = service.admin.history(ADMIN, "Denver", "es").html.splitlines()
    assert history[0] == "<b>Denver, CO</b>: 2 versiones"
    assert history[1].startswith("v1  ") and history[1].endswith(
        "  publicada  Denver  año de la ficha 2016  (denver-us--2016.json, subida por bundled)")
    assert history[2].startswith("v2  ") and history[2].endswith(
        "  publicada  Denver, CO  año de la ficha 2018  (denver-us--2018.json, subida por bundled)  ◀ actual")
    assert history[3:5] == ["    Ciudad: Denver → Denver, CO", "    Población: 693.060 hab. en 2016 → 716.492 hab. en 2018"]
    rolled = service.admin.rollback(ADMIN, "Denver", "es")
    assert rolled.published and rolled.html.splitlines()[:3] == [
        "<b>Denver</b> volvió a su versión anterior:", "• Ciudad: Denver, CO → Denver",
        "• Población: 716.492 hab. en 2018 → 693.060 hab. en 2016"]


def test_stats_in_spanish_with_thousands_and_nothing_unanswered(service):
    for chat in range(1000, 2000):
        service.operations.subscribe(chat, "saltillo|mexico", "es")
    assert service.admin.stats(ADMIN, "es").html == (
        "<b>Ciudades</b>: 50\n<b>Suscriptores</b>: 1.000\n<b>Preguntas recibidas</b>: 0\n"
        "Todavía no hay preguntas sin respuesta.")


def test_an_older_page_is_previewed_with_its_differences(service):
    current = json.dumps({"city": "Synthville", "country": "Testland", "leader": "Ana Example",
                          "population": "110,000 (2017)"}).encode()
    service.admin.decide(ADMIN, token_of(service.admin.upload(ADMIN, "synthville.json", len(current), current)), "as-is")
    older = json.dumps({"city": "Synthville", "country": "Testland", "leader": "Old Example",
                        "population": "100,000 (2016)", "replace": True}).encode()
    assert service.admin.upload(ADMIN, "synthville-2016.json", len(older), older).html.splitlines() == [
        "<b>Preview</b> — Synthville: older than the stored page; kept as history, the current version stays",
        "• Leader: Ana Example → Old Example",
        "• Population: 110,000 (2017) → 100,000 (2016)"]
