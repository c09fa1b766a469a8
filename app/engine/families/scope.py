"""Which loaded reports a question is about: a report is named by its organisation as read, its title or
the distinctive words of its file name ("ABC 2018", "Indre Eksempel", "ABC-rekneskapen"), so a figure
is only read from the report the question names. And which capitalised names the data does not know at
all (a name no report, unit or label carries is never answered with another organisation's figure).

Pure functions over app.engine.vocabulary.Document; no warehouse needed.
"""
from __future__ import annotations

import re

from app.engine.names import whole_names
from app.engine.text import ASCII_LETTERS
from app.engine.wordforms import STOPWORDS, stem, words
from flows.months import MONTH_NUMBER
from flows.org_kinds import DEFINITE_KINDS, ENGLISH_KINDS, kind_pattern, kind_words
from flows.unit_kinds import COMPOUND_KINDS, unit_kind_forms

# Words every report's name may carry (the kinds of body, flows/org_kinds.py; language, document kinds and file
# types), never what names one.
GENERIC = frozenset(stem(w.lower()) for w in kind_words(definite=True, english=True, legal=True)) | frozenset(
    stem(w) for w in """
interkommunale interkommunalt selskap selskapet council region regionen og i for the of and
arsrapport årsrapport arsmelding årsmelding rapport report annual melding arsberetning årsberetning beretning
dokument document kostradokument budsjett budget økonomiplan okonomiplan plan regnskap rekneskap
txt pdf docx doc html htm md xlsx csv json v1 v2 final utkast draft
""".split())
# a body's kind after its name ("Nordvik kommune", "Nordvik IKS", "Nordvik municipality") and the kind itself said
# definite ("kommunen", "heradet"): flows/org_kinds.py, the one home of these words
_KIND = kind_pattern(genitive=False, english=True, legal=True)
_KIND_ASKED = kind_pattern(genitive=False, english=True)
_DEFINITE = "(?:" + "|".join(w for w in DEFINITE_KINDS if not w.endswith("s")) + ")"
_ENGLISH = "(?:" + "|".join(ENGLISH_KINDS) + ")"


_FOLD = ASCII_LETTERS  # (one table: app.engine.text)


def fold(s: str) -> str:
    """File names are often written without æ, ø, å ("oyby" for "ØYBY"): names compare folded."""
    return s.translate(_FOLD)


def name_stems(file_name: str | None, organisation: str | None, title: str | None) -> frozenset[str]:
    text = " ".join(x for x in (re.sub(r"[_.]+", " ", file_name or ""), organisation or "", title or "") if x)
    return frozenset(fold(s) for s in (stem(w) for w in words(text))
                     if len(s) >= 3 and not s.isdigit() and s not in GENERIC and s not in STOPWORDS)


def _question_stems(raw: str) -> dict[str, str]:
    """stem -> the word as written ("SIM-rekneskapen" gives "sim" and "rekneskap")."""
    out: dict[str, str] = {}
    for w in words(raw):
        if not w.isdigit() and w not in STOPWORDS:
            out.setdefault(fold(stem(w)), w)
    return out


def find_documents(raw: str, documents, content: frozenset[str] | set[str] = frozenset()):
    """(documents named by the question, the question stems that named them). `content` are stems of the
    data's labels (table rows, captions): a file-name word that is also a label ("investeringar") names
    no report unless the question writes it with a capital letter."""
    asked = _question_stems(raw)
    content = {fold(c) for c in content}  # the question's stems are folded: the labels' too ("rammeområd" ~ "rammeomrad")
    capital = {fold(stem(t.lower())) for t in re.findall(r"[\wæøåÆØÅ]+", raw) if t[:1].isupper()}
    best, best_n, used = [], 0, set()
    for doc in documents:
        hits = {s for s in asked if s in doc.name_stems and (s not in content or s in capital)}
        if not hits:
            continue
        if len(hits) > best_n:
            best, best_n, used = [doc], len(hits), set(hits)
        elif len(hits) == best_n:
            best.append(doc)
            used |= hits
    return best, used


