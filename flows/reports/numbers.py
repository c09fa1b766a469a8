"""Norwegian number parsing for report text.

Reports print numbers in many ways ("5 897 625", "10.469", "kr 1.761.942,-", "4,7 %",
"13.2mill.kr.", "−259 038"), and PDF text layers flatten table rows so that the
space used as thousands separator is indistinguishable from the space between
columns. `split_row_values` resolves that with the column count of the header and the
arithmetic the table must satisfy (avvik = budsjett − regnskap, sum columns).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from flows.reports.number_words import HUNDRED_WORDS, SCANDINAVIAN  # noqa: F401 (HUNDRED_WORDS: re-exported)

MINUS_SIGNS = "\u2212\u2013\u2012\u2014"  # −, –, ‒, — used as minus by some PDF producers
DASHES = {"-", "\u2013", "\u2014", "\u2212"}

# A footnote marker printed after a figure ("38*", "95**", "1 234¹", "12,5 %*", "28 a)", "4,7 1)") refers to a
# note under the table: it is no part of the figure and no label. A marker alone in a cell ("*") is an empty cell
# with a note. Glued to a figure only a star, a superscript or a letter in parenthesis is a marker ("381)" may be
# 38 and note 1 or 381 and a stray parenthesis); a digit in parenthesis is one when a space stands before it.
FOOTNOTE_MARK = r"(?:\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}|[a-e]\))"
_TRAILING_MARK = re.compile(rf"(?<=[\d%]){FOOTNOTE_MARK}$|(?<=[\d%])\s+(?:{FOOTNOTE_MARK}|\d\))$")
_LONE_MARK = re.compile(r"\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}")


def strip_footnote_mark(text: str) -> str:
    """The figure without the footnote marker after it ("38*" -> "38", "12,5 %*" -> "12,5 %"); a lone marker
    ("*") -> ""; any other text unchanged."""
    t = text.strip()
    if _LONE_MARK.fullmatch(t):
        return ""
    return _TRAILING_MARK.sub("", t) if t[-1:] in "*)¹²³⁴⁵⁶⁷⁸⁹⁰" else text


_SPACED_MARK = re.compile(rf"(?<=[\d%])\s+({FOOTNOTE_MARK})$|(?<=[\d%])\s+\d\)$")


def glue_footnote_mark(cell: str) -> str:
    """A cell printed on a line of its own with its marker spaced off ("33 a)", "4,7 1)") as one word ("33a)",
    "4,7"): on a row's line a spaced marker would read as a cell of its own. A digit in parenthesis glued to the
    figure would read as part of it, so that marker is dropped."""
    return _SPACED_MARK.sub(lambda m: m.group(1) or "", cell.strip())


def is_lone_mark(text: str) -> bool:
    """A cell that prints only a footnote marker ("*", "**", "¹"): an empty cell with a note."""
    return bool(_LONE_MARK.fullmatch(text.strip()))


def normalise_minus(text: str) -> str:
    if text.isascii():
        return text  # none of the signs is ASCII
    for sign in MINUS_SIGNS:  # str.replace per sign: far faster than str.translate with a table
        text = text.replace(sign, "-")
    return text


# --- single numbers -------------------------------------------------------------------

_SPACED_INT = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+"
_DOT_INT = r"\d{1,3}(?:\.\d{3})+"
_NUMBER_CORE = re.compile(
    rf"^(?P<sign>-)?\s*(?P<int>{_SPACED_INT}|{_DOT_INT}|\d+)(?:(?P<sep>[.,])(?P<frac>\d+))?$"
)


@lru_cache(maxsize=1 << 16)
def parse_number(text: str, *, decimal_dot: bool = False) -> float | None:
    """Parse one printed number; None when the text is not a number.

    A lone dash ("-", "–") is the accountant's zero and returns 0.0. A single dot
    followed by exactly three digits ("10.469") is read as a thousands separator unless
    `decimal_dot` is set, because Norwegian reports use comma decimals and dot
    thousands ("Alle tall i hele 1000"); any other dot is a decimal point ("1.84").
    """
    raw = normalise_minus(text).strip()
    raw = re.sub(r"(?i)\s*(kr\.?|nok)$", "", raw)
    # "kr 500,-", "500.-", and the marker set apart from the figure as a price list prints it ("kr 500 ,-")
    raw = re.sub(r"\s*[,.]-+$|-+$", "", raw) if re.search(r"\d(?:\s*[,.])?-+$", raw) else raw
    raw = raw.rstrip("%").strip().rstrip(".")
    if raw in DASHES or raw == "":
        return 0.0 if text.strip() in DASHES else None
    if decimal_dot and re.fullmatch(r"-?\s*\d+\.\d+", raw):
        return float(raw.replace(" ", ""))
    m = _NUMBER_CORE.match(raw)
    if not m:
        return None
    integer = re.sub(r"[ .\u00a0\u202f]", "", m.group("int"))  # dot thousands like 1.074.000
    frac = m.group("frac")
    value = float(integer + ("." + frac if frac else ""))
    return -value if m.group("sign") else value


# A figure as running text prints it: space-grouped thousands ("78 400", "1 234,5"), dot-grouped thousands with
# decimals ("1.234,5", the Danish way) or with two groups or more ("1.234.567"), or a plain number ("4,7", "1.84",
# "4.512": the reader decides what a single dot group means). Longest alternative first.
FIGURE_NUMBER = (r"-?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|-?\d{1,3}(?:\.\d{3})+,\d+|-?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|"
                 r"-?\d+(?:[.,]\d+)?")
# A figure as a sentence prints it, standing on its own: never the tail of a grouped number ("865" of "4 865", "365" of
# "1.365", "5" of "2,5"). A year or any longer digit run before it is no leading group ("I 2016 4 865 tilsette").
STANDALONE_FIGURE = (r"(?<![\d,.])(?<!(?<![\d,.])\d[ \u00a0])(?<!(?<![\d,.])\d\d[ \u00a0])(?<!(?<![\d,.])\d\d\d[ \u00a0])"
                     rf"(?:{FIGURE_NUMBER})(?![\d])")

# Words and abbreviations of a money magnitude as reports print them, odd spellings included ("mill.", "millionar",
# "milllionar", "mill.kr", "MNOK", "mnkr", "mkr", "mrd.", "milliarder", "mia.", "mio.", "tkr", "t.kr.").
MAGNITUDE = (r"milliard(?:ar|er|s)?|miljard(?:er)?|mrd\.?|mil+ion(?:ar|er|s)?|miljon(?:er)?|milj\.|mill\.?|mio\.?(?![a-zæøå])|"
             r"mia\.?(?![a-zæøå])|mnkr|mnok|msek|mdkk|mkr|mdkr|tkr\.?|t\.\s?kr\.?")


def magnitude_scale(word: str) -> float:
    """The multiplier of a magnitude word (`MAGNITUDE`): "mrd.", "milliarder", "miljard", "mia.", "mdkr" a thousand
    million, "tkr", "t.kr." a thousand, the rest ("mill.", "millionar", "mio.", "miljoner", "mnkr", "MNOK", "mkr") a
    million."""
    low = word.lower()
    if low.startswith(("milliard", "miljard", "mrd", "mdk", "mia")):
        return 1e9
    return 1e3 if low.startswith("t") else 1e6

# Numbers written as words: one home (flows.reports.number_words); the Scandinavian ones under their old name
NUMBER_WORDS = SCANDINAVIAN


def parse_percent(text: str) -> float | None:
    """"4,7 %", "99,81%.", "1297 %", "1.84%" -> percent value (4.7 means 4,7 %)."""
    m = re.search(r"(-?\s*\d[\d ]*(?:[.,]\d+)?)\s*%", normalise_minus(text))
    if not m:
        return None
    return parse_number(m.group(1), decimal_dot=True)


_AMOUNT = re.compile(
    r"(?P<kr>kr\.?\s*)?(?P<num>-?\s?\d{1,3}(?:(?:[ \u00a0]\d{3})+|(?:\.\d{3})+)(?:,\d+)?|-?\d+(?:[.,]\d+)?)"
    rf"\s*(?P<mill>{MAGNITUDE})?\s*(?P<kr2>kr\.?|kroner)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    value_nok: float
    raw: str
    scale: float


def parse_amount(text: str) -> Amount | None:
    """A money amount from prose: "kr. 1.074.000.-", "0,75 mill", "13.2mill.kr.", "kr 1.761.942,-".

    "mill" scales by a million and reads a dot as a decimal point ("kr 1.8 mill"),
    otherwise the number is read with `parse_number` rules.
    """
    m = _AMOUNT.search(normalise_minus(text))
    if not m:
        return None
    mill = m.group("mill") or ""
    scale = magnitude_scale(mill) if mill else 1.0
    # a dot before a magnitude is a decimal point ("kr 1.8 mill"), except dot-grouped thousands before a magnitude
    # never written with a decimal dot ("4.500 tkr", "1.250 mio.")
    grouped = re.fullmatch(r"-?\s?\d{1,3}(?:\.\d{3})+", m.group("num")) and re.match(r"(?i)t|mio|mia|mnkr|mdkr|mkr", mill)
    value = parse_number(m.group("num"), decimal_dot=bool(mill) and not grouped)
    if value is None:
        return None
    return Amount(value_nok=round(value * scale, 2), raw=m.group(0).strip(), scale=scale)


# --- scale declarations ----------------------------------------------------------------

_SCALE_PATTERNS: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"(?i)\b(?:tall|tal|beløp)\s+i\s+(?:hele\s+)?1\s*000\s*(?:kr|kroner|nok)?\b"), 1000.0),
    (re.compile(r"(?i)\b(?:tall|tal|beløp)\s+i\s+(?:hele\s+)?tusen"), 1000.0),
    (re.compile(r"(?i)\bi\s+hele\s+(?:1\s*000|1000|tusen)\b"), 1000.0),
    (re.compile(r"(?i)\b(?:1\s*000|tusen)\s*(?:kr|kroner|nok)\b"), 1000.0),
    (re.compile(r"(?i)\bi\s+1\s*000\b"), 1000.0),
    (re.compile(r"(?i)\b(?:tall|tal|beløp)\s+i\s+(?:hele\s+)?1\s*(?:kr|kroner|nok)\b"), 1.0),
    (re.compile(r"(?i)\b(?:tall|tal|beløp)\s+i\s+(?:hele\s+)?kroner\b"), 1.0),
    (re.compile(r"(?i)\bmill(?:ioner|\.)?\s*(?:kr|kroner)\b|\bi\s+mill(?:ioner|\.)?\b"), 1e6),
]


@lru_cache(maxsize=1 << 16)
def scale_from_declaration(text: str) -> tuple[float, str] | None:
    """Scale declared in a table header: "Tall i 1 kroner" -> 1, "(Beløp i 1 000 kroner)",
    "Alle tall i hele tusen" -> 1000, "Mill.kr." -> 1e6. Returns (scale, matched text)."""
    for pattern, scale in _SCALE_PATTERNS:
        m = pattern.search(text)
        if m:
            return scale, m.group(0).strip()
    return None


# --- table rows ------------------------------------------------------------------------

_GLUED_NOTE = re.compile(r"(?<=[A-Za-zÆØÅæøå)])(\d{1,2})(?=\s|$)")
# a decimal figure glued to the label ("Kommunstyrelsen12,5 14,0"): the label ends where it starts
_GLUED_DECIMAL = re.compile(r"(?<=[a-zæøåäöé])(?=-?\d{1,3}(?: \d{3})*,\d+%?(?:\s|$))")


@dataclass(frozen=True)
class _Token:
    text: str
    digits: str  # integer digits, no sign
    signed: bool
    ends: bool  # nothing can be appended (decimals, %, kr, dot thousands, 4+ digits)
    pct: bool
    starts: bool = False  # a gap of two or more spaces stands before it: it starts a cell


# Two or more spaces between figures separate cells; one space groups thousands ("11 218 638  995 422").
CELL_GAP = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_GAP_MARK = "\u2016"  # "‖" stands for a cell boundary inside a row's value text
_EMPTY_RUN = re.compile(r"^[-\u2013\u2014\u2212]{2,}$")  # "--", "------": empty cells, never a minus


GAP_SPLIT_FORBIDDEN = 100.0


def gap_cells(text: str) -> list[str] | None:
    """The cells of a value text whose cells are separated by gaps: each gap-delimited part
    read as few numbers as thousands grouping allows ("2 926 800 3 086 979 -8 881" -> three).
    None when a part is not numbers."""
    readings = _token_readings(text)
    if not readings:
        return None
    tokens = next((t for t, zero in readings if zero == 0), readings[0][0])
    groups: list[list[_Token]] = []
    for tok in tokens:
        if groups and not groups[-1][-1].ends and not tok.signed and not tok.starts and len(tok.digits) == 3 \
                and tok.text[0].isdigit() and not tok.text.startswith("-") and groups[-1][-1].digits != "0":
            groups[-1].append(tok)
        else:
            groups.append([tok])
    return [_join(g)[1] for g in groups]


def has_cell_gaps(text: str) -> bool:
    """True when the text separates cells by two or more spaces."""
    return bool(CELL_GAP.search(text.strip()))


_DETACHED_DASH = re.compile(r"(?:(?<=\s)|^)-\s+(?=\d)")
_MAX_DASH_CHOICES = 3  # 2**3 readings; beyond that every detached dash is a minus sign


def _token_readings(text: str) -> list[tuple[list[_Token], int]]:
    """The ways to tokenise a row's values, each with the number of dashes read as zero.

    A dash standing apart before a number is either a minus sign written with a space
    ("- 216 022") or the accountant's zero in the column before ("Refusjoner - 200 200 –").
    Both readings are offered; the column count and the identities choose.
    """
    text = CELL_GAP.sub(f" {_GAP_MARK} ", text.strip())
    text = normalise_minus(text)
    runs = re.findall(r"(?:^|\s)-{2,}(?=\s|$)", text)
    if runs and not CELL_GAP.search(text) and _GAP_MARK not in text:
        # "97 810 - 1 415 ---": without gaps a run of dashes may be one empty cell per dash; both
        # readings are offered, the column count chooses
        single = re.sub(r"(?<!\S)-{2,}(?!\S)", lambda m: " ".join("-" * len(m.group(0))), text)
        return _readings_of(text) + [(tokens, zeros + 1) for tokens, zeros in _readings_of(single)]  # the rarer reading
    return _readings_of(text)


def _readings_of(text: str) -> list[tuple[list[_Token], int]]:
    text = re.sub(r"(?<=[\d%])-(?=\d)", " -", text)  # "4 860 000,00-5 041 961,16", "11,0%-1,5"
    text = re.sub(r"(?<=\s0)-(?=\s\d)|^0-(?=\s\d)", lambda m: m.group(0)[:-1] + " -", text)  # "0- 386 398": a zero cell, then a minus
    text = re.sub(r"(?<=\d)\s*(kr\.?)(?=\s|$)", r"kr", text)
    dashes = list(_DETACHED_DASH.finditer(text))
    signs = [d for d in dashes if _opens_gap_cell(text, d)]
    if signs:  # "‖ – 4,2 ‖": a dash opening a gap-delimited cell of one figure is that figure's sign
        for d in reversed(signs):
            text = text[:d.start()] + "-" + text[d.end():]
        dashes = list(_DETACHED_DASH.finditer(text))
    if not dashes:
        tokens = _tokenise_values(text)
        return [(tokens, 0)] if tokens else []
    if len(dashes) <= _MAX_DASH_CHOICES:
        choices = [[(mask >> k) & 1 == 1 for k in range(len(dashes))] for mask in range(2 ** len(dashes))]
    else:
        choices = [[True] * len(dashes), [False] * len(dashes)]
    readings = []
    for as_sign in choices:
        pieces, pos = [], 0
        for dash, sign in zip(dashes, as_sign):
            pieces.append(text[pos : dash.start()])
            pieces.append("-" if sign else "- ")
            pos = dash.end()
        pieces.append(text[pos:])
        tokens = _tokenise_values("".join(pieces))
        if tokens:
            readings.append((tokens, as_sign.count(False)))
    return readings


_ONE_FIGURE = re.compile(r"\d{1,3}(?: \d{3})*(?:,\d+)?%?|\d+(?:,\d+)?%?")


def _opens_gap_cell(text: str, dash: re.Match) -> bool:
    """A detached dash at the start of a cell gaps delimit, the cell one figure after it ("20,3 ‖ – 4,2")."""
    if _GAP_MARK not in text:
        return False
    before = text[:dash.start()].rstrip()
    if before and not before.endswith(_GAP_MARK):
        return False
    cell = text[dash.end():].split(_GAP_MARK, 1)[0].strip()
    return bool(_ONE_FIGURE.fullmatch(cell))


def _tokenise_values(text: str) -> list[_Token] | None:
    """Tokens of an already normalised value text; a dash followed by a space is a zero."""
    text = re.sub(r"\s+%", "%", text)
    tokens: list[_Token] = []
    starts = False
    for part in text.split():
        if part == _GAP_MARK:
            starts = bool(tokens)
            continue
        part = part.rstrip(".") if re.search(r"\d%?\.$", part) else part
        bare = strip_footnote_mark(part) if part[-1:] in "*)¹²³⁴⁵⁶⁷⁸⁹⁰" else part
        if bare == "" and is_lone_mark(part):  # "*": an empty cell with a note, its own cell
            tokens.append(_Token(part, "0", False, True, False, starts))
            starts = False
            continue
        m = re.fullmatch(r"(-)?(\d+(?:\.\d{3})*)(?:[,.](\d+))?(%|kr)?", bare)
        if part in DASHES or _EMPTY_RUN.match(part):
            tokens.append(_Token(part, "0", False, True, False, starts))
            starts = False
            continue
        if not m:
            return None
        sign, integer, frac, suffix = m.groups()
        dotted = "." in integer
        tokens.append(
            _Token(
                text=part,
                digits=integer.replace(".", ""),
                signed=bool(sign),
                ends=bool(frac) or bool(suffix) or dotted or len(integer) > 3 or bare != part,  # a marker ends its figure
                pct=suffix == "%",
                starts=starts,
            )
        )
        starts = False
    return tokens


@dataclass(frozen=True)
class RowSplit:
    values: tuple[float, ...]
    raw: tuple[str, ...]
    note: str | None
    score: float


def _join(tokens: Sequence[_Token]) -> tuple[float, str]:
    raw = " ".join(t.text for t in tokens)
    return parse_number(strip_footnote_mark(raw).replace("kr", "")) or 0.0, raw


def _continues(prev: _Token, tok: _Token) -> bool:
    """`tok` can be a thousands group of the number `prev` ends."""
    return not prev.ends and not tok.signed and not tok.starts and len(tok.digits) == 3 and tok.text[0].isdigit() \
        and prev.digits != "0"  # "0 313 098" is a zero cell before a figure, never one number


def _chunks_with_several_numbers(groups: list[list[_Token]]) -> set[int]:
    """Gap-delimited parts (numbered from 0) that cannot be one number: some token in them
    cannot continue the one before ("2 926 800 3 086 979": the "3")."""
    out: set[int] = set()
    chunk = 0
    prev = None
    for tok in (t for g in groups for t in g):
        if tok.starts:
            chunk += 1
        elif prev is not None and not _continues(prev, tok):
            out.add(chunk)
        prev = tok
    return out


def _digits_of(value: float) -> int:
    return len(str(int(abs(value)))) if abs(value) >= 10 else 0


def _partitions(tokens: list[_Token], n: int) -> list[list[list[_Token]]]:
    """All ways to group the tokens into n numbers; a group is a head plus 3-digit tails."""
    out: list[list[list[_Token]]] = []

    def can_continue(group: list[_Token], tok: _Token) -> bool:
        return not group[-1].ends and not tok.signed and not tok.starts and len(tok.digits) == 3 and tok.text[0].isdigit() \
            and group[-1].digits != "0"

    def walk(i: int, groups: list[list[_Token]]) -> None:
        if len(out) > 5000:
            return
        if i == len(tokens):
            if len(groups) == n:
                out.append([list(g) for g in groups])
            return
        tok = tokens[i]
        if groups and can_continue(groups[-1], tok):
            groups[-1].append(tok)
            walk(i + 1, groups)
            groups[-1].pop()
        if len(groups) < n and not (len(tok.digits) >= 2 and tok.digits[0] == "0"):  # "000" starts no figure
            groups.append([tok])
            walk(i + 1, groups)
            groups.pop()

    walk(0, [])
    return out


def _score(groups: list[list[_Token]], n_columns: int, identity: Callable[[list[float]], bool] | None,
           values: list[float]) -> float:
    """Lower is better. Penalties encode how typesetters write numbers, the identity is proof. `values`: the
    groups' numbers."""
    score = 0.0
    gapped = any(t.starts for g in groups for t in g)
    several = _chunks_with_several_numbers(groups) if gapped else set()
    chunk = 0
    for idx, g in enumerate(groups):
        chunk += sum(t.starts for t in g)
        # inside a cell that gaps delimit, one space groups thousands: "13 000" is one number
        if gapped and idx > 0 and not g[0].starts and _continues(groups[idx - 1][-1], g[0]):
            # the header's column count may split a part only where the extraction already shows
            # several numbers ("13 000 13 100 755"), and only into whole numbers (never "12" "345")
            prev = groups[idx - 1]
            lone_head = len(prev) == 1 and len(prev[0].digits) < 3
            score += GAP_SPLIT_FORBIDDEN if chunk not in several or lone_head or g[0].digits.startswith("0") else 3
        nxt = groups[idx + 1][0] if idx + 1 < len(groups) else None
        # a 1-2 digit number standing alone before a 3-digit group is nearly always "16 194"
        if len(g) == 1 and len(g[0].digits) < 3 and not g[0].ends and nxt is not None \
                and len(nxt.digits) == 3 and not nxt.signed:
            score += 2
        # "289 521" as one number is less likely than two numbers when both are possible
        if len(g) > 1 and len(g[0].digits) == 3:
            score += 0.25
    sizes = [_digits_of(v) for v in values if abs(v) >= 10]
    if sizes:
        score += 0.5 * (max(sizes) - min(sizes))
    score += 0.5 * (n_columns - len(groups))
    if identity is not None and len(groups) == n_columns:
        try:
            if identity(values):
                score -= 5
        except (IndexError, ZeroDivisionError):
            pass
    return score


