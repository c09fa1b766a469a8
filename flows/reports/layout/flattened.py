"""A table flattened into one running paragraph: web transcripts of PDF reports print a whole page as one line,
prose, then the table's head words, then its rows one after another ("... Regnskap 2031 Budsjett 2031 Avvik Avvik i %
(Mill kr.) 1 Politikk 6,1 6,3 -0,2 -3,2 % 2 Skole 67,2 69,8 -2,6 -3,7 % Sum 73,3 76,1 -2,8 -3,7 % Befolkningen ...").

Inside a long line without cells, a run of two or more segments "[code] label figure × k [%]" with one figure count
k >= 2 is cut into rows. The head is read from the words before the first row with the reader's header vocabulary
(`headers.columns_from_text`, `stacked_heads.stacked_columns`, or head words stacked column by column: k upper
words, then the lower lines' words k at a time); it must give exactly k columns, else nothing is emitted. A scale
phrase in the head ("(Mill kr.)", "Beløp i 1000 kr") becomes the line above the table. Every row is checked with the
table's arithmetic: a variance column is the difference of the two amounts before it, a percent column that
variance over one of them, a Sum row the sum of the rows above it; rows that do not fit are left out (and the whole
run when most do not, or when nothing checks and the run is short). The text around the run stays text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from flows.reports.figure_years import YEAR
from flows.reports.layout.model import Column, Line, Seg
from flows.reports.numbers import space_glued_percent, split_glued_minus

_NUM = re.compile(r"[-−–]?\d+(?:,\d+)?%?")
_CODE = re.compile(r"\d{1,4}")
_YEAR = re.compile(YEAR)
_SUM = re.compile(r"(?i)^(?:sum|summa|samla|samlet|total|totalt|i alt)\b")
_SENTENCE_END = re.compile(r"[.!?:]$")
_MAX_LABEL_WORDS = 8
_MAX_HEAD_WORDS = 30
_MAX_HEAD_LABEL_WORDS = 5
_MIN_LINE = 120
_DERIVED = ("variance", "variance_pct", "share_pct")


@dataclass
class _Row:
    code: str | None
    label: list[str]
    figures: list[str]  # as printed, a percent sign glued on
    start: int  # token index of the row's first token (code or label)
    end: int  # token index after its last figure
    options: list[tuple[list[str], str | None]] = field(default_factory=list)  # readings of digit groups spaced by
    # thousands ("120 400 118 900 -1 500"): (figures, the next row's code), left to the table's arithmetic


def _tokens(text: str) -> list[str]:
    """Words of the line with a percent sign glued to its figure ("3,9 %" -> "3,9%"). A dash standing apart ("6,1 - 6,1")
    may be a minus or an empty cell: it stays a word, and a row that prints one is no row of a run."""
    out: list[str] = []
    for w in _split_glued_minus(space_glued_percent(text).split()):
        if w == "%" and out and re.fullmatch(r"[-−–]?\d+(?:,\d+)?", out[-1]):
            out[-1] += "%"
            continue
        out.append(w)
    return out


def _split_glued_minus(words: list[str]) -> list[str]:
    """A minus glued between two figures starts the next cell (`numbers.split_glued_minus`: "13,4-1,4-10,5" ->
    13,4 | -1,4 | -10,5); only when every piece is a decimal figure, so ranges ("0-19", "2021-2024") and dates stay
    one word."""
    out: list[str] = []
    for w in words:
        parts = split_glued_minus(w)
        if len(parts) > 1 and all(re.fullmatch(r"[-−–]?\d+,\d+%?", p) for p in parts):
            out.extend(parts)
        else:
            out.append(w)
    return out


def _is_fig(tok: str) -> bool:
    return bool(_NUM.fullmatch(tok))


def _value(tok: str) -> float:
    t = tok.rstrip("%").replace("−", "-").replace("–", "-").replace(",", ".").replace(" ", "")
    return float(t)


def _unit(tok: str) -> float:
    """Half the last printed digit's unit: the rounding of a printed figure."""
    m = re.search(r",(\d+)", tok)
    return 0.5 * 10 ** -(len(m.group(1)) if m else 0)


