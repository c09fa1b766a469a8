"""How a table's figures are scaled: the declaration printed with it ("Beløp i 1 000 kr", "tkr")."""
from __future__ import annotations

import re
from functools import lru_cache

from flows.reports.numbers import (
    FIGURE_NUMBER,
    MAGNITUDE,
    STANDALONE_FIGURE,
    magnitude_scale,
    parse_number,
    scale_from_declaration,
)

_EXTRA: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"(?i)\b(?:mrd\.?|milliard(?:ar|er)?|miljard(?:er)?|mdkr|mdr\.?\s*kr)\s*(?:kr|kroner|kronor|nok|sek)?\b"), 1e9),
    (re.compile(r"(?i)\b(?:i\s+)?miljoner(?:\s+kronor)?\b|\bmsek\b"), 1e6),
    (re.compile(r"(?i)\btusentals?\s+(?:kronor|kroner|kr)\b|\b(?:i\s+)?tusen\s+kronor\b|\btsek\b"), 1e3),
    (re.compile(r"(?i)\b(?:beløp|beløb|belopp|tal|tall)\s+i\s+(?:hele\s+|heile\s+)?(?:kr|kroner|kronor|nok|sek|dkk)\b"), 1.0),
    (re.compile(r"(?i)\b(?:mia\.?|milliarder)\s*(?:kr|kroner|dkk)\b"), 1e9),  # Danish
    (re.compile(r"(?i)\b(?:mnkr|mkr|mill\.?\s*kr|millionar|millioner|mill\.|mill\b|mnok|mio\.?\s*(?:kr|kroner|dkk)\b)"), 1e6),
    (re.compile(r"(?i)\b(?:tkr|tnok|t\s*kr)\b|\(tkr\)|\b(?:kr|nok|sek|dkk)\s*1[\s.]?000\b|\b1[\s.]?000\s*(?:kr|kroner|nok|sek|dkk)\b|\bt\.\s?kr\b|\bheile\s+1\s*000\b|\bhele\s+1\s*000\b|\btusen\s+(?:kr|kroner)\b|\btusental\b"), 1e3),
    (re.compile(r"(?i)\b(?:alle\s+)?(?:tal|tall|beløp|beløb|belopp)\s+i\s+(?:heile\s+|hele\s+)?(?:1[\s.]?000|tusen)"), 1e3),
    # euro (a Finnish, Baltic or Irish report, an IKS owned abroad): the scale as for kroner, the currency kept apart
    (re.compile(r"(?i)\b(?:mrd\.?|mia\.?|milliard(?:er|ar)?)\s*(?:€|eur|euro)(?!\w)"), 1e9),
    (re.compile(r"(?i)\b(?:mill\.?|mio\.?|mn\.?|millioner|millionar|miljoner|million(?:s|en)?)\s*(?:€|eur|euro)(?!\w)"
                r"|(?<!\w)(?:meur|m€|mio€)(?!\w)|\b(?:eur|euro)\s+millions?\b"), 1e6),
    (re.compile(r"(?i)(?<![\w\d])1[\s.]?000\s*(?:€|eur|euro)(?!\w)|(?<!\w)(?:teur|keur|k€|t€|t\.\s?€|t\.\s?eur)(?!\w)"
                r"|\b(?:tusen|tusind|tusental|tuhatta)\s+(?:€|eur|euro)(?!\w)|\b(?:eur|€)\s*1[\s.]?000(?!\d)"
                r"|\b(?:eur|euro)\s+thousands?\b|\bthousands?\s+(?:of\s+)?(?:eur|euro)s?\b"), 1e3),
    # English: "NOK thousand", "in thousands of NOK", "amounts in NOK million", "NOK 1 000" (read above)
    (re.compile(r"(?i)\b(?:nok|sek|dkk)\s+millions?\b|\bmillions?\s+(?:of\s+)?(?:nok|sek|dkk|kroner)\b|\bin\s+millions\b"), 1e6),
    (re.compile(r"(?i)\b(?:nok|sek|dkk)\s+thousands?\b|\bthousands?\s+(?:of\s+)?(?:nok|sek|dkk|kroner)\b|\bin\s+thousands\b"), 1e3),
]


