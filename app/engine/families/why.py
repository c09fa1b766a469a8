"""Why-questions ("Hvorfor gikk området med merforbruk i 2020?", "Why did the company end 2014 with a surplus?"):
a figure says what, the report's running text says why. Once a figure answers the question, the sentences
that state it in the text of the same organisation's report, and the sentences right around them (the reasons a
report gives sit next to the figure), are the answer — each with its figures, read as written, not a governed
measure.

Pure: `read(q, vocab, figures)` gets the figures the first answer gave (value, organisations) and returns a
Reading over fct_report_prose_figure, or None when the question asks no why or the text states none of them.
"""
from __future__ import annotations

import re

from app.engine.families.base import Question, Reading, sql_str
from app.engine.format import format_number

NAME = "why"
WHY_CUES = (r"hvorfor", r"kvifor", r"why", r"how come", r"årsak\w*", r"grunnen", r"grunnar", r"reasons?",
            r"forklar\w*", r"explain\w*")
BEFORE, AFTER = 1, 6  # lines around the figure's sentence that give its reasons
MAX_FIGURES = 4


def asks_why(q: Question) -> bool:
    return q.has(*WHY_CUES)


def read(q: Question, vocab, figures: list[tuple[float, frozenset[str]]]) -> Reading | None:
    data = getattr(vocab, "data", None)
    if not asks_why(q) or data is None or not data.prose or not figures:
        return None
    hits = []
    for value, organisations in figures[:MAX_FIGURES]:
        if value is None or value == 0:
            continue
        v = abs(float(value))
        cond = f"abs(abs(h.value) - {v!r}) <= {v * 0.005!r}"
        if organisations:
            cond += " and h.organisation in (" + ", ".join(sql_str(o) for o in sorted(organisations)) + ")"
        hits.append("(" + cond + ")")
    if not hits:
        return None
    years = sorted(set(q.period.years))
    year_filter = (" and coalesce(h.value_year, h.report_year) in (" + ", ".join(map(str, years)) + ")") if years else ""
    sql = ("with h as (\n"
           "    select distinct h.file_name, h.page, h.line from fct_report_prose_figure as h\n"
           "    where (" + " or ".join(hits) + ")" + year_filter + "\n)\n"
           "select distinct f.organisation, f.value_year as year, f.value, f.unit, f.printed, f.text as sentence,\n"
           "       f.file_name as document, f.page, f.line, f.file_name as source_document, f.page as source_page,\n"
           "       f.text as source_excerpt\n"
           "from fct_report_prose_figure as f\n"
           "join h on f.file_name = h.file_name and f.page = h.page\n"
           f"      and f.line between h.line - {BEFORE} and h.line + {AFTER}\n"
           "where f.value is not null\n"
           "order by f.file_name, f.page, f.line")
    en = q.lang == "en"
    shown = ", ".join(format_number(v) for v, _ in figures[:MAX_FIGURES] if v)
    interpretation = (f"why: what the report text says around the figure {shown}" if en else
                      f"hvorfor: det rapportteksten skriver rundt tallet {shown}")

    def sentence(columns, rows, lang):
        e = lang == "en"
        said: list[str] = []
        figures_by_sentence: dict[str, list[str]] = {}
        for r in rows:
            d = dict(zip(columns, r))
            text = re.sub(r"\s+", " ", str(d.get("sentence") or "")).strip()
            if text not in figures_by_sentence:
                said.append(text)
                figures_by_sentence[text] = []
            figures_by_sentence[text].append(format_number(d["value"]))
        where_ = ""
        if rows:
            d = dict(zip(columns, rows[0]))
            where_ = f" ({d.get('document')}, {'page' if e else 'side'} {d.get('page')})"
        body = " ".join(f"«{t}» [{', '.join(figures_by_sentence[t])}]" for t in said[:6])
        return (("The report text explains (not a governed measure): " if e else
                 "Rapportteksten forklarer (ikke et styrt mål): ") + body + where_ + ".")

    return Reading(NAME, ("the report text, as written (not a governed measure)" if en else
                          "rapportteksten, slik den er skrevet (ikke et styrt mål)"), sql, interpretation,
                   sentence=sentence,
                   empty_reason=("The report text does not say why." if en else "Rapportteksten sier ikke hvorfor."))
