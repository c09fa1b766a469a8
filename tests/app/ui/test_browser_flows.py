"""Real-browser tests (system Chromium through Playwright) of the chat as a conversation (a follow-up,
a clarification click, a suggested question click, a reload), the overview page of every organisation
in the sample and the real-corpus warehouses, the review workflow, and the login header. Each leaves a
screenshot in test-output/ui/.

Clarify answers and suggestions are given by a script (tests/app/ui/scripted_app.py), as the contract
describes them; every other question goes to the real engine on the sample warehouse.
"""
from __future__ import annotations

import json
import re
from contextlib import contextmanager

import pytest

from app.engine import views
from tests.app.ui.serving import serve_app
from tests.app.ui.test_browser import CHROMIUM, CHROMIUM_ARGS, _shot, _wait_until_idle

CLARIFY_Q = "hvordan går det med økonomien?"
NEXT_Q = "saker per enhet i fjor"
SCRIPT = {
    CLARIFY_Q: {"status": "clarify", "engine": "planner", "sql": None, "columns": [], "rows": [],
                "answer": "Spørsmålet kan leses på flere måter. Hva mener du?", "chart": None, "sources": [],
                "interpretation": "økonomi, uklart hvilket mål",
                "suggestions": ["regnskap mot budsjett for VARIT 2020", "sykefravær VR lønn 2020"], "elapsed_ms": 1.0},
    NEXT_Q: {"status": "ok", "engine": "planner", "sql": "select 1", "columns": ["unit", "cases"],
             "rows": [["A", 10], ["B", 12]], "answer": "Saker: A 10, B 12.", "interpretation": "saker, per enhet",
             "chart": {"kind": "bar", "x": "unit", "y": "cases"}, "sources": [],
             "suggestions": ["sykefravær VR lønn 2020"], "elapsed_ms": 1.0},
}


@pytest.fixture(scope="module")
def scripted_app(sample_warehouse, tmp_path_factory):
    from app.engine.catalog import SAMPLE_VERIFIED_QUERIES

    work = tmp_path_factory.mktemp("browser-flows")
    (work / "script.json").write_text(json.dumps(SCRIPT, ensure_ascii=False), encoding="utf-8")
    verified = work / "verified_queries.yml"
    verified.write_text(SAMPLE_VERIFIED_QUERIES.read_text(encoding="utf-8"), encoding="utf-8")
    env = {"KOMMUNEDATA_FEEDBACK_DB": str(work / "feedback.duckdb"), "KOMMUNEDATA_LLM_PROVIDER": "none",
           "KOMMUNEDATA_CONVERSATIONS_DIR": str(work / "conversations"),
           "KOMMUNEDATA_VERIFIED_QUERIES": str(verified), "KOMMUNEDATA_TEST_SCRIPT": str(work / "script.json"),
           "KOMMUNEDATA_TEST_CALLS": str(work / "calls.jsonl")}
    with serve_app(sample_warehouse, work / "app.log", env=env, scripted=True) as (url, _):
        yield {"url": url, "calls": work / "calls.jsonl", "verified": verified}


@contextmanager
def browser_page(tmp_path, headers: dict | None = None):
    assert CHROMIUM.exists(), f"no system Chromium at {CHROMIUM}: `make test` installs it (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1400, "height": 1500}, locale="nb-NO", extra_http_headers=headers or {})
        try:
            yield context.new_page()
        finally:
            context.close()


def ask(page, question: str):
    from playwright.sync_api import expect

    before = page.get_by_test_id("stChatMessage").count()
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(before + 1)
    expect(answer).to_be_visible(timeout=90_000)
    _wait_until_idle(page)
    return answer


def open_chat(page, url: str):
    from playwright.sync_api import expect

    page.goto(url)
    expect(page.get_by_role("heading", name="Spør dataene")).to_be_visible(timeout=90_000)
    _wait_until_idle(page)


def calls(app) -> list[dict]:
    return [json.loads(line) for line in app["calls"].read_text(encoding="utf-8").splitlines()] \
        if app["calls"].exists() else []


def test_reload_keeps_the_conversation(scripted_app, tmp_path):
    from playwright.sync_api import expect

    with browser_page(tmp_path) as page:
        open_chat(page, scripted_app["url"])
        answer = ask(page, "sykefravær VR lønn 2020")
        expect(answer).to_contain_text("2,5", timeout=60_000)
        assert re.search(r"[?&]s=[\w-]{8,}", page.url), page.url
        page.reload()
        expect(page.get_by_test_id("stChatMessage").first).to_contain_text("sykefravær VR lønn 2020", timeout=90_000)
        _wait_until_idle(page)
        expect(page.get_by_test_id("stChatMessage").nth(1)).to_contain_text("2,5")
        _shot(page, "reload.png", tmp_path)


