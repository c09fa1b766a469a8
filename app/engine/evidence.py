"""The last look before a refusal: the report's own evidence for the organisation and period asked.

Every path of the engine can end in a refusal ("Which measure?", "Not reported for X 2020", "No figures in the data
for …", "The report tables hold no «…» for X") although a table cell or a sentence of the organisation's report for
the year asked states the figure: a cue word sent the question to a governed path that has no value for it. Before
such a refusal is given, the engine asks the evidence search (app.engine.families.label_search: row labels, captions
and the words beside each figure; then app.engine.families.retrieve: the one sentence the question's words name).

The pure checks here decide whether the evidence found may stand for the question asked — never a nearby figure:

- a name the question writes that the data resolves to no organisation or unit (a capitalised word, an acronym, a
  possessive: "Haugesund", "KS") must be printed in the evidence itself (its rows, sentence, caption or document),
  so an organisation that is not loaded is never answered with another's figure;
- a part of a year asked (quarter, tertial, half, month) must be the only part of that kind the evidence writes
  ("I 2. kvartal …" answers no 3rd quarter, a table printing all four quarters in one line answers none);
- and the answer says plainly where it was read (the report's table «caption», page / the report's text, page) and
  that it is not a governed measure (`lead`).
"""
from __future__ import annotations

import re

from app.engine.periods import find_period
from app.engine.text import normalise
from app.engine.wordforms import EN_TO_NB, STOPWORDS, fold, stem, words

# the parts of a year a question can ask, as `periods.Period` holds them
PARTS = ("quarters", "tertials", "halves", "months")


def evidence_text(result: dict) -> str:
    """Everything the evidence prints: its rows' words, its sentence and sources (document name and excerpt)."""
    bits = [str(c) for r in result.get("rows") or [] for c in r if isinstance(c, str)]
    for s in result.get("sources") or []:
        if isinstance(s, dict):
            bits += [str(s.get("document") or "").replace("_", " "), str(s.get("excerpt") or "")]
    return " ".join(bits)


def name_candidates(question: str, known: set[str]) -> list[str]:
    """The words the question writes as names (an acronym, a capitalised word that does not begin the question or a
    sentence, a possessive) that are no word of a name the data holds (`known`: stems and words of its organisations'
    and units' names), no stop word and no English word of the glossary ("City", "Which")."""
    out = []
    for m in re.finditer(r"[\wæøåäöÆØÅÄÖ][\w\-æøåäöÆØÅÄÖ']*", question):
        tok = m.group(0)
        bare = re.sub(r"'s?$", "", tok)
        before = question[:m.start()].rstrip()
        starts = not before or before[-1] in ".?!:;"
        acronym = bare.isupper() and len(bare) >= 2 and not re.fullmatch(r"Q[1-4]|\d+", bare)
        named = bare[:1].isupper() and not starts
        if not (acronym or named or tok.endswith("'s") and not starts):
            continue
        low = bare.lower()
        if low in STOPWORDS or low in EN_TO_NB or low in known or stem(low) in known:
            continue
        if find_period(normalise(bare)).words:  # "December", "Q3"
            continue
        out.append(bare)
    return list(dict.fromkeys(out))


def names_printed(names: list[str], text: str) -> bool:
    """Every name is printed in the evidence's text, as written or as another Scandinavian language spells it."""
    printed = {fold(w) for w in words(normalise(text))}
    low = normalise(text)
    for name in names:
        n = normalise(name)
        if re.search(rf"(?<!\w){re.escape(n)}", low):
            continue
        f = fold(n)
        if not any(p == f or len(f) >= 4 and p.startswith(f) for p in printed):
            return False
    return True


def parts_fit(asked, text: str) -> bool:
    """Each part of a year the question asks (`asked`: its Period) is the only part of that kind the evidence writes."""
    written = find_period(normalise(text))
    for kind in PARTS:
        want = set(getattr(asked, kind) or ())
        if want and set(getattr(written, kind) or ()) != want:
            return False
    return True