def unowned_documents(organisations, documents) -> list[str]:
    """File names of reports no organisation was read for whose file name or title names one of `organisations`
    ("eksempelstad_arsredovisning_2031.html" for "Eksempelstads Stad"): their figures are that organisation's too. The
    organisation's distinctive words (not its kind: "Stad", "kommune") decide, all of them."""
    out = []
    for org in organisations or ():
        own = {fold(s) for s in (stem(w) for w in words(org))
               if len(s) >= 3 and not s.isdigit() and s not in GENERIC and s not in STOPWORDS
               and w_kind(s) is False}
        if not own:
            continue
        out += [d.file_name for d in documents if not d.organisation and own <= d.name_stems and d.file_name not in out]
    return out


def w_kind(s: str) -> bool:
    """Whether a stem is a body's kind word ("stad", "kommun", "municipality"), not a name."""
    from flows.org_kinds import FORM_WORDS

    return s in {stem(w) for w in FORM_WORDS} or s in KIND_TITLES


def organisations_of_units(units, vocab) -> list[str]:
    """The organisations (as the documents name them) the units belong to; a unit that is an organisation itself is
    its own ("HAMOS" found as the unit "HAMOS Forvaltning IKS")."""
    owners = getattr(vocab, "unit_organisations", {}) or {}
    return sorted({owners.get(u.unit_key) or u.unit_name for u in units})


def sentence_starts(raw: str) -> set[int]:
    """Offsets of words that begin a sentence inside the question ("… i 2018? Ranger frå størst …")."""
    return {m.end() for m in re.finditer(r"[.?!:]\s+", raw)}


# English words for a body's kind written as a title before or after its name ("City of X", "X Municipality",
# "County of X"): the kind, never a name of its own (language data)
KIND_TITLES = frozenset(ENGLISH_KINDS) | {"city", "town", "municipal", "council", "borough"}


def strangers(raw: str, known: set[str] | frozenset[str], documents=()) -> list[str]:
    """Capitalised words inside the question (not its first word) that no label, name or report of the
    data carries in any form: a name the data does not know."""
    from flows.reports.organisation import is_report_word

    doc_stems: set[str] = set()
    for d in documents:
        doc_stems |= d.name_stems
    out = []
    starts = sentence_starts(raw)
    for i, m in enumerate(re.finditer(r"[\wæøåÆØÅ][\w\-æøåÆØÅ]*", raw)):
        tok = m.group(0)
        if i == 0 or m.start() in starts or not tok[:1].isupper() or tok.isupper() or len(tok) < 3 or any(c.isdigit() for c in tok):
            continue
        if tok.lower() in KIND_TITLES:
            continue  # "City of X": the kind of body, the name is X
        if tok.lower() in MONTH_NUMBER:
            continue  # "January", "Aug": a month, written with a capital in English, never a name
        if is_report_word(tok):
            continue  # "ifølge Kommunal Rapport", "i Årsmeldingen": the kind of a document, no name
        s_ = stem(tok.lower().split("-")[0])
        if fold(s_) in doc_stems or s_ in known:
            continue
        if any(k.startswith(s_) or s_.startswith(k) for k in known if len(k) >= 4):
            continue
        out.append(tok)
    return whole_names(raw, out)  # "Nedre Eksempelrike": one place, not two unknown words


# --- the scope a question asks against the scope its figures cover ----------------------------------------------
# A question about a whole year or a whole organisation is never answered with a quarter's figure or a part's
# figure without saying so: when every figure found is for a narrower period or a narrower part than asked, the
# engine refuses and offers the figures it has (app.engine.engine). Language data, not names.