def candidate_splits(
    text: str,
    n_columns: int,
    *,
    identity: Callable[[list[float]], bool] | None = None,
    allow_note: bool = False,
    allow_fewer: bool = False,
) -> list[RowSplit]:
    """Every plausible reading of a row's numeric text as column values, best first.

    `identity` receives the values (in column order) and says whether the table's
    arithmetic holds; `allow_note` lets a leading 1-2 digit note number precede the
    values; `allow_fewer` accepts rows that leave trailing columns blank.
    """
    if identity is None:  # the same row is split again by later readers: worked out once
        return list(_splits_without_identity(text, n_columns, allow_note, allow_fewer))
    return _candidate_splits(text, n_columns, identity, allow_note, allow_fewer)


@lru_cache(maxsize=4096)
def _splits_without_identity(text: str, n_columns: int, allow_note: bool, allow_fewer: bool) -> tuple[RowSplit, ...]:
    return tuple(_candidate_splits(text, n_columns, None, allow_note, allow_fewer))


def _candidate_splits(text: str, n_columns: int, identity: Callable[[list[float]], bool] | None, allow_note: bool,
                      allow_fewer: bool) -> list[RowSplit]:
    results: list[RowSplit] = []
    seen: set[tuple] = set()
    for tokens, zero_dashes in _token_readings(text):
        note_options: list[tuple[str | None, list[_Token]]] = [(None, tokens)]
        first = tokens[0]
        if allow_note and len(tokens) > 1 and not first.signed and not first.ends and len(first.digits) <= 2:
            note_options.append((first.text, tokens[1:]))
        counts = range(n_columns, 0, -1) if allow_fewer else [n_columns]
        # when numbers carry a "kr" suffix ("13 295 103kr"), every number ends with one
        kr_suffixed = any(t.text.endswith("kr") for t in tokens)
        for note, toks in note_options:
            for n in counts:
                for groups in _partitions(toks, n):
                    if kr_suffixed and not all(g[-1].text.endswith("kr") for g in groups):
                        continue
                    joined = [_join(g) for g in groups]
                    score = _score(groups, n_columns, identity, [v for v, _ in joined]) + 0.3 * zero_dashes
                    if score >= GAP_SPLIT_FORBIDDEN / 2:
                        continue  # a number the gaps delimit, cut into pieces
                    key = (note, tuple(v for v, _ in joined))
                    if key in seen:
                        continue
                    seen.add(key)
                    results.append(
                        RowSplit(
                            values=tuple(v for v, _ in joined),
                            raw=tuple(r for _, r in joined),
                            note=note,
                            # "- 216 022" as a signed number is the more common typesetting
                            score=score,
                        )
                    )
    results.sort(key=lambda r: r.score)
    return results


