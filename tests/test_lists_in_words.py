"""Lists said in a sentence: commas, then the language's word for "and" or "or" before the last item."""
import pytest

from bot.texts import TEXTS, join, join_and, join_or


@pytest.mark.parametrize(("items", "lang", "expected"), [
    ([], "en", ""),
    (["Denver"], "es", "Denver"),
    (["Denver", "Tulsa"], "en", "Denver and Tulsa"),
    (["Denver", "Tulsa", "Lima"], "en", "Denver, Tulsa and Lima"),
    (["Denver", "Tulsa", "Lima"], "es", "Denver, Tulsa y Lima"),
])
def test_join_and(items: list[str], lang: str, expected: str) -> None:
    assert join_and(items, lang) == expected


@pytest.mark.parametrize(("items", "lang", "expected"), [
    (["Yes"], "en", "Yes"),
    (["Yes", "No"], "en", "Yes or No"),
    (["Yes", "No", "No Response"], "en", "Yes, No or No Response"),
    (["Sí", "No", "Sin respuesta"], "es", "Sí, No o Sin respuesta"),
])
def test_join_or(items: list[str], lang: str, expected: str) -> None:
    assert join_or(items, lang) == expected


@pytest.mark.parametrize(("items", "lang", "expected"), [
    (["Denver", "Tulsa", "Lima"], "en", "Denver, Tulsa, Lima"),  # English keeps the page's commas
    (["Denver"], "es", "Denver"),
    (["Denver", "Tulsa"], "es", "Denver y Tulsa"),
    (["Denver", "Tulsa", "Lima"], "es", "Denver, Tulsa y Lima"),
])
def test_join(items: list[str], lang: str, expected: str) -> None:
    assert join(items, lang) == expected


def test_join_says_and_with_the_tables_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spanish writes "e" before an i- sound; if the table's word changes, every list follows it."""
    monkeypatch.setitem(TEXTS["and"], "es", " e ")
    assert join(["Madrid", "Irapuato"], "es") == "Madrid e Irapuato"
    assert join_and(["Madrid", "Irapuato"], "es") == "Madrid e Irapuato"
