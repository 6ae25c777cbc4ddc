"""The 51 real records: all load, and a handful read field by field against the files."""

from knowledge.parse import parse_path
from knowledge.store import Store

from .conftest import RECORDS


def snap(name: str):
    return parse_path(RECORDS / name).snapshot


def test_every_record_loads():
    files = sorted(RECORDS.glob("*.json"))
    assert len(files) == 51
    assert all(parse_path(f).snapshot.city for f in files)


def test_store_holds_fifty_cities_with_versions(store: Store):
    cities = store.cities()
    assert len(cities) == 50
    assert len(cities["denver|united states"].versions) == 2
    assert len(cities["chattanooga|united states"].versions) == 2


def test_alexandria_city_manager():
    s = snap("alexandria-us--2017.json")
    assert (s.leader_title, s.leader) == ("City Manager", "Mark B. Jinks")
    assert s.success_factors[-1] == "Leadership from City Manager"
    assert s.roles_count == 1 and s.roles == ["Public policy analysts"]
    assert s.city_written() == {"roles": ["Public policy analysts"]}
    assert s.approach is None and s.benchmark("approach") is None
    assert s.benchmark("strategy").share == "50%"


def test_chelsea_population_typo_kept_as_text():
    p = snap("chelsea-us--unknown.json").population
    assert (p.text, p.number, p.year) == ("39,6990", None, None)


def test_chattanooga_population_without_year():
    p = snap("chattanooga-us--unknown.json").population
    assert (p.text, p.number, p.year) == ("180,557", 180557, None)


def test_rosario_does_not_prioritise_policy_sectors():
    s = snap("rosario-arg--2018.json")
    assert s.prioritises_policy_areas is False and s.policy_areas == []
    assert s.terms == ["Human-centered design", "Technological innovation"]
    assert s.innovation_website_listed is True


def test_sao_paulo_role_count_exceeds_named_roles():
    s = snap("sao-paulo-bra--2018.json")
    assert s.city == "São Paulo" and s.roles_count == 8 and s.roles is None


def test_fort_lauderdale_lacks_policy_areas_section():
    s = snap("fort-lauderdale-us--2018.json")
    assert s.policy_areas is None and s.prioritises_policy_areas is None
    assert s.dedicated_funding is None and s.complete is False


def test_benchmark_belongs_to_its_page_version():
    old, new = snap("chattanooga-us--2017.json"), snap("chattanooga-us--unknown.json")
    assert old.benchmark("strategy").sentence == "44% of cities surveyed have an explicit innovation strategy."
    assert new.benchmark("strategy").sentence == "50% of cities surveyed do not have an explicit innovation strategy."
    assert old.benchmark("approach").share == "40%" and new.benchmark("approach").share == "more than half"


def test_cape_town_city_written_policy_areas_kept():
    s = snap("cape-town-zaf--2011.json")
    assert s.policy_areas == ["Digital governance", "Social inclusion and equity", "Security",
                              "Resource efficiency", "Excellence in basic service delivery"]
    assert s.city_written()["policy_areas"] == ["Security", "Resource efficiency", "Excellence in basic service delivery"]


def test_denver_versions_one_city_newest_current(store: Store):
    city = store.cities()["denver|united states"]
    assert [v.snapshot.city for v in city.versions] == ["Denver", "Denver, CO"]
    assert city.current.city == "Denver, CO" and city.current.population.text == "716,492 (2018)"


def test_chattanooga_without_year_is_newer_by_arrival(store: Store):
    city = store.cities()["chattanooga|united states"]
    assert city.current.population.text == "180,557"
    assert city.versions[0].snapshot.population.text == "179,139 (2017)"