def lead(result: dict, lang: str) -> str:
    """Where the answer was read, said plainly: the report's table «caption» (document, page) or its text (document,
    page), not a governed measure."""
    en = lang == "en"
    columns = result.get("columns") or []
    rows = result.get("rows") or []
    sources = [s for s in result.get("sources") or [] if isinstance(s, dict)]
    where = []
    for s in sources[:3]:
        doc = s.get("document") or ""
        page = s.get("page")
        where.append(f"{doc}{(', page ' if en else ', side ') + str(page) if page not in (None, '') else ''}")
    where = list(dict.fromkeys(w for w in where if w))
    place = f" ({'; '.join(where)})" if where else ""
    if "row_label" in columns or "caption" in columns:
        captions = []
        if "caption" in columns:
            i = columns.index("caption")
            captions = list(dict.fromkeys(str(r[i]) for r in rows if r[i]))[:2]
        table = (" " + " / ".join(f"«{c}»" for c in captions)) if captions else ""
        return (f"No governed measure holds this figure; it is read from the report's table{table}{place}. " if en else
                f"Ingen styrte mål har dette tallet; det er lest fra rapportens tabell{table}{place}. ")
    return (f"No governed measure holds this figure; it is read from the report's text{place}. " if en else
            f"Ingen styrte mål har dette tallet; det er lest fra rapportteksten{place}. ")


def known_name_words(vocab) -> set[str]:
    """The words and stems of every organisation and unit name the data holds (and their aliases)."""
    names = [*(getattr(vocab, "organisations", {}) or {}), *(getattr(vocab, "organisation_names", {}) or {}).values()]
    aliases = getattr(vocab, "unit_aliases", {}) or {}
    names += [*aliases, *(getattr(u, "unit_name", "") for u in aliases.values())]
    data = getattr(vocab, "data", None)
    if data is not None:
        names += [d.organisation for d in data.documents if getattr(d, "organisation", None)]
    return {x for n in names for w in words(normalise(str(n))) for x in (w, stem(w))}


# -- the table cells of the organisation asked ---------------------------------------------------------------------
#
# The table-cell counterpart of the sentence search: a cell's meaning is spread over its row label, its column header
# (the year taken out), its table's caption and its heading path. A candidate is one row of one table under one column
# header; it is scored by the question's content words (label_search.concepts, with the split compounds of
# `with_parts`) its four texts hold together, each word weighing by how rare it is among the organisation's texts.

CELL_FIELDS = ("row_label", "column", "caption", "heading_path")
# "how many …": a count is never read from a percent cell
COUNT_ASKED = re.compile(r"(?:hvor|kor|how|hur) (?:mange|many|många)\b|\b(?:number of|antall|antal)\b", re.I)


def _column_text(column_label, column_year) -> str:
    """A column header without the year it names ("Regnskap 2016" -> "Regnskap", "2017" -> "")."""
    text = str(column_label or "")
    if column_year is not None:
        text = re.sub(rf"(?<!\d){int(column_year)}(?!\d)", " ", text)
    return " ".join(text.split())


def cell_candidates(cells: list[dict]) -> dict[tuple, list[dict]]:
    """The cells grouped as candidates: one row of one table (document, table, caption, heading path, row label)
    under one column header without its year."""
    groups: dict[tuple, list[dict]] = {}
    for c in cells:
        if c.get("value") is None or not c.get("row_label"):
            continue
        column = _column_text(c.get("column_label"), c.get("column_year"))
        key = (c.get("file_name"), c.get("table_number"), c.get("caption") or "", c.get("heading_path") or "",
               c["row_label"], column)
        groups.setdefault(key, []).append(c)
    return groups


# a row label that prints its figure's year in brackets ("Serviceudgifter pr. indb. (2023) (Kr.)"): a key-figure
# table listing each row for its own year, whatever year the document is filed under
_ROW_YEAR = re.compile(r"\((?:19|20)(\d\d)\)")


def _cell_year(c: dict):
    """The year a cell's figure is for: its column's year, else the one year its row label prints in brackets, else
    the year it was filed under."""
    if c.get("column_year") is not None:
        return c.get("column_year")
    printed = {int(m.group(0)[1:-1]) for m in _ROW_YEAR.finditer(str(c.get("row_label") or ""))}
    return printed.pop() if len(printed) == 1 else c.get("value_year")


