"""Tables and times for people: display formatting on top of the one number formatter (app.engine.format).

Tables keep their numbers as numbers (so sorting and CSV stay exact) and only *display* them in the
language's style (bokmål: "1 234 567,8", a real minus sign; English: "1,234,567.8"). Charts live in
app.ui.charts. No Streamlit here.
"""
from __future__ import annotations

import math

import pandas as pd

from app.engine.format import format_number, format_timestamp  # noqa: F401  (re-exported: the one formatter)
from app.ui.i18n import column_label

# Identifier-like integers: never grouped ("2 020" would be wrong for a year).
PLAIN_INT_COLUMNS = {"year", "quarter", "week", "page", "line", "row_number", "report_year", "value_year",
                     "first_earlier_year", "last_earlier_year", "half", "month"}
ORDINAL_AXES = PLAIN_INT_COLUMNS | {"period", "period_key"}



def column_kind(column: str) -> str:
    """What a result column holds, read from its name: pct (a percentage, `_pct`), pp (a difference of
    percentages, `_pp`/`_points`), nok (an amount, `_nok`), id (years, weeks, pages) or plain."""
    name = str(column).lower()
    if name in PLAIN_INT_COLUMNS:
        return "id"
    if name.endswith(("_pp", "_points", "_pct_points")):
        return "pp"
    if name.endswith("_pct") or "_pct_" in name:
        return "pct"
    if name.endswith("_nok") or name == "amount_nok":
        return "nok"
    return "plain"


def local_timestamp(value: object, lang: str | None = None) -> str:
    """Oslo wall-clock time in the language's short date style (naive values are taken as UTC, as the
    pipeline stores them); app.engine.format does it."""
    if value is None or pd.isna(value):
        return "–"
    return format_timestamp(pd.Timestamp(value), lang)


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return str(value)


def column_decimals(series: pd.Series, max_decimals: int = 2) -> int:
    """The fewest decimals (up to max) that show every value of the column exactly."""
    values = pd.to_numeric(series, errors="coerce").dropna()
    for decimals in range(max_decimals + 1):
        if ((values * 10 ** decimals).round(6) % 1 == 0).all():
            return decimals
    return max_decimals


def is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def display_frame(df: pd.DataFrame, lang: str = "nb") -> pd.io.formats.style.Styler:
    """The frame with Norwegian display formatting and readable column headers (values unchanged)."""
    return prepare_display(df, lang)[0]


def prepare_display(df: pd.DataFrame, lang: str = "nb") -> tuple[pd.io.formats.style.Styler, list[str]]:
    """(styler, labels of columns to right-align). Numbers stay numbers, so a table sorts by value;
    the grid shows a null cell as "None" whatever the styler says, so text and number columns with
    gaps become text with "–" in the gaps (those number columns are returned for right alignment)."""
    data = df.copy()
    formats, right = {}, []
    for col in data.columns:
        label = column_label(col, lang)
        if is_numeric(data[col]):
            if col in PLAIN_INT_COLUMNS:
                fmt = lambda v: format_number(v, 0, lang, group=False)  # noqa: E731
            else:
                fmt = lambda v, d=column_decimals(data[col]): format_number(v, d, lang)  # noqa: E731
            if data[col].isna().any():
                data[col] = [fmt(v) if pd.notna(v) else "–" for v in data[col]]
                right.append(label)
            else:
                formats[label] = fmt
        elif pd.api.types.is_datetime64_any_dtype(data[col]):
            data[col] = [local_timestamp(v, lang) for v in data[col]]
        elif data[col].dtype == object or pd.api.types.is_string_dtype(data[col]) or data[col].isna().any():
            data[col] = [_text(v) for v in data[col]]
    labelled = data.rename(columns={c: column_label(c, lang) for c in data.columns})
    return labelled.style.format(formats, na_rep="–"), right


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV as Excel in a Norwegian locale opens it: semicolons, decimal comma, UTF-8 with BOM."""
    return df.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


