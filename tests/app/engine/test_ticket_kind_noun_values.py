"""A kind of ticket named beside the export it is the noun of ("bestillinger (tjenesteforespørsler)" of an export named
<…>_bestillinger_<…>): when only another export holds a category of that kind («Tenesteførespurnad», a compound ending
in the noun), the words name the export's tickets, no filter no ticket of it can meet (which would answer 0). A kind of
ticket written in one export's file name ("hendelser", "incidents", "service requests" of <…>_hendelser_<…> and
<…>_bestillinger_<…>) names that export, in any of the languages; "log" as a verb names no event log. Every figure is
checked against SQL over the same rows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one
from tests.app.engine.conftest import write_ticket_warehouse

TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, created_at timestamptz, created_date date, category text, status text"""
UTC = timezone.utc
SOURCES = (("inferred_aa11bb22", "exports/fjellnett_bestillinger_2023-2024.csv", None),
           ("inferred_cc33dd44", "exports/skule_otobo_2022-2024.csv", ("Tenesteførespurnad", "Feil", "Spørsmål")),
           ("inferred_ee55ff66", "exports/fjellnett_ivanti_hendelser_2022-2024.xlsx", None))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows = []
    for s, (system, file, categories) in enumerate(SOURCES):
        for n in range(150):
            created = datetime(2023, 1, 4, 9, tzinfo=UTC) + timedelta(hours=97 * n + 3 * s)
            rows.append((f"{system}:{n}", str(n), system, file, "nord", None, created, created.date(),
                         categories[n % 3] if categories else None, "resolved"))
    return write_ticket_warehouse(tmp_path_factory.mktemp("kind-nouns") / "w.duckdb", TICKET_COLUMNS, rows, [], [],
                                  {"nord": "Nordvik kommune"})


@pytest.fixture(scope="module")
def organisations():
    return {"nord": ("Nordvik kommune", "Nordvik")}


@pytest.mark.parametrize("question, lang", [
    ("Hvor mange bestillinger (tjenesteforespørsler) kom inn i 2023?", "nb"),
    ("Kor mange bestillingar (tenesteførespurnader) kom inn i 2023?", "nn"),
])
def test_the_kind_of_the_export_named_is_its_tickets(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), getattr(found, "answer", None)
    expected = _one(con, f"select count(*) from fct_ticket where source_system = '{SOURCES[0][0]}' "
                         "and year(created_date) = 2023")
    assert expected > 0 and rows[0][-1] == expected, (found.sql, rows)


@pytest.mark.parametrize("question, lang, source", [
    ("Hvor mange hendelser kom inn i 2023?", "nb", 2),
    ("Kor mange hendingar vart registrerte i 2023?", "nn", 2),
    ("How many incidents did the service desk log in 2023?", "en", 2),
    ("How many service requests were received in 2023?", "en", 0),
])
def test_a_kind_written_in_one_exports_file_name_names_it(vocab, con, question, lang, source):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), getattr(found, "answer", None)
    expected = _one(con, f"select count(*) from fct_ticket where source_system = '{SOURCES[source][0]}' "
                         "and year(created_date) = 2023")
    assert expected > 0 and rows[0][-1] == expected, (found.sql, rows)


def test_one_export_naming_both_kinds_beside_plain_ones_is_not_named_by_either(tmp_path_factory):
    """<…>_incidents-requests_<…>.xlsx beside exports of plain tickets: the exports are not split by kind, so
    "requests" is every export's tickets."""
    import duckdb

    from tests.app.engine.conftest import vocabulary_over

    sources = (("inferred_01", "exports/nordby_easyvista_incidents-requests_2023.xlsx"),
               ("inferred_02", "exports/sorby_saker_2023.csv"))
    rows = [(f"{system}:{n}", str(n), system, file, "nord", None,
             datetime(2023, 2, 1, 9, tzinfo=UTC) + timedelta(hours=50 * n), None, None, "resolved")
            for system, file in sources for n in range(60)]
    rows = [r[:7] + (r[6].date(),) + r[8:] for r in rows]
    path = write_ticket_warehouse(tmp_path_factory.mktemp("both-kinds") / "w.duckdb", TICKET_COLUMNS, rows, [], [],
                                  {"nord": "Nordvik kommune"})
    con = duckdb.connect(str(path), read_only=True)
    vocab = vocabulary_over(con, {"nord": ("Nordvik kommune", "Nordvik")})
    found, cols, got = _ask("How many requests were raised in 2023?", vocab, con, "en")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    assert any(r[-1] == 120 for r in got), got  # every export's tickets (one figure, or the sum of the exports')