def test_clicking_a_suggested_question_asks_it(scripted_app, tmp_path):
    from playwright.sync_api import expect

    with browser_page(tmp_path) as page:
        open_chat(page, scripted_app["url"])
        answer = ask(page, NEXT_Q)
        expect(answer).to_contain_text("Spør videre")
        answer.get_by_role("button", name="sykefravær VR lønn 2020").click()
        followed = page.get_by_test_id("stChatMessage").nth(3)
        expect(followed).to_contain_text("2,5", timeout=90_000)
        _wait_until_idle(page)
        _shot(page, "suggestion.png", tmp_path)
    last = calls(scripted_app)[-1]
    assert last == {"question": "sykefravær VR lønn 2020", "context": NEXT_Q}  # a follow-up of the answer


def test_clicking_a_clarification_asks_that_reading(scripted_app, tmp_path):
    from playwright.sync_api import expect

    with browser_page(tmp_path) as page:
        open_chat(page, scripted_app["url"])
        answer = ask(page, CLARIFY_Q)
        expect(answer).to_contain_text("Hva mener du?")
        expect(answer).to_contain_text("Velg tolkning")
        answer.get_by_role("button", name="regnskap mot budsjett for VARIT 2020").click()
        chosen = page.get_by_test_id("stChatMessage").nth(3)
        expect(chosen.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=90_000)
        _wait_until_idle(page)
        _shot(page, "clarify.png", tmp_path)
    assert calls(scripted_app)[-1] == {"question": "regnskap mot budsjett for VARIT 2020", "context": CLARIFY_Q}


def test_the_engines_offer_of_the_figure_without_a_missing_breakdown_is_a_button_that_answers(scripted_app, tmp_path):
    """Not scripted: the engine itself says the data lacks the breakdown asked for (unanswerable, per the answer
    contract) and offers the figure without it as the next question."""
    from playwright.sync_api import expect

    question = "sykefravær per kjønn 2020"
    with browser_page(tmp_path) as page:
        open_chat(page, scripted_app["url"])
        answer = ask(page, question)
        expect(answer).to_contain_text("Dataene har ikke den fordelingen", timeout=60_000)
        expect(answer).to_contain_text("Spør videre")
        choice = answer.get_by_role("button").filter(has_text="sykefravær 2020")
        expect(choice).to_have_count(1)
        choice.click()
        chosen = page.get_by_test_id("stChatMessage").nth(3)
        expect(chosen).to_contain_text("4,7", timeout=90_000)  # the figure without the breakdown
        _wait_until_idle(page)
        _shot(page, "clarify-engine.png", tmp_path)
    assert calls(scripted_app)[-1]["question"] == "sykefravær 2020"  # a whole question: asked as it stands


def test_a_follow_up_carries_the_previous_answer(scripted_app, tmp_path):
    from playwright.sync_api import expect

    first_q = "sykefravær Stjørdal kommune 2020"
    with browser_page(tmp_path) as page:
        open_chat(page, scripted_app["url"])
        first = ask(page, first_q)
        expect(first).to_contain_text("4,7", timeout=60_000)
        follow = ask(page, "og i 2019?")  # no measure, no organisation: both come from the answer before
        # the answer sentence (the source excerpt below it quotes both years)
        expect(follow.get_by_text(re.compile(r"Stjørdal kommune var 5,0\s%\si 2019"))).to_be_visible(timeout=60_000)
        _shot(page, "follow-up.png", tmp_path)
    assert calls(scripted_app)[-1] == {"question": "og i 2019?", "context": first_q}


