"""Commands offered to copy are built by bot/render.py, escaped like every other text."""
from pathlib import Path

from bot import render
from bot.service import Service
from knowledge.store import open_stores


def test_code_escapes_what_it_wraps() -> None:
    assert render.code("/city A&B <x>") == "<code>/city A&amp;B &lt;x&gt;</code>"


def test_commands_to_try_are_code(tmp_path: Path) -> None:
    service = Service(open_stores(tmp_path / "db.json"), set())
    assert service.subscriptions(7, "es").html == \
        "No sigues ninguna ciudad. Prueba <code>/subscribe Saltillo</code> · <code>/subscribe todas</code>"
    assert service.subscriptions(7, "en").html == \
        "You follow no city. Try <code>/subscribe Saltillo</code> · <code>/subscribe all</code>"
    reply = service.city_arg("", "es", "compare")
    assert not isinstance(reply, str)
    assert reply.html == "¿Qué ciudad? Por ejemplo: <code>/compare Saltillo</code>"
