"""Headers of an unknown export (invented here) that say a time is a limit, or a column is the team a ticket is with:
a date headed as the latest time allowed or when it falls due ("MAX_RESOLUTION_DATE_UT", "Forfallsdato", "Target
date") is never the resolved or closed time, and is the deadline its SLA is measured against; the actual end
("END_DATE_UT") is the completion. A compound ending in a team or group ("Eierteam", "Behandlerteam",
"Supportgruppe", "Løsergruppe") or "Ansvarlig team" is the assignment group; "Max" in any other header says nothing."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.tickets.infer import infer_mapping, sla_role, word_weight

START = dt.datetime(2024, 3, 4, 8, 0)


def _rows(n: int = 40) -> list[list[str | None]]:
    rows = []
    for i in range(n):
        created = START + dt.timedelta(hours=5 * i)
        limit = created + dt.timedelta(hours=(4, 8, 24, 72)[i % 4])
        end = created + dt.timedelta(hours=1 + i % 30)
        rows.append([f"I2403{1000 + i}", created.strftime("%d/%m/%Y %H:%M:%S"), limit.strftime("%d/%m/%Y %H:%M:%S"),
                     end.strftime("%d/%m/%Y %H:%M:%S"), ("Closed", "Resolved", "Cancelled")[i % 3],
                     ("Servicedesk", "Drift", "Applikasjon")[i % 3], str(1 + i % 4)])
    return rows


def _chosen(header: list[str]) -> dict[str, str]:
    return {c.field: c.column for c in infer_mapping(header, _rows()).choices}


@pytest.mark.parametrize("limit", ["MAX_RESOLUTION_DATE_UT", "Maks løsningstidspunkt", "Forfallsdato", "Target date",
                                   "Resolve Due", "Løsningsfrist", "SLA due"])
def test_a_limit_time_is_never_the_completion_and_the_actual_end_is(limit):
    chosen = _chosen(["RFC_NUMBER", "SUBMIT_DATE_UT", limit, "END_DATE_UT", "STATUS_EN", "Eierteam", "URGENCY_ID"])
    assert limit not in (chosen.get("resolved_at"), chosen.get("closed_at"), chosen.get("first_response_at"))
    assert chosen["created_at"] == "SUBMIT_DATE_UT"
    assert "END_DATE_UT" in (chosen.get("resolved_at"), chosen.get("closed_at"))


@pytest.mark.parametrize("limit", ["MAX_RESOLUTION_DATE_UT", "Maks løsningstid", "Forfallsdato", "Target date"])
def test_a_limit_time_is_the_deadline_of_the_sla(limit):
    dates = [r[2] for r in _rows()]
    assert sla_role(limit, dates) == "resolution_deadline"


def test_max_in_another_header_is_no_limit():
    assert sla_role("Max users", ["12", "40"]) is None
    assert word_weight("priority", "max") == 0  # "Max" alone names no field


@pytest.mark.parametrize("team", ["Eierteam", "Behandlerteam", "Supportgruppe", "Løsergruppe", "Ansvarlig team"])
def test_a_compound_ending_in_a_team_or_group_is_the_assignment_group(team):
    chosen = _chosen(["RFC_NUMBER", "SUBMIT_DATE_UT", "Løsningsfrist", "END_DATE_UT", "STATUS_EN", team, "URGENCY_ID"])
    assert chosen.get("assignment_group") == team


@pytest.mark.parametrize("word", ["kundeteam", "brukergruppe", "steam"])
def test_a_team_of_the_senders_is_no_assignment_group_word(word):
    assert word_weight("assignment_group", word) == 0
