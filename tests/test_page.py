"""Page text -> Snapshot on invented pages (synthetic_page), each value written down by hand.

The real Saltillo page is read field by field in test_parse_seed.py; these pages isolate one rule
each: page-number digits glued to the last label, "doesn't have" read as no, benchmark sentences
generalised, line endings, the lines above "Population", and the errors a person gets.
"""

from __future__ import annotations

import pytest

from bot.texts import problem
from knowledge.errors import SnapshotError
from knowledge.page import benchmark_from_sentence, parse_page
from knowledge.parse import parse_bytes


def synthetic_page(*sections: str, head: str = "Synthville\nTestland\nMayor\nAna Example") -> str:
    """An invented page: the head lines, a population, an officer, then the given sections."""
    return "\n\n".join([head, "Population\n\n100,000 (2020)", "Lead Innovation Officer\n\nBo Example", *sections])


POLICY = "Policy areas that Synthville is focused on\n\n"


def test_page_number_glued_to_a_short_last_label_is_dropped():
    s = parse_page("p.txt", synthetic_page(POLICY + "Transport/Mobility\nPublic works4397"))
    assert s.policy_areas == ["Transport/Mobility", "Public works"]


def test_page_number_glued_to_a_very_short_last_label_is_dropped():
    s = parse_page("p.txt", synthetic_page(POLICY + "Housing\nTax9"))
    assert s.policy_areas == ["Housing", "Tax"]


def test_page_number_glued_to_a_long_last_label_is_dropped():
    s = parse_page("p.txt", synthetic_page(POLICY + "Digital governance4397\n"))
    assert s.policy_areas == ["Digital governance"]


def test_a_number_that_ends_the_page_is_kept():
    head = "Synthville\nTestland\nMayor\nAna Example\nLead Innovation Officer\nBo\nPopulation\n"
    s = parse_page("p.txt", head + "180,557")
    assert s.population is not None and s.population.text == "180,557" and s.population.number == 180557
    s = parse_page("p.txt", head + "180557")
    assert s.population is not None and s.population.text == "180557"


def test_only_the_last_line_loses_glued_digits():
    s = parse_page("p.txt", synthetic_page(POLICY + "Waste4\nPublic works4397"))
    assert s.policy_areas == ["Waste4", "Public works"]


VISION = "Vision and approach to innovation capacity\n\n"


@pytest.mark.parametrize(("sentence", "has"), [
    ("Along with 50% of cities surveyed, Synthville has an explicit innovation strategy.", True),
    ("Along with 50% of cities surveyed, Synthville does not have an explicit innovation strategy.", False),
    ("Along with 50% of cities surveyed, Synthville doesn't have an explicit innovation strategy.", False),
])
def test_strategy_yes_and_no(sentence: str, has: bool):
    s = parse_page("p.txt", synthetic_page(VISION + sentence))
    assert s.explicit_strategy is has


FUNDING = "How is innovation funded here?\n\n"


@pytest.mark.parametrize(("sentence", "has"), [
    ("Like 81% of cities surveyed, Synthville has dedicated funding to support innovation capacity.", True),
    ("Like 19% of cities surveyed, Synthville does not have dedicated funding to support innovation capacity.", False),
    ("Like 19% of cities surveyed, Synthville doesn't have dedicated funding to support innovation capacity.", False),
])
def test_dedicated_funding_yes_and_no(sentence: str, has: bool):
    s = parse_page("p.txt", synthetic_page(FUNDING + sentence))
    assert s.dedicated_funding is has
    b = s.benchmark("funding")
    assert b is not None and b.share == sentence.split(" of cities")[0].removeprefix("Like ")


