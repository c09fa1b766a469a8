"""Follow-ups read against the previous answer; a question the previous answer offered stands alone."""
from __future__ import annotations

from app.engine.followup import apply_context

CLARIFY = {"question": "sykefravær per kjønn 2020", "status": "clarify", "suggestions": ["sykefravær 2020"]}


def test_a_reading_picked_from_a_clarify_answer_is_asked_as_it_is():
    # "sykefravær 2020" looks like a follow-up (one word and a year); as an offered reading it is whole,
    # else the breakdown the data lacks would come back with it
    assert apply_context("sykefravær 2020", CLARIFY) == "sykefravær 2020"
    assert apply_context("Sykefravær 2020?", CLARIFY) == "Sykefravær 2020?"


def test_a_short_question_not_offered_still_follows_the_previous_one():
    assert apply_context("og i 2019?", CLARIFY) == "sykefravær per kjønn i 2019"
    assert apply_context("sykefravær 2019", CLARIFY) != "sykefravær 2019"
