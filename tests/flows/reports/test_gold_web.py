"""Cells and prose figures of web-extracted report excerpts from other municipalities, against gold written
by helpers who never saw the parser:
- web: seven excerpts (HTML inside REST API JSON, nynorsk, Swedish mnkr tables printed one cell per line,
  statements that print no unit);
- web2: nine more (two-sided tables around a note column, a note column named above stacked heads, cells run
  together without spaces, run-on column heads with a percent group, one-paragraph-per-page transcripts, year
  columns filled in turn), first measured as unseen material (recall 0.673) and development material since;
- web3: twenty-four more, collected at the start of stop 19 to develop on a broad sample (recall 0.565 then):
  markdown pipe tables, whole statements glued without separators, note numbers glued to values, one block per
  owner municipality, budget forms with four plan years, Swedish resultaträkningar.
Prints the per-document table; each document must reach its floor (recall, precision) measured on
2026-12-02 — raise them, never lower."""
from __future__ import annotations

import pytest

from tests.flows.reports.gold_cells import REPO, load, score
from tests.flows.reports.test_gold_cells import emitted

SETS = {"web": 7, "web2": 9, "web3": 24}  # gold folder -> number of documents
GOLD = {name: sorted((REPO / "tests" / "gold" / name).glob("*.yaml")) for name in SETS}
DEFAULT_FLOOR = (1.0, 1.0)  # reached on every document but two
FLOORS: dict[str, tuple[float, float]] = {
    "asker_kommune_arsberetning_2015_balanse": (0.97, 1.0),  # "femårsperiode" (5) is a word, not a figure
    # "8,85" and "8,75" in parentheses after a comparison are not read as figures
    "volda_kommune_sjukefravaer_2016_morenytt": (0.66, 1.0),
    # web3: measured at the start of stop 19, before any work on them
    "elverum_handlingsprogram_2016_okonomistaben": (0.00, 1.00),
    "helsingborgs_stad_arsredovisning_2016_resultatrakning_koncern": (0.94, 1.00),
    "hustadvika_budsjett_2020_skjema_1a_1b": (0.57, 0.57),
    "inn_trondelag_brannvesen_iks_arsrapport_2012_styrets_arsberetning": (0.85, 1.00),
    "innherred_renovasjon_iks_arsmelding_2018_kommuner_nokkeltall": (0.00, 1.00),
    "midt_hedmark_brann_og_redningsvesen_iks_arsrapport_2011_styrets_beretning": (0.88, 1.00),
    "more_og_romsdal_fylkeskommune_arsmelding_2018_driftsresultat": (1.00, 1.00),
    "more_og_romsdal_fylkeskommune_arsmelding_2019_driftsresultat": (1.00, 1.00),
    "narvik_budsjettgrunnlag_2020_ikke_valgte_tiltak": (0.16, 1.00),
    "oppdal_tertialrapport_2016_driftsregnskap": (0.70, 1.00),
    "rennesoy_kommune_arsrapport_2017_okonomisk_resultat": (0.71, 1.00),
    "rennesoy_kommune_arsrapport_2019_hovedoversikt_drift": (0.97, 1.00),
    "rennesoy_kommune_arsrapport_2019_kostra_befolkning": (0.91, 1.00),
    "steinkjer_kommune_arsregnskap_2012_resultat": (0.93, 1.00),
    "vestvagoy_handlingsplan_2018_budsjett_innstilling": (0.66, 1.00),
}


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    out = {}
    for gold_path in (p for paths in GOLD.values() for p in paths):
        gold = load(gold_path)
        cells, prose = emitted(REPO / gold["path"])
        out[gold_path.stem] = score(gold, cells, prose)
    print("\n{:<66} {:>5} {:>6} {:>7} {:>8} {:>9}".format("document", "gold", "found", "recall", "matched", "precision"))
    for name, s in out.items():
        print(f"{name:<66} {s['gold']:>5} {s['found']:>6} {s['recall']:>7.3f} {s['matched']:>8} {s['precision']:>9.3f}")
    return out


@pytest.mark.parametrize("folder", SETS)
def test_the_documents_and_their_sources_are_here(folder):
    assert len(GOLD[folder]) == SETS[folder]
    sources = (REPO / "tests" / "fixtures" / "reports" / folder / "SOURCES.md").read_text(encoding="utf-8")
    for path in GOLD[folder]:
        document = REPO / load(path)["path"]
        assert document.exists(), f"{path.name}: {document} is missing"
        assert document.name in sources, f"{document.name}: no source line in SOURCES.md"


@pytest.mark.parametrize("name", [p.stem for paths in GOLD.values() for p in paths])
def test_web_gold_recall_and_precision(scores, name):
    s = scores[name]
    recall_floor, precision_floor = FLOORS.get(name, DEFAULT_FLOOR)
    assert s["gold"] > 0
    assert s["recall"] >= recall_floor, f"{name}: recall {s['recall']:.3f} < {recall_floor}"
    assert s["precision"] >= precision_floor, f"{name}: precision {s['precision']:.3f} < {precision_floor}"
