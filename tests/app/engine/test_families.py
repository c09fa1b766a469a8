"""Word forms, periods, follow-ups and the family modules (ticket counts, resolution time, report-cell
lookup) on a small warehouse built here with realistic rows."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from app.engine import families
from app.engine.families.base import Question, Reading, Refusal
from app.engine.followup import apply_context
from app.engine.periods import find_period
from app.engine.planner import Vocabulary
from app.engine.vocabulary import load_data_vocabulary
from app.engine.wordforms import LabelIndex, split_compound, stem

# --- word forms ---------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [("sjukefråværet", "sykefravær"), ("rekneskapen", "regnskap"),
                                 ("rammetilskotet", "rammetilskudd"), ("driftsinntektene", "driftsinntekter"),
                                 ("tilsette", "ansatte")])
def test_nynorsk_and_inflected_forms_share_a_stem(a, b):
    assert stem(a) == stem(b)


def test_compound_split_into_known_stems():
    known = {stem("lønn"), stem("utgifter"), stem("sosiale")}
    assert split_compound(stem("lønnsutgifter"), known) == [stem("lønn"), stem("utgifter")]
    assert split_compound(stem("kjøkkenbenk"), known) is None


def test_label_index_finds_labels_as_written_in_other_word_forms():
    idx = LabelIndex(["Lønn og sosiale utgifter", "Sum driftsinntekter", "Eiendomsskatt", "Skatt på eiendom",
                      "Netto driftsresultat"])
    assert idx.match(idx.terms("Kor store var driftsinntektene?"))[0].label == "Sum driftsinntekter"
    # the whole compound beats a label reached through parts
    assert idx.match(idx.terms("eiendomsskatt 2022"))[0].label == "Eiendomsskatt"
    # typo of seven letters or more
    assert idx.match(idx.terms("netto driftsresultatt"))[0].label == "Netto driftsresultat"
    assert idx.match(idx.terms("sykefravær i 2020")) == []


def test_a_bracketed_note_and_a_verb_form_do_not_hide_a_label():
    idx = LabelIndex(["Tap finansielle instrumenter (omløpsmidler)", "Bruk av bundne avsetninger",
                      "Til bundne avsetninger"])
    assert idx.match(idx.terms("tap finansielle instrumenter 2018"))[0].label == \
        "Tap finansielle instrumenter (omløpsmidler)"
    # "brukte" names "Bruk av …": the label with every word named beats the one that only lacks it
    assert idx.match(idx.terms("Kor mykje brukte Giske av bundne avsetningar i 2018?"))[0].label == \
        "Bruk av bundne avsetninger"


def test_english_words_and_same_meaning_compounds_name_norwegian_labels():
    idx = LabelIndex(["Lønnsutgifter", "Netto driftsresultat", "Kjøp av varer og tjenester", "Skatteinntekter",
                      "Sum driftsinntekter"])
    for question, label in (("wages 2022", "Lønnsutgifter"), ("net operating result", "Netto driftsresultat"),
                            ("purchases of goods and services", "Kjøp av varer og tjenester"),
                            ("tax revenue", "Skatteinntekter"), ("total operating revenue", "Sum driftsinntekter"),
                            ("lønnskostnader", "Lønnsutgifter")):
        assert idx.match(idx.terms(question))[0].label == label, question
    assert idx.match(idx.terms("omsetning 2012")) == []  # no meaning borrowed that the words do not have


def test_a_qualified_label_and_an_inflected_adjective_are_the_same_line():
    idx = LabelIndex(["Rammetilskudd", "Ordinært rammetilskudd", "Skatt på eiendom", "Havbruksfond",
                      "Sum rammetilskudd og skatt"])
    # "Ordinært" is named by the English word and by the uninflected adjective
    for question in ("ordinary block grant 2017", "ordinær rammetilskudd 2017"):
        assert idx.match(idx.terms(question))[0].label == "Ordinært rammetilskudd", question
    # the label with one word more is the same line printed another way; more words make another line
    assert idx.qualified("Rammetilskudd") == ["Ordinært rammetilskudd"]
    assert idx.qualified("Skatt på eiendom") == []
    assert idx.qualified("no such label") == []
    # nynorsk and English words for domain terms
    assert idx.match(idx.terms("eigedomsskatt 2018"))[0].label == "Skatt på eiendom"
    assert idx.match(idx.terms("aquaculture fund 2018"))[0].label == "Havbruksfond"
    # a name's genitive names the row that prints it: "Nordviks andel" ~ "Nordvik's share"
    owners = LabelIndex(["Nordvik", "Nordviks andel (art 1758)", "Sørøys andel"])
    assert owners.match(owners.terms("Nordvik's share of the costs 2020"))[0].label == "Nordviks andel (art 1758)"
    # translated compounds split into the label's words: "lønnskostnader" ~ "Lønn og sosiale utgifter"
    wages = LabelIndex(["Lønnsutgifter", "Lønn og sosiale utgifter", "Sosiale utgifter"])
    assert "Lønn og sosiale utgifter" in [m.label for m in wages.match(wages.terms("lønnskostnader"), min_cover=0.5)]


def test_a_label_is_named_by_its_leading_word_and_its_abbreviations():
    from app.engine.families.cell_lookup import best_labels

    idx = LabelIndex(["Renteutg.,provisjoner og andre fin.utg.", "Bankinnskudd og kontanter", "Sum Bank",
                      "Renteinntekter og utbytte", "Bruk av tidligere regnsk.m. mindreforbruk"])
    # an abbreviated word is named by what it abbreviates, a dot-joined one by a compound holding its parts
    hit = best_labels(idx, idx.terms("Renteutgifter i 2017"), set())
    assert [m.label for m in hit] == ["Renteutg.,provisjoner og andre fin.utg."] and hit[0].partial
    both = idx.partial_head(idx.terms("renteutgifter og finansutgifter"))[0]
    assert both.label == "Renteutg.,provisjoner og andre fin.utg." and both.matched == 2
    assert idx.match(idx.terms("bruk av tidligere regnskapsmessig mindreforbruk"))[0].cover == 1.0
    # the whole word as a label's leading word beats a label reached through a part of the compound
    assert [m.label for m in best_labels(idx, idx.terms("bankinnskudd 2021"), set())] == ["Bankinnskudd og kontanter"]
    # a word that is not the label's leading word does not name it, nor does a shorter printed form
    assert best_labels(idx, idx.terms("kontanter 2021"), set()) == []
    assert best_labels(idx, idx.terms("rente 2021"), set()) == []


def test_a_name_or_a_sentence_read_as_a_row_is_never_named_by_its_leading_word():
    from app.engine.families.cell_lookup import best_labels
    from app.engine.names import written_as_names

    idx = LabelIndex(["Nordvikregionen og omegn", "Nordvikregionen IT har 18 årsverk inkludert personvernombud. I tillegg har enheten tre lærlinger"])
    question = "Hvor mange årsverk har Nordvikregionen?"
    assert [m.label for m in best_labels(idx, idx.terms(question.lower()), set())] == ["Nordvikregionen og omegn"]
    assert best_labels(idx, idx.terms(question), set(), written_as_names(question)) == []


def test_two_labels_named_equally_well_by_their_leading_word_ask_which():
    from app.engine.families.cell_lookup import ambiguous, best_labels

    idx = LabelIndex(["Bankinnskudd og kontanter", "Bankinnskudd bundne midler", "Sum driftsinntekter"])
    q = Question.parse("bankinnskudd 2021", "nb")
    labels = best_labels(idx, q.terms(idx.known), set())
    assert {m.label for m in labels} == {"Bankinnskudd og kontanter", "Bankinnskudd bundne midler"}
    refusal = ambiguous("cell_lookup", q, labels)
    assert isinstance(refusal, Refusal) and refusal.status == "clarify"
    # each candidate is offered as the question asked with that label
    assert sorted(refusal.suggestions) == ["Bankinnskudd bundne midler 2021", "Bankinnskudd og kontanter 2021"]
    # a label named in full is answered, never asked about
    full = best_labels(idx, idx.terms("sum driftsinntekter 2021"), set())
    assert ambiguous("cell_lookup", q, full) is None


# --- periods and follow-ups ---------------------------------------------------------------------

def test_periods_months_quarters_halves_weeks_and_grains():
    p = find_period("antall henvendelser per måned juli august september 2021")
    assert p.months == [7, 8, 9] and p.years == [2021] and p.grain == "month"
    assert find_period("3. kvartal 2012").quarters == [3]
    h = find_period("første halvår 2012")
    assert h.halves == [1] and h.ranges() == [(date(2012, 1, 1), date(2012, 6, 30))]
    w = find_period("uke 45 i 2011")
    assert w.weeks == [45] and w.ranges() == [(date(2011, 11, 7), date(2011, 11, 13))]
    assert find_period("tickets per year from 2010 to 2013").years == [2010, 2011, 2012, 2013]


def test_follow_up_takes_the_previous_question():
    assert apply_context("og i 2019?", {"question": "Netto driftsresultat Giske 2022"}) == \
        "Netto driftsresultat Giske i 2019"
    assert "q2" in apply_context("what about Q2?", {"question": "How many tickets were opened in Q4 2011?"}).lower()
    assert apply_context("Hvor mange saker kom inn i mai 2021?", {"question": "x"}) == \
        "Hvor mange saker kom inn i mai 2021?"


# --- a small warehouse ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("families") / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("""create table fct_report_cell (document_id text, organisation text, report_year integer,
        file_name text, page integer, line integer, table_number integer, caption text, heading_path text,
        row_label text, parent_row text, column_label text, column_year integer, value_year integer,
        scenario text, printed text, value double, scale double, is_percent boolean, excerpt text)""")
    rows = []
    for org, doc, rows_ in (
            ("Nordvik kommune", "nordvik_2022.txt", [("Sum driftsinntekter", 803398, 737306, 766307),
                                                     ("Netto driftsresultat", 32595, 5157, 33029),
                                                     ("Eiendomsskatt", 28024, 28500, 27939)]),
            ("Sørøy interkommunale selskap", "soroy_2022.pdf", [("Interessekapital", 1200, None, 1100),
                                                               ("Sum driftsinntekter", 80990, 78187, 78358)])):
        for i, (label, actual, budget, prior) in enumerate(rows_):
            for col, year, scen, v in (("Regnskap 2022", 2022, "actual", actual), ("Budsjett 2022", 2022, "budget", budget),
                                       ("Regnskap 2021", 2021, "prior_year", prior)):
                if v is not None:
                    rows.append(("d", org, 2022, doc, 3, 10 + i, 1, "Økonomisk oversikt drift", "Økonomi", label, None,
                                 col, year, year, scen, f"{v:,}".replace(",", " "), v * 1000.0, 1000.0, False,
                                 f"{label} {v}"))
    con.executemany("insert into fct_report_cell values (" + ", ".join("?" * 20) + ")", rows)
    con.execute("""create table fct_ticket (ticket_id text, source_system text, organisation_key text, customer_name text,
        created_at timestamp, created_date date, closed_at timestamp, priority text, priority_source text,
        category text, subcategory text, channel text, status text, is_resolved boolean, resolution_hours double,
        first_response_minutes double, assignment_group text)""")
    tickets = []
    start = datetime(2021, 1, 1, 8)
    cats = ["Passord", "Skole", "Nettverk"]
    for n in range(730):
        created = start + timedelta(days=n // 2)
        cat = cats[n % 3]
        prio = "A - Forretningskritisk" if n % 50 == 0 else "C - Normal"
        closed = created + timedelta(hours=(n % 10) + 1) if n % 7 else None
        tickets.append((f"IT-{n}", "canonical", "nordvik" if n % 2 else "sorøy", None, created, created.date(), closed,
                        prio[0], prio, cat, None, "portal" if n % 4 == 0 else "phone",
                        "closed" if closed else "open", closed is not None,
                        ((closed - created).total_seconds() / 3600) if closed else None, 30.0, "Servicedesk"))
    con.executemany("insert into fct_ticket values (" + ", ".join("?" * 17) + ")", tickets)
    con.execute("""create table fct_ticket_daily as
        select created_date as date_day, organisation_key, count(*) as ticket_count from fct_ticket group by all""")
    con.execute("create table dim_organisation (organisation_key text, organisation_name text)")
    con.execute("insert into dim_organisation values ('nordvik', 'Nordvik kommune'), ('sorøy', 'Sørøy kommune')")
    con.close()
    return path


@pytest.fixture(scope="module")
def organisations():
    return {"nordvik": ("Nordvik kommune", "Nordvik"), "sorøy": ("Sørøy kommune",)}


def _ask(question, vocab, con, fams=None):
    q = Question.parse(question, "en" if question.split()[0].lower() in ("how", "what", "which") else "nb")
    found = families.read(q, vocab, fams or families.FAMILIES + families.FALLBACK_FAMILIES)
    if isinstance(found, Reading):
        cur = con.execute(found.sql)
        return found, [d[0] for d in cur.description], cur.fetchall()
    return found, [], []


def _expected(con, sql):
    return con.execute(sql).fetchone()[0]


def test_ticket_count_for_a_quarter(vocab, con):
    found, cols, rows = _ask("Hvor mange saker ble registrert i andre kvartal 2021?", vocab, con)
    assert found.family == "tickets"
    assert rows == [(_expected(con, "select count(*) from fct_ticket where created_date between '2021-04-01' "
                                    "and '2021-06-30'"),)]
    assert "Q2" in found.interpretation and "2021" in found.interpretation


def test_ticket_count_per_month_and_top_months(vocab, con):
    _, cols, rows = _ask("antall saker per måned 2021", vocab, con)
    assert cols == ["year", "month", "tickets"] and len(rows) == 12
    assert sum(r[2] for r in rows) == _expected(con, "select count(*) from fct_ticket where year(created_date) = 2021")
    _, _, top = _ask("Hvilke tre måneder hadde flest saker i 2021?", vocab, con)
    # the three busiest months, and every month tied with the third (a tie is shown, never broken by row order)
    counts = [r[2] for r in top]
    assert len(top) >= 3 and counts == sorted(counts, reverse=True)
    all_months = [r[2] for r in rows]
    assert sorted(counts, reverse=True) == [c for c in sorted(all_months, reverse=True) if c >= counts[2]]


def test_ticket_filters_by_values_as_exported(vocab, con):
    _, _, rows = _ask("Antall passordsaker", vocab, con)
    assert rows == [(_expected(con, "select count(*) from fct_ticket where category = 'Passord'"),)]
    _, _, rows = _ask("How many tickets had priority 'A - Forretningskritisk'?", vocab, con)
    assert rows == [(_expected(con, "select count(*) from fct_ticket where priority_source = 'A - Forretningskritisk'"),)]
    _, cols, rows = _ask("Saker fordelt på prioritet", vocab, con)
    assert "priority" in cols and len(rows) == 2


def test_a_month_range_is_every_month_between_and_one_total():
    p = find_period("talet på innkomne saker januar–mars 2013")
    assert p.months == [1, 2, 3] and p.grain is None and "januar–mars" in p.describe()
    assert find_period("fra januar til og med juni 2011").months == [1, 2, 3, 4, 5, 6]
    assert find_period("tickets from january to march 2012").months == [1, 2, 3]
    named = find_period("saker januar og mars 2013")  # two months named: each of them, side by side
    assert named.months == [1, 3] and named.grain == "month"


def test_ticket_count_over_a_month_range_is_the_total_of_those_months(vocab, con):
    found, cols, rows = _ask("Hvor mange innkomne saker januar–mars 2021?", vocab, con)
    assert found.family == "tickets" and cols == ["tickets"]
    assert rows == [(_expected(con, "select count(*) from fct_ticket where created_date between '2021-01-01' "
                                    "and '2021-03-31'"),)]


def test_two_values_of_one_field_are_counted_each_unless_asked_together(vocab, con):
    _, cols, rows = _ask("Hvor mange saker kom på telefon og hvor mange via portal?", vocab, con)
    expected = dict(con.execute("select case channel when 'phone' then 'telefon' else channel end, count(*) "
                                "from fct_ticket where channel in ('phone', 'portal') group by 1").fetchall())
    # each value named (said in the question's language), and their total as a row of its own
    assert cols == ["channel", "tickets"] and dict(rows[:-1]) == expected
    assert rows[-1] == ("til sammen", sum(expected.values()))
    _, cols, rows = _ask("Hvor mange saker kom på telefon eller via portal?", vocab, con)
    assert cols == ["tickets"] and rows == [(sum(expected.values()),)]


def test_ticket_question_with_a_field_the_exports_lack_is_refused(vocab, con):
    found, _, _ = _ask("Hvor mange saker hadde høy alvorlighetsgrad?", vocab, con)
    assert isinstance(found, Refusal) and found.status == "unanswerable" and "alvorlighetsgrad" in found.answer


def test_ticket_period_outside_the_exports_is_refused_with_coverage(vocab, con):
    found, _, _ = _ask("Hvor mange saker ble opprettet i 2009?", vocab, con)
    assert isinstance(found, Refusal) and found.status == "unanswerable" and "2021" in found.answer


def test_month_without_year_over_several_years_asks_which_year(vocab, con, monkeypatch):
    tv = vocab.data.tickets
    monkeypatch.setattr(tv, "last", date(2022, 6, 1))
    found, _, _ = _ask("Hvor mange saker kom inn i mars?", vocab, con)
    assert isinstance(found, Refusal) and found.status == "clarify" and found.suggestions


def test_median_resolution_time_in_days(vocab, con):
    found, cols, rows = _ask("Hva er median løsningstid for saker i 2021, i dager?", vocab, con)
    assert found.family == "resolution_time" and cols[0] == "median_days"
    expected = _expected(con, "select median(resolution_hours) / 24 from fct_ticket where year(created_date) = 2021")
    assert float(rows[0][0]) == pytest.approx(expected, abs=0.05)


def test_cell_lookup_reads_the_row_for_the_organisation_year_and_column(vocab, con):
    found, cols, rows = _ask("Interessekapital Sørøy 2022", vocab, con)
    assert found.family == "cell_lookup"
    d = [dict(zip(cols, r)) for r in rows]
    assert [x["value"] for x in d] == [1200000.0] and d[0]["organisation"] == "Sørøy interkommunale selskap"
    assert "not a governed measure" in found.source or "ikke et styrt mål" in found.source
    _, cols, rows = _ask("sum driftsinntekter nordvik 2022 regnskap mot budsjett", vocab, con)
    assert sorted(r[cols.index("value")] for r in rows) == [737306000.0, 803398000.0]


def test_cell_lookup_never_answers_for_an_organisation_the_tables_lack(vocab, con):
    found, _, _ = _ask("Netto driftsresultat Vestby 2022", vocab, con)
    assert isinstance(found, Refusal) and found.status == "unanswerable"


def test_cell_lookup_does_not_apply_without_the_mart(vocab):
    from dataclasses import replace

    empty = replace(vocab, data=replace(vocab.data, cells=None))
    assert families.read(Question.parse("Interessekapital Sørøy 2022", "nb"), empty, families.FALLBACK_FAMILIES) is None


def test_plain_counts_read_the_daily_mart_and_filtered_counts_the_tickets(vocab, con):
    assert vocab.data.tickets.daily
    found, _, rows = _ask("antall saker per kvartal 2021", vocab, con)
    assert "fct_ticket_daily" in found.sql
    expected = con.execute("select quarter(created_date), count(*) from fct_ticket where year(created_date) = 2021 "
                           "group by 1 order by 1").fetchall()
    assert [(r[1], r[2]) for r in rows] == expected
    found, _, _ = _ask("antall passordsaker per kvartal 2021", vocab, con)
    assert "from fct_ticket as t" in found.sql


def test_average_tickets_per_period_and_a_period_against_it(vocab, con):
    found, cols, rows = _ask("Hvor mange saker per dag i gjennomsnitt i mars 2021?", vocab, con)
    assert found.family == "tickets" and cols[0] == "average_tickets"
    per_day = con.execute("select count(*), count(distinct created_date) from fct_ticket "
                          "where created_date between '2021-03-01' and '2021-03-31'").fetchone()
    assert float(rows[0][0]) == pytest.approx(per_day[0] / per_day[1], abs=0.05) and rows[0][1:] == (per_day[1], per_day[0])
    found, cols, rows = _ask("Var antall saker i mars 2021 over gjennomsnittet per måned?", vocab, con)
    march = _expected(con, "select count(*) from fct_ticket where created_date between '2021-03-01' and '2021-03-31'")
    monthly = _expected(con, "select avg(n) from (select year(created_date), month(created_date), count(*) as n "
                             "from fct_ticket group by 1, 2)")
    assert rows[0][0] == march and float(rows[0][1]) == pytest.approx(monthly, abs=0.05)
    assert ("over" if march > monthly else "under") in found.sentence(cols, [list(r) for r in rows], "nb")


def test_a_channel_is_named_by_its_words_also_inside_compounds(vocab, con):
    found, _, rows = _ask("Hvor mange telefonsaker kom inn i 2021?", vocab, con)
    assert isinstance(found, Reading) and "kanal" in found.interpretation  # (the field in the question's words)
    assert rows == [(_expected(con, "select count(*) from fct_ticket where channel = 'phone' "
                                    "and year(created_date) = 2021"),)]


@pytest.fixture(scope="module")
def dateless(tmp_path_factory):
    """A warehouse holding only a dateless snapshot export (no created time on any ticket)."""
    path = tmp_path_factory.mktemp("dateless") / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("""create table fct_ticket as select 'jira' as source_system, 'APP-' || i as ticket_id,
        'unknown' as organisation_key, null::text as customer_name, null::timestamptz as created_at,
        null::date as created_date, null::timestamptz as closed_at, null::timestamptz as resolved_at,
        case when i % 3 = 0 then 'B' else 'D' end as priority,
        case when i % 3 = 0 then 'Major' else 'Minor' end as priority_source, null::text as category,
        null::text as channel, case when i % 2 = 0 then 'closed' else 'open' end as status,
        i % 2 = 0 as is_resolved, false as is_dated, null::double as resolution_hours,
        '/exports/issues.csv' as source_file from range(10) t(i)""")
    present = {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}
    vocab = Vocabulary(metrics={}, unit_aliases={}, organisations={}, organisation_names={},
                       tables=frozenset(present), data=load_data_vocabulary(con, present))
    yield vocab, con
    con.close()


def test_a_dateless_export_is_counted_but_never_placed_in_a_period(dateless):
    vocab, con = dateless
    found, _, rows = _ask("Saker fordelt på prioritet", vocab, con)
    assert dict(rows) == dict(con.execute("select priority_source, count(*) from fct_ticket group by 1").fetchall())
    _, _, rows = _ask("Hvor mange saker er lukket?", vocab, con)
    assert rows == [(_expected(con, "select count(*) from fct_ticket where status = 'closed'"),)]
    for question in ("saker per måned", "Hvor mange saker ble opprettet i 2021?", "median løsningstid",
                     "Hvor mange saker per uke i gjennomsnitt?"):
        refusal, _, _ = _ask(question, vocab, con)
        assert isinstance(refusal, Refusal) and refusal.status == "unanswerable", question
        assert "ingen datoer" in refusal.answer and "issues.csv" in refusal.answer, question
