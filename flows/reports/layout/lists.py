"""Key-figure pages flattened by a text extraction into all row labels first, then all values
("Omsetning Netto driftsresultat Netto driftsresultat i % av driftsinntekter ... 2 788,4 mill. kr.
50,3 mill. kr. 2,1 prosent ..."): labels and values are paired by position.

Values carry their unit ("mill. kr.", "prosent", "kroner"; a bare "kroner" is a value the extraction
lost, still a slot). When there are more labels than values, every alignment of the values with the
last labels is tried, and the pairing is made only when exactly one alignment agrees with the units
(a label naming "%" takes a percent value, "per innbygger"/"antall" takes no millions, a percent
value goes to no label naming kroner). A label printed right before its value ("Sykefravær 6,9
prosent") on such a line is a row of its own. Each pair becomes a row line "label value unit".
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line

_NUM = r"[-−–]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?"
_UNIT = r"(?:mill\.?\s*(?:kr\.?|kroner)|mrd\.?\s*(?:kr\.?|kroner)|prosent|%|kroner|kr\.)"
_VALUE = re.compile(rf"(?:(?P<num>{_NUM})\s*)?(?P<unit>{_UNIT})(?=\s|$)")
_MIN_RUN = 4
_MAX_LABEL_WORDS = 8
_JOIN = {"i", "og", "av", "på", "per", "pr.", "fra", "frå", "til", "for", "med", "om", "eks.", "ekskl.", "inkl.", "%"}


def expand_lists(lines: list[Line]) -> list[Line]:
    from flows.reports.layout.runs import split_long_lines

    return split_long_lines(lines, _rows)


def _value_runs(text: str) -> list[list[re.Match]]:
    """Runs of consecutive values (only whitespace between them) with at least _MIN_RUN members, three
    of them with a figure."""
    runs: list[list[re.Match]] = []
    for m in _VALUE.finditer(text):
        if m.start() > 0 and not text[m.start() - 1].isspace():
            continue
        if runs and not text[runs[-1][-1].end():m.start()].strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    return [r for r in runs if len(r) >= _MIN_RUN and sum(bool(m.group("num")) for m in r) >= 3
            and any(m.group("num") and not m.group("num").startswith(("-", "−", "–")) for m in r)]


def split_labels(text: str) -> list[str]:
    """Labels of a run of words: each starts at a capitalised word (after the last sentence end)."""
    text = re.split(r"(?<=[a-zæøå)]\.)\s+(?=[A-ZÆØÅ])|[:;!?]\s+", text)[-1]
    labels: list[list[str]] = []
    for word in text.split():
        starts = word[:1].isupper() and not (labels and labels[-1][-1].lower() in _JOIN)
        if starts or not labels:
            labels.append([word])
        else:
            labels[-1].append(word)
    return [" ".join(words) for words in labels if len(words) <= _MAX_LABEL_WORDS]


def _kind(m: re.Match) -> str:
    unit = m.group("unit").lower()
    if unit in ("%", "prosent"):
        return "pct"
    if unit.startswith(("mill", "mrd")):
        return "big"
    return "kr"


def _fits(label: str, m: re.Match) -> bool:
    low = f" {label.lower()} "
    kind = _kind(m)
    if "%" in low or " prosent" in low or "andel" in low:
        return kind == "pct"
    if " per " in low or " pr. " in low or low.startswith(" antall"):
        return kind != "big"
    if kind == "pct":
        return not re.search(r"\b(?:kr|kroner|beløp|utgifter|inntekter|gjeld|lånegjeld)\b", low) or "%" in low
    return True


def _rows(text: str) -> list[str] | None:
    runs = _value_runs(text)
    if not runs:
        return None
    out: list[str] = []
    pos = 0
    for run in runs:
        before = text[pos:run[0].start()]
        labels = split_labels(before)
        n, m = len(labels), len(run)
        if n < m:
            continue
        fits = [o for o in range(0, min(n - m, m // 2) + 1)
                if all(_fits(labels[n - m - o + k], v) for k, v in enumerate(run))]
        if len(fits) != 1:
            continue
        offset = fits[0]
        chosen = labels[n - m - offset:n - offset]
        head_end = _find_label(before, chosen[0])
        if before[:head_end].strip():
            out.append(" ".join(before[:head_end].split()))
        out.extend(f"{label} {v.group(0)}" for label, v in zip(chosen, run) if v.group("num"))
        rest_labels = labels[n - offset:]
        if rest_labels:
            out.append(" ".join(rest_labels))
        pos = run[-1].end()
    if not out:
        return None
    out.extend(_single_pairs(text[pos:]))
    return out


def _find_label(text: str, label: str) -> int:
    """Where `label` (words joined by single spaces) starts in `text`, the last occurrence."""
    pattern = r"\s+".join(re.escape(w) for w in label.split())
    found = [m.start() for m in re.finditer(pattern, text)]
    return found[-1] if found else 0


def _single_pairs(text: str) -> list[str]:
    """The rest of a key-figure line: a short label printed right before its value with a unit
    ("Sykefravær 6,9 prosent") becomes a row; everything else stays text."""
    out: list[str] = []
    pos = 0
    for m in _VALUE.finditer(text):
        if not m.group("num") or (m.start() and not text[m.start() - 1].isspace()):
            continue
        after = text[m.end():].lstrip()
        if after and not after[:1].isupper():
            continue
        labels = split_labels(text[pos:m.start()])
        if not labels or len(labels[-1].split()) > 4 or any(ch.isdigit() for ch in labels[-1]) or not _fits(labels[-1], m):
            continue
        start = _find_label(text[:m.start()], labels[-1])
        if start < pos:
            continue
        if text[pos:start].strip():
            out.append(" ".join(text[pos:start].split()))
        out.append(f"{labels[-1]} {m.group(0)}")
        pos = m.end()
    if text[pos:].strip():
        out.append(" ".join(text[pos:].split()))
    return out
