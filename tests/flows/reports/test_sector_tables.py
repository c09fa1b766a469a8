"""A table of sectors with one-word names ("Kultur", "Teknisk") whose sum row names them ("Sum sektorene") is the
organisation's own budget follow-up (statement "unit"), never a table of owner municipalities (statement
"cost_share"), which a table of place names with a plain sum row stays. Invented pages written as HTML files and read
by the accounts reader (`parse.parse_document`)."""
from __future__ import annotations

from flows.reports.parse import parse_document

PAGE = """<html><head><title>Årsmelding 2019 Prøvestad kommune</title></head><body>
<h1>Årsmelding 2019 Prøvestad kommune</h1><h2>Økonomi</h2>
<table><tr><th>(mill. kr)</th><th>Regnskap</th><th>Budsjett</th><th>Avvik</th></tr>
{rows}
</table></body></html>"""


def _statements(tmp_path, rows: list[tuple[str, str, str, str]]) -> dict[str, set[str]]:
    path = tmp_path / "prøvestad_arsmelding_2019.html"
    path.write_text(PAGE.format(rows="\n".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>"
                                               for a, b, c, d in rows)), encoding="utf-8")
    out: dict[str, set[str]] = {}
    for a in parse_document(path).accounts:
        out.setdefault(a.row_label, set()).add(a.statement)
    return out


def test_a_table_of_sectors_summed_as_sectors_is_the_organisations_own(tmp_path):
    rows = [("Sentraladm", "26,4", "27,4", "1,0"), ("Undervisning", "240,3", "233,3", "-7,0"),
            ("Kultur", "26,8", "27,6", "0,8"), ("Teknisk", "20,0", "23,0", "3,0"),
            ("Sum sektorene", "313,5", "311,3", "-2,2")]
    got = _statements(tmp_path, rows)
    assert set(got) == {r[0] for r in rows}
    assert all(s == {"unit"} for s in got.values()), got


def test_a_table_of_places_with_a_plain_sum_stays_a_cost_share(tmp_path):
    rows = [("Nordby", "26,4", "27,4", "1,0"), ("Sørvik", "240,3", "233,3", "-7,0"),
            ("Austre", "26,8", "27,6", "0,8"), ("Vestby", "20,0", "23,0", "3,0"),
            ("Sum", "313,5", "311,3", "-2,2")]
    got = _statements(tmp_path, rows)
    assert got["Nordby"] == {"cost_share"} and got["Vestby"] == {"cost_share"}, got
