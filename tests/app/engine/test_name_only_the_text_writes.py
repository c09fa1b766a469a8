"""A name no unit or organisation of the warehouse has, that a report's sentence writes beside the measure asked
("Hjemmetjenesten Vest melder om … et overforbruk på rundt 2 mill. kr."): that sentence answers, quoted as read from
the report text; a name the reports never write stays "the data holds nothing about it". Invented report, real
refresh."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORT = """# Nordby kommune – Månedsrapport økonomi juli 2031

Tall i 1000 kr.

Det er lite endringer fra forrige måned. Totalt er det innmeldinger om overforbruk på rundt 20 mill. kr.
Hjemmetjenesten Vest melder om en økning i tjenestebehovet som indikerer et overforbruk på rundt 2 mill. kr.
Veksten har flatet noe ut så prognosen er nedjustert fra forrige månedsrapport.
"""


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports({"nordby_kommune_manedsrapport_juli_2031.md": REPORT}, "name-in-text")


@pytest.mark.parametrize("question", ["Hvor stort overforbruk melder Hjemmetjenesten Vest i Nordby om i 2031?",
                                      "Kor stort overforbruk melder Heimetenesta Vest i Nordby om i 2031?"])
def test_the_sentence_writing_the_name_and_the_measure_answers(question, warehouse):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] == "ok", result["answer"]
    assert any(2_000_000 in row for row in result["rows"]), result["rows"]
    assert all(20_000_000 not in row for row in result["rows"])


def test_a_name_the_reports_never_write_stays_unknown(warehouse):
    result = ask("Hvor stort overforbruk melder Barnevernet Øst i Nordby om i 2031?", warehouse=warehouse,
                 engine="planner")
    assert result["status"] == "unanswerable", result["answer"]
