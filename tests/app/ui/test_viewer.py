"""The source viewer page (AppTest) on the sample warehouse: a PDF page and a text page with the figure
marked, the stored lines when the file is gone, a changed file never shown as the source, forged
documents refused, and the ticket rows behind a month's count."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from app.engine import views
from app.ui.source_page import printed_figure
from tests.conftest import ROOT


def html_of(at) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


def images(at) -> list:
    return list(at.get("image"))


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def figure(warehouse, org: str, file_type: str):
    """A key figure of the organisation's overview read from a document of this type."""
    docs = views.data_health(warehouse)["documents"]
    names = set(docs[docs["file_type"] == file_type]["file_name"])
    frame = views.organisation_overview(warehouse, org)["key_figures"]
    return frame[frame["file_name"].isin(names)].iloc[-1]


def open_viewer(make_app, params: dict):
    at = make_app("viewer.py", params={k: str(v) for k, v in params.items()})
    assert not at.exception, at.exception
    return at


def test_a_pdf_figure_opens_its_page_rendered_with_the_figure_marked(app_env, make_app):
    row = figure(app_env, "hedmark-ikt", "pdf")
    printed = printed_figure(row["excerpt"], [row["value"]])
    assert printed
    at = open_viewer(make_app, {"doc": row["document_id"], "page": int(row["page"]), "hl": printed,
                                "line": int(row["line"])})
    assert at.subheader[0].value == row["file_name"]
    assert f"Side {int(row['page'])} av" in texts(at.markdown)
    assert images(at), "no page image"
    page = html_of(at)
    assert f'<div data-line="{int(row["line"])}" data-cited="1"' in page
    assert f">{printed}</mark>" in page.replace("\u00a0", " ")
    assert "er markert" in texts(at.success)
    assert "uendret" in texts(at.caption)


def test_a_text_figure_opens_the_readers_page_by_file_name(app_env, make_app):
    row = figure(app_env, "stjordal", "txt")
    printed = printed_figure(row["excerpt"], [row["value"]])
    at = open_viewer(make_app, {"doc": row["file_name"], "page": int(row["page"]), "hl": printed})
    assert not images(at)  # a text file has no picture
    assert f">{printed}</mark>" in html_of(at)


def test_a_figure_not_on_the_page_is_said_not_found(app_env, make_app):
    row = figure(app_env, "hedmark-ikt", "pdf")
    at = open_viewer(make_app, {"doc": row["document_id"], "page": int(row["page"]), "hl": "987 654 321"})
    assert "Fant ikke «987 654 321»" in texts(at.warning)
    assert "<mark" not in html_of(at)


def _warehouse_with_path(app_env, tmp_path, monkeypatch, file_path: str, document_id: str):
    from tests.app.ui.conftest import _point_app_at

    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(app_env, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute("update raw.documents set file_path = ? where document_id = ?", [file_path, document_id])
    finally:
        con.close()
    _point_app_at(monkeypatch, copy, tmp_path / "feedback.duckdb")
    return copy


def test_a_gone_file_shows_the_lines_the_warehouse_kept(app_env, make_app, tmp_path, monkeypatch):
    row = figure(app_env, "hedmark-ikt", "pdf")
    _warehouse_with_path(app_env, tmp_path, monkeypatch, str(tmp_path / "moved-away.pdf"), row["document_id"])
    printed = printed_figure(row["excerpt"], [row["value"]])
    at = open_viewer(make_app, {"doc": row["document_id"], "page": int(row["page"]), "hl": printed})
    assert "ikke lenger der" in texts(at.warning)
    assert "tok vare på" in texts(at.info)
    assert not images(at)
    assert f">{printed}</mark>" in html_of(at)


def test_a_changed_file_is_never_shown_as_the_source(app_env, make_app, tmp_path, monkeypatch):
    row = figure(app_env, "hedmark-ikt", "pdf")
    edited = tmp_path / row["file_name"]
    edited.write_bytes((ROOT / "data" / "sample" / "reports" / row["file_name"]).read_bytes() + b"\n% edited\n")
    _warehouse_with_path(app_env, tmp_path, monkeypatch, str(edited), row["document_id"])
    at = open_viewer(make_app, {"doc": row["document_id"], "page": int(row["page"])})
    assert "er endret siden den ble lest inn" in texts(at.warning)
    assert not images(at)


@pytest.mark.parametrize("doc", ["../../../../etc/passwd", "/etc/passwd", "..", "data\\sample\\x.pdf"])
def test_a_path_in_the_query_string_is_refused(app_env, make_app, doc):
    at = open_viewer(make_app, {"doc": doc, "page": 1})
    assert "Avvist" in texts(at.error)
    assert not at.get("html") and not images(at)


def test_an_unknown_document_or_page_is_a_clear_message(app_env, make_app):
    at = open_viewer(make_app, {"doc": "passwd", "page": 1})
    assert "har ikke registrert noe dokument «passwd»" in texts(at.error)
    row = figure(app_env, "hedmark-ikt", "pdf")
    at = open_viewer(make_app, {"doc": row["document_id"], "page": 999})
    assert "Ugyldig side «999»" in texts(at.error)


def test_a_months_ticket_count_opens_the_rows_behind_it(app_env, make_app):
    tickets = views.organisation_overview(app_env, "hedmark-ikt")["tickets"]
    month = tickets.iloc[0]
    key = month["month"].strftime("%Y-%m")
    at = open_viewer(make_app, {"org": "hedmark-ikt", "month": key})
    assert at.metric[0].value.replace("\u00a0", " ") == f"{int(month['tickets']):,}".replace(",", " ")
    [table] = at.dataframe
    assert len(table.value) == int(month["tickets"])
    assert table.value["Rad i fila"].notna().all() and (table.value["Rad i fila"] >= 2).all()
    bad = open_viewer(make_app, {"org": "hedmark-ikt", "month": "2021-13"})
    assert "Ugyldig måned" in texts(bad.error)


def test_an_export_file_opens_its_rows(app_env, make_app):
    exports = views.ticket_exports(app_env)
    first = exports.iloc[0]
    name = first["file"].rsplit("/", 1)[-1]
    at = open_viewer(make_app, {"export": name})
    assert at.metric[0].value.replace("\u00a0", " ") == f"{int(first['rows_loaded']):,}".replace(",", " ")
    assert "har ikke lest inn" in texts(open_viewer(make_app, {"export": "../secret.csv"}).error)


def test_a_ticket_answer_links_the_export_files_it_counted(app_env, make_app):
    from urllib.parse import parse_qs

    at = make_app()
    at.chat_input[0].set_value("hvor mange saker i september 2021 per prioritet").run()
    assert not at.exception
    answer = at.chat_message[1]
    links = [(e.proto.label, parse_qs(e.proto.query_string)) for e in answer.get("page_link")]
    loaded = {name.rsplit("/", 1)[-1] for name in views.ticket_exports(app_env)["file"]}
    assert links and all(label in loaded and params == {"export": [label]} for label, params in links), links