def test_benchmark_sentences_are_said_of_the_cities_surveyed():
    page = synthetic_page(VISION + "Along with 50% of cities surveyed, Synthville does not have an explicit innovation "
                                   "strategy. Similar to 24% of cities surveyed, Synthville approaches innovation "
                                   "capacity in specific policy areas/domains.")
    s = parse_page("p.txt", page)
    assert [(b.topic, b.share, b.sentence) for b in s.benchmarks] == [
        ("strategy", "50%", "50% of cities surveyed do not have an explicit innovation strategy."),
        ("approach", "24%", "24% of cities surveyed approach innovation capacity in specific policy areas/domains."),
    ]
    assert s.approach == "in specific policy areas/domains"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Like 81% of cities surveyed, Synthville has dedicated funding.", "81% of cities surveyed have dedicated funding."),
    ("like more than half of cities surveyed, synthville is bold.", "more than half of cities surveyed are bold."),
    ("Like 10% of cities surveyed, Synthville does test.", "10% of cities surveyed do test."),
    ("Synthville has dedicated funding.", None),
])
def test_benchmark_from_a_sentence(sentence: str, expected: str | None):
    b = benchmark_from_sentence("funding", sentence, "Synthville")
    assert (b["sentence"] if b else None) == expected


def test_windows_and_old_mac_line_endings_and_non_breaking_spaces_read_the_same():
    page = synthetic_page(POLICY + "Transport/Mobility\nHousing")
    expected = parse_page("p.txt", page)
    assert parse_page("p.txt", page.replace("\n", "\r\n")) == expected
    assert parse_page("p.txt", page.replace("\n", "\r")) == expected
    nbsp = parse_page("p.txt", page.replace("Ana Example", "Ana\u00a0Example"))
    assert nbsp.leader == "Ana Example"


def test_the_head_lines_give_city_country_title_and_leader():
    s = parse_page("p.txt", synthetic_page(head="  Synthville  \nTestland\nCity Manager\n  Bo Example  "))
    assert (s.city, s.country, s.leader_title, s.leader) == ("Synthville", "Testland", "City Manager", "Bo Example")
    assert s.innovation_website_listed is False


def test_a_page_without_the_title_line_still_names_the_leader():
    s = parse_page("p.txt", synthetic_page(head="Synthville\nTestland\nAna Example"))
    assert (s.city, s.country, s.leader_title, s.leader) == ("Synthville", "Testland", None, "Ana Example")


def test_the_lines_just_above_the_title_are_city_and_country():
    s = parse_page("p.txt", synthetic_page(head="City Innovation Snapshot\nSynthville\nTestland\nMayor\nAna Example"))
    assert (s.city, s.country, s.leader) == ("Synthville", "Testland", "Ana Example")


def test_a_website_line_means_one_is_listed():
    page = "Synthville\nTestland\nMayor\nAna\nPopulation\n5 (2020)\nInnovation website\nLead Innovation Officer\nBo, Cy"
    s = parse_page("p.txt", page)
    assert s.innovation_website_listed is True
    assert s.lead_innovation_officers == ["Bo", "Cy"]


def test_a_city_that_does_not_prioritise():
    s = parse_page("p.txt", synthetic_page(POLICY + "Synthville does not prioritise policy sectors."))
    assert (s.prioritises_policy_areas, s.policy_areas) == (False, [])


def test_long_or_full_stop_items_are_notes_not_policy_areas():
    note = "These are the areas the city names in its own words, not the survey's labels."
    s = parse_page("p.txt", synthetic_page(POLICY + "Housing\n" + note))
    assert s.policy_areas == ["Housing"] and s.policy_area_notes == [note]


def test_roles_and_team():
    roles = ("Synthville utilizes 2 different innovation skills or roles\n\nDesigner\nEngineer\n"
             "Innovation roles by number of cities\n\nThe work is led by the Chief Data Officer and 3 staff members. "
             "There is a team called LAB dedicated to testing ideas.")
    s = parse_page("p.txt", synthetic_page(roles))
    assert (s.roles_count, s.roles) == (2, ["Designer", "Engineer"])
    assert s.team is not None
    assert (s.team.led_by, s.team.staff) == ("Chief Data Officer", 3)
    assert [(t.name, t.purpose) for t in s.team.other_teams] == [("LAB", "testing ideas")]


def test_chart_furniture_and_repeats_are_not_items():
    s = parse_page("p.txt", synthetic_page("Critical success factors:\n  • Dedicated funding\n12 cities\n"
                                           "Factors by number of cities\n• Dedicated funding\nThis could include x"))
    assert s.success_factors == ["Dedicated funding"]