def _code_at(tokens: list[str], i: int) -> bool:
    """A line code or function number before a row's label: a plain integer of up to four digits before a word that
    starts with a capital ("10 Oppvekst"; "1000 kr" is a scale, no code)."""
    return i + 1 < len(tokens) and bool(_CODE.fullmatch(tokens[i])) and tokens[i + 1][:1].isupper()


def _chain(tokens: list[str], at: int, k: int) -> list[_Row]:
    """Rows of k figures from token `at` on: label words (a code before them) then exactly k figures; a figure run of
    k + 1 whose last is a plain integer ends with the next row's code."""
    rows: list[_Row] = []
    i = at
    code = None
    start = at
    if _code_at(tokens, i):
        code, i = tokens[i], i + 1
    while i < len(tokens):
        j = i
        while j < len(tokens) and not _is_fig(tokens[j]) and j - i < _MAX_LABEL_WORDS:
            j += 1
        label = tokens[i:j]
        if not label or j >= len(tokens) or not _is_fig(tokens[j]) or not _label_ok(label):
            break
        f = j
        while f < len(tokens) and _is_fig(tokens[f]):
            f += 1
        run = tokens[j:f]
        options = _grouped(tuple(run), k, _code_at(tokens, f - 1)) if len(run) > k else []
        if options and not (len(run) == k + 1 and _code_at(tokens, f - 1)):
            rows.append(_Row(code, label, list(options[0][0]), start, f, [(list(o), c) for o, c in options]))
            code, start, i = None, f, f
        elif len(run) == k:
            rows.append(_Row(code, label, run, start, f))
            code, start, i = None, f, f
        elif len(run) == k + 1 and _code_at(tokens, f - 1):
            rows.append(_Row(code, label, run[:k], start, f - 1))
            code, start, i = run[-1], f - 1, f
        else:
            break
    return rows


def _spaced(run: tuple[str, ...]) -> bool:
    """A group of three digits follows a figure of one to three digits: digits that may be spaced by thousands."""
    return any(re.fullmatch(r"\d{3}(?:,\d+)?%?", b) and re.fullmatch(r"-?\d{1,3}", a.replace("−", "-"))
               for a, b in zip(run, run[1:])) and not any("%" in t for t in run[:-1])


@lru_cache(maxsize=4096)
def _grouped(run: tuple[str, ...], k: int, more: bool) -> list[tuple[tuple[str, ...], str | None]]:
    """Readings of a run of digit groups as k figures spaced by thousands, with or without a last plain integer
    that is the next row's code (when a row follows); [] when no group of three digits follows a figure."""
    from flows.reports.numbers import candidate_splits

    if not _spaced(run):
        return []
    norm = [t.replace("−", "-").replace("–", "-") for t in run]
    out: list[tuple[tuple[str, ...], str | None]] = []
    for figs, code in [(norm, None)] + ([(norm[:-1], norm[-1])] if more and _CODE.fullmatch(norm[-1]) else []):
        if len(figs) <= k:
            continue
        for c in candidate_splits(" ".join(figs), k):
            if len(c.raw) == k and (tuple(c.raw), code) not in out:
                out.append((tuple(c.raw), code))
    return out


def _settle(rows: list[_Row], cols: list[Column]) -> list[_Row] | None:
    """Rows of grouped figures read the one way the variance columns allow (and the next row's code with it); None
    when a row reads several ways or none."""
    from flows.reports.layout.arithmetic import variance_columns

    variances = variance_columns(cols)
    for n, r in enumerate(rows):
        if not r.options:
            continue
        fit = [(figs, code) for figs, code in r.options
               if variances and all(_diff_ok(figs, v, a, b, 1) or _diff_ok(figs, v, a, b, -1) for v, a, b in variances)]
        if len({tuple(f) for f, _ in fit}) != 1:
            return None
        r.figures = list(fit[0][0])
        if n + 1 < len(rows) and fit[0][1]:
            nxt = rows[n + 1]
            nxt.code, nxt.label = fit[0][1], nxt.label
    return rows