_WHOLE_PERIOD = re.compile(
    r"(?<!\w)(?:(?:hele|heile|hela|whole|full|entire|gjennom hele|gjennom heile)\s+(?:the\s+)?(?:året|aret|år|year|\d{4})"
    r"|(?:the\s+)?(?:året|aret|year|\d{4})\s+(?:som helhet|sett under ett|under eitt|as a whole|in total|samla|samlet)"
    r"|full[- ]year|helår\w*|heilår\w*|(?:for|in) (?:all|the whole) of \d{4}"
    # the result of the year by its name ("årsresultatet", "the annual result"): never a part of the year's
    r"|årsresultat\w*|annual\s+result\w*|year-end\s+result\w*)(?!\w)", re.I)
_PART_PERIOD = re.compile(
    r"(?<!\w)(?:[1-4]\.\s*kvartal|kvartal\w*|quarter\w*|q[1-4]|tertial\w*|halvår\w*|half[- ]year\w*|delår\w*|"
    r"(?:first|second|third|fourth|last)\s+quarter|(?:januar[iy]?|februar[iy]?|mars|march|april|mai|maj|may|juni|june|"
    r"juli|july|august[i]?|september|oktober|october|november|desember|december)(?:\s+\d{4})?)(?!\w)", re.I)
# a report of part of a year by its kind, as its title or file name writes it ("delårsrapport", "umea_delarsrapport",
# "tertialrapport", "kvartalsrapport", "perioderapport", "interim report"): its figures are the part's unless the
# sentence says it states the whole year (or a forecast of it)
_PART_YEAR_REPORT = re.compile(r"(?<![a-zæøåäö])(?:del[åa]rs?\w*|tertial\w*|kvartals?rapport\w*|quarterly|"
                               r"perioderapport\w*|periodrapport\w*|måneds?rapport\w*|maneds?rapport\w*|"
                               r"månadsrapport\w*|manadsrapport\w*|halvårsrapport\w*|halvarsrapport\w*|interim)",
                               re.I)
_WHOLE_OR_FORECAST = re.compile(r"(?<!\w)(?:helår\w*|heilår\w*|årsprognos\w*|prognos\w*|forecast\w*|"
                                r"forvent\w*|förvänt\w*|full[- ]year|for (?:hele|heile) året|för hela året|"
                                r"for the (?:whole|full) year|budsjett\w*|budget\w*)(?!\w)", re.I)
# "the municipality's total", "kommunens totale": the whole organisation, in both patterns below
_ORG_TOTAL = (r"|(?:" + "|".join([*(f"{w}'s" for w in ENGLISH_KINDS), *(w for w in DEFINITE_KINDS if w.endswith("ns"))])
              + r"|organi[sz]ation's)\s+(?:total|totale|samla|samlede)(?!\w)")
_WHOLE_ORG = re.compile(
    r"(?<!\w)(?:hele|heile|hela|whole(?: of)?|entire|all of|samla for|samlet for)\s+(?:the\s+)?"
    rf"(?:[A-ZÆØÅ][\w\-æøåÆØÅ]*|{_DEFINITE}|organisasjonen|selskapet|{_ENGLISH}|organi[sz]ation|company)"
    # "<Name> kommune samlet", "Nordvik as a whole", "the municipality in total"
    rf"|(?:[A-ZÆØÅ][\w\-æøåÆØÅ]*(?:\s+{_KIND})?|{_DEFINITE}|organisasjonen|"
    rf"selskapet|(?:the\s+)?(?:{_ENGLISH}|organi[sz]ation|company))\s+"
    r"(?:samlet|samla|sett under ett|under eitt|i sin helhet|som helhet|as a whole)(?!\w)"
    + _ORG_TOTAL)
_ASKED_NAME = re.compile(r"(?<!\w)(?:hele|heile|hela|whole(?: of)?|entire|all of|samla for|samlet for)\s+(?:the\s+)?"
                         rf"([A-ZÆØÅ][\w\-æøåÆØÅ]*)|([A-ZÆØÅ][\w\-æøåÆØÅ]*)(?:\s+{_KIND})?\s+"
                         r"(?:samlet|samla|sett under ett|under eitt|i sin helhet|som helhet|as a whole)(?!\w)"
    + _ORG_TOTAL)