# a scale abbreviation in capitals glued to the word before it by a web extraction ("ResultaträkningTKR",
# "DriftsregnskapMNOK"): the case change is the word boundary the text lost
_GLUED_CAPITALS = re.compile(r"(?<=[a-zæøåäö])(?=(?:TKR|TNOK|TSEK|MNKR|MKR|MNOK|MSEK|MDKR|MDKK|MIO|MILL)\b)")
# the same in lower or mixed case, the kroner forms only ("Resultaträkningmnkr", "BalansräkningMkr", "Driftsredovisningtkr"):
# no word of the languages read ends in these letters
_GLUED_KR = re.compile(r"(?<=[a-zæøåäö])(?=(?:[mM]n?kr|[mM]dkr|[tT]kr)\b)")


# the currency a declaration names beside its scale, when it is not the kroner every reader assumes ("1000 €", "TEUR",
# "Belopp i TSEK", "mio. DKK"): the figures stay in that currency's own unit (no currency is converted), and the cell's
# scale note says which (`with_currency`), so no euro figure is taken for kroner
_CURRENCIES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?i)€|(?<![^\W\d_])(?:t|k|m)?eur(?:o|os)?(?![^\W\d_])"), "EUR"),
    (re.compile(r"(?i)(?<![^\W\d_])(?:t|m|md)?sek(?![^\W\d_])|(?<![^\W\d_])kronor(?![^\W\d_])"), "SEK"),
    (re.compile(r"(?i)(?<![^\W\d_])(?:t|m)?dkk(?![^\W\d_])"), "DKK"),
    (re.compile(r"(?i)\$|(?<![^\W\d_])usd(?![^\W\d_])"), "USD"),
]
KRONER = ("NOK", "SEK", "DKK")  # the currencies a figure in "kr" may be in: shown as kroner, never converted


def currency_of(text: str, matched: str | None = None) -> str | None:
    """The currency a scale declaration names ("EUR" for "Resultaträkning (1000 €)", "SEK" for "TSEK"), or None when it
    names none or kroner ("1 000 kr", "tkr": the document's own). With `matched` (the declaration as `scale_of` found
    it), only the declaration and the few characters after it are read ("Beløp i 1 000 €": "€" follows the match)."""
    if not text:
        return None
    if matched:
        at = text.find(matched)
        text = text[at:at + len(matched) + 8] if at >= 0 else matched
    for pattern, code in _CURRENCIES:
        if pattern.search(text):
            return code
    return None


def with_currency(method: str, currency: str | None) -> str:
    """A cell's scale note with the currency its declaration names: "declared: 1000 € (header: ...); currency EUR"."""
    return f"{method}; currency {currency}" if currency else method


def currency_in(method: str | None) -> str | None:
    """The currency a cell's scale note records (`with_currency`), or None (kroner)."""
    m = re.search(r"; currency ([A-Z]{3})$", method or "")
    return m.group(1) if m else None


@lru_cache(maxsize=1 << 16)
def scale_of(text: str) -> tuple[float, str] | None:
    """(scale, matched text) of a declaration in `text`, or None."""
    text = _GLUED_KR.sub(" ", _GLUED_CAPITALS.sub(" ", text))
    found = scale_from_declaration(text)
    if found:
        return found
    for pattern, scale in _EXTRA:
        m = pattern.search(text)
        if m:
            return scale, m.group(0).strip()
    return None


# words of an amount line in a budget or accounts table (bokmål, nynorsk, Swedish)
ACCOUNT_WORD = re.compile(
    r"(?i)inntekt|utgift|refusjon|overføring|tilskudd|tilskot|skatt|avskriv|lønn|^løn$|^sum|^total|resultat|fond|"
    r"avdrag|rente|utbytte|kjøp|^sal(g|s|)$|salgs|gebyr|betaling|midler|gjeld|finans|drift|investering|budsjett|"
    r"avsetning|avsetjing|kostnad|intäkt|bidrag|ramme|netto|brutto"
)
ACCOUNT_SCENARIOS = ("actual", "budget", "revised_budget", "original_budget", "prior_year")
# a municipality's or county's tax or block grant (one year) is at least ~10 million kroner and at most ~100 billion:
# printed between 10 000 and 10 000 000 it can only be in thousands (in kroner it is too small, in millions too large
# for all but the largest cities, which declare their "mill. kr")
_FREE_INCOME_THOUSANDS = (1e4, 1e7)
_FREE_INCOME_MILLIONS = (5.0, 1e5)  # the same lines printed with decimals ("2 833,7"): millions
# whole numbers below this in an undeclared budget/accounts table are read as thousands (the older line reader's rule)
_SMALL_WHOLE = 1e6
# an accounts-against-budget table of areas whose largest whole figure is printed between these: thousands
_AREA_THOUSANDS = (1e3, 1e6)


