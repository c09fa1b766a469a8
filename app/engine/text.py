"""Text helpers shared by the engines: normalising questions and formatting Norwegian numbers."""
from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[^\w%/\-\s]", re.UNICODE)


_POSSESSIVE = re.compile(r"(\w)['\u2019]s\b")


def normalise(text: str) -> str:
    """Lower-case, unify dashes and spaces, drop punctuation but keep '/', '-' and '%'."""
    text = unicodedata.normalize("NFC", text).lower()
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    text = _POSSESSIVE.sub(r"\1", text)  # English possessive: "Molde's budget" is about Molde
    text = _PUNCT.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def tokens(text: str) -> list[str]:
    return normalise(text).split()


def format_number(value: float | int | None, decimals: int | None = None) -> str:
    """Norwegian style: space as thousands separator, comma as decimal mark."""
    if value is None:
        return "–"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 100 else 2)
    text = f"{float(value):,.{decimals}f}"
    text = text.replace(",", "\u00a0").replace(".", ",").replace("\u00a0", " ")
    if decimals and "," in text:
        text = text.rstrip("0").rstrip(",") if decimals > 1 else text
    return text.replace("-", "−") if text.startswith("-") else text


def format_value(value: float | None, unit_of_measure: str) -> str:
    if value is None:
        return "ikke rapportert"
    if unit_of_measure == "pct":
        return f"{format_number(value, 2 if abs(value) < 100 else 1)} %"
    if unit_of_measure in ("nok", "nok_per_capita"):
        suffix = " kr" if unit_of_measure == "nok" else " kr per innbygger"
        return f"{format_number(round(value))}{suffix}"
    if unit_of_measure == "fte":
        return f"{format_number(value, 2)} årsverk"
    return format_number(value)