def test_english_stays_across_a_reload_and_an_answer_link_reopens_the_answer(scripted_app, tmp_path):
    from playwright.sync_api import expect

    with browser_page(tmp_path / "asker") as page:
        open_chat(page, scripted_app["url"])
        page.get_by_role("radio", name="English").click()
        expect(page.get_by_role("heading", name="Ask the data")).to_be_visible(timeout=60_000)
        _wait_until_idle(page)
        box = page.get_by_test_id("stChatInputTextArea")  # the Norwegian input goes once the rerun is drawn
        expect(box).to_have_count(1, timeout=60_000)
        expect(box).to_have_attribute("placeholder", re.compile("^Ask a question"))
        answer = ask(page, "what was the sick leave for Stjørdal kommune in 2020")
        expect(answer).to_contain_text("4.7%", timeout=60_000)  # English numbers in an English answer
        # the answer's own sentence (the quoted source page stays as the document prints it, "4,7 %")
        sentence = answer.locator("p", has_text="was 4.7%").first
        expect(sentence).to_be_visible()
        expect(sentence).not_to_contain_text("4,7")
        assert "lang=en" in page.url
        page.reload()
        expect(page.get_by_role("heading", name="Ask the data")).to_be_visible(timeout=90_000)
        _wait_until_idle(page)
        expect(page.get_by_test_id("stChatMessage").nth(1)).to_contain_text("4.7%")
        _shot(page, "english-reload.png", tmp_path)
        href = page.get_by_test_id("stChatMessage").nth(1).get_by_role("link", name="Link to this answer") \
            .get_attribute("href")
    assert href and "answer=" in href, href
    with browser_page(tmp_path / "reader") as page:  # another browser: only the link, no session
        page.goto(f"{scripted_app['url']}/{href.lstrip('/')}")
        expect(page.get_by_role("heading", name="Ask the data")).to_be_visible(timeout=90_000)
        _wait_until_idle(page)
        expect(page.get_by_test_id("stChatMessage").first).to_contain_text("Stjørdal kommune in 2020")
        expect(page.get_by_test_id("stChatMessage").nth(1)).to_contain_text("4.7%")
        _shot(page, "answer-link.png", tmp_path)


def wait_for_charts(page, expected: int, what: str, timeout_s: float = 60) -> None:
    """Exactly `expected` charts outside the metrics (whose sparklines are charts too) once they rendered."""
    import time

    deadline = time.time() + timeout_s
    while True:
        shown = page.get_by_test_id("stVegaLiteChart").count() - \
            page.get_by_test_id("stMetric").get_by_test_id("stVegaLiteChart").count()
        if shown == expected or time.time() > deadline:
            break
        time.sleep(0.5)
    assert shown == expected, f"{what}: {shown} charts, expected {expected}"


def check_every_overview(url: str, warehouse, tmp_path, name: str) -> int:
    """Open the overview page of every organisation the warehouse holds; a screenshot of each."""
    from playwright.sync_api import expect

    organisations = views.list_organisations(warehouse)
    assert len(organisations), f"no organisations in the {name} warehouse"
    with browser_page(tmp_path) as page:
        for row in organisations.itertuples():
            page.goto(f"{url}/oversikt?org={row.organisation_key}")
            expect(page.get_by_role("heading", name=row.organisation_name, level=2)).to_be_visible(timeout=90_000)
            _wait_until_idle(page)
            expect(page.get_by_role("heading", name="Nøkkeltall", level=3)).to_be_visible()
            assert not page.get_by_test_id("stException").count(), (name, row.organisation_key)
            data = views.organisation_overview(warehouse, row.organisation_key)
            if not data["key_figures"].empty:
                expect(page.get_by_test_id("stMetric").first).to_be_visible()
            else:
                expect(page.get_by_text("Ingen nøkkeltall")).to_be_visible()
            for part, empty_text in (("sick_leave", "Ingen sykefraværstall"), ("tickets", "Ingen saksdata"),
                                     ("budget", "Ingen regnskapstabeller")):
                if data[part].empty:
                    expect(page.get_by_text(empty_text)).to_be_visible()
            sick = data["sick_leave"]
            if len(sick) == 1:  # one value is a metric, not a one-bar chart
                label = f"{sick.iloc[0]['unit_name']} {int(sick.iloc[0]['year'])}"
                expect(page.get_by_test_id("stMetric").filter(has_text=label)).to_have_count(1)
            # a chart per budget unit, one for sick leave per unit (2 or more), one for tickets per month
            charts = (data["budget"]["unit_key"].nunique() if not data["budget"].empty else 0) + \
                (len(sick) > 1) + (not data["tickets"].empty)
            wait_for_charts(page, charts, f"{name}/{row.organisation_key}")
            _shot(page, f"overview-{name}-{row.organisation_key}.png", tmp_path)
    return len(organisations)


def test_overview_page_for_every_organisation_in_the_sample(scripted_app, sample_warehouse, tmp_path):
    assert check_every_overview(scripted_app["url"], sample_warehouse, tmp_path, "sample") >= 2


def test_overview_page_for_every_organisation_in_the_real_corpus(corpus_warehouse, tmp_path):
    env = {"KOMMUNEDATA_FEEDBACK_DB": str(tmp_path / "feedback.duckdb"), "KOMMUNEDATA_LLM_PROVIDER": "none",
           "KOMMUNEDATA_CONVERSATIONS_DIR": str(tmp_path / "conversations")}
    with serve_app(corpus_warehouse, tmp_path / "app.log", env=env) as (url, _):
        assert check_every_overview(url, corpus_warehouse, tmp_path, "corpus") >= 2