def split_row_values(
    text: str,
    n_columns: int,
    *,
    identity: Callable[[list[float]], bool] | None = None,
    allow_note: bool = False,
    allow_fewer: bool = False,
) -> RowSplit | None:
    """The single best reading of a flattened row, or None when two readings tie.

    >>> split_row_values("16 194 17 122 928 15 945", 4).values
    (16194.0, 17122.0, 928.0, 15945.0)
    """
    cands = candidate_splits(text, n_columns, identity=identity, allow_note=allow_note, allow_fewer=allow_fewer)
    if not cands:
        return None
    if len(cands) > 1 and math.isclose(cands[0].score, cands[1].score):
        return None
    return cands[0]


def avvik_identity(regnskap: int, budsjett: int, avvik: int, tolerance: float = 2.0) -> Callable[[list[float]], bool]:
    """avvik = budsjett − regnskap, in either sign convention, allowing rounding."""

    def check(values: list[float]) -> bool:
        diff = values[budsjett] - values[regnskap]
        return abs(abs(values[avvik]) - abs(diff)) <= tolerance and (diff == 0 or values[avvik] != 0)

    check.columns = frozenset((regnskap, budsjett, avvik))  # the positions the identity proves
    return check


def sum_identity(parts: Sequence[int], total: int, tolerance: float = 1.0) -> Callable[[list[float]], bool]:
    def check(values: list[float]) -> bool:
        return abs(sum(values[i] for i in parts) - values[total]) <= tolerance

    return check


