"""What the question engine keeps between questions gives the answers a fresh computation gives: the unit
alias index, the label index's prefix/typo lookup, the bound wrapper SQL per warehouse version, and one
time-limit thread instead of one per query."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import duckdb
import pytest
from rapidfuzz import fuzz, process

from app.engine.guard import QueryTimeout, remembered_lookup, run_readonly
from app.engine.planner import FUZZY_THRESHOLD, INFLECTIONS, UnitRef, _fuzzy_alias, _word_set, find_units
from app.engine.text import normalise
from app.engine.wordforms import LabelIndex, nynorsk_forms, term_present, words


def _scan_alias(gram: str, aliases: dict[str, UnitRef]) -> UnitRef | None:
    """The fuzzy alias rule as a plain scan of the aliases in their order (the reference)."""
    if len(gram) < 5:
        return None
    words_ = _word_set(gram)
    if len(words_) >= 2:
        for alias, ref in aliases.items():
            if _word_set(alias) == words_:
                return ref
    n_words = gram.count(" ")
    same_shape = [a for a in aliases if a.count(" ") == n_words and abs(len(a) - len(gram)) <= 3]
    hit = process.extractOne(gram, same_shape, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD * 100)
    if hit is not None:
        return aliases[hit[0]]
    if n_words == 0:
        for alias, ref in aliases.items():
            if " " not in alias and len(alias) >= 4 and gram.startswith(alias) and gram[len(alias):] in INFLECTIONS:
                return ref
        for alias, ref in aliases.items():
            if " " not in alias and len(alias) >= 8 and gram[:len(alias) - 1] == alias[:-1] \
                    and len(gram) - len(alias) <= 4:
                return ref
    return None


ALIASES = {a: UnitRef(k, n) for a, k, n in [
    ("økonomienhet", "oko", "Økonomienheten"), ("økonomi", "oko2", "Økonomi"), ("vr regnskap og lønn", "vr", "VR"),
    ("vr innkjøp", "vri", "VR innkjøp"), ("hr-enheten", "hr", "HR-enheten"), ("eksempelby kommune", "eb", "Eksempelby"),
    ("kommunedirektør", "kd", "Kommunedirektør"), ("kommunedirektøren", "kd2", "Kommunedirektøren"),
    ("skoleetaten", "sk", "Skoleetaten"), ("skoleetat", "sk2", "Skoleetat"), ("it", "it", "IT"),
]}
GRAMS = ["økonomienheten", "økonomienheita", "økonomiens", "vr lønn/regnskap", "vr innkjop", "hr-enheta",
         "eksempelby kommunes", "kommunedirektørens", "kommunedirektøren", "skoleetatens", "skoleetaten", "skoleetata",
         "vr lønn og regnskap", "lønn", "itavdelingen", "eksempelbyen kommune", "ingenting her", "økonomienhe"]


@pytest.mark.parametrize("gram", GRAMS)
def test_alias_index_finds_what_a_scan_of_the_aliases_finds(gram):
    assert _fuzzy_alias(gram, ALIASES) == _scan_alias(gram, ALIASES)


def test_find_units_remembered_per_text_gives_fresh_lists():
    first = find_units("sykefravær økonomienheten og vr innkjøp 2020", ALIASES)
    assert [u.unit_key for u in first[0]] == ["vri", "oko"]  # the longest names first
    first[0].clear()  # a caller changing its lists does not change the next answer
    again = find_units("sykefravær økonomienheten og vr innkjøp 2020", ALIASES)
    assert [u.unit_key for u in again[0]] == ["vri", "oko"]
    other = dict(ALIASES)
    del other["vr innkjøp"]
    assert [u.unit_key for u in find_units("sykefravær økonomienheten og vr innkjøp 2020", other)[0]] == ["oko"]


LABELS = ["Lønn og sosiale utgifter", "Sum driftsinntekter", "Netto driftsresultat", "Rammetilskudd",
          "Inntekts- og formuesskatt", "Avskrivninger", "Sjukefråvær", "Kjøp av varer og tenester", "Lånegjeld",
          "Eiendomsskatt", "Overføringer og tilskudd til andre", "Interessekapital", "Driftsutgifter"]
QUESTIONS = ["lønnsutgifter 2020", "driftsinntektene i fjor", "netto driftsresultatet", "rammetilskot 2021",
             "sykefraværet", "avskrivningene", "eiendomskatt", "interesekapitalen", "driftsutgiftene per innbygger",
             "tilskuddet til andre", "kjøp av varer og tjenester", "lånegjelda", "formueskatt"]


@pytest.mark.parametrize("question", QUESTIONS)
def test_label_index_finds_the_terms_a_test_of_every_term_finds(question):
    index = LabelIndex(LABELS)
    terms = index.terms(question)
    scanned = [t for t in index._by_term if t not in terms.all and term_present(t, terms)]
    assert index._near_terms(terms) == scanned


def test_one_time_limit_thread_for_many_queries(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select range as i from range(10)")
    run_readonly(path, "select count(*) from t", timeout_s=5)
    before = threading.active_count()
    for _ in range(20):
        assert run_readonly(path, "select count(*) from t", timeout_s=5)[1] == [(10,)]
    assert threading.active_count() == before
    with pytest.raises(QueryTimeout):  # and the one thread still stops a query past its limit
        run_readonly(path, "select count(*) from range(100000000000) as a(x) where x % 7 = 3", timeout_s=0.3)


def test_a_new_warehouse_version_is_bound_afresh(tmp_path: Path):
    """The wrapper SQL (which cells to cut) is remembered per file version: a rebuilt file whose column
    became text still has its long cells cut."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select 1 as v")
    assert run_readonly(path, "select v from t", max_cell_chars=10)[1] == [(1,)]
    time.sleep(0.01)
    os.remove(path)
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select repeat('x', 50) as v")
    rows = run_readonly(path, "select v from t", max_cell_chars=10)[1]
    assert rows == [("x" * 9 + "…",)]


