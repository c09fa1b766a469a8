"""Fee tables with a price without and with VAT ("uten mva | med mva", "eks. mva | inkl. mva") whose two figures a web
extraction ran together without any space ("Vatn abonnementsgebyr19452431,25"): no thousands grouping shows where the
first figure ends, but the second is the first with Norwegian VAT (25 %; 15 % on food, 12 % on transport and
admissions), so a cut is taken only when exactly one place in the digits gives two figures so related; any other row
is left to the run it stands in (`glued`), which warns with page and line."""
from __future__ import annotations

import re

RATES = (1.25, 1.15, 1.12)
_HEADS = re.compile(r"(?i)(?:(?<![^\W\d_])|(?<=mva))(?:(?:uten|utan|eks\.?|ekskl\.?|eksklusive?|excl\.?|exkl\.?)\s*mva|"
                    r"(?:med|inkl\.?|inklusive?|incl\.?)\s*mva)(?:(?![^\W\d_])|(?=med|inkl|incl))")
_NUMBER = re.compile(r"(?:0|[1-9]\d*)(?:,\d{1,2})?")


def vat_heads(text: str) -> list[str]:
    """The heads of a line naming the price without and with VAT ("uten mvamed mva" -> ["uten mva", "med mva"]);
    [] when it names anything else."""
    found = [" ".join(m.group(0).split()) for m in _HEADS.finditer(text)]
    return found if len(found) == 2 and not _HEADS.sub("", text).strip(" |\t") else []


def is_vat_head(label: str) -> bool:
    """A column head naming the price without or with VAT ("eks. mva", "med mva")."""
    return bool(_HEADS.fullmatch(" ".join(label.split())))


def vat_cuts(values: str) -> list[tuple[str, str]]:
    """Every cut of a digit run into two figures (decimal comma allowed, no leading zero) whose second is the first
    with VAT at one of `RATES`, to the øre or to the whole krone."""
    compact = values.replace(" ", "").replace("\u00a0", "")
    if not re.fullmatch(r"\d[\d,]*\d", compact) or compact.count(",") > 2:
        return []
    out = []
    for k in range(1, len(compact)):
        a, b = compact[:k], compact[k:]
        if not (_NUMBER.fullmatch(a) and _NUMBER.fullmatch(b)):
            continue
        x, y = float(a.replace(",", ".")), float(b.replace(",", "."))
        if x > 0 and any(abs(y - round(x * r, 2)) < 0.005 or ("," not in b and y == round(x * r)) for r in RATES):
            out.append((_grouped(a), _grouped(b)))
    return out


def _grouped(figure: str) -> str:
    """"2431,25" -> "2 431,25": the figure as the number grammar prints it."""
    whole, _, frac = figure.partition(",")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:]] + groups
    return " ".join([whole] + groups) + (f",{frac}" if frac else "")