@lru_cache(maxsize=1 << 16)
def split_label_and_values(line: str, *, keep_gaps: bool = False) -> tuple[str, str]:
    """Separate a row's label from its trailing numeric text.

    A note number glued to the label ("Brukerbetalinger19 447 256") is cut off the
    label and left in front of the values, where `allow_note` can claim it; a run of dashes
    glued to it ("Andre skatter------") is empty cells, not label text. With `keep_gaps`
    the value text keeps its gaps of two or more spaces (as two spaces): they are cell
    boundaries for `candidate_splits`.
    """
    line = normalise_minus(line).rstrip()
    line = space_glued_percent(line)
    line = share_notes(line)
    line = _LABEL_MINUS.sub(" -", line)
    line = _NOTE_MINUS.sub(r" \1 -", line)
    m = _GLUED_NEGATIVE.search(line)
    if m and all(_is_value_word(w) for w in " ".join(split_glued_minus(line[m.end() - 1:])).split()):
        line = f"{line[:m.end() - 1]} {line[m.end() - 1:]}"  # "Rammetilskudd-456 123-470 000": not "Covid-19 tiltak"
    line = _GLUED_ZEROS.sub(lambda m: " " + " ".join(m.group(1)) + " ", line)
    line = _GLUED_NOTE.sub(_glued_note, line)
    line = _GLUED_DECIMAL.sub(" ", line)
    line = _GLUED_DASHES.sub(r" \1", line)
    if keep_gaps and has_cell_gaps(line):
        # gaps delimit the cells: the label is every part before the first part of figures, even
        # when it ends in a number ("Sum kapittel 2  1 234  5 678")
        parts = re.split(r"[ \u00a0]{2,}", line.strip())
        if len(parts) > 1 and re.search(r"\s[-\u2013\u2014]{2,}$", parts[0]):
            # "Andre skatter------  1 234": the dashes glued to the label are its first (empty) cell
            head, _, dashes = parts[0].rpartition(" ")
            parts = [head, dashes] + parts[1:] if head and _EMPTY_RUN.match(dashes) else parts
        first = next((i for i, part in enumerate(parts) if all(_is_value_word(w) for w in part.split())), None)
        if first is not None and first > 0 and all(_is_value_word(w) for part in parts[first:] for w in part.split()):
            label, rest = " ".join(" ".join(parts[:first]).split()), "  ".join(p.strip() for p in parts[first:])
            words = label.split()
            cut = len(words)
            while cut > 0 and _is_value_word(words[cut - 1]):
                cut -= 1
            if len(words) - cut >= 2 and cut > 0:
                # "Strykning av fond 73 300 0 73 300   233 473": cells joined by single spaces, the gap an
                # empty cell; the label ends where its figures start
                return " ".join(words[:cut]), f"{' '.join(words[cut:])}  {rest}"
            return label, rest
    words = [(m.group(0), m.start()) for m in re.finditer(r"\S+", line)]
    cut = len(words)
    while cut > 0 and _is_value_word(words[cut - 1][0]):
        cut -= 1
    while cut < len(words) and _LONE_MARK.fullmatch(words[cut][0]):
        cut += 1  # "Overføring fra drift * -4 357 968": a marker right after the label is the label's note
    if 0 < cut < len(words) - 2 and re.fullmatch(r"\d{1,2}\.\d{1,2}\.", words[cut][0]) \
            and re.fullmatch(r"(?:19|20)\d\d", words[cut + 1][0]):
        cut += 2  # "Folketal 1.1. 2009 469 681": a date printed with its year apart is the label's, no cells
    elif 0 < cut < len(words) - 1 and re.search(r"(?<!\d)(?<!\d\.)\d{1,2}\.\d{1,2}\.$", words[cut - 1][0]) \
            and re.fullmatch(r"(?:19|20)\d\d", words[cut][0]):
        cut += 1  # "Lånegjeld 31.12. 2018 2 757,7"
    label = " ".join(w for w, _ in words[:cut])
    if cut == len(words):
        return label, ""
    if keep_gaps:
        return label, CELL_GAP.sub("  ", line[words[cut][1]:].strip()).replace("\u00a0", " ")
    return label, " ".join(w for w, _ in words[cut:])


