"""Write the bundled sample report documents under data/sample/reports/.

The figures are the ones published in two public annual reports: Stjørdal kommune, Årsrapport 2020
(kommunedirektørens områder) and Hedmark IKT, Årsmelding 2021. Every sentence is the project's own;
only names, labels of account lines and numbers are carried over. The documents keep the layout of
their real counterparts (unit chapter with leader and cost-split key, 1 Organisasjon / 2
Resultatvurdering / 3 Nøkkeltall, accounts tables in 1000 NOK, a § 5-6 statement in whole kroner) so
the report reader meets the same shapes it will meet in real files, including their quirks: the VR
accounts table states no scale, the VARIT table has a row without a label, blank cells where a
municipality had not yet joined, and avvik columns whose sign differs between rows. The printed
figures are copied as published, also where they do not add up (see data/sample/README.md).

Output is deterministic: fixed PDF creation dates and DOCX core properties, and DOCX zip entries
written with a fixed timestamp. The PDFs use the built-in Helvetica with Windows-1252 text so no font
file is needed and æøå, «», – and § round-trip through the text layer.

    python -m flows.samples.reports data/sample/reports
"""
from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos

STJORDAL_PUBLISHED = datetime(2021, 4, 15, 12, 0, tzinfo=timezone.utc)
HEDMARK_PUBLISHED = datetime(2022, 5, 6, 12, 0, tzinfo=timezone.utc)
CREATOR = "kommunedata flows.samples.reports"
# 1980-01-01 is the earliest timestamp a zip entry can hold.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)

Row = Sequence[str]


# --------------------------------------------------------------------------------------------------
# PDF helpers
# --------------------------------------------------------------------------------------------------