def test_data_availability_by_level():
    data = ("Data availability by policy area\n\nSufficient data\nWater\nHousing\nInsufficient data\n"
            "Transport/Mobility\nNo response\nHealth")
    s = parse_page("p.txt", synthetic_page(data))
    assert s.data_availability is not None
    assert (s.data_availability.sufficient, s.data_availability.insufficient,
            s.data_availability.no_response) == (["Water", "Housing"], ["Transport/Mobility"], ["Health"])
    assert s.complete is True
    assert parse_page("p.txt", synthetic_page(POLICY + "Housing")).complete is False


def test_measured_partners_are_split_on_commas_and_and():
    measured = "How is innovation measured?\n\nThe city measures in partnership with a university, a lab and residents."
    s = parse_page("p.txt", synthetic_page(measured))
    assert s.partners == ["a university", "a lab", "residents"]


def test_errors_name_the_line_and_the_fix():
    with pytest.raises(SnapshotError) as e:
        parse_page("p.txt", "")
    assert [problem(p, "en") for p in e.value.problems] == ["file: the file is empty — send the snapshot page text or JSON"]
    with pytest.raises(SnapshotError) as e:
        parse_page("p.txt", "Synthville\nPopulation\n5\nLead Innovation Officer\nAna")
    assert [problem(p, "en") for p in e.value.problems] == [
        "line 1: the city and country lines are missing above the first section — start the page with the city's "
        "name on one line and its country on the next"]
    with pytest.raises(SnapshotError) as e:
        parse_page("p.txt", "Population\n5\nSpotlight on innovation in Synthville\nText.")
    assert problem(e.value.problems[0], "en").startswith("line 1: the city and country lines are missing above the first "
                                               "section (its headings name the city “Synthville”)")
    with pytest.raises(SnapshotError) as e:
        parse_page("p.txt", "Synthville\nTestland\nPopulation\n5")
    assert "none of its section headings were found" in problem(e.value.problems[0], "en")


def test_the_same_page_through_the_one_door():
    page = synthetic_page(POLICY + "Housing")
    assert parse_bytes("p.txt", page.encode()).snapshot.policy_areas == ["Housing"]


def test_does_not_prioritise_without_a_full_stop():
    s = parse_page("p.txt", synthetic_page(POLICY + "Synthville Does Not Prioritise policy sectors"))
    assert (s.prioritises_policy_areas, s.policy_areas) == (False, [])


def test_a_long_item_or_a_sentence_is_a_note_each_on_its_own():
    long_item = "Areas the city names in its own words rather than the survey labels"  # 67 characters, no full stop
    s = parse_page("p.txt", synthetic_page(POLICY + f"Housing\n{long_item}\nSee below."))
    assert s.policy_areas == ["Housing"] and s.policy_area_notes == [long_item, "See below."]
    exactly_60 = "x" * 60
    assert parse_page("p.txt", synthetic_page(POLICY + exactly_60)).policy_areas == [exactly_60]


def test_roles_end_at_the_first_sentence_even_without_a_caption():
    roles = "Synthville utilizes 2 innovation skills or roles\n\nDesigner\nEngineer\nA team of two.\nArchitect"
    s = parse_page("p.txt", synthetic_page(roles))
    assert (s.roles_count, s.roles) == (2, ["Designer", "Engineer"])
    assert s.team is not None and s.team.description == "A team of two. Architect"
    assert parse_page("p.txt", synthetic_page("Innovation skills or roles\n\nDesigner")).roles_count is None


def test_a_verb_the_benchmark_does_not_know_is_kept():
    b = benchmark_from_sentence("approach", "Like 10% of cities surveyed, Synthville measures impact.", "Synthville")
    assert b == {"topic": "approach", "share": "10%", "sentence": "10% of cities surveyed measures impact."}


def test_the_approach_sentence_in_any_case():
    page = synthetic_page(VISION + "Synthville Approaches Innovation Capacity from a holistic/macro level.")
    assert parse_page("p.txt", page).approach == "from a holistic/macro level"


def test_a_title_with_no_name_after_it_names_no_leader():
    s = parse_page("p.txt", synthetic_page(head="Synthville\nTestland\nMayor"))
    assert (s.city, s.country, s.leader_title, s.leader) == ("Synthville", "Testland", "Mayor", None)
