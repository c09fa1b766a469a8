"""No organisation or unit name from the seeds, the corpus, the real material or the sample data may
appear in the dbt layer (seeds, models, macros; comments included): the warehouse must not assume a
particular organisation. Names a user wants joined live in the user alias file (flows/aliases.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FIXED = ["Stjørdal", "Værnesregion", "VARIT", "Hedmark", "Malvik", "Selbu", "Frosta", "Meråker", "Tydal",
         "Levanger", "Hamar", "Stange", "Løten", "Elverum", "Giske", "Austevoll", "Karmøy", "Akershus",
         "Sogn og Fjordane", "Kvam", "Gardermoen", "IKT Agder", "SØIR", "Sunnhordland", "Simrishamn"]
FOLDERS = ["dbt_project/seeds", "dbt_project/models", "dbt_project/macros", "dbt_project/tests", "dbt_project/metrics"]
GENERIC_WORDS = (r"(?i)\b(kommune|kommunes|herad|fylkeskommune|iks|as|og|och|nämnden|region|regionen|ikt|"
                 r"interkommunale|interkommunalt|selskap|renovasjonsselskap|digitale|norsk)\b")
SUFFIXES = {".sql", ".csv", ".yml", ".yaml", ".md"}


def _core_words(name: str) -> set[str]:
    """The distinctive words of "Eksempel kommune" / "Eksempel IKT": capitalised, four letters or more."""
    return {w for w in re.sub(GENERIC_WORDS, " ", re.sub(r"[(),/]", " ", name)).split()
            if len(w) >= 4 and w[0].isupper()}


def names() -> set[str]:
    found = set(FIXED)
    for path in sorted((SHARED / "corpus" / "reports").glob("*.txt")):
        m = re.search(r"^# Source: ([^,(]+)", path.read_text(encoding="utf-8"), re.M)
        if m:
            found |= _core_words(m.group(1))
    sample = yaml.safe_load((REPO / "data" / "sample" / "aliases.yaml").read_text(encoding="utf-8"))
    for org in sample["organisations"]:
        for name in (org["name"], *org.get("aliases", [])):
            found |= _core_words(name)
    for unit in sample["units"]:  # acronyms of units ("ABCIT") are names; "Økonomi" is a word
        for name in (unit["name"], *unit.get("aliases", [])):
            found |= {w for w in re.findall(r"\b[A-ZÆØÅ]{4,}\b", name)}
    return found


def test_name_list_is_read_from_the_material():
    found = names()
    assert len(found) > len(FIXED) + 5, "names are read from the corpus headers and the sample alias file"
    assert {"Hedmark", "VARIT"} <= found


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_organisation_or_unit_names_in_the_dbt_layer(folder):
    alternatives = "|".join(re.escape(n) for n in sorted(names(), key=len, reverse=True))
    pattern = re.compile(r"(?<![\wæøåÆØÅ])(" + alternatives + r")s?(?![\wæøåÆØÅ])", re.I)
    hits = []
    for path in sorted((REPO / folder).rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if m := pattern.search(line):
                hits.append(f"{path.relative_to(REPO)}:{n}: {m.group(0)}")
    assert not hits, f"{len(hits)} organisation/unit names in {folder}:\n" + "\n".join(hits[:40])
