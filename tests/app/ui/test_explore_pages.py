"""The unit, helpdesk, data and settings pages through AppTest on the refreshed sample warehouse."""
from __future__ import annotations

import json

import pytest


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def labels(metrics) -> dict[str, str]:
    return {m.label: m.value for m in metrics}


def test_every_page_renders_without_error(app_env, make_app):
    for page in ("chat.py", "overview.py", "unit.py", "helpdesk.py", "data.py", "review.py", "settings.py"):
        at = make_app(page)
        assert not at.exception, (page, at.exception)
        assert not at.error, (page, texts(at.error))
        assert at.title, page


def test_unit_page_shows_staffing_sick_leave_and_budget(app_env, make_app):
    at = make_app("unit.py", params={"unit": "vr-lonn-regnskap"})  # a link to one unit
    assert at.selectbox[0].value == "vr-lonn-regnskap"
    assert at.header[0].value == "VR lønn/regnskap"
    kpis = labels(at.metric)
    assert kpis["Årsverk 2020"] == "22,7\u00a0årsverk"
    assert kpis["Sykefravær 2020"] == "2,5\u00a0%"
    assert [s.value for s in at.subheader][:3] == ["Bemanning", "Sykefravær", "Regnskap mot budsjett"]
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) >= 4  # staffing, sick leave, actual vs budget per year, variance per line
    # the values link to their document pages in the source viewer
    links = [e.proto for e in at.get("page_link") if "kilde" in e.proto.page or e.proto.page.endswith("viewer.py")]
    assert any(link.label.startswith("vr-regnskap-og-lonn-2020.pdf s. ") and "doc=vr-regnskap-og-lonn-2020.pdf"
               in link.query_string for link in links), [link.label for link in links]


def test_unit_page_renders_every_unit(app_env, make_app):
    from app.engine import views

    for key in views.list_units(app_env)["unit_key"]:
        at = make_app("unit.py", params={"unit": key})
        assert not at.exception, (key, at.exception)
        assert at.selectbox[0].value == key


def test_unit_page_follows_the_chosen_unit(app_env, make_app):
    at = make_app("unit.py")
    at.selectbox[0].select("stjordal-kommune").run()
    assert not at.exception
    assert at.header[0].value == "Stjørdal kommune"
    kpis = labels(at.metric)
    assert kpis["Sykefravær 2020"] == "4,7\u00a0%"
    assert kpis["Årsverk 2020"] == "81,3\u00a0årsverk"
    assert at.query_params["unit"] == "stjordal-kommune"  # the address names the unit shown
    # the sick-leave trend 2019→2020 is a line
    marks = [json.loads(c.proto.spec).get("mark", {}) for c in at.get("vega_lite_chart")]
    assert any(isinstance(m, dict) and m.get("type") == "line" for m in marks)


def test_helpdesk_page_with_ticket_data(app_env, make_app):
    at = make_app("helpdesk.py")
    subheaders = [s.value for s in at.subheader]
    assert "Saker per uke mot snittet for tidligere år" in subheaders
    assert "SLA-resultater mot mål" in subheaders
    assert "Saker per kommune" in subheaders
    assert not any("ingen saksdata" in i.value for i in at.info)
    kpis = labels(at.metric)
    assert any(k.startswith("Saker 2021") for k in kpis)
    # SLA results against targets: phone answered within 1 minute was 59,70 % against 70 %
    sla = next(df.value for df in at.dataframe if "Oppfylt" in df.value.columns)
    row = sla[(sla["Nøkkeltall"] == "Besvart innen 1 minutt") & (sla["Kilde"] == "Årsrapport")].iloc[0]
    assert row["Oppfylt"] == "Ikke oppfylt"
    # per municipality
    org_names = at.selectbox[0].options
    assert "Hamar kommune" in org_names


def test_helpdesk_page_filters_one_municipality(app_env, make_app):
    at = make_app("helpdesk.py")
    at.selectbox[0].select("hamar").run()
    assert not at.exception
    assert "«Alle»" in texts(at.caption)  # the report's average covers the whole service only


