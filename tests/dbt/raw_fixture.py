"""A small, realistic raw schema for the dbt tests: three report chapters and a ticket export.

The figures are those of the sample reports (VR regnskap og lønn 2020, VARIT 2020, Hedmark IKT
2021), printed misprints included, so the identity tests meet what real reports contain. Tickets
are generated so that counts per quarter, A/B incidents and the phone SLA match what the Hedmark
IKT report states for 2021 (except where a test plants a difference).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from flows.tickets.model import ADDED_FIELDS, TICKET_FIELDS
from flows.tickets.model import RAW_DDL as TICKET_RAW_DDL
from flows.warehouse import ensure_raw_schema

# the columns these inserts fill, by name (raw.ticket_rows has more, filled by the loader only); the file, its
# export time and load time are the load's, in raw.ticket_files under file_no (raw.tickets is the view joining them)
_TICKET_COLUMNS = ", ".join([f.name for f in TICKET_FIELDS if f.name not in ADDED_FIELDS] + ["source_row", "file_no"])

VR_DOC = "doc-vr-2020"
VARIT_DOC = "doc-varit-2020"
HIKT_DOC = "doc-hikt-2021"

DOCUMENTS = [
    (VR_DOC, "vr-regnskap-og-lonn-2020.pdf", "Stjørdal kommune", "kommune", 2020, "Årsrapport 2020"),
    (VARIT_DOC, "varit-2020.docx", "Stjørdal kommune", "kommune", 2020, "Årsrapport 2020"),
    (HIKT_DOC, "hedmark-ikt-2021.pdf", "Hedmark IKT", "interkommunalt samarbeid", 2021, "Årsmelding 2021"),
]

# (code, label, regnskap 2020, budsjett 2020, avvik, regnskap 2019) in 1000 NOK, as printed.
VR_TABLE = [
    (None, "LØNN OG SOSIALE UTGIFTER", 14278, 14286, -8, 13982),
    (None, "KJØP VARER OG TJENESTER", 4128, 4212, -84, 4107),
    (None, "KJØP TJENESTER SOM ERSTATTER KOMM.EGEN", 28, 200, -172, 0),
    (None, "OVERFØRINGER", 441, 243, 198, 349),
    (None, "FINANSUTGIFTER", 1, 0, 1, 11),
    ("A", "Sum utgifter", 18876, 18941, -65, 18449),
    (None, "SALGSINNTEKTER (minus art 1690)", -2241, -1700, 541, -2772),
    (None, "REFUSJONER (minus art 1750)", -1052, -658, 394, -1161),
    (None, "FINANSINNTEKTER", -199, -125, 74, -195),
    ("B", "Sum inntekter", -3492, -2483, 1009, -4128),
    ("C", "= A-B. Til fordeling på kommunene", 15384, 16458, 1074, 14321),
    (None, "STJØRDALS ANDEL (art 1621)", 6533, 7228, -695, 6354),
    (None, "FROSTA ANDEL (art 1755)", 515, 0, 515, 0),
    (None, "MALVIK ANDEL (art 1756)", 4412, 4802, -390, 4227),
    (None, "SELBUS ANDEL (art 1758)", 2327, 2551, -224, 2245),
    (None, "TYDAL ANDEL (art 1759)", 1597, 1877, -280, 1495),
    ("D", "Sum utfakturert kommunene", 15384, 16458, -1074, 14321),
    ("E", "Totalt", 0, 0, 0, 0),
]

VARIT_TABLE = [
    (None, "Lønn og sosiale utgifter", 16194, 17122, 928, 15945),
    (None, "Kjøp av varer og tjenester", 25064, 24947, -116, 23767),
    (None, "Kjøp av tjenester som erstatter kommunens egne", 3, 0, -3, 0),
    (None, "Overføringer", 5335, 5550, 215, 5122),
    (None, "Finansutgifter", 4972, 0, -4989, 5499),
    ("A", "Sum utgifter", 51568, 47619, -3965, 42048),  # 2019 misprint: the lines add up to 50 333
    (None, "Salgsinntekter (minus art 1690 og 1696)", -890, -368, 1108, -3846),
    (None, "Refusjoner (minus art 1755 til 1759)", -9510, -5750, 3760, -6622),
    (None, "Overføringer", -1400, -300, 1100, -2400),
    (None, "Finansinntekter", 0, 0, 0, 0),
    ("B", "Sum inntekter", -11800, -6418, 5968, -12865),
    ("C", "A-B Til fordeling på kommunene", 39768, 41201, 1433, 37467),
    (None, "Stjørdals andel (art 1621)", -20115, -20571, -715, -18693),
    (None, "Selbus andel (art 1758)", -6009, -6303, -219, -5725),
    (None, "Meråkers andel (art 1757)", -4892, -5119, -178, -4672),
    (None, "Frostas andel (art 1755)", -5047, -5262, -183, -4842),
    (None, "Tydals andel (art 1759)", -3705, -3947, -137, -3535),
    ("D", "", -39768, -41201, -1433, -37467),
    ("E", "TOTALT", 0, 0, 0, 0),
]

VARIT_SPLIT = {  # "Fordeling på kommunene (beløp i 1 000 kroner)"
    2019: {"Stjørdal": 18693, "Selbu": 5725, "Meråker": 4672, "Frosta": 4842, "Tydal": 3535},
    2020: {"Stjørdal": 20115, "Selbu": 6009, "Meråker": 4892, "Frosta": 5047, "Tydal": 3705},
}

# § 5-6 in whole kroner: (label, regnskap 2021, revidert 2021, opprinnelig 2021, regnskap 2020)
HIKT_5_6 = [
    ("Rammetilskudd", 0, 0, 0, 0),
    ("Inntekts- og formuesskatt", 0, 0, 0, 0),
    ("Eiendomsskatt", 0, 0, 0, 0),
    ("Andre skatteinntekter", 0, 0, 0, 0),
    ("Andre overføringer og tilskudd fra staten", -154080.00, 0, 0, 0),
    ("Overføringer og tilskudd fra andre", -148608752.61, -120308582, -120308582, -128014190.96),
    ("Brukerbetalinger", 0, 0, 0, 0),
    ("Salgs- og leieinntekter", -8084658.16, -3650000, -3650000, -8194409.42),
    ("Sum driftsinntekter", -156847490.77, -123958582, -123958582, -136208600.38),
    ("Lønnsutgifter", 30101367.75, 34653132, 34653132, 29868562.15),
    ("Sosiale utgifter", 7135470.74, 8418728, 8418728, 6722648.14),
    ("Kjøp av varer og tjenester", 90646848.07, 61149379, 60549379, 75194428.50),
    ("Overføringer og tilskudd til andre", 22406330.48, 15237343, 15237343, 19790412.93),
    ("Avskrivninger", 3595542.16, 3800000, 3800000, 3979923.48),
    ("Sum driftsutgifter", 153885559.20, 123258582, 122658582, 135555975.20),
    ("Brutto driftsresultat", -2961931.57, -700000, -1300000, -652625.18),
    ("Renteinntekter", -103235.00, -100000, -100000, -172039.00),
    ("Utbytter", -5067.00, 0, 0, -4734.00),
    ("Gevinster og tap på finansielle omløpsmidler", 0, 0, 0, 0),
    ("Renteutgifter", 45864.83, 200000, 200000, 16204.42),
    ("Avdrag på lån", 0, 0, 0, 0),
    ("Netto finansutgifter", -62437.17, 100000, 100000, -160568.58),
    ("Motpost avskrivninger", -3595542.16, -3800000, -3800000, -3979923.48),
    ("Netto driftsresultat", -6619910.90, -4400000, -5000000, -4793117.24),
    ("Overføring til investering", 4357968.40, 4500000, 4500000, 4163534.32),
    ("Netto avsetninger til eller bruk av bundne driftsfond", 0, 0, 0, 0),
    ("Netto avsetninger til eller bruk av disposisjonsfond *", 2261942.50, -100000, 500000, 1421663.82),
    ("Dekning av tidligere års merforbruk", 0, 0, 0, -792080.90),
    ("Sum disponeringer eller dekning av netto driftsresultat", 6619910.90, 4400000, 5000000, 4793117.24),
    ("Fremført til inndekning i senere år (merforbruk)", 0, 0, 0, 0),
]

HIKT_CASES_2021 = {1: 10859, 2: 9086, 3: 8388, 4: 7893}
HIKT_AB_2021 = {1: 28, 2: 17, 3: 46, 4: 32}
HIKT_CASES_2020 = {1: 10709, 2: 8509, 3: 9558, 4: 9186}
HIKT_OWNERS = ("Hamar kommune", "Løten kommune", "Stange kommune")


def _unit_table_rows(doc, file_name, unit, table, page, first_line, scale=1000.0):
    rows = []
    for order, (code, label, r20, b20, avvik, r19) in enumerate(table, start=1):
        line = first_line + order
        printed = " | ".join(str(v) for v in (r20, b20, avvik, r19))
        excerpt = f"{code or ''} | {label} | {printed}"
        for scenario, year, value in (("regnskap", 2020, r20), ("budsjett", 2020, b20),
                                      ("avvik", 2020, avvik), ("regnskap", 2019, r19)):
            rows.append((doc, "unit", "2.1 Regnskap", label, code, order, scenario, year, 2020,
                         value * scale, str(value), scale, "declared: Beløp i 1 000 kroner", unit,
                         file_name, page, line, excerpt))
    return rows


def account_rows():
    rows = _unit_table_rows(VR_DOC, "vr-regnskap-og-lonn-2020.pdf", "VR regnskap og lønn", VR_TABLE, 2, 3)
    rows += _unit_table_rows(VARIT_DOC, "varit-2020.docx", "VARIT", VARIT_TABLE, 1, 40)
    for year, split in VARIT_SPLIT.items():
        for order, (municipality, value) in enumerate(split.items(), start=1):
            rows.append((VARIT_DOC, "cost_share", "Fordeling på kommunene", municipality, None, order,
                         "regnskap", year, 2020, value * 1000.0, str(value), 1000.0,
                         "declared: beløp i 1 000 kroner", "VARIT", "varit-2020.docx", 1, 11 + year - 2019,
                         f"{year} | " + " | ".join(str(v) for v in split.values())))
    for order, (label, r21, rev21, opp21, r20) in enumerate(HIKT_5_6, start=1):
        excerpt = f"{label} | {r21} | {rev21} | {opp21} | {r20}"
        for scenario, year, value in (("regnskap", 2021, r21), ("revidert_budsjett", 2021, rev21),
                                      ("opprinnelig_budsjett", 2021, opp21), ("regnskap", 2020, r20)):
            rows.append((HIKT_DOC, "5-6", "§ 5-6 Økonomisk oversikt etter art – drift", label, None, order,
                         scenario, year, 2021, float(value), str(value), 1.0, "declared: Tall i 1 kroner",
                         None, "hedmark-ikt-2021.pdf", 4, 4 + order, excerpt))
    return rows


def fact_rows():
    f = []

    def add(doc, metric, value, year, report_year, unit, subject=None, quarter=None, qualifier=None,
            file_name="", page=1, line=1, excerpt="", kind="table"):
        f.append((doc, metric, float(value), year, report_year, unit, subject, quarter, kind, qualifier,
                  file_name, page, line, excerpt))

    vr, varit, hikt = "vr-regnskap-og-lonn-2020.pdf", "varit-2020.docx", "hedmark-ikt-2021.pdf"
    add(VR_DOC, "sick_leave_pct", 2.5, 2020, 2020, "VR regnskap og lønn", file_name=vr, page=1, line=20,
        excerpt="Totalt 2,5 %.", kind="prose")
    add(VR_DOC, "fte", 22.7, 2020, 2020, "VR regnskap og lønn", file_name=vr, page=1, line=16,
        excerpt="til sammen 22,7 årsverk", kind="prose")
    for line, (fixed, variable, key) in enumerate(((29.8, 70.2, "Regnskap/fakturering"),
                                                  (23.3, 76.7, "Fakturabehandling"),
                                                  (25.2, 74.8, "Lønn")), start=10):
        excerpt = f"{key}: {fixed} % fast og {variable} % variabel"
        add(VR_DOC, "cost_share_pct", fixed, 2020, 2020, "VR regnskap og lønn", subject=f"{key}: fast",
            file_name=vr, page=1, line=line, excerpt=excerpt, kind="prose")
        add(VR_DOC, "cost_share_pct", variable, 2020, 2020, "VR regnskap og lønn", subject=f"{key}: variabel",
            file_name=vr, page=1, line=line, excerpt=excerpt, kind="prose")
    for subject, value in (("flatt", 41), ("etter innbyggertall", 59)):
        add(VARIT_DOC, "cost_share_pct", value, 2020, 2020, "VARIT", subject=subject, file_name=varit,
            page=1, line=8, excerpt="Fordelingsnøkkel: 41 % flatt og 59 % etter innbyggertall", kind="prose")
    for year, value in ((2017, 4071), (2018, 4246), (2019, 4086), (2020, 5655)):
        add(VARIT_DOC, "it_helpdesk_contacts", value, year, 2020, "VARIT", file_name=varit, page=2, line=60,
            excerpt="Antall henvendelser på IT-hjelpa | 4 071 | 4 246 | 4 086 | 5 655")
    for q, value in HIKT_CASES_2021.items():
        add(HIKT_DOC, "cases", value, 2021, 2021, None, quarter=q, file_name=hikt, page=1, line=30,
            excerpt="2021 | 10 859 | 9 086 | 8 388 | 7 893 | 36 226")
    add(HIKT_DOC, "cases", 36226, 2021, 2021, None, file_name=hikt, page=1, line=30,
        excerpt="2021 | 10 859 | 9 086 | 8 388 | 7 893 | 36 226")
    for q, value in HIKT_CASES_2020.items():
        add(HIKT_DOC, "cases", value, 2020, 2021, None, quarter=q, file_name=hikt, page=1, line=29,
            excerpt="2020 | 10 709 | 8 509 | 9 558 | 9 186 | 37 962")
    for q, value in HIKT_AB_2021.items():
        add(HIKT_DOC, "ab_incidents", value, 2021, 2021, None, quarter=q, file_name=hikt, page=2, line=2 + 3 * q,
            excerpt=f"{value} hendelser med prioritet A eller B", kind="prose")
    for metric, target, result, line in (("uptime_pct", 99.80, 99.81, 16),
                                         ("phone_answered_1min_pct", 70.0, 59.70, 17),
                                         ("phone_answered_3min_pct", 85.0, 70.10, 18),
                                         ("equipment_delivery_over_21d_pct", None, 26.55, 19),
                                         ("new_users_over_3d_pct", None, 2.03, 20)):
        if target is not None:
            add(HIKT_DOC, metric, target, 2021, 2021, None, qualifier="target", file_name=hikt, page=2,
                line=line, excerpt=f"måltall {target}")
        add(HIKT_DOC, metric, result, 2021, 2021, None, qualifier="result", file_name=hikt, page=2,
            line=line, excerpt=f"resultat 2021 {result}")
    add(HIKT_DOC, "sick_leave_pct", 3.36, 2021, 2021, None, file_name=hikt, page=3, line=3,
        excerpt="Sykefraværet for hele 2021 endte på 3,36 %", kind="prose")
    return f


def unit_rows():
    return [
        (VR_DOC, "VR regnskap og lønn", "Kommunedirektørens områder", "enhet", "Ketil Aas",
         "vr-regnskap-og-lonn-2020.pdf", 1, 4, "Leder: Ketil Aas"),
        (VARIT_DOC, "VARIT", "Kommunedirektørens områder", "enhet", "Elin Wikmark Darell",
         "varit-2020.docx", 1, 3, "Leder: Elin Wikmark Darell"),
        (HIKT_DOC, "Hedmark IKT", None, "organisation", "Edvard Lysne",
         "hedmark-ikt-2021.pdf", 4, 40, "Direktør: Edvard Lysne"),
    ]


def _insert_tickets(con: duckdb.DuckDBPyConnection, volume_factor: int = 1) -> None:
    """Hedmark IKT 2021 tickets: counts per quarter and A/B per quarter as reported, plus 2020 for volume.

    Phone contacts: 1 000 in 2021, 597 answered within 60 s and 701 within 180 s (59,7 % and 70,1 %).
    """
    loaded = dt.datetime(2022, 1, 10, 8, 0, tzinfo=dt.timezone.utc)
    quarter_start = {1: "2021-01-01", 2: "2021-04-01", 3: "2021-07-01", 4: "2021-10-01"}
    for q, n in HIKT_CASES_2021.items():
        n_ab = HIKT_AB_2021[q]
        con.execute(
            f"""
            insert into raw.ticket_rows ({_TICKET_COLUMNS})
            select
                'topdesk', 'H21-' || {q} || '-' || lpad(cast(i as varchar), 6, '0'),
                case i % 3 when 0 then 'Hamar kommune' when 1 then 'Løten kommune' else 'Stange kommune' end,
                -- spread over the quarter's first 88 days, 07:00-14:59 Oslo time (06-13 UTC in winter)
                timestamptz '{quarter_start[q]} 06:00:00+00' + to_days(cast(i % 88 as integer))
                    + to_minutes(cast((i * 7) % 480 as integer)),
                null,
                timestamptz '{quarter_start[q]} 06:00:00+00' + to_days(cast(i % 88 as integer))
                    + to_minutes(cast((i * 7) % 480 as integer) + 45),
                null,
                case when i < {n_ab} then (case when i % 2 = 0 then 'A' else 'B' end) else 'C' end,
                case when i < {n_ab} then 'prio ' || (case when i % 2 = 0 then 'A' else 'B' end) else 'prio C' end,
                'Brukerstøtte', null,
                case when i >= {n_ab} and i < {n_ab} + 250 then 'phone' else 'portal' end,
                'closed', 'Lukket', 'Servicedesk',
                case when i >= {n_ab} and i < {n_ab} + 250 then
                    (case when (i - {n_ab}) + 250 * {q - 1} < 597 then 30.0
                          when (i - {n_ab}) + 250 * {q - 1} < 701 then 120.0 else 400.0 end)
                end,
                i + 2, 1
            from range({n}) as t(i)
            """
        )
    # 2020: the counts per quarter the 2021 report restates; B priority on every 500th ticket
    for q, n in HIKT_CASES_2020.items():
        start = ("2020-01-01", "2020-04-01", "2020-07-01", "2020-10-01")[q - 1]
        con.execute(
            f"""
            insert into raw.ticket_rows ({_TICKET_COLUMNS})
            select 'topdesk', 'H20-' || {q} || '-' || lpad(cast(i as varchar), 7, '0'),
                case i % 3 when 0 then 'Hamar kommune' when 1 then 'Løten kommune' else 'Stange kommune' end,
                timestamptz '{start} 06:00:00+00' + to_minutes(cast((i * 37) % (88 * 24 * 60) as integer)),
                null, null, null, case when i % 500 = 0 then 'B' else 'C' end, null, 'Brukerstøtte', null,
                'portal', 'closed', 'Lukket', 'Servicedesk', null,
                i + 2, 2
            from range({n * volume_factor}) as t(i)
            """
        )
    con.execute("insert into raw.ticket_files (file, sha256, preset, rows_loaded, rows_quarantined, status, "
                "message, loaded_at, exported_at, file_no) values ('tickets-2022-01-05.csv', 'abc', 'topdesk', 36226, 1, "
                "'partial', 'row 7: unknown priority', ?, timestamptz '2022-01-05 12:00:00+00', 1), "
                "('tickets-2021-01-05.csv', 'def', 'topdesk', ?, 0, 'loaded', null, ?, timestamptz '2021-01-05 12:00:00+00', 2)",
                [loaded, sum(HIKT_CASES_2020.values()) * volume_factor, loaded])
    con.execute("insert into raw.ticket_quarantine values ('tickets-2022-01-05.csv', 7, '123;x;;', "
                "'unknown priority \"x\"', ?)", [loaded])


# The user alias file of the fixture (what the sample's data/sample/aliases.yaml holds, as flows.aliases
# reads it): the fixture's organisations and units and its ticket export's provider.
FIXTURE_ALIASES = """
organisations:
  - {name: Stjørdal kommune, type: kommune, aliases: [Stjørdal]}
  - {name: Malvik kommune, type: kommune}
  - {name: Selbu kommune, type: kommune}
  - {name: Tydal kommune, type: kommune}
  - {name: Meråker kommune, type: kommune}
  - {name: Frosta kommune, type: kommune}
  - {name: Hamar kommune, type: kommune}
  - {name: Løten kommune, type: kommune}
  - {name: Stange kommune, type: kommune}
  - {name: Værnesregionen, type: interkommunalt samarbeid, aliases: [VR]}
  - {name: Hedmark IKT, type: interkommunalt samarbeid, aliases: [HIKT]}
