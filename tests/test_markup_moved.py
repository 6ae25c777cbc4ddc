"""Replies whose markup moved into bot/render.py and that no other test pins to the byte.

A person wrote each expected string, from what the bot said before the markup moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import render
from bot.service import Service
from knowledge.store import open_stores


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    service = Service(open_stores(tmp_path / "db.json"), {1}, 1_000_000)
    yield service
    service.close()


def test_bold_escapes_its_text_once() -> None:
    assert render.bold("R&D <b>") == "<b>R&amp;D &lt;b&gt;</b>"
    assert render.bold("Be'er Sheva") == "<b>Be'er Sheva</b>"


def test_start_opens_with_the_greeting_in_bold(service: Service) -> None:
    assert service.start("en").html.splitlines()[0] == "<b>Hi! I am CityBot.</b>"
    assert service.start("es").html.splitlines()[0] == "<b>¡Hola! Soy CityBot.</b>"


def test_city_list_has_its_head_in_bold_and_names_plain(service: Service) -> None:
    assert service.cities("mexico", 0, "en").html == (
        "<b>3 cities in Mexico</b>\nMexico City (Mexico)\nSaltillo (Mexico)\nSan Pedro Garza García (Mexico)")
    assert service.cities("mexico", 0, "es").html == (
        "<b>3 ciudades en México</b>\nMexico City (México)\nSaltillo (México)\nSan Pedro Garza García (México)")
    first = service.cities("", 0, "en").html.splitlines()
    assert first[0] == "<b>50 cities</b>"
    assert "Be'er Sheva (Israel)" in first


def test_labelled_escapes_label_and_value_once() -> None:
    assert render.labelled("R&D", "1 < 2") == "<b>R&amp;D</b>: 1 &lt; 2"
    assert render.labelled("Subscribers", "1.000") == "<b>Subscribers</b>: 1.000"