def other_unit_printed(question: str, found: dict) -> bool:
    """An amount or a percent asked (app.engine.asked_unit.unit_asked) where every figure the evidence shows is
    printed in the other unit and none in the one asked ("i kroner" asked of "4,2 prosent av driftsinntektene"); the
    evidence rows carry their printed text, not a unit column, so the printed text decides."""
    from app.engine.asked_unit import AMOUNT, PERCENT, unit_asked
    from app.engine.honest import STATED

    asked = unit_asked(question)
    if asked not in (AMOUNT, PERCENT):
        return False
    other = PERCENT if asked == AMOUNT else AMOUNT
    rows = [dict(zip(found.get("columns") or [], r)) for r in found.get("rows") or []]
    printed = [str(d.get("printed") or "") for d in rows]
    percent_cells = [bool(d.get("is_percent")) for d in rows]
    if not printed or not any(printed) and not any(percent_cells):
        return False
    in_other = [bool(STATED[other].search(p)) or (other == PERCENT and pc) for p, pc in zip(printed, percent_cells)]
    in_asked = [bool(STATED[asked].search(p)) for p in printed]
    return all(in_other) and not any(in_asked)


def words_not_held(cs: list, texts: list[str]) -> list[str]:
    """The question's content words (label_search.concepts, parts split) that none of `texts` holds in any form."""
    from app.engine.families.label_search import _in, _label_stems

    stems = [list(_label_stems(t)) for t in texts]
    short = frozenset().union(*(abbreviations(t) for t in texts)) if texts else frozenset()
    return [w for w, forms in cs if not any(_in(f, u) for u in stems for f in forms)
            and not any(abbreviated(f, short) for f in forms)]


def column_owner(column: str, owners: dict[str, str]) -> str | None:
    """The organisation asked that a comparison table's column head names by its name alone ("Nordvik 2031", or its head
    without the year, "Nordvik"; `owners`: cell_lookup.organisation_column_patterns of the organisations asked), or None."""
    hits = [name for name, pattern in owners.items() if re.search(pattern, (column or "").lower())]
    return hits[0] if len(hits) == 1 else None


def group_column(column: str) -> bool:
    """A column of a group of organisations or their average ("K.gr 13", "Landet uten Oslo", "Snitt fylket")."""
    from app.engine.families.cell_lookup import COMPARISON_COLUMN

    return re.search(COMPARISON_COLUMN, (column or "").lower()) is not None


# the question asks for a group's or the country's figure beside the organisation's ("compared with the national
# average", "mot kostragruppa", "snittet i fylket")
GROUP_ASKED = re.compile(r"(?i)(?<![\wæøå])(?:national|nationwide|landet|landsgjennomsnitt\w*|landssnitt\w*|"
                         r"kostra-?\s?grupp\w*|kostragrupp\w*|k\.?\s?gr\.?|gruppe\s?\d+|group\s?\d+|kostra group|"
                         r"fylke\w*|county average|average|snitt\w*|gjennomsnitt\w*|gj\.?\s?snitt)(?![\wæøå])")


