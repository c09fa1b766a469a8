"""Header words and column kinds of exports invented here:
- two SLA verdict columns stated as phrases ("First Response Status" / "Resolution Status" = "Within SLA" / "SLA
  Violated"): the resolution one is the ticket's verdict, the response one no state (it stays a column of its own);
- an issue tracker's words: "Issue Type" the category, "Sub-Issue Type" the level below it, "Queue"/"Kø" the group,
  "Complete Date"/"Fullført dato" the resolved time, "Account"/"Company" the customer;
- a JSON export's bookkeeping ("project.$type", "reporter.$type": the serializer's class names, the same on every
  record) is never a dimension, so a custom field "Type" is the category.
Each expectation is what the invented header says, not what the loader printed."""
from __future__ import annotations

import pytest

from flows.tickets.infer import infer_mapping, technical_column


def _chosen(header, rows) -> dict[str, str]:
    inference = infer_mapping(header, rows)
    assert inference.refusal is None, inference.refusal
    return {c.field: c.column for c in inference.choices}


def _verdict_rows(n: int = 40) -> list[list[str]]:
    rows = []
    for i in range(n):
        done = "" if i % 9 == 0 else f"2025-03-{1 + i % 27:02d} 15:00"
        rows.append([f"T-{100 + i}", f"2025-03-{1 + i % 27:02d} 09:00", done, ("Klient > Skriver", "Nettverk::VPN")[i % 2],
                     ("Sikkerhet", "Drift")[i % 2], ("Nordvik kommune", "Sørvik kommune")[i % 2],
                     "Within SLA" if i % 4 else "SLA Violated",
                     "" if not done else ("Within SLA" if i % 3 else "SLA Violated"), f"{(i % 5) * 0.5:.1f}"])
    return rows


def test_a_first_response_verdict_is_no_status_and_the_resolution_verdict_is_the_sla():
    header = ["Ticket ID", "Created", "Complete Date", "Issue Type", "Queue", "Account", "First Response Status",
              "Resolution Status", "Total Hours Worked"]
    chosen = _chosen(header, _verdict_rows())
    assert chosen["sla_met"] == "Resolution Status"
    assert "status" not in chosen  # "Within SLA" is no state of a ticket
    assert "First Response Status" not in chosen.values()  # kept as a column of its own (the response's verdict)
    assert chosen["resolved_at"] == "Complete Date"
    assert chosen["category"] == "Issue Type"
    assert chosen["assignment_group"] == "Queue"
    assert chosen["customer_org"] == "Account"
    assert "Total Hours Worked" not in chosen.values()  # a measure, kept per ticket


def test_a_status_column_of_states_is_still_the_status_beside_a_verdict():
    header = ["Ticket ID", "Created", "Status", "Resolution Status"]
    rows = [[f"T-{i}", f"2025-01-{1 + i % 27:02d} 09:00", ("Open", "Closed", "Resolved")[i % 3],
             ("Within SLA", "SLA Violated")[i % 2]] for i in range(30)]
    chosen = _chosen(header, rows)
    assert chosen["status"] == "Status"
    assert chosen["sla_met"] == "Resolution Status"


@pytest.mark.parametrize("queue,done,customer", [("Kø", "Fullført dato", "Company"), ("Queue", "Completed", "Account")])
def test_queue_completion_and_company_words(queue, done, customer):
    header = ["Saksnr", "Opprettet", done, queue, customer, "Issue Type", "Sub-Issue Type"]
    rows = [[str(5000 + i), f"2024-05-{1 + i % 28:02d} 10:00", f"2024-06-{1 + i % 28:02d} 10:00",
             ("Sikkerhet", "Drift", "Nett")[i % 3], ("Austvik kommune", "Vestvik kommune")[i % 2],
             ("Klient", "Tilgang")[i % 2], ("Skriver", "PC", "Passord")[i % 3]] for i in range(45)]
    chosen = _chosen(header, rows)
    assert chosen["assignment_group"] == queue
    assert chosen["resolved_at"] == done
    assert chosen["customer_org"] == customer
    assert chosen["category"] == "Issue Type"
    assert chosen["subcategory"] == "Sub-Issue Type"


def test_an_api_bookkeeping_column_is_no_category():
    header = ["id", "created", "project.$type", "project.name", "reporter.$type", "Type", "Kommune"]
    rows = [[str(900 + i), f"2023-02-{1 + i % 27:02d}T10:00:00Z", "Project", "Support", "User",
             ("Feil", "Spørsmål", "Bestilling")[i % 3], ("Nordvik", "Sørvik", "Austvik")[i % 3]] for i in range(30)]
    chosen = _chosen(header, rows)
    assert chosen["category"] == "Type"
    assert chosen["customer_org"] == "Kommune"
    assert not any("$" in column for column in chosen.values())


@pytest.mark.parametrize("name,technical", [("project.$type", True), ("reporter.$type", True), ("@odata.etag", True),
                                            ("customFields.Type", False), ("Type", False), ("Sub-Issue Type", False)])
def test_technical_column_names(name, technical):
    assert technical_column(name) is technical


@pytest.mark.parametrize("header", ["First Response Status", "Svarfrist brutt"])
def test_a_first_response_verdict_alone_is_not_the_tickets_verdict(header):
    values = ("Within SLA", "SLA Violated") if "Status" in header else ("Nei", "Ja")
    rows = [[str(700 + i), f"2024-01-{1 + i % 27:02d} 10:00", f"2024-02-{1 + i % 27:02d} 10:00",
             ("Etne kommune", "Bokn kommune")[i % 2], values[i % 3 == 0]] for i in range(40)]
    chosen = _chosen(["Saksnr", "Opprettet", "Løst", "Kunde", header], rows)
    assert not {"sla_met", "sla_breached", "status"} & set(chosen)
