"""How many figures of a warehouse the source viewer can show on their page, the figure marked.

For every latest metric value and budget-variance row with a page: is the recorded file still the one that
was read (hash = document id), does the excerpt print the value (app.ui.source_page.printed_figure), and is
that printed figure on the page as the reader reads it again? Prints the ratios per warehouse.

    .venv/bin/python bench/source_pages.py WAREHOUSE.duckdb [...]
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.engine.views import read_warehouse  # noqa: E402
from app.ui import source_page as sp  # noqa: E402


def measure(warehouse: Path) -> Counter:
    with read_warehouse(warehouse) as r:
        docs = r.df("select document_id, file_path from raw.documents")
        rows = r.df("""
            select document_id, page, line, excerpt, value from fct_metric_value where is_latest and page is not null
            union all
            select document_id, page, null, excerpt, coalesce(actual_nok, budget_nok) from fct_budget_variance
            where page is not null
        """)
    paths = {d: sp.recorded_file(p, d, [Path.cwd(), ROOT]) for d, p in zip(docs["document_id"], docs["file_path"])}
    pages: dict[tuple[str, int], list[tuple[int, str]] | None] = {}
    count: Counter = Counter()
    for row in rows.itertuples():
        count["figures"] += 1
        path, status = paths.get(row.document_id, (None, sp.FILE_UNRECORDED))
        count[f"file {status}"] += 1
        printed = sp.printed_figure(row.excerpt, [row.value])
        if printed is None:
            continue
        count["printed in excerpt"] += 1
        if status != sp.FILE_OK:
            continue
        key = (row.document_id, int(row.page))
        if key not in pages:
            try:
                pages[key] = sp.read_page_text(path, int(row.page)).lines
            except Exception:  # noqa: BLE001 -- counted as not shown
                pages[key] = None
        lines = pages[key]
        if lines is not None and any(sp.figure_pattern(printed).search(text) for _, text in lines):
            count["marked on its page"] += 1
    return count


for arg in sys.argv[1:]:
    c = measure(Path(arg))
    n = c["figures"] or 1
    print(f"{arg}: {c['figures']} figures; file ok {c['file ok'] / n:.1%}; printed in excerpt "
          f"{c['printed in excerpt'] / n:.1%}; marked on its page {c['marked on its page'] / n:.1%} "
          f"({', '.join(f'{k}: {v}' for k, v in sorted(c.items()))})")