def best_cells(cs: list, cells: list[dict], other_texts: list[str], years: list[int],
               count: bool = False, scenarios: list[tuple[str, ...]] = (),
               owners: dict[str, str] | None = None, group_asked: bool = False) -> list[dict] | None:
    """The cells of the one candidate that clearly answers: it holds every content word of the question that the
    organisation's texts (its cells' texts and `other_texts`, its sentences) hold anywhere — a word they never hold
    cannot be covered by any cell, and it weighs against every candidate alike —, the words it holds weigh at least
    half the question's (a rare word weighs more than a common one), its row label holds one of them (the row names
    the figure), and no other candidate holds as much with as few words of its own in its row label and column header; one cell for each year asked (`years`; none asked: the
    row's only year). A budget or deviation asked (`scenarios`: cell_lookup.asked_scenarios) is read only from cells
    of that scenario ("budgeted revenue" is no actual revenue). None when no candidate, or several that print
    different figures, fit.

    A comparison table prints the organisation asked beside others ("Nordvik 2031 | Sørdal 2031 | K.gr 13 2031"): a
    column is the figure of the organisation its head names (`owners`: the organisations asked, with the pattern of
    their column heads), so in a table where a head names one of them only the columns of those asked answer, each cell carrying
    the organisation of its column (`column_organisation`); a group's or the country's column ("K.gr 13", "Landet")
    answers only when the question asks for it (`group_asked`), and then beside the organisation's own."""
    from math import log

    from app.engine.families.label_search import _in, _label_stems, cover

    if not cs:
        return None
    groups = cell_candidates(cells)
    if not groups:
        return None
    stems_of, short_of = {}, {}
    for key in groups:
        _file, _table, caption, heading, row, column = key
        stems_of[key] = [s for t in (row, column, caption, heading) for s in _label_stems(t)]
        short_of[key] = abbreviations(row) | abbreviations(column)
    others = [list(_label_stems(t)) for t in other_texts]
    units = [*stems_of.values(), *others]
    n = len(units)

    def held_in(forms, stems, short=frozenset()) -> bool:
        return any(_in(f, stems) or abbreviated(f, short) for f in forms)

    df = {w: sum(1 for key in groups if held_in(forms, stems_of[key], short_of[key]))
          + sum(1 for u in others if held_in(forms, u)) for w, forms in cs}
    weight = {w: log((n + 1) / (df[w] + 1)) + 1 for w, _ in cs}
    held = [w for w, _ in cs if df[w]]
    if not held or not any(len(w) >= 4 for w in held):
        return None
    total = sum(weight.values())
    owners = owners or {}
    owner_of = {key: column_owner(key[5], owners) for key in groups}
    compared = {(key[0], key[1]) for key, owner in owner_of.items() if owner}  # tables naming an organisation asked
    # the words naming the group asked ("landet uten Oslo"): held by its column, never asked of the organisation's own
    group_words = {w for w, forms in cs for key in groups if group_asked and group_column(key[5])
                   and held_in(forms, list(_label_stems(key[5])), abbreviations(key[5]))}
    scored = []
    rows_apart: list[tuple] = []  # candidates holding only some of the words: rows a comparison names one by one
    for key, group in groups.items():
        if count and any(c.get("is_percent") for c in group):
            continue
        if group_column(key[5]) and not group_asked:
            continue  # a group's or the country's average is never the organisation's own figure
        if (key[0], key[1]) in compared and not owner_of[key] and not group_column(key[5]):
            continue  # another organisation's column of a comparison table
        if any(c.get("scenario") not in values for values in scenarios if "actual" not in values for c in group):
            continue
        stems = stems_of[key]
        hits = [w for w, forms in cs if held_in(forms, stems, short_of[key])]
        if set(held) - set(hits) - (group_words if not group_column(key[5]) else set()):
            rows_apart.append((key, hits))
            continue
        _file, _table, _caption, _heading, row, column = key
        if not any(any(_in(f, _label_stems(row)) for f in forms) for _w, forms in cs):
            continue  # the row label names the figure: a row holding none of the question's words is another figure
        got = sum(weight[w] for w in hits)
        # beside the group asked, the organisation's own column of the row is weighed without the group's words (and
        # without the words no text holds, "høyere enn"): it is read side by side with the group's (`_side_by_side`)
        beside = total - sum(weight[w] for w in group_words) - sum(weight[w] for w, _ in cs if not df[w])
        if got < (beside if group_words and not group_column(key[5]) else total) / 2:
            continue
        extra = cover(cs, row)[1] + (cover(cs, column)[1] if column else 0)
        picked = _for_years(group, years)
        if picked is None:
            continue
        scored.append(((round(got, 6), -extra), key, picked))
    if not scored:
        return _rows_compared(rows_apart, held, groups, cs, years)
    top = max(s for s, _, _ in scored)
    best = [(key, picked) for s, key, picked in scored if s == top]
    # the group's columns the question names by their words ("landet uten Oslo"), else (a group asked by no word a
    # head prints: "K.gr 13", "the KOSTRA group") every group's column of the row
    group_named = {key for key in groups if group_column(key[5]) and (not group_words or any(
        held_in(forms, list(_label_stems(key[5])), abbreviations(key[5])) for w, forms in cs if w in group_words))}
    side = _side_by_side(best, scored, owner_of, group_asked, group_named)
    if side is not None:
        return side
    figures = {tuple((_cell_year(c), c["value"]) for c in picked) for _, picked in best}
    if len(figures) != 1:
        return None  # several rows fit as well and print different figures: no clear winner
    key, picked = best[0]
    owner = owner_of.get(key)
    return [{**c, "column_organisation": owner} for c in picked] if owner else picked