def test_review_promotion_badges_the_answer_verified(scripted_app, tmp_path):
    from playwright.sync_api import expect

    question = "sykefravær trend for Stjørdal kommune"
    with browser_page(tmp_path) as page:
        open_chat(page, scripted_app["url"])
        answer = ask(page, question)
        expect(answer).to_contain_text("Planlegger")
        answer.get_by_test_id("stFeedback").locator("button").first.click()  # 👍
        page.get_by_label("Kommentar (valgfritt): hva var feil eller mangler?").fill("Stemmer med side 1")
        page.get_by_role("button", name="Send vurdering").click()
        expect(page.get_by_text("Takk! Vurderingen er lagret")).to_be_visible(timeout=60_000)

        page.get_by_role("link", name="Gjennomgang").click()
        expect(page.get_by_role("heading", name="Gjennomgang", level=1)).to_be_visible(timeout=60_000)
        _wait_until_idle(page)
        name = page.get_by_label("Ditt navn (godkjenner)")
        name.fill("Kari Nordmann")
        name.press("Enter")
        _wait_until_idle(page)
        page.get_by_role("button", name="Godkjenn som verifisert spørring").click()
        expect(page.get_by_text("Lagret som verifisert spørring")).to_be_visible(timeout=60_000)
        _shot(page, "review.png", tmp_path)

        page.get_by_role("link", name="Spør").click()
        expect(page.get_by_role("heading", name="Spør dataene")).to_be_visible(timeout=60_000)
        _wait_until_idle(page)
        again = ask(page, question)
        expect(again).to_contain_text("Verifisert spørring", timeout=60_000)
        _shot(page, "verified.png", tmp_path)
    assert question in scripted_app["verified"].read_text(encoding="utf-8")
    assert "Kari Nordmann" in scripted_app["verified"].read_text(encoding="utf-8")


def test_login_header_is_required_when_configured(sample_warehouse, tmp_path):
    from playwright.sync_api import expect

    env = {"KOMMUNEDATA_FEEDBACK_DB": str(tmp_path / "feedback.duckdb"), "KOMMUNEDATA_LLM_PROVIDER": "none",
           "KOMMUNEDATA_CONVERSATIONS_DIR": str(tmp_path / "conversations")}
    with serve_app(sample_warehouse, tmp_path / "app.log", env=env,
                   args=("--auth-header", "X-Forwarded-User")) as (url, _):
        with browser_page(tmp_path / "anonymous") as page:
            page.goto(url)
            expect(page.get_by_text("Innlogging kreves")).to_be_visible(timeout=90_000)
            assert not page.get_by_test_id("stChatInputTextArea").count()
            _shot(page, "login-required.png", tmp_path)
        with browser_page(tmp_path / "signed-in", headers={"X-Forwarded-User": "kari@kommune.no"}) as page:
            open_chat(page, url)
            expect(page.get_by_text("Innlogget som kari@kommune.no")).to_be_visible()
            _shot(page, "login-ok.png", tmp_path)


def digits(text: str) -> str:
    """A printed number without its spaces and unit: "36 226" and "36\u00a0226" alike."""
    return re.sub(r"[^\d,.\-\u2212]", "", text)


def expect_viewer(page, title: str = "Kilden til tallet"):
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible(timeout=90_000)
    _wait_until_idle(page)