_DATE = re.compile(r"(?<!\w)\d{1,2}\.\s*(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|"
                   r"november|desember)(?!\w)|(?<!\w)\d{1,2}\.\d{1,2}\.\d{2,4}", re.I)
# a title or heading that narrows a report to a part of its organisation ("Årsrapport 2020 – Kommunedirektørens
# områder"): words of parts, not names
_PART_WORDS = frozenset(stem(w) for w in """område området områder område enhet enheten eining eininga avdeling avdelinga avdelingen
sektor sektoren seksjon stab tjenesteområde tenesteområde kontor senter senteret""".split())


def asks_whole_period(question: str) -> bool:
    """"for hele året", "heile 2022", "for the whole year 2022", "2021 som helhet" — and no part of it named."""
    return bool(_WHOLE_PERIOD.search(question)) and not _PART_PERIOD.search(_WHOLE_PERIOD.sub(" ", question))


def asks_whole_organisation(question: str) -> bool:
    """"sykefraværet for hele Eksempelby kommune", "the whole municipality"."""
    return bool(_WHOLE_ORG.search(question))


def asked_organisation(question: str) -> str | None:
    """The name a whole-organisation question writes ("Nordvik" of "hele Nordvik kommune", "Nordvik kommune samlet");
    None when it says only "kommunen", "the municipality"."""
    m = _ASKED_NAME.search(question)
    return (m.group(1) or m.group(2)) if m else None


def other_scope(evidence: str, others) -> str | None:
    """The text a figure was read from is about another organisation or a unit: it names one of `others` (names of
    units and of organisations other than the one asked, as the data writes them) or its sentence opens with a part
    of an organisation ("Området viser et mindreforbruk", "Enheten hadde"). Returns what it names, else None."""
    if not evidence:
        return None
    for name in others:
        if name and len(name) >= 3 and re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", evidence, re.I):
            return name
    first = re.match(r"\s*([\wæøåÆØÅ]+)", evidence)
    if first and stem(first.group(1).lower()) in _PART_WORDS:
        return first.group(1)
    return None


def other_scopes(question: str, units, organisations) -> list[str]:
    """Names of the units ((name, level) pairs) and of the organisations other than the one a whole-organisation
    question names, as the data writes them: a figure stored for, or read from a sentence about, one of them is not
    the organisation's. A unit asked by its own name ("HR-enheten samlet") is the one asked; a unit named after the
    organisation is not when the question writes the organisation's kind ("hele Nordvik kommune", not "Nordvik
    Havn KF"). Longest first, so a unit named after its organisation is found before the organisation."""
    asked = asked_organisation(question)
    key = fold(asked.lower()) if asked else None
    kind = re.search(rf"(?<!\w){re.escape(asked)}\s+({_KIND_ASKED})(?!\w)", question, re.I) if asked else None

    def is_asked(name: str, level: str | None = "organisation") -> bool:
        low = fold(name.lower())
        return (bool(key) and bool(re.search(rf"(?<!\w){re.escape(key)}", low))
                and (level == "organisation" or kind is None or fold(kind.group(1).lower()) in low))

    names = {n for n, level in units if n and not is_asked(n, level)}
    names |= {n for n in organisations if n and key and not is_asked(n)}
    names -= {n for n in names if n.lower() in ("ukjent organisasjon", "unknown organisation", "unknown")}
    return sorted(names, key=len, reverse=True)


def part_period(evidence: str) -> bool:
    """The text a figure was read from (its excerpt, the table's caption) says it is for a quarter, half year, month
    or tertial, and not for the whole year."""
    if not evidence:
        return False
    points = _DATE.sub(" ", evidence)  # "per 31. desember 2020" is a day of the year, not a part of it
    return bool(_PART_PERIOD.search(points)) and not _WHOLE_PERIOD.search(points)


def part_year_report(name: str | None) -> bool:
    """A report's title or file name that says it covers part of a year ("Delårsrapport januari–augusti 2020",
    "nordby_tertialrapport_2_2021.pdf")."""
    return bool(name) and _PART_YEAR_REPORT.search(re.sub(r"[_\-.]+", " ", name)) is not None