def _ends_sentence(word: str) -> bool:
    """A word closing a sentence; an abbreviation ("m.v.", "o.l.", "mv.", "inkl.") closes none."""
    if re.fullmatch(r"(?:[^\W\d_]\.){2,}|[^\W\d_]{1,4}\.", word) and word[:1].islower():
        return False
    return bool(_SENTENCE_END.search(word))


def _label_ok(label: list[str]) -> bool:
    text = " ".join(label)
    return bool(re.search(r"[^\W\d_]{2}", text)) and not any(_ends_sentence(w) for w in label[:-1]) \
        and not _ends_sentence(label[-1].rstrip(":")) and "%" not in text


def _runs(tokens: list[str]):
    """The tables of the line in token order: at each start, the runs of two or more rows of one figure count k,
    longest first, are tried until one reads as a table (`_table`); a table read continues the search after it."""
    i = floor = 0
    while i < len(tokens):
        if _is_fig(tokens[i]) and not _CODE.fullmatch(tokens[i]):
            i += 1
            continue
        chains = [(k, rows) for k in _counts(tokens, i) if len(rows := _chain(tokens, i, k)) >= 2]
        chains.sort(key=lambda c: (-len(c[1]), -c[0]))
        for k, rows in chains:
            table = _table(tokens, rows, k, floor)
            if table:
                yield table
                i = floor = rows[-1].end
                break
        else:
            i += 1


def _counts(tokens: list[str], i: int) -> list[int]:
    """The figure counts a row starting at token i may print: its run of figures, or one less (the next row's code),
    or any fewer when digit groups spaced by thousands may join."""
    j = i + 1 if _code_at(tokens, i) else i
    while j < len(tokens) and not _is_fig(tokens[j]):
        j += 1
        if j - i > _MAX_LABEL_WORDS + 1:
            return []
    f = j
    while f < len(tokens) and _is_fig(tokens[f]):
        f += 1
    n = f - j
    if _spaced(tuple(tokens[j:f])):
        return list(range(2, min(n, 8) + 1))
    return [k for k in (n, n - 1) if 2 <= k <= 8]


def _table(tokens: list[str], rows: list[_Row], k: int, floor: int):
    """(rows, whether each fits, caption start, head start, columns, scale) of a run read as a table, or None."""
    head = _head(tokens, rows, k, floor)
    if head is None:
        return None
    cap_at, head_at, cols, scale, first_label = head
    cols = _fix_percent(cols, rows)
    if cols is None or not _reads_back(cols) or _settle(rows, cols) is None:
        return None
    ok, checked = _fits(rows, cols)
    if sum(ok) < 2 or sum(ok) * 2 < len(rows) or (not checked and len(rows) < 3):
        return None
    rows[0].label = first_label
    return rows, ok, cap_at, head_at, cols, scale


def _strip_scale(words: list[str]) -> tuple[list[str], str | None]:
    from flows.reports.layout.scale import scale_of

    text = " ".join(words)
    found = scale_of(text)
    if not found:
        return words, None
    at = text.find(found[1])
    if at < 0:
        return words, None
    a, b = at, at + len(found[1])
    while a > 0 and text[a - 1] == "(":
        a -= 1
    while b < len(text) and text[b] in ".)":
        b += 1
    return (text[:a] + " " + text[b:]).split(), text[a:b]


def _named(cols: list[Column] | None, k: int) -> list[Column] | None:
    if not cols:
        return None
    cols = [c for c in cols if not c.note and (c.year or c.scenario not in ("other", "unknown"))]
    if any(len(c.label.split()) > _MAX_HEAD_LABEL_WORDS for c in cols):
        return None  # "2021 og utviklingen videre i år": prose before the head, no column's name
    return cols if len(cols) == k else None


