"""The sentence next to a chosen one comes along only when it refers back to it ("Det utgjør 0,7 prosent av
budsjettet."), never when its pronoun is the article of a measure of its own ("Det samlede budsjettavviket for
tjenesteområdene er 7,8 millioner kroner"): an answer about one measure shows no figure of another. Invented
sentences in a table shaped like fct_report_prose_figure."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.prose import with_referents

SENTENCES = [
    ("a", 1, "Netto driftsresultat i prosent av driftsinntektene ble -2,4 prosent.", -2.4),
    ("b", 3, "Det samlede budsjettavviket for tjenesteområdene er 6,3 millioner kroner.", 6_300_000),
    ("c", 4, "Det utgjør 0,7 prosent av budsjettet.", 0.7),
    ("d", 7, "Skatteinngangen ble 318 millioner kroner.", 318_000_000),
    ("e", 8, "Dette er 4 prosent over landsgjennomsnittet.", 4.0),
    ("f", 11, "De samla utgiftene til pleie og omsorg var 91 millionar kroner.", 91_000_000),
    ("g", 12, "Det ble 12 færre plasser enn planlagt.", 12.0),
]


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    c.execute("create table fct_report_prose_figure (figure_id varchar, file_name varchar, page integer, line integer, "
              "text varchar, value double)")
    c.executemany("insert into fct_report_prose_figure values (?, 'rapport.txt', 1, ?, ?, ?)", SENTENCES)
    return c


def _shown(con, chosen: list[str]) -> set[str]:
    sql = f"select f.figure_id from fct_report_prose_figure as f where {with_referents(chosen)}"
    return {r[0] for r in con.execute(sql).fetchall()}


@pytest.mark.parametrize("chosen, shown", [
    (["b"], {"b", "c"}),  # the sentence after that refers back comes along; the one before, of another measure, not
    (["a"], {"a"}),  # "Det samlede budsjettavviket …" after it is a measure of its own
    (["d"], {"d", "e"}),
    (["f"], {"f"}),  # "De samla utgiftene …" refers to nothing before it
    (["g"], {"g"}),  # "Det ble 12 …": the empty subject of a statement of its own
])
def test_only_a_sentence_that_refers_back_comes_along(con, chosen, shown):
    assert _shown(con, chosen) == shown
