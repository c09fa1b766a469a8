"""Fee tables with a price without and with VAT ("uten mva | med mva", "eks. mva | inkl. mva", "ekskl. moms | inkl.
moms") whose cells a web extraction ran together without any space: the head ("AvgiftstypePris utan mvaPris med mva",
"uten mvamed mva"), and every row's label and two prices ("Feiing bustad400500", "Vatn abonnementsgebyr19452431,25").
No thousands grouping shows where the first price ends, but the second is the first with Norwegian VAT (25 %; 15 % on
food, 12 % on transport and admissions), so a row is cut only where exactly one reading gives two prices so related.

The head names the two columns: each VAT phrase with the words printed before it ("Pris utan mva"), and a word before
them all names the labels (the corner, "Avgiftstype"). Under it, a run of rows (blank lines and short word-only group
lines between them allowed) is read when at least one row is run together (the label straight into its digits, or two
prices without a space): a label may end in digits or a unit ("Renovasjon 240 l restavfall", "per m³", "kvart 3. år"),
and where the label ends in a number printed before the prices, the cut between label and prices is one more choice
every reading weighs ("Gebyr 5 400500": label "Gebyr 5", 400 | 500). A row read no way or several ways is no row: it
stays text below the table (all rows in place where none reads one way), held as one cell of words that no other rule
cuts into cells, with a warning naming its page and line.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line, Seg

RATES = (1.25, 1.15, 1.12)
# one VAT phrase: without ("uten mva", "eks. mva", "ekskl. moms") or with ("med mva", "inkl. mva"); the other phrase or
# a word may run into it ("uten mvamed mva", "Pris utan mvaPris med mva"; "Tenesteeks. mva" where it is abbreviated)
_WITHOUT = r"uten|utan|eks\.?|ekskl\.?|eksklusive?|excl\.?|exkl\.?|exklusive|ex\.?|u\."
_WITH = r"med|inkl\.?|inklusive?|incl\.?|m\."
_PHRASE = re.compile(rf"(?i)(?:(?<![a-zæøåäö])|(?<=mva)|(?<=moms)|(?<=vat)|(?=(?:eks|ekskl|exkl|excl|inkl|incl)\.))"
                     rf"(?:(?P<without>{_WITHOUT})|(?P<with>{_WITH}))\s*(?:mva|moms|vat)\.?"
                     r"(?:(?-i:(?![a-zæøåäö]))|(?=med|inkl|incl|m\.))")
_NUMBER = re.compile(r"(?:0|[1-9]\d*)(?:,\d{1,2})?")
# a price as printed: thousands grouped by a space or not, at most two decimals, no leading zero
_PRINTED = re.compile(r"(?:[1-9]\d{0,2}(?:[ \u00a0]\d{3})+|0|[1-9]\d*)(?:,\d{1,2})?")
# a row: the label (a letter in it, ending in no digit, space or comma), then its digits at the line's end
_ROW = re.compile(r"^(?P<label>.*[^\d\s,])(?P<gap>\s*)(?P<tail>\d(?:[\d,\s]*\d)?)$")
_CURRENCY = re.compile(r"(?i)(?<![^\W\d_])(?:kr|nok|sek|dkk|eur)\.?(?![^\W\d_])|,-|€")
_TABLE_ID_BASE = 66_000
_MAX_LABEL = 80
_MAX_CORNER_WORDS = 4
_MAX_PREFIX_WORDS = 3
_MAX_LABEL_DIGITS = 4  # a number ending a label ("240 l", "Sone 3"), never a price run into it


def vat_head(text: str) -> tuple[str, list[str]] | None:
    """(corner, [head without VAT, head with VAT]) of a line that heads a price without and one with VAT and nothing
    else ("AvgiftstypePris utan mvaPris med mva" -> ("Avgiftstype", ["Pris utan mva", "Pris med mva"]); "uten mvamed
    mva" -> ("", ["uten mva", "med mva"])); None otherwise."""
    text = " ".join(text.split())
    found = list(_PHRASE.finditer(text))
    if len(found) != 2 or bool(found[0].group("without")) == bool(found[1].group("without")) or len(text) > 100:
        return None
    a, b = found
    before, between, after = text[:a.start()], text[a.end():b.start()].strip(), text[b.end():].strip(" |\t")
    if after or re.search(r"\d", before + between) or len(between.split()) > _MAX_PREFIX_WORDS \
            or (between and not between[:1].isupper()):
        return None
    prefix = ""
    if between and before.rstrip().endswith(between):
        prefix = between  # "AvgiftstypePris utan mvaPris med mva": both heads start with "Pris"
    elif re.search(r"[^\W\d_][A-ZÆØÅÄÖ][^\W\d_]*\s*$", before):
        prefix = re.search(r"[A-ZÆØÅÄÖ][^\W\d_]*\s*$", before).group(0).strip()  # "TjenestePris eks. mva"
    corner = before.rstrip()[:len(before.rstrip()) - len(prefix)].strip(" |\t")
    if len(corner.split()) > _MAX_CORNER_WORDS or (corner and not corner[:1].isupper()):
        return None
    heads = [" ".join(f"{prefix} {a.group(0).rstrip('.')}".split()), " ".join(f"{between} {b.group(0).rstrip('.')}".split())]
    return corner, heads


def vat_heads(text: str) -> list[str]:
    """The heads of a line naming the price without and with VAT ("uten mvamed mva" -> ["uten mva", "med mva"]);
    [] when it names anything else."""
    head = vat_head(text)
    return head[1] if head else []


def is_vat_head(label: str) -> bool:
    """A column head naming the price without or with VAT ("eks. mva", "Pris med mva")."""
    label = " ".join(label.split())
    found = _PHRASE.search(label)
    return bool(found) and found.end() == len(label) and len(label[:found.start()].split()) <= _MAX_PREFIX_WORDS \
        and not re.search(r"\d", label)


def _vat(x: float, y: float, whole: bool) -> bool:
    """y is x with VAT at one of `RATES`, to the øre (rounded either way at half an øre), or to the whole krone when y
    prints no øre."""
    return x > 0 and any(abs(y - x * r) <= 0.005 + 1e-9 or (whole and abs(y - x * r) <= 0.5 + 1e-9) for r in RATES)


def vat_cuts(values: str) -> list[tuple[str, str]]:
    """Every cut of a run of digits (a decimal comma allowed, spaces only between thousands or between the two
    prices) into two prices whose second is the first with VAT at one of `RATES`, to the øre or to the whole krone."""
    values = values.strip()
    if not re.fullmatch(r"\d[\d,\s]*\d", values) or values.count(",") > 2:
        return []
    out: list[tuple[str, str]] = []
    for k in range(1, len(values)):
        a, b = values[:k].strip(), values[k:].strip()
        if not (_PRINTED.fullmatch(a) and _PRINTED.fullmatch(b)):
            continue
        x, y = (float(re.sub(r"\s", "", v).replace(",", ".")) for v in (a, b))
        pair = (_grouped(a), _grouped(b))
        if _vat(x, y, "," not in b) and pair not in out:
            out.append(pair)
    return out


def _grouped(figure: str) -> str:
    """"2431,25" -> "2 431,25": the figure as the number grammar prints it."""
    whole, _, frac = re.sub(r"\s", "", figure).partition(",")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:]] + groups
    return " ".join([whole] + groups) + (f",{frac}" if frac else "")


