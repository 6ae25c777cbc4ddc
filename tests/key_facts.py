"""The bundled cities' key facts, written down once from knowledge/data/ without the code under test.

Read off the raw records (json.load of knowledge/data/cities/*.json, each city's newest page: "Denver,
CO" of 2018, Chattanooga's page without a population year) and, for Saltillo, off the page text by
hand. These are the expected values of tests/test_key_facts.py; if a record changes, change this
table by hand, never by running the bot.
"""

from __future__ import annotations

from typing import NamedTuple


class Key(NamedTuple):
    city: str
    country: str
    title: str  # leader_title
    leader: str
    population: str  # as the page states it
    officers: list[str] | None
    policy_areas: list[str] | None  # [] = the city does not prioritise policy sectors; None = not covered
    strategy: bool | None  # explicit innovation strategy


KEY_FACTS: list[Key] = [
    Key('Akron', 'United States', 'Mayor', 'Daniel Horrigan', '197,846 (2017)', ['Heather Roszczyk'], ['Economic Development', 'Ecosystem Development'], True),
    Key('Alexandria', 'United States', 'City Manager', 'Mark B. Jinks', '160,035 (2017)', ['Greg Useem'], ['Policing and law enforcement', 'Transport/Mobility'], False),
    Key('Anchorage', 'United States', 'Mayor', 'Ethan Berkowitz', '298,192 (2016)', ['Brendan Babb'], ['Social welfare/social services', 'Resilience'], False),
    Key('Atlanta', 'United States', 'Mayor', 'Keisha Lance Bottoms', '486,290 (2004)', ['Matthew Bartleet'], [], False),
    Key('Aurora', 'United States', 'Mayor', 'Richard C. Irvin', '201,110 (2016)', ['Adrienne Holloway'], ['Economic Development', 'Education'], False),
    Key("Be'er Sheva", 'Israel', 'Mayor', 'Ruvik Danilovich', '207,551 (2017)', ['Vered Goshen'], ['Digital governance', 'Education'], False),
    Key('Buenos Aires', 'Argentina', 'Mayor', 'Horacio Rodriguez Larreta', '2,890,000 (2016)', ['Andres Larre'], [], True),
    Key('Cape Town', 'South Africa', 'Mayor', 'Dan Plato', '3,740,026 (2011)', ['Craig Kesson'], ['Digital governance', 'Social inclusion and equity', 'Security', 'Resource efficiency', 'Excellence in basic service delivery'], True),
    Key('Chattanooga', 'United States', 'Mayor', 'Andy Berke', '180,557', ['Tim Moreland'], ['Housing', 'Transport/Mobility', 'Homelessness'], False),
    Key('Chelsea', 'United States', 'Mayor', 'Thomas G. Ambrosino', '39,6990', ['Jessica Kahlenberg'], ['Economic Development'], False),
    Key('Chicago', 'United States', 'Mayor', 'Lori Lightfoot', '2,700,000 (2016)', ['Chris Wheat'], ['Digital governance', 'Policing and law enforcement'], False),
    Key('Cincinnati', 'United States', 'Mayor', 'John Cranley', '301,301 (2017)', ['Nicollette Staton'], ['Policing and law enforcement', 'Blight'], True),
    Key('Denver, CO', 'United States', 'Mayor', 'Michael Hancock', '716,492 (2018)', ['Melissa Wiley'], ['Transport/Mobility', 'Health', 'Social welfare/social services'], True),
    Key('Durham', 'United States', 'Mayor', 'Steve Schewel', '267,743 (2017)', ['Ryan Smith'], ['Social inclusion and equity', 'Transport/Mobility'], True),
    Key('Fort Collins', 'United States', 'Mayor', 'Wade Troxell', '165,080 (2017)', ['Sean Carpenter'], ['Economic Development', 'Housing'], False),
    Key('Fort Lauderdale', 'United States', 'Mayor', 'Dean J. Trantalis', '182,827 (2018)', ['Aricka Johnson'], None, False),
    Key('Georgetown', 'United States', 'Mayor', 'Dale Ross', '70,685 (2017)', ['Christina Richison'], ['Public works', 'Electric Utility'], True),
    Key('Godoy Cruz', 'Argentina', 'Mayor', 'Tadeo Garcia Zalazar', '205,537 (2019)', ['Diego Rivera'], ['Digital governance', 'Environment and climate change'], True),
    Key('Lisbon', 'Portugal', 'Mayor', 'Fernando Medina', '547,733 (2011)', ['Ana Margarida Figueiredo', 'Ana Sofia Aníbal'], ['Transport/Mobility', 'Economic Development'], True),
    Key('London', 'United Kingdom', 'Mayor', 'Sadiq Khan', '9,000,000 (2019)', ['Theo Blackwell', 'Michael Hurwitz'], ['Transport/Mobility', 'Digital governance'], False),
    Key('Mexico City', 'Mexico', 'Mayor', 'Claudia Sheinbaum Pardo', '9,209,944 (2020)', ['Antonio Peña Merino'], ['Connectivity', 'Data-driven decision-making'], True),
    Key('Miami', 'United States', 'Mayor', 'Francis X. Suarez', '463,347 (2017)', ['Mike Sarasti'], [], True),
    Key('Mobile', 'United States', 'Mayor', 'Sandy Stimpson', '190,265 (2017)', ['Terrance Smith'], ['Blight', 'Economic Development'], False),
    Key('Montreal', 'Canada', 'Mayor', 'Valérie Plante', '1,820,000 (2017)', ['Stéphane Guidoin'], ['Transport/Mobility', 'Social welfare/social services'], True),
    Key('New York City', 'United States', 'Mayor', 'Bill de Blasio', '8,620,000 (2017)', ['Matthew Klein'], ['Social welfare/social services', 'Policing and law enforcement'], False),
    Key('Oakland', 'United States', 'Mayor', 'Libby Schaaf', '425,195 (2017)', ['Daniel Hamilton'], ['Environment and climate change', 'Resilience'], False),
    Key('Oklahoma City', 'United States', 'Mayor', 'David Holt', '643,648 (2017)', ['Steve Hill'], ['Transport/Mobility', 'Health'], False),
    Key('Pelotas', 'Brazil', 'Mayor', 'Paula Schid Mascarenhas', '342,405 (2019)', ['Diego Knnor', 'Cristian Kuster'], ['Economic Development', 'Digital governance'], True),
    Key('Philadelphia', 'United States', 'Mayor', 'Jim Kenney', '1,580,000 (2017)', ['Anjali Chainani', 'Andrew Buss'], ['Homeless Services', 'Waste and Litter'], True),
    Key('Portland, ME', 'United States', 'Mayor', 'Kate Snyder', '66,882 (2017)', ['Lena Geraghty'], ['Transport/Mobility', 'Environment and climate change'], False),
    Key('Providence', 'United States', 'Mayor', 'Jorge Elorza', '180,393 (2017)', ['Emmanuel Echevarria'], [], False),
    Key('Quillota', 'Chile', 'Mayor', 'Luis Mella Gajardo', '85,262 (2012)', ['Ximena Valdivieso Arza'], ['Transport/Mobility', 'Social inclusion and equity'], True),
    Key('Riverside', 'United States', 'Mayor', 'Rusty Bailey', '327,728 (2017)', ['Prasad Mahale'], ['Economic Development'], False),
    Key('Rochester', 'United States', 'Mayor', 'Lovely Warren', '208,046 (2017)', ['Henry Fitts'], ['Transport/Mobility', 'Economic Development'], False),
    Key('Rosario', 'Argentina', 'Mayor', 'Pablo Javkin', '995,000 (2018)', ['German Giro'], [], True),
    Key('Saint Paul', 'United States', 'Mayor', 'Melvin Carter', '306,621 (2017)', ['Tarek Tomes'], ['Digital governance'], True),
    Key('Saltillo', 'Mexico', 'Mayor', 'Manolo Jiménez Salinas', '709,671 (2010)', ['Javier Cesar Cardenas', 'Ariel Dominguez'], ['Economic Development', 'Transport/Mobility'], False),
    Key('San Jose', 'United States', 'Mayor', 'Sam Liccardo', '1,050,000 (2017)', ['Shireen Santosham'], ['Transport/Mobility', 'Broadband and digital inclusion'], True),
    Key('San Pedro Garza García', 'Mexico', 'Mayor', 'Miguel B. Treviño De Hoyos', '123,156 (2015)', ['Dinorah Cantú-Pedraza', 'David Ramos'], ['Policing and law enforcement', 'Digital governance'], True),
    Key('São Paulo', 'Brazil', 'Mayor', 'Bruno Covas', '12,110,000 (2018)', ['Daniel Annenberg'], ['Digital governance', 'Education'], False),
    Key('Scottsdale, AZ', 'United States', 'Mayor', 'W. J. "Jim" Lane', '255,310 (2018)', ['Brent Stockwell'], ['Social welfare/social services', 'Digital governance'], False),
    Key('Seattle', 'United States', 'Mayor', 'Jenny Durkan', '730,400 (2018)', ['Tina Walha'], ['Transport/Mobility', 'Housing'], False),
    Key('Seoul', 'Korea', 'Mayor', 'Wonsoon Park', '9,780,000 (2017)', ['Hyo Kwan Jeon'], ['Environment and climate change', 'Social welfare/social services'], True),
    Key('South Bend', 'United States', 'Mayor', 'Pete Buttigieg', '102,245 (2017)', ['Denise Linn Riedl (current)', 'Santiago Garces (at time of 2018 survey)'], ['Economic Development', 'Digital governance'], True),
    Key('Tallahassee, FL', 'United States', 'Mayor', 'John Dailey', '193,000 (2018)', ['Christian Doolin', 'Tim Davis'], ['Economic Development', 'Labour market and skills'], False),
    Key('Tulsa', 'United States', 'Mayor', 'G. T. Bynum', '403,090 (2016)', ['James Wagner'], ['Social inclusion and equity'], True),
    Key('Vienna', 'Austria', 'Mayor', 'Michael Ludwig', '1,900,000 (2016)', ['Christian Wurm'], [], True),
    Key('Virginia Beach', 'United States', 'Mayor', 'Robert M. "Bobby" Dyer', '450,435 (2017)', ['Neva White'], [], False),
    Key('Wellington', 'New Zealand', 'Mayor', 'Justin Lester', '207,900 (2016)', ['Sean Audain'], ['Social inclusion and equity', 'City resilience'], False),
    Key('Winston-Salem, NC', 'United States', 'Mayor', 'Allen Joines', '243,447 (2018)', ['Meridith Martin'], [], False),
]