# a word printed cut short with a period ("Hytteab.", "Innb.", "Abonn."): a column head's or row's abbreviation
_ABBREVIATION = re.compile(r"(?<![\wæøåäö])([a-zæøåäö]{4,})\.(?=\s|$|/)", re.I)


def abbreviations(label: str) -> frozenset[str]:
    """The words a short label (six words or fewer besides its notes in brackets) prints cut short with a period, lower-cased: "Hytteab." ->
    {"hytteab"}; a sentence's last word is no abbreviation."""
    label = label or ""
    if len(re.sub(r"\([^)]*\)", " ", label).split()) > 6:  # a note in brackets ("(2023) (Kr.)") is no word of it
        return frozenset()
    return frozenset(m.group(1).lower() for m in _ABBREVIATION.finditer(label))


def abbreviated(form: str, short: frozenset[str]) -> bool:
    """A form of the question that an abbreviation of the label begins ("hytteabonnent" ~ "Hytteab.")."""
    return any(len(form) > len(a) and form.startswith(a) for a in short)


def _rows_compared(apart: list, held: list[str], groups: dict, cs: list, years: list[int]) -> list[dict] | None:
    """The rows of one table under one column that a comparison names one by one ("Innbyggere Vestby mot Østby":
    the rows «Vestby kommune» and «Østby kommune» under «Innbyggere»): two to four candidates of the same column
    whose words besides the ones they share are each a different word of the question, together holding every word
    held; each row's cells for the years asked. None when no such rows."""
    by_column: dict[tuple, list] = {}
    for key, hits in apart:
        by_column.setdefault((key[0], key[1], key[2], key[3], key[5]), []).append((key, set(hits)))
    found = None
    for _column, members in by_column.items():
        shared = set.intersection(*(h for _, h in members))
        own = [(key, hits - shared) for key, hits in members if hits - shared]
        if not 2 <= len(own) <= 4 or set(held) - (shared | set().union(*(h for _, h in own))):
            continue
        if any(a & b for i, (_, a) in enumerate(own) for _, b in own[i + 1:]):
            continue  # two rows holding the same word of the question: which one is named is not told
        if not shared:
            continue  # nothing but the names: what is compared is not said by the column
        picked = []
        for key, _ in own:
            cells = _for_years(groups[key], years)
            if cells is None:
                return None
            picked += cells
        if found is not None:
            return None  # two tables or columns fit alike
        found = picked
    return found


def _side_by_side(best: list, scored: list, owner_of: dict, group_asked: bool, group_named: set = frozenset()
                  ) -> list[dict] | None:
    """The columns of one row of a comparison table that answer a question asking two organisations, or an
    organisation and a group: every candidate of the best row whose column names an organisation asked (or is the
    group's column the question names, `group_named`), when they are two or more and name different ones; each cell with its column's organisation."""
    if not best:
        return None
    row = best[0][0][:5]
    same = [(key, picked) for _s, key, picked in scored if key[:5] == row
            and (owner_of.get(key) or group_asked and group_column(key[5]) and key in group_named)]
    whose = [owner_of.get(key) or key[5] for key, _ in same]
    if len(same) < 2 or len(set(whose)) != len(whose) or not any(owner_of.get(key) for key, _ in same) \
            or any(key[:5] != row for key, _ in best):
        return None
    return [{**c, "column_organisation": who} for (key, picked), who in zip(same, whose) for c in picked]


