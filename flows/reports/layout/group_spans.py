"""Group heads over period columns that do not divide evenly: "Regnskap" over two years and "Budsjett" over
three ("Regnskap  Budsjett" / "2021 2022 2023 2024 2025"), "Utfall Budget Prognos" over 2 + 1 + 3 years, or
scopes ("Kommunen  Konsern") over 3 + 2 dates. `group_heads` rewrites such heads only when the periods divide
evenly; here the span of each group is read from

- positions, where the extraction kept the spacing of the page (the group line indented or its names apart by
  gaps, the periods apart by gaps): each period goes to the group whose centre is nearest its own, and every
  group must get at least one period;
- otherwise the periods themselves: inside one group the years run one way, so a year that does not follow
  the one before it (2021 2022 | 2022 2023 2024) starts the next group; the groups must make exactly the runs.

Nothing is rewritten when neither tells the spans. The two lines become one head line of gap-separated cells
("Regnskap 2021  Regnskap 2022  Budsjett 2023 ..."), words before the groups stay on a line of their own.
"""
from __future__ import annotations

import re

from flows.reports.layout.group_heads import _SCOPE, _period_label, _period_year
from flows.reports.layout.model import Line

_KIND = (r"regnskap|rekneskap|regnskab|budsjett|budget|økonomiplan|økonomiplanen|utfall|bokslut|prognose?|plan|forslag"
         r"|vedtatt\s+budsjett|justert\s+budsjett|revidert\s+budsjett|opprinnelig\s+budsjett|årsbudget|flerårsplan"
         r"|verksamhetsplan|budgetforslag|overslagsår|estimat")
_GROUP_RE = re.compile(rf"(?i)(?:{_KIND}|{_SCOPE})")
_NOTE_RE = re.compile(r"(?i)not|note|noter")


def _groups(text: str) -> list[tuple[str, int, int]] | None:
    """(name, start, end) of every group name of a line that holds only group names (at least two)."""
    out = []
    pos = 0
    for m in re.finditer(r"\S+(?:\s\S+)*", text):  # cells: words apart by single spaces
        cell = m.group()
        words = cell.split()
        k = 0
        while k < len(words):  # a cell may hold several names apart by one space ("Regnskap Budsjett")
            for size in (3, 2, 1):
                name = " ".join(words[k:k + size])
                if k + size <= len(words) and _GROUP_RE.fullmatch(name):
                    start = text.index(words[k], pos)
                    end = text.index(words[k + size - 1], start) + len(words[k + size - 1])
                    out.append((name, start, end))
                    pos = end
                    k += size
                    break
            else:
                return None
    return out if len(out) >= 2 else None


def _periods(text: str) -> tuple[list[tuple[str, int, int]], list[str]] | None:
    """(periods with positions, note cells) of a line of periods, a note column allowed."""
    periods, notes = [], []
    for m in re.finditer(r"\S+", text):
        w = m.group()
        if _period_year(w):
            periods.append((w, m.start(), m.end()))
        elif _NOTE_RE.fullmatch(w) and not periods:
            notes.append(w)
        else:
            return None
    return (periods, notes) if len(periods) >= 2 else None


def _spaced(text: str) -> bool:
    return bool(re.match(r"\s{2,}\S", text) or re.search(r"\S\s{2,}\S", text))


def spans(groups: list[tuple[str, int, int]], periods: list[tuple[str, int, int]], by_position: bool) -> list[str] | None:
    """The group name of every period, or None when the spans cannot be told."""
    if by_position:
        centres = [(a + b) / 2 for _, a, b in groups]
        owner = [min(range(len(groups)), key=lambda g: (abs(centres[g] - (a + b) / 2), g)) for _, a, b in periods]
        if owner == sorted(owner) and set(owner) == set(range(len(groups))):
            return [groups[g][0] for g in owner]
        return None
    years = [int(_period_year(p) or 0) for p, _, _ in periods]
    runs = [[0]]
    for k in range(1, len(years)):
        run = runs[-1]
        step = years[k] - years[k - 1]
        way = years[run[1]] - years[run[0]] if len(run) >= 2 else step
        if step and (step > 0) == (way > 0):
            run.append(k)
        else:
            runs.append([k])
    if len(runs) != len(groups):
        return None
    return [groups[r][0] for r, run in enumerate(runs) for _ in run]


def merge_group_spans(lines: list[Line]) -> list[Line]:
    """A group line over a period line whose groups span unequal counts of periods: one head line."""
    out = list(lines)
    for i, line in enumerate(lines):
        if line.segs is not None or line.table_id is not None or not line.text.strip():
            continue
        groups = _groups(line.text)
        if groups is None:
            continue
        j = next((k for k in range(i + 1, min(len(lines), i + 3)) if lines[k].text.strip()), None)
        if j is None or lines[j].page != line.page or lines[j].segs is not None or lines[j].table_id is not None:
            continue
        found = _periods(lines[j].text)
        if found is None:
            continue
        periods, notes = found
        if len(periods) % len(groups) == 0 and len(periods) > len(groups) \
                and all(re.fullmatch(rf"(?i){_SCOPE}", g[0]) for g in groups):
            continue  # scopes over periods that divide evenly: `group_heads` reads them
        by_position = _spaced(line.text) and _spaced(lines[j].text)
        names = spans(groups, periods, by_position)
        if names is None:
            continue
        head = "  ".join(notes + [f"{name} {_period_label(p)}" for name, (p, _, _) in zip(names, periods)])
        out[i] = Line(page=line.page, number=line.number, text="", heading=line.heading)
        out[j] = Line(page=lines[j].page, number=lines[j].number, text=head, joined=(line.number,))
    return out