# web extractions join cells without a space: "Netto driftsresultat- 987 961" (the minus of the first
# figure glued to the label), "Bruk av tidligere års mindreforbruk0000- 167 924" (zero cells glued to it)
_PERCENT_GLUED = re.compile(r"(?<=\d%)(?=\d|[A-ZÆØÅÄÖ])|(?<=\d %)(?=\d|[A-ZÆØÅÄÖ])")


# a footnote mark printed right after a percent ("45,2 %1)", "45,2%*", "7,4 %²"): a reference, not a figure
_PERCENT_NOTE = re.compile(r"(?:(?<=\d[ \u00a0]%)|(?<=\d%))(?:\d\)|\*+|[¹²³⁴⁵⁶⁷⁸⁹]+)(?=\s|$|[A-ZÆØÅÄÖ])")


# a share printed in parentheses after a figure ("499 (26,7 %)"), the figure perhaps a count out of a total
# ("12 av 45 (26,7 %)", "12 of 45 (26.7%)"): the share is the figure's companion in the same cell
_SHARE_PAREN = re.compile(r"\((\d{1,3}(?:[,.]\d+)?)[ \u00a0]%\)")
_OUT_OF = re.compile(r"(?<=\d)[ \u00a0]+(?:av|af|of|ut av|utav)[ \u00a0]+\d{1,3}(?:[ \u00a0]\d{3})*[ \u00a0]*(?=\(\d{1,3}(?:[,.]\d+)?%\))")


