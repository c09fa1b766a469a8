"""One home for the words that say what kind of body an organisation is (flows/org_kinds.py): the reader finds a body
by them, the question engine reads a name's initials by them, and dbt's match keys leave them out. Invented names."""
from __future__ import annotations

import re
from pathlib import Path

from flows.org_kinds import FORM_WORDS, initial_forms

MACRO = Path(__file__).resolve().parents[2] / "dbt_project" / "macros" / "organisation_names.sql"


def test_dbt_generic_words_are_the_kind_words():
    listed = re.search(r"return\(\[(.*?)\]\)", MACRO.read_text(encoding="utf-8"), re.S).group(1)
    words = set(re.findall(r"'([^']+)'", listed))
    assert FORM_WORDS <= words, sorted(FORM_WORDS - words)


def test_initials_of_a_name_with_joining_and_kind_words():
    forms = initial_forms("Vestlia og Sørby fylkeskommune")
    assert {"vosfk", "vsfk", "vos", "vs" + "f"} <= forms
    assert "sbr" in initial_forms("Sørfjell brann- og redningsvesen IKS")
    assert "sbor" in initial_forms("Sørfjell brann- og redningsvesen IKS")
    assert "rvd" in initial_forms("Räddningstjänsten Västra Dalbo")
    assert "ikav" in initial_forms("Interkommunalt arkiv Vestnes IKS") or "iav" in initial_forms("Interkommunalt arkiv Vestnes IKS")
    # one word besides its kind gives no short form of three letters
    assert initial_forms("Eksempelby kommune") == set()
    assert initial_forms("Nordfjell IKS") == set()


def test_plain_initials_leave_out_joining_words_and_the_legal_form():
    from flows.org_kinds import plain_initials

    assert plain_initials("Sørfjell brann- og redningsvesen IKS") == "sbr"
    assert plain_initials("Nordfjell IKT") == "nikt"
    assert plain_initials("Sør-Eksempeldal Interkommunale Renovasjonsselskap IKS") == "seir"  # each part of a place
    assert plain_initials("Eksempelby kommune") is None
    assert plain_initials("Sør-Eksempel kommune") is None  # "sek": the kind word of a municipality is left out


def test_the_engine_reads_every_kind_word_from_here():
    """The ticket questions' unknown customers and the whole-organisation questions read the kind words from
    flows/org_kinds.py: a kind word added here is read there, in every form."""
    from app.engine.families.scope import asked_organisation, asks_whole
    from app.engine.families.ticket_unknown_customer import _named
    from flows.org_kinds import LEGAL_FORMS, kind_words

    for word in kind_words(genitive=False, english=True):
        assert _named(f"Hvor mange saker meldte Vestnord {word} i 2024?") == ["Vestnord"], word
        assert asks_whole(f"Sykefraværet i Vestnord {word} samlet") and asked_organisation(
            f"Sykefraværet i Vestnord {word} samlet") == "Vestnord", word
        assert asks_whole(f"Sykefraværet i Vestnord {word} totalt"), word
    for form in LEGAL_FORMS:
        assert _named(f"Hvor mange saker meldte Vestnord {form}?") == ["Vestnord"], form
    for word in kind_words(definite=True):
        assert _named(f"How many tickets did Vestnord {word} report?") == ["Vestnord"], word
    assert kind_words(genitive=False) == [w for w in kind_words() if not (w.endswith("s") and w[:-1] in kind_words())]
