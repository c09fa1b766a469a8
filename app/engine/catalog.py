"""Build the governed catalog from the dbt manifest, the metric catalog seed and the warehouse.

Only marts (models under dbt_project/models/marts) are exposed; their column descriptions are
what the LLM sees and the SQL guard allows.
"""
from __future__ import annotations

import csv
import fcntl
import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import duckdb
import yaml

from app.engine.catalog_model import Catalog, Column, Metric, Table, VerifiedQuery
from app.engine.planner import UnitRef, Vocabulary
from app.engine.text import normalise
from flows.settings import DBT_PROJECT_DIR
from flows.warehouse import connect_readonly

SEEDS = DBT_PROJECT_DIR / "seeds"
# The sample's verified queries; a deployment keeps its own file (Settings.verified_queries).
SAMPLE_VERIFIED_QUERIES = DBT_PROJECT_DIR.parent / "data" / "sample" / "verified_queries.yml"


def verified_queries_path() -> Path:
    """The verified-query file the engine and the review page share (KOMMUNEDATA_VERIFIED_QUERIES,
    default data/verified_queries.yml): question -> SQL pairs a person checked, kept with the deployment.
    Read from the environment as it is now (settings are built again only when a KOMMUNEDATA_ variable
    changes: building them costs milliseconds, and every question asks)."""
    env = tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith("KOMMUNEDATA_")))
    return _verified_queries_setting(env)


@lru_cache(maxsize=8)
def _verified_queries_setting(env: tuple[tuple[str, str], ...]) -> Path:
    from flows.settings import Settings

    return Path(Settings().verified_queries)


def _manifest_path(project_dir: Path = DBT_PROJECT_DIR) -> Path:
    return project_dir / "target" / "manifest.json"


def ensure_manifest(project_dir: Path = DBT_PROJECT_DIR) -> Path:
    """The dbt manifest, parsed on first use. Processes starting together (two first questions, a UI and a CLI)
    take turns under a file lock, and the one that parses writes the manifest into a folder of its own and moves
    it into place (os.replace): a reader sees no manifest or a whole one, never one half written."""
    path = _manifest_path(project_dir)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.parent / ".manifest.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # released by the kernel if the holder dies
        if not path.exists():  # (the process before us may have written it)
            from flows.dbt import run_dbt

            with tempfile.TemporaryDirectory(dir=path.parent, prefix=".parse-") as tmp:
                result = run_dbt(["parse", "--target-path", tmp], project_dir=project_dir)
                parsed = Path(tmp) / "manifest.json"
                if not parsed.exists():
                    raise RuntimeError(f"dbt parse of {project_dir} wrote no manifest: {result.error}")
                os.replace(parsed, path)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    return path


def load_metrics(path: Path = SEEDS / "metric_catalog.csv") -> dict[str, Metric]:
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    metrics = {}
    for r in rows:
        hib = r["higher_is_better"].strip().lower()
        metrics[r["metric_code"]] = Metric(
            code=r["metric_code"], name_nb=r["name_nb"], name_en=r["name_en"],
            synonyms=tuple(s.strip().lower() for s in r["synonyms"].split("|") if s.strip()),
            unit_of_measure=r["unit_of_measure"],
            higher_is_better=None if hib == "" else hib == "true",
            definition=r["definition"],
        )
    return metrics


def load_unit_aliases(path: Path) -> dict[str, UnitRef]:
    """The units of a user alias file (flows.aliases), keyed as the warehouse keys them. A warehouse's
    own units and aliases come from dim_unit (load_catalog); this is for planning without one."""
    from flows.aliases import load_aliases, unit_key

    return {normalise(alias): UnitRef(unit_key(name), name)
            for name, _, alias in load_aliases(path).unit_alias_rows()}


def load_verified_queries(path: Path | None = None) -> tuple[VerifiedQuery, ...]:
    path = Path(path or verified_queries_path())
    if not path.exists():
        return ()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(
        VerifiedQuery(question=q["question"], sql=q["sql"], verified_by=q["verified_by"],
                      verified_at=str(q["verified_at"]))
        for q in data.get("queries", [])
    )