def share_notes(text: str) -> str:
    """A figure's share note as one token after it: "(26,7 %)" -> "(26,7%)", "12 av 45 (26,7 %)" -> "12 (26,7%)"
    (the count out of its total keeps the count and the share; the total is no cell of its own)."""
    if "%)" not in text:
        return text
    return _OUT_OF.sub(" ", _SHARE_PAREN.sub(r"(\1%)", text))


def space_glued_percent(text: str) -> str:
    """A figure or a row's label run into the percent before it ("12,4 %3 456", "45,2%118 234", "44,1 %Sosiale
    utgifter") spaced off it: a percent sign ends its figure, so what follows it starts the next cell. A footnote
    mark glued to the percent ("45,2 %1)") is dropped."""
    if "%" not in text:
        return text
    return _PERCENT_GLUED.sub(" ", _PERCENT_NOTE.sub("", text))

_LABEL_MINUS = re.compile(r"(?<=[A-Za-zÆØÅæøåÄÖäöé)])-(?=\s\d)")
# a note glued to the label and the minus of the first figure after it ("drift3- 42 451 - 42 451"): note 3, -42 451
_NOTE_MINUS = re.compile(r"(?<=[a-zæøåäöé])(\d{1,2})-(?=\s\d)")
_GLUED_NEGATIVE = re.compile(r"[A-Za-zÆØÅæøåÄÖäöé)]-(?=\d)")
def _glued_note(m: re.Match) -> str:
    """A note number glued to the label ("Brukerbetalinger19") is cut off it; a short code in capitals with its number
    ("BO3", "Q3", "E39") is one word, no label with a note."""
    word = re.search(r"\S*$", m.string[:m.start()]).group(0)
    if re.fullmatch(r"[A-ZÆØÅÄÖ]{1,3}", word):
        return m.group(0)
    return f" {m.group(1)}"