def undeclared_scale(rows: list[tuple[str, str | None, list[str]]], account_columns: int,
                     free_income: list[tuple[str, list[float]]], against_budget: bool = False) -> tuple[float, str] | None:
    """The scale of a table that declares none, when its content decides it, with the reason as `scale_method`.

    `rows`: (label, parent label, printed amount cells) of every amount row (percent and unit rows left out);
    `account_columns`: how many columns are accounts/budget columns (regnskap, budsjett, ...);
    `free_income`: (label, values) of rows that are a tax or block-grant line of the chart of accounts;
    `against_budget`: the table sets an accounts column against a budget column and neither its caption nor its rows
    name a count (a table of service areas: "Skoler | Regnskap 2023 | Rev. budsjett 2023 | Avvik").
    None (figures as printed) when the table is not a whole-number budget/accounts table."""
    printed = [p for _, _, cells in rows for p in cells]
    if account_columns < 2 or not printed:
        return None  # no accounts table: as printed
    values = [abs(v) for _, vs in free_income for v in vs if v]
    if any(re.search(r"\d,\d", p) for p in printed):
        # figures with decimals: millions when the tax/block-grant lines say so, else as printed (ratios?)
        largest = max(float(re.sub(r"[^\d,]", "", p).replace(",", ".") or 0) for p in printed)
        if values and all(_FREE_INCOME_MILLIONS[0] <= v < _FREE_INCOME_MILLIONS[1] for v in values) and largest >= 100:
            # (a statement in millions has lines of 100 and more; shares of income stay below 100)
            return 1e6, (f"inferred: accounts statement with decimals and no declared scale; '{free_income[0][0]}' printed "
                         f"{min(values):g}-{max(values):g} is a tax/block-grant line only in mill. kr")
        return None
    if values and all(_FREE_INCOME_THOUSANDS[0] <= v < _FREE_INCOME_THOUSANDS[1] for v in values):
        label = free_income[0][0]
        return 1e3, (f"inferred: whole-number accounts statement without a declared scale; '{label}' printed "
                     f"{_n(min(values))}-{_n(max(values))} is a tax/block-grant line only in 1 000 kr")
    money = [1 for label, parent, _ in rows if ACCOUNT_WORD.search(label) or (parent and ACCOUNT_WORD.search(parent))]
    amounts = [float(re.sub(r"[^\d]", "", p) or 0) for p in printed]
    if len(money) >= max(2, len(rows) / 2) and 100 <= max(amounts) < _SMALL_WHOLE:
        return 1e3, (f"assumed: whole-number budget/accounts table without a declared scale read as 1 000 kr "
                     f"(largest figure {_n(max(amounts))})")
    if against_budget and len(rows) >= 3 and _AREA_THOUSANDS[0] <= max(amounts) < _AREA_THOUSANDS[1]:
        # the areas of an organisation's accounts set against its budget: in kroner each would cost less than a
        # million, the whole table at most a few; printed in whole kroner such a table's figures run to seven digits
        return 1e3, (f"assumed: whole-number table of accounts against budget without a declared scale read as "
                     f"1 000 kr (largest figure {_n(max(amounts))})")
    return None


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ")