def current_verified_queries(path: Path | None = None) -> tuple[VerifiedQuery, ...]:
    """The verified-query file as it is now: read again whenever it changes (an approver's promotion is
    used by the next question), otherwise from memory."""
    path = Path(path or verified_queries_path()).resolve()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ()
    return _verified_queries_version(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _verified_queries_version(path: str, mtime_ns: int, size: int) -> tuple[VerifiedQuery, ...]:
    return load_verified_queries(Path(path))


def load_mart_tables(con: duckdb.DuckDBPyConnection) -> dict[str, Table]:
    manifest = json.loads(ensure_manifest().read_text(encoding="utf-8"))
    types = {
        (t, c): dt for t, c, dt in con.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'main'"
        ).fetchall()
    }
    tables = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or "marts" not in node["fqn"]:
            continue
        name = node["name"]
        columns = tuple(
            Column(name=c, data_type=types.get((name, c), "unknown"), description=spec.get("description", ""))
            for c, spec in node["columns"].items()
        )
        if columns:
            tables[name] = Table(name=name, description=node.get("description", "").strip(), columns=columns)
    # Marts a family reads that a warehouse may hold before this checkout's manifest describes them
    # (a newer build): exposed with the warehouse's own columns.
    for name in FAMILY_MARTS:
        if name not in tables and any(t == name for t, _ in types):
            tables[name] = Table(name=name, description="", columns=tuple(
                Column(name=c, data_type=dt, description="") for (t, c), dt in types.items() if t == name))
    return tables


FAMILY_MARTS = ("fct_report_cell", "fct_ticket", "fct_ticket_event", "fct_ticket_attribute", "agg_ticket_counts")


# Words the metric catalog seed does not carry yet (translations and common phrasings); merged into
# the synonyms the planner matches. The dbt metric catalog (dbt_project/metrics) adds its own.
EXTRA_SYNONYMS = {
    "fund_balance_nok": ("disposition fund", "fund balance", "balance of the disposition fund", "disposisjonsfondet"),
    "fte": ("ftes", "full-time equivalent"),
    "budget_result_nok": ("budget result", "result against budget", "resultat mot budsjett"),
    "cases": ("saksvolum", "saksmengd", "number of cases", "registered cases", "ticket volume", "driftssaker",
              "driftssak", "driftshenvendelser"),
    "ab_incidents": ("a/b incidents", "a- og b-hendelser", "a/b-hendingar", "prioritet a eller b", "prioritet a og b",
                     "prioritet a/b", "priority a or b", "priority a and b", "priority a/b", "a- og b-saker",
                     "a/b-saker", "a- og b-prioritet"),
    "it_helpdesk_contacts": ("henvendelser på it-hjelpa", "it helpdesk requests"),
    "e_invoice_share_pct": ("e-invoice share", "andel el-faktura"),
    "kostra_admin_net_expense_per_capita": ("admin expenses per capita", "netto driftsutgifter til administrasjon",
                                            "administrasjon per innbygger", "kostra-tall", "kostratall"),
    "phone_answered_1min_pct": ("svartid", "response time"),
}

METRICS_DIR = DBT_PROJECT_DIR / "metrics"