_GLUED_ZEROS = re.compile(r"(?<=[A-Za-zÆØÅæøåÄÖäöé)])(0+)(?=-|\s|$)")
_GLUED_DASHES = re.compile(r"(?<=[^\W\d_])([-\u2013\u2014]{2,})(?=\s|$)")


@lru_cache(maxsize=1 << 16)
def _is_value_word(word: str) -> bool:
    if _LONE_MARK.fullmatch(word):
        return True  # "*": an empty cell with a note
    if word[-1:] in "*)¹²³⁴⁵⁶⁷⁸⁹⁰" and _TRAILING_MARK.search(word):
        return _is_value_word(strip_footnote_mark(word))
    w = word.rstrip(".")
    if re.fullmatch(r"\d{1,2}\.\d{2}", w):  # "Saldo 01.01", "31.12" are dates in the label
        return False
    if re.fullmatch(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}", w):  # "2018-12-31" is a date, not three figures a minus separates
        return False
    if re.fullmatch(r"\(\d{1,3}(?:,\d+)?%?\)|\(\d{1,3}|\d{3}(?:,\d+)?\)", w):  # "(79,6%)", "(1 234)"
        return True
    if _EMPTY_RUN.match(word):
        return True
    first, *more = split_glued_minus(w)
    if not more:
        return bool(re.fullmatch(r"-?\d[\d.]*(?:,\d+)?(?:%|kr\.?|,-|-)?|%|-|–|kr\.?", w))
    # figures a glued minus separates ("14,8-1,4-10,5%"): a figure after the minus has no leading zero ("12-05")
    return bool(re.fullmatch(r"-?\d[\d.]*(?:,\d+)?%?", first)) \
        and all(re.fullmatch(r"-(?:0(?!\d)|[1-9])[\d.]*(?:,\d+)?%?", p) for p in more[:-1]) \
        and bool(re.fullmatch(r"-(?:0(?!\d)|[1-9])[\d.]*(?:,\d+)?(?:%|kr\.?|,-|-)?", more[-1]))