def _grid(words: list[str], k: int) -> list[Column] | None:
    """Head words stacked column by column: k upper words that each start a head, then the lower lines' words k at a
    time ("Regnskap Budsjett Avvik" + "2031 2031 kr"), or the years alone on the amount heads."""
    from flows.reports.layout.headers import make_column, scenario_of

    upper, lower = words[:k], words[k:]
    if len(upper) < k or not all(w[:1].isupper() or w == "%" for w in upper) \
            or sum(scenario_of(w) not in ("other", "note") for w in upper) < 2:
        return None
    if lower and len(lower) % k == 0:
        # a lower word that names a scenario itself ("budsjett" under "Regulert") completes the head, it names no
        # column of its own: left out so that the head reads as one column
        labels = [" ".join([upper[j]] + [w for w in lower[j::k] if _YEAR.fullmatch(w) or scenario_of(w) == "other"])
                  for j in range(k)]
    else:
        years = [w for w in lower if _YEAR.fullmatch(w)]
        amount = [j for j, w in enumerate(upper) if scenario_of(w) not in _DERIVED]
        if years and len(years) == len(amount):
            it = iter(years)
            labels = [f"{w} {next(it)}" if j in amount else w for j, w in enumerate(upper)]
        elif not lower:
            labels = list(upper)
        else:
            return None
    return [make_column(label) for label in labels]


def _columns(words: list[str], k: int) -> list[Column] | None:
    from flows.reports.layout.headers import columns_from_text
    from flows.reports.layout.stacked_heads import stacked_columns

    text = " ".join(words)
    for read in (lambda: columns_from_text([text]), lambda: stacked_columns([text]), lambda: _grid(words, k)):
        try:
            cols = _named(read(), k)
        except (ValueError, IndexError):
            cols = None
        if cols:
            return cols
    return None


def _head(tokens: list[str], rows: list[_Row], k: int, floor: int) -> tuple[int, int, list[Column], str | None, list[str]] | None:
    """(token index where the words after the last sentence end start, where the head starts, its k columns, scale
    text, first row's label) read from the words before the first row; the first row's label is its last words
    (from a capital) when no code separates them."""

    first = rows[0]
    before = tokens[max(floor, first.start - _MAX_HEAD_WORDS):first.start]
    offset = first.start - len(before)
    cut = max((n + 1 for n, w in enumerate(before[:-1]) if _SENTENCE_END.search(w) and not _YEAR.search(w)
               and before[n + 1][:1].isupper()), default=0)  # "mill. kr)" ends no sentence
    if first.code and _YEAR.fullmatch(first.code):
        # "Utfall 2031 Utfall 2030 Intäkter 812,4 790,1": a year before the first label is the head's last, no code
        words = before[cut:] + [first.code]
        for s in _head_starts(words):
            head, scale = _strip_scale(words[s:])
            cols = _columns(head, k)
            if cols and all(c.year is not None or c.scenario in _DERIVED for c in cols):
                first.code = None
                return offset + cut, offset + cut + s, cols, scale, first.label
    choices = [(0, first.label)] if first.code else \
        [(m, first.label[m:]) for m in range(len(first.label)) if first.label[m][:1].isupper()]
    for m, label in choices:
        words = before[cut:] + ([] if first.code else first.label[:m])
        # a head starts at a capitalised scenario word (prose names them in lower case: "viser budsjett 2021 ...") or
        # at a year ("2021 2022 Endring"), or at the scale declared right before such a word ("(mill. kr) Regnskap")
        for s in _head_starts(words):
            t = scale_before(words, s)
            head, scale = (words[s:], " ".join(words[t:s])) if t < s else _strip_scale(words[s:])
            s = t
            if _prose_figures(head):
                continue  # "... et merforbruk på 8,9 mill. kr. Regnskap": the prose's figure is no head's word
            cols = _columns(head, k)
            if cols:
                return offset + cut, offset + cut + s, cols, scale, label
        if first.code:
            break
    return None


_DECLARATION_WORD = re.compile(
    r"(?i)bel[øo]p|bel[øo]b|tall?|alle|hele|heile|i|in|kr|kroner|kronor|nok|sek|dkk|tusen|tusental|mill|millioner|"
    r"millionar|miljoner|mnkr|mkr|tkr|mnok|tnok|1|000|1000|1\.000")


def _declaration_word(word: str) -> bool:
    return bool(_DECLARATION_WORD.fullmatch(word.strip("()[].,:")))


