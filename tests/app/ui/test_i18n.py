"""Every UI string exists in bokmål and English, and every key the pages use is defined."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.ui.i18n import COLUMN_LABELS, STRINGS, column_label, translate

UI_DIR = Path(__file__).resolve().parents[3] / "app" / "ui"


def test_both_languages_have_the_same_keys():
    assert set(STRINGS["nb"]) == set(STRINGS["en"])
    assert set(COLUMN_LABELS["nb"]) == set(COLUMN_LABELS["en"])


def test_every_literal_key_used_by_the_pages_exists():
    used = set()
    for path in UI_DIR.glob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+[a-z_])["']""", path.read_text(encoding="utf-8")))
    assert used, "no t('…') calls found"
    assert sorted(used - set(STRINGS["nb"])) == []


def test_placeholders_match_between_languages():
    for key, text in STRINGS["nb"].items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", STRINGS["en"][key])), key


def test_column_labels_are_unique_per_language():
    for lang, labels in COLUMN_LABELS.items():
        # two columns of one table must never get the same header (the grid needs unique names)
        duplicates = {v for v in labels.values() if list(labels.values()).count(v) > 1}
        allowed = {"Linje", "Line", "Fil", "File", "Periode", "Period", "Saker", "Cases", "Type", "Kind",
                   "Enhet", "Unit"}
        assert duplicates <= allowed, (lang, duplicates)


def test_translate_and_fallbacks():
    assert translate("nav.ask") == "Spør"
    assert translate("nav.ask", "en") == "Ask"
    assert translate("nav.ask", "xx") == "Spør"
    assert translate("chat.rows", "en", n=3) == "3 rows"
    assert column_label("sick_leave_pct", "en") == "Sick leave (%)"
    assert column_label("unknown_column") == "unknown_column"
    with pytest.raises(KeyError):
        translate("no.such.key")


@pytest.mark.parametrize("prefix, names", [
    ("status.", ["ok", "unanswerable", "error"]),
    ("badge.", ["verified", "planner", "llm", "none"]),
    ("settings.engine.", ["auto", "planner", "llm"]),
    ("data.rec.", ["ok", "differs", "known_misprint", "reversed_sign"]),
    ("helpdesk.source.", ["report", "tickets"]),
])
def test_keys_built_at_run_time_exist(prefix, names):
    for name in names:
        assert prefix + name in STRINGS["nb"]
