"""The Saltillo page, parsed, against values read off the page by hand."""

from knowledge.parse import parse_path

from .conftest import SEED


def test_seed_parses_field_by_field():
    s = parse_path(SEED).snapshot
    assert s.city == "Saltillo"
    assert s.country == "Mexico"
    assert s.leader_title == "Mayor"
    assert s.leader == "Manolo Jiménez Salinas"
    assert (s.population.text, s.population.number, s.population.year) == ("709,671 (2010)", 709671, 2010)
    assert s.lead_innovation_officers == ["Javier Cesar Cardenas", "Ariel Dominguez"]
    assert s.helping_to == [
        "Improve internal government operations",
        "Save costs and improve efficiency within the public sector",
        "Simplify administrative procedures for firms and residents",
    ]
    assert s.success_factors == [
        "Focus on measurement", "Dedicated innovation team", "Human resource support", "Leadership from Mayor",
        "Culture of innovation in city", "Engagement with partners", "Support from outside city administration",
    ]
    assert s.spotlight.startswith("Saltillo recently has been implementing new ways to reach out")
    assert s.spotlight.endswith("to solve any problematic issues.")
    assert s.pdf_produced_in == 2019
    assert s.explicit_strategy is False
    assert s.approach == "in specific policy areas/domains"
    assert s.prioritises_policy_areas is True
    assert s.policy_areas == ["Economic Development", "Transport/Mobility"]
    assert s.roles_count == 3
    assert s.roles == ["Project manager", "Designer", "Communication officer"]
    assert s.team.led_by == "Chief Innovation Officer"
    assert s.team.staff == 4
    assert [(t.name, t.purpose) for t in s.team.other_teams] == [("IMPLAN", "the planning of the city")]
    assert s.terms == ["Human-centered design", "Big picture re-thinking"]
    assert [a.name for a in s.common_activities] == [
        "Promoting data-driven analytics / public data management",
        "Facilitating organizational change within the municipality",
        "Rethinking approaches to financing and partnerships",
    ]
    assert s.common_activities[0].examples == ["data storage/analytics", "open data", "big data"]
    assert s.common_activities[2].examples == ["new public-private-partnerships",
                                               "collaboration with neighboring jurisdictions"]
    assert s.activity_ranking == [
        "Taking risks or testing new ideas", "Data-driven analytics/public data management",
        "Engaging residents in new ways", "Developing new solutions based on digital technologies",
        "Organizational change within the municipality", "Human-centered design",
        "Rethinking your city's approach to financing partnerships",
    ]
    assert s.other_activities.startswith("Its innovation activities also include developing new solutions")
    assert s.dedicated_funding is True
    # "Municipal budget" appears twice on the page and a tooltip follows it: neither is a source.
    assert s.funding_sources == ["Higher levels of government", "Municipal budget"]
    # The "47 cities" / "79 cities" counts are survey-wide chart labels, not Saltillo's.
    assert s.funded_activities == ["Launching or sustaining a project", "Idea generation & brainstorming",
                                   "Investing in digital systems", "Investing in physical infrastructure",
                                   "Paying for services"]
    assert s.other_investments.startswith("Saltillo also invests in digital systems")
    assert s.partners == ["other public agencies", "private firms", "not-for-profit organizations",
                          "city residents/resident associations"]
    d = s.data_availability
    assert d.sufficient == ["Economic Development", "Housing and built environment", "Water", "Waste and sewage",
                            "Culture", "Social inclusion and equity", "Tourism"]
    assert d.insufficient == ["Transport/Mobility", "Policing and law enforcement",
                              "Environment and climate change", "Education"]
    # The page's last word carries the page number glued to it ("Digital governance4397").
    assert d.no_response == ["Health", "Labour market and skills", "Public works", "Digital governance"]
    assert s.complete is True
    assert s.source.file == "saltillo-mex.txt"


def test_seed_benchmarks_are_generalised_sentences():
    s = parse_path(SEED).snapshot
    assert [(b.topic, b.share, b.sentence) for b in s.benchmarks] == [
        ("strategy", "50%", "50% of cities surveyed do not have an explicit innovation strategy."),
        ("approach", "24%", "24% of cities surveyed approach innovation capacity in specific policy areas/domains."),
        ("funding", "81%", "81% of cities surveyed have dedicated funding to support innovation capacity."),
    ]


def test_page_that_stops_early_leaves_later_sections_unknown():
    text = SEED.read_text(encoding="utf-8").split("Vision and approach")[0]
    s = parse_path_text(text)
    assert s.leader == "Manolo Jiménez Salinas"
    assert s.explicit_strategy is None
    assert s.dedicated_funding is None
    assert s.data_availability is None
    assert s.complete is False


def test_page_with_city_manager_several_officers_and_no_policy_priorities():
    text = (
        "Testville\n\nUnited States\n\nCity Manager\n\nPat Example\n\nPopulation\n\n39,6990\n\n"
        "Lead Innovation Officers\n\nAna Uno, Bo Dos, Cy Tres\n\n"
        "Policy areas that Testville is focused on\n\nTestville does not prioritise policy sectors for innovation.\n\n"
        "Testville utilizes 1 innovation skill or role\n\nEngineer\nInnovation roles by number of cities\n"
    )
    s = parse_path_text(text)
    assert (s.city, s.leader_title, s.leader) == ("Testville", "City Manager", "Pat Example")
    assert (s.population.text, s.population.number) == ("39,6990", None)
    assert s.lead_innovation_officers == ["Ana Uno", "Bo Dos", "Cy Tres"]
    assert s.prioritises_policy_areas is False and s.policy_areas == []
    assert s.roles_count == 1 and s.roles == ["Engineer"]


def parse_path_text(text: str):
    from knowledge.parse import parse_bytes

    return parse_bytes("synthetic.txt", text.encode()).snapshot
