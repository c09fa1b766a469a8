"""flows.reports.records: a frozen record built through its instance dict is the same record as the dataclass
would build (fields, defaults, equality, hash, replace, frozenness), and a read-once value is computed once."""
from __future__ import annotations

import dataclasses

import pytest

from flows.reports.classify import _inflected, _metric_in, _words_in, load_catalog
from flows.reports.layout.model import Seg
from flows.reports.prose import ProseLine, Sentence
from flows.reports.records import once, quick_init
from flows.reports.stream import Line


@dataclasses.dataclass(frozen=True)
class _Plain:
    page: int
    text: str
    indented: bool = False
    cells: tuple[str, ...] = ()


_Quick = quick_init(dataclasses.make_dataclass("_Quick", [("page", int), ("text", str), ("indented", bool, False),
                                                           ("cells", tuple, ())], frozen=True))


def test_quick_record_matches_the_dataclass_it_replaces():
    plain, quick = _Plain(3, "Sykefravær 5,1 %"), _Quick(3, "Sykefravær 5,1 %")
    assert dataclasses.asdict(quick) == dataclasses.asdict(plain) == {"page": 3, "text": "Sykefravær 5,1 %",
                                                                      "indented": False, "cells": ()}
    assert quick == _Quick(page=3, text="Sykefravær 5,1 %") and hash(quick) == hash(_Quick(3, "Sykefravær 5,1 %"))
    assert quick != _Quick(3, "Sykefravær 5,1 %", True)
    assert dataclasses.replace(quick, indented=True).indented is True
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.page = 4
    with pytest.raises(TypeError):
        _Quick(3)  # a field without a default is still required
    with pytest.raises(TypeError):
        _Quick(3, "x", unknown=1)


def test_reader_records_keep_their_fields_and_defaults():
    seg = Seg("Lønn og sosiale utgifter", 10.0, 72.0)
    assert (seg.text, seg.x0, seg.x1) == ("Lønn og sosiale utgifter", 10.0, 72.0) and seg == Seg("Lønn og sosiale utgifter", 10.0, 72.0)
    line = ProseLine(2, 7, "Sjukefråværet var 4,2 %.")
    assert (line.indented, line.heading, line.table, line.cells, line.stream) == (False, 0, False, False, None)
    sentence = Sentence("Sick leave was 4.2 %.", 2, 7, None, None, lines=(line,))
    assert sentence.heading == 0 and sentence.lines == (line,) and sentence.lowered == "sick leave was 4.2 %."


def test_read_once_values_are_computed_once_and_kept():
    calls = []

    class Holder:
        @once
        def value(self) -> str:
            calls.append(1)
            return "Sjukfrånvaro"

    holder = Holder()
    assert holder.value == holder.value == "Sjukfrånvaro" and len(calls) == 1
    stream_line = Line(index=0, page=1, number=1, raw="Regnskap  2020 |  Budsjett 2020")
    assert stream_line.text == "Regnskap 2020 | Budsjett 2020" and stream_line.cells == ["Regnskap  2020", "Budsjett 2020"]


@pytest.mark.parametrize("text", ["Det legemeldte sykefraværet var 4,1 %", "Legemeldt sykefravær: 4,1 %",
                                  "Doctor-certified sick leave was 4.1 %"])
def test_inflected_synonym_still_found_when_its_words_stand_in_the_text(text):
    assert _metric_in(text, load_catalog(), "pct") == "sick_leave_doctor_certified_pct"
    assert _metric_in("Det var 4,1 % i 2020", load_catalog(), "pct") is None  # no synonym's words: no metric


def test_the_word_gate_is_what_the_inflected_pattern_needs():
    low = " det legemeldte sykefraværet var 4,1 % "
    assert _words_in("legemeldt sykefravær", low) and _inflected("legemeldt sykefravær").search(low)
    assert not _words_in("egenmeldt sykefravær", low) and not _inflected("egenmeldt sykefravær").search(low)
    assert _words_in("egenmeldt sykefravær", " egenmeldte sykefraværsdager ")  # the words stand there; the pattern
    assert not _inflected("egenmeldt sykefravær").search(" egenmeldte sykefraværsdager ")  # still decides