def scale_before(words: list[str], s: int) -> int:
    """Where the head starting at word s starts when a scale declaration stands right before it, alone ("(mill. kr)
    Regnskap", "Beløp i 1000 kr Regnskap"): the declaration's first word; else s. A declaration right after a figure
    is that amount's unit ("merforbruk på 8,9 mill. kr Regnskap"), no declaration; a parenthesis is one whole."""
    from flows.reports.layout.scale import scale_of

    if s == 0:
        return s
    if words[s - 1].endswith(")"):
        t = next((t for t in range(s - 1, max(0, s - 6) - 1, -1) if words[t].startswith("(")), None)
        if t is None or not all(_declaration_word(w) for w in words[t:s]):
            return s
    else:
        t = s
        while t > max(0, s - 6) and _declaration_word(words[t - 1]) and not _ends_sentence(words[t - 1]) \
                and not (words[t - 1].endswith(".") and words[t][:1].isupper() and t < s):
            t -= 1  # (back to a sentence's end: "... 12,4 mill. kr. Beløp i mill. kr Regnskap")
        if t > 0 and _is_fig(words[t - 1]) and not _YEAR.fullmatch(words[t - 1]):
            return s
    return t if t < s and scale_of(" ".join(words[t:s])) else s


def _prose_figures(head: list[str]) -> bool:
    """A figure that is no year among a head's words (the scale taken out): words of the prose before the table."""
    return any(_is_fig(w) and not _YEAR.fullmatch(w) for w in head)


def _head_starts(words: list[str]) -> list[int]:
    """Where a head may start: at a capitalised scenario word (prose names them in lower case: "viser budsjett 2021
    ...") or at a year ("2021 2022 Endring")."""
    from flows.reports.layout.headers import scenario_of

    return [n for n, w in enumerate(words)
            if (w[:1].isupper() and scenario_of(w) not in ("other", "note")) or _YEAR.fullmatch(w)]


def _fix_percent(cols: list[Column], rows: list[_Row]) -> list[Column] | None:
    """A column whose figures print a percent sign is a percent column: a variance head over it ("Avvik ift
    prosent") reads as the variance in percent; any other head over it does not fit."""
    from flows.reports.layout.headers import make_column, scenario_of

    out = []
    for j, c in enumerate(cols):
        pct = sum(r.figures[j].endswith("%") for r in rows)
        if pct and pct < len(rows) / 2:
            return None
        if pct and c.scenario == "variance":
            c = next((make_column(t) for t in (f"{c.label} %", f"{c.label.split()[0]} %")
                      if scenario_of(t) == "variance_pct"), c)
            if c.scenario != "variance_pct":
                return None
        elif pct and c.scenario not in ("variance_pct", "share_pct"):
            return None
        out.append(c)
    return out


def _head_segs(cols: list[Column]) -> list[Seg]:
    return [Seg(c.label, float(j + 1), float(j + 2)) for j, c in enumerate(cols)]


def _reads_back(cols: list[Column]) -> bool:
    """The head line, as the table reader will read it, gives these very columns."""
    from flows.reports.layout.headers import columns_from_segs

    back = columns_from_segs([_head_segs(cols)])
    return [(c.scenario, c.year) for c in back] == [(c.scenario, c.year) for c in cols]


def _fits(rows: list[_Row], cols: list[Column]) -> tuple[list[bool], bool]:
    """(each row fits the table's arithmetic, any check applied)."""
    from flows.reports.layout.arithmetic import variance_columns

    amount = [j for j, c in enumerate(cols) if c.scenario not in _DERIVED]
    variances = variance_columns(cols)
    pcts = [j for j, c in enumerate(cols) if c.scenario == "variance_pct"]
    ok = [True] * len(rows)
    checked = False
    vals = [[_value(f) for f in r.figures] for r in rows]
    for v, a, b in variances:
        checked = True
        for sign in _majority(rows, lambda r, s, v=v, a=a, b=b: _diff_ok(r.figures, v, a, b, s), (1, -1)):
            for n, r in enumerate(rows):
                ok[n] = ok[n] and _diff_ok(r.figures, v, a, b, sign)
        for p in pcts:
            for base in _majority(rows, lambda r, s, v=v, p=p: _pct_ok(r.figures, v, p, s), (a, b)):
                for n, r in enumerate(rows):
                    ok[n] = ok[n] and _pct_ok(r.figures, v, p, base)
    if pcts and not variances:
        return [False] * len(rows), True
    last = 0
    sums: list[int] = []  # the Sum rows since the last total of Sum rows
    for n, r in enumerate(rows):
        if _SUM.match(" ".join(r.label)):
            checked = True
            above = list(range(last, n)) or sums  # a Sum row right after Sum rows totals them
            if not above or any(abs(sum(vals[p][j] for p in above) - vals[n][j]) >
                                (len(above) + 1) * max(_unit(rows[p].figures[j]) for p in [n] + above) + 1e-9
                                for j in amount):
                ok[n] = False
            sums = [] if above is sums else sums + [n]
            last = n + 1
    return ok, checked


