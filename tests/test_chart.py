"""Charts a phone can read: every chart kind drawn for names with accents, the image and its font checked."""

from __future__ import annotations

import io
import warnings

import pytest
from PIL import Image

from bot import chart
from knowledge.models import DataAvailability

from .conftest import synthetic_city

ACCENTED = ["São Paulo", "San Pedro Garza García", "Bogotá"]


def synthetic_accented_cities():
    """Three invented snapshots under real accented names: data, policy areas and roles differ per city."""
    return [
        synthetic_city(ACCENTED[0], "Brazil", policy_areas=["Education", "Transport/Mobility"],
                       roles=["Designer", "Sociologist"],
                       data_availability=DataAvailability(sufficient=["Education"], insufficient=["Water"])),
        synthetic_city(ACCENTED[1], "Mexico", policy_areas=["Transport/Mobility", "Tourism"], roles=["Designer"],
                       data_availability=DataAvailability(no_response=["Education", "Water"])),
        synthetic_city(ACCENTED[2], "Colombia", policy_areas=["Environment and climate change"], roles=None,
                       data_availability=None),
    ]


def test_the_chart_font_has_every_accent_of_the_city_names():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=chart.FONT), fallback_to_default=False)
    font = FT2Font(path)
    for ch in "ãíáéóúñçÁÉÍÓÚÑ✓½–":
        assert font.get_char_index(ord(ch)) != 0, ch


@pytest.mark.parametrize("topic", ["data", "policy_areas", "roles", "terms"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_chart_kind_draws_accented_names_at_phone_width(topic, lang):
    snaps = synthetic_accented_cities()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a warning from matplotlib: fail on it
        png = chart.comparison_chart(snaps, topic, "Disponibilidad de datos" if lang == "es" else "Data", lang)
    if topic == "terms":  # no city's snapshot lists terms: nothing to draw, said by the caller
        assert png is None
        return
    assert png is not None
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width == 720  # 360 px on a phone's screen at 2x
    assert 200 < image.height < 2400
    grey = image.convert("L")
    assert grey.getextrema()[0] < 100  # dark text was drawn, not an empty canvas


def test_more_cities_than_stay_legible_draw_the_first_ones():
    snaps = synthetic_accented_cities() * 3  # nine columns would not be readable on a phone
    png = chart.comparison_chart(snaps, "policy_areas", "Policy areas", "en")
    assert png is not None
    assert Image.open(io.BytesIO(png)).width == 720
    labels, rows = chart.chart_rows(snaps[: chart.MAX_CITIES], "policy_areas")
    assert all(len(r) == chart.MAX_CITIES for r in rows)
    assert labels == ["Education", "Transport/Mobility", "Tourism", "Environment and climate change"]


def test_long_names_are_wrapped_never_cut():
    assert chart._wrap("San Pedro Garza García", 0.75, 8, bold=True) == "San Pedro\nGarza\nGarcía"
    assert chart._wrap("Albuquerque", 0.3, 8) == "Albuquerque"  # one word is never cut in two


def test_states_of_a_data_chart_per_city():
    labels, rows = chart.chart_rows(synthetic_accented_cities(), "data")
    assert labels == ["Education", "Water"]
    assert rows == [["sufficient", "no_response", "not covered"], ["insufficient", "no_response", "not covered"]]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_text_of_a_full_chart_lands_inside_the_image_and_its_own_cell(lang):
    """Four accented cities (one of them a long name) and all seventeen policy areas, measured where drawn:
    no text leaves the 720 px image, no row label runs into the grid, no city name into its neighbour's
    column, and nothing is smaller than 8 pt (city names: 6 pt, 7.5 px on a phone, only for a very long word)."""
    from knowledge import labels, vocabulary

    cities = ACCENTED + ["Ciudad Autónoma de Buenos Aires"]
    areas = labels.labels(list(vocabulary.POLICY_AREAS), lang)
    rows = [["yes", "no", "not covered", "yes"] for _ in areas]
    fig = chart.grid_figure("Áreas de política: São Paulo vs San Pedro Garza García", cities, areas, rows, lang)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    width, height = fig.bbox.width, fig.bbox.height
    assert width == 720 and len(areas) == 17
    column = (chart.WIDTH_IN - chart.LABEL_W - 0.1) / 4 * chart.DPI
    texts = {t.get_text().replace("\n", " "): t for t in fig.axes[0].texts}
    assert set(cities) <= set(texts) and set(areas) <= set(texts)  # every name and label drawn, whole
    for shown, artist in texts.items():
        box = artist.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height, shown
        assert artist.get_fontsize() >= (6 if shown in cities else 8), shown
        if shown in areas:
            assert box.x1 <= chart.LABEL_W * chart.DPI, shown
        if shown in cities:
            assert box.width <= column, shown


def test_the_chart_font_draws_every_character_of_the_bundled_names_and_spanish_labels(tmp_path):
    """Not only the accents written above: every letter of every bundled city's name and of every Spanish
    label a chart may show (Be'er Sheva's apostrophe, São Paulo's tilde, "Transporte y movilidad")."""
    import json
    from importlib import resources

    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from knowledge.store import open_stores

    font = FT2Font(font_manager.findfont(font_manager.FontProperties(family=chart.FONT), fallback_to_default=False))
    names = [c.current.city for c in open_stores(tmp_path / "db.json").facts.cities().values()]
    spanish = json.loads(resources.files("knowledge").joinpath("data/labels_es.json").read_text(encoding="utf-8"))
    shown = names + [v for section, table in spanish.items() if isinstance(table, dict) for v in table.values()]
    assert len(names) == 50 and "São Paulo" in names
    missing = {ch for text in shown for ch in text if not ch.isspace() and font.get_char_index(ord(ch)) == 0}
    assert missing == set()
