"""The bundled sample report documents: deterministic, readable, carrying the published figures.

The checks read the documents back the way the report reader will (pypdfium2 and pdfplumber for PDF,
python-docx for DOCX) and look for figures and table cells, never for file hashes.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pdfplumber
import pypdfium2
import pytest
import yaml

from flows.samples.reports import SourceError, render, write_sample_reports

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "data" / "sample" / "reports"
SEEDS = REPO.parent / "shared" / "seeds"
NAMES = {
    "vr-regnskap-og-lonn-2020.pdf",
    "varit-2020.docx",
    "okonomi-2020.md",
    "kommunedirektorens-omrader-2020.txt",
    "hedmark-ikt-2021.pdf",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    write_sample_reports(out)
    return out


def pdf_pages(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document]
    finally:
        document.close()


def pdf_tables(path: Path) -> list[list[list[str]]]:
    with pdfplumber.open(path) as pdf:
        return [table for page in pdf.pages for table in page.extract_tables()]


def docx_tables(path: Path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in docx.Document(path).tables]


def row_starting(tables: list[list[list[str]]], *first_cells: str) -> list[str]:
    for table in tables:
        for row in table:
            if [c or "" for c in row[: len(first_cells)]] == list(first_cells):
                return [c or "" for c in row]
    raise AssertionError(f"no table row starts with {first_cells!r}")


def text_layer(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(pdf_pages(path))
    if path.suffix == ".docx":
        document = docx.Document(path)
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    return path.read_text(encoding="utf-8")


def test_writes_the_five_documents(generated):
    assert {p.name for p in generated.iterdir()} == NAMES


def test_two_runs_give_identical_bytes(generated, tmp_path):
    paths = write_sample_reports(tmp_path)
    assert {p.name for p in paths} == NAMES
    for path in paths:
        assert path.read_bytes() == (generated / path.name).read_bytes(), path.name


def test_bundled_samples_match_the_generator(generated):
    # Text layers rather than bytes: zlib builds may compress the same content differently.
    assert {p.name for p in BUNDLED.iterdir()} >= NAMES, "run `make sample` and commit data/sample/reports"
    for name in sorted(NAMES):
        assert text_layer(BUNDLED / name) == text_layer(generated / name), f"{name} is stale: run `make sample`"


def test_vr_pdf_has_a_text_layer_with_the_unit_chapter(generated):
    pages = pdf_pages(generated / "vr-regnskap-og-lonn-2020.pdf")
    assert 2 <= len(pages) <= 3
    assert all("Årsrapport 2020" in page for page in pages)
    text = "\n".join(pages)
    for expected in (
        "VR regnskap og lønn",
        "Leder: Ketil Aas",
        "Fordelingsnøkkel:",
        "Lønn: 25,2 % fast og 74,8 % variabel etter lønnsoppgaver",
        "1.1 Bemanning",
        "24 ansatte",
        "22,7 årsverk",
        "1.2 Sykefravær\nTotalt 2,5 %.",
        "mindreforbruk på kr 1.074.000,-",
        "LØNN OG SOSIALE UTGIFTER 14278 14286 -8 13982",
        "C = A-B. Til fordeling på kommunene 15384 16458 1074 14321",
        "E Totalt 0 0 0 0",
        "Lønnsoppgaver 2020 3 857 2 111 835 289 521",
    ):
        assert expected in text, expected
    # Sections come in reading order.
    positions = [text.index(h) for h in ("1 Organisasjon", "2 Resultatvurdering", "2.1 Regnskap", "3 Nøkkeltall")]
    assert positions == sorted(positions)


def test_vr_pdf_tables_are_real_tables(generated):
    tables = pdf_tables(generated / "vr-regnskap-og-lonn-2020.pdf")
    accounts = next(t for t in tables if "Regnskap 2020" in t[0])
    assert accounts[0] == ["", "", "Regnskap 2020", "Budsjett 2020", "Avvik", "Regnskap 2019"]
    assert len(accounts) == 19
    assert row_starting(tables, "", "LØNN OG SOSIALE UTGIFTER")[2:] == ["14278", "14286", "-8", "13982"]
    assert row_starting(tables, "", "FROSTA ANDEL (art 1755)")[2:] == ["515", "0", "515", "0"]
    assert row_starting(tables, "D")[2:] == ["15384", "16458", "-1074", "14321"]
    # Frosta joined in September 2020: its 2019 cells are blank, not zero.
    assert row_starting(tables, "Lønnsoppgaver 2019") == ["Lønnsoppgaver 2019", "3 919", "2 192", "900", "329", ""]
    assert row_starting(tables, "Utgående faktura 2020")[1:] == ["44 799", "34 700", "12 212", "6 517", "8 501"]


def test_varit_docx_carries_accounts_with_declared_scale(generated):
    path = generated / "varit-2020.docx"
    document = docx.Document(path)
    paragraphs = [p.text for p in document.paragraphs]
    for expected in ("Stjørdal kommune", "Årsrapport 2020", "VARIT", "Leder: Elin Wikmark Darell", "Beløp i 1 000 kroner"):
        assert expected in paragraphs, expected
    text = "\n".join(paragraphs)
    assert "Værnesregionen IT (VARIT) har 18,25 årsverk" in text and "3 lærlinger" in text
    assert "kr 1,4 mill" in text

    tables = docx_tables(path)
    assert row_starting(tables, "", "Lønn og sosiale utgifter")[2:] == ["16 194", "17 122", "928", "15 945"]
    assert row_starting(tables, "C")[2:] == ["39 768", "41 201", "1 433", "37 467"]
    assert row_starting(tables, "", "Stjørdals andel (art 1621)")[2:] == ["-20 115", "-20 571", "-715", "-18 693"]
    assert row_starting(tables, "", "Tydals andel (art 1759)")[2:] == ["-3 705", "-3 947", "-137", "-3 535"]
    assert row_starting(tables, "D") == ["D", "", "-39 768", "-41 201", "-1 433", "-37 467"]
    assert row_starting(tables, "E", "TOTALT")[2:] == ["0", "0", "0", "0"]
    assert row_starting(tables, "IT Investeringer")[1:] == ["5 687", "4 572", "6 100", "1 528"]
    assert row_starting(tables, "Antall telefonhenvendelser")[1:] == ["8 196", "9 240", "8 521", "8 683"]

    # The sick-leave statement is qualitative: it must not carry a percentage.
    heading = paragraphs.index("1.2 Sykefravær")
    assert "fravær" in paragraphs[heading + 1]
    assert not re.search(r"\d\s*%|prosent", paragraphs[heading + 1])


def test_okonomi_markdown_has_the_kostra_table(generated):
    text = (generated / "okonomi-2020.md").read_text(encoding="utf-8")
    for expected in ("# Årsrapport 2020", "Stjørdal kommune", "## Økonomi", "Leder: Roar Størset", "6 årsverk", "2,7 % i 2020", "underforbruk på 0,8 mill"):
        assert expected in text, expected
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines() if line.startswith("|")]
    assert rows[0] == ["År", "Stjørdal", "Malvik", "Levanger", "KOSTRA-gruppe 13", "Trøndelag"]
    assert ["2020", "3 884", "4 859", "4 213", "4 385", "4 820"] in rows
    assert ["2018", "4 577", "3 739", "5 264", "4 083", "5 166"] in rows
    assert "Netto driftsutgifter til administrasjon og styring i kr pr innbygger" in text


def test_kommunedirektor_text_has_staffing_and_units(generated):
    raw = (generated / "kommunedirektorens-omrader-2020.txt").read_bytes()
    text = raw.decode("utf-8")
    for expected in ("Stjørdal kommune", "81,3 årsverk", "77,4 årsverk", "86 ansatte", "4,7 % i 2020", "5,0 % i 2019"):
        assert expected in text, expected
    lines = text.splitlines()
    economy = lines.index("• Økonomienheten")
    assert lines[economy + 1 : economy + 4] == ["   o Controllere", "   o VR innkjøp", "   o VR lønn/regnskap"]
    assert "   o VARIT" in lines[lines.index("• HR- og innovasjonsenheten") :]


def test_hedmark_pdf_text_layer(generated):
    text = "\n".join(pdf_pages(generated / "hedmark-ikt-2021.pdf"))
    for expected in (
        "Årsmelding 2021",
        "GJENNOMSNITT 2015-2020 9 454 7 889 8 497 8 263 34 103",
        "2021 10 859 9 086 8 388 7 893 36 226",
        "28 hendelser med prioritet A eller B",
        "17 hendelser",
        "46 hendelser",
        "32 hendelser",
        "3,36 %",
        "1,84 % i 2020",
        "Tall i 1 kroner",
        "Sum driftsinntekter 1 -156 847 490,77 -123 958 582 -123 958 582 -136 208 600,38",
    ):
        assert expected in text, expected


def test_hedmark_pdf_tables(generated):
    tables = pdf_tables(generated / "hedmark-ikt-2021.pdf")
    assert row_starting(tables, "2015")[1:] == ["8 483", "7 343", "7 210", "7 635", "30 671"]
    assert row_starting(tables, "Oppetid")[1:3] == ["99,80 %", "99,81 %"]
    assert row_starting(tables, "Responstid brukerstøtte")[2] == "59,70 %"
    assert row_starting(tables, "Nye brukeropprettinger")[1:3] == ["Levert innen 3 dager", "2,03 % over 3 dager"]
    assert row_starting(tables, "31.12.2021")[2:] == ["3", "45,0"]
    assert row_starting(tables, "Totalt")[1:] == ["10200", "76", "0,75 %", "267", "2,62 %", "343", "3,36 %"]
    statement = next(t for t in tables if t[0][0] == "Tall i 1 kroner")
    assert statement[0][2:] == ["Regnskap 2021", "Reg. budsj. 2021", "Oppr. budsj. 2021", "Regnskap 2020"]
    assert row_starting(tables, "Netto driftsresultat")[2:] == ["-6 619 910,90", "-4 400 000", "-5 000 000", "-4 793 117,24"]
    assert row_starting(tables, "Dekning av tidligere års merforbruk")[5] == "-792 080,90"


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


# "Leder: Ketil Aas", "Lønn: 25,2 % fast og 74,8 % variabel etter lønnsoppgaver": labelled facts, not prose.
DATA_LINE = re.compile(r"^[\w/ -]{1,40}: [^.]*$")


def _prose(path: Path) -> str:
    """Running text only: table cells, lists of names and labelled fact lines may repeat the seeds."""
    return "\n".join(line for line in _text_outside_tables(path).splitlines() if not DATA_LINE.match(line.strip()))


def _text_outside_tables(path: Path) -> str:
    if path.suffix == ".pdf":
        parts = []
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                boxes = [t.bbox for t in page.find_tables()]

                def outside(obj, boxes=boxes):
                    return not any(
                        x0 <= obj["x0"] and obj["x1"] <= x1 and top <= obj["top"] and obj["bottom"] <= bottom
                        for x0, top, x1, bottom in boxes
                    )

                parts.append(page.filter(outside).extract_text())
        return "\n".join(parts)
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(path).paragraphs)
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith(("|", "•", "o ")))


def test_prose_is_the_projects_own(generated):
    assert SEEDS.is_dir(), f"seed documents missing: {SEEDS} (../shared/seeds beside the repo)"
    seed_text = " ".join(_words(" ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))))
    n = 8
    for name in sorted(NAMES):
        words = _words(_prose(generated / name))
        shingles = {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
        shared = {s for s in shingles if f" {s} " in f" {seed_text} "}
        assert not shared, f"{name} repeats seed wording: {sorted(shared)[:5]}"


def test_a_new_source_renders_to_pdf_and_docx_with_its_table(tmp_path):
    blocks = [{"heading": "Nøkkeltall"}, {"paragraph": "Sykefraværet var 4,2 % i 2023."},
              {"table": [["", "2022", "2023"], ["Årsverk", "12,5", "13,0"]], "widths": [60, 30, 30],
               "align": ["left", "right", "right"]}]
    for suffix in ("pdf", "docx"):
        source = tmp_path / f"ny-{suffix}.yaml"
        source.write_text(yaml.safe_dump({"output": f"ny.{suffix}", "running": ["Eksempel", "Årsrapport 2023"],
                                          "title": "Årsrapport 2023", "author": "Eksempel",
                                          "created": "2024-03-01T12:00:00+00:00", "blocks": blocks},
                                         allow_unicode=True), encoding="utf-8")
        path = render(source, tmp_path)
        tables = pdf_tables(path) if suffix == "pdf" else docx_tables(path)
        assert row_starting(tables, "Årsverk") == ["Årsverk", "12,5", "13,0"], suffix
        assert "Sykefraværet var 4,2 % i 2023." in text_layer(path), suffix


@pytest.mark.parametrize("source, message", [
    ({"output": "x.xls", "blocks": []}, "must name a .pdf, .docx, .md or .txt file"),
    ({"output": "x.docx", "title": "t", "author": "a", "created": "2024-01-01T12:00:00+00:00",
      "blocks": [{"paragraph": "a"}, {"note": "b"}]}, "block 2"),
    ({"output": "x.pdf", "title": "t", "blocks": []}, "needs running, author, created"),
    ({"output": "x.pdf", "running": ["a", "b"], "title": "t", "author": "a", "created": "2024-01-01T12:00:00+00:00",
      "blocks": [{"table": [["a", "b"], ["c"]], "widths": [1, 1], "align": ["left", "left"]}]},
     "one cell per `align` entry"),
])
def test_a_bad_source_is_refused_with_file_and_block(tmp_path, source, message):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(source), encoding="utf-8")
    with pytest.raises(SourceError) as err:
        render(path, tmp_path)
    assert "bad.yaml" in str(err.value) and message in str(err.value)
