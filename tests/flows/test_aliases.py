"""The user alias file: parsed and validated by a pure loader; errors name the file, entry and field;
the refresh fingerprint changes when the file does."""
from __future__ import annotations

import duckdb
import pytest

from flows import ops
from flows.aliases import AliasFileError, load_aliases, parse_aliases
from flows.warehouse import load_user_aliases

GOOD = """
organisations:
  - {name: Eksempel kommune, type: kommune, aliases: [Eksempel, EK]}
  - name: Prøve IKS
units:
  - {name: Økonomi, organisation: Eksempel kommune, aliases: [Økonomienheten]}
ticket_providers:
  - {source_system: TOPdesk, provider: Prøve IKS}
  - {source_system: '*', provider: Økonomi}
misprints:
  - {unit: Økonomi, account_key: unit-sum-expenses, value_year: 2019, scenario_code: regnskap,
     printed_amount_nok: 42048000, expected_amount_nok: 50333000, note: lines add up to 50 333}
"""


def test_a_good_file_gives_rows_for_every_raw_user_table(tmp_path):
    aliases = parse_aliases(GOOD, tmp_path / "a.yaml")
    assert aliases.organisation_alias_rows() == [
        ("Eksempel kommune", "kommune", "Eksempel kommune"), ("Eksempel kommune", "kommune", "Eksempel"),
        ("Eksempel kommune", "kommune", "EK"), ("Prøve IKS", None, "Prøve IKS")]
    assert aliases.unit_alias_rows() == [("Økonomi", "Eksempel kommune", "Økonomi"),
                                         ("Økonomi", "Eksempel kommune", "Økonomienheten")]
    assert aliases.ticket_provider_rows() == [("topdesk", "Prøve IKS"), ("*", "Økonomi")]
    assert aliases.misprint_rows() == [("Økonomi", "unit-sum-expenses", 2019, "regnskap", 42048000.0,
                                        50333000, "lines add up to 50 333")]
    con = duckdb.connect()
    load_user_aliases(con, aliases)
    load_user_aliases(con, aliases)  # a reload replaces, never appends
    assert con.execute("select count(*) from raw.user_organisation_aliases").fetchone() == (4,)
    assert con.execute("select provider from raw.user_ticket_providers where source_system = '*'").fetchone() == ("Økonomi",)


def test_a_missing_file_means_no_aliases(tmp_path):
    aliases = load_aliases(tmp_path / "nope.yaml")
    assert not (aliases.organisations or aliases.units or aliases.ticket_providers or aliases.misprints)
    assert load_aliases(None).organisation_alias_rows() == []


@pytest.mark.parametrize("text, expected", [
    ("organisations:\n  - {name: X kommune, type: by}\n", r"organisations\[1\], field 'type': expected one of kommune"),
    ("organisations:\n  - {name: X}\n  - {aliases: [Y]}\n", r"organisations\[2\], field 'name': expected a non-empty text"),
    ("units:\n  - {name: A, alias: [B]}\n", r"units\[1\]: unknown field\(s\) alias; expected name, organisation, aliases"),
    ("units:\n  - {name: A, aliases: {b: 1}}\n", r"units\[1\], field 'aliases': expected a list of non-empty names"),
    ("ticket_providers:\n  - {source_system: '*', provider: A}\n  - {source_system: '*', provider: B}\n",
     r"source_system '\*' is given twice"),
    ("misprints:\n  - {unit: A, account_key: k, value_year: '2019', scenario_code: r, printed_amount_nok: 1}\n",
     r"misprints\[1\], field 'value_year': expected a whole number"),
    ("unit:\n  - {name: A}\n", r"unknown section\(s\) unit"),
    ("units: [\n", r"line \d+: not valid YAML"),
    ("units:\n  - just a name\n", r"units\[1\]: expected a mapping"),
])
def test_bad_entries_are_named_with_file_entry_and_field(tmp_path, text, expected):
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AliasFileError, match=expected) as info:
        load_aliases(path)
    assert str(info.value).startswith(str(path))


def test_an_edit_of_the_alias_file_changes_the_input_fingerprint(tmp_path):
    path = tmp_path / "aliases.yaml"
    none = ops.input_fingerprint(None, [], None, [], "duckdb", aliases_file=path)
    path.write_text(GOOD, encoding="utf-8")
    first = ops.input_fingerprint(None, [], None, [], "duckdb", aliases_file=path)
    path.write_text(GOOD.replace("EK]", "EKS]"), encoding="utf-8")
    second = ops.input_fingerprint(None, [], None, [], "duckdb", aliases_file=path)
    assert len({none, first, second}) == 3
    assert ops.input_fingerprint(None, [], None, [], "duckdb", aliases_file=path) == second