def find_scale_source(sources: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(text, where) of the first of `sources` (nearest first, each with where it stands:
    "caption", "header", "line above", "heading") that declares a scale."""
    for text, where in sources:
        if where == "line above" and len(text.split()) > 15:
            continue  # running text ("Lånegjelden har økt med 298 mill. kroner ..."): an amount, no declaration
        found = scale_of(text) if text and len(text) < 400 else None
        if found and not _after_amount(text, found[1]):
            return text, where
    return None


def _after_amount(text: str, matched: str) -> bool:
    """"... et mindreforbruk på 2,3 mill. kr": the unit of an amount in a sentence, no declaration of a scale (a year,
    or a figure ending a sentence, "april 2010. Millionar kroner", stands before a declaration)."""
    at = text.find(matched)
    before = text[:at].rstrip().split()
    # a figure in parentheses beside it is the same amount's other year ("954,1 (915,6) mill. kroner"), a bracketed
    # figure the amount itself ("(2,3) mill. kr"): the unit is theirs all the same
    last = before[-1].strip("()[]") if before else ""
    return at > 0 and bool(before) and bool(re.fullmatch(r"-?\d(?:[\d.,]*\d)?", last)) \
        and not re.fullmatch(r"(?:19|20)\d\d", last)


def shared_scale(key: tuple, figures: list[str],
                 decided: list[tuple[str, tuple, float, str, list[str]]]) -> tuple[float, str] | None:
    """The scale of a table that declares none and whose content decides none, taken from a table of the same
    document with the same budget/accounts columns whose scale was declared or decided (a budget form's frames
    under the form whose tax lines showed thousands: "Skjema 1B" under "Skjema 1A").

    `key`: the table's (year, scenario) per value column; `figures`: its printed amount cells; `decided`: the other
    tables, nearest first, as (name, key, scale, scale_method, printed amount cells). Only when the figures are of
    the same kind (whole numbers or decimals, like the sibling's) and no larger than the sibling's largest: parts of
    the statement, not another quantity."""
    if sum(scen in ACCOUNT_SCENARIOS for _, scen in key) < 2 or not figures:
        return None
    decimals = any(re.search(r"\d,\d", p) for p in figures)
    largest = max(_magnitude(p) for p in figures)
    if largest < 100:
        return None  # small figures: counts, ratios; nothing to carry over
    for name, other_key, scale, method, other_figures in decided:
        if other_key != key or scale == 1.0 or not other_figures:
            continue
        if any(re.search(r"\d,\d", p) for p in other_figures) != decimals or largest > max(_magnitude(p) for p in other_figures):
            continue
        reason = method.split(":", 1)[0]
        return scale, f"inferred: same columns as {name}, whose scale is {reason} ({_n(scale)})"
    return None


def _magnitude(printed: str) -> float:
    digits = re.sub(r"[^\d,]", "", printed).replace(",", ".")
    try:
        return abs(float(digits or 0))
    except ValueError:
        return 0.0


_PART_OF_WHOLE = 3.0  # a table's figures may exceed the document's operating total (debt, assets, several years) up to this


def contradicted_scale(scale: float, declared: str, largest: float, total: tuple[str, float] | None) -> tuple[float, str] | None:
    """A declared thousands scale the document itself contradicts: read so, the table's largest figure would be
    many times the organisation's whole operating income or expenditure (`total`: label and value in kroner, from
    the document's own statement), while read as printed it fits inside it (a web page that kept "Alle tal i heile
    1 000" above a table printed in kroner). Then kroner, with the reason; else None."""
    if scale < 1e3 or total is None or total[1] <= 0 or largest <= 0:
        return None
    label, whole = total
    if largest * scale > _PART_OF_WHOLE * whole and largest <= whole:
        return 1.0, (f"inferred: declared '{declared}' read as kroner; in {_n(scale)} kr the largest figure ({_n(largest)}) "
                     f"would be {largest * scale / whole:.0f} times the document's '{label}' ({_n(whole)} kr)")
    return None


# --- a scale the running text corroborates ------------------------------------------------------------------------

# an amount the running text states with its magnitude ("Sum utgift på rammeområdene 1 021 (925,2) mill. kroner"): the
# figure, the other year's figure in parentheses when printed, the magnitude word
_STATED = re.compile(rf"(?i)({STANDALONE_FIGURE})(?:\s*\(\s*({FIGURE_NUMBER})\s*\))?\s*({MAGNITUDE})(?![\wæøå])")
# a sentence stating a whole ("Sum utgift ...", "samlet merforbruk", "totalt", "i alt"), and a row that prints one
_TOTAL_WORD = re.compile(r"(?i)(?<![\wæøåäö])(?:sum|summa|samla|samlet|samlede?|samanlagt|sammanlagt|totalt?|totala|"
                         r"i\s+alt|til\s+sammen|til\s+saman|totalen)(?![\wæøåäö])")
_SUM_TOLERANCE = 0.1  # a column's sum against a stated whole: within a tenth (net rows, rounding, a row left out)


def stated_amounts(texts: list[str]) -> list[tuple[float, float, str, bool]]:
    """(kroner, half a unit of the last printed digit in kroner, the text, whether the text states a whole) of every
    amount the running text `texts` prints with its magnitude ("954,1 (915,6) mill. kroner": both figures)."""
    out = []
    for text in texts:
        if not text or len(text) > 2000:
            continue
        whole = bool(_TOTAL_WORD.search(text))
        for m in _STATED.finditer(text):
            scale = magnitude_scale(m.group(3))
            for printed in (m.group(1), m.group(2)):
                if not printed:
                    continue
                value = parse_number(printed.replace("\u00a0", " "))
                if value is None or re.fullmatch(r"(?:19|20)\d\d", printed):
                    continue
                decimals = len(printed.split(",")[1]) if "," in printed else 0
                out.append((abs(value) * scale, 0.5 * scale * 10 ** -decimals, _sentence_at(text, m.start()), whole))
    return out


def _sentence_at(text: str, at: int) -> str:
    """The sentence of `text` that holds position `at` (cut at ". " before a capital), trimmed for a reason."""
    starts = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-ZÆØÅÄÖ])", text[:at])]
    start = starts[-1] if starts else 0
    end = re.search(r"[.!?](?:\s+(?=[A-ZÆØÅÄÖ])|\s*$)", text[at:])
    sentence = " ".join(text[start:at + end.end() if end else len(text)].split())
    return sentence if len(sentence) <= 160 else sentence[:157] + "..."