# a minus glued between two figures starts the next cell ("14,8-1,4-10,5 %", "312 450-12 300-3,9"): web
# extractions drop the space before a negative figure, and right after a digit or a percent sign a minus can
# neither group thousands nor mark decimals. Dates ("2018-12-31") and ranges ("0-19", "2021-2024") print the
# same way: whether the pieces are cells is the caller's to decide (`_is_value_word`, `layout.glued`,
# `layout.flattened`, `layout.minus_cells`).
GLUED_MINUS = re.compile(r"(?<=[\d%])[-\u2212\u2013](?=\d)")
_BEFORE_GLUED_MINUS = re.compile(r"(?<=[\d%])(?=[-\u2212\u2013]\d)")


def split_glued_minus(text: str) -> list[str]:
    """`text` cut before every minus glued between two figures, each minus kept with the figure it starts:
    "14,8-1,4-10,5%" -> ["14,8", "-1,4", "-10,5%"]; "Skole 67,2" -> ["Skole 67,2"]. Joining the pieces with a
    space gives the text with the cells spaced ("13,4 -1,4")."""
    return _BEFORE_GLUED_MINUS.split(text)


# --- comma as thousands separator (English number grammar) ---------------------------------
# A figure whose commas group thousands: "1,250,000" (two groups or more: never a decimal), "1,234.5" (a comma group
# and a decimal dot), or "70,000" (one group: a thousand in English, a decimal in Norwegian unless proved).
_COMMA_GROUPED = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+)(\.\d+)?(?![\d]|,\d|\.\d)")
_MULTI_GROUP = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3}){2,}(?![\d]|,\d)")
_GROUP_AND_DOT = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+\.\d+(?![\d]|,\d|\.\d)")
# a comma decimal that cannot group thousands: one, two or four and more digits after it ("4,5", "12,75", "3,1416")
_COMMA_DECIMAL = re.compile(r"(?<![\d,.])\d+,(?:\d{1,2}|\d{4,})(?![\d]|,\d)")
# words only English writes (a Scandinavian text shares none of them as a word of its own)
# ("for", "total", "income" are Scandinavian words too: left out)
_ENGLISH_WORDS = re.compile(r"(?i)(?<![^\W\d_])(?:the|was|were|has|had|have|is|are|with|which|of|and|from|this|that|"
                            r"year|revenue|expenses|amounts|thousand|million|employees)(?![^\W\d_])")
_ANY_WORD = re.compile(r"[^\W\d_]{2,}")


def writes_english(texts: Sequence[str]) -> bool:
    """A text written in English: at least one word in eight is a common English word (a Scandinavian text that quotes
    an English name or two stays Scandinavian)."""
    words = english = 0
    for t in texts:
        words += len(_ANY_WORD.findall(t))
        english += len(_ENGLISH_WORDS.findall(t))
    return words >= 8 and english * 8 >= words


def comma_grouping_proved(texts: Sequence[str]) -> bool:
    """The texts print commas between thousands: a figure of two comma groups or more ("1,250,000") or a comma group
    with a decimal dot ("1,234.5"), and no comma decimal ("4,5", "12,75") beside them."""
    proof = any(_MULTI_GROUP.search(t) or _GROUP_AND_DOT.search(t) for t in texts)
    return proof and not any(_COMMA_DECIMAL.search(t) for t in texts)


def ungroup_commas(text: str, single_groups: bool) -> str:
    """The text with commas between thousands removed ("1,250,000" -> "1250000", "1,234.5" -> "1234.5"): always where a
    figure prints two groups or more or a decimal dot after its group (no decimal reads so), and for a single group
    ("70,000") only when `single_groups` (an English text, or a table whose other figures prove the grouping);
    otherwise "70,000" stays as printed, the Norwegian decimal."""
    if "," not in text:
        return text

    def repl(m: re.Match) -> str:
        digits, dec = m.group(1), m.group(2) or ""
        if dec or digits.count(",") >= 2 or single_groups:
            return digits.replace(",", "") + dec
        return m.group(0)

    return _COMMA_GROUPED.sub(repl, text)
