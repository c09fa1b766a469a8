"""No organisation or unit name from the seeds, the corpus or the real reports may appear in code,
dbt seeds, models or macros (tests, fixtures and sample data excepted). One test per folder, so the
folders still holding names are listed by name."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXED = ["Stjørdal", "Værnesregion", "VARIT", "Hedmark", "Malvik", "Selbu", "Frosta", "Meråker", "Tydal",
         "Levanger", "Hamar", "Stange", "Løten", "Elverum", "Giske", "Austevoll", "Karmøy", "Akershus",
         "Sogn og Fjordane", "Kvam", "Gardermoen", "IKT Agder", "SØIR", "Sunnhordland", "Simrishamn"]
FOLDERS = ["flows", "app", "dbt_project/seeds", "dbt_project/models", "dbt_project/macros", "dbt_project/tests",
           "dbt_project/metrics"]
EXCEPT: tuple[str, ...] = ()  # sample data lives in data/sample, outside these folders
GENERIC = {"interkommunale", "interkommunalt", "renovasjonsselskap", "selskap", "region", "regionen",
           "kultur", "fritid", "digitale", "norsk", "fylkeskommune", "årsrapport", "årsmelding", "nämnden",
           # words for the service a body runs (flows/org_kinds.py), not names
           "brannvesen", "renovasjon"}
SUFFIXES = {".py", ".sql", ".csv", ".yml", ".yaml", ".md", ".txt", ".json", ".toml"}


def names() -> set[str]:
    found = set(FIXED)
    for gold in (REPO / "tests" / "gold").rglob("*.yaml"):
        org = (yaml.safe_load(gold.read_text(encoding="utf-8")) or {}).get("organisation")
        if org:  # the distinctive word(s) of "Giske kommune", "Sim IKS" ...
            core = re.sub(r"(?i)\b(kommune|kommunes|herad|fylkeskommune|iks|as|nämnden|och|og)\b", " ", org)
            found.update(w for w in core.split() if len(w) >= 4 and w[0].isupper())
    for path in sorted((SHARED / "corpus" / "reports").glob("*.txt")):
        m = re.search(r"^# Source: ([^,(]+)", path.read_text(encoding="utf-8"), re.M)
        if m:
            core = re.sub(r"(?i)\b(kommune|herad|fylkeskommune|iks|as)\b", " ", m.group(1))
            found.update(w for w in core.split() if len(w) >= 4 and w[0].isupper())
    return {n for n in found if n.lower() not in GENERIC}


def test_name_list_is_read_from_the_material():
    assert len(names()) > len(FIXED), "organisation names are read from the gold files and the corpus headers"


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_organisation_or_unit_names(folder):
    pattern = re.compile(r"(?<![\wæøåÆØÅ])(" + "|".join(re.escape(n) for n in sorted(names(), key=len, reverse=True)) + r")s?(?![\wæøåÆØÅ])", re.I)
    hits = []
    for path in sorted((REPO / folder).rglob("*")):
        rel = path.relative_to(REPO).as_posix()
        if not path.is_file() or path.suffix not in SUFFIXES or rel.startswith(EXCEPT) or "__pycache__" in rel:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            m = pattern.search(line)
            if m:
                hits.append(f"{rel}:{n}: {m.group(0)}")
    assert not hits, f"{len(hits)} organisation/unit names in {folder}:\n" + "\n".join(hits[:40])