@pytest.mark.parametrize("question", QUESTIONS)
def test_label_matches_remembered_per_terms_are_a_fresh_index_s(question):
    index = LabelIndex(LABELS)
    first = index.match(index.terms(question), 0.5)
    first.clear()  # a caller changing its list does not change the next answer
    again = index.match(index.terms(question), 0.5)  # equal terms, another object: the remembered matches
    fresh = LabelIndex(LABELS)
    assert again == fresh.match(fresh.terms(question), 0.5)
    assert index.match(index.terms(question), 1.0) == fresh.match(fresh.terms(question), 1.0)  # per parameters


def test_word_lookups_remembered_give_fresh_lists():
    split = words("A/B-hendelser i 2. kvartal")
    assert split == ["a", "b", "hendelser", "i", "2", "kvartal"]
    split.clear()
    assert words("A/B-hendelser i 2. kvartal") == ["a", "b", "hendelser", "i", "2", "kvartal"]
    forms = nynorsk_forms("sykefravær")
    assert "sjukefravær" in forms and "sykefråvær" in forms
    forms.clear()
    assert "sjukefravær" in nynorsk_forms("sykefravær")
    assert normalise("Molde’s Budsjett – 2020!") == "molde budsjett - 2020"


def test_a_lookup_is_read_again_when_the_warehouse_changes(tmp_path: Path):
    """A lookup's rows are remembered per file version: the same lookup again runs no query, and a rebuilt file
    is read afresh."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select 1 as v")
    ran = []

    def run(sql):
        ran.append(sql)
        columns, rows = run_readonly(path, sql)
        return sql, columns, rows

    sql = "select v from t order by v"
    assert remembered_lookup(path, sql, run)[2] == [(1,)]
    rows = remembered_lookup(path, sql, run)[2]
    assert rows == [(1,)] and len(ran) == 1
    rows.clear()  # a caller changing its rows does not change the next answer
    assert remembered_lookup(path, sql, run)[2] == [(1,)] and len(ran) == 1
    time.sleep(0.01)
    os.remove(path)
    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select 2 as v union all select 3")
    assert remembered_lookup(path, sql, run)[2] == [(2,), (3,)] and len(ran) == 2
