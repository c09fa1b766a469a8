"""Tables whose rows are units or organisations and whose columns are measures: the owners of an inter-municipal
company with their «Innbyggere», «Abonnenter» and «Eierandel», a kommune's schools or service areas with their
figures, usually closed by a «Sum» row. A question about the organisation that prints such a table asks about its
rows ("which owner municipality had the most inhabitants", "how many owner municipalities", "split the commercial
subscribers by municipality", "how many inhabitants did X serve", "what share of the inhabitants lived in A").

The table is recognised by its shape, not by its names: two or more body rows that name things (a proper name, or a
label printing the kind of row asked, "… skole"), a printed total row optional; the question names the kind of row
("kommune", "eier", "skole", "enhet" …, `KINDS`, also inside compounds: "eierkommune", "X-kommune") or asks a
breakdown by it, and names the measure by the words of one column head (stems, compound parts and words of one
meaning: "folketall" ~ «Innbyggere», "eierskap" ~ «Eierandel», "nedgang" ~ «Endring …»). A table that prints no
column the question names is never read. The table is the organisation's the question names (the company's own
table: its rows are the company's members). A year asked is the table's when its figures are dated that year or
its caption or heading prints it («INNBYGGERE pr. 31.12.2001» dates columns that print no year).

One reading per operation, each from the cells as printed with their document, page and caption:
rank (`RANK_HIGH`/`RANK_LOW`, a fall asked is the most negative change first; ties at the top all named), breakdown
(every row of the column in printed order and the total row), count (the body rows), total (the printed total row of
the column) and share (one row's figure, the total row's and the row's per cent of it, computed in the SQL shown).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.engine.families.base import Question, Reading, sql_str
from app.engine.families.ranking import TOTAL_ROWS

TOTAL_ROW = re.compile(TOTAL_ROWS, re.I)

NAME = "unit_table"

# the kinds of row a question may ask for, as stems (language data, nb/nn/en/sv): organisations that own or make up a
# company, and the units of an organisation
ORGANISATION_KINDS = ("kommun", "eier", "eigar", "owner", "medlem", "member", "deltak", "deltakar", "municipal",
                      "fylk", "county", "selskap", "company", "kund", "customer")
UNIT_KINDS = ("skol", "skul", "school", "barnehag", "kindergart", "enhet", "eining", "unit", "avdeling", "department",
              "område", "sektor", "sector", "tjenest", "tenest", "service", "virksomhet", "verksemd",
              "institusjon", "sykehjem", "sjukeheim")
KINDS = ORGANISATION_KINDS + UNIT_KINDS
# words that ask the rows one by one ("fordel … på kommune", "per eier", "broken down by school")
BREAKDOWN_CUES = (r"fordel\w*", r"breakdown", r"broken down", r"split\w*", r"distribut\w*", r"fordeling\w*",
                  r"(?:per|pr\.?|på|by|for hver|for kvar|for each|each|etter|across) \w+")
SHARE_CUES = (r"andel(?:en)? av", r"share of", r"prosent(?:del)? av", r"percent(?:age)? of", r"del av",
              r"proportion of", r"hvor stor del", r"kor stor del")
COUNT_CUES = (r"hvor mange", r"kor mange", r"how many", r"hur många", r"antall", r"talet på", r"number of")
# a column head's words that say nothing of the measure: dates, "pr.", "per", units of time
_HEAD_NOISE = re.compile(r"\d[\d.,/-]*|\b(?:pr|per|pa|kr|i|of|the|og|and)\b\.?", re.I)
# words naming one measure in a question and a column head (language data, stems): the ownership column, the change
# column, the population column
SAME_COLUMN = (frozenset({"eierandel", "eierskap", "eierdel", "eigarandel", "eigarskap", "eigardel", "ownership",
                          "andel", "eierprosent", "ägarandel"}),
               frozenset({"endring", "endr", "nedgang", "økning", "auk", "vekst", "change", "tilvekst", "reduksjon",
                          "decreas", "increas", "declin", "growth", "förändring"}),
               frozenset({"abonnent", "abonnement", "kund", "subscrib", "customer"}))


# words that ask a change (language data): the change column of a table is what they name
CHANGE_WORDS = (r"endr\w*", r"økning\w*", r"auke", r"auka", r"vekst\w*", r"change\w*", r"increase\w*", r"growth",
                r"tilvekst\w*", r"reduksjon\w*", r"förändring\w*")


@dataclass(frozen=True)
class TableShape:
    file_name: str
    table_number: int
    organisation: str | None
    caption: str | None
    heading: str | None
    page: int | None
    columns: tuple[tuple[str, int | None], ...]  # (column head as printed, the year it prints or None)
    rows: tuple[str, ...]                          # body row labels in printed order
    totals: tuple[str, ...]                        # total row labels
    years: frozenset[int]                          # the years its figures are dated
    percent_columns: frozenset[str] = frozenset()


def table_shapes(con, cols: frozenset[str]) -> tuple[TableShape, ...]:
    """Every table of the warehouse's report cells as a TableShape (one query)."""
    heading = "heading_path" if "heading_path" in cols else "null"
    percent = "is_percent" if "is_percent" in cols else "false"
    rows = con.execute(
        f"select file_name, table_number, any_value(organisation), any_value(caption), any_value({heading}), "
        "min(page), list(distinct struct_pack(h := column_label, y := column_year)), "
        "list(row_label order by line, row_order) filter (where value is not null), "
        "list(distinct value_year) filter (where value_year is not null), "
        f"list(distinct column_label) filter (where coalesce({percent}, false)) "
        "from fct_report_cell where row_label is not null and column_label is not null and table_number is not null "
        "group by 1, 2").fetchall()
    out = []
    for file_name, number, org, caption, head, page, heads, labels, years, pct in rows:
        ordered = list(dict.fromkeys(labels or []))
        out.append(TableShape(
            file_name=file_name, table_number=number, organisation=org, caption=caption, heading=head, page=page,
            columns=tuple((h["h"], h["y"]) for h in heads or () if h["h"]),
            rows=tuple(r for r in ordered if not TOTAL_ROW.match(r)),
            totals=tuple(r for r in ordered if TOTAL_ROW.match(r)),
            years=frozenset(years or ()), percent_columns=frozenset(pct or ())))
    return tuple(out)


