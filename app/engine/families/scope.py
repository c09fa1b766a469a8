"""Which loaded reports a question is about: a report is named by its organisation as read, its title or
the distinctive words of its file name ("ABC 2018", "Indre Eksempel", "ABC-rekneskapen"), so a figure
is only read from the report the question names. And which capitalised names the data does not know at
all (a name no report, unit or label carries is never answered with another organisation's figure).

Pure functions over app.engine.vocabulary.Document; no warehouse needed.
"""
from __future__ import annotations

import re

from app.engine.wordforms import STOPWORDS, stem, words

# Words every report's name may carry (language, document kinds and file types), never what names one.
GENERIC = frozenset(stem(w) for w in """
kommune kommunes kommunen fylkeskommune fylkeskommunen herad iks kf as sa interkommunale interkommunalt selskap
selskapet municipality county council region regionen og i for the of and
arsrapport årsrapport arsmelding årsmelding rapport report annual melding arsberetning årsberetning beretning
dokument document kostradokument budsjett budget økonomiplan okonomiplan plan regnskap rekneskap
txt pdf docx doc html htm md xlsx csv json v1 v2 final utkast draft
""".split())


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


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


def sentence_starts(raw: str) -> set[int]:
    """Offsets of words that begin a sentence inside the question ("… i 2018? Ranger frå størst …")."""
    return {m.end() for m in re.finditer(r"[.?!:]\s+", raw)}


def strangers(raw: str, known: set[str] | frozenset[str], documents=()) -> list[str]:
    """Capitalised words inside the question (not its first word) that no label, name or report of the
    data carries in any form: a name the data does not know."""
    doc_stems: set[str] = set()
    for d in documents:
        doc_stems |= d.name_stems
    out = []
    starts = sentence_starts(raw)
    for i, m in enumerate(re.finditer(r"[\wæøåÆØÅ][\w\-æøåÆØÅ]*", raw)):
        tok = m.group(0)
        if i == 0 or m.start() in starts or not tok[:1].isupper() or tok.isupper() or len(tok) < 3 or any(c.isdigit() for c in tok):
            continue
        s_ = stem(tok.lower().split("-")[0])
        if fold(s_) in doc_stems or s_ in known:
            continue
        if any(k.startswith(s_) or s_.startswith(k) for k in known if len(k) >= 4):
            continue
        out.append(tok)
    return out
