"""A Jira "all fields" export writes a multi-valued field as as many columns of the same name ("Fix Version/s"
three times, "Component/s" twice): the loader keeps them as ONE field with one row per value
(raw.ticket_attributes), also the cell a canonical field took, and each value traceable to its export row.
The expected values are read here from the invented CSV with Python's csv module."""
from __future__ import annotations

import csv
from collections import defaultdict

import duckdb
import pytest

from flows.tickets.attributes import attribute_names, repeated_columns
from flows.tickets.load import load_ticket_exports

HEADER = ["Summary", "Issue key", "Issue Type", "Status", "Priority", "Created", "Affects Version/s",
          "Affects Version/s", "Fix Version/s", "Fix Version/s", "Fix Version/s", "Component/s", "Component/s",
          "Labels"]
ROWS = [
    ["Login fails after upgrade", "ABC-1", "Bug", "Closed", "Critical", "02/Mar/21 9:15 AM", "1.0", "1.1",
     "1.2", "", "", "Auth", "Web", "login"],
    ["Printer queue stuck", "ABC-2", "Bug", "Resolved", "Minor", "03/Mar/21 10:00 AM", "1.1", "", "", "", "",
     "Print", "", ""],
    ["Vectorized export is slow", "ABC-3", "Task", "Open", "Major", "04/Mar/21 11:30 AM", "", "", "1.2", "2.0",
     "2.0.1", "", "", "perf"],
]


@pytest.fixture()
def export(tmp_path):
    path = tmp_path / "jira_all_fields.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER, *ROWS])
    return path


def _expected(path) -> dict[tuple[str, str], set[str]]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head, body = rows[0], rows[1:]
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in body:
        for i, name in enumerate(head):
            if head.count(name) > 1 and row[i]:
                out[(row[head.index("Issue key")], name)].add(row[i])
    return out


def test_repeated_headers_are_one_name():
    assert repeated_columns(["A", "B", "a ", "C", "B"]) == {"a": [0, 2], "b": [1, 4]}
    assert attribute_names(["Fix Version/s", "X", "Fix Version/s"], [0, 2]) == {0: "Fix Version/s", 2: "Fix Version/s"}


def test_a_multi_valued_field_of_repeated_columns_is_one_row_per_value(export):
    con = duckdb.connect()
    f = load_ticket_exports(con, [export]).files[0]
    assert f.status == "loaded" and f.preset == "jira", f.message
    got: dict[tuple[str, str], set[str]] = defaultdict(set)
    counts = {}
    for tid, attribute, value, n in con.execute(
            "select ticket_id, attribute, value, item_count from raw.ticket_attributes").fetchall():
        got[(tid, attribute)].add(value)
        counts[(tid, attribute)] = n
    expected = _expected(export)
    for key, values in expected.items():
        assert got[key] == values, key
        assert counts[key] == len(values), key  # item_count: the values the ticket has for the field
    # the first "Component/s" cell is the canonical subcategory, and still a value of the field
    assert con.execute("select subcategory from raw.tickets where ticket_id = 'ABC-1'").fetchone() == ("Auth",)
    assert got[("ABC-1", "Component/s")] == {"Auth", "Web"}
    # no positional names ("Fix Version/s (10)") are left
    assert not con.execute("select count(*) from raw.ticket_attributes where attribute like '%(%)'").fetchone()[0]
    # traceable: every value's ticket has its export row
    assert not con.execute("""select count(*) from raw.ticket_attributes a left join raw.tickets t
        on t.ticket_id = a.ticket_id and t.source_file = a.source_file where t.source_row is null""").fetchone()[0]
    con.close()
