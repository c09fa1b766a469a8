"""The user's unit alias file: beside the reports folder by default, validated with the line named."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.reports.aliases import AliasFileError, alias_path, read_aliases



def test_default_path_is_beside_the_reports_folder(tmp_path):
    assert alias_path(tmp_path / "reports", None) == tmp_path / "unit_aliases.csv"
    assert alias_path(tmp_path / "reports", tmp_path / "mine.csv") == tmp_path / "mine.csv"
    assert read_aliases(tmp_path / "missing.csv") == []


def test_rows_are_read_and_defaults_filled(tmp_path):
    path = tmp_path / "unit_aliases.csv"
    path.write_text("alias,unit_key,unit_name,organisation\nLønn,lonn,,\nIT,it-tjenesten,IT-tjenesten,Eksempel kommune\n",
                    encoding="utf-8")
    assert read_aliases(path) == [
        {"alias": "Lønn", "unit_key": "lonn", "unit_name": "Lønn", "organisation": None},
        {"alias": "IT", "unit_key": "it-tjenesten", "unit_name": "IT-tjenesten", "organisation": "Eksempel kommune"},
    ]


def test_a_bad_row_names_its_line(tmp_path):
    path = tmp_path / "unit_aliases.csv"
    path.write_text("alias,unit_key\nLønn,lonn\n,tom\n", encoding="utf-8")
    with pytest.raises(AliasFileError, match="line 3"):
        read_aliases(path)