class _ReportPdf(FPDF):
    """A4 report with a running header and "Side n av m" footer, core fonts only."""

    def __init__(self, running_left: str, running_right: str, *, title: str, author: str, created: datetime):
        super().__init__(format="A4")
        # Windows-1252 covers æøå, «», –, • and §, and every PDF reader knows its glyphs.
        self.core_fonts_encoding = "windows-1252"
        self.running_left = running_left
        self.running_right = running_right
        self.set_creation_date(created)
        self.set_title(title)
        self.set_author(author)
        self.set_creator(CREATOR)
        self.set_lang("nb-NO")
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages()

    def header(self) -> None:
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        self.cell(self.epw / 2, 4, self.running_left, align="L")
        self.cell(self.epw / 2, 4, self.running_right, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        self.cell(0, 4, f"Side {self.page_no()} av {{nb}}", align="R")
        self.set_text_color(0)

    def title_block(self, title: str, subtitle: str | None = None) -> None:
        self.set_font("Helvetica", "B", 18)
        self.multi_cell(0, 9, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.set_font("Helvetica", "B", 13)
            self.multi_cell(0, 7, subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def heading(self, text: str, level: int = 1) -> None:
        size = {1: 13, 2: 11}[level]
        self.ln(2 if level == 2 else 4)
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def line_text(self, text: str, bold: bool = False) -> None:
        self.set_font("Helvetica", "B" if bold else "", 10)
        self.multi_cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str) -> None:
        self.set_font("Helvetica", "", 10)
        self.multi_cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def bullets(self, items: Sequence[str]) -> None:
        self.set_font("Helvetica", "", 10)
        for item in items:
            self.set_x(self.l_margin + 3)
            self.cell(5, 5, "\u2022")
            self.multi_cell(0, 5, item, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def keep_space(self, height: float) -> None:
        """Start a new page unless `height` mm fit, so a heading stays with its table."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def grid(
        self,
        rows: Sequence[Row],
        widths: Sequence[float],
        align: Sequence[str],
        *,
        font_size: float = 9,
        heading_rows: int = 1,
    ) -> None:
        """A bordered table, one PDF text run per cell, rows drawn top to bottom."""
        self.set_font("Helvetica", "", font_size)
        with self.table(
            col_widths=tuple(widths),
            width=sum(widths),
            align="LEFT",
            text_align=tuple(align),
            num_heading_rows=heading_rows,
            line_height=font_size * 0.5,
            padding=(0.8, 1.2),
        ) as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        self.ln(3)


def _save_pdf(pdf: FPDF, path: Path) -> Path:
    path.write_bytes(bytes(pdf.output()))
    return path


# --------------------------------------------------------------------------------------------------
# Stjørdal kommune, Årsrapport 2020: VR regnskap og lønn (PDF)
# --------------------------------------------------------------------------------------------------

# Thousands of NOK as printed; avvik as printed (its sign convention changes between rows).
VR_ACCOUNTS: list[Row] = [
    ("", "", "Regnskap 2020", "Budsjett 2020", "Avvik", "Regnskap 2019"),
    ("", "LØNN OG SOSIALE UTGIFTER", "14278", "14286", "-8", "13982"),
    ("", "KJØP VARER OG TJENESTER", "4128", "4212", "-84", "4107"),
    ("", "KJØP TJENESTER SOM ERSTATTER KOMM.EGEN", "28", "200", "-172", "0"),
    ("", "OVERFØRINGER", "441", "243", "198", "349"),
    ("", "FINANSUTGIFTER", "1", "0", "1", "11"),
    ("A", "Sum utgifter", "18876", "18941", "-65", "18449"),
    ("", "SALGSINNTEKTER (minus art 1690)", "-2241", "-1700", "541", "-2772"),
    ("", "REFUSJONER (minus art 1750)", "-1052", "-658", "394", "-1161"),
    ("", "FINANSINNTEKTER", "-199", "-125", "74", "-195"),
    ("B", "Sum inntekter", "-3492", "-2483", "1009", "-4128"),
    ("C", "= A-B. Til fordeling på kommunene", "15384", "16458", "1074", "14321"),
    ("", "STJØRDALS ANDEL (art 1621)", "6533", "7228", "-695", "6354"),
    ("", "FROSTA ANDEL (art 1755)", "515", "0", "515", "0"),
    ("", "MALVIK ANDEL (art 1756)", "4412", "4802", "-390", "4227"),
    ("", "SELBUS ANDEL (art 1758)", "2327", "2551", "-224", "2245"),
    ("", "TYDAL ANDEL (art 1759)", "1597", "1877", "-280", "1495"),
    ("D", "Sum utfakturert kommunene", "15384", "16458", "-1074", "14321"),
    ("E", "Totalt", "0", "0", "0", "0"),
]

# Frosta joined on 1 September 2020, so its 2019 cells are blank (not zero).
VR_KEY_FIGURES: list[Row] = [
    ("", "Stjørdal", "Malvik", "Selbu", "Tydal", "Frosta"),
    ("Lønnsoppgaver 2020", "3 857", "2 111", "835", "289", "521"),
    ("Lønnsoppgaver 2019", "3 919", "2 192", "900", "329", ""),
    ("Inngående faktura 2020", "40 244", "19 032", "9 458", "4 987", "5 016"),
    ("Inngående faktura 2019", "40 459", "20 183", "10 245", "5 554", ""),
    ("Utgående faktura 2020", "44 799", "34 700", "12 212", "6 517", "8 501"),
    ("Utgående faktura 2019", "44 353", "31 385", "10 736", "4 488", ""),
    ("Inngående El-faktura i % av skannede faktura 2020", "90,0 %", "89,5 %", "89,0 %", "88,6 %", "82,8 %"),
    ("Inngående El-faktura i % av skannede faktura 2019", "87,3 %", "85,3 %", "84,5 %", "85,4 %", ""),
]


def write_vr_regnskap_og_lonn(path: Path) -> Path:
    pdf = _ReportPdf(
        "Stjørdal kommune",
        "Årsrapport 2020",
        title="Årsrapport 2020 – VR regnskap og lønn",
        author="Stjørdal kommune (eksempeldokument fra kommunedata)",
        created=STJORDAL_PUBLISHED,
    )
    pdf.add_page()
    pdf.title_block("Årsrapport 2020", "VR regnskap og lønn")
    pdf.line_text("Leder: Ketil Aas")
    pdf.ln(3)
    pdf.line_text("Begivenheter:", bold=True)
    pdf.bullets(
        [
            "Frosta kommune kom inn i samarbeidet fra 01.09.20.",
            "Enheten har sittet i prosjektgruppen for ERP-anskaffelsen.",
            "Første årsoppgjør etter ny kommunelov fra 2020.",
        ]
    )
    pdf.line_text("Fordelingsnøkkel:", bold=True)
    pdf.line_text("Regnskap/fakturering: 29,8 % fast og 70,2 % variabel etter utgående faktura")
    pdf.line_text("Fakturabehandling: 23,3 % fast og 76,7 % variabel etter inngående faktura")
    pdf.line_text("Lønn: 25,2 % fast og 74,8 % variabel etter lønnsoppgaver")

    pdf.heading("1 Organisasjon")
    pdf.heading("1.1 Bemanning", level=2)
    pdf.paragraph(
        "Lønn, regnskap og innkjøp i Værnesregionen ble samlet i én enhet i 2013. VR innkjøp lager "
        "likevel sin egen årsrapport, og tallene her gjelder bare regnskap og lønn. Ved utgangen av "
        "2020 hadde enheten 24 ansatte, leder medregnet, og til sammen 22,7 årsverk. Økningen henger "
        "sammen med at Frosta ble med i samarbeidet fra 1. september 2020. Få har sluttet, og "
        "bemanningen er stabil."
    )
    pdf.heading("1.2 Sykefravær", level=2)
    pdf.paragraph("Totalt 2,5 %.")

    pdf.heading("2 Resultatvurdering")
    pdf.paragraph(
        "Enheten går ut av 2020 med et mindreforbruk på kr 1.074.000,-. Stillinger som sto ledige "
        "deler av året, nye inntekter etter at Frosta kom inn, lavere utgifter enn budsjettert på "
        "flere driftsposter og høyere inntekter fra egen inkassovirksomhet forklarer det meste. "
        "Fra 2012 har kostnadene steget med omtrent 16 %, noe som viser at tjenesten er blitt "
        "levert stadig mer effektivt."
    )
    pdf.keep_space(115)
    pdf.heading("2.1 Regnskap", level=2)
    pdf.grid(VR_ACCOUNTS, widths=(8, 66, 27, 27, 23, 27), align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"))

    pdf.heading("2.2 Fagområder/Aktivitet", level=2)
    pdf.paragraph(
        "Enheten fører lønn og regnskap for fem kommuner. Den har også lønns- og regnskapsoppdrag for "
        "FIDES IKS, Selbu Næringsselskap, IKA Trøndelag, seks menighetsråd/sokn og fire fellesråd/sokn. "
        "Mange oppgaver er "
        "faste rutiner, men stadig mer av tiden går med til råd, veiledning og opplæring av ledere og "
        "ansatte i kommunene. Arbeidsprosessene digitaliseres fortløpende, og enheten har en sentral "
        "rolle i Værnesregionens ERP-anbud, som kommer på toppen av den ordinære driften."
    )
    pdf.paragraph(
        "Når en ny kommune kommer inn, må både enheten og kommunen legge om rutiner. Like "
        "arbeidsprosesser i alle kommunene er en forutsetning for lik pris og like tjenester."
    )

    pdf.keep_space(80)
    pdf.heading("3 Nøkkeltall")
    pdf.grid(VR_KEY_FIGURES, widths=(76, 22, 22, 20, 19, 19), align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"))

    pdf.heading("4 Måloppnåelse og utfordringer")
    pdf.paragraph(
        "Kommunene i samarbeidet er ulike i størrelse og organisering, og det krever gode rutiner både "
        "i enheten og hos kundene. Som siste ledd i mange prosesser er enheten avhengig av å få "
        "underlag fra kommuner og selskaper i god tid før fristene. Årsoppgjøret er den tyngste "
        "perioden, med mye overtid og lange dager; fra 2021 er fristen en uke lengre. Den største "
        "utfordringen nå er brukeradministrasjon og organisasjonsstruktur i systemene, som får større "
        "betydning jo mer som digitaliseres. Ny ERP-løsning skal gi bedre støtte her. Ny kommunelov "
        "har dessuten gitt flere oppgaver ved regnskapsavslutningen, første gang for regnskapsåret 2020."
    )
    return _save_pdf(pdf, path)


# --------------------------------------------------------------------------------------------------
# Stjørdal kommune, Årsrapport 2020: VARIT (DOCX)
# --------------------------------------------------------------------------------------------------

VARIT_COST_SPLIT: list[Row] = [
    ("År", "Stjørdal", "Selbu", "Meråker", "Frosta", "Tydal"),
    ("2019", "18 693", "5 725", "4 672", "4 842", "3 535"),
    ("2020", "20 115", "6 009", "4 892", "5 047", "3 705"),
]

# Thousands of NOK as printed. The published table does not add up everywhere (A for 2019, a few
# avvik cells); the figures are kept as published. Row D has no label in the original.
VARIT_ACCOUNTS: list[Row] = [
    ("", "", "Regnskap 2020", "Budsjett 2020", "Avvik", "Regnskap 2019"),
    ("", "Lønn og sosiale utgifter", "16 194", "17 122", "928", "15 945"),
    ("", "Kjøp av varer og tjenester", "25 064", "24 947", "-116", "23 767"),
    ("", "Kjøp av tjenester som erstatter kommunens egne", "3", "0", "-3", "0"),
    ("", "Overføringer", "5 335", "5 550", "215", "5 122"),
    ("", "Finansutgifter", "4 972", "0", "-4 989", "5 499"),
    ("A", "Sum utgifter", "51 568", "47 619", "-3 965", "42 048"),
    ("", "Salgsinntekter (minus art 1690 og 1696)", "-890", "-368", "1 108", "-3 846"),
    ("", "Refusjoner (minus art 1755 til 1759)", "-9 510", "-5 750", "3 760", "-6 622"),
    ("", "Overføringer", "-1 400", "-300", "1 100", "-2 400"),
    ("", "Finansinntekter", "0", "0", "0", "0"),
    ("B", "Sum inntekter", "-11 800", "-6 418", "5 968", "-12 865"),
    ("C", "A-B Til fordeling på kommunene", "39 768", "41 201", "1 433", "37 467"),
    ("", "Stjørdals andel (art 1621)", "-20 115", "-20 571", "-715", "-18 693"),
    ("", "Selbus andel (art 1758)", "-6 009", "-6 303", "-219", "-5 725"),
    ("", "Meråkers andel (art 1757)", "-4 892", "-5 119", "-178", "-4 672"),
    ("", "Frostas andel (art 1755)", "-5 047", "-5 262", "-183", "-4 842"),
    ("", "Tydals andel (art 1759)", "-3 705", "-3 947", "-137", "-3 535"),
    ("D", "", "-39 768", "-41 201", "-1 433", "-37 467"),
    ("E", "TOTALT", "0", "0", "0", "0"),
]

VARIT_INVESTMENT: list[Row] = [
    ("", "Regnskap 2019", "Regnskap 2020", "Budsjett 2020", "Avvik"),
    ("IT Investeringer", "5 687", "4 572", "6 100", "1 528"),
]

VARIT_INVESTMENT_SPLIT: list[Row] = [
    ("", "Regnskap 2019", "Regnskap 2020", "Budsjett 2020"),
    ("Stjørdal", "2 839", "2 189", "3 045"),
    ("Selbu", "870", "746", "933"),
    ("Frosta", "726", "617", "779"),
    ("Meråker", "707", "600", "758"),
    ("Tydal", "545", "420", "584"),
    ("Total", "5 687", "4 572", "6 100"),
]

VARIT_KEY_FIGURES: list[Row] = [
    ("Nøkkeltall", "2017", "2018", "2019", "2020"),
    ("Antall henvendelser på IT-hjelpa", "4 071", "4 246", "4 086", "5 655"),
    ("Antall telefonhenvendelser", "8 196", "9 240", "8 521", "8 683"),
]


def _docx_table(doc, rows: Sequence[Row], numeric_from: int) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            cell.text = text
            paragraph = cell.paragraphs[0]
            if c >= numeric_from:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True


def _save_docx_deterministic(doc, path: Path) -> Path:
    """Save with every zip entry stamped ZIP_TIMESTAMP (python-docx stamps the current time)."""
    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    path.write_bytes(out.getvalue())
    return path


def write_varit(path: Path) -> Path:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    props = doc.core_properties
    props.title = "Årsrapport 2020 – VARIT"
    props.author = "Stjørdal kommune (eksempeldokument fra kommunedata)"
    props.last_modified_by = CREATOR
    props.comments = "Tekst skrevet av kommunedata; tallene er hentet fra den offentlige årsrapporten."
    props.language = "nb-NO"
    props.revision = 1
    props.created = STJORDAL_PUBLISHED.replace(tzinfo=None)
    props.modified = STJORDAL_PUBLISHED.replace(tzinfo=None)

    doc.add_paragraph("Stjørdal kommune")
    doc.add_heading("Årsrapport 2020", level=0)
    doc.add_heading("VARIT", level=1)
    doc.add_paragraph("Leder: Elin Wikmark Darell")
    doc.add_paragraph("Begivenheter:")
    for item in (
        "Covid-19 ga et kraftig løft for digitale og fleksible arbeidsformer",
        "Datasikkerhet og forvaltning av data fikk mer oppmerksomhet og ble styrket",
        "Positivt resultat",
    ):
        doc.add_paragraph(item, style="List Bullet")
    doc.add_paragraph("Fordelingsnøkkel: 41 % flatt og 59 % etter innbyggertall")
    doc.add_paragraph("Fordeling på kommunene (beløp i 1 000 kroner):")
    _docx_table(doc, VARIT_COST_SPLIT, numeric_from=1)

    doc.add_heading("1 Organisasjon", level=1)
    doc.add_heading("1.1 Bemanning", level=2)
    doc.add_paragraph(
        "Værnesregionen IT (VARIT) har 18,25 årsverk, personvernombudet medregnet, og i tillegg 3 lærlinger. Enheten "
        "drifter, sikrer og videreutvikler alle datasystemer og nettverk for Stjørdal, Selbu, Meråker, "
        "Tydal og Frosta, og har det tekniske ansvaret for Værnes Respons, som nå betjener 11 kommuner. "
        "Bemanningen har vært stabil, fagmiljøet er sterkt og arbeidsmiljøet godt."
    )
    doc.add_heading("1.2 Sykefravær", level=2)
    doc.add_paragraph(
        "Enheten har hatt lite fravær i 2020, og fraværet som har vært, har ikke hatt sammenheng med "
        "arbeidet eller arbeidsplassen."
    )

    doc.add_heading("2 Resultatvurdering", level=1)
    doc.add_paragraph(
        "VARIT har et positivt resultat på kr 1,4 mill for 2020. Den tekniske ressursen i Værnes "
        "Respons hører til VARIT, men rapporteres nå sammen med svartjenesten fordi den rapporten skal "
        "dekke flere kommuner enn Værnesregionen. Regnes den med, er det samlede overskuddet i VARIT "
        "1,8 mill. Resultatet kommer av stram økonomistyring, en stilling som sto ledig en periode og "
        "prosjektmidler fra eksterne kilder."
    )
    doc.add_heading("2.1 Regnskap", level=2)
    doc.add_paragraph("Beløp i 1 000 kroner")
    _docx_table(doc, VARIT_ACCOUNTS, numeric_from=2)

    doc.add_paragraph("Investering:")
    doc.add_paragraph("Investeringsregnskapet (fordeling 59 % etter innbyggertall, 41 % flatt), beløp i 1 000 kroner")
    _docx_table(doc, VARIT_INVESTMENT, numeric_from=1)
    doc.add_paragraph(
        "Investeringene ble kr 1 528 000 lavere enn budsjettert. Anbud og planlagte anskaffelser ble "
        "skjøvet på, blant annet på grunn av covid-19."
    )
    doc.add_paragraph("Investeringer fordelt på kommunene, beløp i 1 000 kroner")
    _docx_table(doc, VARIT_INVESTMENT_SPLIT, numeric_from=1)

    doc.add_heading("2.2 Fagområder/Aktivitet", level=2)
    doc.add_paragraph(
        "Aktiviteten har vært svært høy, og kommunene tar stadig i bruk nye digitale verktøy som lar "
        "dem arbeide smartere."
    )
    doc.add_paragraph("Covid-19", style="Heading 3")
    doc.add_paragraph(
        "Da landet stengte ned i mars, måtte hjemmekontor, fjernundervisning og digitale konsultasjoner "
        "i helsetjenesten komme på plass nesten over natten. VARIT la om arbeidet raskt og jobbet til "
        "alle døgnets tider for at kommunene skulle holde driften i gang. I tillegg gikk det mye "
        "innsats med til å rigge luftveispoliklinikker i kommunene og IT-utstyr på Trondheim lufthavn "
        "Værnes og ved grensen mot Sverige. Uten stabile systemer og nett ville kommunene ikke klart "
        "dette digitale spranget."
    )
    doc.add_paragraph("Datasikkerhet", style="Heading 3")
    doc.add_paragraph(
        "Trusselbildet og kravene øker, og enheten har prioritert datasikkerhet og personvern. Etter en "
        "planlagt sikkerhetsøvelse ble flerfaktorpålogging slått på for skytjenestene og FEIDE. Ny "
        "brannmur er satt i drift, og skytjenestene har fått ny løsning for sikkerhetskopi."
    )
    doc.add_paragraph("Helse", style="Heading 3")
    doc.add_paragraph(
        "Værnes Respons har fått fem nye kommuner og består nå av 11. VARIT har satt i gang "
        "avstandsoppfølging av covid-19-pasienter, sikker videokonsultasjon via Norsk Helsenett og "
        "Teams, og har planlagt pasientvarsling og teknisk infrastruktur for Selbu sykehjem og "
        "Frostatunet. Enheten koordinerer også Trøndelagsløftet for velferdsteknologi og KS eKomp for "
        "innføring av nasjonale e-helseløsninger."
    )
    doc.add_paragraph("Øvrig aktivitet", style="Heading 3")
    for item in (
        "Store anbud for ERP og IT-støtte til saksbehandling",
        "Nytt datarom på Frosta",
        "Bistand i planleggingen av Helsehuset i Stjørdal og den nye ungdomsskolen i Selbu",
        "Robotisering og automatisering av flere arkivprosesser",
        "Daglig drift",
    ):
        doc.add_paragraph(item, style="List Bullet")

    doc.add_heading("3 Nøkkeltall", level=1)
    _docx_table(doc, VARIT_KEY_FIGURES, numeric_from=1)

    doc.add_heading("4 Måloppnåelse og utfordringer", level=1)
    doc.add_paragraph("Utfordringer:")
    for item in (
        "Verne informasjon og personopplysninger mot interne feil og ytre trusler",
        "Gjenbruke data gjennom samordning, standarder og integrasjoner mellom systemer",
        "Ha nok folk med rett kompetanse til en voksende og mer sammensatt digitaliseringsportefølje",
        "Holde styring på et stort antall prosjekter",
    ):
        doc.add_paragraph(item, style="List Bullet")
    doc.add_paragraph("Mål for 2021:")
    for item in (
        "Fullføre anbudene for ERP og IT-støtte til saksbehandling",
        "Utrede om kommunene skal slutte seg til Helseplattformen",
        "Innføre flerfaktorpålogging på flere løsninger",
        "Etablere sikkerhetskopi utenfor eget nett som inntrengere ikke kan nå",
        "Automatisere flere arbeidsprosesser",
    ):
        doc.add_paragraph(item, style="List Bullet")
    return _save_docx_deterministic(doc, path)


# --------------------------------------------------------------------------------------------------
# Stjørdal kommune, Årsrapport 2020: Økonomi (Markdown)
# --------------------------------------------------------------------------------------------------

OKONOMI_MD = """\
Stjørdal kommune

# Årsrapport 2020

## Økonomi

Leder: Roar Størset

Begivenheter:

- Positivt resultat
- Kostnadene holdt under kontroll i et krevende år
- Arbeidet med nytt økonomisystem er startet

## 1 Organisasjon

### 1.1 Bemanning

Økonomienheten har 6 faste ansatte, alle i hele stillinger, til sammen 6 årsverk. Enheten ble
mindre fra 2018 til 2019 fordi innkjøpscontrolleren ble flyttet til innkjøpsenheten.

### 1.2 Sykefravær

Sykefraværet i økonomienheten var 2,7 % i 2020, høyere enn i 2018 og 2019. Økningen skyldes ett
langtidsfravær.

## 2 Resultatvurdering

### 2.1 Regnskap

Enheten har et underforbruk på 0,8 mill. Utgiftene til selve økonomienheten og kommunens andel av
VR-samarbeidene for innkjøp, lønn/regnskap og skatt ble lavere enn budsjettert, fordi mer ble fakturert ut og fordi
stillinger sto ledige.

I 2020 brukte enheten mye tid på å holde oversikt over hva pandemien kostet kommunen. Oversikten
ble grunnlaget for kostnadsdekning og statlige midler via statsforvalteren. Enheten har ellers
prioritert økonomirapporter som er enkle å lese, både internt og for politikerne, og har bidratt til
økonomiplanen, strateginotatet, perioderapportene, årsrapportene og årsmeldingen. Innsparingstiltakene ble
utformet allerede i strategiprosessen våren 2020, og for første gang ble det lagt fram et eget
klimabudsjett for 2021.

Rentene falt brått da pandemien kom. Kommunen inngikk ny bankavtale med Danske Bank som hovedbank
fra 1. oktober, og gjeldsporteføljen har fått mer oppfølging. Også i 2020 ble det tatt opp grønne
lån i Kommunalbanken, denne gangen til Hegra barneskole. Kraftfondet (utbytte fra NTE) forvaltes
etter eget mandat og i størst mulig grad etter investeringsstrategien til oljefondet. Fondet ga om
lag 10 % avkastning i 2020 og er nå på rundt 21 mill.

### 2.2 Fagområder

Enheten har ansvar for kommunens økonomi- og finansforvaltning: budsjett og økonomiplan,
årsrapporter, finansforvaltning, innkjøpspolitikk og reglement og utredninger på økonomiområdet.
Den følger også opp økonomistyringen i enhetene med budsjettkontroll og tertialrapporter.

Controllerne støtter etatene og enhetene i spørsmål om økonomi og budsjett, lager analyser og
prognoser og gir råd. De har også oppgaver for Værnesregionen, der Stjørdal er vertskommune:
budsjett, tertialrapporter, utfakturering og avregning. VR regnskap og lønn og VR innkjøp ligger i
linjen i Stjørdal og rapporterer til økonomisjefen; de har egne årsrapporter. Frosta ble med i
regnskapssamarbeidet fra 1. september 2020.

## 3 KOSTRA

Netto driftsutgifter til administrasjon og styring i kr pr innbygger:

| År | Stjørdal | Malvik | Levanger | KOSTRA-gruppe 13 | Trøndelag |
|------|---------:|-------:|---------:|-----------------:|----------:|
| 2020 | 3 884 | 4 859 | 4 213 | 4 385 | 4 820 |
| 2019 | 3 692 | 5 055 | 3 932 | 4 147 | 5 365 |
| 2018 | 4 577 | 3 739 | 5 264 | 4 083 | 5 166 |

KOSTRA-gruppe 13 og Trøndelag er gjennomsnitt for gruppen og fylket.

Stjørdal bruker litt mer per innbygger på administrasjon og styring i 2020 enn i 2019, men ligger
fortsatt godt under både KOSTRA-gruppe 13 og snittet for Trøndelag. Posten varierer en del fra år
til år. I 2018 ble variabel lønn ført for 13 måneder, så 2018 kan ikke sammenlignes direkte med
2019 og 2020.
"""


# --------------------------------------------------------------------------------------------------
# Stjørdal kommune, Årsrapport 2020: kommunedirektørens områder (plain text)
# --------------------------------------------------------------------------------------------------

KOMMUNEDIREKTOR_TXT = """\
Stjørdal kommune
Årsrapport 2020 – Kommunedirektørens områder

1 Organisasjon

1.1 Bemanning
Kapitlet dekker disse områdene:

• Kommunedirektør
   o KDs ressursteam, med VR administrativ ressurs
• Økonomienheten
   o Controllere
   o VR innkjøp
   o VR lønn/regnskap
• HR- og innovasjonsenheten
   o HR-enheten
   o Merkantil ressurs
   o Kommunikasjon/servicetorg
   o Dokumentasjonssenter
   o VARIT
   o Tillitsvalgte og hovedverneombud

Områdene hadde 81,3 årsverk i 2020 mot 77,4 årsverk i 2019. Det meste av økningen kommer av at
Frosta ble med i VR lønn/regnskap (2,2 årsverk mer), og av at innkjøp i fjor hadde ett årsverk
ledig.

1.2 Sykefravær
Det samlede sykefraværet var 4,7 % i 2020, litt lavere enn 5,0 % i 2019. Hver enhetsleder følger
opp fraværet i sin enhet; tallene per enhet står i enhetenes egne rapporter.

1.3 Heltid/deltid
De 81,3 årsverkene var i 2020 fordelt på 86 ansatte, så få arbeider deltid. Når en stilling blir
ledig, vurderes det om deltidsansatte kan få større stilling. Det lar seg ikke alltid gjøre, fordi
stillingen krever særskilt kompetanse, eller fordi den ansatte selv ønsker å jobbe deltid, for
eksempel av helsegrunner som ikke har med jobben å gjøre. Arbeidet med større stillinger fortsetter
i 2021.

2 Resultatvurdering

2.1 Regnskap
Områdene har samlet et mindreforbruk på 0,75 mill. Så å si alle VR-samarbeidene i dette kapitlet,
det vil si IT, innkjøp, lønn/regnskap, skatt og administrativ ressurs, brukte mindre enn budsjettert. Bare
skatt gikk med merforbruk, fordi overføringen av skatteoppkreveren til staten ble utsatt noen
måneder. Mindreforbruket i VR-samarbeidene skyldes ledige stillinger, eksterne prosjektmidler som
ikke var kjent da budsjettet ble laget, god økonomistyring og, for lønn/regnskap, at en ny kommune
ble med underveis i året. Innkjøp har dessuten tjent mer enn budsjettert fordi enheten har
gjennomført anbud for flere enn eierkommunene.

Kommunedirektørens egne områder har et merforbruk på 0,8 mill. Ny kommunedirektør tiltrådte i juni
2020. Rekrutteringen og en brukerundersøkelse var ikke budsjettert og kostet til sammen 0,4 mill.
En julegave til alle ansatte i kommunen kostet ytterligere 0,4 mill.

Økonomi har et mindreforbruk på om lag 0,8 mill, i hovedsak fra VR-samarbeidene innkjøp og
lønn/regnskap. Enheten hadde også engangsinntekter ut over budsjett, og pandemien gjorde at noen
poster ble lavere enn planlagt.

HR- og innovasjonsenheten har samlet et mindreforbruk på 0,6 mill, som for det meste kommer fra
Stjørdals andel av VARIT. HR-enheten og kommunikasjon er bemannet ned de siste årene for å nå
budsjettkravene. Det har gitt de ansatte der en tung arbeidsbelastning, særlig mens pandemien
krevde ekstra innsats.

Overhead ble en egen budsjettpost fra 2019. Den dekker indirekte kostnader vertskommunen har for
områdene i Værnesregionen og faktureres ut til dem, og Stjørdal får selv det meste tilbake.
Overheadinntektene i 2020 var 0,2 mill høyere enn budsjettert.
"""


# --------------------------------------------------------------------------------------------------
# Hedmark IKT, Årsmelding 2021 (PDF)
# --------------------------------------------------------------------------------------------------

HIKT_CASES_PER_QUARTER: list[Row] = [
    ("Saksmengde pr kvartal", "Q1", "Q2", "Q3", "Q4", "Sum"),
    ("2015", "8 483", "7 343", "7 210", "7 635", "30 671"),
    ("2016", "8 596", "8 341", "8 718", "8 414", "34 069"),
    ("2017", "9 469", "7 522", "7 851", "7 929", "32 771"),
    ("2018", "10 096", "8 547", "9 915", "9 014", "37 572"),
    ("2019", "9 372", "7 071", "7 727", "7 402", "31 572"),
    ("2020", "10 709", "8 509", "9 558", "9 186", "37 962"),
    ("GJENNOMSNITT 2015-2020", "9 454", "7 889", "8 497", "8 263", "34 103"),
    ("2021", "10 859", "9 086", "8 388", "7 893", "36 226"),
    ("Endring 2021 ift. 2020 (%)", "1,38", "6,35", "-13,95", "-16,38", "-4,79"),
    ("Endring 2021 ift. gj.snitt 2015-2020 (%)", "12,94", "13,18", "-1,29", "-4,69", "5,86"),
]

HIKT_SLA: list[Row] = [
    ("Måleparameter", "Måltall", "Resultat 2021", "Merknad"),
    (
        "Oppetid",
        "99,80 %",
        "99,81 %",
        "Målt som tilgang til helsesystemene (Gerica og Profil) på helselokasjonene.",
    ),
    (
        "Responstid brukerstøtte",
        "70 % besvart innen 1 minutt",
        "59,70 %",
        "Sterk vekst i antall saker uten tilsvarende økning i kapasitet.",
    ),
    ("Responstid brukerstøtte", "85 % besvart innen 3 minutter", "70,10 %", ""),
    (
        "Leveransetid brukerutstyr",
        "Levert innen 21 dager",
        "26,55 % over 21 dager",
        "PC-leverandøren hadde for lite leveransekapasitet under pandemien.",
    ),
    (
        "Nye brukeropprettinger",
        "Levert innen 3 dager",
        "2,03 % over 3 dager",
        "Mange nye brukere, mens kapasiteten i driften var uendret.",
    ),
]

HIKT_STAFF: list[Row] = [
    ("", "Antall ansatte", "Antall lærlinger", "Tilgjengelige årsverk"),
    ("31.12.2019", "40 (39 + 1 midlert. engasjement)", "3", "42,8"),
    ("31.12.2020", "43 (42 + 1 midlert. engasjement)", "3", "45,3"),
    ("31.12.2021", "42 (40 + 2 midlert. engasjement)", "3", "45,0"),
]

HIKT_SICK_LEAVE_Q4: list[Row] = [
    (
        "",
        "Mulige dagsverk",
        "Egenmeldte dager",
        "Egenmeldt %",
        "Sykemeldte dager",
        "Sykemeldt %",
        "Egenmeldt og sykemeldt dager",
        "Egenmeldt og sykemeldt %",
    ),
    ("Kvinner", "2818", "42", "1,49 %", "159", "5,64 %", "201", "7,13 %"),
    ("Menn", "7382", "34", "0,46 %", "108", "1,46 %", "142", "1,92 %"),
    ("Totalt", "10200", "76", "0,75 %", "267", "2,62 %", "343", "3,36 %"),
]

# § 5-6 in whole kroner with decimals; budgets printed without decimals, as in the statement.
HIKT_5_6: list[Row] = [
    ("Tall i 1 kroner", "Note", "Regnskap 2021", "Reg. budsj. 2021", "Oppr. budsj. 2021", "Regnskap 2020"),
    ("Driftsinntekter", "", "", "", "", ""),
    ("Rammetilskudd", "", "0,00", "0", "0", "0,00"),
    ("Inntekts- og formuesskatt", "", "0,00", "0", "0", "0,00"),
    ("Eiendomsskatt", "", "0,00", "0", "0", "0,00"),
    ("Andre skatteinntekter", "", "0,00", "0", "0", "0,00"),
    ("Andre overføringer og tilskudd fra staten", "", "-154 080,00", "0", "0", "0,00"),
    ("Overføringer og tilskudd fra andre", "", "-148 608 752,61", "-120 308 582", "-120 308 582", "-128 014 190,96"),
    ("Brukerbetalinger", "", "0,00", "0", "0", "0,00"),
    ("Salgs- og leieinntekter", "", "-8 084 658,16", "-3 650 000", "-3 650 000", "-8 194 409,42"),
    ("Sum driftsinntekter", "1", "-156 847 490,77", "-123 958 582", "-123 958 582", "-136 208 600,38"),
    ("Driftsutgifter", "", "", "", "", ""),
    ("Lønnsutgifter", "", "30 101 367,75", "34 653 132", "34 653 132", "29 868 562,15"),
    ("Sosiale utgifter", "", "7 135 470,74", "8 418 728", "8 418 728", "6 722 648,14"),
    ("Kjøp av varer og tjenester", "", "90 646 848,07", "61 149 379", "60 549 379", "75 194 428,50"),
    ("Overføringer og tilskudd til andre", "", "22 406 330,48", "15 237 343", "15 237 343", "19 790 412,93"),
    ("Avskrivninger", "", "3 595 542,16", "3 800 000", "3 800 000", "3 979 923,48"),
    ("Sum driftsutgifter", "1", "153 885 559,20", "123 258 582", "122 658 582", "135 555 975,20"),
    ("Brutto driftsresultat", "", "-2 961 931,57", "-700 000", "-1 300 000", "-652 625,18"),
    ("Finansinntekter/Finansutgifter", "", "", "", "", ""),
    ("Renteinntekter", "", "-103 235,00", "-100 000", "-100 000", "-172 039,00"),
    ("Utbytter", "", "-5 067,00", "0", "0", "-4 734,00"),
    ("Gevinster og tap på finansielle omløpsmidler", "", "0,00", "0", "0", "0,00"),
    ("Renteutgifter", "", "45 864,83", "200 000", "200 000", "16 204,42"),
    ("Avdrag på lån", "", "0,00", "0", "0", "0,00"),
    ("Netto finansutgifter", "1", "-62 437,17", "100 000", "100 000", "-160 568,58"),
    ("Motpost avskrivninger", "", "-3 595 542,16", "-3 800 000", "-3 800 000", "-3 979 923,48"),
    ("Netto driftsresultat", "", "-6 619 910,90", "-4 400 000", "-5 000 000", "-4 793 117,24"),
    ("Disponering eller dekning av netto driftsresultat:", "", "", "", "", ""),
    ("Overføring til investering", "", "4 357 968,40", "4 500 000", "4 500 000", "4 163 534,32"),
    ("Netto avsetninger til eller bruk av bundne driftsfond", "", "0,00", "0", "0", "0,00"),
    ("Netto avsetninger til eller bruk av disposisjonsfond *", "", "2 261 942,50", "-100 000", "500 000", "1 421 663,82"),
    ("Dekning av tidligere års merforbruk", "", "0,00", "0", "0", "-792 080,90"),
    ("Sum disponeringer eller dekning av netto driftsresultat", "1", "6 619 910,90", "4 400 000", "5 000 000", "4 793 117,24"),
    ("Fremført til inndekning i senere år (merforbruk)", "", "0,00", "0", "0", "0,00"),
]


def write_hedmark_ikt(path: Path) -> Path:
    pdf = _ReportPdf(
        "Hedmark IKT",
        "Årsmelding 2021",
        title="Hedmark IKT – Årsmelding 2021",
        author="Hedmark IKT (eksempeldokument fra kommunedata)",
        created=HEDMARK_PUBLISHED,
    )
    pdf.add_page()
    pdf.title_block("Hedmark IKT", "Årsmelding 2021")

    pdf.heading("Om virksomheten")
    pdf.paragraph(
        "Hedmark IKT leverer IT-tjenester og digitale løsninger til eierkommunene og andre offentlige "
        "kunder. Etter vedtektene har selskapet ansvaret for drift, brukerstøtte, forvaltning og "
        "utvikling av eiernes informasjons- og kommunikasjonsteknologi, og det inngår og følger opp "
        "avtaler med leverandører på området. Tjenestene skal kunne måle seg med markedet på pris og "
        "kvalitet."
    )
    pdf.heading("2021 kort fortalt")
    pdf.paragraph(
        "Året delte seg i to. Det høye saksvolumet som kom med pandemien våren 2020, holdt seg fram "
        "til sommeren 2021. Fra høsten var saksmengden igjen omtrent som i et normalår. Driften hadde "
        "ingen alvorlige avvik, og også denne gangen gikk de travle ukene rundt skolestart uten "
        "tekniske problemer. Selskapet har styrket robustheten og sikkerheten i grunnleggende "
        "driftsløsninger, fordi trusselbildet skjerpes og eierne blir stadig mer avhengige av IT."
    )
    pdf.paragraph(
        "I juni 2021 ble eierne enige om en felles strategisk ambisjon for Hedmark IKT og "
        "HIKT-samarbeidet fram mot 2025. Selskapet må også få ny organisasjonsform innen våren 2023, "
        "fordi ny kommunelov ikke viderefører samarbeidsformen etter § 27 i den gamle loven. De fleste "
        "ansatte har arbeidet hjemmefra store deler av året. Sykefraværet i fjerde kvartal var høyere "
        "enn i samme kvartal tidligere år."
    )

    pdf.heading("Driftsbildet i 2021")
    pdf.paragraph(
        "Saksvolumet følger kundenes årshjul, med mest aktivitet fra skolestart i august og ut året. "
        "I en vanlig driftsuke registreres rundt 700 saker, eller om lag 150 per virkedag. Om lag "
        "22.000 aktive brukere bruker selskapets løsninger, og tallet er stabilt. Fordelt på kvartal "
        "ser saksmengden slik ut:"
    )
    pdf.grid(
        HIKT_CASES_PER_QUARTER,
        widths=(64, 22, 22, 22, 22, 26),
        align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
    )
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(
        0,
        4,
        "Saker registrert i sakssystemet per kvartal 2015-2021, både henvendelser fra brukere og "
        "rutinemessige driftsoppgaver.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(2)
    pdf.paragraph(
        "For året under ett lå saksvolumet 4,79 % under 2020, men 5,86 % over snittet for de seks "
        "foregående årene. Første halvår var svært travelt, andre halvår langt mer normalt."
    )

    pdf.heading("Hendelser per kvartal")
    pdf.heading("1. kvartal", level=2)
    pdf.paragraph(
        "Det ble registrert 10.859 driftssaker, omtrent like mange som i første kvartal 2020 og det "
        "høyeste tallet for et første kvartal hittil. Kvartalet hadde 28 hendelser med prioritet A "
        "eller B, de fleste lokale strømbrudd eller feil som rammet én lokasjon eller få brukere."
    )
    pdf.heading("2. kvartal", level=2)
    pdf.paragraph(
        "Antallet driftssaker var 9.086, 6,4 % flere enn i samme kvartal året før. Det ble registrert "
        "17 hendelser med prioritet A eller B, igjen mest strømbrudd og lokale feil."
    )
    pdf.heading("3. kvartal", level=2)
    pdf.paragraph(
        "Skolestart og stortingsvalg ble gjennomført uten tekniske problemer. Antallet driftssaker var "
        "8.388, 14 % færre enn i tredje kvartal 2020. Det ble registrert 46 hendelser med prioritet A "
        "eller B, knyttet til 18 ulike hendelser, de fleste forårsaket av strømbrudd."
    )
    pdf.heading("4. kvartal", level=2)
    pdf.paragraph(
        "Kvartalet var stabilt. Antallet driftssaker var 7.893, 16,4 % færre enn året før, og det ble "
        "registrert 32 hendelser med prioritet A eller B, som regel strømbrudd eller maskinvarefeil på "
        "én lokasjon. I desember gikk mye tid med til å tette den kritiske sårbarheten i Log4j; "
        "det er ikke funnet tegn til at den ble utnyttet i systemer selskapet drifter."
    )

    pdf.heading("Måloppnåelse")
    pdf.grid(HIKT_SLA, widths=(38, 44, 34, 62), align=("LEFT", "LEFT", "RIGHT", "LEFT"))

    pdf.heading("Organisasjonen")
    pdf.paragraph("Kapasiteten ved utgangen av 2021 var i praksis den samme som ved utgangen av 2020.")
    pdf.grid(HIKT_STAFF, widths=(28, 70, 34, 40), align=("LEFT", "LEFT", "RIGHT", "RIGHT"))
    pdf.paragraph(
        "Veksten i årsverk de siste årene gjelder nye oppgaver for kommunene, som prosjektledelse, "
        "digitalisering og rådgivning, avtaleforvaltning og opplæring. Ved årsskiftet var 12 av 45 "
        "ansatte (lærlinger og midlertidig ansatte medregnet) kvinner, og 3 av 6 i ledergruppen. I løpet "
        "av året sluttet 3 ansatte, 2 gikk av med pensjon og 2 lærlinger/innleide forlot selskapet; 4 "
        "nyansatte og 2 lærlinger/innleide kom til."
    )
    pdf.keep_space(75)
    pdf.heading("Sykefravær", level=2)
    pdf.paragraph(
        "Sykefraværet for hele 2021 endte på 3,36 %, mot 1,84 % i 2020. Fraværet økte om høsten og "
        "skyldes i hovedsak et par langtidssykemeldinger; bare én av dem har sammenheng med jobben. "
        "Målet er et årlig sykefravær under 4 %, og det ble nådd."
    )
    pdf.line_text("Periode: 2021 4. kvartal")
    pdf.ln(1)
    pdf.grid(
        HIKT_SICK_LEAVE_Q4,
        widths=(30, 20, 22, 20, 22, 20, 22, 22),
        align=("LEFT",) + ("RIGHT",) * 7,
        font_size=8,
    )

    pdf.heading("Økonomi")
    pdf.paragraph(
        "Resultatet ble kr 1.761.942,- bedre enn budsjettert, blant annet på grunn av pandemien. "
        "Sammen med det budsjetterte overskuddet på kr 500.000,- settes kr 2.261.942,- av til "
        "disposisjonsfond, som dermed er kr 15.557.046,- ved utgangen av året. Planlagte ansettelser "
        "ble utsatt til 2022 fordi strategiarbeidet tok lengre tid enn ventet. Lavere lønns- og "
        "pensjonskostnader og mer salg av varer og tjenester til kommunene og andre kunder forklarer "
        "de største avvikene mot budsjett."
    )

    pdf.add_page()
    pdf.heading("§ 5-6 Økonomisk oversikt etter art – drift")
    pdf.line_text("Regnskap")
    pdf.ln(1)
    pdf.grid(
        HIKT_5_6,
        widths=(66, 10, 27, 25, 25, 25),
        align=("LEFT", "CENTER", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        font_size=7.5,
    )
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(
        0,
        4,
        "* Avsetningen er kr 1.761.942,50 høyere enn budsjettert, og budsjettert bruk av fond på "
        "kr 600.000,- er strøket, jf. § 4-3 i forskrift 7. juni 2019 nr. 714 om økonomiplan mv. for "
        "kommuner og fylkeskommuner.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(8)
    pdf.line_text("Hamar, 6. mai 2022")
    pdf.ln(4)
    pdf.line_text("Styreleder: Christl Kvam")
    pdf.line_text("Direktør: Edvard Lysne")
    return _save_pdf(pdf, path)


# --------------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------------


def write_sample_reports(out_dir: Path) -> list[Path]:
    """Write the five sample documents into out_dir and return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [
        write_vr_regnskap_og_lonn(out_dir / "vr-regnskap-og-lonn-2020.pdf"),
        write_varit(out_dir / "varit-2020.docx"),
        _write_text(out_dir / "okonomi-2020.md", OKONOMI_MD),
        _write_text(out_dir / "kommunedirektorens-omrader-2020.txt", KOMMUNEDIREKTOR_TXT),
        write_hedmark_ikt(out_dir / "hedmark-ikt-2021.pdf"),
    ]


def _write_text(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("bruk: python -m flows.samples.reports UTMAPPE", file=sys.stderr)
        return 2
    for path in write_sample_reports(Path(args[0])):
        print(f"{path}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
