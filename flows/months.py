"""Month names: one home for every reader of dates written in words (report tables and sentences, export
headers and file names, questions and answers).

The names come from Babel's CLDR data for the languages reports and questions are written in — bokmål,
nynorsk, Swedish, Danish, English — in their wide ("januar", "augusti", "marts") and abbreviated ("jan.",
"sept") forms, so a Swedish "maj" or a Danish "marts" is a month as much as a Norwegian "mai"."""
from babel.dates import get_month_names

LANGUAGES = ("nb", "nn", "sv", "da", "en")


def _names(width: str) -> dict[str, int]:
    return {name.lower().rstrip("."): number for lang in LANGUAGES
            for number, name in get_month_names(width, locale=lang).items()}


LONG_NAMES: dict[str, int] = _names("wide")  # "januar", "januari", "january", "marts", "augusti" → month number
# every name a month is written with, lower case, the abbreviation's dot dropped ("jan", "sept", "des", "dec")
MONTH_NUMBER: dict[str, int] = {**_names("abbreviated"), "sept": 9, **LONG_NAMES}
# a regex alternation of the wide names, longest first (for patterns read with re.IGNORECASE)
LONG_PATTERN = "(?:" + "|".join(sorted(LONG_NAMES, key=len, reverse=True)) + ")"

_DISPLAY = {lang: [get_month_names("wide", locale=lang)[m] for m in range(1, 13)] for lang in ("nb", "en")}


def month_name(month: int, lang: str = "nb") -> str:
    """The month as an answer writes it: "januar" (Norwegian, both written forms) or "January" (English)."""
    return _DISPLAY["en" if lang == "en" else "nb"][month - 1]