def test_an_overview_figure_opens_its_document_page_with_the_figure_marked(scripted_app, sample_warehouse, tmp_path):
    from playwright.sync_api import expect

    docs = views.data_health(sample_warehouse)["documents"]
    pdfs = set(docs[docs["file_type"] == "pdf"]["file_name"])
    organisations = views.list_organisations(sample_warehouse)["organisation_key"]
    # a sample organisation whose first key figure comes from a PDF
    org, first = next((key, frame[frame["metric_code"] == frame["metric_code"].iloc[0]].sort_values("year").iloc[-1])
                      for key in organisations
                      for frame in [views.organisation_overview(sample_warehouse, key)["key_figures"]]
                      if not frame.empty and frame["metric_code"].iloc[0] in set(frame[frame["file_name"].isin(pdfs)]["metric_code"])
                      and frame[frame["metric_code"] == frame["metric_code"].iloc[0]].sort_values("year").iloc[-1]["file_name"] in pdfs)
    with browser_page(tmp_path) as page:
        page.goto(f"{scripted_app['url']}/oversikt?org={org}")
        metric = page.get_by_test_id("stMetric").first
        expect(metric).to_be_visible(timeout=90_000)
        _wait_until_idle(page)
        shown = metric.get_by_test_id("stMetricValue").inner_text()
        # the link under the first key figure (the first column holding a metric)
        link = page.get_by_test_id("stColumn").filter(has=page.get_by_test_id("stMetric")).first \
            .get_by_test_id("stPageLink")
        expect(link).to_contain_text(f"{first['file_name']} s. {int(first['page'])}")
        _shot(page, "source-overview.png", tmp_path)
        link.click()
        expect_viewer(page)
        assert f"doc={first['document_id']}" in page.url and f"page={int(first['page'])}" in page.url, page.url
        expect(page.get_by_role("heading", name=first["file_name"])).to_be_visible()
        # the viewer's own page line ("Side 1 av 4"); the page image's caption and the page's text may say "Side 1 av" too
        expect(page.get_by_text(re.compile(rf"^Side {int(first['page'])} av \d+$"))).to_be_visible()
        # the page is rendered from the PDF: a picture that loaded
        image = page.get_by_test_id("stImage").locator("img").first
        expect(image).to_be_visible(timeout=60_000)
        page.wait_for_function("img => img.complete && img.naturalWidth > 400", arg=image.element_handle())
        # the figure the overview shows is marked on the page's text, on the line it was read from
        mark = page.locator("[data-testid=source-page-text] mark").first
        expect(mark).to_be_visible()
        assert digits(mark.inner_text()) == digits(shown), (mark.inner_text(), shown)
        expect(page.locator("[data-cited] mark")).to_have_count(1)
        _shot(page, "source-pdf-page.png", tmp_path)


def test_a_months_ticket_count_opens_the_tickets_behind_it(scripted_app, sample_warehouse, tmp_path):
    from playwright.sync_api import expect

    org, months = next((key, frame) for key in views.list_organisations(sample_warehouse)["organisation_key"]
                       for frame in [views.organisation_overview(sample_warehouse, key)["tickets"]] if not frame.empty)
    first = months.iloc[0]
    with browser_page(tmp_path) as page:
        page.goto(f"{scripted_app['url']}/oversikt?org={org}")
        expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=90_000)
        _wait_until_idle(page)
        page.get_by_text("Sakene bak hver måned").click()
        page.get_by_test_id("stPageLink").filter(has_text=first["month"].strftime("%Y-%m")).click()
        expect_viewer(page)
        count = page.get_by_test_id("stMetricValue").first
        expect(count).to_be_visible()
        assert int(digits(count.inner_text())) == int(first["tickets"])
        expect(page.get_by_test_id("stDataFrame")).to_be_visible()
        _shot(page, "source-tickets.png", tmp_path)


def test_a_chat_answers_source_opens_its_page(scripted_app, tmp_path):
    from playwright.sync_api import expect

    with browser_page(tmp_path) as page:
        open_chat(page, scripted_app["url"])
        answer = ask(page, "sykefravær Stjørdal kommune 2020")
        expect(answer).to_contain_text("4,7", timeout=60_000)
        link = answer.get_by_test_id("stPageLink").first
        expect(link).to_contain_text(re.compile(r"\.(txt|md|pdf|docx|html?) s\. \d+$"))
        document = link.inner_text().strip().splitlines()[-1].rsplit(" s. ", 1)[0]  # after the icon's name
        stated = answer.locator("p").filter(has_text=re.compile(r"Stjørdal kommune var")).first.inner_text()
        link.click()
        expect_viewer(page)
        expect(page.get_by_role("heading", name=document)).to_be_visible()
        mark = page.locator("[data-testid=source-page-text] mark").first
        expect(mark).to_be_visible()
        # the number the answer states is the one marked on its source page
        stated_numbers = {digits(n) for n in re.findall(r"\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?", stated)}
        assert digits(mark.inner_text()) in stated_numbers, (mark.inner_text(), stated)
        _shot(page, "source-chat.png", tmp_path)


def test_a_forged_path_in_the_query_string_is_refused(scripted_app, tmp_path):
    from playwright.sync_api import expect

    with browser_page(tmp_path) as page:
        for forged in ("../../../../etc/passwd", "/etc/passwd"):
            page.goto(f"{scripted_app['url']}/kilde?doc={forged}&page=1")
            expect_viewer(page)
            expect(page.get_by_text("Avvist")).to_be_visible()
            assert "root:" not in page.content()
            assert not page.locator("[data-testid=source-page-text]").count()
        _shot(page, "source-refused.png", tmp_path)