def _majority(rows: list[_Row], holds, options: tuple) -> list:
    """The option most rows fit (a table prints one sign convention, one percent base); [] when none fits any."""
    counts = [sum(bool(holds(r, o)) for r in rows) for o in options]
    best = max(counts)
    return [options[counts.index(best)]] if best else [options[0]]


def _diff_ok(figs: list[str], v: int, a: int, b: int, sign: int) -> bool:
    tol = _unit(figs[v]) + _unit(figs[a]) + _unit(figs[b]) + 1e-9
    return abs(_value(figs[v]) - sign * (_value(figs[a]) - _value(figs[b]))) <= tol


def _pct_ok(figs: list[str], v: int, p: int, base: int) -> bool:
    """The percent figure is the variance over the base column, within the rounding of all three."""
    uv, ub = _unit(figs[v]), _unit(figs[base])
    bs = [_value(figs[base]) + d for d in (-ub, ub)]
    if any(b == 0 for b in bs) or (bs[0] < 0 < bs[1]):
        return False
    ratios = [100 * (_value(figs[v]) + dv) / b for dv, b in product((-uv, uv), bs)]
    pct, up = _value(figs[p]), _unit(figs[p])
    lo, hi = min(ratios) - up - 1e-9, max(ratios) + up + 1e-9
    return lo <= pct <= hi


def _rewrite(line: Line, table_id: int) -> tuple[list[Line], int] | None:
    tokens = _tokens(line.text)
    out: list[Line] = []
    at = 0
    tid = table_id
    for rows, ok, cap_at, head_at, cols, scale in _runs(tokens):
        tid += 1
        text = lambda a, b: " ".join(tokens[a:b])  # noqa: E731
        for a, b in ((at, cap_at), (cap_at, head_at)):  # the prose, then the caption words before the head
            if text(a, b):
                # running text (a sentence's end closes it) stays text to the table reader, no one-figure row
                sentence = a == at or (_SENTENCE_END.search(tokens[b - 1]) is not None and b - a > 3)
                out.append(Line(page=line.page, number=line.number, text=text(a, b), prose=sentence))
        if scale:
            out.append(Line(page=line.page, number=line.number, text=scale))
        out.append(Line(page=line.page, number=line.number, text=" ".join(c.label for c in cols), header=True,
                        table_id=tid, segs=_head_segs(cols)))
        for r, fits in zip(rows, ok):
            if not fits:
                continue
            label = " ".join(r.label)
            cells = [f.replace("−", "-").replace("–", "-") for f in r.figures]
            label = f"{r.code} {label}" if r.code else label
            out.append(Line(page=line.page, number=line.number, text=" ".join([label] + cells), table_id=tid,
                            segs=[Seg(label, 0.0, 1.0)] + [Seg(c, float(j + 1), float(j + 2)) for j, c in enumerate(cells)]))
        at = rows[-1].end
    if tid == table_id:
        return None
    if text(at, len(tokens)):
        out.append(Line(page=line.page, number=line.number, text=text(at, len(tokens))))
    return out, tid


def expand_flattened(lines: list[Line]) -> list[Line]:
    """Every long line without cells that holds a flattened table becomes its prose, head and rows."""
    table_id = max((line.table_id or 0 for line in lines), default=0)
    out: list[Line] = []
    for line in lines:
        if line.segs is None and line.table_id is None and len(line.text) > _MIN_LINE:
            done = _rewrite(line, table_id)
            if done:
                rewritten, table_id = done
                out.extend(rewritten)
                continue
        out.append(line)
    return out