def _kind_of(stem_: str) -> str | None:
    """The kind a question's word names, also as a part of a compound ("eierkommun" -> eier, "hamos-kommun" ->
    kommun): the last kind it holds (the head of the compound)."""
    found = [(stem_.rfind(k), k) for k in KINDS if stem_.startswith(k) or stem_.endswith(k) or f"-{k}" in stem_]
    return max(found)[1] if found else None


def asked_kinds(q: Question) -> list[str]:
    from app.engine.wordforms import EN_TO_NB, stem, words

    out = []
    for w in words(q.text):
        nb = EN_TO_NB.get(w, w)
        for x in (nb,) if isinstance(nb, str) else nb:
            k = _kind_of(stem(x))
            if k and k not in out:
                out.append(k)
    return out


def name_like(label: str, kinds: list[str]) -> bool:
    """A row label naming a thing: a proper name ("Bømlo", "Nord-Fron", "Øvre Eiker"), or a label printing the kind
    asked ("Rådhuset skole"); never a figure, a sentence or an account line ("Lønn og sosiale utgifter")."""
    text = label.strip().rstrip(":").strip()
    ws = text.split()
    if not ws or len(ws) > 4 or re.search(r"\d", text):
        return False
    if all(w[:1].isupper() for w in ws):
        return True
    from app.engine.wordforms import stem, words

    return any(k in stem(w) for w in words(text.lower()) for k in kinds if k in UNIT_KINDS)


def _head_stems(head: str) -> list[str]:
    from app.engine.wordforms import content_stems

    return [s for s in content_stems(_HEAD_NOISE.sub(" ", head)) if len(s) >= 3]