def test_helpdesk_page_without_ticket_data_says_so(no_ticket_warehouse, feedback_db, monkeypatch, make_app):
    from flows.settings import get_settings

    monkeypatch.setenv("KOMMUNEDATA_WAREHOUSE", str(no_ticket_warehouse))
    monkeypatch.setenv("KOMMUNEDATA_FEEDBACK_DB", str(feedback_db))
    get_settings.cache_clear()
    try:
        at = make_app("helpdesk.py")
        assert not at.exception
        assert "ingen saksdata" in texts(at.info)
        # what the annual reports state is still shown
        assert "Fra årsrapportene" in [s.value for s in at.subheader]
        assert at.get("vega_lite_chart")
    finally:
        get_settings.cache_clear()


def test_data_page_shows_documents_tests_and_reconciliation(app_env, make_app):
    at = make_app("data.py")
    kpis = labels(at.metric)
    assert kpis["Dokumenter"] == "5 / 5"
    docs = at.dataframe[0].value
    assert set(docs["Fil"]) >= {"vr-regnskap-og-lonn-2020.pdf", "hedmark-ikt-2021.pdf"}
    subheaders = [s.value for s in at.subheader]
    assert "Datakontroller (dbt-tester)" in subheaders
    assert "Avstemming: tall som ikke går opp" in subheaders
    # the VARIT misprint from the sample (Sum utgifter 2019) is flagged, not corrected
    rec = next(df.value for df in at.dataframe if "Forklaring" in df.value.columns)
    assert rec["Forklaring"].str.contains("Sum utgifter").any()
    assert "Avviker" in set(rec["Status"])  # no list of known misprints any more: it differs, and says so


def test_data_page_without_dbt_results_says_so(app_env, make_app, monkeypatch, tmp_path):
    import streamlit as st

    from app.engine import views

    real = views.data_health
    monkeypatch.setattr(views, "data_health", lambda w, run_results=None: real(w, tmp_path / "missing.json"))
    st.cache_data.clear()  # the cached view of this warehouse version has test results
    at = make_app("data.py")
    assert not at.exception
    assert "run_results.json" in texts(at.info)


def test_settings_page_picks_the_engine_and_shows_llm_status(app_env, make_app):
    at = make_app("settings.py")
    assert "Ingen språkmodell konfigurert" in texts(at.info)
    assert "api_key" not in texts(at.main.markdown).lower() or "set" not in texts(at.main.markdown)
    at.radio[0].set_value("planner").run()
    assert at.session_state["engine"] == "planner"
    assert "Kun planlegger" in texts(at.sidebar.caption)
    # the choice holds on the chat page
    at.switch_page("chat.py").run()
    at.chat_input[0].set_value("sykefravær trend for Stjørdal kommune").run()
    assert at.session_state["history"][-1]["result"]["engine"] == "planner"


@pytest.mark.parametrize("key_value", ["sk-test-SECRET-123"])
def test_settings_page_never_shows_the_api_key(app_env, make_app, monkeypatch, key_value):
    monkeypatch.setenv("KOMMUNEDATA_LLM_PROVIDER", "openai")
    monkeypatch.setenv("KOMMUNEDATA_LLM_MODEL", "gpt-test")
    monkeypatch.setenv("KOMMUNEDATA_LLM_API_KEY", key_value)
    at = make_app("settings.py")
    shown = texts(at.success) + texts(at.info) + texts(at.markdown) + texts(at.caption)
    assert "gpt-test" in shown
    assert key_value not in shown


def test_review_queue_lists_feedback(app_env, make_app, feedback_db):
    from app.ui.feedback import save_feedback

    save_feedback(feedback_db, {"question": "sykefravær VR lønn 2020", "rows": []}, "down", "feil år")
    at = make_app("settings.py")
    queue = at.dataframe[0].value
    assert queue.iloc[0]["Spørsmål"] == "sykefravær VR lønn 2020"
    assert queue.iloc[0]["Vurdering"] == "Feil"


def test_pages_in_english(app_env, make_app):
    at = make_app("unit.py", lang="en")
    assert at.title[0].value == "Unit"
    assert "Staffing" in [s.value for s in at.subheader]
    at = make_app("data.py", lang="en")
    assert at.title[0].value == "Data health"