def report_period_evidence(excerpt: str | None, report_names) -> list[str]:
    """What the report a sentence was read from says of its period, as evidence for `narrower_than_asked`: a report of
    part of a year (`part_year_report`, by its title or file name) when the sentence itself names no period, no whole
    year and no forecast or budget for it; else nothing."""
    text = excerpt or ""
    if _WHOLE_PERIOD.search(text) or _PART_PERIOD.search(_DATE.sub(" ", text)) or _WHOLE_OR_FORECAST.search(text):
        return []
    return ["delår"] if any(part_year_report(n) for n in report_names if n) else []


def part_of_organisation(title: str | None) -> bool:
    """A report title that narrows it to part of its organisation ("Årsrapport 2020 – Kommunedirektørens områder")."""
    if not title:
        return False
    rest = re.split(r"\s[–—-]\s|:\s", title, maxsplit=1)
    return len(rest) > 1 and any(stem(w) in _PART_WORDS for w in words(rest[1]))


def narrower_than_asked(question: str, sources: list[dict], others=()) -> str | None:
    """'period' or 'organisation' when the question asks a whole year or a whole organisation and every figure's
    source says it covers less (each source: its `evidence` texts and the `title` of its report); else None.
    A figure whose source says nothing of its scope is taken as the one asked. `others`: names of units and of
    organisations other than the one asked (see other_scope); a source whose `names` (the unit or organisation its
    row is stored for) or evidence names one of them covers that one, not the organisation asked."""
    if not sources:
        return None
    if asks_whole_period(question) and all(any(part_period(e) for e in s.get("evidence", ()) if e) for s in sources):
        return "period"
    if asks_whole_organisation(question) and all(
            part_of_organisation(s.get("title")) or any(other_scope(x, others) for x in (*s.get("names", ()),
                                                                                         *s.get("evidence", ())) if x)
            for s in sources):
        return "organisation"
    return None


# --- what the report behind a figure covers (dim_document.scope_kind / scope_name, read by flows/reports/scope.py) --
# A whole-organisation question is answered only from reports about the whole organisation; a figure from a report
# about a part (a service area, the chief executive's areas) or one unit is never given as the organisation's: the
# question is refused when it asks the whole, and otherwise answered saying which part the figure covers. A question
# that names the part or unit is answered from that report.

# "sykefravær i Nordvik kommune totalt", "kommunen totalt", "the municipality in total": the whole, said with "totalt"
# only next to the organisation (ticket questions say "totalt" of everything)
_WHOLE_TOTAL = re.compile(
    rf"(?:(?<!\w)(?:{_DEFINITE}|organisasjonen|organisationen|the {_ENGLISH}|"
    rf"the organi[sz]ation)|(?<![\w\-])[A-ZÆØÅ][\w\-æøåÆØÅ]*\s+{_KIND_ASKED})"
    r"\s+(?:totalt|i alt|samla|samlet|in total|overall|as a whole|som helhet)(?!\w)"
    rf"|(?<!\w)(?:hele|heile|hela)\s+(?:{_DEFINITE}|organisasjonen|organisationen|regionen)(?!\w)",
    re.I)
# words every name of a part may carry, which never say which part
_SCOPE_GENERIC = frozenset(fold(stem(w)) for w in """område området områder områdene tenesteområde tjenesteområde enhet
enheten enheter eining eininga avdeling avdelinga avdelingen avdelning sektor sektoren seksjon stab staben unit units
department division sector service services area areas tjeneste tenester tjenester kontor förvaltning forvaltning
nämnd nämnden verksamhet og and och i for of the""".split())


def asks_whole(question: str) -> bool:
    """The question asks the whole organisation: "hele Nordvik kommune", "Nordvik kommune samlet", "kommunen
    totalt", "heile kommunen", "the municipality as a whole", "hela kommunen"."""
    return asks_whole_organisation(question) or bool(_WHOLE_TOTAL.search(question))


