"""reader_counts.py FOLDER... [--dump OUT.json]: how many table cells and prose figures the report reader gets from
every file of the folders (`flows.reports.document.read_cells`), per file and in total; with --dump, every cell and
figure as a line of text, for comparing two checkouts (run from each checkout's root)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from flows.reports.document import read_cells  # noqa: E402


def main(argv: list[str]) -> None:
    dump = argv[argv.index("--dump") + 1] if "--dump" in argv else None
    folders = [a for k, a in enumerate(argv) if a != "--dump" and (k == 0 or argv[k - 1] != "--dump")]
    out: dict[str, dict[str, list[str]]] = {}
    cells = figures = 0
    for folder in folders:
        for path in sorted(p for p in Path(folder).iterdir() if p.is_file()):
            report = read_cells(path)
            out[path.name] = {
                "cells": [f"p{c.page} | {c.row_label} | {c.column_label} | {c.column_year} | {c.value} | {c.printed}"
                          for c in report.cells],
                "figures": [f"p{f.page} | {f.topic} | {f.value} | {f.unit} | {f.year} | {f.printed}" for f in report.figures]}
            cells, figures = cells + len(report.cells), figures + len(report.figures)
            print(f"{path.name:<70} cells {len(report.cells):>5} figures {len(report.figures):>5}")
    print(f"TOTAL cells {cells} figures {figures}")
    if dump:
        Path(dump).write_text(json.dumps(out, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
