"""Benchmark: the report reader vs bare PDF text extraction on a long annual report.

    .venv/bin/python bench/ingest_reports.py                  # 200 pages
    .venv/bin/python bench/ingest_reports.py --pages 400 --repeat 3
    .venv/bin/python bench/ingest_reports.py --profile        # cProfile of one parse, top 25

Writes a seed-style report PDF with fpdf2 into a temp dir: one chapter per unit
("Årsrapport 2020 / <unit> / Leder: ..."), each with staffing and sick leave prose, a
budget result sentence, an accounts table in 1000 NOK (every other chapter a ruled
table drawn with pdf.table(), the others as borderless text rows like the seed exports),
a key-figure table and filler prose to fill the pages. Then measures, in this process
(one core):
  floor   pypdfium2: open the file and get every page's text (no layout, no tables)
  reader  flows.reports.parse.parse_document: the layout (word boxes -> rows, columns, tables), every
          numeric cell and the prose figures, the unit/metric readers on the same layout's lines, and
          the classification of cells to facts and account lines
and prints pages/second beside the floor, with the ratio, in wall time and in CPU time of this process
(on a shared machine the CPU time is what one core spent). Targets: parse_document >= 50 pages/s on one
core and <= 4x the floor (goal). The file is laid out once: the reader's parts are printed separately.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fpdf import FPDF  # noqa: E402

TARGET_CELLS_PAGES_PER_SECOND = 50.0
GOAL_CELLS_FLOOR_RATIO = 4.0
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

UNITS = ["Innkjøp", "Regnskap og lønn", "Økonomienheten", "HR-enheten", "Servicetorget", "Dokumentasjonssenter",
         "IKT-tjenesten", "Kommunikasjon", "Skatteoppkreveren", "Barnevernet", "Kulturenheten", "Eiendomsenheten"]
LEADERS = ["Ketil Aas", "Roar Størset", "Kari Nordmann", "Per Hansen", "Ingrid Lie", "Ola Berg"]
FILLER = (
    "Enheten har ansvaret for kommunens tjenester innenfor området, herunder oppfølging av avtaler, "
    "rådgivning til etatene og utvikling av digitale arbeidsprosesser. Arbeidet i året var preget av "
    "pandemien, hjemmekontor og nye rutiner for samarbeid med eierkommunene i regionen. "
    "Vi har prioritert kvalitet i leveransene og god dialog med brukerne, og vil videreføre dette neste år."
)


def _accounts(k: int) -> list[list[str]]:
    """A unit table in 1000 NOK whose avvik and sums add up (budsjett − regnskap)."""
    def fmt(v: int) -> str:
        return f"{v:,}".replace(",", " ")

    lines = [("Lønn og sosiale utgifter", 14_000 + 37 * k, 14_300 + 41 * k),
             ("Kjøp av varer og tjenester", 4_100 + 13 * k, 4_200 + 11 * k),
             ("Overføringer", 300 + k, 250 + 2 * k)]
    rows = [["", "Regnskap 2020", "Budsjett 2020", "Avvik", "Regnskap 2019"]]
    tot_r = tot_b = tot_p = 0
    for label, r, b in lines:
        prior = r - 150 - k
        rows.append([label, fmt(r), fmt(b), fmt(b - r), fmt(prior)])
        tot_r, tot_b, tot_p = tot_r + r, tot_b + b, tot_p + prior
    rows.append(["Sum utgifter", fmt(tot_r), fmt(tot_b), fmt(tot_b - tot_r), fmt(tot_p)])
    inc_r, inc_b = -(1_800 + 9 * k), -(1_500 + 7 * k)
    rows.append(["Salgsinntekter", fmt(inc_r), fmt(inc_b), fmt(inc_b - inc_r), fmt(inc_r + 90)])
    return rows


def _fmt(v: int) -> str:
    return f"{v:,}".replace(",", " ")


def write_report(path: Path, pages: int) -> int:
    """Two pages per unit chapter until `pages` pages; returns the number of chapters."""
    pdf = FPDF()
    if DEJAVU.exists():
        pdf.add_font("dejavu", fname=str(DEJAVU))
        pdf.add_font("dejavu", style="B", fname=str(DEJAVU))
        pdf.set_font("dejavu", size=10)
    else:  # the core font covers Latin-1, enough for Norwegian
        pdf.set_font("helvetica", size=10)

    def line(text: str) -> None:
        pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")

    chapters = max(1, pages // 2)
    for k in range(chapters):
        unit = f"{UNITS[k % len(UNITS)]} {k // len(UNITS) + 1}"
        table = _accounts(k)
        result = int(table[4][3].replace(" ", ""))
        pdf.add_page()  # page 1: organisation, result and the accounts table
        for text in ("Årsrapport 2020", unit, f"Leder: {LEADERS[k % len(LEADERS)]}", "1 Organisasjon", "1.1 Bemanning"):
            line(text)
        line(f"Enheten hadde i 2020 {20 + k % 9} ansatte fordelt på {18 + k % 7},{k % 10} årsverk. "
             f"Bemanningen har vært stabil gjennom året.")
        line("1.2 Sykefravær")
        line(f"Sykefraværet i 2020 var {2 + k % 5},{k % 10} %, mot {3 + k % 4},{(k + 3) % 10} % i 2019. "
             f"Egenmeldt sykefravær var 0,{k % 9 + 1} %.")
        line("2 Resultatvurdering")
        line(f"Enheten har et regnskapsmessig mindreforbruk på kr. {_fmt(result).replace(' ', '.')}.000.-. "
             f"Dette skyldes vakanse deler av året.")
        for _ in range(3):
            line(FILLER)
        line("2.1 Regnskap")
        line("Tall i 1 000 kroner")
        if k % 2 == 0:
            with pdf.table(text_align="LEFT", line_height=5.5) as t:
                for cells in table:
                    row = t.row()
                    for cell in cells:
                        row.cell(cell)
        else:  # borderless: figures right-aligned under their headers, no rules (InDesign/Word style)
            for cells in table:
                y = pdf.get_y()
                pdf.set_xy(10, y)
                pdf.cell(62, 5.5, cells[0])
                for j, text in enumerate(cells[1:]):
                    pdf.set_xy(72 + 30 * j, y)
                    pdf.cell(28, 5.5, text, align="R")
                pdf.set_xy(10, y + 5.5)
        pdf.add_page()  # page 2: activities, key figures, targets
        line("2.2 Fagområder")
        for _ in range(7):
            line(FILLER)
        line("3 Nøkkeltall")
        line("Nøkkeltall 2018 2019 2020")
        line(f"Antall henvendelser på IT-hjelpa {_fmt(3_410 + 7 * k)} {_fmt(3_877 + 5 * k)} {_fmt(4_102 + 3 * k)}")
        line(f"Antall telefonhenvendelser {_fmt(2_950 + 4 * k)} {_fmt(3_120 + 2 * k)} {_fmt(3_004 + k)}")
        line("4 Måloppnåelse")
        for _ in range(3):
            line(FILLER)
        assert pdf.page_no() == 2 * (k + 1), "a chapter overflowed its two pages; shorten the filler"
    pdf.output(str(path))
    return chapters


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(started: tuple[float, float]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) since `started`: on a shared machine the CPU time is
    what one core spent; the wall time also counts waiting for the core."""
    wall, cpu = _clock()
    return wall - started[0], cpu - started[1]


