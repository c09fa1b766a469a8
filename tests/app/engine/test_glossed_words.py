"""A metric's word glossed in brackets by the bare head of one of the metric's compound names says the word's general
sense: "turnover (omsättning)" is a company's sales, not staff turnover (whose names hold "personalomsättning"), so the
planner does not read the metric there and a table row «Omsättning» answers. A gloss that is the metric's own name, or
no gloss, keeps the metric. Over the catalog as shipped (its seed), not a copy of it."""
from __future__ import annotations

import pytest

from app.engine.catalog import _merge_dbt_metrics, _with_extra_synonyms, load_metrics
from app.engine.planner import find_metric_spans, glossed_as_general
from app.engine.text import normalise


@pytest.fixture(scope="module")
def metrics():
    return _merge_dbt_metrics(_with_extra_synonyms(load_metrics()))


def _codes(question: str, metrics) -> list[str]:
    text = normalise(question)
    return [c for _, _, c in glossed_as_general(question, find_metric_spans(text, metrics), text, metrics)]


def test_a_general_gloss_drops_the_metric_of_its_kind(metrics):
    question = "What was the company's turnover (omsättning) in 2031?"
    assert "staff_turnover_pct" in [c for _, _, c in find_metric_spans(normalise(question), metrics)]  # read before
    assert "staff_turnover_pct" not in _codes(question, metrics)


@pytest.mark.parametrize("question", [
    "What was the company's turnover in 2031?",               # no gloss: the catalog's word as it stands
    "What was the staff turnover (personalomsättning) in 2031?",  # the metric's own name as the gloss
])
def test_no_gloss_or_the_metrics_own_name_keeps_it(metrics, question):
    assert "staff_turnover_pct" in _codes(question, metrics)
