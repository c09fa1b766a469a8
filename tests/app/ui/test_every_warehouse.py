"""No traceback reaches a user (issue 15 item 8): every page, and the unit and overview pages for every
unit and organisation, render on every warehouse the tests build — the sample, the seeds and the real
reports of other organisations (AppTest)."""
from __future__ import annotations

import pytest

from app.engine import views

PAGES = ("chat.py", "overview.py", "unit.py", "helpdesk.py", "data.py", "review.py", "settings.py")


@pytest.mark.parametrize("which", ["sample_warehouse", "seed_warehouse", "corpus_warehouse"])
def test_every_page_unit_and_organisation_renders(which, request, feedback_db, monkeypatch, make_app):
    from flows.settings import get_settings
    from tests.app.ui.conftest import _point_app_at

    warehouse = request.getfixturevalue(which)
    _point_app_at(monkeypatch, warehouse, feedback_db)
    get_settings.cache_clear()
    failures = []
    for page in PAGES:
        at = make_app(page)
        if at.exception or at.error:
            failures.append((page, [e.value for e in at.exception], [e.value for e in at.error]))
    units = views.list_units(warehouse)["unit_key"].tolist()
    organisations = views.list_organisations(warehouse)["organisation_key"].tolist()
    assert units and organisations
    for key in units:
        at = make_app("unit.py", params={"unit": key})
        if at.exception:
            failures.append(("unit", key, [e.value for e in at.exception]))
    for key in organisations:
        at = make_app("overview.py", params={"org": key})
        if at.exception:
            failures.append(("overview", key, [e.value for e in at.exception]))
    get_settings.cache_clear()
    assert not failures, failures