def _merge_dbt_metrics(metrics: dict[str, Metric], directory: Path = METRICS_DIR) -> dict[str, Metric]:
    """Synonyms, names and definitions from the dbt metric catalog (YAML under dbt_project/metrics),
    when it exists. Tolerant of its shape: a metric is matched by name/code to the seed catalog."""
    from dataclasses import replace

    if not directory.is_dir():
        return metrics
    for path in sorted(directory.rglob("*.y*ml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        items = data.get("metrics", []) if isinstance(data, dict) else data if isinstance(data, list) else []
        for item in items:
            if not isinstance(item, dict):
                continue
            code = item.get("metric_code") or item.get("code") or item.get("name")
            if code not in metrics:
                continue
            meta = {**(item.get("meta") or {}), **((item.get("config") or {}).get("meta") or {})}
            extra = meta.get("synonyms") or item.get("synonyms") or []
            if isinstance(extra, str):
                extra = extra.split("|")
            m = metrics[code]
            metrics[code] = replace(
                m, synonyms=tuple(dict.fromkeys([*m.synonyms, *(str(s).strip().lower() for s in extra if str(s).strip())])),
                name_nb=meta.get("name_nb") or m.name_nb, name_en=meta.get("name_en") or m.name_en,
                definition=item.get("description") or m.definition)
    return metrics


def _with_extra_synonyms(metrics: dict[str, Metric]) -> dict[str, Metric]:
    from dataclasses import replace

    for code, extra in EXTRA_SYNONYMS.items():
        if code in metrics:
            m = metrics[code]
            metrics[code] = replace(m, synonyms=tuple(dict.fromkeys([*m.synonyms, *extra])))
    return metrics


def _table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {t for (t,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}


def _without_legal_form(aliases: dict[str, UnitRef]) -> None:
    """A name written with its legal form ("<name> IKS", "<name> AS") is also asked without it: the name without
    the form becomes an alias of the same unit when at least two words remain and no other unit holds it or is named
    by it with another last word ("<name> fylkeskommune" beside "<name> IKS": the bare name is either)."""
    from flows.org_kinds import LEGAL_FORMS

    forms = {f.lower() for f in LEGAL_FORMS}
    named_by: dict[str, set[str]] = {}
    for alias, ref in aliases.items():
        head = alias.rpartition(" ")[0]
        if head:
            named_by.setdefault(head, set()).add(ref.unit_key)
    for alias, ref in list(aliases.items()):
        head, _, last = alias.rpartition(" ")
        if last in forms and len(head.split()) >= 2 and head not in aliases and named_by.get(head) == {ref.unit_key}:
            aliases[head] = ref


def load_catalog(warehouse: Path) -> tuple[Catalog, Vocabulary]:
    metrics = _merge_dbt_metrics(_with_extra_synonyms(load_metrics()))
    aliases: dict[str, UnitRef] = {}
    con = connect_readonly(warehouse)
    try:
        tables = load_mart_tables(con)
        present = _table_names(con)
        if "stg_user_unit_aliases" in present:
            # units the user alias file names, data or not: a question about one is honestly unanswerable
            for key, name, alias in con.execute(
                    "select unit_key, unit_name, alias from stg_user_unit_aliases order by unit_key, alias").fetchall():
                aliases.setdefault(normalise(alias), UnitRef(key, name))
        unit_levels = {}
        unit_organisations: dict[str, str] = {}
        for key, name, names, level, organisation in con.execute(
                "select unit_key, unit_name, aliases, unit_level, organisation from dim_unit").fetchall():
            unit_levels[key] = level
            if organisation:
                unit_organisations[key] = organisation
            for alias in [name, *(names or "").split(" | ")]:
                if alias and normalise(alias) not in aliases:
                    aliases[normalise(alias)] = UnitRef(key, name)
        _without_legal_form(aliases)
        subjects = {
            normalise(s): s for (s,) in con.execute(
                "select distinct subject from fct_metric_value where subject is not null"
            ).fetchall()
        }
        coverage: dict[str, dict[str, set[int]]] = {}
        quarterly: set[str] = set()
        metric_subjects: dict[str, set[str]] = {}
        subject_units: dict[str, set[str]] = {}
        targets: set[str] = set()
        for code, unit_key, year, quarter, subject, qualifier in con.execute(
                "select distinct metric_code, unit_key, value_year, quarter, subject, qualifier "
                "from fct_metric_value where is_latest").fetchall():
            if qualifier != "target":
                coverage.setdefault(code, {}).setdefault(unit_key, set()).add(year)
            if qualifier in ("target", "result"):
                targets.add(code)
            if quarter is not None:
                quarterly.add(code)
            if subject is not None:
                metric_subjects.setdefault(code, set()).add(subject)
                subject_units.setdefault(subject, set()).add(unit_key)
        years = tuple(sorted(y for (y,) in con.execute(
            "select distinct value_year from fct_metric_value union select distinct value_year from fct_account_amount"
        ).fetchall() if y is not None))
        scenarios = tuple(s for (s,) in con.execute("select scenario_code from dim_scenario").fetchall())
        organisations: dict[str, str] = {}
        organisation_names: dict[str, str] = {}
        short_organisations: dict[str, str] = {}
        if "dim_organisation" in present:
            columns = {c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_name = 'dim_organisation'").fetchall()}
            short = "short_names" if "short_names" in columns else "cast(null as text)"
            rows = con.execute("select organisation_key, organisation_name, aliases, organisation_type, "
                               f"{short} from dim_organisation").fetchall()
            shorts_of: dict[str, set[str]] = {}
            from flows.org_kinds import kind_pattern

            # a name of two letters before its kind ("Øy kommune"): the dbt short forms keep three letters or more
            two_letters = re.compile(rf"([A-ZÆØÅÄÖ][a-zæøåäö])\s+{kind_pattern()}")
            for key, name, names, kind, _ in rows:
                organisation_names[key] = name
                if key == "unknown":  # the "no organisation given" row; an owner of unknown type is still named
                    continue
                for alias in [name, *(names or "").split(" | ")]:
                    if alias and len(alias) >= 3:
                        organisations.setdefault(normalise(alias), key)
                    elif alias and len(alias) == 2 and alias.isalpha() and alias[0].isupper() and alias[1].islower():
                        shorts_of.setdefault(alias, set()).add(key)  # "Øy", "Ån": as written only
                    if alias and (m := two_letters.fullmatch(alias)):
                        shorts_of.setdefault(m.group(1), set()).add(key)
            # a port's name in another Nordic spelling ("eksempel hamn" for "Eksempel Havn IKS") is the same name
            from flows.org_kinds import port_spellings

            for alias, key in list(organisations.items()):
                for spelled in port_spellings(alias):
                    organisations.setdefault(spelled, key)
            from app.engine.wordforms import STOPWORDS

            short_organisations = {name: next(iter(keys)) for name, keys in shorts_of.items()
                                   if len(keys) == 1 and name.lower() not in STOPWORDS}
            # then the short forms ("eksempel" for "Eksempel kommune"), after every full name and alias; a short form
            # two organisations share ("eksempel" of "Eksempel fylkeskommune" and "Eksempel IKS") names neither
            short_keys: dict[str, set[str]] = {}
            for key, _, _, kind, shorts in rows:
                if key == "unknown":
                    continue
                for alias in (shorts or "").split(" | "):
                    if alias and len(alias) >= 3:
                        for spelled in {normalise(alias), *port_spellings(normalise(alias))}:
                            short_keys.setdefault(spelled, set()).add(key)
            for alias, keys in short_keys.items():
                if len(keys) == 1:
                    organisations.setdefault(alias, next(iter(keys)))
            # then what a question calls the one organisation of its kind ("fylket", "the county")
            from app.engine.names import kind_aliases

            for word, key in kind_aliases([(k, kind) for k, _, _, kind, _ in rows if k != "unknown"]).items():
                organisations.setdefault(word, key)
            # and last their initials ("FIKT" for "Fjordnett IKT", "VOSFK" and "VSFK" for "Vest og Sør fylkeskommune"),
            # and the place of a name that is a direction and a place ("Dalby" of "Västra Dalby"), unless a word of the
            # language or of another name reads the same, or two organisations share it
            from app.engine.names import NAME_STOPWORDS, initials, place_head
            from flows.org_kinds import initial_forms, plain_initials

            words_of: dict[str, set[str]] = {}
            for alias, key in organisations.items():
                words_of.setdefault(key, set()).update(alias.split())
            derived: dict[str, set[str]] = {}
            heads: set[str] = set()
            for key, name, _, _, shorts in rows:
                if key == "unknown" or not name:
                    continue
                plain = {initials(name), plain_initials(name)}
                # three letters read as another word too often: only the plain initials ("SBR", "FIKT")
                forms = {f for f in initial_forms(name) if len(f) >= 4} | (plain - {None})
                places = {h for s in (shorts or "").split(" | ") for h in [place_head(s)] if h}
                heads |= places
                for form in forms | places:
                    derived.setdefault(form, set()).add(key)
            for form, keys in derived.items():
                key = next(iter(keys))
                others = {w for k, ws in words_of.items() if k != key for w in ws}
                if len(keys) != 1 or form in STOPWORDS or form in NAME_STOPWORDS or form in others or (
                        form not in heads and form in words_of.get(key, ())):
                    continue
                organisations.setdefault(form, key)
                name = organisation_names.get(key, "")
                if normalise(name) in aliases:  # the organisation is a reporting unit too
                    aliases.setdefault(form, aliases[normalise(name)])
        from app.engine.vocabulary import load_data_vocabulary

        data = load_data_vocabulary(con, present)
        ticket_years: tuple[int, ...] = ()
        if "agg_tickets_by_quarter" in present:
            ticket_years = tuple(sorted(y for (y,) in con.execute(
                "select distinct year from agg_tickets_by_quarter").fetchall() if y is not None))
    finally:
        con.close()
    target_metrics = tuple(sorted(targets))
    catalog = Catalog(
        tables=tables, metrics=metrics,
        units={alias: ref.unit_name for alias, ref in aliases.items()},
        years=years, scenarios=scenarios, verified_queries=current_verified_queries(),
    )
    vocab = Vocabulary(metrics=metrics, unit_aliases=aliases, subjects=subjects, years=years, coverage=coverage,
                       quarterly=quarterly, metric_subjects=metric_subjects, target_metrics=target_metrics,
                       organisations=organisations, organisation_names=organisation_names, unit_levels=unit_levels,
                       short_organisations=short_organisations,
                       tables=frozenset(present), ticket_years=ticket_years, data=data,
                       unit_organisations=unit_organisations, subject_units=subject_units)
    return catalog, vocab
