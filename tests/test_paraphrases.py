"""Many phrasings of the same questions, as people type them: each answer must hold the stored facts.

Each row: the question, text the answer must contain, text it must not contain.
"""

import pytest

from .conftest import ascii_id

CASES = [
    ("saltillo's alcalde?", ["Manolo Jiménez Salinas"], []),
    ("Who heads the city government of Saltillo", ["Manolo Jiménez Salinas"], ["709,671"]),
    ("what's the pop. of saltillo", ["709,671 (2010)"], ["Manolo"]),
    ("how many residents does Saltillo have", ["709,671"], []),
    ("saltillo pupulation", ["709,671"], []),
    ("¿Quién lidera la innovación en Saltillo?", ["Javier Cesar Cardenas", "Ariel Dominguez"], ["Manolo"]),
    ("is there an innovation strategy in saltillo", ["No —", "50%"], []),
    ("¿Saltillo cuenta con una estrategia de innovación?", ["No —", "no tiene"], []),
    ("saltillo policy priorities", ["Economic Development", "Transport/Mobility"], []),
    ("¿Qué perfiles usa Saltillo?", ["Gestión de proyectos", "Diseño", "Comunicación"], []),
    ("What made innovation succeed in Saltillo?", ["Focus on measurement", "Engagement with partners"], []),
    ("where does the money come from in saltillo", ["Higher levels of government", "Municipal budget"], []),
    ("¿De dónde viene el dinero para innovación en Saltillo?", ["Otros niveles de gobierno"], []),
    ("does saltillo fund innovation", ["Yes —", "81%"], []),
    ("¿Saltillo tiene presupuesto para innovación?", ["Sí —", "81%"], []),
    ("In which areas does Saltillo lack data?", ["Transport/Mobility", "Education"], ["Tourism"]),
    ("Saltillo data gaps", ["Policing and law enforcement"], ["Tourism"]),
    ("¿En qué áreas le faltan datos a Saltillo?", ["Medio ambiente y cambio climático"], ["Agua"]),
    ("Which sectors have enough data in Saltillo?", ["Water", "Tourism"], ["Education"]),
    ("Which policy areas had no response in Saltillo?", ["Health", "Public works"], ["Water"]),
    ("what does innovation help saltillo do", ["Improve internal government operations"], []),
    ("¿Para qué le sirve la innovación a Saltillo?", ["Simplificar los trámites de empresas y residentes"], []),
    ("¿Qué palabras asocia Saltillo con la innovación?", ["Diseño centrado en las personas", "Repensar el panorama general"], []),
    ("saltillo ranking of activities", ["Taking risks or testing new ideas"], []),
    ("¿Cuál es la actividad de innovación principal de Saltillo?", ["Asumir riesgos o probar ideas nuevas"], []),
    ("how many people are on saltillo's innovation team", ["4 staff members"], ["709,671"]),
    ("¿Cuántas personas tiene el equipo de innovación de Saltillo?", ["4"], []),
    ("¿Qué sabes de Saltillo?", ["México", "Manolo Jiménez Salinas"], []),
    ("quien es el alcade de saltilo", ["Manolo Jiménez Salinas"], []),
    ("¿Quién es el alcalde de Gotham?", ["No tengo datos"], ["Manolo"]),
    ("mayor of Narnia", ["don't have data"], ["Manolo"]),
    ("Who leads innovation in Buenos Aires?", ["Andres Larre"], []),
    ("¿Cuántos habitantes tiene Buenos Aires?", ["2.890.000 habitantes (datos de 2016)"], []),
    ("¿Quién es la alcaldesa de Ciudad de México?", ["Claudia Sheinbaum Pardo"], []),
    ("compare London, Seoul and São Paulo on population", ["9,000,000", "9,780,000", "12,110,000"], []),
    ("Which cities prioritize housing?", ["Chattanooga", "Fort Collins", "Seattle"], []),
    ("Which cities mention resilience?", ["Anchorage", "Oakland"], []),
    ("Which cities use designers?", ["21 of the 50"], []),
    ("Which cities are led by a city manager?", ["Alexandria"], []),
    ("What is the smallest city in Mexico?", ["San Pedro Garza García"], []),
    ("Vienna's strategy", ["Yes —", "Vienna"], []),
    ("Does London have dedicated funding?", ["does not cover funding"], ["Yes", "No —"]),
]


@pytest.mark.parametrize(("question", "must", "must_not"), CASES, ids=[ascii_id(case[0]) for case in CASES])
def test_phrasing(ask, question, must, must_not):
    answer = ask(question)
    for text in must:
        assert text in answer, f"{question!r} -> {answer!r}"
    for text in must_not:
        assert text not in answer, f"{question!r} -> {answer!r}"
