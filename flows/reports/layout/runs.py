"""Tables flattened into one long line by a text extraction ("Brutto driftsresultat -0,7 0,4 2,2 4,2
Netto driftsresultat 0,1-0 4,8 5,6 ..."): when several runs of figures of one length k follow runs
of words, each words+figures pair becomes a row of its own, and the words with years before the
first row become the header line."""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from flows.reports.layout.model import Line
from flows.reports.years import YEAR

_FIG = re.compile(r"-?\d+(?:,\d+)?%?")
_YEARISH = re.compile(YEAR)
_MAX_LABEL_WORDS = 8
_NOTE_WORD = re.compile(r"(?<!\S)(?:Note|Noter|Not|Noot)(?!\S)")
_DASHES = ("-", "–", "−")
# abbreviations a table's head or caption prints ("(mill. kr)", "Oppr. budsjett"): no sentence ends at their dot
_ABBREVIATIONS = re.compile(r"(?i)(?<![^\W\d_])(?:mill|mrd|kr|tkr|mnkr|jf|inkl|ca|mv|oppr|opph|reg|rev|just|vedt)\.")
_PROSE_MARK = re.compile(r"[a-zæøåäö%)][.,]\s+(?=[A-ZÆØÅÄÖa-zæøåäö])")  # a sentence end or a comma between words


def expand_runs(lines: list[Line]) -> list[Line]:
    return split_long_lines(lines, _rows, short=_small_table)


def _small_table(text: str) -> bool:
    """A small table flattened into a line shorter than the long-line rule ("Regnskap 2023 Budsjett 2023 Skolebygg
    12 400 11 000 Veier 3 200 3 500 Sum 15 600 14 500"): its text before the first figure names the columns."""
    first = next((m for m in _FIG.finditer(text) if not _YEARISH.fullmatch(m.group(0))), None)
    return first is not None and len(text) > 40 and (_names_columns(text[:first.start()])
                                                     or _YEAR_HEAD.search(text[:first.start()]) is not None)


# a head of two years or more right before the first row's label ("Hovedtall (mill. kr) 2031 2030 Driftsinntekter")
_YEAR_HEAD = re.compile(rf"(?<![\d,.]){YEAR}(?:\s+{YEAR}){{1,5}}\s+[A-ZÆØÅÄÖ][^\W\d_]+(?:\s+[^\W\d_]+){{0,6}}\s*$")


def split_long_lines(lines: list[Line], rows_of: Callable[[str], list[str] | None],
                     short: Callable[[str], bool] | None = None) -> list[Line]:
    """Every long line without cells that `rows_of` reads as rows becomes those rows, on the same page and line
    (a shorter line too where `short` says it is a table)."""
    out: list[Line] = []
    for line in lines:
        if line.segs is None and (len(line.text) > 150 or (short is not None and short(line.text))):
            rows = rows_of(line.text, min_rows=2) if short is not None and len(line.text) <= 150 else rows_of(line.text)
            if rows:
                out.extend(Line(page=line.page, number=line.number, text=t, table_id=line.table_id) for t in rows)
                continue
        out.append(line)
    return out


def _tokens(text: str) -> list[str]:
    from flows.reports.numbers import space_glued_percent

    text = re.sub(r"(?<=\d)-(?=\d)", " -", text)  # "0,1-0": two figures glued by a minus
    # "45,2 %118 234": the percent sign is its figure's, and ends it
    text = re.sub(r"(?<=\d)[ \u00a0]%", "%", space_glued_percent(text))
    return text.split()


_SCALE_WORDS = {"beløp", "belopp", "beløb", "tall", "tal", "i", "hele", "heile", "alle", "amounts", "in", "(", "-", "–"}


def trailing_scale(text: str) -> tuple[str, str]:
    """(text, scale declaration) of a line that ends with the declaration of its table's scale ("... Sum 15 600
    14 500 Beløp i 1000 kr"): the declaration is the line's last text, not figures of its last row."""
    from flows.reports.layout.scale import scale_of

    found = scale_of(text[-40:])
    if not found:
        return text, ""
    at = text.rfind(found[1])
    if at < 0 or text[at + len(found[1]):].strip(" ().,"):
        return text, ""
    words = text[:at].split()
    k = len(words)
    while k > 0 and words[k - 1].strip("(").lower() in _SCALE_WORDS | {""}:
        k -= 1
    declared = found[1].split()[0].strip("(").lower() in _SCALE_WORDS or "(" in (text[at - 1:at], found[1][:1])
    if k == len(words) and not declared and words and re.fullmatch(r"[-\d,.]+", words[-1]):
        return text, ""  # "... 14 500 mill. kr": the unit of the last figure, no declaration
    head = " ".join(words[:k])
    return head, text[len(head):].strip()