def floor_seconds(path: Path) -> tuple[tuple[float, float], int, int]:
    import pypdfium2 as pdfium

    started = _clock()
    doc = pdfium.PdfDocument(str(path))
    chars = 0
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    n = len(doc)
    doc.close()
    return _since(started), n, chars


def forget_texts() -> None:
    """Empty the reader's caches of text it has read (functools caches in flows.reports): every measured
    parse starts as a new document would, not from the texts the previous run left behind."""
    for name, module in list(sys.modules.items()):
        if name.startswith("flows.reports"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                    value.cache_clear()


def reader_seconds(path: Path) -> tuple[tuple[float, float], dict[str, float], object]:
    """parse_document (one layout pass: cells, figures, the unit/metric readers and classification), and
    the CPU time of its parts measured separately (in the order parse_document runs them), both from empty
    text caches."""
    from flows.reports.document import read_cells
    from flows.reports.parse import add_classified, parse_document, parse_report, stream_pages

    forget_texts()
    started = _clock()
    report = parse_document(path)
    total = _since(started)
    parts: dict[str, float] = {}
    forget_texts()
    started = _clock()
    cells = read_cells(path)
    parts["layout+cells+figures"] = _since(started)[1]
    started = _clock()
    again = parse_report(stream_pages(cells.layout), document_id=cells.document_id, file_name=path.name, file_type="pdf",
                         sentences=cells.sentences)
    parts["unit/metric readers"] = _since(started)[1]
    again.cells, again.figures = cells.cells, cells.figures
    started = _clock()
    add_classified(again)
    parts["classification"] = _since(started)[1]
    return total, parts, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the median is reported")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one parse_document")
    parser.add_argument("--keep", type=Path, help="write the PDF here instead of a temp dir")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = (args.keep or Path(tmp)) / f"bench-arsrapport-{args.pages}p.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        chapters = write_report(path, args.pages)
        print(f"wrote {path.name}: {chapters} unit chapters, {path.stat().st_size / 1e6:.1f} MB "
              f"in {time.perf_counter() - started:.1f} s")

        floors, readers, part_runs = [], [], []
        report = None
        for _ in range(max(1, args.repeat)):
            seconds, n_pages, chars = floor_seconds(path)
            floors.append(seconds)
            total, parts, report = reader_seconds(path)
            readers.append(total)
            part_runs.append(parts)
        floor_wall = statistics.median(s[0] for s in floors)
        floor_cpu = statistics.median(s[1] for s in floors)
        reader_wall = statistics.median(s[0] for s in readers)
        reader_cpu = statistics.median(s[1] for s in readers)
        print(f"pages: {n_pages}, text layer: {chars:,} characters")
        print("                                  wall s   pages/s |   CPU s   pages/s (one core)")
        print(f"floor  (pypdfium2 text only) : {floor_wall:8.2f} {n_pages / floor_wall:9.1f} | {floor_cpu:7.2f} {n_pages / floor_cpu:9.1f}")
        print(f"reader (parse_document)      : {reader_wall:8.2f} {n_pages / reader_wall:9.1f} | {reader_cpu:7.2f} {n_pages / reader_cpu:9.1f}")
        print(f"ratio reader/floor           : {reader_wall / floor_wall:8.1f} x{'':9} | {reader_cpu / floor_cpu:7.1f} x"
              f"   (goal <= {GOAL_CELLS_FLOOR_RATIO:g} x)")
        print("  of which (CPU s): " + ", ".join(f"{k} {statistics.median(p[k] for p in part_runs):.2f}" for k in part_runs[0]))
        print(f"cells read: {len(report.cells)} cells, {len(report.figures)} prose figures")
        expected_table_cells = chapters * 5 * 4
        account_cells = [c for c in report.cells if c.scale == 1000]
        if len(account_cells) != expected_table_cells:
            print(f"WARNING: expected {expected_table_cells} cells in 1000 NOK, read {len(account_cells)}")
        print(f"read: {len(report.units)} units, {len(report.facts)} facts, {len(report.accounts)} account cells, "
              f"{len(report.warnings)} warnings")
        if len(report.accounts) != expected_table_cells:
            print(f"WARNING: expected {expected_table_cells} account cells, read {len(report.accounts)}")
        pages_per_s = n_pages / reader_cpu
        ok = pages_per_s >= TARGET_CELLS_PAGES_PER_SECOND
        print(f"target parse_document >= {TARGET_CELLS_PAGES_PER_SECOND:g} pages/s on one core (CPU time): "
              f"{'met' if ok else 'NOT met'} ({pages_per_s:.1f}); ratio to floor "
              f"{'met' if reader_cpu / floor_cpu <= GOAL_CELLS_FLOOR_RATIO else 'NOT met'}")

        if args.profile:
            from flows.reports.parse import parse_document

            profiler = cProfile.Profile()
            profiler.enable()
            parse_document(path)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