def names_scope(question: str, scope_name: str | None) -> bool:
    """The question names the part or unit a report covers, by a distinctive word of its name in any form
    ("kommunedirektørens områder" names "Kommunedirektørens områder"; "økonomienheten" names "Økonomi")."""
    if not scope_name:
        return False
    named = {fold(stem(w)) for w in words(scope_name) if not w.isdigit()} - _SCOPE_GENERIC - {
        fold(w) for w in STOPWORDS}
    asked = {fold(stem(w)) for w in words(question) if not w.isdigit()}
    return any(a == n or (len(n) >= 4 and a.startswith(n)) for a in asked for n in named if n)


def scope_of_answer(question: str, scopes) -> tuple[str, list[str]] | None:
    """`scopes`: (scope_kind, scope_name) of the report behind every figure of an answer. None when a figure is
    from a report about the whole organisation. Else ('named', names) when the question names the part or unit the
    reports cover (answer it, for that part), ('whole', names) when it asks the whole organisation (refuse: the
    figures cover only `names`), and ('part', names) when it does not say (answer, saying plainly which part the
    figures cover)."""
    scopes = list(scopes)
    if not scopes or any((k or "whole") == "whole" for k, _ in scopes):
        return None
    names = sorted({n for _, n in scopes if n})
    if not names:
        return None
    named = [n for n in names if names_scope(question, n)]
    if named:
        return "named", named
    return ("whole" if asks_whole(question) else "part"), names


# a unit named by a compound with a head that says "unit" ("planenheten", "Plan-enheten", "kulturavdelinga",
# "servicetorget"; the heads of a unit's own name, flows.unit_kinds, and "sektor"): the compound's first part says
# which unit; "Plan- og byggesaksenheten" names both first parts
_UNIT_HEAD = "(?:" + unit_kind_forms((*COMPOUND_KINDS, "sektor")) + ")"
_UNIT_COMPOUND = re.compile(r"(?<![^\W_])([a-zæøå]{2,}?)-?" + _UNIT_HEAD + r"(?![^\W_])")
_UNIT_SUSPENDED = re.compile(r"(?<![\wæøå-])([a-zæøå]{2,})-\s+(?:og|og/eller|eller|and|or)\s+[a-zæøå]+?" + _UNIT_HEAD
                             + r"(?![\wæøå])")


def units_mentioned(text: str | None) -> frozenset[str]:
    """Which units a text names by such a compound, as the compound's first part ("plan", "byggesak", "kultur"); a
    file name's words ("arsmelding_plan-og-byggesaksenheten.pdf") are words too."""
    low = (text or "").lower()
    out = {m.group(1) for m in _UNIT_SUSPENDED.finditer(low)}
    for m in _UNIT_COMPOUND.finditer(low):
        first = m.group(1)
        out.add(first[:-1] if first.endswith("s") and len(first) > 4 else first)  # "byggesaks-": the linking s
    return frozenset(fold(w) for w in out)


def about_another_unit(asked: frozenset[str], text: str, scope_name: str | None = None,
                       unnamed_is_other: bool = False) -> bool:
    """A text that cannot answer for the units `asked` (their `units_mentioned`): the one test of "about another
    unit", for a report's sentence (app.engine.families.prose) and a fallback answer's rows and sources
    (app.engine.engine). It names only other units ("Sykefraværet i regnskapsenheten …" for "Plan-enheten"); or it
    names none and `unnamed_is_other` (an answer whose rows and sources never write the unit's name is another
    unit's figure), or its report is not about the units asked alone (the report's total is a larger unit's or the
    whole organisation's figure: "IT-avdelingen" is never answered with the organisation's 528 årsverk)."""
    if not asked:
        return False
    said = units_mentioned(text)
    if said:
        return not (said & asked)
    if unnamed_is_other:
        return True
    # a sentence naming no unit states the figure of what its report covers: the unit asked only when the report is
    # about that unit, never the whole organisation's figure for one of its units ("IT-avdelingen", 528 årsverk)
    covered = units_mentioned(scope_name)
    return not covered or not covered <= asked
