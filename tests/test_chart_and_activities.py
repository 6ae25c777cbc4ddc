"""The data-availability chart and the activities answers, with expected values read off the Saltillo page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from bot.service import Service
from knowledge.store import open_stores

SALTILLO, CHICAGO, AKRON = "saltillo|mexico", "chicago|united states", "akron|united states"

# Saltillo's page, read by hand: its three listed activities with the survey's examples, then its own sentence.
SALTILLO_ACTIVITIES = [
    "Saltillo's most common innovation activities:",
    "• Promoting data-driven analytics / public data management (e.g. data storage/analytics; open data; big data)",
    "• Facilitating organizational change within the municipality (e.g. silo-busting; new internal performance "
    "management; staff training and capacity building on innovation tools or techniques; reforms to contracting "
    "or procurement)",
    "• Rethinking approaches to financing and partnerships (e.g. new public-private-partnerships; collaboration "
    "with neighboring jurisdictions)",
    "Its innovation activities also include developing new solutions based on digital technologies; and "
    "promoting human-centered design.",
]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    service = Service(open_stores(Path(tmp_path_factory.mktemp("chart")) / "db.json"), {1})
    yield service
    service.close()


def test_the_data_availability_chart_is_a_png_named_for_its_cities(service):
    reply = service.chart([SALTILLO, CHICAGO], "data")
    assert reply.caption == "Data availability: Saltillo vs Chicago"
    assert reply.photo is not None
    image = Image.open(io.BytesIO(reply.photo))
    assert image.format == "PNG" and image.width > 0 and image.height > 0


def test_no_chart_when_no_city_covers_data_availability(service):
    reply = service.chart([AKRON, CHICAGO], "data")
    assert reply.photo is None
    assert reply.html == "Nothing to draw: the snapshots of Akron and Chicago do not cover data availability."


def test_the_chart_button_of_a_comparison_draws_it(service):
    reply = service.ask("compare Saltillo and Chicago on data availability")
    charts = [data for row in reply.buttons for label, data in row if "Chart" in label]
    assert len(charts) == 1
    drawn = service.press(5, 5, charts[0])
    assert drawn.caption == "Data availability: Saltillo vs Chicago" and drawn.photo is not None


def test_the_activities_answer_lists_the_pages_three_with_their_examples(service):
    lines = service.ask("what are the most common innovation activities in Saltillo?").html.splitlines()
    assert lines == SALTILLO_ACTIVITIES


def test_the_top_activity_is_not_the_legend(service):
    answer = service.ask("Saltillo top innovation activities").html
    assert answer.startswith("Saltillo's page does not rank its own activities.")
    assert "(first: Promoting data-driven analytics / public data management)" in answer


def test_a_city_whose_page_stops_before_activities_says_so(service):
    assert service.ask("Akron innovation activities").html == "Akron's snapshot does not cover innovation activities."
