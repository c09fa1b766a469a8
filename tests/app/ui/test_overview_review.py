"""The overview page for every organisation of the sample and seed warehouses, and the review workflow
from a 👍 to a verified, badged answer (AppTest)."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.engine import views


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def source_links(at) -> list[tuple[str, dict]]:
    """(label, query parameters) of every link to the source viewer on the page."""
    from urllib.parse import parse_qs

    return [(e.proto.label, {k: v[0] for k, v in parse_qs(e.proto.query_string).items()}) for e in at.get("page_link")
            if e.proto.page.endswith("viewer.py") or "kilde" in e.proto.page]


def printed_reads_as(printed: str | None, value: float) -> bool:
    from flows.reports.numbers import parse_number

    # as printed: in the table's scale ("1,4" mill. kr), either sign
    return printed is None or any(abs(abs(parse_number(printed)) * scale - abs(value)) < 1e-6
                                  for scale in (1, 1_000, 1_000_000))


def _organisations(warehouse):
    return views.list_organisations(warehouse)["organisation_key"].tolist()


@pytest.mark.parametrize("which", ["sample_warehouse", "seed_warehouse"])
def test_overview_renders_every_organisation(which, request, feedback_db, monkeypatch, make_app):
    from tests.app.ui.conftest import _point_app_at

    warehouse = request.getfixturevalue(which)
    _point_app_at(monkeypatch, warehouse, feedback_db)
    organisations = _organisations(warehouse)
    assert organisations
    for key in organisations:
        at = make_app("overview.py", params={"org": key})
        assert not at.exception, (key, at.exception)
        assert at.selectbox[0].value == key
        data = views.organisation_overview(warehouse, key)
        subheaders = [s.value for s in at.subheader]
        assert subheaders[:1] == ["Nøkkeltall"]
        if not data["key_figures"].empty:
            # every key figure shown is the latest value of its series, with a link to its document page
            shown = {m.label for m in at.metric}
            links = source_links(at)
            for code, series in data["key_figures"].groupby("metric_code", sort=False):
                last = series.sort_values("year").iloc[-1]
                if f"{last['name_nb']} {int(last['year'])}" in shown:
                    label = f"{last['file_name']} s. {int(last['page'])}"
                    # its document and page, the figure marked as printed (it reads back as the value)
                    assert any(shown_label == label and params["doc"] == last["document_id"]
                               and params["page"] == str(int(last["page"]))
                               and printed_reads_as(params.get("hl"), last["value"])
                               for shown_label, params in links), (key, label, links)
            assert shown
        if not data["sick_leave"].empty or not data["budget"].empty or not data["tickets"].empty:
            assert at.get("vega_lite_chart")


def test_overview_numbers_are_the_marts_numbers(app_env, make_app):
    at = make_app("overview.py", params={"org": "hedmark-ikt"})
    figures = views.organisation_overview(app_env, "hedmark-ikt")["key_figures"]
    cases = figures[figures["metric_code"] == "cases"].sort_values("year")
    metric = next(m for m in at.metric if m.label.startswith("Saker"))
    assert metric.label == f"Saker {int(cases.iloc[-1]['year'])}"
    assert metric.value.replace("\u00a0", " ") == f"{int(cases.iloc[-1]['value']):,}".replace(",", " ")
    en = make_app("overview.py", lang="en", params={"org": "hedmark-ikt"})
    assert next(m for m in en.metric if m.label.startswith("Cases")).value == f"{int(cases.iloc[-1]['value']):,}"
    assert [s.value for s in en.subheader][0] == "Key figures"


def test_thumbs_up_promoted_by_an_approver_is_badged_verified(app_env, make_app, feedback_db):
    import os

    from app.engine.catalog import load_verified_queries

    question = "sykefravær trend for Stjørdal kommune"
    at = make_app()
    at.chat_input[0].set_value(question).run()
    assert "Verifisert spørring" not in texts(at.chat_message[1].markdown)
    at.feedback[0].set_value(1).run()  # 👍
    at.text_input[0].set_value("Stemmer med rapporten")
    next(b for b in at.button if b.label == "Send vurdering").click().run()

    review = make_app("review.py")
    assert not review.exception
    assert question in texts(review.markdown)
    promote = next(b for b in review.button if b.label == "Godkjenn som verifisert spørring")
    assert promote.disabled  # an approval names its approver
    review.text_input(key="reviewer").set_value("Kari Nordmann").run()
    next(b for b in review.button if b.label == "Godkjenn som verifisert spørring").click().run()
    assert not review.exception
    assert "Lagret som verifisert spørring" in texts(review.success)
    assert review.dataframe[0].value.iloc[0]["Status"] == "Godkjent"

    added = load_verified_queries(Path(os.environ["KOMMUNEDATA_VERIFIED_QUERIES"]))[-1]
    assert (added.question, added.verified_by) == (question, "Kari Nordmann")
    again = make_app()
    again.chat_input[0].set_value(question).run()
    assert "Verifisert spørring" in texts(again.chat_message[1].markdown)


def test_dismissed_review_leaves_the_queue_and_no_verified_query(app_env, make_app, feedback_db):
    import os

    from app.ui.feedback import save_feedback

    before = open(os.environ["KOMMUNEDATA_VERIFIED_QUERIES"], encoding="utf-8").read()
    save_feedback(feedback_db, {"question": "hva blir været", "status": "unanswerable", "sql": None}, "down", "tull")
    review = make_app("review.py")
    assert next(b for b in review.button if b.label == "Godkjenn som verifisert spørring").disabled
    next(b for b in review.button if b.label == "Avvis").click().run()
    assert "Ingen åpne vurderinger." in texts(review.info)
    assert review.dataframe[0].value.iloc[0]["Status"] == "Avvist"
    assert open(os.environ["KOMMUNEDATA_VERIFIED_QUERIES"], encoding="utf-8").read() == before


def test_choosing_another_organisation_follows_the_choice(app_env, make_app):
    keys = _organisations(app_env)
    at = make_app("overview.py", params={"org": keys[0]})
    at.selectbox[0].select(keys[1]).run()
    assert not at.exception
    assert at.selectbox[0].value == keys[1] and at.query_params["org"] == keys[1]
    names = dict(zip(views.list_organisations(app_env)["organisation_key"],
                     views.list_organisations(app_env)["organisation_name"]))
    assert at.header[0].value == names[keys[1]]
