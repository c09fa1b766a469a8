"""What the columns and values of an unknown export mean, read from their headers and values (invented exports):
a time "due by" ("Løs innen", "Svar innan") is a deadline and never the resolved time; a compound ending in the
resolution ("Faktisk slutt (Saksløsning)") is the resolved time; an SLA KPI's status (Vellykket / Ikke-kompatibel,
Succeeded / Noncompliant; Annullert: no verdict) is the SLA verdict; "Not set" is an empty cell; the words of the
states without a time of their own (cancelled, pending) gloss those states in every language the loader reads."""
from __future__ import annotations

from flows.tickets.flags import column_verdict, no_verdict
from flows.tickets.infer import infer_mapping, is_null
from flows.tickets.presets import normalise_status, status_gloss

HEADER = ["Saksnummer", "Kunde", "Prioritet", "Opprinnelse", "Status", "Opprettet", "Løs innen",
          "Status for løsnings-KPI", "Faktisk slutt (Saksløsning)"]


def _rows(n: int = 40) -> list[list[str | None]]:
    rows = []
    for i in range(n):
        day = 1 + i % 27
        done = i % 9 != 0
        rows.append([f"SAK-{5000 + i}", ("Aldal kommune", "Berg kommune")[i % 2], ("Høy", "Normal", "Lav")[i % 3],
                     ("Telefon", "E-post", "Web")[i % 3], "Løst" if done else "Aktiv",
                     f"2023-03-{day:02d} 08:{i % 60:02d}:00", f"2023-03-{day + 1:02d} 08:{i % 60:02d}:00",
                     ("Vellykket", "Ikke-kompatibel")[i % 2] if done else "Annullert",
                     f"2023-03-{day + 1 + i % 2:02d} 1{i % 10}:00:00" if done else None])
    return rows


def _chosen(inference) -> dict[str, str]:
    return {c.field: c.column for c in inference.choices}


def test_a_due_time_is_a_deadline_and_the_actual_end_is_the_resolution():
    chosen = _chosen(infer_mapping(HEADER, _rows()))
    assert chosen["resolved_at"] == "Faktisk slutt (Saksløsning)"
    assert "Løs innen" not in chosen.values()
    assert chosen["created_at"] == "Opprettet"


def test_a_kpi_status_is_the_sla_verdict_and_origin_the_channel():
    chosen = _chosen(infer_mapping(HEADER, _rows()))
    assert chosen["sla_met"] == "Status for løsnings-KPI"
    assert chosen["channel"] == "Opprinnelse"
    assert chosen["status"] == "Status"


def test_kpi_values_read_as_verdicts():
    assert column_verdict("Vellykket", False) is True
    assert column_verdict("Succeeded", False) is True
    assert column_verdict("Ikke-kompatibel", False) is False
    assert column_verdict("Noncompliant", False) is False
    assert column_verdict("Annullert", False) is None and no_verdict("Annullert")


def test_a_header_saying_within_is_no_completion_time():
    header = ["Ticket", "Created", "Svar innan", "Resolved"]
    rows = [[f"T{i}", f"2024-02-{1 + i % 20:02d} 09:00", f"2024-02-{2 + i % 20:02d} 09:00",
             f"2024-02-{3 + i % 20:02d} 10:00"] for i in range(30)]
    chosen = _chosen(infer_mapping(header, rows))
    assert chosen["resolved_at"] == "Resolved"
    assert chosen.get("first_response_at") != "Svar innan"


def test_not_set_is_an_empty_cell():
    assert is_null("Not set") and is_null("not set") and is_null("Ikke satt")
    assert not is_null("Nettverk")


def test_status_gloss_names_only_the_states_without_a_time():
    gloss = status_gloss()
    assert gloss["avvist"] == "cancelled" and gloss["rejected"] == "cancelled" and gloss["stalled"] == "pending"
    assert set(gloss.values()) == {"cancelled", "pending"}
    assert "løst" not in gloss and "lukket" not in gloss and "åpen" not in gloss
    # one vocabulary: the loader reads each glossed word as the state it glosses
    assert all(normalise_status(w) == s for w, s in gloss.items())