# Policy area -> the cities focused on it. Seoul's page says "Social welfare and social services": the import maps
# that near miss onto the survey's "Social welfare/social services" by design (README), so both tables say so.
POLICY_AREAS: dict[str, list[str]] = {
    'Blight': ['Cincinnati', 'Mobile'],
    'Broadband and digital inclusion': ['San Jose'],
    'City resilience': ['Wellington'],
    'Connectivity': ['Mexico City'],
    'Data-driven decision-making': ['Mexico City'],
    'Digital governance': ["Be'er Sheva", 'Cape Town', 'Chicago', 'Godoy Cruz', 'London', 'Pelotas', 'Saint Paul', 'San Pedro Garza García', 'Scottsdale, AZ', 'South Bend', 'São Paulo'],
    'Economic Development': ['Akron', 'Aurora', 'Chelsea', 'Fort Collins', 'Lisbon', 'Mobile', 'Pelotas', 'Riverside', 'Rochester', 'Saltillo', 'South Bend', 'Tallahassee, FL'],
    'Ecosystem Development': ['Akron'],
    'Education': ['Aurora', "Be'er Sheva", 'São Paulo'],
    'Electric Utility': ['Georgetown'],
    'Environment and climate change': ['Godoy Cruz', 'Oakland', 'Portland, ME', 'Seoul'],
    'Excellence in basic service delivery': ['Cape Town'],
    'Health': ['Denver, CO', 'Oklahoma City'],
    'Homeless Services': ['Philadelphia'],
    'Homelessness': ['Chattanooga'],
    'Housing': ['Chattanooga', 'Fort Collins', 'Seattle'],
    'Labour market and skills': ['Tallahassee, FL'],
    'Policing and law enforcement': ['Alexandria', 'Chicago', 'Cincinnati', 'New York City', 'San Pedro Garza García'],
    'Public works': ['Georgetown'],
    'Resilience': ['Anchorage', 'Oakland'],
    'Resource efficiency': ['Cape Town'],
    'Security': ['Cape Town'],
    'Social inclusion and equity': ['Cape Town', 'Durham', 'Quillota', 'Tulsa', 'Wellington'],
    'Social welfare/social services': ['Anchorage', 'Denver, CO', 'Montreal', 'New York City', 'Scottsdale, AZ', 'Seoul'],
    'Transport/Mobility': ['Alexandria', 'Chattanooga', 'Denver, CO', 'Durham', 'Lisbon', 'London', 'Montreal', 'Oklahoma City', 'Portland, ME', 'Quillota', 'Rochester', 'Saltillo', 'San Jose', 'Seattle'],
    'Waste and Litter': ['Philadelphia'],
}