def _rows(text: str, min_rows: int = 3) -> list[str] | None:
    text, scale = trailing_scale(text)
    out = _rows_of(text, min_rows)
    return out + [scale] if out and scale else out


def running_text(text: str) -> bool:
    """Running text with figures ("... er 4 831 per 31.12.2019. Kommunen har ..., og ..."), no table run into a line:
    fewer than a quarter of its words are figures, or sentence ends and commas between words are more than one word
    in twenty."""
    words = text.split()
    return sum(bool(_FIG.fullmatch(w)) for w in words) < 0.25 * len(words) \
        or len(_PROSE_MARK.findall(_ABBREVIATIONS.sub(" ", text))) > 0.05 * len(words)


def _rows_of(text: str, min_rows: int) -> list[str] | None:
    if running_text(text):
        return None
    runs: list[tuple[bool, list[str]]] = []
    tokens = _tokens(text)
    declared = _declaration_figures(tokens)
    for at, tok in enumerate(tokens):
        is_fig = bool(_FIG.fullmatch(tok)) and not _YEARISH.fullmatch(tok) and at not in declared
        if tok in _DASHES and at + 1 < len(tokens) and _FIG.fullmatch(tokens[at + 1]):
            is_fig = True  # "- 814 958": a minus standing apart belongs to the figure after it
        if runs and runs[-1][0] == is_fig:
            runs[-1][1].append(tok)
        else:
            runs.append((is_fig, [tok]))
    lengths = Counter(len(toks) for is_fig, toks in runs if is_fig and len(toks) >= 2)
    if not lengths:
        return None
    k, count = lengths.most_common(1)[0]
    if count < min_rows:
        return None
    out: list[str] = []
    first = True
    for i, (is_fig, toks) in enumerate(runs):
        if not is_fig or i == 0 or runs[i - 1][0] or (len(toks) != k and len(toks) < 2):
            continue  # every run of two or more figures after words is a row: "0 0 0" and "1 697 480 0 717 545"
            # print fewer tokens than "4 386 267 4 379 324 4 259 987"; the table's columns split them later
        words = runs[i - 1][1]
        label, before = words[-_MAX_LABEL_WORDS:], words[:-_MAX_LABEL_WORDS]
        # the label starts at its last capitalised word, or after a sentence end / heading number
        for j in range(len(label) - 1, -1, -1):
            if label[j].endswith((".", ":")) or re.fullmatch(r"\d+(?:\.\d+)+", label[j]):
                before, label = before + label[: j + 1], label[j + 1:]
                break
            if label[j][:1].isupper() or (label[j] == "-" and j + 1 < len(label)):
                if j > 0 and label[j - 1] == "-":
                    j -= 1  # "- herav Pensjonsforpliktelse"
                before, label = before + label[:j], label[j:]
                break
        if first:
            before, section = _section_tail(before)
            head = " ".join(before)
            note = _NOTE_WORD.search(head)
            if note and _YEARISH.search(head[:note.start()]):
                # "Resultatregnskap for 2031 Note 2031 2030": the note column is the head's first, the year before
                # it the title's
                out.append(head[:note.start()].strip())
                head = head[note.start():]
            years = list(_YEARISH.finditer(head))
            if _names_columns(head):  # "Driftsregnskap Regnskap 2016 Budsjett 2016 Regnskap 2015 Driftsinntekter"
                head, label_after = _label_after_heads(head)
                out.append(head)
                section = section or label_after
            elif len(years) >= 2:  # the header: "Vik 2008 Noreg 2008 Vik 2006 Noreg"
                start = head.rfind(" ", 0, max(0, years[0].start() - 1)) + 1
                declared = _scale_before(head, years[0].start())
                if declared is not None:  # "Resultatregnskap. Beløp i 1000 kr 2031 2030": caption, scale, years
                    out.extend(t for t in (head[:declared].strip(), head[declared:years[0].start()].strip()) if t)
                    start = years[0].start()
                elif head[:start].strip():
                    out.append(head[:start].strip())  # the words before the head are text, never lost
                gaps = {len(head[a.end():b.start()].split()) for a, b in zip(years, years[1:])}
                width = gaps.pop() if len(gaps) == 1 else 0
                tail = head[years[-1].end():].split()[:width]
                out.append(" ".join([head[start:years[-1].end()]] + tail))
                rest = " ".join(head[years[-1].end():].split()[width:])
                if rest:
                    out.append(rest)
            elif head:
                out.append(head)
            if section:
                out.append(section)  # "Driftsinntekter:" after the heads names the rows below, no column
            first = False
        elif before:
            out.append(" ".join(before))
        if label:
            out.append(" ".join(label + toks))
    if out and runs and not runs[-1][0]:
        out.append(" ".join(runs[-1][1]))  # text after the last row stays text
    return out or None