units:
  - name: VR lønn/regnskap
    organisation: Værnesregionen
    aliases: [VR regnskap og lønn, VR lønn, VR regnskap]
  - {name: VARIT, organisation: Værnesregionen, aliases: [VarIT, Værnesregionen IT]}
  - {name: Kommunedirektørens områder, organisation: Stjørdal kommune, aliases: [Kommunedirektøren]}
  - {name: Hedmark IKT, organisation: Hedmark IKT, aliases: [HIKT]}
ticket_providers:
  - {source_system: topdesk, provider: Hedmark IKT}
"""


def insert_aliases(con: duckdb.DuckDBPyConnection, text: str = FIXTURE_ALIASES) -> None:
    """Write an alias file's entries into the raw user tables, as the refresh does."""
    from flows.aliases import parse_aliases
    from flows.warehouse import load_user_aliases

    load_user_aliases(con, parse_aliases(text, Path("fixture-aliases.yaml")))


def build_raw(path: Path, *, tickets: bool = True, volume_factor: int = 1, aliases: str | None = FIXTURE_ALIASES) -> Path:
    """Create a DuckDB file whose raw schema holds the fixture rows; returns the path."""
    path = Path(path)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        ensure_raw_schema(con)
        for ddl in TICKET_RAW_DDL:
            con.execute(ddl)
        loaded = dt.datetime(2022, 1, 10, 8, 0)
        con.executemany("insert into raw.documents (document_id, file_name, file_path, file_type, organisation, "
                        "organisation_type, report_year, title, page_count, fact_count, account_count, warning_count, "
                        "loaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)",
                        [(d, f, f"/inbox/{f}", f.rsplit(".", 1)[1], org, kind, year, title, 4, loaded)
                         for d, f, org, kind, year, title in DOCUMENTS])
        con.executemany("insert into raw.report_accounts values (" + ", ".join("?" * 18) + ")", account_rows())
        con.executemany("insert into raw.report_facts (document_id, metric, value, value_year, report_year, unit_name, "
                        "subject, quarter, source_kind, qualifier, file_name, page, line, excerpt) values ("
                        + ", ".join("?" * 14) + ")", fact_rows())  # (a part of a year, period, left empty: whole years)
        con.executemany("insert into raw.report_units values (" + ", ".join("?" * 9) + ")", unit_rows())
        con.execute("insert into raw.report_observations values (?, 'sick_leave_pct', "
                    "'Enheten har hatt lite fravær i 2020', 2020, 'VARIT', 'varit-2020.docx', 1, 20, "
                    "'Enheten har hatt lite fravær i 2020')", [VARIT_DOC])
        con.execute("insert into raw.document_quarantine values ('broken.pdf', '/inbox/broken.pdf', "
                    "'no text layer', ?)", [loaded])
        if tickets:
            _insert_tickets(con, volume_factor)
        if aliases:
            insert_aliases(con, aliases)
    finally:
        con.close()
    return path


if __name__ == "__main__":
    import sys

    print(build_raw(Path(sys.argv[1])))
