"""The report as a PDF: the body on A4 portrait in the official layout, then the
appendix of task statuses on A4 landscape pages, Liberation Serif embedded.

Body pages are numbered from page 2, centred in the top margin; the appendix has its
own numbering (see ``pdf_status_pages``).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    BaseDocTemplate, Frame, KeepTogether, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer,
)

from cchc_desktop import __version__
from cchc_desktop.export.fonts import BOLD, ITALIC, REGULAR, register_fonts
from cchc_desktop.export.pdf_grid import draw_page_number
from cchc_desktop.report import pdf_status_pages as appendix_pages
from cchc_desktop.report.model import ReportDocument, Section
from cchc_desktop.report.pdf_blocks import CentredRule, ClosingBlock, OfficialHeader
from cchc_desktop.report.pdf_body_tables import counts_table, indicators_table

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20 * mm, 20 * mm, 30 * mm, 15 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm
BODY_SIZE, BODY_LEADING = 14, 17
PARAGRAPH_GAP = 6
FIRST_LINE_INDENT = 1.27 * cm
SUBJECT_RULE = 50 * mm

BODY = ParagraphStyle(
    "body", fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_LEADING, alignment=TA_JUSTIFY,
    firstLineIndent=FIRST_LINE_INDENT, spaceAfter=PARAGRAPH_GAP,
)
HEADING = ParagraphStyle("heading", parent=BODY, fontName=BOLD, keepWithNext=1)
CLOSING = ParagraphStyle("closing", parent=BODY, keepWithNext=1)
DOC_TYPE = ParagraphStyle(
    "doc_type", fontName=BOLD, fontSize=BODY_SIZE, leading=BODY_LEADING, alignment=TA_CENTER, spaceBefore=18,
)
SUBJECT = ParagraphStyle("subject", parent=DOC_TYPE, spaceBefore=0)
WINDOW = ParagraphStyle("window", parent=SUBJECT, fontName=ITALIC, spaceAfter=PARAGRAPH_GAP)
ADDRESSEE = ParagraphStyle("addressee", parent=SUBJECT, fontName=REGULAR, spaceAfter=PARAGRAPH_GAP * 2)
LEFT_TEXT = ParagraphStyle("left", parent=BODY, alignment=TA_LEFT)


def write_report_pdf(document: ReportDocument, path: Path) -> int:
    """Write ``document`` to ``path``; return the number of pages."""
    register_fonts()
    buffer = BytesIO()
    template = _document_template(buffer, document)
    story = [*_body(document), NextPageTemplate("appendix"), PageBreak(), *_appendix(document)]
    template.build(story)
    # Written here, in one go: a disk error then reaches the caller as a plain OSError.
    path.write_bytes(buffer.getvalue())
    return template.page


def _document_template(output: BytesIO, document: ReportDocument) -> BaseDocTemplate:
    template = BaseDocTemplate(
        output, pagesize=A4, title=f"{document.doc_type} {document.subject}", subject=document.window_line,
        author="", creator=f"CCHC Desktop {__version__}", lang="vi",
        initialFontName=REGULAR, initialFontSize=BODY_SIZE,  # else reportlab names Helvetica
        leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
    )
    body_frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TEXT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    landscape_frame = Frame(
        appendix_pages.MARGIN_LEFT, appendix_pages.MARGIN_BOTTOM, appendix_pages.FRAME_WIDTH,
        appendix_pages.FRAME_HEIGHT, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="appendix",
    )
    template.addPageTemplates([
        PageTemplate("body", [body_frame], onPage=_number_body_page, pagesize=A4),
        PageTemplate("appendix", [landscape_frame], pagesize=(appendix_pages.PAGE_WIDTH, appendix_pages.PAGE_HEIGHT)),
    ])
    return template


def _number_body_page(canvas, doc) -> None:
    if doc.page > 1:
        draw_page_number(canvas, doc.page, PAGE_WIDTH, PAGE_HEIGHT)


# Body ---------------------------------------------------------------------------------

def _body(document: ReportDocument) -> list:
    story = [
        OfficialHeader(document.header),
        _paragraph(document.doc_type, DOC_TYPE),
        _paragraph(document.subject, SUBJECT),
        CentredRule(SUBJECT_RULE),
        _paragraph(document.window_line, WINDOW),
    ]
    if document.recipient_line:
        story.append(_paragraph(document.recipient_line, ADDRESSEE))
    for section in document.sections:
        story += _section(section, document)
    return story[:-1] + [_signing_page_start(story[-1], document)]


def _signing_page_start(last_of_body, document: ReportDocument) -> KeepTogether:
    """The body's last paragraph held with Nơi nhận and the signature: a page carrying the
    signature alone could be put behind any text, so office practice never prints one."""
    return KeepTogether([last_of_body, Spacer(0, 4), ClosingBlock(document.recipients, document.signature)])


def _section(section: Section, document: ReportDocument) -> list:
    story = []
    if section.heading:
        story.append(_paragraph(section.heading, HEADING))
    style = CLOSING if section.key == "closing" else BODY
    story += [_paragraph(text, style) for text in section.paragraphs]
    if section.table == "counts":
        story.append(counts_table(document))
    elif section.table == "indicators":
        story.append(indicators_table(document))
    return story


def _paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


# Appendix -------------------------------------------------------------------------------

def _appendix(document: ReportDocument) -> list:
    story = []
    for index, page in enumerate(appendix_pages.status_pages(document)):
        if index:
            story.append(PageBreak())
        story.append(page)
    return story