def row_readings(text: str) -> list[tuple[str, str, str]]:
    """Every (label, price without VAT, price with VAT) a row run together reads as: its digits at the end cut into a
    price and that price with VAT; where the label stands a space before its digits, the label may also end in a number
    run into them ("Gebyr 5 400500", "Renovasjon 24048006000")."""
    m = _ROW.match(" ".join(text.split()))
    if not m or not re.search(r"[^\W\d_]", m.group("label")):
        return []
    label, tail = m.group("label").strip(), m.group("tail")
    choices = [(label, tail)]
    first = tail.split()[0]
    if m.group("gap"):
        for j in range(1, min(len(first), _MAX_LABEL_DIGITS) + 1):
            rest = tail[j:].strip()
            if rest and not first.startswith("0"):
                choices.append((f"{label} {first[:j]}", rest))
    elif len(first) <= _MAX_LABEL_DIGITS and tail[len(first):].strip():
        choices.append((f"{label}{first}", tail[len(first):].strip()))  # "Bolig inntil 100 m2 5900 7375": a unit's power
    out: list[tuple[str, str, str]] = []
    for lab, digits in choices:
        out += [(lab, a, b) for a, b in vat_cuts(digits)]
    return out


def _run_together(text: str) -> bool:
    """A row whose cells no space parts: the label runs into its digits, or the digits print no space at all."""
    m = _ROW.match(" ".join(text.split()))
    return bool(m) and (not m.group("gap") or not re.search(r"\s", m.group("tail")))