_DECLARING = {"i", "hele", "heile", "(i", "(", "in"}
_CURRENCY = re.compile(r"(?i)^(?:kr\.?|kroner|kronor|nok|sek|dkk)\)?[.,:]?$")


def _declaration_figures(tokens: list[str]) -> set[int]:
    """Indexes of the figures of a scale declaration ("Beløp i 1 000 kr", "(i 1000 kroner)"): words of the text
    before the table, never a row's figures."""
    out: set[int] = set()
    for at, tok in enumerate(tokens):
        if tok.lower() not in _DECLARING:
            continue
        k = at + 1
        while k < len(tokens) and k - at <= 2 and re.fullmatch(r"1|1?000", tokens[k]):
            k += 1
        if k > at + 1 and k < len(tokens) and _CURRENCY.match(tokens[k]) and "".join(tokens[at + 1:k]) == "1000":
            out.update(range(at + 1, k))
    return out


def _scale_before(head: str, end: int) -> int | None:
    """Where a scale declaration that ends right before `end` starts ("... Beløp i 1000 kr 2031 2030",
    "... (mill. kr) 2031 2030"), or None."""
    from flows.reports.layout.scale import scale_of

    before = head[:end].rstrip()
    found = scale_of(before[-40:])
    if not found:
        return None
    at = before.rfind(found[1])
    if at < 0 or before[at + len(found[1]):].strip(" ().,"):
        return None
    words = before[:at].split()
    k = len(words)
    while k > 0 and words[k - 1].strip("(").lower() in _SCALE_WORDS | {""}:
        k -= 1
    return len(" ".join(words[:k])) + (1 if k else 0) if k < len(words) else (at - (1 if before[at - 1:at] == "(" else 0))


def _section_tail(words: list[str]) -> tuple[list[str], str]:
    """(words, section label) of the text before the first row when it ends with a label that closes with a colon
    ("... Regnskap i fjor 1. tertial Driftsinntekter:"); the label starts at its last capitalised word."""
    if not words or not words[-1].endswith(":") or len(words) < 2:
        return words, ""
    for j in range(len(words) - 1, 0, -1):
        if words[j][:1].isupper():
            return words[:j], " ".join(words[j:])
    return words, ""


def _names_columns(head: str) -> bool:
    """The text before the first row names scenario columns ("Regnskap ... Budsjett ..."): a header line."""
    from flows.reports.layout.headers import is_header_text, scenario_of

    words = [w for w in head.split() if scenario_of(w) not in ("other", "note")]
    return len(words) >= 2 and is_header_text(head)


def _label_after_heads(head: str) -> tuple[str, str]:
    """(heads, section label) of a header run on into the first section label: capitalised words after the last
    word that names a column, a year or a period ("... Regnskap 2015 Driftsinntekter")."""
    from flows.reports.layout.headers import scenario_of

    words = head.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isalpha() and scenario_of(words[k - 1]) == "other" and words[k - 1][:1].isupper():
        k -= 1
    tail = words[k:]
    if not tail or k == 0 or len(tail) > 4 or not (re.search(r"\d", words[k - 1]) or scenario_of(words[k - 1]) != "other"
                                                   or words[k - 1].islower()):
        return head, ""
    return " ".join(words[:k]), " ".join(tail)