# Critical success factor -> how many cities name it (the records' counts, plus Saltillo's seven off its page).
SUCCESS_FACTORS: dict[str, int] = {
    'Leadership from Mayor': 41, 'Dedicated innovation team': 39, 'Focus on measurement': 34,
    'Culture of innovation in city': 33, 'Dedicated funding': 31, 'Support from outside city administration': 27,
    'Engagement with partners': 14, 'Human resource support': 12, 'Leadership from City Manager': 3,
    'Dedicated innovation staff position': 1,
}


# The survey's policy areas as a Spanish reader is shown them, written down by hand (city-written areas stay
# as the city wrote them).
SPANISH_POLICY_AREAS: dict[str, str] = {
    'Economic Development': 'Desarrollo económico', 'Transport/Mobility': 'Transporte y movilidad',
    'Digital governance': 'Gobierno digital', 'Policing and law enforcement': 'Seguridad y policía',
    'Social inclusion and equity': 'Inclusión social y equidad', 'Social welfare/social services': 'Bienestar y servicios sociales',
    'Education': 'Educación', 'Environment and climate change': 'Medio ambiente y cambio climático', 'Housing': 'Vivienda',
    'Housing and built environment': 'Vivienda y entorno construido', 'Health': 'Salud', 'Culture': 'Cultura',
    'Water': 'Agua', 'Waste and sewage': 'Residuos y saneamiento', 'Tourism': 'Turismo',
    'Labour market and skills': 'Mercado laboral y competencias', 'Public works': 'Obras públicas',
}


def spanish_population(written: str) -> str:
    """'197,846 (2017)' as the Spanish answer words it: '197.846 habitantes (datos de 2017)'."""
    number, _, year = written.partition(" (")
    if not year:
        return f"{number.replace(',', '.')} habitantes"
    return f"{number.replace(',', '.')} habitantes (datos de {year.rstrip(')')})"