def _free(line: Line) -> bool:
    return line.segs is None and line.table_id is None


def _row_line(line: Line) -> bool:
    text = line.text.strip()
    m = _ROW.match(" ".join(text.split()))
    return _free(line) and bool(m) and re.search(r"[^\W\d_]", m.group("label")) is not None \
        and len(m.group("label")) <= _MAX_LABEL and not _CURRENCY.search(text)


def _group_line(line: Line) -> bool:
    """A line of words between the rows: a group ("Kloakkavgifter") or a row that prints words where its prices would
    stand ("Vannmåler, leie av ledningsnett se under se under"); it stays a line of text in the table."""
    text = line.text.strip()
    return _free(line) and 0 < len(text.split()) <= 12 and len(text) <= _MAX_LABEL and not re.search(r"\d", text) \
        and not text.endswith((".", ":"))


def _block(lines: list[Line], k: int) -> list[int]:
    """The lines of the rows under the head on line k: rows, and blank and group lines between them."""
    block: list[int] = []
    blanks = 0
    j = k + 1
    while j < len(lines) and lines[j].page == lines[k].page:
        if not lines[j].text.strip():
            blanks += 1
            if blanks > 2:
                break
        elif _row_line(lines[j]) or (block and _group_line(lines[j])):
            block.append(j)
            blanks = 0
        else:
            break
        j += 1
    while block and not _row_line(lines[block[-1]]):
        block.pop()
    return block


def expand_vat_pairs(lines: list[Line], warnings: list[str] | None = None) -> list[Line]:
    out: list[Line] = []
    number = 0
    k = 0
    while k < len(lines):
        head = vat_head(lines[k].text) if _free(lines[k]) and not lines[k].heading else None
        block = _block(lines, k) if head else []
        rows = [j for j in block if _row_line(lines[j])]
        if len(rows) < 2 or not any(_run_together(lines[j].text) for j in rows):
            out.append(lines[k])
            k += 1
            continue
        read = {j: row_readings(lines[j].text) for j in rows}
        if not any(len(r) == 1 for r in read.values()):
            # no row reads one way: the head stays text, and so does every row, which no other rule may cut
            out.append(lines[k])
            for j in range(k + 1, block[-1] + 1):
                out.append(_unread(lines[j], read[j], warnings) if j in read else lines[j])
            k = block[-1] + 1
            continue
        tid = _TABLE_ID_BASE + number
        number += 1
        corner, heads = head
        segs = ([Seg(corner, 0.0, 1.0)] if corner else []) + [Seg(h, float(c + 1), float(c + 2)) for c, h in enumerate(heads)]
        first = lines[k]
        out.append(Line(page=first.page, number=first.number, text=" ".join(s.text for s in segs), segs=segs,
                        header=True, table_id=tid))
        unread: list[Line] = []
        for j in range(k + 1, block[-1] + 1):
            line = lines[j]
            words = " ".join(line.text.split())
            if j not in block:
                continue  # a blank line between the rows ends no table
            if j not in read:
                out.append(Line(page=line.page, number=line.number, text=words, segs=[Seg(words, 0.0, 1.0)],
                                table_id=tid))
                continue
            if len(read[j]) != 1:
                unread.append(_unread(line, read[j], warnings))
                continue
            label, a, b = read[j][0]
            segs = [Seg(label, 0.0, 1.0), Seg(a, 1.0, 2.0), Seg(b, 2.0, 3.0)]
            out.append(Line(page=line.page, number=line.number, text=" ".join(s.text for s in segs), segs=segs,
                            table_id=tid))
        out.extend(unread)  # below the table: a row of words inside it would head the rows after it
        k = block[-1] + 1
    return out


def _unread(line: Line, readings: list[tuple[str, str, str]], warnings: list[str] | None) -> Line:
    """A row under a VAT head that reads no way or several ways: one cell of text, which no rule cuts into cells."""
    words = " ".join(line.text.split())
    if warnings is not None:
        how = "no way" if not readings else f"{len(readings)} ways"
        warnings.append(f"prices run together under a head of prices without and with VAT at page {line.page} line "
                        f"{line.number} cut {how} into a price and that price with VAT; no figure read: {words[:80]}")
    return Line(page=line.page, number=line.number, text=words, segs=[Seg(words, 0.0, 1.0)])
