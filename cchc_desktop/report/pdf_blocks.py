"""The fixed blocks of an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I), drawn
at exact places: the two-column head of page 1, the short rules, and the closing
block with Nơi nhận on the left and the signature on the right."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from cchc_desktop.export.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR
from cchc_desktop.export.text_wrap import text_width, wrap_text
from cchc_desktop.report.build import split_after_body_type
from cchc_desktop.report.model import Header, Signature

LEFT_COLUMN = 65 * mm      # unit and number; the rest of the width is the right column
HEADER_SIZE, MOTTO_SIZE, NUMBER_SIZE, DATE_SIZE = 13, 13, 13, 14
NATIONAL_SIZE = 12
HEADER_LEADING = 16
RULE_GAP = 5               # from a baseline down to the rule under it
GAP_BEFORE_NUMBER = 10
BODY_RULE_SHARE = 0.4      # rule under the issuing body: 1/3-1/2 of its width
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_TITLE = "Nơi nhận:"
RECIPIENTS_COLUMN = 80 * mm
RECIPIENTS_TITLE_SIZE, RECIPIENTS_SIZE, RECIPIENTS_LEADING = 12, 11, 13
SIGNER_SIZE, SIGNER_LEADING = 14, 17
SIGNING_SPACE = 70         # room for the signature and the seal
LINE_WIDTH = 0.6
DESCENT = 0.22             # below the baseline, in ems
NO_BREAK = "\u00a0"         # wrap_text breaks lines at plain spaces only


def place_date_lines(place_date: str, width: float) -> list[str]:
    """``Phường 1, ngày 05 tháng 3 năm 2024`` in lines of ``width``: a long place name may
    push the date to a line of its own, but the date itself ("ngày … tháng … năm …", the
    blanks of a draft included) is never broken."""
    place, found, date_part = place_date.rpartition("ngày")
    if not found:
        return wrap_text(place_date, ITALIC, DATE_SIZE, width)
    joined = place + found + date_part.replace(" ", NO_BREAK)
    return [line.replace(NO_BREAK, " ") for line in wrap_text(joined, ITALIC, DATE_SIZE, width)]


class OfficialHeader(Flowable):
    """Unit (parent body, issuing body, rule, Số) left; Quốc hiệu, Tiêu ngữ with its
    rule, and the place-and-date line right; the Số and date lines share a baseline."""

    def __init__(self, header: Header):
        super().__init__()
        self.header = header

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.right_width = available_width - LEFT_COLUMN
        self.left_lines = self._left_lines()
        self.date_lines = place_date_lines(self.header.place_date, self.right_width)
        rows = max(len(self.left_lines), 2)
        self.number_baseline = HEADER_SIZE * 0.9 + (rows - 1) * HEADER_LEADING + RULE_GAP + GAP_BEFORE_NUMBER + NUMBER_SIZE
        self.height = self.number_baseline + (len(self.date_lines) - 1) * HEADER_LEADING + DATE_SIZE * DESCENT
        return self.width, self.height

    def _left_lines(self) -> list[tuple[str, str]]:
        lines = []
        if self.header.parent_body:
            lines += [(REGULAR, line) for line in _parent_body_lines(self.header.parent_body)]
        for part in self.header.issuing_body:
            lines += [(BOLD, line) for line in wrap_text(part, BOLD, HEADER_SIZE, LEFT_COLUMN)]
        return lines

    def draw(self) -> None:
        canvas = self.canv
        left_centre, right_centre = LEFT_COLUMN / 2, LEFT_COLUMN + self.right_width / 2
        first = self.height - HEADER_SIZE * 0.9
        for index, (font, line) in enumerate(self.left_lines):
            canvas.setFont(font, HEADER_SIZE)
            canvas.drawCentredString(left_centre, first - index * HEADER_LEADING, line)
        body_lines = [line for font, line in self.left_lines if font == BOLD]
        last = first - (len(self.left_lines) - 1) * HEADER_LEADING
        body_width = max(text_width(line, BOLD, HEADER_SIZE) for line in body_lines)
        _centred_rule(canvas, left_centre, last - RULE_GAP, body_width * BODY_RULE_SHARE)
        canvas.setFont(BOLD, NATIONAL_SIZE)
        canvas.drawCentredString(right_centre, first, NATIONAL_NAME)
        canvas.setFont(BOLD, MOTTO_SIZE)
        canvas.drawCentredString(right_centre, first - HEADER_LEADING, MOTTO)
        motto_width = text_width(MOTTO, BOLD, MOTTO_SIZE)
        _centred_rule(canvas, right_centre, first - HEADER_LEADING - RULE_GAP, motto_width)
        number_y = self.height - self.number_baseline
        canvas.setFont(REGULAR, NUMBER_SIZE)
        canvas.drawCentredString(left_centre, number_y, self.header.number)
        canvas.setFont(ITALIC, DATE_SIZE)
        for index, line in enumerate(self.date_lines):
            canvas.drawCentredString(right_centre, number_y - index * HEADER_LEADING, line)


def _parent_body_lines(parent_body: str) -> list[str]:
    """One line when it fits; else broken after the body's type first ("ỦY BAN NHÂN DÂN" /
    "THÀNH PHỐ HẢI PHÒNG"), as the issuing body is, not wherever the width runs out."""
    if text_width(parent_body, REGULAR, HEADER_SIZE) <= LEFT_COLUMN:
        return [parent_body]
    return [line for part in split_after_body_type(parent_body)
            for line in wrap_text(part, REGULAR, HEADER_SIZE, LEFT_COLUMN)]


class CentredRule(Flowable):
    """A short horizontal rule, centred, as under the subject of the document."""

    def __init__(self, width: float, space_before: float = 6, space_after: float = 8):
        super().__init__()
        self.rule_width = width
        self.space_before = space_before
        self.space_after = space_after

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.space_before + self.space_after
        return self.width, self.height

    def draw(self) -> None:
        _centred_rule(self.canv, self.width / 2, self.space_after, self.rule_width)


class ClosingBlock(Flowable):
    """Nơi nhận (bold italic 12, list 11) on the left, level with the signer's authority
    line; the signature (bold caps authority and title, room to sign, bold name) on the right."""

    def __init__(self, recipients: tuple[str, ...], signature: Signature):
        super().__init__()
        self.recipients = recipients
        self.signature = signature

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.right_width = available_width - RECIPIENTS_COLUMN
        self.list_lines = [
            line for entry in self.recipients
            for line in wrap_text(entry, REGULAR, RECIPIENTS_SIZE, RECIPIENTS_COLUMN - 6)
        ]
        self.signer_lines = [
            line for text in (self.signature.authority, self.signature.title)
            for line in wrap_text(text, BOLD, SIGNER_SIZE, self.right_width)
        ]
        left = RECIPIENTS_TITLE_SIZE + len(self.list_lines) * RECIPIENTS_LEADING
        right = SIGNER_SIZE + (len(self.signer_lines) - 1) * SIGNER_LEADING + SIGNING_SPACE + SIGNER_SIZE
        self.height = max(left, right) + SIGNER_SIZE * DESCENT
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        first = self.height - SIGNER_SIZE
        canvas.setFont(BOLD_ITALIC, RECIPIENTS_TITLE_SIZE)
        canvas.drawString(0, first, RECIPIENTS_TITLE)
        canvas.setFont(REGULAR, RECIPIENTS_SIZE)
        for index, line in enumerate(self.list_lines, start=1):
            canvas.drawString(0, first - index * RECIPIENTS_LEADING, line)
        centre = RECIPIENTS_COLUMN + self.right_width / 2
        canvas.setFont(BOLD, SIGNER_SIZE)
        for index, line in enumerate(self.signer_lines):
            canvas.drawCentredString(centre, first - index * SIGNER_LEADING, line)
        if self.signature.name:
            name_y = first - (len(self.signer_lines) - 1) * SIGNER_LEADING - SIGNING_SPACE - SIGNER_SIZE
            canvas.drawCentredString(centre, name_y, self.signature.name)


def _centred_rule(canvas, centre: float, y: float, width: float) -> None:
    canvas.setLineWidth(LINE_WIDTH)
    canvas.line(centre - width / 2, y, centre + width / 2, y)