def _for_years(group: list[dict], years: list[int]) -> list[dict] | None:
    """One cell for each year asked (one figure printed for it), or the row's only year when none is asked."""
    by_year: dict = {}
    for c in group:
        by_year.setdefault(_cell_year(c), []).append(c)
    wanted = list(years) if years else list(by_year)
    if not years and len(wanted) != 1:
        return None
    out = []
    for y in wanted:
        cells = by_year.get(y) or []
        if len({c["value"] for c in cells}) != 1:
            return None
        out.append(cells[0])
    return out


def cell_reading(q, cells: list[dict]):
    """The cells found, read as the report prints them: organisation, year, value, row label, column header,
    caption, with their document, page and line as the source."""
    from app.engine.families.base import Reading, sql_str
    from app.engine.format import format_number

    en = q.lang == "en"
    conds = []
    for c in cells:
        parts = [f"c.file_name = {sql_str(str(c['file_name']))}", f"c.row_label = {sql_str(str(c['row_label']))}"]
        for col in ("table_number", "page", "line"):
            parts.append(f"c.{col} = {int(c[col])}" if c.get(col) is not None else f"c.{col} is null")
        for col in ("column_label", "caption", "heading_path"):
            parts.append(f"c.{col} = {sql_str(str(c[col]))}" if c.get(col) is not None else f"c.{col} is null")
        parts.append(f"c.value = {float(c['value'])!r}")
        conds.append("(" + " and ".join(parts) + ")")
    # a comparison table's cell is the organisation's its column names (evidence.best_cells), else the reporter's
    whose = {(str(c["column_label"]), str(c["column_organisation"])) for c in cells
             if c.get("column_organisation") and c.get("column_label") is not None}
    organisation = ("case " + " ".join(f"when c.column_label = {sql_str(label)} then {sql_str(who)}"
                                        for label, who in sorted(whose)) + " else c.organisation end"
                    if whose else "c.organisation")
    # the year each cell is for (`_cell_year`: a row label may print it, "(2023)"), where it is not the one stored
    printed = [(cond, _cell_year(c)) for cond, c in zip(conds, cells)
               if _cell_year(c) is not None and _cell_year(c) != (c.get("column_year") or c.get("value_year"))]
    year = ("case " + " ".join(f"when {cond} then {int(y)}" for cond, y in printed)
            + " else coalesce(c.column_year, c.value_year) end" if printed else "coalesce(c.column_year, c.value_year)")
    sql = (f"select distinct {organisation} as organisation, {year} as year, c.value, "
           "c.is_percent,\n"
           "       c.row_label, c.column_label, c.caption, c.heading_path,\n"
           "       c.file_name as source_document, c.page as source_page, c.excerpt as source_excerpt\n"
           "from fct_report_cell as c\nwhere " + "\n   or ".join(conds) + "\norder by year")
    label = cells[0]["row_label"]
    interpretation = (f"the report's table row «{label}» (not a governed measure)" if en else
                      f"rapportens tabellrad «{label}» (ikke et styrt mål)")

    def sentence(columns, rows, lang):
        e = lang == "en"
        shown = []
        for r in rows:
            d = dict(zip(columns, r))
            number = format_number(d["value"]) + (" %" if d.get("is_percent") else "")
            header = _column_text(d.get("column_label"), d.get("year"))
            column = f", {header}" if header else ""
            shown.append(f"«{d['row_label']}»{column} ({d.get('year')}): {number}")
        return ("Read from the report's table (not a governed measure): " if e else
                "Lest fra rapportens tabell (ikke et styrt mål): ") + "; ".join(shown) + "."

    from app.engine.families.label_search import NAME

    return Reading(NAME, ("the report tables, as printed (not a governed measure)" if en else
                          "rapporttabellene, slik de er trykt (ikke et styrt mål)"), sql, interpretation,
                   sentence=sentence, empty_reason=("The report tables have no such figure." if en else
                                                    "Rapporttabellene har ikke noe slikt tall."))