def _same(a: str, b: str) -> bool:
    """One question stem and one head stem naming the same thing: equal, one the other's compound part (four letters
    or more), or words of one meaning (`SAME_COLUMN`, `wordforms.SAME_THING`)."""
    from app.engine.wordforms import SAME_THING

    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and (long_.startswith(short) or long_.endswith(short)):
        return True
    for group in (*SAME_COLUMN, *SAME_THING):
        def member(s):
            return any(s == m or len(m) >= 5 and (s.startswith(m) or s.endswith(m)) for m in group)
        if member(a) and member(b):
            return True
    return False


def column_score(asked: list[str], head: str) -> int:
    """How well the column head names the question's measure: the question's words it names and its own words named
    (a compound asked, "næringsabonnentene", names «Abonnenter … Næring» by two of its words, «… Hushold.» by one)."""
    heads = _head_stems(head)
    words_named = sum(1 for a in asked if any(_same(a, h) for h in heads))
    return words_named + sum(1 for h in heads if any(_same(a, h) for a in asked)) if words_named else 0


def _measure_words(q: Question, exclude: set[str]) -> list[str]:
    from app.engine.families.measures import cue
    from app.engine.families.ranking import LOSS_CUES, RANK_HIGH, RANK_LOW
    from app.engine.wordforms import EN_TO_NB, content_stems

    rank_words, fall_words = cue(RANK_HIGH + RANK_LOW + ("minste", "største")), cue(LOSS_CUES)
    out = []
    for w in re.findall(r"[a-zæøåäö][a-zæøåäö-]+", q.text):
        if rank_words.fullmatch(w):
            continue
        if fall_words.fullmatch(w) or cue(CHANGE_WORDS).fullmatch(w):  # "nedgang", "økning": the change column
            out.append("nedgang")
            continue
        nb = EN_TO_NB.get(w, w)
        for x in (nb,) if isinstance(nb, str) else nb:
            for s in content_stems(x):
                if s not in exclude and len(s) >= 3 and s not in out:
                    out.append(s)
    return out


def asked_all(q: Question) -> list[str]:
    """The question's measure words, a change word read as "nedgang" (`_measure_words`)."""
    return _measure_words(q, set())


@dataclass(frozen=True)
class Pick:
    table: TableShape
    column: str
    score: int


def _measure_held(q: Question, pick: Pick, exclude: set[str]) -> bool:
    """A change column named only by the change word ("how much did the turnover change"): the table holds the measure
    asked only when another word of the question names its caption, heading or another column ("nedgang i
    folketallet" ~ «Innbyggere»); else the change is another measure's."""
    # (a kind word that names the column itself counts: "eierskapet" of «Eierandel»)
    asked = [a for a in _measure_words(q, exclude) if not _kind_of(a) or column_score([a], pick.column)]
    if column_score([a for a in asked if a != "nedgang"], pick.column):
        return True
    others = [a for a in asked if a != "nedgang"]
    t = pick.table
    return any(column_score(others, text) for text in (t.caption or "", t.heading or "", *(h for h, _ in t.columns)))


def operation(q: Question, kinds: list[str], named_rows: list[str]) -> str | None:
    from app.engine.families.measures import has_any
    from app.engine.families.ranking import LOSS_CUES, RANK_HIGH, RANK_LOW

    if named_rows and has_any(q.text, SHARE_CUES):
        return "share"
    if named_rows:
        return None  # one row's own figure: the cell lookup answers it
    if has_any(q.text, RANK_HIGH + RANK_LOW + (r"minste", r"største", r"smallest", r"biggest") + LOSS_CUES) and (
            kinds or has_any(q.text, (r"hvilke[nt]?", r"which", r"kva", r"hvem", r"who"))):
        return "rank"
    m = re.search(r"(?:hvor|kor|how|hur) (?:mange|many|många) ([a-zæøåäö-]{3,})", q.text)
    if m and _kind_of(_stem(m.group(1))):
        return "count"
    if kinds and has_any(q.text, BREAKDOWN_CUES) and not has_any(q.text, COUNT_CUES):
        return "breakdown"
    if has_any(q.text, COUNT_CUES + (r"hvor mye", r"kor mykje", r"how much", r"totalt?", r"samlet", r"i alt",
                                     r"in total", r"til sammen")):
        return "total"
    return None