def _in(scale: float) -> str:
    return "as printed, in kroner" if scale == 1 else f"in {_n(scale)} kr"


def _significant(value: float) -> int:
    return len(f"{abs(value):.0f}".strip("0")) if value else 0


def corroborated_scale(columns: list[tuple[str, list[tuple[str, float, bool]]]],
                       stated: list[tuple[float, float, str, bool]]) -> tuple[float, str] | None:
    """The scale of a table that declares none, when the document's own running text states its figures with a
    magnitude: read at that scale (1, 1 000 or 1 000 000), a total row's figure equals a stated amount within the
    rounding it is printed with, or a column's sum is a whole the text states (within a tenth: net rows and rounding),
    or two figures of ordinary rows equal stated amounts. The scales are a thousand apart, so a match decides one;
    None when no scale or more than one is supported.

    `columns`: (column label, [(printed, value, is a total row)]) of the table's amount columns; `stated`:
    `stated_amounts` of the document's running text."""
    if not stated:
        return None
    support: dict[float, list[str]] = {}
    for scale in (1.0, 1e3, 1e6):
        plain: list[str] = []
        for label, cells in columns:
            for printed, value, total_row in cells:
                if abs(value) < 100 or _significant(value) < 3:
                    continue  # "2 000" and "12" equal too many stated amounts by chance
                for kroner, half, text, _ in stated:
                    if _significant(kroner / (half * 2)) >= 3 and abs(abs(value) * scale - kroner) <= half + scale / 2:
                        why = f"'{printed}' in '{label}' is '{text}' {_in(scale)}"
                        (support.setdefault(scale, []) if total_row else plain).append(why)
                        break
            parts = [value for _, value, total_row in cells if not total_row]
            if len(parts) >= 3 and abs(sum(parts)) >= 100:
                whole = abs(sum(parts)) * scale
                for kroner, half, text, says_whole in stated:
                    if says_whole and kroner > 0 and abs(whole - kroner) <= max(half + len(parts) * scale / 2,
                                                                                 _SUM_TOLERANCE * kroner):
                        support.setdefault(scale, []).append(
                            f"the sum of '{label}' ({_n(abs(sum(parts)))}) is '{text}' {_in(scale)}")
                        break
        if len(set(plain)) >= 2:
            support.setdefault(scale, []).extend(plain[:1])
    if len(support) != 1:
        return None
    scale, why = next(iter(support.items()))
    return scale, f"inferred: no scale printed; {why[0]}"