def _stem(w: str) -> str:
    from app.engine.wordforms import EN_TO_NB, stem

    nb = EN_TO_NB.get(w, w)
    return stem(nb if isinstance(nb, str) else nb[0])


def _caption_years(t: TableShape) -> set[int]:
    return {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", f"{t.caption or ''} {t.heading or ''}")}


def find(q: Question, vocab) -> tuple[str, Pick, list[str], list[str]] | None:
    """The operation asked, the table and column it is read from, the rows the question names and the owners; None
    when the question is not about such a table."""
    data = getattr(vocab, "data", None)
    cv = data.cells if data is not None else None
    tables = getattr(cv, "tables", ()) if cv is not None else ()
    if not tables:
        return None
    from app.engine.families.cell_lookup import match_organisations
    from app.engine.families.scope import find_documents
    from app.engine.wordforms import stem, words

    terms = q.terms(cv.known)
    orgs = match_organisations(cv.organisations, terms)
    docs, doc_words = ([], set()) if orgs else find_documents(q.raw, data.documents, cv.known)
    if not orgs and not docs:
        return None
    files = {d.file_name for d in docs}
    owned = [t for t in tables if (t.organisation in orgs) or t.file_name in files]
    if not owned:
        return None
    kinds = asked_kinds(q)
    owner_stems = {stem(w) for o in orgs for w in words(o)} | set(doc_words)
    qwords = {stem(w) for w in words(q.text)} | set(words(q.text))
    years = set(q.period.years)
    best: list[Pick] = []
    for t in owned:
        if len(t.rows) < 2 or not all(name_like(r, kinds) for r in t.rows):
            continue
        if years and not years & (set(t.years) | _caption_years(t)):
            continue
        # the rows named by the question ("… bodde i Orkdal")
        exclude = owner_stems | {s for r in t.rows for s in (stem(w) for w in words(r))}
        asked = [a for a in _measure_words(q, exclude) if not _kind_of(a) or column_score([a], " ".join(
            h for h, _ in t.columns))]
        for head, year in t.columns:
            if years and year is not None and year not in years:
                continue
            n = column_score(asked, head)
            if n:
                best.append(Pick(t, head, n))
    if not best:
        return None
    top = max(p.score for p in best)
    picks = [p for p in best if p.score == top]
    if len({(p.table.file_name, p.table.table_number, p.column) for p in picks}) != 1 and "nedgang" in asked_all(q):
        # a change asked ("størst nedgang i elevtallet"): the change column, the other word says what changed
        changed = [p for p in picks if column_score(["nedgang"], p.column)]
        picks = changed or picks
    if len({(p.table.file_name, p.table.table_number, p.column) for p in picks}) != 1:
        # two columns named alike: the one whose year is asked, else none (never a guess)
        dated = [p for p in picks if any(y in years for h, y in p.table.columns if h == p.column)]
        if len(dated) != 1:
            return None
        picks = dated
    pick = picks[0]
    if not _measure_held(q, pick, owner_stems):
        return None
    named_rows = [r for r in pick.table.rows if {stem(w) for w in words(r)} <= qwords]
    op = operation(q, kinds, named_rows)
    if op is None:
        return None
    if op == "total" and not pick.table.totals:
        return None
    if op == "share" and (not pick.table.totals or len(named_rows) != 1 or pick.column in pick.table.percent_columns):
        return None
    return op, pick, named_rows, orgs or sorted({d.organisation or d.file_name for d in docs})


def read(q: Question, vocab, ops: tuple[str, ...]) -> Reading | None:
    found = find(q, vocab)
    if found is None or found[0] not in ops:
        return None
    op, pick, named_rows, owners = found
    return reading(q, op, pick, named_rows, owners)


def count_read(q: Question, vocab) -> Reading | None:
    """"How many owner municipalities does X have": the body rows of X's table of its owners, when the question names
    a kind of row and X prints one table of named rows under a caption, heading or column head naming the modifier of
    the kind ("eier" of "eierkommuner" in «Eierandel», «Eierforhold»)."""
    data = getattr(vocab, "data", None)
    cv = data.cells if data is not None else None
    tables = getattr(cv, "tables", ()) if cv is not None else ()
    m = re.search(r"(?:hvor|kor|how|hur) (?:mange|many|många) ([a-zæøåäö-]{3,})", q.text)
    if not tables or not m:
        return None
    counted = _stem(m.group(1))
    kind = _kind_of(counted)
    if not kind:
        return None
    from app.engine.families.cell_lookup import match_organisations
    from app.engine.wordforms import stem, words

    terms = q.terms(cv.known)
    orgs = match_organisations(cv.organisations, terms)
    if not orgs:
        return None
    # the counted word's other part names the table ("eier" of "eierkommun"); a plain kind ("kommuner") any table of them
    rest = [p for p in (counted[:counted.find(kind)].strip("-s"), counted[counted.find(kind) + len(kind):]) if len(p) >= 4]
    years = set(q.period.years)
    fits = []
    for t in tables:
        if t.organisation not in orgs or len(t.rows) < 2 or not all(name_like(r, [kind]) for r in t.rows):
            continue
        if years and not years & (set(t.years) | _caption_years(t)):
            continue
        said = {stem(w) for text in (t.caption or "", t.heading or "", *(h for h, _ in t.columns)) for w in words(text)}
        if rest and not any(_same(p, s) for p in rest for s in said):
            continue
        if not rest and not any(_same(kind, s) for s in said):
            continue
        fits.append(t)
    if len(fits) != 1:
        return None
    return reading(q, "count", Pick(fits[0], "", 1), [], orgs)


def reading(q: Question, op: str, pick: Pick, named_rows: list[str], owners: list[str]) -> Reading:
    from app.engine.families.measures import has_any
    from app.engine.families.ranking import LOSS_CUES, RANK_LOW
    from app.engine.format import format_number

    t, en = pick.table, q.lang == "en"
    table = [f"c.file_name = {sql_str(t.file_name)}", f"c.table_number = {int(t.table_number)}", "c.value is not null"]
    if pick.column:
        table.append(f"c.column_label = {sql_str(pick.column)}")
    body = f"not regexp_matches(lower(c.row_label), {sql_str(TOTAL_ROWS)})"
    cols = ("c.row_label, c.value, c.column_label, c.caption, c.table_number, c.page, "
            "c.file_name as source_document, c.page as source_page, c.excerpt as source_excerpt")
    where = " and ".join(table)
    order = "desc"
    if op == "rank":
        fall = has_any(q.text, LOSS_CUES)
        low = has_any(q.text, RANK_LOW + (r"minste", r"smallest"))
        order = "asc" if fall != low else "desc"  # the largest fall is the most negative change
        which = has_any(q.text, (r"hvilke[nt]?", r"which", r"kva", r"hvem", r"who", r"minste", r"største"))
        keep = ("\nqualify rank() over (order by c.value " + order + ") = 1") if which else ""
        sql = f"select {cols}\nfrom fct_report_cell as c\nwhere {where} and {body}{keep}\norder by c.value {order}, c.line"
    elif op == "breakdown":
        sql = (f"select {cols}, not ({body}) as is_total\nfrom fct_report_cell as c\nwhere {where}\n"
               "order by is_total, c.line, c.row_order")
    elif op == "count":
        sql = ("select count(*) as value, string_agg(row_label, '; ' order by line) as counted_rows,\n"
               "       any_value(caption) as caption, min(page) as page, any_value(file_name) as source_document,\n"
               "       min(page) as source_page, any_value(caption) as source_excerpt\n"
               "from (select c.row_label, min(c.line) as line, any_value(c.caption) as caption, min(c.page) as page,\n"
               f"             any_value(c.file_name) as file_name\n      from fct_report_cell as c\n      where {where} and {body}\n"
               "      group by c.row_label)")
    elif op == "total":
        sql = f"select {cols}\nfrom fct_report_cell as c\nwhere {where} and not ({body})\norder by c.line limit 1"
    else:  # share: the row's figure, the total row's and the per cent
        sql = (f"with r as (select {cols} from fct_report_cell as c where {where} and c.row_label = "
               f"{sql_str(named_rows[0])} limit 1),\n"
               f"s as (select c.row_label as total_label, c.value as total from fct_report_cell as c where {where} "
               f"and not ({body}) order by c.line limit 1)\n"
               "select r.row_label, r.value, s.total_label, s.total, round(100.0 * r.value / s.total, 1) as share_pct,\n"
               "       r.column_label, r.caption, r.table_number, r.page, r.source_document, r.source_page, "
               "r.source_excerpt\nfrom r cross join s where s.total <> 0")
    caption = t.caption or t.heading or (f"table {t.table_number}" if en else f"tabell {t.table_number}")
    where_said = (f"«{caption}», {t.file_name}, " + ("page " if en else "side ") + str(t.page))
    what = {"rank": ("rows of the table in order" if en else "radene i tabellen i rekkefølge"),
            "breakdown": ("every row of the table" if en else "alle radene i tabellen"),
            "count": ("the number of rows of the table" if en else "antall rader i tabellen"),
            "total": ("the total row of the table" if en else "sumraden i tabellen"),
            "share": ("a row's share of the table's total" if en else "radens andel av tabellens sum")}[op]
    interp = f"{what} «{caption}», {', '.join(owners)}" + (f", {'column' if en else 'kolonne'} «{pick.column}»"
                                                           if pick.column else "")
    if q.period.years:
        interp += ", " + ", ".join(map(str, q.period.years))

    def sentence(columns, rows, lang):
        e = lang == "en"
        d = [dict(zip(columns, r)) for r in rows]
        head = f"«{pick.column}»" if pick.column else ""
        if op == "count":
            x = d[0]
            return (f"{int(x['value'])}, counted from the rows of the table {where_said}: {x['counted_rows']} (not a "
                    "governed measure)." if e else
                    f"{int(x['value'])}, talt fra radene i tabellen {where_said}: {x['counted_rows']} (ikke et styrt "
                    "mål).")
        if op == "share":
            x = d[0]
            pct = format_number(x["share_pct"]) + (" %" if not e else "%")
            return (f"{x['row_label']} {format_number(x['value'])} of {x['total_label']} {format_number(x['total'])} "
                    f"({head}): {pct}, computed from the table {where_said} (not a governed measure)." if e else
                    f"{x['row_label']} {format_number(x['value'])} av {x['total_label']} {format_number(x['total'])} "
                    f"({head}): {pct}, regnet ut fra tabellen {where_said} (ikke et styrt mål).")
        if op == "total":
            x = d[0]
            return (f"{x['row_label']} {head}: {format_number(x['value'])} (the table's total row, {where_said}; not a "
                    "governed measure)." if e else
                    f"{x['row_label']} {head}: {format_number(x['value'])} (tabellens sumrad, {where_said}; ikke et "
                    "styrt mål).")
        pct = (" %" if not e else "%") if pick.column in t.percent_columns else ""
        shown = "; ".join(f"{x['row_label'].strip().rstrip(':')} {format_number(x['value'])}{pct}" for x in d)
        lead = ("Rows of the report table " if e else "Radene i rapporttabellen ") + (
            ("in order" if e else "i rekkefølge") if op == "rank" else ("as printed" if e else "slik de er trykt"))
        return f"{lead} ({head}, {where_said}; {'not a governed measure' if e else 'ikke et styrt mål'}): {shown}."

    def chart(columns, rows):
        return {"kind": "bar", "x": "row_label", "y": "value"} if op in ("rank", "breakdown") and len(rows) > 1 else None

    source = ("report tables, as printed (not a governed measure)" if en else
              "rapporttabeller, slik de er trykt (ikke et styrt mål)")
    return Reading("cell_ranking" if op == "rank" else NAME, source, sql, interp, sentence=sentence, chart=chart,
                   empty_reason=("The table has no such figures." if en else "Tabellen har ingen slike tall."))
